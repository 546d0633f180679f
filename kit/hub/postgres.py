"""A PostgreSQL server of the kit's own, from Debian's `postgresql` package: made, started, checked.

`strom-kit hub --init-db` and the tests need a PostgreSQL server on a fresh machine (CI runs as
root and has nothing running). Debian's package ships the server programs under
/usr/lib/postgresql/VERSION/bin; a `LocalCluster` keeps its data, socket, log and administrator
password in one folder and listens on 127.0.0.1 only. The server refuses to run as root, so as
root every server program runs as Debian's `postgres` user.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PG_ROOT = Path("/usr/lib/postgresql")
SERVER_USER = "postgres"
ADMIN = "postgres"
HOST = "127.0.0.1"
START_SECONDS = 60


class PostgresError(RuntimeError):
    """The local PostgreSQL server cannot be made or started, with what to do about it."""


def server_programs() -> Path:
    """The newest installed PostgreSQL's bin folder, or PostgresError saying how to install one."""
    found = sorted((p for p in PG_ROOT.glob("*/bin") if (p / "initdb").is_file() and (p / "pg_ctl").is_file()),
                   key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if not found:
        raise PostgresError("the PostgreSQL server is not installed: run `make postgresql` "
                            "(as root it runs apt-get install postgresql)")
    return found[-1]


def server_reachable(host: str, port: int, timeout: float = 2.0) -> bool:
    """True when something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class LocalCluster:
    """A PostgreSQL cluster in `folder` (data/, socket/, server.log, admin-password) on 127.0.0.1:`port`."""

    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def password_file(self) -> Path:
        return self.folder / "admin-password"

    def exists(self) -> bool:
        return (self.data / "PG_VERSION").is_file()

    def running(self) -> bool:
        return server_reachable(HOST, self.port, timeout=1.0)

    def admin_url(self, database: str = "postgres") -> str:
        """The administrator's SQLAlchemy URL for `database`."""
        password = quote(self.password_file.read_text().strip(), safe="")
        return f"postgresql://{ADMIN}:{password}@{HOST}:{self.port}/{database}"

    def init(self) -> None:
        """Make the cluster (once): UTF-8, password logins over TCP, the administrator's password kept
        in `admin-password` (readable by this process's user only)."""
        if self.exists():
            return
        programs = server_programs()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)  # the server's user must reach data/ and socket/
        password = secrets.token_urlsafe(24)
        self.password_file.write_text(password + "\n")
        self.password_file.chmod(0o600)
        for part in (self.data, self.folder / "socket"):
            part.mkdir(exist_ok=True)
            _give_to_server_user(part)
        self.data.chmod(0o700)
        with tempfile.NamedTemporaryFile("w", dir=self.folder, delete=False) as handle:
            handle.write(password + "\n")
        pwfile = Path(handle.name)
        try:
            _give_to_server_user(pwfile)
            _run_as_server([str(programs / "initdb"), "-D", str(self.data), "-U", ADMIN, f"--pwfile={pwfile}",
                            "--auth-local=peer", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                           what="initdb")
        finally:
            pwfile.unlink(missing_ok=True)

    def start(self) -> None:
        """Start the server and wait until it accepts connections (no-op when it already runs)."""
        if self.running():
            return
        if not self.exists():
            raise PostgresError(f"no PostgreSQL cluster in {self.folder}: run `strom-kit hub --init-db` first")
        programs = server_programs()
        if not self.log.exists():
            self.log.touch()
            _give_to_server_user(self.log)
        options = (f"-c listen_addresses={HOST} -p {self.port} -c unix_socket_directories={self.folder / 'socket'} "
                   "-c max_connections=300 -c shared_buffers=64MB")
        _run_as_server([str(programs / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                        "-t", str(START_SECONDS), "-o", options, "start"], what="pg_ctl start", log=self.log)
        deadline = time.monotonic() + START_SECONDS
        while not self.running():
            if time.monotonic() > deadline:
                raise PostgresError(f"PostgreSQL did not accept connections on {HOST}:{self.port}; see {self.log}")
            time.sleep(0.2)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`mode`: fast, or immediate to simulate a crash)."""
        if not self.exists():
            return
        programs = server_programs()
        _run_as_server([str(programs / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
                       what="pg_ctl stop", check=False)

    def remove(self) -> None:
        """Stop the server and delete the cluster's folder."""
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_root() -> bool:
    return os.geteuid() == 0


def _give_to_server_user(path: Path) -> None:
    if _as_root():
        try:
            entry = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise PostgresError(f"Debian's '{SERVER_USER}' user is missing: reinstall the postgresql package") from None
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _run_as_server(command: list[str], *, what: str, check: bool = True, log: Path | None = None) -> None:
    """Run a server program, as the `postgres` user when this process is root."""
    if _as_root():
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, cwd="/", check=False)
    if check and result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        tail = f"; see {log}" if log else ""
        raise PostgresError(f"{what} failed: {detail[-1] if detail else 'exit ' + str(result.returncode)}{tail}")

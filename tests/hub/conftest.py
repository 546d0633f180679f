"""Fixtures of the hub tests: a real PostgreSQL cluster, a real hub behind its real proxy, Chromium.

Each is skipped with the reason only where its tool cannot be installed here: `make test` installs
Debian's postgresql, the proxy from npm and Debian's chromium (as root).
"""

from __future__ import annotations

import csv
import io
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STROM_KIT = str(Path(sys.executable).with_name("strom-kit"))


def free_ports(count: int = 1) -> int:
    """A port such that it and the `count - 1` after it are free on 127.0.0.1."""
    for _ in range(200):
        start = 20000 + secrets.randbelow(30000)
        ok = True
        for port in range(start, start + count):
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return start
    raise RuntimeError("no free ports")


def open_folder(prefix: str) -> Path:
    """A new folder under /tmp that other users may pass through (servers' users, the postgres user)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o711)
    return folder


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL cluster of its own on a free port (Debian's server programs), removed afterwards."""
    from kit.hub.postgres import LocalCluster, PostgresError, server_programs

    try:
        server_programs()
    except PostgresError as exc:
        pytest.skip(str(exc))
    folder = open_folder("strom-pg-")
    folder.chmod(0o755)
    cluster = LocalCluster(folder / "cluster", free_ports())
    cluster.init()
    cluster.start()
    yield cluster
    cluster.remove()
    shutil.rmtree(folder, ignore_errors=True)


def strom_kit(*args: str, check: bool = True, timeout: float = 120, env: dict[str, str] | None = None):
    """Run the `strom-kit` command as a person would; the finished process."""
    result = subprocess.run([STROM_KIT, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                            env=env or dict(os.environ))
    if check and result.returncode != 0:
        raise AssertionError(f"strom-kit {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


@dataclass
class RunningHub:
    """A hub started by `strom-kit hub` for a test, with the accounts made for it."""

    state: Path
    port: int
    room: str
    passwords: dict[str, str]
    trainer: str
    outsider: str  # a participant of another room
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def participants(self) -> list[str]:
        return sorted(name for name in self.passwords if name.startswith(f"{self.room}-") and name != self.trainer)

    def settings(self):
        from kit.hub.settings import load_settings

        return load_settings(self.state)

    def start(self, *extra: str) -> None:
        """Start (or start again) the hub process and wait until its login page answers through the proxy."""
        with open(self.log, "ab") as sink:
            self.process = subprocess.Popen([STROM_KIT, "hub", "--state", str(self.state), "--port", str(self.port),
                                             "--notebooks", str(ROOT / "notebooks"), *extra],
                                            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
        wait_for(self.base + "/hub/login", self.process, self.log)

    def stop_hub_only(self) -> None:
        """Stop the hub process (SIGTERM, as a service manager would), leaving proxy and servers."""
        self.process.terminate()
        self.process.wait(timeout=90)


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"strom-kit hub exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {timeout} s:\n{log.read_text(errors='replace')[-4000:]}")


def make_room(state: Path, room: str, count: int, trainer: str | None = None) -> dict[str, str]:
    args = ["hub", "--state", str(state), "room", room, "--accounts", str(count)] + (["--trainer", trainer] if trainer else [])
    rows = csv.DictReader(io.StringIO(strom_kit(*args).stdout))
    return {row["account"]: row["password"] for row in rows}


def require_hub_tools() -> None:
    """Skip, with the reason, where the hub cannot run here."""
    from kit.hub.settings import HubSettingsError, find_proxy

    if os.geteuid() != 0:
        pytest.skip("the hub runs each account's server as its own system user: the hub tests need root")
    try:
        find_proxy()
    except HubSettingsError as exc:
        pytest.skip(str(exc))


def new_room_name() -> str:
    return "t" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(4))


def launch_hub(postgres, state: Path, room: str, passwords: dict[str, str], *, trainer: str = "", outsider: str = "",
               extra: tuple[str, ...] = ()):
    """Start `strom-kit hub --init-db` for the accounts already made in `state`; yields the RunningHub
    and stops it (`strom-kit hub stop`), removing its system users and state."""
    running = RunningHub(state=state, port=free_ports(3), room=room, passwords=passwords, trainer=trainer,
                         outsider=outsider, process=None, log=state / "hub.log")  # type: ignore[arg-type]
    try:
        running.start("--init-db", "--db", postgres.admin_url(f"hub_{room}"), *extra)
        yield running
    finally:
        strom_kit("hub", "--state", str(state), "stop", check=False, timeout=180)
        if running.process is not None and running.process.poll() is None:
            running.process.kill()
        for name in passwords:  # whatever of theirs still runs (the hub could not be asked), then the users
            user = f"sk-{name}"
            listing = subprocess.run(["ps", "-o", "pid=", "-u", user], capture_output=True, text=True).stdout
            for pid in listing.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            subprocess.run(["userdel", user], capture_output=True)
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="module")
def hub(postgres):
    """`strom-kit hub --init-db` on a free port with a room of 10 participants and its trainer, and a
    participant of another room."""
    require_hub_tools()
    state = open_folder("strom-hub-")
    room = new_room_name()
    passwords = make_room(state, room, 10, trainer=f"{room}-lead")
    outsider_room = room[:-1] + ("y" if room[-1] == "x" else "x")
    passwords.update(make_room(state, outsider_room, 1))
    yield from launch_hub(postgres, state, room, passwords, trainer=f"{room}-lead", outsider=f"{outsider_room}-01")

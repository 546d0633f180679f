"""The kernel server's client, the program the confined kernelspec runs: a kernel from the worker's server, else the chain.

`python -I -m kit.course.confine.kernel_client -f CONNECTION_FILE -- CHAIN…` is started by jupyter_client
(as root, outside any namespace). When `STROM_KIT_FORKSERVER` names the socket of a running
`kit.course.confine.kernel_server` of the same cohort (owned by root), it sends one request (the
connection file's content, the working folder, extra kernel arguments, JPY_PARENT_PID, and its
stdin, stdout and stderr as descriptors), then stands in for the kernel: SIGINT becomes an
`interrupt` message, SIGTERM a `kill`, and it exits as the kernel did. If it is SIGKILLed the
server's relay sees the socket close and kills the kernel with its pid namespace; if its parent
dies, it dies (pdeathsig). Without a server, or when the server cannot start the kernel, it
execs CHAIN, the confined chain of `kit.course.confine.installer`, unchanged. Kept to cheap imports: it
runs once per kernel.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Iterator

from kit.course.confine.linux import PR_SET_PDEATHSIG, prctl, unix_address

SERVER_VARIABLE = "STROM_KIT_FORKSERVER"  # the socket of this process's kernel server (set by installer.Sandbox.forkserver)


def main(argv: list[str] | None = None) -> None:
    """Run one kernel through the forkserver, or exec the chain; never returns."""
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--")
    own, chain = argv[:split], argv[split + 1:]
    connection_file = own[own.index("-f") + 1]
    server = os.environ.get(SERVER_VARIABLE)
    connection = _connect(server) if server and _serves(server, chain) else None
    if connection is None:
        os.execv(chain[0], chain)
    _set_pdeathsig()
    try:
        _request(connection, connection_file, _extra_arguments(chain, connection_file))
        reader = _lines(connection)
        started = next(reader, {"error": "the forkserver closed the connection"})
    except (OSError, ValueError) as error:
        started = {"error": f"{type(error).__name__}: {error}"}
    if "relay" not in started:
        print(f"[kernel_client] the forkserver did not start the kernel ({started.get('error')});"
              " starting the confined chain", file=sys.stderr, flush=True)
        connection.close()
        os.execv(chain[0], chain)
    signal.signal(signal.SIGINT, lambda *_: _tell(connection, b"interrupt\n"))
    signal.signal(signal.SIGTERM, lambda *_: _tell(connection, b"kill\n"))
    ended = next(reader, {"exit": 1})  # no status: the relay died, and the kernel with it
    _end_like(ended)


def _connect(path: str) -> socket.socket | None:
    """A connection to a root-owned forkserver at `path`, or None when there is none."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.settimeout(10)
        with unix_address(path) as address:
            connection.connect(address)
        connection.settimeout(None)
        _pid, uid, _gid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                                   struct.calcsize("3i")))
        if uid == 0:
            return connection
    except OSError:
        pass
    connection.close()
    return None


def _serves(server: str, chain: list[str]) -> bool:
    """Whether `server` is this cohort's: its socket sits beside the chain's runtime folder (a server
    of another cohort would give the kernel that cohort's view and runtime folder)."""
    if "--runtime" not in chain:
        return False
    runtime = chain[chain.index("--runtime") + 1]
    return os.path.dirname(os.path.abspath(server)) == os.path.join(os.path.dirname(runtime), "forkserver")


def _request(connection: socket.socket, connection_file: str, extra: list[str]) -> None:
    with open(connection_file, encoding="utf-8") as handle:
        content = handle.read()
    request = {"connection": content, "cwd": os.getcwd(), "args": extra,
               "parent_pid": os.environ.get("JPY_PARENT_PID", "")}
    stdio = [descriptor if _is_open(descriptor) else os.open(os.devnull, os.O_RDWR) for descriptor in (0, 1, 2)]
    socket.send_fds(connection, [json.dumps(request).encode() + b"\n"], stdio)


def _extra_arguments(chain: list[str], connection_file: str) -> list[str]:
    """What jupyter_client appended after the kernelspec's argv (its last `-f FILE`)."""
    last = max(index for index, arg in enumerate(chain) if arg == connection_file)
    return chain[last + 1:]


def _lines(connection: socket.socket) -> Iterator[dict]:
    pending = b""
    while True:
        data = connection.recv(4096)
        if not data:
            return
        pending += data
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield json.loads(line)


def _tell(connection: socket.socket, message: bytes) -> None:
    try:
        connection.sendall(message)
    except OSError:
        pass


def _end_like(ended: dict) -> None:
    """Exit with the kernel's status; a kernel killed by a signal kills this process the same way."""
    number = ended.get("signal")
    if number:
        if number != signal.SIGKILL:
            signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        os._exit(128 + number)
    os._exit(int(ended.get("exit", 1)))


def _set_pdeathsig() -> None:
    """Die with the kernel manager's process, as `setpriv --pdeathsig=KILL` makes the chain do."""
    with contextlib.suppress(OSError):  # as before the chain's setpriv: a refusal leaves the check below
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    parent = os.environ.get("JPY_PARENT_PID", "")
    if parent.isdigit() and os.getppid() != int(parent) and not _is_alive(int(parent)):
        os._exit(1)  # it died before pdeathsig was armed


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_open(descriptor: int) -> bool:
    try:
        os.fstat(descriptor)
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()

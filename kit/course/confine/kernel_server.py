"""The kernel server (a forkserver, "zygote") of one grading worker: confined learner kernels in milliseconds.

Started once per grading worker by `Sandbox.forkserver()` (as root) through the confined kernel's
outer chain: `setpriv --pdeathsig=KILL` -> `unshare --net --pid --fork --kill-child --mount-proc`
-> `env -i` -> `python -I -m kit.course.confine.kernel_server --socket SOCK --user … --runtime … …`.
It imports what a kernel and the kit's notebooks need (ipykernel, IPython, zmq, pandas, the kit's
assignments and knowledge base) without starting a thread or a zmq context, makes itself
non-dumpable, and listens on SOCK (0600, in the root-only `COHORT/.kit/forkserver/`). It never
reads a request and never runs learner code: per connection it only forks.

Per connection (from `kit.course.confine.kernel_client`, the kernelspec's program):
- the relay (root, forked from the server) checks the peer is root, reads the request (one JSON
  line: connection-file content, cwd, extra kernel args, JPY_PARENT_PID; the client's stdin,
  stdout and stderr come along as file descriptors), leaves the server's session, dies with it
  (pdeathsig), unshares mount, pid, network and IPC namespaces, enters the submission's whitelist
  view of the file system with `view.enter_view` (the chain's own code), forks the kernel, and
  then serves the client: `interrupt` -> SIGINT to the kernel, `kill` or the client's socket
  closing -> SIGKILL; when the kernel ends it sends its exit status and exits.
- the kernel (pid 1 of its own pid namespace, so whatever the learner spawns dies with it) mounts
  its /proc, takes the client's stdio, closes every other descriptor, sets the rlimits, drops to
  the grading user with no groups, no capabilities (bounding, inheritable and ambient sets too)
  and no new privileges, then dies with the relay (pdeathsig), checks all that in
  /proc/self/status, replaces the environment with `kernel_chain.clean_environment` and runs
  ipykernel in-process as `ipykernel_launcher` does, at the bottom of `main`, so it ends like a
  normal kernel.
Every kernel is a fresh fork of the server: it never shares a process with anyone else's code.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import resource
import select
import signal
import socket
import struct
import sys
from dataclasses import dataclass, field

from kit.course.confine.kernel_chain import clean_environment
from kit.course.confine.linux import (
    CLONE_NEWIPC,
    CLONE_NEWNET,
    CLONE_NEWNS,
    CLONE_NEWPID,
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    PR_CAP_AMBIENT,
    PR_CAP_AMBIENT_CLEAR_ALL,
    PR_CAPBSET_DROP,
    PR_SET_DUMPABLE,
    PR_SET_NO_NEW_PRIVS,
    PR_SET_PDEATHSIG,
    clear_capabilities,
    mount,
    prctl,
    unix_address,
    unshare,
)
from kit.course.confine.view import enter_view, python_trees

PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm", "ipykernel.debugger",
           "IPython", "IPython.core.interactiveshell", "IPython.core.completer", "IPython.core.history",
           "jupyter_client", "jupyter_client.session", "zmq", "zmq.eventloop.zmqstream", "tornado.ioloop",
           "tornado.platform.asyncio", "asyncio", "sqlite3", "psutil", "comm", "msgspec", "yaml", "numpy", "pandas",
           "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect", "IPython.extensions.storemagic",
           "faulthandler", "pdb", "kit.course.cohort.learner")
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1"}
MiB = 1024 * 1024
MAX_REQUEST = 1 << 20
REQUEST_S = 30
CONFINED_STATUS = {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"}


@dataclass(frozen=True)
class Confinement:
    """What every kernel of this server gets: its user, limits, runtime folder and readable trees."""

    user: pwd.struct_passwd
    memory_mb: int
    processes: int
    output_mb: int
    runtime: str | None
    readable: tuple[str, ...] = ()


@dataclass
class Kernel:
    """What the kernel process starts from (in the kernel, after the relay forked it)."""

    connection_file: str
    args: list[str]
    stdio: list[int]
    relay_alive: int
    parent_pid: str | None = None
    closing: list[socket.socket] = field(default_factory=list)


def main(argv: list[str] | None = None) -> None:
    """Serve until stopped; in a forked kernel, run ipykernel and end like `ipykernel_launcher`."""
    parser = argparse.ArgumentParser(prog="python -I -m kit.course.confine.kernel_server")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--output-mb", type=int, required=True)
    parser.add_argument("--runtime")
    parser.add_argument("--ready-fd", type=int, help="write 'ready' here once the socket listens")
    args = parser.parse_args(argv)
    confinement = Confinement(pwd.getpwnam(args.user), args.memory_mb, args.processes, args.output_mb,
                              args.runtime, tuple(python_trees()))
    _preload()
    prctl(PR_SET_DUMPABLE, 0)
    connection = _serve(args.socket, args.ready_fd)  # returns only in a freshly forked relay
    kernel = _relay(connection, confinement)  # returns only in the kernel the relay forked
    _become_kernel(kernel, confinement)
    from ipykernel.kernelapp import IPKernelApp

    # As `ipykernel_launcher` (IPKernelApp.launch_instance), but JPY_PARENT_PID is passed on: the
    # trait's default was read from the server's environment at import.
    app = IPKernelApp.instance(**({"parent_handle": int(kernel.parent_pid)} if kernel.parent_pid else {}))
    app.initialize(sys.argv[1:])
    app.start()
    _end()


def _preload() -> None:
    """Import what kernels need, once; a zygote must stay single-threaded to fork safely."""
    import importlib
    import threading

    os.environ.update(ONE_THREAD)
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # optional (debugpy); the kernel imports it if it exists
            continue
    # The kit's data the kernels read, loaded once here (what kernels use, not this server's wiring).
    from kit.content import load
    from kit.course.cohort.assignments import load_assignments

    load_assignments()
    load()
    if threading.active_count() != 1 or len(os.listdir("/proc/self/task")) != 1:
        raise SystemExit("kernel forkserver: preloading started a thread; refusing to fork kernels from it")


def _serve(path: str, ready_fd: int | None) -> socket.socket:
    """Accept and fork, forever. Returns only in a child (the relay), with its connection."""
    server_pid = os.getpid()

    def reap(*_: object) -> None:  # the relays, and orphans: the server is pid 1 of its namespace
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
    def stop(*_: object) -> None:  # as pid 1, its exit kills every relay and kernel of the namespace
        if os.getpid() == server_pid:
            _unlink(path)
            os._exit(0)

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    _unlink(path)
    with unix_address(path) as address:
        listener.bind(address)
    os.chmod(path, 0o600)
    listener.listen(16)
    if ready_fd is not None:
        os.write(ready_fd, b"ready\n")
        os.close(ready_fd)
    while True:
        connection, _address = listener.accept()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
                signal.signal(number, signal.SIG_DFL)
            listener.close()
            return connection
        connection.close()


def _relay(connection: socket.socket, confinement: Confinement) -> Kernel:
    """Read the request, enter fresh namespaces, fork the kernel, then relay until it ends.

    Returns only in the kernel; the relay itself leaves with os._exit.
    """
    try:
        os.setsid()
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # (the server is pid 1 here: if it goes, all goes)
        request, stdio = _receive(connection)
        unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC)
        connection_file = enter_view(request["connection"].encode(), work=request["cwd"],
                                     readable=list(confinement.readable), runtime=confinement.runtime,
                                     size_mb=confinement.output_mb, user=confinement.user)
        alive_read, alive_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
    except BaseException as error:  # noqa: BLE001  (the relay must never fall back into the server's code)
        _send(connection, {"error": f"{type(error).__name__}: {error}"})
        os._exit(1)
    if pid == 0:
        os.close(alive_write)
        parent = str(request.get("parent_pid") or "")
        return Kernel(connection_file, [str(arg) for arg in request.get("args", [])], stdio, alive_read,
                      parent if parent.isdigit() else None, [connection])
    try:
        os.close(alive_read)
        for descriptor in stdio:
            os.close(descriptor)
        _send(connection, {"relay": os.getpid()})
        _send(connection, _watch(connection, pid))
    finally:
        os._exit(0)


def _receive(connection: socket.socket) -> tuple[dict, list[int]]:
    """The request line and the client's stdio descriptors; only root may ask."""
    _pid, uid, _gid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                               struct.calcsize("3i")))
    if uid != 0:
        raise PermissionError(f"forkserver client is uid {uid}, not root")
    connection.settimeout(REQUEST_S)
    data, stdio, _flags, _address = socket.recv_fds(connection, 65536, 3)
    while not data.endswith(b"\n"):
        more = connection.recv(65536)
        if not more or len(data) > MAX_REQUEST:
            raise ValueError("incomplete request")
        data += more
    connection.settimeout(None)
    if len(stdio) != 3:
        raise ValueError("the request must carry stdin, stdout and stderr")
    request = json.loads(data)
    if not isinstance(request.get("connection"), str) or not os.path.isabs(str(request.get("cwd"))):
        raise ValueError("the request needs the connection file's content and an absolute cwd")
    return request, list(stdio)


def _watch(connection: socket.socket, pid: int) -> dict[str, int]:
    """Relay the client's interrupt and kill to the kernel until it ends; its exit status."""
    signal.signal(signal.SIGINT, lambda *_: _kill(pid, signal.SIGINT))
    signal.signal(signal.SIGTERM, lambda *_: _kill(pid, signal.SIGKILL))
    ended = os.pidfd_open(pid)
    pending = b""
    while True:
        ready, _, _ = select.select([connection.fileno(), ended], [], [])
        if ended in ready:
            break
        data = connection.recv(4096)
        if not data:  # the client is gone (SIGKILLed by its kernel manager): so is the kernel
            _kill(pid, signal.SIGKILL)
            break
        pending += data
        *commands, pending = pending.split(b"\n")
        for command in commands:
            if command == b"interrupt":
                _kill(pid, signal.SIGINT)
            elif command == b"kill":
                _kill(pid, signal.SIGKILL)
    _pid, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status)}
    return {"exit": os.WEXITSTATUS(status)}


def _become_kernel(kernel: Kernel, confinement: Confinement) -> None:
    """In the kernel (pid 1 of a new pid namespace, root): confine this process for good."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGTERM, signal.SIGCHLD):
        signal.signal(number, signal.SIG_DFL)
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for target, descriptor in enumerate(kernel.stdio):
        os.dup2(descriptor, target)
    for sock in kernel.closing:
        sock.close()
    os.closerange(3, kernel.relay_alive)  # the server's socket, the request's descriptors, anything else
    os.closerange(kernel.relay_alive + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    user = confinement.user
    for kind, value in ((resource.RLIMIT_AS, confinement.memory_mb * MiB), (resource.RLIMIT_NPROC, confinement.processes),
                        (resource.RLIMIT_FSIZE, confinement.output_mb * MiB), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(kind, (value, value))
    with open("/proc/sys/kernel/cap_last_cap", encoding="ascii") as handle:
        last_cap = int(handle.read())
    for capability in range(last_cap + 1):
        prctl(PR_CAPBSET_DROP, capability)
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    os.setgroups([])
    os.setresgid(user.pw_gid, user.pw_gid, user.pw_gid)
    os.setresuid(user.pw_uid, user.pw_uid, user.pw_uid)  # clears the permitted and effective sets
    clear_capabilities()  # and the inheritable set
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # after setuid, which clears it
    if select.select([kernel.relay_alive], [], [], 0)[0]:  # EOF: the relay died before pdeathsig was set
        os._exit(1)
    os.close(kernel.relay_alive)
    prctl(PR_SET_DUMPABLE, 1)  # as after the chain's execs: the learner's own /proc entries are its own
    _verify(user)
    environment = {"JPY_PARENT_PID": kernel.parent_pid} if kernel.parent_pid else {}
    os.environ.clear()
    os.environ.update(environment)
    os.environ.update(clean_environment("/tmp"))
    sys.dont_write_bytecode = True  # PYTHONDONTWRITEBYTECODE of the clean environment
    # The learner's folder on sys.path as IPython puts it for a kernel run without -I (the
    # server's -I sets sys.flags.safe_path, and IPython then leaves it out): before site-packages.
    sites = [index for index, entry in enumerate(sys.path) if os.path.basename(entry) in ("site-packages", "dist-packages")]
    if "" not in sys.path:
        sys.path.insert(sites[0] if sites else 0, "")
    if "numpy.random" in sys.modules:  # seeded once in the server: every kernel would draw the same
        sys.modules["numpy.random"].seed()
    import importlib.util

    launcher = importlib.util.find_spec("ipykernel_launcher")
    sys.argv = [launcher.origin if launcher and launcher.origin else "ipykernel_launcher", "-f",
                kernel.connection_file, *kernel.args]


def _end() -> None:
    """Leave as an interpreter does (atexit: IPython saves its history, stops its threads), less the
    teardown of ~900 modules (0.2 s); nothing the kernel wrote to disk outlives it anyway."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None:  # a process started without that stream
            continue
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            continue
    os._exit(0)


def _verify(user: pwd.struct_passwd) -> None:
    """Leave unless /proc/self/status shows the grading user, no capabilities, no new privileges."""
    with open("/proc/self/status", encoding="ascii") as handle:
        status = dict(line.split(":", 1) for line in handle.read().splitlines() if ":" in line)
    uids, gids = status["Uid"].split(), status["Gid"].split()
    ok = (uids == [str(user.pw_uid)] * 4 and gids == [str(user.pw_gid)] * 4 and not status["Groups"].strip()
          and all(int(status[name], 16) == 0 for name in CONFINED_STATUS) and status["NoNewPrivs"].strip() == "1")
    if not ok:
        os.write(2, b"kernel forkserver: the kernel is not confined as required; stopping it\n")
        os._exit(70)


def _send(connection: socket.socket, message: dict) -> None:
    try:
        connection.sendall(json.dumps(message).encode() + b"\n")
    except OSError:
        pass


def _kill(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


if __name__ == "__main__":
    main()

"""The room's kernel parent: a process with the kit preloaded that forks each participant's kernel.

Started by the server (`kit.apps.kernels.supervisor`) as `python -m kit.apps.kernels.parent
--socket SOCK --server-pid PID`. It imports what a page's kernel needs (ipykernel, IPython, zmq,
pandas, ipywidgets, every app module of the kit) and loads the content snapshot and the other
cached catalogues, without starting a thread, a zmq context or a database connection; then it
freezes its objects out of the garbage collector's reach (so forked kernels keep sharing its
pages copy-on-write) and listens on SOCK (0600, in a folder only the server's user can enter).

It never runs participant input: per connection it reads one JSON line from the server (the
kernel's argv after the interpreter, its environment and working folder), forks a short-lived
intermediate process and reaps it. The intermediate forks the kernel, sends its pid back and
exits, so the kernel is handed to the server (a child subreaper) as its own child: the server
reaps it, signals it and sees it end as it would a kernel it had started itself, and the kernel
outlives a parent that dies. The kernel leaves the parent's session and descriptors behind,
waits until it belongs to the server, dies with the server (pdeathsig), takes the request's
environment and folder and runs ipykernel in-process as `ipykernel_launcher` would.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import json
import os
import pkgutil
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import kit.apps

# What every page's kernel imports; the kit's app modules are added by walking kit.apps.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm", "ipykernel.debugger",
           "ipykernel.eventloops", "ipykernel.displayhook", "ipykernel.iostream",
           "IPython", "IPython.core.interactiveshell", "IPython.core.completer", "IPython.core.history",
           "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect", "IPython.display",
           "IPython.extensions.storemagic", "jupyter_client", "jupyter_client.session", "zmq",
           "zmq.eventloop.zmqstream", "tornado.ioloop", "tornado.platform.asyncio", "asyncio", "sqlite3", "comm",
           "yaml", "numpy", "pandas", "ipywidgets", "ipywidgets.widgets", "matplotlib", "matplotlib.figure",
           "matplotlib.backends.backend_agg", "networkx", "sqlalchemy",
           "faulthandler", "pdb", "debugpy", "psutil", "alembic", "PIL", "kit.content", "kit.cases", "kit.mapping",
           "kit.nrm", "kit.nrm.scenario", "kit.store", "kit.store.migrate")
# Modules of kit.apps that belong to the server, not to a page's kernel.
SERVER_SIDE = ("kit.apps.kernels", "kit.apps.room_kernels", "kit.apps.serving")
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1"}
PR_SET_PDEATHSIG = 1
PR_SET_NAME = 15
# Process names (ps -o comm, /proc/PID/comm): forked kernels share the parent's command line.
PARENT_NAME = b"strom-kparent"
KERNEL_NAME = b"strom-kernel"
MAX_REQUEST = 1 << 20
REQUEST_SECONDS = 10
HANDOVER_SECONDS = 5.0


@dataclass(frozen=True)
class Request:
    """One kernel to start: ipykernel's arguments, its environment and its working folder."""

    args: list[str]
    env: dict[str, str]
    cwd: str


def main(argv: list[str] | None = None) -> None:
    """Preload, then serve until stopped; in a forked kernel, run ipykernel and end like one."""
    parser = argparse.ArgumentParser(prog="python -m kit.apps.kernels.parent")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--ready-fd", type=int, help="write 'ready' here once the socket listens")
    options = parser.parse_args(argv)
    _die_with(options.server_pid)
    _name(PARENT_NAME)
    preload()
    request = _serve(options.socket, options.ready_fd)  # returns only in a freshly forked kernel
    _become_kernel(request, options.server_pid)
    # As `ipykernel_launcher` (IPKernelApp.launch_instance); the parent pid is passed on because
    # the trait's default was read from the parent's environment at import.
    app = _kernel_app_class().instance(parent_handle=options.server_pid)
    app.initialize(sys.argv[1:])
    _register_import_time_hooks()
    app.start()
    _end()


def _kernel_app_class() -> Any:
    """IPKernelApp whose output socket queues every message instead of dropping what is over 1000.

    Opening the classifier's material sends some 900 widget messages at once. When 30 kernels do it
    together the server reads them late; ZeroMQ's default limit then dropped the overflow (a page
    lost its case title, or the idle status its click waited for).
    """
    from ipykernel.kernelapp import IPKernelApp
    from zmq.constants import SocketOption

    class RoomKernelApp(IPKernelApp):
        def init_iopub(self, context: Any) -> None:  # a zmq.Context
            context.setsockopt(SocketOption.SNDHWM, 0)  # sockets made from here on (the output socket first)
            super().init_iopub(context)

    return RoomKernelApp


def preload() -> list[str]:
    """Import what kernels need and fill the kit's caches, once; the modules that failed to import.
    A parent must stay single-threaded to fork safely."""
    import threading

    os.environ.update(ONE_THREAD)
    missing = []
    for name in (*PRELOAD, *_app_modules()):
        try:
            importlib.import_module(name)
        except ImportError:  # optional (debugpy, a module of the kit being written): the kernel imports it
            missing.append(name)
    _warm_caches()
    if threading.active_count() != 1 or len(os.listdir("/proc/self/task")) != 1:
        raise SystemExit("kernel parent: preloading started a thread; refusing to fork kernels from it")
    gc.collect()
    gc.freeze()  # the kernels' collector never walks (and so never copies) what was loaded here
    return missing


def _app_modules() -> list[str]:
    return [info.name for info in pkgutil.walk_packages(kit.apps.__path__, "kit.apps.")
            if not info.name.startswith(SERVER_SIDE)]


def _warm_caches() -> None:
    """Load what the apps read on their first page: the knowledge base (its snapshot), the case bank,
    the referral chain, the mapping catalogue and profiles. A catalogue that fails here fails again,
    with its message, in the page that needs it."""
    # Imported here, not at the top: loading them in the parent before it forks is this function's job.
    from kit.cases.bank import load_bank
    from kit.cases.narrative import surface
    from kit.content import load
    from kit.mapping.profiles import load_profile, shipped_profiles
    from kit.mapping.risk_and_measures import catalogue
    from kit.nrm.chain import load_chain

    warmers: list[Callable[[], object]] = [load, load_bank, surface, load_chain, catalogue]
    warmers += [partial(load_profile, name) for name in shipped_profiles()]
    for warm in warmers:
        try:
            warm()
        except Exception:  # noqa: BLE001 - reported where a page needs it, not here
            continue


def _serve(path: str, ready_fd: int | None) -> Request:
    """Accept and fork, forever. Returns only in a forked kernel, with its request."""
    parent_pid = os.getpid()

    def stop(*_: object) -> None:
        if os.getpid() == parent_pid:
            _unlink(path)
            os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    _unlink(path)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    if ready_fd is not None:
        os.write(ready_fd, b"ready\n")
        os.close(ready_fd)
    while True:
        connection, _address = listener.accept()
        try:
            request = _receive(connection)
        except (OSError, ValueError) as error:
            _send(connection, {"error": f"{type(error).__name__}: {error}"})
            connection.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        intermediate = os.fork()
        if intermediate == 0:
            _hand_over(connection, listener, request)  # returns only in the kernel
            return request
        connection.close()
        os.waitpid(intermediate, 0)


def _receive(connection: socket.socket) -> Request:
    """The request line; only a process of this user (the server) may ask."""
    _pid, uid, _gid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                               struct.calcsize("3i")))
    if uid != os.getuid():
        raise PermissionError(f"kernel parent: a client of uid {uid} asked for a kernel")
    connection.settimeout(REQUEST_SECONDS)
    data = b""
    while not data.endswith(b"\n"):
        more = connection.recv(65536)
        if not more or len(data) > MAX_REQUEST:
            raise ValueError("incomplete request")
        data += more
    raw = json.loads(data)
    args, env, cwd = raw.get("args"), raw.get("env"), raw.get("cwd")
    if not (isinstance(args, list) and all(isinstance(arg, str) for arg in args) and "-f" in args):
        raise ValueError("the request needs ipykernel's arguments with -f CONNECTION_FILE")
    if not (isinstance(env, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())):
        raise ValueError("the request's environment must map names to strings")
    if not (isinstance(cwd, str) and os.path.isabs(cwd)):
        raise ValueError("the request needs an absolute working folder")
    return Request(args, env, cwd)


def _hand_over(connection: socket.socket, listener: socket.socket, request: Request) -> None:
    """In the intermediate: fork the kernel, tell the server its pid, exit. Returns only in the kernel."""
    try:
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        intermediate = os.getpid()
        kernel = os.fork()
        if kernel == 0:
            listener.close()
            connection.close()
            _wait_for_handover(intermediate)
            return
        _send(connection, {"pid": kernel})
    except BaseException as error:  # noqa: BLE001 - the intermediate must never fall back into the parent's loop
        _send(connection, {"error": f"{type(error).__name__}: {error}"})
    os._exit(0)


def _wait_for_handover(intermediate: int) -> None:
    deadline = time.monotonic() + HANDOVER_SECONDS
    while os.getppid() == intermediate:
        if time.monotonic() > deadline:
            os._exit(1)
        time.sleep(0.0005)


def _become_kernel(request: Request, server_pid: int) -> None:
    """In the kernel, now the server's child: its own session, the server's lifetime, the request's
    environment and folder, ipykernel's arguments."""
    os.setsid()  # its own process group: an interrupt reaches this kernel and what it started only
    _die_with(server_pid)
    _name(KERNEL_NAME)
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGTERM, signal.SIGCHLD):
        signal.signal(number, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.closerange(3, _max_descriptors())
    os.environ.clear()
    os.environ.update(request.env)
    os.environ["JPY_PARENT_PID"] = str(server_pid)
    os.chdir(request.cwd)
    if "" not in sys.path:  # the notebook's folder first, as for `python -m ipykernel_launcher`
        sys.path.insert(0, "")
    if "numpy.random" in sys.modules:  # seeded once in the parent: every kernel would draw the same
        sys.modules["numpy.random"].seed()
    gc.enable()
    launcher = importlib.util.find_spec("ipykernel_launcher")
    # A page's kernel keeps no input history: a room's kernels would all write one SQLite file at once.
    sys.argv = [launcher.origin if launcher and launcher.origin else "ipykernel_launcher", *request.args,
                "--HistoryManager.enabled=False"]


def _register_import_time_hooks() -> None:
    """What preloaded modules do at import when they find a running IPython, done now that there
    is one: ipywidgets registers its comm targets (without `jupyter.widget.control` a page would
    fetch its widgets one by one). matplotlib_inline is not preloaded: it hooks into IPython when
    the kernel imports it."""
    import ipywidgets

    ipywidgets.register_comm_target()


def _die_with(pid: int) -> None:
    """Receive SIGKILL when the parent process ends, and leave now if it is not `pid` (already gone)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != pid:
        os._exit(1)


def _name(name: bytes) -> None:
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_NAME, ctypes.c_char_p(name), 0, 0, 0)


def _max_descriptors() -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def _end() -> None:
    """Leave as an interpreter does (atexit: IPython saves its history, stops its threads), less the
    teardown of ~1000 modules; nothing the kernel wrote to disk outlives it anyway."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None:  # no console at all
            continue
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            continue
    os._exit(0)


def _send(connection: socket.socket, message: dict) -> None:
    try:
        connection.sendall(json.dumps(message).encode() + b"\n")
    except OSError:
        pass


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


if __name__ == "__main__":
    main()

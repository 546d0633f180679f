"""The server's side of the kernel parent: starts it with the server, restarts it when it dies,
and asks it for kernels.

One `KernelParent` per server (`start_parent`). The server becomes a child subreaper, so every
kernel the parent forks is handed over to the server as its own child. A watcher thread restarts a
parent that died (after a pause that grows while it keeps dying); while there is none, `fork_kernel`
answers None and the page's kernel starts the usual way.
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37
# A parent being started (preloading takes 1-2 s) is worth waiting for: a cold start meanwhile
# would cost the page more and slow the parent down.
STARTING_WAIT_SECONDS = 20.0
REPLY_SECONDS = 15.0
RESTART_PAUSES = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
STABLE_SECONDS = 30.0

_log = logging.getLogger("strom.kernels")
_current: KernelParent | None = None


class KernelParent:
    """A preloaded parent process that forks kernels, kept alive for as long as the server runs."""

    def __init__(self, folder: Path | None = None, log: logging.Logger | None = None) -> None:
        self.folder = Path(folder or tempfile.mkdtemp(prefix="strom-kernel-parent-"))
        self.socket = self.folder / "parent.sock"
        self.log = log or _log
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.restarts = 0
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """True while a parent is up and listening."""
        process = self.process
        return self._ready.is_set() and process is not None and process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self) -> None:
        """Start the parent and its watcher (the server becomes a child subreaper first)."""
        os.chmod(self.folder, 0o700)
        become_subreaper()
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="strom-kernel-parent", daemon=True)
        self._watcher.start()

    def stop(self) -> None:
        """Stop the parent for good (its kernels live on: they are the server's children)."""
        self._stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _spawn(self) -> None:
        with self._lock:
            self._ready.clear()
            ready_read, ready_write = os.pipe()
            try:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "kit.apps.kernels.parent", "--socket", str(self.socket),
                     "--server-pid", str(os.getpid()), "--ready-fd", str(ready_write)],
                    pass_fds=(ready_write,), stdin=subprocess.DEVNULL, start_new_session=True,
                    # debugpy's note on frozen modules, printed once by the parent instead of by every kernel
                    env=dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1"))
            finally:
                os.close(ready_write)
            self.started_at = time.monotonic()
        threading.Thread(target=self._await_ready, args=(ready_read, self.process), daemon=True,
                         name="strom-kernel-parent-ready").start()

    def _await_ready(self, descriptor: int, process: subprocess.Popen) -> None:
        with os.fdopen(descriptor, "rb") as pipe:
            line = pipe.readline()
        if line.strip() == b"ready" and process is self.process and process.poll() is None:
            self.log.info("Kernel parent %d ready after %.1f s", process.pid, time.monotonic() - self.started_at)
            self._ready.set()

    def _watch(self) -> None:
        """Restart the parent whenever it dies, until the server stops."""
        failures = 0
        while not self._stopping.is_set():
            process = self.process
            status = process.wait() if process is not None else None
            if self._stopping.is_set():
                return
            self._ready.clear()
            lived = time.monotonic() - self.started_at
            failures = 0 if lived > STABLE_SECONDS else failures + 1
            pause = RESTART_PAUSES[min(failures, len(RESTART_PAUSES) - 1)]
            self.log.warning("Kernel parent ended (status %s) after %.0f s; pages start kernels the usual way "
                             "until it is back (restart in %.1f s)", status, lived, pause)
            if self._stopping.wait(pause):
                return
            self.restarts += 1
            self._spawn()

    async def fork_kernel(self, args: list[str], env: dict[str, str], cwd: str) -> int | None:
        """The pid of a new kernel forked with ipykernel's `args`, `env` and `cwd`, or None when the
        parent cannot give one now (the caller then starts the kernel the usual way)."""
        if not self.ready:
            deadline = self.started_at + STARTING_WAIT_SECONDS
            process = self.process
            while (not self.ready and process is not None and process.poll() is None
                   and time.monotonic() < deadline and not self._stopping.is_set()):
                await asyncio.sleep(0.05)
            if not self.ready:
                return None
        try:
            reader, writer = await asyncio.open_unix_connection(str(self.socket))
        except OSError as error:
            self.log.warning("Kernel parent unreachable (%s); starting the kernel the usual way", error)
            return None
        try:
            writer.write(json.dumps({"args": args, "env": env, "cwd": cwd}).encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), REPLY_SECONDS)
        except (TimeoutError, OSError) as error:
            self.log.warning("Kernel parent did not answer (%s); starting the kernel the usual way", error)
            return None
        finally:
            writer.close()
        try:
            reply = json.loads(line) if line else {"error": "the parent closed the connection"}
        except ValueError:
            reply = {"error": f"unreadable reply {line[:80]!r}"}
        pid = reply.get("pid")
        if not isinstance(pid, int):
            self.log.warning("Kernel parent refused a kernel (%s); starting it the usual way", reply.get("error"))
            return None
        return pid


def become_subreaper() -> None:
    """Make this process adopt its orphaned descendants (the kernels the parent forks)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def is_subreaper() -> bool:
    """Whether this process adopts its orphaned descendants."""
    flag = ctypes.c_int(0)
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(flag), 0, 0, 0) == 0 and flag.value == 1


def start_parent(log: logging.Logger | None = None) -> KernelParent:
    """Start this server's kernel parent (once); it stops when the server exits."""
    global _current
    if _current is None:
        _current = KernelParent(log=log)
        _current.start()
        atexit.register(_current.stop)
    return _current


def current_parent() -> KernelParent | None:
    """This server's kernel parent, or None when kernels start the usual way."""
    return _current


def stop_parent() -> None:
    """Stop this server's kernel parent (tests; the server stops it at exit)."""
    global _current
    if _current is not None:
        _current.stop()
        _current = None


"""The installer of a cohort's confined grading kernel, which runs learner submissions during autograding.

`install_kernel(cohort)` writes the kernelspec `strom-kit-confined` under `COHORT/.kit/share/jupyter`
(and `COHORT/.kit/sandbox.json`, which `load_sandbox(cohort)` reads back) and returns a `Sandbox`: the nbgrader config and the environment the grading process must use,
and `level`, the isolation actually in force.

As root, with `unshare`, `setpriv` and `prlimit`, the kernel runs in this chain (STACK_NOTES):
`setpriv --pdeathsig=KILL` -> `unshare --net --pid --fork --kill-child --mount-proc` ->
`kit.course.confine.kernel_chain` (still root, in the kernel's own mount namespace: builds its view of
the file system) -> `setpriv` to `strom-grader` (no new privileges, no capabilities, no groups)
-> `prlimit --as --nproc --fsize --core` -> `env -i` -> `python -m ipykernel_launcher`.
The kernelspec runs that chain through `kit.course.confine.kernel_client`, which instead asks the grading
worker's forkserver for the kernel when `Sandbox.forkserver()` runs one: the same confinement,
in a fresh fork of a process that preloaded ipykernel, pandas and the kit (milliseconds instead
of most of a second per kernel; see `kit.course.confine.kernel_server`). Without a server (the
plain `nbgrader autograde` CLI, say) the chain runs as before.

The kernel's view of the file system is a whitelist (`kit.course.confine.view`): in its own mount
namespace the launcher pivots into a new root holding only the Python installation and the kit
package (read-only; of a project checkout only its `kit/` folder), the system's libraries and
programs (read-only), the submission's autograded folder as an overlay whose writes land in the
kernel's private `/tmp` and vanish with it, the kernel's own ipc socket folder, a private `/tmp`
(`output_mb`, the kernel's HOME), a few devices, its own `/proc` and a small `/etc` of its own.
So nothing on disk changes mode or owner, and inside the kernel the cohort (secret, gradebook,
`material/`, `submitted/`, other learners' folders, connection files), the material's source,
home folders and project checkouts do not exist.

Without root or those tools the kernel only gets resource limits and a clean environment
(`level` says so). The kernel manager talks to the kernel over ipc sockets with an absolute path
in the runtime folder, since a kernel without network cannot reach TCP ports. nbgrader's
`Execute` ignores a configured `kernel_manager_class`, so the transport is set on `KernelManager`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pwd
import select
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kit.course.confine.kernel_client import SERVER_VARIABLE

KERNEL_NAME = "strom-kit-confined"
GRADER_USER = "strom-grader"
SERVER_ENVIRONMENT = ("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "OPENBLAS_NUM_THREADS=1",
                      "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "NUMEXPR_NUM_THREADS=1", "MPLBACKEND=agg",
                      "PYDEVD_DISABLE_FILE_VALIDATION=1")  # debugpy's import-time warning, once per server
SERVER_START_S = 60
KERNEL_STOP_S = 2.0


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading kernel (output_mb: largest file the learner may write)."""

    memory_mb: int = 1536
    processes: int = 128
    output_mb: int = 64


@dataclass(frozen=True)
class Sandbox:
    """An installed confined kernel: where its spec lives and what isolation it gives."""

    kernel_name: str
    data_dir: Path
    runtime_dir: Path
    level: tuple[str, ...]
    server_argv: tuple[str, ...] = ()  # the forkserver's command, less `--socket`; () when it cannot confine

    def nbgrader_config(self) -> dict:
        """Config to merge into nbgrader's (or an nbclient `NotebookClient`'s) `Config`.

        The ipc path is new on every call: call it once per grading process, whose kernels run
        one after another (as nbgrader's do).
        """
        ipc = self.runtime_dir / uuid.uuid4().hex[:12] / "k"  # a socket folder of its own (made by the launcher)
        return {
            "Execute": {"kernel_name": self.kernel_name},
            # a kernel that does not stop is killed after 2 s, not 5: it holds nothing to save (the
            # overlay and /tmp vanish with it), and a looping learner should not hold a worker longer
            "KernelManager": {"transport": "ipc", "ip": str(ipc), "shutdown_wait_time": KERNEL_STOP_S},
        }

    def environ(self) -> dict[str, str]:
        """Environment variables the grading process must set (merged over its own)."""
        paths = [str(self.data_dir)]
        if os.environ.get("JUPYTER_PATH"):
            paths.append(os.environ["JUPYTER_PATH"])
        return {"JUPYTER_PATH": os.pathsep.join(paths), "JUPYTER_RUNTIME_DIR": str(self.runtime_dir)}

    @contextlib.contextmanager
    def forkserver(self, user: str | None = None) -> Iterator[str | None]:
        """Run this process's kernel forkserver while the block runs (a grading worker's whole life).

        Starts the server, waits until its socket answers, and sets `STROM_KIT_FORKSERVER`, so the
        kernels this process starts from now on are forked by it; afterwards the server is
        stopped (and it dies anyway with this process). Yields the socket's path, or None when
        this sandbox cannot confine (the non-root fallback) or the server did not start: then
        kernels run through the chain, as before, just slower.

        `user` runs this server's kernels as another unprivileged user (made when missing), so
        that concurrent workers do not share one process limit: a fork bomb in one worker's
        kernel must not starve the kernels of the others.
        """
        if not self.server_argv:
            yield None
            return
        argv = list(self.server_argv)
        if user is not None and "--user" in argv:
            _ensure_grader_user(user)
            argv[argv.index("--user") + 1] = user
        folder = self.runtime_dir.parent / "forkserver"
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)  # the cohort is hidden from kernels anyway; this is for everyone else
        path = folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}.sock"
        process = _start_server([*argv, "--socket", str(path)])
        previous = os.environ.get(SERVER_VARIABLE)
        if process is not None:
            os.environ[SERVER_VARIABLE] = str(path)
        try:
            yield str(path) if process is not None else None
        finally:
            if process is not None:
                if previous is None:
                    os.environ.pop(SERVER_VARIABLE, None)
                else:
                    os.environ[SERVER_VARIABLE] = previous
                process.kill()  # unshare --kill-child takes the server, its namespace takes every kernel
                process.wait()
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


SOCKET_PATH_MAX = 107  # bytes in a Unix socket address (sun_path), the kernel's ipc sockets included
IPC_NAME = len("/") + 12 + len("/k-99")


def socket_room_problem(cohort: Path) -> str | None:
    """Why the cohort's path is too long for the confined kernel's ipc sockets, or None when it fits."""
    runtime = Path(cohort).resolve() / ".kit" / "runtime"
    longest = len(os.fsencode(runtime)) + IPC_NAME
    if longest <= SOCKET_PATH_MAX:
        return None
    room = SOCKET_PATH_MAX - IPC_NAME - len("/.kit/runtime")
    return (f"the cohort folder's path is too long for the grading kernel's sockets ({len(os.fsencode(Path(cohort).resolve()))} "
            f"characters; at most {room}): choose a shorter folder, e.g. /srv/strom/{Path(cohort).name}")


def install_kernel(cohort: Path, limits: Limits = Limits()) -> Sandbox:
    """Write the confined kernelspec and runtime folder of a cohort; make the grading user."""
    cohort = Path(cohort).resolve()
    data_dir = cohort / ".kit" / "share" / "jupyter"
    runtime_dir = cohort / ".kit" / "runtime"
    spec_dir = data_dir / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir.chmod(0o1733)  # the kernel's user creates sockets, but cannot list them

    limit_args = ["--memory-mb", str(limits.memory_mb), "--processes", str(limits.processes),
                  "--output-mb", str(limits.output_mb)]
    launcher = [sys.executable, "-I", "-m", "kit.course.confine.kernel_chain"]
    tools = _confinement_tools()
    sizes = [f"memory {limits.memory_mb} MiB", f"files {limits.output_mb} MiB"]
    server: tuple[str, ...] = ()
    if tools:
        _ensure_grader_user()
        outer = [tools["setpriv"], "--pdeathsig=KILL", "--",
                 tools["unshare"], "--net", "--ipc", "--pid", "--fork", "--kill-child", "--mount-proc", "--"]
        confinement = ["--user", GRADER_USER, "--runtime", str(runtime_dir), *limit_args]
        chain = [*outer, *launcher, *confinement, "-f", "{connection_file}"]
        argv = [sys.executable, "-I", "-m", "kit.course.confine.kernel_client", "-f", "{connection_file}", "--", *chain]
        server = (*outer, tools["env"], "-i", *SERVER_ENVIRONMENT,
                  sys.executable, "-I", "-m", "kit.course.confine.kernel_server", *confinement)
        level = ("unprivileged user", "no network", "pid namespace", "whitelist filesystem view",
                 sizes[0], f"processes {limits.processes}", sizes[1], "clean environment")
    else:
        argv = [*launcher, *limit_args, "-f", "{connection_file}"]
        processes = () if os.geteuid() == 0 else (f"processes {limits.processes} more than the user's own",)
        level = (sizes[0], *processes, sizes[1], "clean environment")
    spec = {"argv": argv, "display_name": "STROM kit (confined grading)", "language": "python",
            "interrupt_mode": "signal", "metadata": {"debugger": False, "strom_kit_level": list(level)}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    sandbox = Sandbox(KERNEL_NAME, data_dir, runtime_dir, level, server)
    described = {"kernel_name": KERNEL_NAME, "data_dir": str(data_dir), "runtime_dir": str(runtime_dir),
                 "level": list(level), "server_argv": list(server)}
    (cohort / ".kit" / "sandbox.json").write_text(json.dumps(described, indent=1), encoding="utf-8")
    return sandbox


def load_sandbox(cohort: Path) -> Sandbox:
    """The sandbox `install_kernel` made for this cohort (from `COHORT/.kit/sandbox.json`)."""
    described = json.loads((Path(cohort) / ".kit" / "sandbox.json").read_text(encoding="utf-8"))
    return Sandbox(described["kernel_name"], Path(described["data_dir"]), Path(described["runtime_dir"]),
                   tuple(described["level"]), tuple(described.get("server_argv", ())))


def _start_server(argv: list[str]) -> subprocess.Popen | None:
    """Start a forkserver and wait for its 'ready'; None (and a warning) if it does not come."""
    read, write = os.pipe()
    try:
        process = subprocess.Popen([*argv, "--ready-fd", str(write)], pass_fds=(write,), stdin=subprocess.DEVNULL,
                                   cwd="/")
    finally:
        os.close(write)
    answer, deadline = b"", time.monotonic() + SERVER_START_S
    with os.fdopen(read, "rb", buffering=0) as pipe:
        while b"\n" not in answer and (left := deadline - time.monotonic()) > 0:
            if not select.select([pipe], [], [], left)[0]:
                break
            chunk = pipe.read(64)
            if not chunk:
                break
            answer += chunk
    if answer.startswith(b"ready"):
        return process
    process.kill()
    process.wait()
    logging.getLogger(__name__).warning("the kernel forkserver did not start (exit %s); kernels run through the"
                                        " confined chain", process.returncode)
    return None


def _confinement_tools() -> dict[str, str]:
    """Paths of unshare, setpriv and prlimit when root can actually confine here, else {}."""
    if os.geteuid() != 0:
        return {}
    found = {name: shutil.which(name) for name in ("unshare", "setpriv", "prlimit", "env")}
    tools = {name: path for name, path in found.items() if path}
    if len(tools) < len(found):
        return {}
    # Containers may forbid namespaces: try once rather than promise isolation that fails later.
    probe = subprocess.run([tools["unshare"], "--net", "--ipc", "--pid", "--fork", "--mount-proc", "true"],
                           check=False, capture_output=True, timeout=30)
    return tools if probe.returncode == 0 else {}


def _ensure_grader_user(name: str = GRADER_USER) -> None:
    try:
        pwd.getpwnam(name)
        return
    except KeyError:
        pass
    done = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                           name], check=False, capture_output=True, text=True)
    try:  # another grader may have made it in between
        pwd.getpwnam(name)
    except KeyError:
        raise RuntimeError(f"cannot create the grading user {name}: {done.stderr.strip()}") from None

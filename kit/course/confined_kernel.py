"""Launcher of the confined grading kernel: limits, a clean environment, then ipykernel.

Run by the kernelspec of `kit.course.sandbox`. With `--user` it runs as root inside fresh
network, pid and mount namespaces, builds the kernel's view of the file system (see the
sandbox module), and execs `setpriv` -> `prlimit` -> `env -i` -> `python -m ipykernel_launcher`.
Without `--user` it sets the resource limits itself and execs ipykernel with a clean environment.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import pwd
import resource
import shutil
import stat
import sys
from pathlib import Path

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT = 1, 2, 4, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PRIVATE_DIRS = ("/tmp", "/var/tmp", "/dev/shm")  # world-writable: shared between kernels otherwise
TOOL_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
MiB = 1024 * 1024


def main(argv: list[str] | None = None) -> None:
    """Parse the kernelspec's arguments and exec the kernel; never returns."""
    parser = argparse.ArgumentParser(prog="python -m kit.course.confined_kernel")
    parser.add_argument("-f", dest="connection_file", required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--output-mb", type=int, required=True)
    parser.add_argument("--user", help="drop to this user in namespaces (root only)")
    parser.add_argument("--hide", action="append", default=[], help="folder the kernel must not see")
    parser.add_argument("--runtime", help="folder of the ipc sockets (read-write for the kernel)")
    args, kernel_args = parser.parse_known_args(argv)
    if args.user:
        _exec_confined(args, kernel_args)
    else:
        _exec_limited(args, kernel_args)


def clean_environment(home: str) -> dict[str, str]:
    """The whole environment of a learner kernel: nothing of the grader's (no secrets, no paths)."""
    bin_dir = str(Path(sys.executable).parent)
    env = {"PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "agg"}
    if os.environ.get("JPY_PARENT_PID", "").isdigit():  # lets ipykernel watch its parent
        env["JPY_PARENT_PID"] = os.environ["JPY_PARENT_PID"]
    return env


def _kernel_command(connection_file: str, kernel_args: list[str]) -> list[str]:
    return [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file, *kernel_args]


def _exec_limited(args: argparse.Namespace, kernel_args: list[str]) -> None:
    """Degraded mode: rlimits on this process, then exec ipykernel with a clean environment."""
    for kind, value in ((resource.RLIMIT_AS, args.memory_mb * MiB),
                        (resource.RLIMIT_FSIZE, args.output_mb * MiB), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(kind, (value, value))
    if os.geteuid() != 0:  # RLIMIT_NPROC counts all processes of the user, so add to what runs
        nproc = args.processes + _processes_of(os.getuid())
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    home = os.environ.get("TMPDIR", "/tmp")
    command = _kernel_command(args.connection_file, kernel_args)
    os.execve(command[0], command, clean_environment(home))


def _exec_confined(args: argparse.Namespace, kernel_args: list[str]) -> None:
    """Full mode, root in the kernel's namespaces: build its file system view, drop, exec."""
    user = pwd.getpwnam(args.user)
    private_connection = enter_view(Path(args.connection_file).read_bytes(), work=os.getcwd(),
                                    readable=python_trees(), runtime=args.runtime, hide=args.hide,
                                    size_mb=args.output_mb, user=user)
    tool = {name: shutil.which(name, path=TOOL_PATH) for name in ("setpriv", "prlimit", "env")}
    env = [f"{key}={value}" for key, value in clean_environment("/tmp").items()]
    command = [
        tool["setpriv"], f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
        "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--",
        tool["prlimit"], f"--as={args.memory_mb * MiB}", f"--nproc={args.processes}",
        f"--fsize={args.output_mb * MiB}", "--core=0", "--",
        tool["env"], "-i", *env, *_kernel_command(private_connection, kernel_args)]
    os.execv(command[0], command)


def enter_view(connection: bytes, *, work: str, readable: list[str], runtime: str | None, hide: list[str],
               size_mb: int, user: pwd.struct_passwd) -> str:
    """In a fresh mount namespace (as root): build the kernel's view, enter `work`, and write the
    connection file to the private /tmp (0600, the kernel user's); returns that file's path.

    Shared by this launcher and `kit.course.kernel_forkserver`.
    """
    _build_view(readable=readable, writable=[runtime] if runtime else [], work=work, hide=hide, size_mb=size_mb,
                user=user)
    private_connection = "/tmp/.kernel-connection.json"
    fd = os.open(private_connection, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(connection)
    os.chown(private_connection, user.pw_uid, user.pw_gid)
    os.chdir(work)  # the overlay now mounted there, not the folder underneath
    return private_connection


def python_trees() -> list[str]:
    """Folders the kernel's Python needs: the interpreter, the venv, sys.path, the kit package."""
    import kit

    trees = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable)),
             os.path.dirname(os.path.realpath(kit.__file__))}
    trees.update(entry for entry in sys.path if entry)  # the launcher runs -I: no cwd, no user site
    return sorted({os.path.realpath(tree) for tree in trees if os.path.isdir(tree)})


def _build_view(*, readable: list[str], writable: list[str], work: str, hide: list[str],
                size_mb: int, user: pwd.struct_passwd) -> None:
    """Cover hidden and closed folders with tmpfs skeletons holding only what the kernel needs."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    exposed = {path: "ro" for path in _outermost(readable)}
    exposed.update({os.path.realpath(path): "rw" for path in writable})
    exposed[os.path.realpath(work)] = "work"
    covers = [os.path.realpath(path) for path in hide]
    covers += [path for path in PRIVATE_DIRS if os.path.isdir(path)]
    covers += [closed for path in exposed if (closed := _first_closed_ancestor(path))]
    covers = _outermost(covers)
    handles = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in exposed}
    for cover in covers:
        mode = "1777" if cover in PRIVATE_DIRS else "0711"
        _mount("tmpfs", cover, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode},size={size_mb}m")
    scratch = "/tmp/.strom-kit"
    os.makedirs(scratch, mode=0o700, exist_ok=True)
    for path in sorted(exposed, key=len):  # outer trees first, so nested ones mount on top
        kind, source = exposed[path], f"/proc/self/fd/{handles[path]}"
        if any(_inside(path, cover) for cover in covers):
            _skeleton(path)
        elif kind == "ro":
            continue  # reachable as it is; root-owned files stay read-only for the kernel
        if kind == "work":
            _mount_work(source, path, scratch, user)
        else:
            _mount(source, path, None, MS_BIND | MS_REC)
            if kind == "ro":
                _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for handle in handles.values():
        os.close(handle)


def _mount_work(source: str, path: str, scratch: str, user: pwd.struct_passwd) -> None:
    """The working folder as an overlay: the kernel reads the submission, writes to its /tmp."""
    lower, upper, workdir = (os.path.join(scratch, name) for name in ("lower", "upper", "work"))
    for folder in (lower, upper, workdir):
        os.makedirs(folder, exist_ok=True)
    os.chown(upper, user.pw_uid, user.pw_gid)
    os.chmod(upper, 0o755)
    _mount(source, lower, None, MS_BIND | MS_REC)
    try:
        _mount("overlay", path, "overlay", MS_NOSUID | MS_NODEV,
               f"lowerdir={lower},upperdir={upper},workdir={workdir}")
    except OSError:  # e.g. a file system overlayfs refuses: read-only then
        _mount(source, path, None, MS_BIND | MS_REC)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _first_closed_ancestor(path: str) -> str | None:
    """The outermost folder above `path` that others may not enter (e.g. /root, a 0700 cohort)."""
    parts = Path(path).parts
    for depth in range(2, len(parts)):
        ancestor = os.path.join(*parts[:depth])
        if not os.stat(ancestor).st_mode & stat.S_IXOTH:
            return ancestor
    return None


def _skeleton(path: str) -> None:
    """Make `path` (inside a cover tmpfs) as a chain of enter-only folders."""
    missing = []
    current = Path(path)
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o711)
        folder.chmod(0o711)


def _outermost(paths: list[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(_inside(path, outer) for outer in kept):
            kept.append(path)
    return kept


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    encode = (lambda text: text.encode() if text is not None else None)
    if libc.mount(encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {source} on {target}: {os.strerror(error)}")


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                continue
    return count


if __name__ == "__main__":
    main()

"""The grading kernel's view of the file system: a whitelist, built as a fresh root.

`enter_view` runs as root in a new mount namespace (the confined chain's launcher, or the
forkserver's relay) and `pivot_root`s that namespace into a new, empty root file system that holds
only:

- read-only: the Python installation (`python_trees`: the interpreter's own folders, the venv,
  the folders on `sys.path`) and the kit package ALONE: when the kit is installed in editable mode
  from a project checkout, the checkout itself (tests, solutions, material, other files) is not
  there, only its `kit/` folder; and the operating system's shared libraries, programs, C.UTF-8
  locale and time zones (`system_trees`), not the rest of the system's software;
- the submission's own work folder, as an overlay whose writes land in the kernel's private `/tmp`
  and vanish with it;
- the folder of this kernel's own ipc sockets (read-write, emptied of what an earlier kernel left);
- a private `/tmp` (the kernel's HOME) and `/dev/shm`; the devices `null`, `zero`, `full`, `random`,
  `urandom`; a `/proc` of the kernel's own pid namespace only; an `/etc` written here with the
  user and group databases of the kernel alone and the dynamic linker's cache.

Nothing else exists inside: no home folders, no cohort (its secret, gradebook, material, other
learners, connection files of other kernels), no material source, no project checkout, no
`/proc` of other processes, no `/sys`. Every path above keeps the name it has on the host (the
kernel manager and the kernel must agree on the socket and work folder paths), inside folders
made for the purpose. The old root is detached, so no path leads back to it.
"""

from __future__ import annotations

import json
import os
import platform
import pwd
import sys
from pathlib import Path

import kit
from kit.course.confine.linux import (
    MNT_DETACH,
    MS_BIND,
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    MS_PRIVATE,
    MS_RDONLY,
    MS_REC,
    MS_REMOUNT,
    mount,
    pivot_root,
    umount,
)

TOP_LINKS = ("/bin", "/lib", "/lib64", "/lib32", "/libx32")  # merged-/usr links, recreated in the new root
DEVICES = ("null", "zero", "full", "random", "urandom")
STAGE = "/tmp"  # where the new root is assembled (in this namespace only) before it becomes /
ROOT_MB = 8
PACKAGE_FOLDERS = ("site-packages", "dist-packages")
CONNECTION_FILE = "/tmp/.kernel-connection.json"


def enter_view(connection: bytes, *, work: str, readable: list[str], runtime: str | None, size_mb: int,
               user: pwd.struct_passwd, mount_proc: bool = False) -> str:
    """Make this process's (new, private) mount namespace the kernel's whitelist view, enter `work`,
    and write the connection file to the private /tmp (0600, the kernel user's); returns its path.

    `runtime` is the cohort's runtime folder: the connection's ipc sockets must lie in a folder of
    their own inside it, and only that folder is in the view. `mount_proc` mounts a /proc (only
    for a process that is already pid 1 of the kernel's pid namespace).
    """
    sockets = socket_folder(connection, runtime)
    if sockets is not None:
        _clear_leftovers(sockets, connection)
    _pivot_into_view(readable=readable, sockets=sockets, work=os.path.realpath(work), size_mb=size_mb, user=user,
                     mount_proc=mount_proc)
    fd = os.open(CONNECTION_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(connection)
    os.chown(CONNECTION_FILE, user.pw_uid, user.pw_gid)
    os.chdir(work)  # the overlay now mounted there
    return CONNECTION_FILE


def python_trees() -> list[str]:
    """Folders of the Python installation the kernel runs on, and the kit package.

    The interpreter's folder, its shared library's folder, the venv (when there is one), the
    folders on `sys.path` (the launcher runs -I: no working folder, no user site). A folder that
    holds the kit package and is not a site-packages folder is a project checkout: of it only
    `kit/` is exposed.
    """
    import sysconfig

    kit_dir = os.path.realpath(os.path.dirname(kit.__file__))
    trees = {os.path.dirname(os.path.realpath(sys.executable))}
    if sysconfig.get_config_var("Py_ENABLE_SHARED") and sysconfig.get_config_var("LIBDIR"):
        trees.add(str(sysconfig.get_config_var("LIBDIR")))
    if sys.prefix != sys.base_prefix:
        trees.add(sys.prefix)
    trees.update(entry for entry in sys.path if entry)
    kept = {kit_dir}
    for tree in (os.path.realpath(tree) for tree in trees if os.path.isdir(tree)):
        if _inside(kit_dir, tree) and os.path.basename(tree) not in PACKAGE_FOLDERS:
            continue  # a checkout holding the kit: not the checkout, only the package
        kept.add(tree)
    return sorted(kept)


def system_trees() -> list[str]:
    """The operating system's folders the interpreter, its extension modules and the chain need:
    the programs (`/usr/bin`), the shared libraries of this architecture and the dynamic linker,
    the C.UTF-8 locale and the time zones; not the rest of `/usr/lib` (other software's files)."""
    import sysconfig

    arch = sysconfig.get_config_var("MULTIARCH") or f"{platform.machine()}-linux-gnu"
    return [path for base in ("/usr", "") for path in (f"{base}/bin", f"{base}/lib/{arch}", f"{base}/lib64",
                                                       f"{base}/lib/locale")] + ["/usr/share/zoneinfo"]


def view_trees(readable: list[str]) -> list[str]:
    """Every read-only tree of the view: `readable` and `system_trees()`."""
    return _outermost([os.path.realpath(tree) for tree in [*readable, *system_trees()]
                       if os.path.isdir(tree) and not os.path.islink(tree)])


def socket_folder(connection: bytes, runtime: str | None) -> str | None:
    """The folder of the kernel's ipc sockets named by the connection file, or None for tcp.

    It must be a folder of its own inside the runtime folder (never the runtime folder itself,
    which holds the connection files of every kernel).
    """
    info = json.loads(connection)
    if info.get("transport") != "ipc":
        return None
    folder = os.path.dirname(os.path.abspath(str(info["ip"])))
    if runtime is None or not _inside(folder, os.path.realpath(runtime)) or os.path.realpath(folder) == os.path.realpath(runtime):
        raise ValueError(f"the kernel's ipc sockets must lie in a folder of their own inside {runtime}, not {folder}")
    return folder


def _clear_leftovers(folder: str, connection: bytes) -> None:
    """Make the socket folder (1733: the kernel creates its sockets, cannot list them) and remove
    anything an earlier kernel of the same grading process left in it."""
    os.makedirs(folder, mode=0o1733, exist_ok=True)
    os.chmod(folder, 0o1733)
    info = json.loads(connection)
    base = os.path.basename(str(info["ip"]))
    mine = {f"{base}-{info[key]}" for key in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
            if key in info}
    for entry in os.scandir(folder):
        if entry.name not in mine:
            try:
                os.unlink(entry.path)
            except IsADirectoryError:
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
            except FileNotFoundError:
                continue


def _pivot_into_view(*, readable: list[str], sockets: str | None, work: str, size_mb: int, user: pwd.struct_passwd,
                     mount_proc: bool) -> None:
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    trees = view_trees(readable)
    links = {name: os.readlink(f"/{name}") for name in os.listdir("/") if os.path.islink(f"/{name}")
             and f"/{name}" in TOP_LINKS}
    handles = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in [*trees, work, *([sockets] if sockets else [])]}
    devices = {name: os.open(f"/dev/{name}", os.O_PATH) for name in DEVICES if os.path.exists(f"/dev/{name}")}
    linker_cache = Path("/etc/ld.so.cache").read_bytes() if os.path.exists("/etc/ld.so.cache") else None
    localtime = os.readlink("/etc/localtime") if os.path.islink("/etc/localtime") else None

    root = STAGE
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, f"mode=0755,size={ROOT_MB}m")
    def inside(path: str) -> str:
        return root + path

    os.mkdir(inside("/tmp"), 0o1777)
    mount("tmpfs", inside("/tmp"), "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={size_mb}m")
    scratch = inside("/tmp/.strom-kit")
    os.mkdir(scratch, 0o700)
    for name, target in links.items():
        os.symlink(target, inside(f"/{name}"))
    _make_dev(inside("/dev"), devices, size_mb)
    os.mkdir(inside("/proc"), 0o555)
    if mount_proc:
        mount("proc", inside("/proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _make_etc(inside("/etc"), user, linker_cache, localtime)
    for path in sorted(handles, key=len):  # outer folders first, so nested ones mount on top
        target, source = inside(path), f"/proc/self/fd/{handles[path]}"
        _folders(target)
        if path == work:
            _mount_work(source, target, scratch, user)
        elif path == sockets:
            mount(source, target, None, MS_BIND)
            mount(None, target, None, MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | MS_NOEXEC)
        else:
            mount(source, target, None, MS_BIND | MS_REC)
            mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for handle in [*handles.values(), *devices.values()]:
        os.close(handle)
    os.chdir(root)
    pivot_root(".", ".")  # the new root on top of the old one, in the same place
    umount(".", MNT_DETACH)  # ... and the old one detached from under it: nothing leads back
    os.chdir("/")
    mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _make_dev(dev: str, devices: dict[str, int], size_mb: int) -> None:
    os.mkdir(dev, 0o755)
    for name, handle in devices.items():
        Path(dev, name).touch(mode=0o666)
        mount(f"/proc/self/fd/{handle}", os.path.join(dev, name), None, MS_BIND)
    os.mkdir(os.path.join(dev, "shm"), 0o1777)
    mount("tmpfs", os.path.join(dev, "shm"), "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={min(size_mb, 64)}m")
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, os.path.join(dev, name))


def _make_etc(etc: str, user: pwd.struct_passwd, linker_cache: bytes | None, localtime: str | None) -> None:
    """An /etc of the kernel's own: who root and the kernel's user are, and the linker's cache."""
    import grp

    try:
        group = grp.getgrgid(user.pw_gid).gr_name
    except KeyError:
        group = user.pw_name
    os.mkdir(etc, 0o755)
    files = {
        "passwd": f"root:x:0:0:root:/root:/usr/sbin/nologin\n{user.pw_name}:x:{user.pw_uid}:{user.pw_gid}:"
                  "grading kernel:/tmp:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
        "group": f"root:x:0:\n{group}:x:{user.pw_gid}:\nnogroup:x:65534:\n",
        "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
        "hosts": "127.0.0.1 localhost\n::1 localhost\n",
    }
    for name, text in files.items():
        Path(etc, name).write_text(text, encoding="utf-8")
    if linker_cache is not None:
        Path(etc, "ld.so.cache").write_bytes(linker_cache)
    if localtime is not None:
        os.symlink(localtime, os.path.join(etc, "localtime"))
    for path in Path(etc).iterdir():
        if not path.is_symlink():
            path.chmod(0o644)


def _mount_work(source: str, path: str, scratch: str, user: pwd.struct_passwd) -> None:
    """The working folder as an overlay: the kernel reads the submission, writes to its /tmp."""
    lower, upper, workdir = (os.path.join(scratch, name) for name in ("lower", "upper", "work"))
    for folder in (lower, upper, workdir):
        os.makedirs(folder, exist_ok=True)
    os.chown(upper, user.pw_uid, user.pw_gid)
    os.chmod(upper, 0o755)
    mount(source, lower, None, MS_BIND | MS_REC)
    try:
        mount("overlay", path, "overlay", MS_NOSUID | MS_NODEV,
               f"lowerdir={lower},upperdir={upper},workdir={workdir}")
    except OSError:  # e.g. a file system overlayfs refuses: read-only then
        mount(source, path, None, MS_BIND | MS_REC)
        mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _folders(path: str) -> None:
    """Make `path` and the folders above it in the new root (0755: they hold nothing else)."""
    missing = []
    current = Path(path)
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o755)
        folder.chmod(0o755)


def _outermost(paths: list[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(_inside(path, outer) for outer in kept):
            kept.append(path)
    return kept


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")

"""The Linux primitives the confinement is built from: mount, pivot_root, unshare, prctl, capset
through libc, their flags, and AF_UNIX addresses for long socket paths.

Shared by the whitelist view (`view`), the kernel server (`kernel_server`) and its client
(`kernel_client`); each call raises `OSError` with the system's reason when the kernel refuses it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import struct
from collections.abc import Iterator

# mount(2) and umount2(2) flags
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
MNT_DETACH = 2
# pivot_root(2) has no libc wrapper: its system call number per machine
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "arm64": 41, "ppc64le": 203, "s390x": 217, "riscv64": 41}
# unshare(2) and prctl(2)
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x08000000, 0x20000000, 0x40000000
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 4, 24, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522
UNIX_PATH_MAX = 100  # a socket path at least this long goes through /proc/self/fd (sun_path holds 108 bytes)


def libc() -> ctypes.CDLL:
    """The C library of this process, with errno kept for `ctypes.get_errno`."""
    return ctypes.CDLL(None, use_errno=True)


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    """mount(2)."""
    def encode(text: str | None) -> bytes | None:
        return text.encode() if text is not None else None

    if libc().mount(encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {source} on {target}: {os.strerror(error)}")


def umount(target: str, flags: int) -> None:
    """umount2(2)."""
    if libc().umount2(target.encode(), flags) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"umount {target}: {os.strerror(error)}")


def pivot_root(new_root: str, put_old: str) -> None:
    """pivot_root(2), by its system call number on this machine."""
    number = SYS_PIVOT_ROOT.get(os.uname().machine)
    if number is None:
        raise OSError(f"pivot_root: unknown system call number on {os.uname().machine}")
    if libc().syscall(ctypes.c_long(number), new_root.encode(), put_old.encode()) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"pivot_root: {os.strerror(error)}")


def unshare(flags: int) -> None:
    """unshare(2): this process into new namespaces (`CLONE_*` flags)."""
    if libc().unshare(flags) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"unshare: {os.strerror(error)}")


def prctl(option: int, value: int) -> None:
    """prctl(2) with one argument (`PR_*` options)."""
    if libc().prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl({option}): {os.strerror(error)}")


def clear_capabilities() -> None:
    """capset(2): empty the effective, permitted and inheritable sets of this process."""
    header = struct.pack("Ii", LINUX_CAPABILITY_VERSION_3, 0)  # this process
    data = ctypes.create_string_buffer(24)  # two zeroed {effective, permitted, inheritable}
    if libc().capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


@contextlib.contextmanager
def unix_address(path: str) -> Iterator[str]:
    """An AF_UNIX address for `path`, shortened through /proc/self/fd when it is too long."""
    if len(os.fsencode(path)) < UNIX_PATH_MAX:
        yield path
        return
    folder = os.open(os.path.dirname(path), os.O_PATH | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{os.path.basename(path)}"
    finally:
        os.close(folder)

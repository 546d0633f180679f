"""Confinement of learner code during grading (Linux): every submission's kernel runs as an
unprivileged user with no network, its own pid, mount and IPC namespaces, resource limits, a clean
environment and a whitelist view of the disk.

Modules: `linux` (the system calls and flags the others share), `view` (the kernel's whitelist
view of the file system), `kernel_chain` (the launcher at the end of the unshare/setpriv/prlimit
chain), `kernel_server` (a grading worker's forkserver: serves confined kernels forked from a
preloaded process), `kernel_client` (the kernelspec's program: asks the server for a kernel, else
runs the chain), `installer` (writes a cohort's kernelspec and reads it back as a `Sandbox`).

Public names: `install_kernel`, `load_sandbox`, `Sandbox`, `Limits`, `socket_room_problem`,
`GRADER_USER`, `KERNEL_NAME` (imported lazily: the CLI starts without them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.course.confine.installer import GRADER_USER as GRADER_USER
    from kit.course.confine.installer import KERNEL_NAME as KERNEL_NAME
    from kit.course.confine.installer import Limits as Limits
    from kit.course.confine.installer import Sandbox as Sandbox
    from kit.course.confine.installer import install_kernel as install_kernel
    from kit.course.confine.installer import load_sandbox as load_sandbox
    from kit.course.confine.installer import socket_room_problem as socket_room_problem

_EXPORTS = {
    "install_kernel": "kit.course.confine.installer",
    "load_sandbox": "kit.course.confine.installer",
    "Sandbox": "kit.course.confine.installer",
    "Limits": "kit.course.confine.installer",
    "socket_room_problem": "kit.course.confine.installer",
    "GRADER_USER": "kit.course.confine.installer",
    "KERNEL_NAME": "kit.course.confine.installer",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)

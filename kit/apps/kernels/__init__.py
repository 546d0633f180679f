"""Participants' kernels for a room: forked from a preloaded parent, one fresh process each.

Public names: see `__all__` (imported lazily: the provisioner imports jupyter_client, which the
CLI and `kit.apps.serving` start without). `PROVISIONER_NAME` is the provisioner's entry-point
name (pyproject.toml), the one name the server's settings need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

PROVISIONER_NAME = "strom-fork"

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.apps.kernels.provisioner import ForkProvisioner as ForkProvisioner
    from kit.apps.kernels.supervisor import KernelParent as KernelParent
    from kit.apps.kernels.supervisor import current_parent as current_parent
    from kit.apps.kernels.supervisor import start_parent as start_parent
    from kit.apps.kernels.supervisor import stop_parent as stop_parent

_EXPORTS = {
    "ForkProvisioner": "kit.apps.kernels.provisioner",
    "KernelParent": "kit.apps.kernels.supervisor",
    "current_parent": "kit.apps.kernels.supervisor",
    "start_parent": "kit.apps.kernels.supervisor",
    "stop_parent": "kit.apps.kernels.supervisor",
}
__all__ = sorted(["PROVISIONER_NAME", *_EXPORTS])

__getattr__ = lazy_getattr(__name__, _EXPORTS)

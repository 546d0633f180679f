"""Participants' kernels for a room: forked from a preloaded parent, one fresh process each."""

from kit.apps.kernels.provisioner import NAME as PROVISIONER_NAME
from kit.apps.kernels.provisioner import ForkProvisioner
from kit.apps.kernels.supervisor import KernelParent, current_parent, start_parent, stop_parent

__all__ = ["PROVISIONER_NAME", "ForkProvisioner", "KernelParent", "current_parent", "start_parent", "stop_parent"]

"""A jupyter_client kernel provisioner whose kernels are forked from the server's preloaded parent.

Registered as `strom-fork` in the `jupyter_client.kernel_provisioners` entry point group and chosen
by `strom-kit serve` (the default, `--kernels fork`). It prepares a kernel exactly as jupyter_client's
LocalProvisioner does (ports, connection file, environment) and, when the kernelspec runs this
interpreter's `ipykernel_launcher`, asks the kernel parent for a fork instead of starting a new
interpreter. Without a parent, or when the parent cannot give a kernel, the kernel starts the
usual way: the page never knows.
"""

from __future__ import annotations

import os
import pathlib
import select
import signal
import sys
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from kit.apps.kernels.supervisor import current_parent, is_subreaper


def ipykernel_arguments(cmd: list[str]) -> list[str] | None:
    """ipykernel's own arguments when `cmd` runs this interpreter's `ipykernel_launcher`, else None
    (another interpreter or another kernel cannot come from this parent)."""
    if len(cmd) < 5 or cmd[1:3] != ["-m", "ipykernel_launcher"] or "-f" not in cmd[3:]:
        return None
    if os.path.realpath(cmd[0]) != os.path.realpath(sys.executable):
        return None
    return list(cmd[3:])


class ForkedKernelProcess:
    """What LocalProvisioner needs of a Popen, for a kernel the server adopted from the parent."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._pidfd: int | None = os.pidfd_open(pid)

    def poll(self) -> int | None:
        """The exit code once the kernel has ended (reaping it), else None."""
        if self.returncode is not None or self._pidfd is None:
            return self.returncode
        if not select.select([self._pidfd], [], [], 0)[0]:
            return None
        try:
            _pid, status = os.waitpid(self.pid, os.WNOHANG)
            self.returncode = os.waitstatus_to_exitcode(status) if _pid else -signal.SIGKILL
        except ChildProcessError:  # not ours to reap (the server was no subreaper): ended, status unknown
            self.returncode = -signal.SIGKILL
        os.close(self._pidfd)
        self._pidfd = None
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Block until the kernel has ended; its exit code."""
        if self._pidfd is not None and self.returncode is None:
            select.select([self._pidfd], [], [], timeout)
        code = self.poll()
        if code is None:
            raise TimeoutError(f"kernel {self.pid} still runs")
        return code

    def send_signal(self, number: int) -> None:
        """Signal the kernel (never a process that reused its pid)."""
        if self._pidfd is not None and self.returncode is None:
            signal.pidfd_send_signal(self._pidfd, number)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """LocalProvisioner whose Python kernels are forked from the kernel parent when there is one."""

    forked = False

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        parent = current_parent()
        args = ipykernel_arguments(cmd)
        pid = None
        if parent is not None and args is not None and is_subreaper():
            env = {str(key): str(value) for key, value in (kwargs.get("env") or os.environ).items()}
            cwd = os.path.abspath(str(kwargs.get("cwd") or os.getcwd()))
            pid = await parent.fork_kernel(args, env, cwd)
        if pid is None:
            self.forked = False
            return await super().launch_kernel(cmd, **kwargs)
        self.forked = True
        self.process = ForkedKernelProcess(pid)  # type: ignore[assignment]  # Popen's poll/wait/send_signal, by pid
        self.pid = pid
        self.pgid = pid  # the kernel leads its own process group, as a kernel started the usual way
        self.cwd = kwargs.get("cwd", pathlib.Path.cwd())
        return self.connection_info

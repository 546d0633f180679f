"""The chain's launcher of the confined grading kernel: limits, a clean environment, then ipykernel.

Run by the kernelspec of `kit.course.confine.installer`. With `--user` it runs as root inside fresh
network, pid and mount namespaces, enters the kernel's whitelist view of the file system
(`kit.course.confine.view`), and execs `setpriv` -> `prlimit` -> `env -i` -> `python -m ipykernel_launcher`.
Without `--user` it sets the resource limits itself and execs ipykernel with a clean environment.
"""

from __future__ import annotations

import argparse
import os
import pwd
import resource
import shutil
import sys
from pathlib import Path

from kit.course.confine.view import enter_view, python_trees

TOOL_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
MiB = 1024 * 1024


def main(argv: list[str] | None = None) -> None:
    """Parse the kernelspec's arguments and exec the kernel; never returns."""
    parser = argparse.ArgumentParser(prog="python -m kit.course.confine.kernel_chain")
    parser.add_argument("-f", dest="connection_file", required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--output-mb", type=int, required=True)
    parser.add_argument("--user", help="drop to this user in namespaces (root only)")
    parser.add_argument("--runtime", help="the cohort's runtime folder (the kernel's ipc socket folder lies in it)")
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
    _make_socket_folder(args.connection_file)
    home = os.environ.get("TMPDIR", "/tmp")
    command = _kernel_command(args.connection_file, kernel_args)
    os.execve(command[0], command, clean_environment(home))


def _make_socket_folder(connection_file: str) -> None:
    """The folder of the kernel's ipc sockets (`Sandbox.nbgrader_config` names one per grading
    process); in the confined mode `view.enter_view` makes it."""
    import json

    info = json.loads(Path(connection_file).read_text(encoding="utf-8"))
    if info.get("transport") == "ipc":
        os.makedirs(os.path.dirname(os.path.abspath(str(info["ip"]))), mode=0o700, exist_ok=True)


def _exec_confined(args: argparse.Namespace, kernel_args: list[str]) -> None:
    """Full mode, root in the kernel's namespaces: build its file system view, drop, exec."""
    user = pwd.getpwnam(args.user)
    tool = _tools("setpriv", "prlimit", "env")
    private_connection = enter_view(Path(args.connection_file).read_bytes(), work=os.getcwd(),
                                    readable=[*python_trees(), *{os.path.dirname(os.path.realpath(path))
                                                                 for path in tool.values()}],
                                    runtime=args.runtime, size_mb=args.output_mb, user=user,
                                    mount_proc=os.getpid() == 1)
    env = [f"{key}={value}" for key, value in clean_environment("/tmp").items()]
    command = [
        tool["setpriv"], f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
        "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--",
        tool["prlimit"], f"--as={args.memory_mb * MiB}", f"--nproc={args.processes}",
        f"--fsize={args.output_mb * MiB}", "--core=0", "--",
        tool["env"], "-i", *env, *_kernel_command(private_connection, kernel_args)]
    os.execv(command[0], command)


def _tools(*names: str) -> dict[str, str]:
    """The path of each tool on TOOL_PATH; the installer sets up the confined kernel only where all are."""
    found: dict[str, str] = {}
    for name in names:
        path = shutil.which(name, path=TOOL_PATH)
        if path is None:
            raise FileNotFoundError(f"{name} is not on {TOOL_PATH}: the confined kernel cannot start")
        found[name] = path
    return found


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

"""The kernel forkserver: fresh kernels, a server out of the learner's reach (its timing: bench/confine.py).

The isolation every confined kernel has is tested in both modes by test_installer.py; this file
tests what the forkserver adds or could break: a fresh process per learner, a server that a kernel
cannot signal, trace or reach, no kernel left behind when its client is killed, interrupts,
nbgrader's `Execute` in-process and the fallback to the chain.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from kit.course.confine.installer import (
    GRADER_USER,
    SERVER_VARIABLE,
    Limits,
    Sandbox,
    install_kernel,
)

from .test_installer import (
    NAMESPACE,
    PRELOADED,
    SECRET,
    make_cohort,
    run,
    text,
    wait_until_gone,
)

pytestmark = pytest.mark.slow

WORK = ("autograded", "s01", "ch2")
PID = "import os; print(os.getpid())"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """A scratch cohort with one learner's autograded folder (as in test_installer.py)."""
    return make_cohort(tmp_path)


@pytest.fixture
def installed(cohort: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    """The confined kernel installed in the cohort, no forkserver running yet."""
    sandbox = install_kernel(cohort, Limits())
    if not sandbox.server_argv:
        pytest.skip("the forkserver needs the confinement tools as root; here: " + ", ".join(sandbox.level))
    for key, value in sandbox.environ().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("STROM_KIT_COURSE_SECRET", SECRET)
    monkeypatch.delenv(SERVER_VARIABLE, raising=False)
    return sandbox


@pytest.fixture
def server(installed: Sandbox):
    """The forkserver of this (test) process; yields its socket's path."""
    with installed.forkserver() as path:
        assert path and os.environ[SERVER_VARIABLE] == path
        yield path
    assert SERVER_VARIABLE not in os.environ and not Path(path).exists()


def server_pid(socket_path: str) -> int:
    """The server's host pid: pid 1 of its own namespace, started with this socket."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            status = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines())
        except OSError:
            continue
        if socket_path.encode() in command and status["NSpid"].split()[1:] == ["1"]:
            return int(entry.name)
    raise AssertionError("no forkserver runs for " + socket_path)


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def wait_for_no_children(pid: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := children(pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_each_learner_gets_a_fresh_process(installed, cohort, server):
    poison = ("import builtins, kit.content, kit.course.cohort.learner as learner\n"
              "learner.ANSWER_MIME = 'x'\nkit.content.POISON = 'from A'\nbuiltins.POISON = 'from A'\n"
              "open('/tmp/left-by-a', 'w').write('A')\nprint(learner.ANSWER_MIME)")
    look = ("import builtins, os, kit.content, kit.course.cohort.learner as learner\n"
            "print(learner.ANSWER_MIME, getattr(kit.content, 'POISON', None), getattr(builtins, 'POISON', None),"
            " os.path.exists('/tmp/left-by-a'))")
    first = run(installed, cohort, PID, PRELOADED, poison)
    second = run(installed, cohort, PID, PRELOADED, look)
    assert text(first.cells[1]).strip() == text(second.cells[1]).strip() == "True"  # both forked
    assert text(first.cells[2]).strip() == "x"
    assert text(second.cells[2]).split() == ["application/vnd.strom-kit.answer+json", "None", "None", "False"]
    assert text(first.cells[0]).strip() == text(second.cells[0]).strip() == "1"  # pid 1 of a namespace of its own


def test_a_kernel_cannot_signal_trace_or_reach_the_server(installed, cohort, server):
    pid = server_pid(server)
    attempts = {
        "kill": f"os.kill({pid}, signal.SIGKILL)",
        "kill all": "os.kill(-1, signal.SIGKILL)",
        "ptrace": (f"libc = ctypes.CDLL(None, use_errno=True)\n"
                   f"if libc.ptrace(16, {pid}, 0, 0) != 0:\n"  # PTRACE_ATTACH
                   f"    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))"),
        "connect": f"socket.socket(socket.AF_UNIX).connect({server!r})",
        "stat": f"os.stat({server!r})",
    }
    setup = "import ctypes, os, signal, socket\n"
    cells = [setup + "try:\n" + "".join(f"    {line}\n" for line in code.splitlines())
             + "    print('done')\nexcept OSError as error:\n    print('refused', type(error).__name__)"
             for code in attempts.values()]
    listing = "import json\nprint(json.dumps([int(name) for name in os.listdir('/proc') if name.isdigit()]))"
    descriptors = "print(*(os.readlink(f'/proc/self/fd/{fd}') for fd in os.listdir('/proc/self/fd')))"
    notebook = run(installed, cohort, *cells, listing, descriptors, "print('kernel alive')")
    shown = dict(zip(attempts, (text(cell).strip() for cell in notebook.cells), strict=False))
    # The server is not in the kernel's pid namespace (ESRCH); were it, it is root's (EPERM).
    unreachable = ("refused ProcessLookupError", "refused PermissionError")
    assert shown["kill"] in unreachable and shown["ptrace"] in unreachable, shown
    assert shown["kill all"] in ("done", "refused ProcessLookupError"), shown  # nothing but its own processes
    assert shown["connect"] in ("refused FileNotFoundError", "refused PermissionError"), shown
    assert shown["stat"] in ("refused FileNotFoundError", "refused PermissionError"), shown
    assert pid not in json.loads(text(notebook.cells[len(attempts)]))
    # The server's listening socket was not left open in the kernel.
    servers = {link for entry in Path(f"/proc/{pid}/fd").iterdir() if (link := os.readlink(entry)).startswith("socket:")}
    kernels = set(text(notebook.cells[len(attempts) + 1]).split())
    assert servers and not servers & kernels, (servers, kernels)
    assert text(notebook.cells[-1]).strip() == "kernel alive"
    os.kill(pid, 0)  # the server lives, and serves
    assert text(run(installed, cohort, PRELOADED).cells[0]).strip() == "True"
    assert server_pid(server) == pid


def test_killing_the_client_leaves_no_kernel_behind(installed, cohort, server):
    from jupyter_client.manager import KernelManager
    from traitlets.config import Config

    manager = KernelManager(kernel_name=installed.kernel_name, config=Config(installed.nbgrader_config()))
    manager.start_kernel(cwd=str(cohort.joinpath(*WORK)))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=30)
        shown: list[str] = []
        code = (NAMESPACE + "\nimport subprocess\nsubprocess.Popen(['sleep', '300'], start_new_session=True)\n"
                "print(os.getuid())")
        client.execute_interactive(code, timeout=20, output_hook=lambda message: shown.append(
            message["content"].get("text", "")) if message["msg_type"] == "stream" else None)
    finally:
        client.stop_channels()
    namespace, uid = "".join(shown).split()
    assert uid == str(_grader_uid())
    assert len(_processes_of_uid_in(namespace)) >= 2  # the kernel and its detached sleep
    os.kill(manager.provisioner.pid, signal.SIGKILL)  # the client only, as a kernel manager's kill would
    assert wait_until_gone(namespace) == []
    assert wait_for_no_children(server_pid(server)) == []  # nor its relay
    manager.cleanup_resources()


def test_interrupt_stops_a_cell_and_the_kernel_goes_on(installed, cohort, server):
    notebook = run(installed, cohort, NAMESPACE, "import time\ntime.sleep(30)\nprint('slept')",
                   "print('next cell')", NAMESPACE, timeout=3, interrupt_on_timeout=True)
    errors = [output.ename for output in notebook.cells[1].outputs if output.output_type == "error"]
    assert "KeyboardInterrupt" in errors, notebook.cells[1].outputs
    assert "slept" not in text(notebook.cells[1])
    assert text(notebook.cells[2]).strip() == "next cell"
    assert text(notebook.cells[0]) == text(notebook.cells[3])  # the same kernel


def test_nbgrader_execute_in_process(installed, cohort, server):
    import nbformat
    from nbgrader.preprocessors import Execute
    from traitlets.config import Config

    cells = [nbformat.v4.new_code_cell(source) for source in
             (PRELOADED, "import os\nprint(os.getuid(), open('strom_variants.json').read())", "1 / 0")]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": installed.kernel_name, "display_name": "confined", "language": "python"}
    executed, _resources = Execute(config=Config(installed.nbgrader_config())).preprocess(
        notebook, {"metadata": {"path": str(cohort.joinpath(*WORK))}})
    assert text(executed.cells[0]).strip() == "True"
    assert text(executed.cells[1]).split(" ", 1) == [str(_grader_uid()), '{"s01": {}}\n']
    assert text(executed.cells[2]).startswith("ZeroDivisionError")


def test_without_a_server_the_chain_runs(installed, cohort, monkeypatch):
    monkeypatch.setenv(SERVER_VARIABLE, str(cohort / ".kit" / "forkserver" / "gone.sock"))
    notebook = run(installed, cohort, PRELOADED, "import os\nprint(os.getuid())")
    assert text(notebook.cells[0]).strip() == "False"  # a fresh interpreter from the chain
    assert text(notebook.cells[1]).strip() == str(_grader_uid())


def test_a_server_serves_only_its_own_cohort(installed, server, tmp_path, monkeypatch):
    (tmp_path / "other").mkdir()
    other = make_cohort(tmp_path / "other")
    sandbox = install_kernel(other, Limits())
    for key, value in sandbox.environ().items():
        monkeypatch.setenv(key, value)
    notebook = run(sandbox, other, PRELOADED, "print(open('strom_variants.json').read())")
    assert text(notebook.cells[0]).strip() == "False"  # the chain, not the first cohort's server
    assert text(notebook.cells[1]).strip() == '{"s01": {}}'


def test_without_confinement_forkserver_does_nothing(cohort, monkeypatch):
    import kit.course.confine.installer as sandbox_module

    monkeypatch.setattr(sandbox_module, "_confinement_tools", dict)
    degraded = install_kernel(cohort, Limits())
    assert degraded.server_argv == ()
    with degraded.forkserver() as path:
        assert path is None and SERVER_VARIABLE not in os.environ


def _grader_uid() -> int:
    import pwd

    return pwd.getpwnam(GRADER_USER).pw_uid


def _processes_of_uid_in(namespace: str) -> list[int]:
    found = []
    uid = _grader_uid()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "ns" / "pid") == namespace and entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found

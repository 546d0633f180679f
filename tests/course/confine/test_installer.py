"""The confined grading kernel: real kernels run learner code that tries to escape or exhaust.

Every test that takes `sandbox` runs twice: "chain" (the kernelspec's setpriv/unshare/prlimit
chain, as the plain nbgrader CLI runs it) and "forkserver" (the kernel forked by the grading
worker's `kit.course.confine.kernel_server`, `Sandbox.forkserver()`).
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from kit.course.confine.installer import (
    SERVER_VARIABLE,
    Limits,
    Sandbox,
    install_kernel,
    load_sandbox,
)

pytestmark = pytest.mark.slow

SECRET = "course-secret-do-not-leak"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """A scratch cohort laid out as COURSE.md says, with one learner's autograded folder."""
    return make_cohort(tmp_path)


def make_cohort(tmp_path: Path) -> Path:
    """The `cohort` fixture's folder (shared with test_kernel_server.py)."""
    root = tmp_path / "cohort"
    root.mkdir(mode=0o700)
    root.chmod(0o700)
    (root / "secret").write_text(SECRET, encoding="utf-8")
    (root / "secret").chmod(0o600)
    (root / "gradebook.db").write_bytes(b"SQLite format 3\x00gradebook")
    (root / "material" / "cases").mkdir(parents=True)
    (root / "material" / "cases" / "graded.yaml").write_text("truth: trafficking\n", encoding="utf-8")
    other = root / "submitted" / "other_student" / "ch2"
    other.mkdir(parents=True)
    (other / "ch2.ipynb").write_text("{}", encoding="utf-8")
    work = root / "autograded" / "s01" / "ch2"
    work.mkdir(parents=True)
    (work / "strom_variants.json").write_text('{"s01": {}}', encoding="utf-8")
    return root


@pytest.fixture(params=["chain", "forkserver"])
def mode(request: pytest.FixtureRequest) -> str:
    """How kernels start: through the kernelspec's chain, or forked by the worker's forkserver."""
    return request.param


@pytest.fixture
def sandbox(cohort: Path, monkeypatch: pytest.MonkeyPatch, mode: str):
    """The confined kernel installed in the cohort (and its forkserver running, in that mode);
    the grader's env holds a secret."""
    installed = install_kernel(cohort, Limits())
    for key, value in installed.environ().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("STROM_KIT_COURSE_SECRET", SECRET)
    monkeypatch.delenv(SERVER_VARIABLE, raising=False)
    if mode == "chain":
        yield installed
        return
    if not installed.server_argv:
        pytest.skip("the forkserver needs the confinement tools as root; here: " + ", ".join(installed.level))
    with installed.forkserver() as server:
        assert server, "the forkserver did not start"
        yield installed


def confined_only(sandbox: Sandbox) -> None:
    if "pid namespace" not in sandbox.level:
        pytest.skip("confinement needs root with unshare, setpriv and prlimit; here: " + ", ".join(sandbox.level))


def run(sandbox: Sandbox, cohort: Path, *sources: str, timeout: int = 20, pids: list | None = None,
        notebooks: list | None = None, **options):
    """Run cells in the confined kernel from the learner's autograded folder; the notebook back
    (also put in `notebooks`, for a run that raises)."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    if notebooks is not None:
        notebooks.append(notebook)
    client = NotebookClient(
        notebook, kernel_name=sandbox.kernel_name, config=Config(sandbox.nbgrader_config()),
        timeout=timeout, allow_errors=True, startup_timeout=30,
        resources={"metadata": {"path": str(cohort / "autograded" / "s01" / "ch2")}}, **options)
    if pids is not None:
        client.on_cell_execute = lambda **_: pids.append(client.km.provisioner.pid)
    client.execute()
    return notebook


def text(cell) -> str:
    """Everything a cell showed: streams, results and error names."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
        else:
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


TRY = "try:\n    {}\nexcept Exception as error:\n    print('refused', type(error).__name__)"


def refused(cell) -> str:
    """The name of the error a TRY cell reported, or what it showed if nothing was refused."""
    shown = text(cell)
    return shown.split("refused ", 1)[1].strip() if shown.startswith("refused ") else shown


def processes_in_namespace(namespace: str) -> list[str]:
    """Command lines of host processes inside the kernel's pid namespace."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "ns" / "pid") == namespace:
                    found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
            except OSError:
                continue
    return found


def wait_until_gone(namespace: str, seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := processes_in_namespace(namespace)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


NAMESPACE = "import os; print(os.readlink('/proc/self/ns/pid'))"
PRELOADED = "import sys; print('pandas' in sys.modules)"  # only a forked kernel has it before importing it
PRIVILEGES = ("status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines())\n"
              "print(*(status[key].strip() for key in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', "
              "'NoNewPrivs', 'Groups')))")


def test_kit_imports_and_a_normal_cell_runs(sandbox, cohort, mode):
    assert load_sandbox(cohort) == sandbox
    notebook = run(sandbox, cohort, "import kit, os\nprint(1 + 1)\nprint(os.getuid())",
                   "print(open('strom_variants.json').read())", PRELOADED, PRIVILEGES)
    lines = text(notebook.cells[0]).split()
    assert lines[0] == "2", text(notebook.cells[0])
    assert text(notebook.cells[1]).strip() == '{"s01": {}}'
    assert text(notebook.cells[2]).strip() == str(mode == "forkserver")  # not the chain's fallback
    if "unprivileged user" in sandbox.level:
        assert lines[1] != "0"
        # no capability in any set (bounding included), no new privileges, no groups
        assert text(notebook.cells[3]).split() == ["0000000000000000"] * 5 + ["1"], text(notebook.cells[3])


def test_secret_file_and_grader_environment_stay_out(sandbox, cohort):
    secret = cohort / "secret"
    notebook = run(sandbox, cohort, TRY.format(f"print(open({str(secret)!r}).read())"),
                   "import os; print(sorted(os.environ))")
    assert SECRET not in text(notebook.cells[0])
    environment = text(notebook.cells[1])
    assert "STROM_KIT_COURSE_SECRET" not in environment and "JUPYTER_PATH" not in environment
    if os.geteuid() == 0:  # not root: the secret is the grading user's own file
        # Outside the kernel's view the 0700 cohort refuses; inside, the file does not exist.
        assert refused(notebook.cells[0]) in ("PermissionError", "FileNotFoundError")


def test_gradebook_material_and_other_learners_are_out_of_reach(sandbox, cohort):
    confined_only(sandbox)
    gradebook = str(cohort / "gradebook.db")
    attempts = {
        "list cohort": f"print(os.listdir({str(cohort)!r}))",
        "read gradebook": f"print(open({gradebook!r}, 'rb').read())",
        "write gradebook": f"open({gradebook!r}, 'ab').write(b'x'); print('wrote')",
        "list material": f"print(os.listdir({str(cohort / 'material')!r}))",
        "read material": f"print(open({str(cohort / 'material' / 'cases' / 'graded.yaml')!r}).read())",
        "list other learner": f"print(os.listdir({str(cohort / 'submitted' / 'other_student')!r}))",
        "read other learner": f"print(open({str(cohort / 'submitted' / 'other_student' / 'ch2' / 'ch2.ipynb')!r}).read())",
    }
    notebook = run(sandbox, cohort, *("import os\n" + TRY.format(code) for code in attempts.values()))
    for name, cell in zip(attempts, notebook.cells, strict=True):
        if name == "list cohort":  # only the folders on the way to the learner's own and the socket folder
            assert refused(cell).strip() == "['.kit', 'autograded']", (name, text(cell))
            continue
        assert refused(cell) in ("PermissionError", "FileNotFoundError"), (name, text(cell))
    assert (cohort / "gradebook.db").read_bytes() == b"SQLite format 3\x00gradebook"


def test_no_network_not_even_the_graders_loopback(sandbox, cohort):
    confined_only(sandbox)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        connect = "import socket\n" + TRY.format("socket.create_connection(({!r}, {}), timeout=3); print('connected')")
        notebook = run(sandbox, cohort, connect.format("127.0.0.1", port), connect.format("1.1.1.1", 53))
        with pytest.raises(BlockingIOError):
            listener.accept()
    for cell in notebook.cells:
        assert refused(cell) == "OSError", text(cell)  # ENETUNREACH: no interface is up


def test_memory_bomb_hurts_only_the_kernel(sandbox, cohort):
    from nbclient.exceptions import DeadKernelError

    try:
        notebook = run(sandbox, cohort, "b = bytearray(4 * 1024**3)",
                       "grown = []\nwhile True:\n    grown.append(bytearray(10**7))",
                       "del grown\nprint('still here')")
    except DeadKernelError:
        return  # the kernel died alone; this test process goes on
    assert text(notebook.cells[0]).startswith("MemoryError")
    assert text(notebook.cells[1]).startswith("MemoryError")


def test_fork_bomb_is_held_and_leaves_nothing_behind(sandbox, cohort):
    confined_only(sandbox)
    bomb = ("import os, time\nchildren = 0\ntry:\n    for _ in range(10000):\n"
            "        if os.fork() == 0:\n            time.sleep(300)\n            os._exit(0)\n"
            "        children += 1\nexcept OSError as error:\n    print('held after', children, type(error).__name__)")
    notebook = run(sandbox, cohort, NAMESPACE, bomb, "print('kernel alive')")
    held = text(notebook.cells[1]).split()
    assert held[:2] == ["held", "after"] and int(held[2]) < Limits().processes, text(notebook.cells[1])
    # The sleeping children still hold the limit: the next cell runs, or fails for want of a thread.
    assert text(notebook.cells[2]).strip() == "kernel alive" or "thread" in text(notebook.cells[2])
    assert wait_until_gone(text(notebook.cells[0]).strip()) == []


def test_detached_process_dies_with_the_kernel(sandbox, cohort):
    confined_only(sandbox)
    detach = "import subprocess\nprint(subprocess.Popen(['sleep', '300'], start_new_session=True).pid)"
    notebook = run(sandbox, cohort, NAMESPACE, detach)
    assert text(notebook.cells[1]).strip().isdigit()
    assert wait_until_gone(text(notebook.cells[0]).strip()) == []


def test_loop_ignoring_interrupts_times_out_and_the_kernel_is_killed(sandbox, cohort):
    from nbclient.exceptions import CellTimeoutError

    pids: list[int] = []
    notebooks: list = []
    stubborn = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    started = time.monotonic()
    with pytest.raises(CellTimeoutError):
        run(sandbox, cohort, NAMESPACE, stubborn, timeout=3, pids=pids, notebooks=notebooks)
    assert time.monotonic() - started < 25
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)
    namespace = text(notebooks[0].cells[0]).strip()
    if "pid namespace" in sandbox.level:  # the kernel itself, not only what the kernel manager started
        assert namespace.startswith("pid:") and wait_until_gone(namespace) == []


def test_without_confinement_the_kernel_still_gets_limits_and_a_clean_environment(
        cohort, monkeypatch):
    import kit.course.confine.installer as sandbox_module

    monkeypatch.setattr(sandbox_module, "_confinement_tools", dict)
    degraded = install_kernel(cohort, Limits(memory_mb=1024))
    for key, value in degraded.environ().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("STROM_KIT_COURSE_SECRET", SECRET)
    assert "pid namespace" not in degraded.level and "memory 1024 MiB" in degraded.level
    notebook = run(degraded, cohort, "import kit, os, resource\nprint(1 + 1)",
                   "print(sorted(os.environ))", "print(resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20)",
                   "b = bytearray(4 * 1024**3)")
    assert text(notebook.cells[0]).strip() == "2"
    assert "STROM_KIT_COURSE_SECRET" not in text(notebook.cells[1])
    assert text(notebook.cells[2]).strip() == "1024"
    assert text(notebook.cells[3]).startswith("MemoryError")


VIEW = ("import json, os\n"
        "def listing(path):\n"
        "    try:\n        return sorted(os.listdir(path))\n    except OSError as error:\n        return type(error).__name__\n"
        "print(json.dumps({path: listing(path) for path in PATHS}))")


def test_the_kernel_sees_a_whitelist_of_the_file_system(sandbox, cohort):
    """/ holds only the view's folders; of the checkout only kit/, of the cohort only the learner's
    folder and the socket folder; no homes, no /sys, no other process in /proc."""
    import json

    import kit
    from kit.course.confine.view import TOP_LINKS, python_trees, system_trees

    confined_only(sandbox)
    kit_parent = str(Path(os.path.realpath(kit.__file__)).parent.parent)
    paths = ["/", kit_parent, str(cohort), "/proc", "/etc", "/home", "/sys", "/var", "/dev"]
    notebook = run(sandbox, cohort, f"PATHS = {paths!r}\n" + VIEW)
    seen = json.loads(text(notebook.cells[0]))
    trees = [*python_trees(), *system_trees(), str(cohort)]
    expected = {"dev", "etc", "proc", "tmp"} | {Path(os.path.realpath(tree)).parts[1] for tree in trees
                                                if os.path.isdir(tree) and not os.path.islink(tree)}
    expected |= {link[1:] for link in TOP_LINKS if os.path.islink(link)}
    assert set(seen["/"]) == expected
    assert "kit" in seen[kit_parent]
    assert not {"tests", "solutions", "exercises", "bench", ".git", "README.md"} & set(seen[kit_parent]), seen[kit_parent]
    assert seen[str(cohort)] == [".kit", "autograded"]
    etc = {"group", "hosts", "nsswitch.conf", "passwd"} | ({"ld.so.cache"} if os.path.exists("/etc/ld.so.cache") else set())
    assert set(seen["/etc"]) == etc | ({"localtime"} if os.path.islink("/etc/localtime") else set())
    assert seen["/home"] == seen["/sys"] == seen["/var"] == "FileNotFoundError"
    assert set(seen["/dev"]) == {"fd", "full", "null", "random", "shm", "stderr", "stdin", "stdout", "urandom", "zero"}
    processes = [entry for entry in seen["/proc"] if entry.isdigit()]
    assert 0 < len(processes) < 10, processes  # the kernel's own pid namespace only


def test_the_only_cases_the_kernel_can_load_are_the_public_bank(sandbox, cohort):
    """Everything the kernel can see that holds a `truth:`, loaded with the kit's own loader: exactly
    the kit's public practice bank, so `model_plan` or `score_answer` called in the kernel can only
    ever run on public cases; no graded case of the test material (id, title or narrative) is
    among them. (A public case may share a graded case's Palermo analysis, as practice cases of the
    same kind should: what must not be visible is the graded case itself.)"""
    import json

    from bench.learners import MATERIAL
    from kit.cases.bank import load_bank
    from kit.course.cohort.material import load_material

    confined_only(sandbox)
    collect = ("import json, os, subprocess\nfrom kit.cases.bank import load_case\n"
               "tops = [os.path.join('/', n) for n in os.listdir('/') if n not in ('proc', 'dev', 'sys')]\n"
               "paths = subprocess.run(['grep', '-r', '-l', '-F', '--no-messages', 'truth:', *tops], capture_output=True).stdout.decode().split()\n"
               "seen = {}\nfor path in paths:\n    try:\n        case = load_case(path)\n    except Exception:\n        continue\n"
               "    seen[case.id] = [case.title.sv, case.title.en, case.narrative.sv[:120], case.narrative.en[:120]]\n"
               "print(json.dumps(seen))")
    notebook = run(sandbox, cohort, collect, timeout=300)
    visible = json.loads(text(notebook.cells[0]))
    assert set(visible) == set(load_bank())
    material = load_material(MATERIAL)
    assert not set(visible) & set(material.cases)
    texts = {text for values in visible.values() for text in values}
    for case in material.cases.values():
        assert not {case.title.sv, case.title.en, case.narrative.sv[:120], case.narrative.en[:120]} & texts, case.id

"""A submission that outlives the outer time limit is killed with its kernel and reported; the
worker's other learners are still graded."""

from __future__ import annotations

import pytest

from tests.course.learners import honest_notebook, make_cohort, strom_kit, submit

pytestmark = pytest.mark.slow
ASSIGNMENT = "ch2_what_is_trafficking"


def test_the_outer_limit_kills_a_slow_submission_and_grading_goes_on(tmp_path):
    root = make_cohort(tmp_path / "cohort", ["a_slow", "b_fine", "c_fine"],
                       limits={"cell_timeout_s": 60, "answer_cell_timeout_s": 60, "submission_timeout_s": 8})
    strom_kit("course", "release", ASSIGNMENT, "--cohort", str(root))
    slow = honest_notebook(root, ASSIGNMENT, "a_slow", "partial")
    for cell in slow["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "palermo_answer":
            cell["source"] += "\nimport time\ntime.sleep(45)\n"
    submit(root, ASSIGNMENT, "a_slow", slow)
    for student in ("b_fine", "c_fine"):
        submit(root, ASSIGNMENT, student, honest_notebook(root, ASSIGNMENT, student, "perfect"))
    result = strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(root), "--jobs", "1", check=False)
    assert result.returncode == 1
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert "failed" in lines["a_slow"] and "outer limit" in lines["a_slow"]
    assert "graded" in lines["b_fine"] and "graded" in lines["c_fine"]
    assert "2 graded, 1 failed" in result.stdout


def test_the_default_outer_limit_follows_the_assignments_own_cells(tmp_path):
    """Without `submission_timeout_s` the outer limit is what the release's code cells may take at
    their own limits (the kit's own cells 10 s, answer and hand-in cells 4 s) plus a kernel's start
    and stop, not minutes; a cohort's own setting wins."""
    import json

    import yaml

    from kit.course.cohort.folder import EXERCISES, Cohort
    from kit.course.grading.time_limits import IOPUB_S, KERNEL_START_S, SHUTDOWN_S, cell_time_limits, outer_limit

    root = make_cohort(tmp_path / "cohort", ["s01"], sandbox=False)
    cohort = Cohort.open(root)
    release = EXERCISES / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    cells = [cell for cell in json.loads(release.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"]
    assert cohort.optional_limit("submission_timeout_s") is None
    limits = [cell_time_limits(cohort)(cell) for cell in cells]
    own = [cell for cell in cells if cell["metadata"].get("nbgrader", {}).get("locked")
           and not cell["metadata"]["nbgrader"].get("grade")]
    assert own and "open_task(" in "".join(own[0]["source"])  # the kit's opening cell has the long limit
    assert sorted(set(limits)) == [4, 10] and limits.count(10) == len(own)
    assert outer_limit(cohort, release) == KERNEL_START_S + sum(limits) + len(cells) * IOPUB_S + SHUTDOWN_S
    assert outer_limit(cohort, release) < 300 / 3  # a looping learner no longer holds a worker for minutes
    settings = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    settings["limits"]["submission_timeout_s"] = 42
    (root / "course.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    from kit.course.cohort.folder import _settings

    _settings.cache_clear()
    assert outer_limit(Cohort.open(root), release) == 42


def test_a_learner_who_adds_looping_cells_is_stopped_at_the_default_outer_limit(tmp_path):
    """Loops the cell limit interrupts, in 40 cells the learner added: without the outer limit they
    would hold the worker for 40 cell limits; the default stops them at what the assignment's own
    cells may take, and the other learner is graded by the other worker meanwhile."""
    import time

    from kit.course.cohort.folder import EXERCISES, Cohort
    from kit.course.grading.time_limits import outer_limit

    root = make_cohort(tmp_path / "cohort", ["a_loops", "b_fine"], limits={"cell_timeout_s": 2, "answer_cell_timeout_s": 2})
    strom_kit("course", "release", ASSIGNMENT, "--cohort", str(root))
    loops = honest_notebook(root, ASSIGNMENT, "a_loops", "partial")
    loop = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": "while True:\n    pass\n"}
    loops["cells"] = loops["cells"][:2] + [dict(loop, id=f"loop{n}") for n in range(40)] + loops["cells"][2:]
    submit(root, ASSIGNMENT, "a_loops", loops)
    submit(root, ASSIGNMENT, "b_fine", honest_notebook(root, ASSIGNMENT, "b_fine", "perfect"))
    limit = outer_limit(Cohort.open(root), EXERCISES / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    started = time.monotonic()
    result = strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(root), "--jobs", "2", check=False)
    took = time.monotonic() - started
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert "failed" in lines["a_loops"] and "outer limit" in lines["a_loops"], result.stdout
    assert "graded" in lines["b_fine"]
    assert took < limit + 60, (took, limit)  # 40 interrupted loops would take well over 80 s more

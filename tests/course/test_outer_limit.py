"""A submission that outlives the outer time limit is killed with its kernel and reported; the
worker's other learners are still graded."""

from __future__ import annotations

import pytest

from tests.course.learners import honest_notebook, make_cohort, strom_kit, submit

pytestmark = pytest.mark.slow
ASSIGNMENT = "ch2_what_is_trafficking"


def test_the_outer_limit_kills_a_slow_submission_and_grading_goes_on(tmp_path):
    root = make_cohort(tmp_path / "cohort", ["a_slow", "b_fine", "c_fine"],
                       limits={"cell_timeout_s": 60, "submission_timeout_s": 8})
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

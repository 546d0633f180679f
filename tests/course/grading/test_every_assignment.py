"""Every assignment through the real pipeline: the key earns every autograded point, an untouched
release earns none, and the learner's own run of the release notebook works headless."""

from __future__ import annotations

import json

import pytest

from kit.course.cohort.assignments import load_assignments
from tests.course.learners import honest_notebook, make_cohort, strom_kit, submit

pytestmark = pytest.mark.slow
ASSIGNMENTS = list(load_assignments())


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    root = make_cohort(tmp_path_factory.mktemp("every") / "cohort", ["key", "blank"])
    for assignment in ASSIGNMENTS:
        strom_kit("course", "release", assignment, "--cohort", str(root))
        submit(root, assignment, "key", honest_notebook(root, assignment, "key", "perfect"))
        submit(root, assignment, "blank", honest_notebook(root, assignment, "blank", "empty"))
    return root


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_key_earns_every_autograded_point_and_a_blank_release_none(cohort, assignment):
    from nbgrader.api import Gradebook

    graded = strom_kit("course", "autograde", assignment, "--cohort", str(cohort))
    assert "2 graded, 0 failed" in graded.stdout, graded.stdout
    parts = [p for p in load_assignments()[assignment].parts if p.autograded]
    with Gradebook(f"sqlite:///{cohort / 'gradebook.db'}", "strom") as gradebook:
        for part in parts:
            key = gradebook.find_grade(part.id, assignment, assignment, "key").score
            blank = gradebook.find_grade(part.id, assignment, assignment, "blank").score
            assert key == pytest.approx(part.points, abs=0.05 * part.points), (assignment, part.id)
            assert blank == 0, (assignment, part.id)
    record = json.loads((cohort / "records" / assignment / "key.json").read_text())
    assert set(record["parts"]) == {p.id for p in parts} and record["time_spent_s"] == 1500.0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_learner_runs_their_release_notebook_in_both_languages(cohort, assignment, tmp_path):
    import shutil

    import papermill

    outbound = cohort / "outbound" / assignment
    work = tmp_path / assignment
    shutil.copytree(outbound, work)
    for lang in ("sv", "en"):
        out = work / f"out_{lang}.ipynb"
        papermill.execute_notebook(str(work / f"{assignment}.ipynb"), str(out), cwd=str(work),
                                   parameters={"LANG": lang, "STUDENT": "key"}, progress_bar=False, kernel_name="python3")
        text = out.read_text()
        assert "application/vnd.strom-kit.answer+json" in text  # the test cells handed the (empty) answers in
        assert "ename" not in text, f"{assignment} ({lang}) raised in the learner's own run"

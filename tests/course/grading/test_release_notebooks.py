"""The release: regenerated from solutions/ it equals the committed exercises/, and it holds no key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.course.cohort.assignments import load_assignments
from kit.course.cohort.folder import EXERCISES, SOLUTIONS

pytestmark = pytest.mark.slow


def _normalised(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_regenerating_the_release_from_solutions_changes_nothing(tmp_path, monkeypatch):
    from kit.course.grading.release_notebooks import build_exercises

    monkeypatch.setenv("PATH", f"{Path(__import__('sys').executable).parent}:{__import__('os').environ['PATH']}")
    build_exercises(tmp_path)
    committed = sorted(p.relative_to(EXERCISES) for p in EXERCISES.rglob("*") if p.is_file())
    rebuilt = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert rebuilt == committed, "exercises/ lists other files than a rebuild: run build_exercises(EXERCISES)"
    for name in committed:
        assert _normalised(tmp_path / name) == _normalised(EXERCISES / name), (
            f"exercises/{name} differs from a rebuild from solutions/: regenerate it (kit.course.grading.release_notebooks.build_exercises)")


def test_one_source_and_one_release_per_assignment():
    for assignment in load_assignments():
        assert (SOLUTIONS / assignment / f"{assignment}.ipynb").exists()
        assert (EXERCISES / assignment / f"{assignment}.ipynb").exists()


@pytest.mark.parametrize("assignment", list(load_assignments()))
def test_the_release_holds_no_solution_and_no_way_to_the_key(assignment):
    text = (EXERCISES / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
    for leak in ("BEGIN SOLUTION", "END SOLUTION", "model_answer", "answer_key", "reference_answer", "secret",
                 "material", "learner_variant"):
        assert leak not in text, (assignment, leak)
    notebook = json.loads(text)
    parts = load_assignments()[assignment].parts
    graded = {c["metadata"]["nbgrader"]["grade_id"]: c for c in notebook["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade")}
    assert set(graded) == {part.id for part in parts}
    for part in parts:
        cell = graded[part.id]
        assert cell["metadata"]["nbgrader"]["points"] == part.points
        if part.autograded:  # the test cell only hands the answer over
            assert "".join(cell["source"]) == f'task.hand_in("{part.id}", answer_{part.id})'

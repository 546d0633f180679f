"""Released grades into the answer store: only learners whose feedback is written, points as the gradebook
has them, titles in both languages, exported again after grading by hand; automatic after `course feedback`."""

from __future__ import annotations

import datetime
import shutil

import pytest
from click.testing import CliRunner

from kit.cli import main
from kit.course.cohort import Cohort, UnknownAssignmentError
from kit.course.report.progress_export import ProgressExport, export_progress
from kit.store import open_store
from kit.store.graded import assignment_results

from .scratch_cohort import CH2, CH4, COURSE_ID, build_cohort

GRADED_AT = datetime.datetime(2026, 11, 29, 16, tzinfo=datetime.UTC).timestamp()
LONG_ID = "learner-" + "x" * 40  # a valid nbgrader student id, longer than a pseudonym


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = build_cohort(tmp_path_factory.mktemp("cohort") / "cohort")
    (root / "course.yaml").write_text(f"course_id: {COURSE_ID}\n", encoding="utf-8")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id=COURSE_ID) as gradebook:
        gradebook.add_student(LONG_ID)
        gradebook.add_submission(CH2, LONG_ID, timestamp="2026-11-19 10:00:00 UTC")
    return root


@pytest.fixture
def cohort(built, tmp_path):
    """A copy of the scratch cohort (a test may grade by hand), with no feedback written yet."""
    return Cohort(shutil.copytree(built, tmp_path / "cohort"))


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'answers.sqlite'}")
    yield opened
    opened.close()


def write_feedback(cohort: Cohort, assignment: str, *students: str) -> None:
    for student in students:
        folder = cohort.path("feedback", student, assignment)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{assignment[:3]}.html").write_text("<html>feedback</html>", encoding="utf-8")


def test_only_grades_whose_feedback_is_written_reach_the_store_with_points_titles_and_times(cohort, store):
    write_feedback(cohort, CH2, "s01", "s05", "s12", LONG_ID)
    write_feedback(cohort, CH4, "s01")  # the scratch cohort's second assignment is not one of the kit's six
    done = export_progress(cohort, store)
    assert done.written == {CH2: 3} and done.count == 3
    assert sorted(done.left_out) == [(CH2, LONG_ID), (CH4, "s01")]
    assert "longer than a pseudonym" in done.left_out[(CH2, LONG_ID)] and "not one of" in done.left_out[(CH4, "s01")]
    s01 = assignment_results(store, "s01")
    assert [(r.assignment, r.chapter, r.score, r.max_score, r.provisional) for r in s01] == [(CH2, 2, 9.0, 9.0, False)]
    from kit.course.cohort.assignments import load_assignments

    assert (s01[0].title_sv, s01[0].title_en) == (load_assignments()[CH2].title.sv, load_assignments()[CH2].title.en)
    assert all(r.course == COURSE_ID and r.course_assignments == 6 and r.graded_at == GRADED_AT for r in s01)
    page = next(cohort.path("feedback", "s01", CH2).glob("*.html"))
    assert s01[0].released_at == page.stat().st_mtime
    assert [(r.score, r.provisional) for r in assignment_results(store, "s05")] == [(7.0, False)]  # raised by hand to 4
    assert [(r.score, r.provisional) for r in assignment_results(store, "s12")] == [(0.0, True)]  # free text awaits a grader
    assert assignment_results(store, "s02") == []  # graded, no feedback yet: not the student's to see


def test_one_assignment_is_exported_and_a_grade_set_by_hand_reaches_the_student_at_the_next_export(cohort, store):
    write_feedback(cohort, CH2, "s12")
    write_feedback(cohort, CH4, "s01")
    assert export_progress(cohort, store, [CH2]) == ProgressExport({CH2: 1}, {})  # the other assignment not looked at
    with pytest.raises(UnknownAssignmentError):
        export_progress(cohort, store, ["ch9_nothing"])
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{cohort.path('gradebook.db')}", course_id=COURSE_ID) as gradebook:
        grade = gradebook.find_grade("reflection", "ch2", CH2, "s12")
        grade.manual_score, grade.needs_manual_grade = 2.0, False
        gradebook.db.commit()
    export_progress(cohort, store, [CH2])
    assert [(r.score, r.provisional) for r in assignment_results(store, "s12")] == [(2.0, False)]


def test_export_progress_and_feedback_write_into_the_store_the_cli_is_given(cohort, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    write_feedback(cohort, CH2, "s03")
    result = CliRunner().invoke(main, ["course", "export-progress", CH2, "--cohort", str(cohort.root), "--db", url])
    assert result.exit_code == 0, result.output
    assert "progress: 1 released grade(s) in the answer store" in result.output
    import kit.course.grading as grading

    def feedback_written(cohort_, assignment, students=None):
        write_feedback(cohort_, assignment, "s04")
        return {"s04": None}

    monkeypatch.setattr(grading, "generate_feedback", feedback_written)
    monkeypatch.setattr(grading, "skipped_learners", lambda cohort_, assignment: {})
    result = CliRunner().invoke(main, ["course", "feedback", CH2, "--cohort", str(cohort.root), "--no-progress", "--db", url])
    assert result.exit_code == 0 and "progress:" not in result.output
    store = open_store(url)
    assert assignment_results(store, "s04") == []
    result = CliRunner().invoke(main, ["course", "feedback", CH2, "--cohort", str(cohort.root), "--db", url])
    assert result.exit_code == 0, result.output
    assert [r.assignment for r in assignment_results(store, "s04")] == [CH2]
    assert [r.assignment for r in assignment_results(store, "s03")] == [CH2]
    store.close()
    refused = CliRunner().invoke(main, ["course", "feedback", CH2, "--cohort", str(cohort.root), "--db", "sqlite://"])
    assert refused.exit_code == 1 and "the grades did not reach the students' progress" in refused.output

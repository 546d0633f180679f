"""Grades and totals read from a real nbgrader gradebook through nbgrader's Gradebook API."""

from __future__ import annotations

import pytest

from kit.course.report.gradebook_frame import GRADE_COLUMNS, TOTAL_COLUMNS, grades_frame, sqlite_url, totals_frame

from .scratch_cohort import CH2, CH4, build_cohort


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    return build_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture(scope="module")
def grades(cohort):
    return grades_frame(sqlite_url(cohort / "gradebook.db"))


def cell(grades, student, assignment, grade_id):
    rows = grades[(grades["student"] == student) & (grades["assignment"] == assignment) & (grades["grade_id"] == grade_id)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_one_row_per_student_assignment_and_graded_cell(grades):
    assert list(grades.columns) == GRADE_COLUMNS
    assert len(grades) == 12 * 3 + 11 * 2  # s12 did not submit ch4
    assert list(dict.fromkeys(grades["assignment"])) == [CH2, CH4]  # in due-date order
    assert set(grades.loc[grades["assignment"] == CH4, "student"]) == {f"s{n:02d}" for n in range(1, 12)}
    assert str(grades.loc[0, "timestamp"]) == "2026-11-19 10:00:00"


def test_a_manual_score_wins_over_the_autograded_one(grades):
    raised = cell(grades, "s05", CH2, "palermo")
    assert (raised.auto_score, raised.manual_score, raised.score, raised.max_score) == (3.0, 4.0, 4.0, 4.0)
    auto_only = cell(grades, "s03", CH2, "palermo")
    assert auto_only.score == 3.0 and not auto_only.needs_manual_grade


def test_a_cell_awaiting_a_grader_scores_zero_and_says_so(grades):
    pending = cell(grades, "s12", CH2, "reflection")
    assert pending.score == 0.0 and bool(pending.needs_manual_grade)
    assert int(grades["needs_manual_grade"].sum()) == 1


def test_totals_per_student_and_assignment(grades):
    totals = totals_frame(grades).set_index(["student", "assignment"])
    assert list(totals.reset_index().columns) == TOTAL_COLUMNS
    assert len(totals) == 23
    assert tuple(totals.loc[("s01", CH2), ["score", "max_score", "share"]]) == (9.0, 9.0, 1.0)
    assert tuple(totals.loc[("s05", CH2), ["score", "max_score"]]) == (7.0, 9.0)  # 4 (raised) + 1 + 2
    assert totals.loc[("s08", CH4), "share"] == pytest.approx(3 / 5)
    assert bool(totals.loc[("s12", CH2), "needs_manual_grade"]) and not bool(totals.loc[("s11", CH2), "needs_manual_grade"])
    assert ("s12", CH4) not in totals.index


def test_an_empty_frame_keeps_its_columns():
    import pandas as pd

    assert list(totals_frame(pd.DataFrame(columns=GRADE_COLUMNS)).columns) == TOTAL_COLUMNS


def test_a_missing_gradebook_is_an_error_not_a_new_database(tmp_path):
    with pytest.raises(FileNotFoundError, match="no gradebook"):
        grades_frame(sqlite_url(tmp_path / "gradebook.db"))
    assert not (tmp_path / "gradebook.db").exists()


def test_another_course_id_names_the_courses_the_gradebook_holds(cohort):
    with pytest.raises(ValueError, match="holds course\\(s\\) 'strom'"):
        grades_frame(sqlite_url(cohort / "gradebook.db"), course_id="other")


def test_importing_the_course_modules_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, kit.course.report.gradebook_frame, kit.course.report.exports, kit.course.report.cohort_report, kit.course.report.item_analysis, "
        "kit.course.report.record_summaries, kit.course.report.cohort_analysis, kit.course.report.sections, kit.course.report.figures, "
        "kit.course.report.notebook\n"
        "heavy = [m for m in ('pandas', 'nbgrader', 'matplotlib', 'nbformat', 'numpy') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

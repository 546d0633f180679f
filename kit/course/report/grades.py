"""A cohort's grades as exports and reports need them: what is graded, what failed, what awaits a
grader, and who is in the course at all.

`cohort_grades` refuses a cohort with nothing to show (no gradebook yet, or no grading done and no
failure recorded) with one line saying what to do, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.course.cohort.assignments import load_assignments
from kit.course.cohort.folder import Cohort, CohortError
from kit.course.grading.failures import read_failures
from kit.course.report.gradebook_frame import grades_frame, totals_frame


class NothingGradedError(CohortError):
    """Nothing has been graded in the cohort yet."""


@dataclass(frozen=True)
class CohortGrades:
    """Cell grades and totals without failed gradings, the failures, pending manual grades, learners."""

    grades: Any        # gradebook_frame.grades_frame, failed gradings left out
    totals: Any        # gradebook_frame.totals_frame of `grades`
    failures: dict[tuple[str, str], list[str]]  # (assignment, student) -> reasons
    learners: list[str]  # the roster's learners, and everyone with a grade or a failure

    def pending(self) -> dict[tuple[str, str], list[str]]:
        """(assignment, student) -> the parts (grade ids) that still await manual grading."""
        found: dict[tuple[str, str], list[str]] = {}
        waiting = self.grades[self.grades["needs_manual_grade"]] if not self.grades.empty else self.grades
        for row in waiting.itertuples():
            found.setdefault((row.assignment, row.student), []).append(row.grade_id)
        return found

    def maxima(self) -> dict[str, float]:
        """Points of every assignment that has a grade or a failure (failed-only ones from the course data)."""
        known = load_assignments()
        found = {assignment: known[assignment].points for assignment, _ in self.failures if assignment in known}
        if not self.totals.empty:
            found.update({a: float(m) for a, m in self.totals.groupby("assignment", sort=False)["max_score"].max().items()})
        return found


def cohort_grades(cohort: Cohort) -> CohortGrades:
    """The cohort's grades; NothingGradedError when there is nothing to export or report yet."""
    hint = f"nothing graded yet in {cohort.root}: release, collect and autograde an assignment first " \
           "(strom-kit course autograde ASSIGNMENT)"
    if not cohort.path("gradebook.db").is_file():
        raise NothingGradedError(hint)
    failures = read_failures(cohort.root)
    grades = grades_frame(cohort.db_url, cohort.course_id)
    if failures and not grades.empty:
        grades = grades[[(a, s) not in failures for a, s in zip(grades["assignment"], grades["student"])]]
        grades = grades.reset_index(drop=True)
    if grades.empty and not failures:
        raise NothingGradedError(hint)
    learners = set(grades["student"]) | {student for _, student in failures}
    if cohort.path("roster.csv").exists():
        learners |= set(cohort.students())
    return CohortGrades(grades, totals_frame(grades), failures, sorted(learners))

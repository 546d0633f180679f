"""Released grades into the answer store, so that a student's progress on the start page shows their assignments.

The store may not read the course (kit/LAYERS.md), so the course writes into it: for every learner
whose feedback of an assignment has been written (`COHORT/feedback/STUDENT/ASSIGN/*.html`, what
`strom-kit course feedback` makes and the hub returns), their points and the maximum from the
gradebook, whether a part still awaits manual grading, the assignment's chapter and titles in
both languages, how many assignments the course has, when it was graded (the kit's grading
record) and when its feedback was written. Grades without feedback stay in the gradebook: a
student sees a grade only once its feedback is out. A failed last grading is left out, as in the
exports (nbgrader may hold an older score).

The store's pseudonym of a learner is their nbgrader student id (its stored form,
`kit.store.pseudonym_key`): on the hub the account name is the student id (nbgrader's exchange
names submissions by it) and the progress view reads the account's own progress, so the two meet
without a mapping. A student id longer than a pseudonym (40 characters) is left out and named.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kit.course.cohort.assignments import get_assignment, load_assignments
from kit.course.cohort.folder import Cohort
from kit.course.report.grades import cohort_grades
from kit.store import AnswerStore, is_valid_pseudonym, pseudonym_key
from kit.store.graded import AssignmentResult, save_assignment_results


@dataclass(frozen=True)
class ProgressExport:
    """What an export wrote: results per assignment, and the learners left out with the reason."""

    written: dict[str, int] = field(default_factory=dict)
    left_out: dict[tuple[str, str], str] = field(default_factory=dict)  # (assignment, student) -> why

    @property
    def count(self) -> int:
        return sum(self.written.values())


def released_results(cohort: Cohort, assignments: Iterable[str] | None = None
                     ) -> tuple[list[AssignmentResult], dict[tuple[str, str], str]]:
    """The results of `assignments` (default: every assignment in the gradebook) whose feedback has
    been written, and the (assignment, student) pairs left out with the reason. NothingGradedError
    when nothing is graded; UnknownAssignmentError for an assignment the course does not have."""
    known = load_assignments()
    wanted = None if assignments is None else {get_assignment(a).id for a in assignments}
    grades = cohort_grades(cohort)
    results: list[AssignmentResult] = []
    left_out: dict[tuple[str, str], str] = {}
    for row in grades.totals.itertuples():
        if wanted is not None and row.assignment not in wanted:
            continue
        pages = sorted(cohort.path("feedback", row.student, row.assignment).glob("*.html"))
        if not pages:
            continue  # graded, feedback not out yet: not the student's to see
        reason = _not_exported(row.assignment in known, row.student, float(row.max_score))
        if reason:
            left_out[(row.assignment, row.student)] = reason
            continue
        assignment = known[row.assignment]
        released = max(page.stat().st_mtime for page in pages)
        results.append(AssignmentResult(
            participant=pseudonym_key(row.student), course=cohort.course_id, assignment=assignment.id,
            chapter=assignment.chapter, title_sv=assignment.title.sv, title_en=assignment.title.en,
            score=float(row.score), max_score=float(row.max_score), provisional=bool(row.needs_manual_grade),
            course_assignments=len(known), graded_at=_graded_at(cohort.root, row.assignment, row.student) or released,
            released_at=released))
    return results, left_out


def export_progress(cohort: Cohort, store: AnswerStore, assignments: Iterable[str] | None = None) -> ProgressExport:
    """Write the released results of `assignments` (default: all) into `store`, in one transaction."""
    results, left_out = released_results(cohort, assignments)
    save_assignment_results(store, results)
    written: dict[str, int] = {}
    for result in results:
        written[result.assignment] = written.get(result.assignment, 0) + 1
    return ProgressExport(written, left_out)


def _not_exported(known: bool, student: str, max_score: float) -> str | None:
    """Why a released grade cannot go into the store, or None."""
    if not known:
        return "not one of the kit's assignments (no chapter, no title to show)"
    if not is_valid_pseudonym(student):
        return "a student id longer than a pseudonym (40 characters)"
    if not max_score > 0:
        return "the assignment has no points in the gradebook"
    return None


def _graded_at(cohort: Path, assignment: str, student: str) -> float | None:
    """When the kit last graded the learner's submission (its record's `graded_at`), None when unknown."""
    try:
        record = json.loads((cohort / "records" / assignment / f"{student}.json").read_text(encoding="utf-8"))
        moment = datetime.datetime.fromisoformat(str(record["graded_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()

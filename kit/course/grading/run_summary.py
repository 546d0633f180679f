"""The evaluator's summary of an autograde run: one line per learner that hides nothing.

A graded learner's points are split into what is graded (autograded parts, and free text already
graded by hand) and what still awaits manual grading, so an ungraded free-text part reads as
"awaits manual grading", not as lost points. A part that got no credit because its cell was
stopped at the time limit says so (from the kit's record, time_limits.TIMED_OUT); a learner
whose whole grading failed keeps the reasons the run gave.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kit.course.cohort.folder import Cohort
from kit.course.grading.autograde_runner import Outcome
from kit.course.grading.time_limits import TIMED_OUT


@dataclass(frozen=True)
class SummaryLine:
    """One learner's line: status, graded points of graded maximum, and notes."""

    student: str
    status: str
    score: str
    seconds: float
    notes: tuple[str, ...]


def summarise(cohort: Cohort, assignment_id: str, outcomes: list[Outcome]) -> list[SummaryLine]:
    """A SummaryLine per outcome (kit.course.grading.autograde_runner.Outcome), in the outcomes' order."""
    cells = _gradebook_cells(cohort, assignment_id, [o.student for o in outcomes if o.status == "graded"])
    lines = []
    for outcome in outcomes:
        notes: list[str] = []
        score = ""
        if outcome.status == "graded":
            mine = cells.get(outcome.student, [])
            graded = [cell for cell in mine if not cell[3]]
            pending = [cell for cell in mine if cell[3]]
            score = f"{_points(sum(c[1] for c in graded))}/{_points(sum(c[2] for c in graded))}"
            notes += [f"{part}: 0 – {problem}" for part, problem in _timed_out(cohort, assignment_id, outcome.student)]
            if pending:
                notes.append("awaits manual grading: " + ", ".join(f"{c[0]} ({_points(c[2])} p)" for c in pending))
        lines.append(SummaryLine(outcome.student, outcome.status, score, outcome.seconds, tuple(notes + outcome.reasons)))
    return lines


def _points(value: float) -> str:
    return f"{round(value, 2):g}"


def _timed_out(cohort: Cohort, assignment_id: str, student: str) -> list[tuple[str, str]]:
    path = cohort.path("records", assignment_id, f"{student}.json")
    try:
        parts = json.loads(path.read_text(encoding="utf-8")).get("parts") or {}
    except (OSError, ValueError):
        return []
    return [(part_id, part["problem"]) for part_id, part in parts.items()
            if isinstance(part, dict) and str(part.get("problem") or "").startswith(TIMED_OUT)]


def _gradebook_cells(cohort: Cohort, assignment_id: str, students: list[str]) -> dict[str, list[tuple[str, float, float, bool]]]:
    """student -> [(grade_id, score, max_score, needs_manual_grade)] from nbgrader's gradebook."""
    if not students:
        return {}
    from nbgrader.api import Gradebook, MissingEntry

    found: dict[str, list[tuple[str, float, float, bool]]] = {}
    with Gradebook(cohort.db_url, cohort.course_id) as gradebook:
        for student in students:
            try:
                submission = gradebook.find_submission(assignment_id, student)
            except MissingEntry:
                continue
            found[student] = [(grade.cell.name, float(grade.score), float(grade.max_score), bool(grade.needs_manual_grade))
                              for notebook in submission.notebooks for grade in notebook.grades]
    return found

"""Grading free-text parts by rubric: marks per rubric item and comments from the comment bank.

Applies to nbgrader's gradebook directly (the same fields formgrader sets): the manual score, the
comment, and `needs_manual_grade` cleared, committed together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.course.cohort.assignments import Rubric, get_assignment, load_rubrics
from kit.course.cohort.folder import Cohort


class RubricError(ValueError):
    """Marks or comments that do not fit the rubric, with what is allowed."""


@dataclass(frozen=True)
class ManualGrade:
    """What was written to the gradebook."""

    student: str
    part: str
    score: float
    comment: str


def rubric_for(assignment_id: str, part_id: str) -> Rubric:
    """The rubric of a free-text part."""
    part = get_assignment(assignment_id).part(part_id)
    if part.kind != "free_text":
        raise RubricError(f"{assignment_id}/{part_id} is autograded; only free-text parts have a rubric")
    if part.rubric is None:  # load_assignments refuses such a part: named here for the type checker
        raise RubricError(f"{assignment_id}/{part_id} names no rubric")
    return load_rubrics()[part.rubric]


def compose(rubric: Rubric, marks: dict[str, float], comments: list[str], note: str = "", lang: str = "sv") -> tuple[float, str]:
    """The score and the comment text for `marks` ({item id: points}) and comment-bank ids."""
    items = {item.id: item for item in rubric.items}
    unknown = sorted(set(marks) - set(items))
    if unknown:
        raise RubricError(f"unknown rubric item(s) {unknown}; items: {', '.join(items)}")
    for item_id, points in marks.items():
        if not 0 <= points <= items[item_id].points:
            raise RubricError(f"{item_id}: {points:g} points is outside 0–{items[item_id].points:g}")
    bank = {comment.id: comment for comment in rubric.comments}
    missing = [c for c in comments if c not in bank]
    if missing:
        raise RubricError(f"unknown comment(s) {missing}; the bank has: {', '.join(bank)}")
    lines = [f"- {items[i].description.get(lang)}: {marks.get(i, 0):g}/{items[i].points:g}" for i in items]
    lines += [bank[c].text.get(lang) for c in comments]
    if note.strip():
        lines.append(note.strip())
    return round(sum(marks.values()), 4), "\n".join(lines)


def apply_manual_grade(cohort: Cohort, assignment_id: str, student: str, part_id: str, marks: dict[str, float],
                       comments: Sequence[str] = (), note: str = "", lang: str = "sv") -> ManualGrade:
    """Write the rubric grade of one learner's free-text part to the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    score, text = compose(rubric_for(assignment_id, part_id), marks, list(comments), note, lang)
    with Gradebook(cohort.db_url, cohort.course_id) as gradebook:
        try:
            grade = gradebook.find_grade(part_id, assignment_id, assignment_id, student)
            comment = gradebook.find_comment(part_id, assignment_id, assignment_id, student)
        except MissingEntry:
            raise RubricError(f"{student} has no graded submission of {assignment_id}: autograde it first") from None
        grade.manual_score = score
        grade.needs_manual_grade = False
        comment.manual_comment = text
        gradebook.db.commit()
    return ManualGrade(student, part_id, score, text)

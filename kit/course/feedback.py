"""Feedback for learners: nbgrader's feedback HTML, with hidden tests removed and nothing of the key.

The kit's test cells only hand answers over, and their outputs are the grader's key-free feedback
(see part_scoring.py), so the HTML holds the learner's own answers, the credit, and pointers to the
guidelines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def generate_feedback(cohort: Any, assignment_id: str, students: list[str] | None = None) -> dict[str, str | None]:
    """Write feedback/STUDENT/ASSIGN/*.html for every autograded learner; {student: problem or None}."""
    from kit.course.release import nbgrader_api

    api = nbgrader_api(cohort)
    graded = students or sorted(p.parent.name for p in cohort.path("autograded").glob(f"*/{assignment_id}") if p.is_dir())
    problems: dict[str, str | None] = {}
    for student in graded:
        result = api.generate_feedback(assignment_id, student, force=True)
        problems[student] = None if result.get("success") else (result.get("error") or result.get("log") or "failed")[-500:]
    return problems


def feedback_files(cohort: Any, assignment_id: str, student: str) -> list[Path]:
    return sorted(cohort.path("feedback", student, assignment_id).glob("*.html"))

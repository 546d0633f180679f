"""Feedback for learners: nbgrader's feedback HTML, with hidden tests removed and nothing of the key.

The kit's test cells only hand answers over, and their outputs are the grader's key-free feedback
(see part_scoring.py), so the HTML holds the learner's own answers, the credit, and pointers to the
guidelines. Learners whose last grading failed get none (nbgrader may hold an older grading), and
`skipped_learners` names everyone who gets none, with the reason.
"""

from __future__ import annotations

from kit.course.cohort.assignments import get_assignment
from kit.course.cohort.folder import Cohort, CohortError
from kit.course.grading.failures import read_failures
from kit.course.grading.release_notebooks import nbgrader_api


def generate_feedback(cohort: Cohort, assignment_id: str, students: list[str] | None = None) -> dict[str, str | None]:
    """Write feedback/STUDENT/ASSIGN/*.html for every autograded learner whose last grading did not
    fail; {student: problem or None}. Nothing graded yet is a CohortError."""
    get_assignment(assignment_id)
    failed = {student for (assignment, student) in read_failures(cohort.root) if assignment == assignment_id}
    graded = students or [s for s in _autograded(cohort, assignment_id) if s not in failed]
    if not graded:
        raise CohortError(f"no graded submission of {assignment_id} in {cohort.root} yet: run `strom-kit course "
                          f"autograde {assignment_id}` first")
    api = nbgrader_api(cohort)
    problems: dict[str, str | None] = {}
    for student in graded:
        result = api.generate_feedback(assignment_id, student, force=True)
        problems[student] = None if result.get("success") else (result.get("error") or result.get("log") or "failed")[-500:]
    return problems


def skipped_learners(cohort: Cohort, assignment_id: str) -> dict[str, str]:
    """Learners of the cohort who get no feedback for `assignment_id`, with the reason."""
    failures = {student: reasons for (assignment, student), reasons in read_failures(cohort.root).items()
                if assignment == assignment_id}
    graded = set(_autograded(cohort, assignment_id))
    skipped = {}
    for student in cohort.learners():
        if student in failures:
            skipped[student] = "the grading failed: " + "; ".join(failures[student])
        elif student not in graded:
            handed_in = cohort.path("submitted", student, assignment_id).is_dir()
            skipped[student] = "handed in but not autograded yet" if handed_in else "nothing handed in"
    return skipped


def _autograded(cohort: Cohort, assignment_id: str) -> list[str]:
    return sorted(p.parent.name for p in cohort.path("autograded").glob(f"*/{assignment_id}") if p.is_dir())

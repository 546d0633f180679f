"""nbgrader's gradebook as pandas tables: one row per graded cell, and totals per assignment.

Read through nbgrader's own `Gradebook` API, so the scores are the ones formgrader shows:
a cell's score is its manual score when a grader set one, else its autograded score (0 when
neither is set), plus any extra credit, exactly as `nbgrader.api.Grade.score` computes it.
Only submitted assignments appear: a learner who handed nothing in has no rows for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

GRADE_COLUMNS = [
    "student", "assignment", "notebook", "grade_id", "auto_score", "manual_score", "extra_credit",
    "score", "max_score", "needs_manual_grade", "timestamp",
]
TOTAL_COLUMNS = ["student", "assignment", "score", "max_score", "share", "needs_manual_grade"]


def grades_frame(db_url: str, course_id: str = "strom") -> Any:
    """One row per student × assignment × graded cell of `course_id` (columns: GRADE_COLUMNS).

    A SQLite gradebook that does not exist is an error (nbgrader would silently create an
    empty one). Assignments of other courses are left out; if the gradebook holds
    assignments but none of `course_id`, the error names the courses it does hold.
    """
    import pandas as pd
    from nbgrader.api import Gradebook

    _require_existing_sqlite(db_url)
    rows = []
    with Gradebook(db_url, course_id=course_id) as gradebook:
        assignments = gradebook.assignments
        ours = [assignment for assignment in assignments if assignment.course_id == course_id]
        if assignments and not ours:
            held = sorted({repr(assignment.course_id) for assignment in assignments})
            raise ValueError(f"the gradebook has no assignments of course {course_id!r}; it holds course(s) {', '.join(held)}")
        for assignment in ours:
            for submission in assignment.submissions:
                rows += _submission_rows(submission)
    frame = pd.DataFrame(rows, columns=GRADE_COLUMNS)
    for column in ("auto_score", "manual_score", "extra_credit", "score", "max_score"):
        frame[column] = frame[column].astype(float)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    frame["needs_manual_grade"] = frame["needs_manual_grade"].astype(bool)
    order = {assignment.name: position for position, assignment in enumerate(ours)}
    frame = frame.sort_values(["assignment", "student", "notebook", "grade_id"], key=lambda column: column.map(order) if column.name == "assignment" else column)
    return frame.reset_index(drop=True)


def totals_frame(grades: Any) -> Any:
    """One row per student × assignment: points, maximum, share, and whether any cell awaits a grader."""
    import pandas as pd

    if grades.empty:
        return pd.DataFrame(columns=TOTAL_COLUMNS)
    totals = grades.groupby(["student", "assignment"], sort=False).agg(
        score=("score", "sum"), max_score=("max_score", "sum"), needs_manual_grade=("needs_manual_grade", "any"),
    ).reset_index()
    totals["share"] = totals["score"] / totals["max_score"].where(totals["max_score"] > 0)
    return totals[TOTAL_COLUMNS]


def sqlite_url(path: str | Path) -> str:
    """The SQLAlchemy URL of the SQLite gradebook at `path`."""
    return f"sqlite:///{Path(path).resolve()}"


def _submission_rows(submission: Any) -> list[dict[str, Any]]:
    rows = []
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            manual, auto, extra = grade.manual_score, grade.auto_score, grade.extra_credit
            base = manual if manual is not None else (auto if auto is not None else 0.0)
            rows.append({
                "student": submission.student.id, "assignment": submission.assignment.name,
                "notebook": notebook.notebook.name, "grade_id": grade.cell.name,
                "auto_score": auto, "manual_score": manual, "extra_credit": extra,
                "score": float(base + (extra or 0.0)), "max_score": float(grade.cell.max_score),
                "needs_manual_grade": bool(grade.needs_manual_grade), "timestamp": submission.timestamp,
            })
    return rows


def _require_existing_sqlite(db_url: str) -> None:
    prefix = "sqlite:///"
    if db_url.startswith(prefix):
        path = Path(db_url[len(prefix):].split("?", 1)[0])
        if str(path) not in ("", ":memory:") and not path.is_file():
            raise FileNotFoundError(f"no gradebook at {path}")

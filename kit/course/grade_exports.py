"""Grade exports: a pseudonymous CSV, and import files for the Canvas and Moodle gradebooks.

Formats (points, not percentages; a blank cell where a learner submitted nothing):

- `csv`: `student` (the pseudonymous id), one column per assignment, `total`. Needs no roster.
- `canvas`: the columns of Canvas's gradebook import, `Student`, `ID`, `SIS User ID`,
  `SIS Login ID`, `Section`, then one column per assignment, and a `Points Possible` row under
  the header. Sources: Instructure's guide "How do I import grades in the Gradebook?"
  (community.canvaslms.com, Instructor Guide, ta-p/807) lists Student Name, Student ID, SIS User
  ID, SIS Login ID, Section and assignment columns; Canvas's own export titles an existing
  assignment `NAME (CANVAS_ASSIGNMENT_ID)` (nemogb-dev.github.io, "Detailed Canvas Export Info")
  and a column whose name matches an assignment exactly, or a new name, also imports (tested in
  PrairieLearn issue #4547); the `Points Possible` row follows the header in Canvas exports
  (PrairieLearn PR #14628 writes one). So a column is `NAME (ID)` when `canvas_ids` gives the
  Canvas assignment id, else the plain assignment name. `ID` is the roster's `lms_id` (Canvas's
  user id), `SIS Login ID` its `email`.
- `moodle`: `ID number` (the roster's `lms_id`), `Email address`, then one column per
  assignment. Source: MoodleDocs "Grade import" (docs.moodle.org/311/en/Grade_import): a CSV
  import maps a user column ("Map from") to `useridnumber` or `useremail` ("Map to"), and each
  grade column to a grade item, in the preview step.

For canvas and moodle every learner in the grades must be in the roster (`COHORT/roster.csv`:
`student_id`, optional `lms_id`, `email`, `name`, `section`) with an `lms_id` or an `email`;
otherwise RosterError lists them all.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kit.course.roster import ROSTER_FIELDS, RosterError, read_roster

FORMATS = ("csv", "canvas", "moodle")
CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTITY = ["ID number", "Email address"]


def export_grades(
    totals: Any, roster: str | Path | Mapping[str, Mapping[str, str]] | None, fmt: str, out_path: str | Path,
    canvas_ids: Mapping[str, str] | None = None,
) -> Path:
    """Write `totals` (from `totals_frame`) as `fmt` to `out_path`; returns the path written.

    `roster` is a roster file, an already read roster, or None (enough for `csv` only).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    points, maxima = _points_table(totals)
    if fmt == "csv":
        header, rows = _csv_rows(points)
    else:
        people = _roster_for(points.index, roster)
        header, rows = (_canvas_rows(points, maxima, people, canvas_ids or {}) if fmt == "canvas" else _moodle_rows(points, people))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return out_path


def points_text(value: float) -> str:
    """Points as CSV text: up to two decimals, no trailing zeros; '' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{round(float(value), 2):g}"


def _points_table(totals: Any) -> tuple[Any, dict[str, float]]:
    """learners × assignments points (NaN where nothing was submitted), and each assignment's maximum."""
    assignments = list(dict.fromkeys(totals["assignment"]))
    points = totals.pivot_table(index="student", columns="assignment", values="score", aggfunc="sum", sort=True)
    points = points.reindex(columns=assignments)
    maxima = {assignment: float(group["max_score"].max()) for assignment, group in totals.groupby("assignment", sort=False)}
    return points, maxima


def _csv_rows(points: Any) -> tuple[list[str], list[list[str]]]:
    header = ["student", *points.columns, "total"]
    rows = [[student, *(points_text(v) for v in row), points_text(row.sum(skipna=True))] for student, row in points.iterrows()]
    return header, rows


def _canvas_rows(points: Any, maxima: dict[str, float], people: dict, canvas_ids: Mapping[str, str]) -> tuple[list[str], list[list[str]]]:
    titles = [f"{name} ({canvas_ids[name]})" if canvas_ids.get(name) else name for name in points.columns]
    header = CANVAS_IDENTITY + titles
    rows = [["Points Possible", "", "", "", "", *(points_text(maxima[name]) for name in points.columns)]]
    for student, row in points.iterrows():
        person = people[student]
        rows.append([person["name"] or student, person["lms_id"], "", person["email"], person["section"], *(points_text(v) for v in row)])
    return header, rows


def _moodle_rows(points: Any, people: dict) -> tuple[list[str], list[list[str]]]:
    header = MOODLE_IDENTITY + list(points.columns)
    rows = [[people[s]["lms_id"], people[s]["email"], *(points_text(v) for v in row)] for s, row in points.iterrows()]
    return header, rows


def _roster_for(students: Any, roster: str | Path | Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    if roster is None:
        raise RosterError("the canvas and moodle formats need a roster (student_id, lms_id, email, name, section)")
    people = read_roster(roster) if isinstance(roster, (str, Path)) else {
        key: {field: str(value.get(field) or "") for field in ROSTER_FIELDS} for key, value in roster.items()
    }
    missing = [student for student in students if student not in people]
    if missing:
        raise RosterError(f"learners in the gradebook but not in the roster: {', '.join(missing)}")
    unidentified = [student for student in students if not (people[student]["lms_id"] or people[student]["email"])]
    if unidentified:
        raise RosterError(f"learners with neither lms_id nor email in the roster, so the LMS cannot match them: {', '.join(unidentified)}")
    return people

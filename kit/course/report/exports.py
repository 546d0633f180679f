"""Grade exports: a pseudonymous CSV, and import files for the Canvas and Moodle gradebooks.

Formats (points, or percentages for Moodle by option; a blank cell where a learner has no grade:
nothing submitted, or a grading that failed; every learner named in `learners` has a row even
when they have no grade at all):

- `csv`: `student` (the pseudonymous id), one column per assignment, `total`, and `provisional`:
  the assignments whose points are provisional because a free-text part still awaits manual
  grading. Needs no roster.
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
  assignment, in points or (`grades="percent"`, for grade items whose maximum is 100) as a
  percentage of the assignment's points. Source: MoodleDocs "Grade import" (docs.moodle.org/311/en/Grade_import): a CSV
  import maps a user column ("Map from") to `useridnumber` or `useremail` ("Map to"), and each
  grade column to a grade item, in the preview step.

For canvas and moodle every learner in the grades must be in the roster (`COHORT/roster.csv`:
`student_id`, optional `lms_id`, `email`, `name`, `section`) with an `lms_id` or an `email`;
otherwise RosterError lists them all.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.course.cohort.assignments import load_assignments
from kit.course.cohort.roster import ROSTER_FIELDS, RosterError, read_roster

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "canvas", "moodle")
GRADE_SCALES = ("points", "percent")


class ExportError(ValueError):
    """An export that cannot be written as asked (e.g. a bad Canvas ids file), with what to do."""
CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTITY = ["ID number", "Email address"]


def export_grades(
    totals: pd.DataFrame, roster: str | Path | Mapping[str, Mapping[str, str]] | None, fmt: str, out_path: str | Path,
    canvas_ids: Mapping[str, str] | None = None, *, learners: Iterable[str] = (),
    maxima: Mapping[str, float] | None = None, grades: str = "points",
) -> Path:
    """Write `totals` (from `totals_frame`) as `fmt` to `out_path`; returns the path written.

    `roster` is a roster file, an already read roster, or None (enough for `csv` only).
    `learners` get a row (blank where they have no grade) even when `totals` has none for them,
    and `maxima` (assignment -> points) gives columns to assignments without any grade yet.
    `grades` is "points" or, for moodle, "percent".
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if grades not in GRADE_SCALES or (grades == "percent" and fmt != "moodle"):
        raise ValueError(f"grades as {grades!r}: use points (every format) or percent (moodle)")
    points, maxima = _points_table(totals, learners, maxima or {})
    if fmt == "csv":
        header, rows = _csv_rows(points, _provisional(totals))
    else:
        people = _roster_for(points.index, roster)
        if fmt == "canvas":
            header, rows = _canvas_rows(points, maxima, people, canvas_ids or {})
        else:
            header, rows = _moodle_rows(points.div(_per_column(maxima, points.columns)) * 100 if grades == "percent" else points, people)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return out_path


def read_canvas_ids(path: str | Path) -> dict[str, str]:
    """Canvas assignment ids from a CSV with the columns `assignment,canvas_id` (one row per assignment).

    Unknown assignments, ids that are not numbers and assignments listed twice are errors
    (`file:line: message`)."""
    path = Path(path)
    known = load_assignments()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not {"assignment", "canvas_id"} <= set(reader.fieldnames or []):
                raise ExportError(f"{path}:1: the first line must be assignment,canvas_id (found: {', '.join(reader.fieldnames or []) or 'nothing'})")
            ids: dict[str, str] = {}
            for row in reader:
                line, name, canvas_id = reader.line_num, (row["assignment"] or "").strip(), (row["canvas_id"] or "").strip()
                if name not in known:
                    raise ExportError(f"{path}:{line}: unknown assignment {name!r}; known: {', '.join(known)}")
                if not canvas_id.isdigit():
                    raise ExportError(f"{path}:{line}: canvas_id {canvas_id!r} is not a number; copy it from the assignment's address in Canvas (…/assignments/ID)")
                if name in ids:
                    raise ExportError(f"{path}:{line}: {name} is listed twice")
                ids[name] = canvas_id
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"{path}: cannot be read as UTF-8 CSV ({error})") from None
    return ids


def points_text(value: float | None) -> str:
    """Points as CSV text: up to two decimals, no trailing zeros; '' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{round(float(value), 2):g}"


def _points_table(totals: Any, learners: Iterable[str], known_maxima: Mapping[str, float]) -> tuple[Any, dict[str, float]]:
    """learners × assignments points (NaN where there is no grade), and each assignment's maximum."""
    import pandas as pd

    assignments = list(dict.fromkeys([*totals["assignment"], *known_maxima]))
    if totals.empty:
        points = pd.DataFrame(columns=assignments, dtype=float)
    else:
        points = totals.pivot_table(index="student", columns="assignment", values="score", aggfunc="sum", sort=True)
    students = sorted(set(points.index) | set(learners))
    points = points.reindex(index=students, columns=assignments).astype(float)
    points.index.name = "student"
    maxima = dict(known_maxima)
    maxima.update({assignment: float(group["max_score"].max()) for assignment, group in totals.groupby("assignment", sort=False)})
    return points, maxima


def _provisional(totals: Any) -> dict[str, list[str]]:
    """student -> assignments whose points are provisional (a part still awaits manual grading)."""
    found: dict[str, list[str]] = {}
    if not totals.empty:
        for row in totals[totals["needs_manual_grade"].astype(bool)].itertuples():
            found.setdefault(row.student, []).append(row.assignment)
    return found


def _per_column(values: Mapping[str, float], index: Any) -> Any:
    """`values` as a pandas Series over `index` (for dividing a table column by column)."""
    import pandas as pd

    return pd.Series([values[name] for name in index], index=index, dtype=float)


def _csv_rows(points: Any, provisional: Mapping[str, list[str]]) -> tuple[list[str], list[list[str]]]:
    header = ["student", *points.columns, "total", "provisional"]
    rows = [[student, *(points_text(v) for v in row), points_text(row.sum(skipna=True) if row.notna().any() else None),
             " ".join(provisional.get(student, []))]
            for student, row in points.iterrows()]
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

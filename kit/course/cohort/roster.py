"""The cohort's roster (`COHORT/roster.csv`): who takes the course, under which pseudonym, and how
the LMS knows them.

Format: UTF-8 CSV (a byte-order mark is fine), the first line names the columns, `student_id`
required, `lms_id`, `email`, `name` and `section` optional (other columns are kept and ignored):

    student_id,lms_id,email,name,section
    s01,1001,anna@example.org,Learner 1,Group A

- `student_id` is the learner's pseudonym in the course: 1-64 letters, digits, `.`, `_` or `-`,
  starting with a letter or digit; each learner once. It names their variant and their folders.
- `lms_id` (the LMS's user id) and `email` are needed only for the Canvas and Moodle exports and
  to match files in an LMS download; an `lms_id` belongs to one learner only.

`read_roster` checks all of this and raises RosterError with `file:line: what is wrong; what to do`,
so `course init` refuses a bad roster before it makes anything. `add_learners` appends learners
to a running course, all or nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

ROSTER_FIELDS = ("student_id", "lms_id", "email", "name", "section")
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
EXAMPLE = Path(__file__).parents[1] / "data" / "roster_example.csv"


class RosterError(ValueError):
    """A roster that cannot be used, or learners it lacks, with what to do about it."""


def read_roster(path: str | Path) -> dict[str, dict[str, str]]:
    """student_id -> that learner's row (every ROSTER_FIELDS key, '' where absent), in file order."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"no roster at {path}: add learners with `strom-kit course roster add` or write a CSV "
                          f"with a student_id column (example: {EXAMPLE})")
    return parse_roster(path.read_bytes(), str(path))


def parse_roster(data: bytes, label: str, known: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """The rows of roster text `data` (named `label` in errors); with `known`, ids and LMS ids already
    taken by those learners count as duplicates too."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError(f"{label}:{line}: not UTF-8 text; save the roster as CSV UTF-8 (in a spreadsheet: "
                          "Save as, CSV UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [name.strip() for name in reader.fieldnames or []]
    if "student_id" not in columns:
        found = ", ".join(columns) or "nothing"
        raise RosterError(f"{label}:1: no student_id column (the first line has: {found}); the first line must name "
                          f"the columns, e.g. student_id,lms_id,email (example: {EXAMPLE})")
    reader.fieldnames = columns
    known = known or {}
    roster: dict[str, dict[str, str]] = {}
    lms_ids = {row["lms_id"]: student for student, row in known.items() if row.get("lms_id")}
    for row in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line
        student = (row.get("student_id") or "").strip()
        if not student:
            raise RosterError(f"{label}:{line}: empty student_id; give every learner a pseudonym such as s01")
        if not STUDENT_ID.fullmatch(student):
            raise RosterError(f"{label}:{line}: student_id {student!r} is not usable; use 1-64 letters, digits, "
                              "'.', '_' or '-', starting with a letter or digit")
        if student in roster or student in known:
            raise RosterError(f"{label}:{line}: student_id {student!r} appears twice; list each learner once")
        entry = {field: (row.get(field) or "").strip() for field in ROSTER_FIELDS}
        if entry["lms_id"]:
            if entry["lms_id"] in lms_ids:
                raise RosterError(f"{label}:{line}: lms_id {entry['lms_id']!r} is already used by {lms_ids[entry['lms_id']]!r}; "
                                  "an LMS id belongs to one learner")
            lms_ids[entry["lms_id"]] = student
        roster[student] = entry
    return roster


def add_learners(roster_path: str | Path, new: dict[str, dict[str, str]]) -> list[str]:
    """Append `new` learners (student_id -> row) to the roster at `roster_path` (made if absent),
    all or nothing; returns their ids. A learner already in the roster is an error."""
    roster_path = Path(roster_path)
    check_new_learners(new, read_roster(roster_path) if roster_path.exists() else {})
    old_rows: list[dict[str, str]] = []
    columns = list(ROSTER_FIELDS[:1])
    if roster_path.exists():
        reader = csv.DictReader(io.StringIO(roster_path.read_text(encoding="utf-8-sig"), newline=""))
        columns = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = columns
        old_rows = list(reader)
    # a field the new learners bring (e.g. lms_id) becomes a column, empty for the others
    columns += [name for name in ROSTER_FIELDS if name not in columns and any(row.get(name) for row in new.values())]
    body = "".join(_csv_line(row, columns) + "\n" for row in [dict(zip(columns, columns)), *old_rows, *new.values()])
    handle, temporary = tempfile.mkstemp(dir=roster_path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(body)
    os.replace(temporary, roster_path)
    return list(new)


def check_new_learners(new: dict[str, dict[str, str]], known: dict[str, dict[str, str]]) -> None:
    """RosterError unless `new` learners have usable ids and ids and LMS ids not taken in `known`."""
    lines = [",".join(ROSTER_FIELDS)] + [_csv_line(row) for row in new.values()]
    parse_roster("\n".join(lines).encode("utf-8"), "the new learners", known)


def _csv_line(row: dict[str, str], columns: list[str] | tuple[str, ...] = ROSTER_FIELDS) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([row.get(name) or "" for name in columns])
    return buffer.getvalue()

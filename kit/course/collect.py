"""Intake of submissions from an LMS download (a ZIP or a folder, one file per learner).

Each notebook is matched to a learner by a roster id (`student_id`, or `lms_id` when the roster has
one) that appears in its path as a whole token, and stored as nbgrader expects:
`submitted/STUDENT/ASSIGN/ASSIGN.ipynb` with a `timestamp.txt`. Nothing is extracted by the names in
the archive (no path tricks), oversized members are refused, and everything that could not be
placed is reported with its reason.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


@dataclass
class CollectReport:
    """What was stored for whom, and what was left out and why."""

    stored: dict[str, str] = field(default_factory=dict)      # student -> source name
    notes: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source name, reason)


def collect(cohort: Any, assignment_id: str, source: Path) -> CollectReport:
    """Store the notebooks in `source` (ZIP or folder) as the learners' submissions of `assignment_id`."""
    import csv

    max_bytes = int(cohort.limit("max_submission_mb")) * 2**20
    aliases: dict[str, str] = {}
    with cohort.path("roster.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            student = (row.get("student_id") or "").strip()
            if student:
                aliases[student] = student
                if (row.get("lms_id") or "").strip():
                    aliases[row["lms_id"].strip()] = student
    report = CollectReport()
    chosen: dict[str, tuple[str, bytes, datetime]] = {}
    for name, size, read, when in _entries(Path(source)):
        if not name.lower().endswith(".ipynb"):
            report.skipped.append((name, "not a notebook (.ipynb)"))
            continue
        students = {aliases[token] for token in aliases if _mentions(name, token)}
        if len(students) != 1:
            report.skipped.append((name, "matches no learner in roster.csv" if not students
                                   else f"matches several learners: {', '.join(sorted(students))}"))
            continue
        if size > max_bytes:
            report.skipped.append((name, f"output too large: {size / 2**20:.1f} MiB"))
            continue
        student = students.pop()
        if student in chosen:
            keep_new = Path(name).name == f"{assignment_id}.ipynb" or when > chosen[student][2]
            older = chosen[student][0] if keep_new else name
            report.notes.append(f"{student}: several notebooks; kept the {'newer' if keep_new else 'first'}, left out {older}")
            if not keep_new:
                continue
        chosen[student] = (name, read(), when)
    for student, (name, data, when) in sorted(chosen.items()):
        folder = cohort.path("submitted", student, assignment_id)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.ipynb"):
            old.unlink()
        (folder / f"{assignment_id}.ipynb").write_bytes(data)
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")
        report.stored[student] = name
        if Path(name).name != f"{assignment_id}.ipynb":
            report.notes.append(f"{student}: {Path(name).name} stored as {assignment_id}.ipynb")
    return report


def _mentions(path: str, token: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])", path) is not None


def _entries(source: Path):
    """(name, size, reader, modified) for every file in a ZIP or under a folder."""
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            stat = path.stat()
            yield (str(path.relative_to(source)), stat.st_size, path.read_bytes,
                   datetime.fromtimestamp(stat.st_mtime, timezone.utc))
        return
    if not zipfile.is_zipfile(source):
        raise ValueError(f"{source} is neither a folder nor a ZIP file")
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            yield (info.filename, info.file_size, lambda info=info: archive.read(info),
                   datetime(*info.date_time, tzinfo=timezone.utc))

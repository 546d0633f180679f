"""Intake of submissions from an LMS download (a ZIP or a folder, one file per learner).

Each notebook is matched to a learner by a roster id (`student_id`, or `lms_id` when the roster has
one) that appears in its path as a whole token, and stored as nbgrader expects:
`submitted/STUDENT/ASSIGN/ASSIGN.ipynb` with a `timestamp.txt`. Nothing is extracted by the names in
the archive, and an archive with an absolute or `..` member name (or a folder with a symbolic link)
is refused as a whole before anything is stored: it is not what an LMS writes, and its names
must not decide whose submission a file becomes. Oversized members are left out, and everything
that could not be placed is reported with its reason.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from kit.course.cohort.assignments import get_assignment
from kit.course.cohort.folder import Cohort
from kit.course.cohort.roster import read_roster


class CollectError(ValueError):
    """A source that cannot be taken in at all; nothing was stored."""


@dataclass
class CollectReport:
    """What was stored for whom, and every exception: renamed, unmatched and rejected files."""

    stored: dict[str, str] = field(default_factory=dict)         # student -> source name
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (student, source name) stored as ASSIGN.ipynb
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (source name, reason)
    rejected: list[tuple[str, str]] = field(default_factory=list)   # (source name, reason)
    notes: list[str] = field(default_factory=list)                 # several notebooks of one learner

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """Every file left out, with its reason."""
        return self.unmatched + self.rejected


def collect(cohort: Cohort, assignment_id: str, source: Path) -> CollectReport:
    """Store the notebooks in `source` (ZIP or folder) as the learners' submissions of `assignment_id`."""
    get_assignment(assignment_id)
    source = Path(source)
    max_bytes = cohort.limit("max_submission_mb") * 2**20
    aliases: dict[str, str] = {}
    for student, row in read_roster(cohort.path("roster.csv")).items():
        aliases[student] = student
        if row["lms_id"]:
            aliases[row["lms_id"]] = student
    report = CollectReport()
    chosen: dict[str, tuple[str, bytes, datetime]] = {}
    for name, size, read, when in _entries(source):
        if not name.lower().endswith(".ipynb"):
            report.rejected.append((name, "not a notebook (.ipynb)"))
            continue
        students = {aliases[token] for token in aliases if _mentions(name, token)}
        if len(students) != 1:
            report.unmatched.append((name, "matches no learner in roster.csv" if not students
                                     else f"matches several learners: {', '.join(sorted(students))}"))
            continue
        if size > max_bytes:
            report.rejected.append((name, f"output too large: {size / 2**20:.1f} MiB"))
            continue
        student = students.pop()
        if student in chosen:
            keep_new = Path(name).name == f"{assignment_id}.ipynb" or when > chosen[student][2]
            older = chosen[student][0] if keep_new else name
            report.notes.append(f"{student}: several notebooks; kept the {'newer' if keep_new else 'first'}, left out {older}")
            if not keep_new:
                continue
        chosen[student] = (name, _read(read, name, source), when)
    for student, (name, data, when) in sorted(chosen.items()):
        folder = cohort.path("submitted", student, assignment_id)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.ipynb"):
            old.unlink()
        (folder / f"{assignment_id}.ipynb").write_bytes(data)
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")
        report.stored[student] = name
        if Path(name).name != f"{assignment_id}.ipynb":
            report.renamed.append((student, name))
    return report


def _mentions(path: str, token: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])", path) is not None


def _read(read: Any, name: str, source: Path) -> bytes:
    try:
        return read()
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        raise CollectError(f"{source}: {name} cannot be read ({error}); nothing was stored: "
                           "download the submissions again and collect the new file") from None


def unsafe_name(name: str) -> bool:
    """Whether an archive member's name is absolute or climbs out with '..' (POSIX or Windows style)."""
    windows = PureWindowsPath(name)
    return (name.startswith(("/", "\\")) or bool(windows.drive) or ".." in PurePosixPath(name).parts
            or ".." in windows.parts)


def _entries(source: Path) -> list[tuple[str, int, Any, datetime]]:
    """(name, size, reader, modified) for every file in a ZIP or under a folder, checked as a whole first."""
    if source.is_dir():
        links = [path for path in source.rglob("*") if path.is_symlink()]
        if links:
            raise CollectError(f"{source}: {links[0].relative_to(source)} is a symbolic link; nothing was stored: "
                               "put the real files in the folder (or collect the LMS's ZIP)")
        found = []
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            stat = path.stat()
            found.append((str(path.relative_to(source)), stat.st_size, path.read_bytes,
                          datetime.fromtimestamp(stat.st_mtime, UTC)))
        return found
    if not zipfile.is_zipfile(source):
        raise CollectError(f"{source} is neither a folder nor a ZIP file; nothing was stored: give the ZIP the LMS "
                           "made (e.g. 'Download all submissions') or a folder with one notebook per learner")
    try:
        archive = zipfile.ZipFile(source)
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise CollectError(f"{source}: a damaged ZIP file ({error}); nothing was stored: download it again") from None
    unsafe = [info.filename for info in members if unsafe_name(info.filename)]
    if unsafe:
        raise CollectError(f"{source}: holds {unsafe[0]!r}{f' and {len(unsafe) - 1} more' if len(unsafe) > 1 else ''}, "
                           "a path outside the archive (absolute or with '..'), which no LMS writes; nothing was "
                           "stored: download the submissions from the LMS again")
    return [(info.filename, info.file_size, lambda info=info: archive.read(info),
             datetime(*info.date_time, tzinfo=UTC)) for info in members]

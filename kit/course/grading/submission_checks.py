"""Checks of a submitted notebook before grading: is it there, readable, and are its locked cells intact?

A submission that fails a check is reported with its reason instead of being graded to a silent 0.
Locked cells that were edited are restored from the release by nbgrader and graded, with a note.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SubmissionCheck:
    """What was found: `fatal` stops grading; `notes` are graded-with-a-remark."""

    student: str
    fatal: str | None = None
    notes: tuple[str, ...] = ()
    size_bytes: int = 0
    extra: dict = field(default_factory=dict)


def check_submission(folder: Path, assignment_id: str, release: dict[str, dict], max_bytes: int) -> SubmissionCheck:
    """Check `folder` (submitted/STUDENT/ASSIGN) against the release's locked cells by grade id."""
    student = folder.parent.name
    expected = folder / f"{assignment_id}.ipynb"
    if not folder.is_dir():
        return SubmissionCheck(student, fatal="missing submission: nothing handed in")
    if not expected.exists():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        if others:
            return SubmissionCheck(student, fatal=f"misnamed file: found {', '.join(others)}, expected {expected.name}")
        return SubmissionCheck(student, fatal=f"missing file: {expected.name} is not in the submission")
    size = expected.stat().st_size
    if size == 0:
        return SubmissionCheck(student, fatal="empty file: the notebook has 0 bytes")
    if size > max_bytes:
        return SubmissionCheck(student, fatal=f"output too large: {size / 2**20:.1f} MiB (limit {max_bytes / 2**20:.0f} MiB); "
                                              "clear the outputs and hand in again", size_bytes=size)
    try:
        notebook = json.loads(expected.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return SubmissionCheck(student, fatal=f"invalid notebook: not JSON ({error})", size_bytes=size)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or notebook.get("nbformat") != 4:
        return SubmissionCheck(student, fatal="invalid notebook: not an nbformat 4 notebook", size_bytes=size)
    return SubmissionCheck(student, notes=tuple(_locked_cell_notes(cells, release)), size_bytes=size)


def release_cells(release_notebook: Path) -> dict[str, dict]:
    """The release's nbgrader cells by grade id: {grade_id: {"source", "locked", "grade"}}."""
    notebook = json.loads(release_notebook.read_text(encoding="utf-8"))
    found = {}
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta:
            found[meta["grade_id"]] = {"source": _source(cell), "locked": bool(meta.get("locked")),
                                       "grade": bool(meta.get("grade")), "type": cell.get("cell_type")}
    return found


def _locked_cell_notes(cells: list, release: dict[str, dict]) -> list[str]:
    seen: dict[str, dict] = {}
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if isinstance(meta, dict) and meta.get("grade_id") in release:
            seen[meta["grade_id"]] = cell
    notes = []
    deleted = [gid for gid, info in release.items() if (info["locked"] or info["grade"]) and gid not in seen]
    if deleted:
        notes.append(f"deleted locked or test cells: {', '.join(deleted)} (restored from the release)")
    edited = [gid for gid, cell in seen.items() if release[gid]["locked"] and _source(cell) != release[gid]["source"]]
    if edited:
        notes.append(f"changed locked or test cells: {', '.join(edited)} (restored from the release)")
    return notes


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)

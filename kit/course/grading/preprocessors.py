"""The kit's steps in nbgrader's autograde pipeline; they run in the grader, never in the kernel.

- `NoteLearnerTimes` (sanitize, before outputs are cleared): keeps how long the learner's own run
  took, from the hand-in timestamps, in the notebook's metadata.
- `RestoreDeletedCells` (sanitize): puts locked and test cells the learner deleted back where the
  release has them, so the rest of the work is still graded (nbgrader restores only edited ones).
- `ProvideVariant` (before Execute): puts the learner's PUBLIC variant beside the notebook, so
  their code sees the same case and tables they worked on.
- `ScoreHandIns` (after Execute, before SaveAutoGrades): scores each handed-in answer with the
  secret and makes the test cell's only outputs the key-free feedback and the credit as a number
  (nbgrader gives full credit to a test cell with no number, so no cell is left without one).
  It also writes the cohort record of the grading; a part that got no answer because its cell
  was stopped at the time limit has a `problem` starting with "timed out".
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from kit.course.cohort.assignments import get_assignment
from kit.course.cohort.folder import EXERCISES, Cohort
from kit.course.cohort.learner import ANSWER_MIME, VARIANT_FILE
from kit.course.cohort.learner_variants import learner_variant, public_variant
from kit.course.grading.part_scoring import score_part
from kit.course.grading.time_limits import INTERRUPTED, TIMED_OUT

METADATA_KEY = "strom_kit"


class NoteLearnerTimes(NbGraderPreprocessor):
    """Record the span from opening the task to the last hand-in in the learner's own run."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        opened, handed = [], []
        for cell in nb.cells:
            for payload in _payloads(cell):
                if isinstance(payload.get("opened_at"), (int, float)) and isinstance(payload.get("handed_at"), (int, float)):
                    opened.append(payload["opened_at"])
                    handed.append(payload["handed_at"])
        spent = max(handed) - min(opened) if opened else None
        nb.metadata[METADATA_KEY] = {"time_spent_s": round(spent, 1) if spent is not None and 0 <= spent < 7 * 86400 else None}
        return nb, resources


class RestoreDeletedCells(NbGraderPreprocessor):
    """Insert locked and test cells missing from the submission, each after its release predecessor."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        import nbformat

        info = resources["nbgrader"]
        release_path = EXERCISES / info["assignment"] / f"{info['notebook']}.ipynb"
        if not release_path.exists():
            return nb, resources
        release = nbformat.read(release_path, as_version=4)
        present = {cell.metadata.get("nbgrader", {}).get("grade_id") for cell in nb.cells}
        previous = None
        for cell in release.cells:
            meta = cell.metadata.get("nbgrader", {})
            grade_id = meta.get("grade_id")
            if grade_id and grade_id not in present and (meta.get("locked") or meta.get("grade")):
                nb.cells.insert(_position_after(nb.cells, previous), cell)
                present.add(grade_id)
            if grade_id:
                previous = grade_id
        return nb, resources


def _position_after(cells: list, grade_id: str | None) -> int:
    if grade_id is None:
        return 0
    for index, cell in enumerate(cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return index + 1
    return len(cells)


class _CohortStep(NbGraderPreprocessor):
    cohort = Unicode("", help="The cohort folder (set by the cohort's nbgrader_config.py).").tag(config=True)

    def _variant(self, resources: dict) -> tuple[Any, Any, Any]:
        cohort = Cohort.open(self.cohort)
        info = resources["nbgrader"]
        assignment = get_assignment(info["assignment"])
        return cohort, assignment, learner_variant(assignment, info["student"], cohort.secret(), cohort.material())


class ProvideVariant(_CohortStep):
    """Write the learner's public variant next to the notebook before it is executed."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        _, _, variant = self._variant(resources)
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        target = folder / VARIANT_FILE
        target.write_text(json.dumps(public_variant(variant), ensure_ascii=False), encoding="utf-8")
        target.chmod(0o644)
        return nb, resources


class ScoreHandIns(_CohortStep):
    """Score every autograded part from its handed-in answer and record the result."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        from nbformat.v4 import new_output

        cohort, assignment, variant = self._variant(resources)
        parts = {part.id: part for part in assignment.parts if part.autograded}
        stopped = _stopped_cells(nb)
        record: dict[str, Any] = {}
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.cell_type != "code" or grade_id not in parts or not cell.metadata["nbgrader"].get("grade"):
                continue
            part = parts[grade_id]
            payloads = [p for p in _payloads(cell) if p.get("part") == part.id]
            lang = payloads[-1].get("lang") if payloads else None
            lang = lang if lang in ("sv", "en") else "sv"
            result = score_part(part, variant, payloads[-1].get("answer") if payloads else None)
            if not payloads and {part.id, f"{part.id}_answer"} & stopped:
                result = dataclasses.replace(result, problem=f"{TIMED_OUT}: the cell was stopped at the time limit "
                                                             f"({cohort.limit('answer_cell_timeout_s')} s) before handing in")
            earned = round(result.score * part.points, 4)
            text = "\n".join(f"- {line.get(lang)}" for line in result.feedback)
            cell.outputs = [
                new_output("display_data", data={"text/markdown": text, "text/plain": text}),
                new_output("execute_result", data={"text/plain": repr(earned)}, execution_count=cell.get("execution_count")),
            ]
            record[part.id] = {"kind": part.kind, "points": part.points, "score": result.score, "earned": earned,
                               "elements": result.elements, "missed_indicators": list(result.missed_indicators),
                               "misconceptions": list(result.misconceptions), "problem": result.problem}
        missing = sorted(set(parts) - set(record))
        for part_id in missing:
            record[part_id] = {"kind": parts[part_id].kind, "points": parts[part_id].points, "score": 0.0, "earned": 0.0,
                               "elements": {}, "missed_indicators": [], "misconceptions": [],
                               "problem": "test cell missing from the submission"}
        _write_record(cohort, variant, record, nb.metadata.get(METADATA_KEY, {}).get("time_spent_s"))
        return nb, resources


def _stopped_cells(nb: Any) -> set[str]:
    """grade_ids of the cells the grader stopped at the time limit (an interrupt error in their outputs)."""
    return {cell.metadata.get("nbgrader", {}).get("grade_id") for cell in nb.cells
            if any(output.get("output_type") == "error" and output.get("ename") in INTERRUPTED
                   for output in cell.get("outputs", []))} - {None}


def _payloads(cell: Any) -> list[dict]:
    found = []
    for output in cell.get("outputs", []):
        payload = output.get("data", {}).get(ANSWER_MIME)
        if isinstance(payload, dict):
            found.append(payload)
    return found


def _write_record(cohort: Cohort, variant: Any, parts: dict[str, Any], time_spent: Any) -> None:
    import os
    import tempfile

    folder = cohort.path("records", variant.assignment)
    folder.mkdir(parents=True, exist_ok=True)
    record = {"student": variant.student, "assignment": variant.assignment,
              "graded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "time_spent_s": time_spent, "parts": parts}
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(record, out, ensure_ascii=False, indent=1)
    os.replace(temporary, folder / f"{variant.student}.json")

"""Learners whose last autograding failed: kept out of exports and reports instead of a silent 0.

`strom-kit course autograde` writes `records/ASSIGN/_failures.json` ({student: [reasons]}); a
later successful run removes the learner from it. The gradebook may still hold an older score
for a failed learner (nbgrader keeps it), so every export goes through `without_failures`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FAILURES_FILE = "_failures.json"


def read_failures(cohort_root: str | Path) -> dict[tuple[str, str], list[str]]:
    """{(assignment, student): reasons} over every assignment of the cohort."""
    found = {}
    for path in sorted(Path(cohort_root, "records").glob(f"*/{FAILURES_FILE}")):
        for student, reasons in json.loads(path.read_text(encoding="utf-8")).items():
            found[(path.parent.name, student)] = list(reasons)
    return found


def without_failures(totals: Any, cohort_root: str | Path) -> tuple[Any, dict[tuple[str, str], list[str]]]:
    """`totals` without the rows of failed gradings (they export as blanks), and those failures."""
    failures = read_failures(cohort_root)
    if not failures or totals.empty:
        return totals, failures
    failed = totals.apply(lambda row: (row["assignment"], row["student"]) in failures, axis=1)
    return totals[~failed].reset_index(drop=True), failures

"""What the kit's grading records say about a cohort: missed indicators, misconceptions, time spent.

Reads `COHORT/records/ASSIGN/STUDENT.json` (schema in COURSE.md). Counts are of LEARNERS, not
of parts: a learner who missed an indicator in two parts counts once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

COUNT_COLUMNS = ["id", "students", "share"]
TIME_COLUMNS = ["assignment", "learners", "n_known", "median_s", "q1_s", "q3_s"]


def read_records(cohort: Path) -> list[dict[str, Any]]:
    """Every record of the cohort, sorted by assignment folder and file name.

    A record that is not valid JSON, or not an object, raises ValueError naming the file.
    The assignment and student default to the folder and file names when a record omits them.
    """
    records = []
    for path in sorted((Path(cohort) / "records").glob("*/*.json")):
        if path.name.startswith("_"):  # the assignment's own files (_failures.json), not a learner's record
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: unreadable grading record ({exc})") from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}: a grading record must be a JSON object")  # one error type per bad file
        record.setdefault("assignment", path.parent.name)
        record.setdefault("student", path.stem)
        records.append(record)
    return records


def missed_indicator_counts(records: list[dict[str, Any]]) -> Any:
    """Per indicator: how many learners missed it in at least one part, and their share of all learners with records."""
    return _learner_counts(records, "missed_indicators")


def misconception_counts(records: list[dict[str, Any]]) -> Any:
    """Per misconception: how many learners showed it in at least one part, and their share."""
    return _learner_counts(records, "misconceptions")


def time_per_assignment(records: list[dict[str, Any]]) -> Any:
    """Per assignment: learners with a record, how many have a known `time_spent_s`, and its median and
    quartiles (seconds); a learner counts once."""
    import pandas as pd

    spans: dict[str, dict[str, float | None]] = defaultdict(dict)
    for record in records:
        value = record.get("time_spent_s")
        spans[record["assignment"]][record["student"]] = (float(value) if isinstance(value, (int, float))
                                                          and not isinstance(value, bool) else None)
    rows = []
    for assignment, by_learner in spans.items():
        values = list(by_learner.values())
        known = pd.Series([value for value in values if value is not None], dtype=float)
        rows.append({
            "assignment": assignment, "learners": len(values), "n_known": len(known),
            "median_s": known.median(), "q1_s": known.quantile(0.25), "q3_s": known.quantile(0.75),
        })
    return pd.DataFrame(rows, columns=TIME_COLUMNS)


def _learner_counts(records: list[dict[str, Any]], field: str) -> Any:
    import pandas as pd

    learners_by_id: dict[str, set[str]] = defaultdict(set)
    learners = {record["student"] for record in records}
    for record in records:
        for part in (record.get("parts") or {}).values():
            for item_id in (part or {}).get(field) or ():
                learners_by_id[item_id].add(record["student"])
    rows = [{"id": item_id, "students": len(who), "share": len(who) / len(learners)} for item_id, who in learners_by_id.items()]
    table = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    return table.sort_values(["students", "id"], ascending=[False, True], ignore_index=True)

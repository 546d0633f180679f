"""Classical item analysis of graded cells: difficulty, discrimination, and score quartiles.

- difficulty of a graded cell: the mean share of its points that learners earned (0 to 1;
  higher means easier);
- discrimination: the corrected item–total correlation, i.e. Pearson's r over learners between
  the cell's score and the sum of the OTHER graded cells of the same assignment. It is NaN
  (undefined) with fewer than MIN_LEARNERS learners or when either side does not vary.
Quartiles are pandas' default (linear interpolation between data points).
"""

from __future__ import annotations

import math
from typing import Any

MIN_LEARNERS = 3
ITEM_COLUMNS = ["assignment", "notebook", "grade_id", "max_score", "n", "difficulty", "discrimination"]
DISTRIBUTION_COLUMNS = ["assignment", "n", "max_score", "median", "q1", "q3"]


def corrected_item_total(scores: Any) -> Any:
    """Per column of a learners × items score table: r(item, sum of the other items); NaN when undefined."""
    import pandas as pd

    rest_totals = scores.sum(axis=1)
    return pd.Series({item: _pearson(scores[item], rest_totals - scores[item]) for item in scores.columns}, dtype=float)


def item_statistics(grades: Any) -> Any:
    """One row per graded cell (assignment, notebook, grade_id): max points, n, difficulty, discrimination."""
    import pandas as pd

    rows = []
    for assignment, cells in grades.groupby("assignment", sort=False):
        scores = cells.pivot_table(index="student", columns=["notebook", "grade_id"], values="score", aggfunc="sum")
        discrimination = corrected_item_total(scores.fillna(0.0))
        for (notebook, grade_id), one_cell in cells.groupby(["notebook", "grade_id"], sort=True):
            max_score = float(one_cell["max_score"].iloc[0])
            difficulty = float(one_cell["score"].mean()) / max_score if max_score > 0 else math.nan
            rows.append({
                "assignment": assignment, "notebook": notebook, "grade_id": grade_id, "max_score": max_score,
                "n": int(one_cell["student"].nunique()), "difficulty": difficulty,
                "discrimination": float(discrimination[(notebook, grade_id)]),
            })
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def score_distribution(totals: Any) -> Any:
    """Per assignment: learners with a submission, maximum points, median and quartiles of points."""
    import pandas as pd

    rows = []
    for assignment, group in totals.groupby("assignment", sort=False):
        points = group["score"].astype(float)
        rows.append({
            "assignment": assignment, "n": len(points), "max_score": float(group["max_score"].max()),
            "median": float(points.median()), "q1": float(points.quantile(0.25)), "q3": float(points.quantile(0.75)),
        })
    return pd.DataFrame(rows, columns=DISTRIBUTION_COLUMNS)


def _pearson(first: Any, second: Any) -> float:
    import numpy as np

    x, y = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if len(x) < MIN_LEARNERS:
        return math.nan
    dx, dy = x - x.mean(), y - y.mean()
    spread = math.sqrt(float((dx * dx).sum()) * float((dy * dy).sum()))
    if spread < 1e-12:
        return math.nan
    return float((dx * dy).sum()) / spread

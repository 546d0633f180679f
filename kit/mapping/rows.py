"""Pieces of a municipality's tables that the generator and the planted situations share: row ids, district weights."""

from __future__ import annotations

import numpy as np
import pandas as pd


def ids(prefix: str, count: int, width: int = 0) -> np.ndarray:
    """`count` ids like p01, p02 ...: the prefix and a zero-padded number wide enough for all."""
    numbers = np.arange(1, count + 1).astype(str)
    return np.strings.add(prefix, np.strings.zfill(numbers, max(width, len(str(count)))))


def district_weights(districts: pd.DataFrame, affinity: dict[str, float]) -> np.ndarray:
    """Each district's share of the population, scaled by the affinity of its kind (1.0 for kinds not named)."""
    kinds = districts["kind"].astype(str).to_numpy()
    weights = districts["population"].to_numpy(float) * np.array([affinity.get(k, 1.0) for k in kinds])
    return weights / weights.sum()

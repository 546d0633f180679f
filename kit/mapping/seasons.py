"""Seasons of seasonal work: runs of months that may cross the new year (a ski season, December to April).

A season is `(first, last)`, months 1-12, both included; `(12, 4)` is December to April. The
months of a season are counted from its first month, so a season's k-th month is
`(first - 1 + k) % 12 + 1`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

MONTHS = np.arange(1, 13)


def length(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Months in each season ((12, 4) has 5; (7, 7) has 1)."""
    return (np.asarray(last) - np.asarray(first)) % 12 + 1


def month_at(first: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """The calendar month `offset` months into a season that starts in `first`."""
    return (np.asarray(first) - 1 + np.asarray(offset)) % 12 + 1


def calendar(first: npt.ArrayLike, last: npt.ArrayLike) -> np.ndarray:
    """[season, 12] True in the calendar months a season covers (column 0 is January); one season's
    months may be given as two numbers."""
    first, last = np.atleast_1d(first), np.atleast_1d(last)
    offset = (MONTHS[None, :] - first[:, None]) % 12
    return offset < length(first, last)[:, None]

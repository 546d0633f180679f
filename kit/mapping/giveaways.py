"""Does a municipality give its answers away? Simple filters on the learner's tables, scored against the truth.

The mapping asks a learner to weigh several sources (ch. 3 lines 504-526: no single source
shows the whole picture; ch. 4 lines 1115-1123: indicators are weighed together, none proves
trafficking alone). A generated municipality breaks that promise when one filter on one or two
columns of the learner's own tables (the signals joined with the workplaces and places they
name, plus the indicator's strength and group from the knowledge base) picks out the hidden
exploitation: most of what it keeps traces a situation (precision) and it keeps traces of a fair
share of the situations (recall). `audit` searches every such filter over one or more generated
municipalities (several seeds pooled, so that a filter is judged as a rule, not as a fluke of
one year) and returns the best ones and the give-aways.

A condition is `column == value`, `column != value` (columns of up to 12 values), `column is
missing` / `is recorded`, or a range `low <= column <= high` over the column's values (numbers
with many values are cut at their deciles). A filter is one condition or two on different columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.content import load
from kit.mapping.municipality import Municipality

PRECISION_LIMIT = 0.8
RECALL_FLOOR = 0.1
CATEGORICAL = ("source", "district_id", "place_id", "workplace_id", "sector", "indicator", "gender", "minor", "nationality",
               "place_type", "category", "landmark", "municipal_contract", "seasonal", "indicator_strength", "indicator_group")
NUMERIC = ("month", "people", "employees", "foreign_share", "inspections_3y", "remarks_3y")
FEW_VALUES = 12
MANY_VALUES = 16


@dataclass(frozen=True)
class Filter:
    """A filter on the learner's tables and how well it finds the hidden exploitation."""

    conditions: tuple[str, ...]
    signals: int           # signals it keeps
    precision: float       # ... of which trace a hidden situation
    recall: float          # hidden situations (that left traces) with at least one signal kept
    signal_recall: float   # traces kept, of all traces

    @property
    def reaches(self) -> float:
        """The larger of the two recalls."""
        return max(self.recall, self.signal_recall)

    def __str__(self) -> str:
        return (f"{' & '.join(self.conditions)}: {self.signals} signals, precision {self.precision:.2f}, "
                f"recall {self.recall:.2f} of situations / {self.signal_recall:.2f} of traces")


@dataclass(frozen=True)
class Audit:
    """The best filters of one and two columns (highest precision at recall >= the floor) and every give-away."""

    best_single: Filter | None
    best_pair: Filter | None
    giveaways: tuple[Filter, ...]
    situations: int
    traces: int
    signals: int


def learner_view(m: Municipality) -> pd.DataFrame:
    """The signals as a learner can see them: joined with the workplace and place they name and the indicator's grade."""
    kb = load()
    workplaces = m.workplaces.drop(columns=["sector", "district_id", "place_id"])
    places = m.places[["place_id", "place_type", "category", "landmark"]]
    view = m.signals.merge(workplaces, on="workplace_id", how="left").merge(places, on="place_id", how="left")
    indicator = view["indicator"].astype(str)
    view["indicator_strength"] = indicator.map({i.id: i.strength for i in kb.indicators})
    view["indicator_group"] = indicator.map({i.id: i.group for i in kb.indicators})
    return view


def audit(towns: Iterable[Municipality], precision_limit: float = PRECISION_LIMIT, recall_floor: float = RECALL_FLOOR) -> Audit:
    """Search every filter of one or two columns over `towns` pooled (each a generated Municipality)."""
    views, keys, traced = [], [], 0
    for town in towns:
        behind = np.asarray(town.truth.signal_situation)
        views.append(learner_view(town))
        keys.append(np.where(behind >= 0, behind + traced, -1))
        traced += len(town.truth.situations)
    view = pd.concat(views, ignore_index=True)
    situation = np.concatenate(keys)
    trace = situation >= 0
    sit_code = np.unique(situation[trace], return_inverse=True)[1]
    totals = _Totals(situations=int(sit_code.max() + 1) if len(sit_code) else 0, traces=int(trace.sum()))
    need = max(1, min(np.ceil(recall_floor * totals.situations), np.ceil(recall_floor * totals.traces)))
    columns = [_Column.of(view, name, trace, need) for name in (*CATEGORICAL, *NUMERIC)]
    columns = [column for column in columns if len(column.labels)]
    candidates: list[tuple[float, float, tuple[_Column, ...], tuple[int, ...]]] = []
    for column in columns:
        kept, hits = column.sets.T @ column.counts, column.sets.T @ column.trace_counts
        candidates += [(hits[i] / kept[i], kept[i], (column,), (int(i),)) for i in np.flatnonzero(hits >= need)]
    for first in range(len(columns)):
        for second in range(first + 1, len(columns)):
            candidates += _pair_candidates(columns[first], columns[second], trace, need)
    candidates.sort(key=lambda c: (-c[0], -c[1]))
    best: dict[int, Filter] = {}
    giveaways: list[Filter] = []
    for precision, kept, owners, picks in candidates:
        if precision <= precision_limit and len(best) == 2:
            break
        if precision <= precision_limit and len(owners) in best:
            continue
        mask = np.ones(totals.traces, bool)
        for column, pick in zip(owners, picks):
            mask &= column.sets[column.codes[trace], pick]
        found = _exact(tuple(c.labels[i] for c, i in zip(owners, picks)), kept, precision * kept, mask, sit_code, totals)
        if found.reaches < recall_floor:
            continue
        best.setdefault(len(owners), found)
        if precision > precision_limit:
            giveaways.append(found)
    best_single, best_pair = best.get(1), best.get(2)
    ranked = tuple(sorted(giveaways, key=lambda f: (-f.precision, -f.reaches)))
    return Audit(best_single, best_pair, ranked, totals.situations, totals.traces, len(view))


@dataclass(frozen=True)
class _Totals:
    situations: int
    traces: int


@dataclass(frozen=True)
class _Column:
    """One column as integer codes, and its conditions as sets of codes ([code, condition] booleans)."""

    name: str
    codes: np.ndarray          # [signal]
    counts: np.ndarray         # [code] signals
    trace_counts: np.ndarray   # [code] traces
    sets: np.ndarray           # [code, condition]
    labels: list[str]

    @classmethod
    def of(cls, view: pd.DataFrame, name: str, trace: np.ndarray, need: float) -> _Column:
        values = view[name]
        missing = values.isna().to_numpy()
        labels: list[str] = []
        sets: list[np.ndarray] = []
        if name in NUMERIC:
            numbers = values.to_numpy(float)
            distinct = np.unique(numbers[~missing])
            cuts = distinct if len(distinct) <= MANY_VALUES else np.unique(np.quantile(numbers[~missing], np.linspace(0, 1, 11)))
            # code i: values in [cuts[i], cuts[i + 1]); the last code holds the missing ones
            codes = np.where(missing, len(cuts), np.clip(np.searchsorted(cuts, np.nan_to_num(numbers), side="right") - 1, 0, len(cuts) - 1))
            size = len(cuts) + 1
            for i in range(len(cuts)):
                for j in range(i, len(cuts)):
                    chosen = np.zeros(size, bool)
                    chosen[i:j + 1] = True
                    high = cuts[j] if len(distinct) <= MANY_VALUES or j == len(cuts) - 1 else f"< {cuts[j + 1]:g}"
                    labels.append(f"{cuts[i]:g} <= {name} <= {high:g}" if not isinstance(high, str) else f"{cuts[i]:g} <= {name} {high}")
                    sets.append(chosen)
            missing_code = len(cuts)
        else:
            text = values.astype(object).where(~missing, None).to_numpy()
            kinds, codes = np.unique(text[~missing].astype(str), return_inverse=True) if (~missing).any() else (np.array([], str), np.array([], int))
            full = np.full(len(text), len(kinds))
            full[~missing] = codes
            codes = full
            trace_per_code = np.bincount(codes[trace], minlength=len(kinds) + 1)
            few = len(kinds) <= FEW_VALUES
            size = len(kinds) + 1
            for i, kind in enumerate(kinds):
                if not few and trace_per_code[i] < need:
                    continue
                chosen = np.zeros(size, bool)
                chosen[i] = True
                labels.append(f"{name} == {kind}")
                sets.append(chosen)
                if few:
                    chosen = np.ones(size, bool)
                    chosen[[i, len(kinds)]] = False
                    labels.append(f"{name} != {kind}")
                    sets.append(chosen)
            missing_code = len(kinds)
        chosen = np.zeros(size, bool)
        chosen[missing_code] = True
        labels += [f"{name} is missing", f"{name} is recorded"]
        sets += [chosen, ~chosen]
        counts = np.bincount(codes, minlength=size).astype(float)
        trace_counts = np.bincount(codes[trace], minlength=size).astype(float)
        matrix = np.array(sets, dtype=bool).T.reshape(size, len(sets))
        useful = (matrix.T.astype(float) @ counts > 0) & (matrix.T.astype(float) @ counts < len(codes))
        useful &= matrix.T.astype(float) @ trace_counts >= need
        return cls(name, codes, counts, trace_counts, matrix[:, useful], [labels[i] for i in np.flatnonzero(useful)])


def _pair_candidates(a: _Column, b: _Column, trace: np.ndarray, need: float) -> list[tuple[float, float, tuple[_Column, ...], tuple[int, ...]]]:
    """(precision, signals kept, columns, conditions) of the pairs on `a` and `b` whose traces could reach the floor.

    The joint counts of the two columns' codes give every pair's counts in two matrix products.
    """
    size_a, size_b = len(a.counts), len(b.counts)
    joint = np.bincount(a.codes * size_b + b.codes, minlength=size_a * size_b).reshape(size_a, size_b).astype(float)
    joint_traces = np.bincount(a.codes[trace] * size_b + b.codes[trace], minlength=size_a * size_b).reshape(size_a, size_b).astype(float)
    set_a, set_b = a.sets.astype(float), b.sets.astype(float)
    kept = set_a.T @ joint @ set_b
    hits = set_a.T @ joint_traces @ set_b
    rows, cols = np.nonzero(hits >= need)
    precision = hits[rows, cols] / kept[rows, cols]
    return [(p, k, (a, b), (i, j)) for p, k, i, j in zip(precision.tolist(), kept[rows, cols].tolist(), rows.tolist(), cols.tolist())]


def _exact(conditions: tuple[str, ...], kept: float, hits: float, trace_mask: np.ndarray, sit_code: np.ndarray, totals: _Totals) -> Filter:
    """A Filter from its counts and the mask over the traces it keeps."""
    covered = len(np.unique(sit_code[trace_mask]))
    return Filter(conditions, int(kept), float(hits / kept) if kept else 0.0, covered / max(1, totals.situations),
                  float(hits / max(1, totals.traces)))

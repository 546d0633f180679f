"""The hidden situations the generator plants: where they are, when, whom they hit; never shown to learners."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.mapping import assumptions as A
from kit.mapping.generator import district_weights, ids
from kit.mapping.vocabulary import STATUSES


def plant_situations(profile, cat, districts, places, workplaces, rng) -> pd.DataFrame:
    """The hidden situations: one row each, located at a workplace (labour groups) or a place."""
    rows = []
    for group_id, group in cat.risk_groups.items():
        spec = profile.groups.get(group_id)
        planted = spec.exploitation if spec is not None else None
        if planted is None:
            continue
        status = np.repeat(np.arange(3), [planted.past, planted.ongoing, planted.upcoming])
        n = len(status)
        if n == 0:
            continue
        low, high = planted.victims
        victims = rng.integers(low, high + 1, n)
        minors = rng.binomial(victims, planted.minors_share)
        women = rng.binomial(victims - minors, planted.women_share)
        codes = list(planted.nationalities)
        weights = np.array([planted.nationalities[c] for c in codes], float)
        nationality = np.array(codes)[rng.choice(len(codes), n, p=weights / weights.sum())]
        form = np.array(group.forms)[rng.integers(0, len(group.forms), n)]
        workplace, place = _locate(profile, group, planted, places, workplaces, status, rng)
        start, end, age = _timing(planted, status, rng)
        rows.append(pd.DataFrame({
            "group": group_id, "form": form, "status": np.array(STATUSES)[status], "workplace": workplace, "place": place,
            "victims": victims, "women": women, "men": victims - minors - women, "minors": minors,
            "nationality": nationality, "start_month": start, "end_month": end, "age_months": age,
        }))
    columns = ["situation_id", "group", "form", "status", "district_id", "place_id", "workplace_id", "sector", "victims",
               "women", "men", "minors", "nationality", "start_month", "end_month", "age_months"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame = pd.concat(rows, ignore_index=True)
    wp, pl = frame.pop("workplace").to_numpy(int), frame.pop("place").to_numpy(int)
    wp_ids = np.append(workplaces["workplace_id"].to_numpy(object), None)
    pl_ids = np.append(places["place_id"].to_numpy(object), None)
    wp_district = np.append(workplaces["district_id"].to_numpy(object), None)[wp]
    pl_district = np.append(places["district_id"].to_numpy(object), None)[pl]
    district = np.where(wp >= 0, wp_district, pl_district)
    # An online place belongs to no district: the people behind it live somewhere.
    homeless = pd.isna(district)
    district[homeless] = districts["district_id"].to_numpy()[rng.choice(len(districts), int(homeless.sum()), p=district_weights(districts, {}))]
    frame["situation_id"] = ids("x", len(frame), 3)
    frame["district_id"] = pd.Series(district, dtype="string")
    frame["place_id"] = pd.Series(pl_ids[pl], dtype="string")
    frame["workplace_id"] = pd.Series(wp_ids[wp], dtype="string")
    frame["sector"] = pd.Series(np.append(workplaces["sector"].astype(object).to_numpy(), None)[wp], dtype="string")
    return frame[columns]


def _locate(profile, group, planted, places, workplaces, status, rng) -> tuple[np.ndarray, np.ndarray]:
    """Workplace and place indices (-1: none); upcoming situations often recur where earlier ones were."""
    n = len(status)
    workplace, place = np.full(n, -1), np.full(n, -1)
    if group.sectors:
        sectors = [s for s in (planted.sectors or group.sectors) if s in profile.sectors]
        pool = np.flatnonzero(workplaces["sector"].isin(sectors).to_numpy())
        # Exploiters hire where foreign staff are many; bigger firms hide more subcontracting.
        weight = workplaces["foreign_share"].to_numpy()[pool] + 0.05
        weight = weight * np.sqrt(workplaces["employees"].to_numpy()[pool])
        workplace = _draw(pool, weight, status, rng)
        place = np.append(_place_index(places, workplaces), -1)[workplace]
    else:
        types = [t for t in (planted.place_types or group.place_types) if profile.places.get(t, 0) > 0]
        pool = np.flatnonzero(places["place_type"].isin(types).to_numpy())
        weight = np.where(places["landmark"].to_numpy()[pool], 3.0, 1.0)
        place = _draw(pool, weight, status, rng)
    return workplace, place


def _draw(pool: np.ndarray, weight: np.ndarray, status: np.ndarray, rng) -> np.ndarray:
    chosen = pool[rng.choice(len(pool), len(status), p=weight / weight.sum())]
    earlier = chosen[status < 2]
    recur = (status == 2) & (rng.random(len(status)) < A.RECURRENCE)
    if len(earlier) and recur.any():
        chosen[recur] = earlier[rng.integers(0, len(earlier), int(recur.sum()))]
    return chosen


def _place_index(places: pd.DataFrame, workplaces: pd.DataFrame) -> np.ndarray:
    index = pd.Series(np.arange(len(places)), index=places["place_id"].to_numpy())
    return index.reindex(workplaces["place_id"].to_numpy()).fillna(-1).to_numpy(int)


def _timing(planted, status: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end month and age at the start of the year.

    Past situations ran during last year (months 1-12 of that year, end inclusive); ongoing ones
    started before this year (start 0); upcoming ones start this year (start 1-12, end 0 = open).
    """
    n = len(status)
    first, last = planted.season or (1, 12)
    duration = rng.integers(A.PAST_DURATION_MONTHS[0], A.PAST_DURATION_MONTHS[1] + 1, n)
    if planted.season:
        duration = np.minimum(duration, last - first + 1)
    past_start = first + (rng.random(n) * (last - first + 2 - duration)).astype(int)
    upcoming_start = rng.integers(first, last + 1, n)
    age = rng.integers(A.ONGOING_AGE_MONTHS[0], A.ONGOING_AGE_MONTHS[1] + 1, n)
    start = np.select([status == 0, status == 1], [past_start, 0], upcoming_start)
    end = np.where(status == 0, np.minimum(past_start + duration - 1, 12), 0)
    return start, end, np.where(status == 1, age, 0)


def mark_exploiters(workplaces: pd.DataFrame, situations: pd.DataFrame, rng) -> None:
    """Earlier exploitation leaves a trail in the inspection history: more remarks per inspection."""
    known = situations.loc[situations["status"] != "upcoming", "workplace_id"].dropna().unique()
    rows = np.flatnonzero(workplaces["workplace_id"].isin(known).to_numpy())
    inspections = workplaces["inspections_3y"].to_numpy()[rows]
    extra = rng.binomial(inspections, 0.5)
    workplaces.loc[workplaces.index[rows], "remarks_3y"] = np.minimum(inspections, workplaces["remarks_3y"].to_numpy()[rows] + extra)

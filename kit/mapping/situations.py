"""The hidden situations the generator plants, and their look-alikes; never shown to learners.

A situation is exploitation of one or more people of a risk group at a workplace (groups that
work) or a place. A look-alike is a hardship of the same group at the same kind of site that is
not trafficking (unpaid overtime, crowded housing, begging or selling sex without anyone in
control): it leaves signals through the same sources, with the same people, places and months,
only its indicators lean weaker. Look-alikes are why a learner has to weigh several signs and
sources (ch. 4 lines 1115-1123): no column of the learner's tables tells the two apart alone.

Timing. Signals are last year's; the simulation runs this year. Past situations ran last year
(start and end month of last year); ongoing ones began before this year and are active from
`start_month` (1, or the first month of their season) to `end_month` (0: no end); upcoming ones
start in `start_month` this year. Seasonal situations (a season on the planted group, or a
seasonal sector) run only in their season and end when it ends; `end_month` may pass 12 when
the season crosses the new year (a December start of a December-April season ends in month 16).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.mapping import assumptions as A
from kit.mapping import seasons
from kit.mapping.rows import district_weights, ids
from kit.mapping.vocabulary import STATUSES

COLUMNS = ["situation_id", "group", "form", "status", "district_id", "place_id", "workplace_id", "sector", "victims",
           "women", "men", "minors", "nationality", "start_month", "end_month", "age_months", "season_first", "season_last"]


@dataclass(frozen=True)
class Planting:
    """What to plant in one risk group: counts by status and who the people are."""

    group_id: str
    counts: tuple[int, int, int]   # past, ongoing, upcoming
    victims: tuple[int, int]
    women_share: float
    minors_share: float
    nationalities: dict[str, float]
    place_types: tuple[str, ...]
    sectors: tuple[str, ...]
    season: tuple[int, int] | None


def sector_seasons(profile, cat) -> dict[str, tuple[int, int]]:
    """{sector: season} for the profile's seasonal sectors: the sector's own season, else the season
    of a group planted in it, else the default season (assumptions.DEFAULT_SEASON)."""
    found = {}
    for sector, spec in profile.sectors.items():
        if not spec.seasonal:
            continue
        season = spec.season
        for group_id, group in profile.groups.items():
            planted = group.exploitation
            if (season is None and planted is not None and planted.season is not None and group_id in cat.risk_groups
                    and sector in (planted.sectors or cat.risk_groups[group_id].sectors)):
                season = planted.season
        found[sector] = tuple(season) if season is not None else A.DEFAULT_SEASON
    return found


def exploitation_plantings(profile, cat) -> list[Planting]:
    """The exploitation each group's profile asks for."""
    plantings = []
    for group_id in cat.risk_groups:
        spec = profile.groups.get(group_id)
        planted = spec.exploitation if spec is not None else None
        if planted is None or planted.past + planted.ongoing + planted.upcoming == 0:
            continue
        plantings.append(Planting(group_id, (planted.past, planted.ongoing, planted.upcoming), tuple(planted.victims),
                                  planted.women_share, planted.minors_share, dict(planted.nationalities),
                                  tuple(planted.place_types), tuple(planted.sectors),
                                  tuple(planted.season) if planted.season is not None else None))
    return plantings


def lookalike_plantings(profile, cat) -> list[Planting]:
    """Hardship that is not trafficking, in every group the municipality has: LOOKALIKES_PER_SITUATION
    for each planted situation that leaves traces, and one for every LOOKALIKE_MEMBERS members of a
    group with an estimated size (the kit's own assumptions)."""
    plantings = []
    for group_id, _group in cat.risk_groups.items():
        spec = profile.groups.get(group_id)
        if spec is None:
            continue
        planted = spec.exploitation
        traced = 0 if planted is None else planted.past + planted.ongoing
        share_past = 0.5 if not traced else planted.past / traced
        count = round(A.LOOKALIKES_PER_SITUATION * traced + (spec.estimated_size or 0) / A.LOOKALIKE_MEMBERS)
        if count == 0:
            continue
        past = round(count * share_past)
        if planted is not None:
            people = (tuple(planted.victims), planted.women_share, planted.minors_share, dict(planted.nationalities),
                      tuple(planted.place_types), tuple(planted.sectors), tuple(planted.season) if planted.season else None)
        else:
            people = ((1, 3), 0.5, A.LOOKALIKE_MINORS.get(group_id, 0.0), dict(profile.nationalities), (), (), None)
        plantings.append(Planting(group_id, (past, count - past, 0), *people))
    return plantings


def plant(profile, cat, plantings: list[Planting], districts, places, workplaces, rng, prefix: str = "x",
          recur: bool = True) -> pd.DataFrame:
    """One row per situation, located at a workplace (groups that work) or a place, with its timing."""
    rows = []
    seasonal_sectors = sector_seasons(profile, cat)
    workplace_sector = workplaces["sector"].astype(str).to_numpy()
    for planting in plantings:
        group = cat.risk_groups[planting.group_id]
        status = np.repeat(np.arange(3), planting.counts)
        n = len(status)
        workplace, place = _locate(profile, group, planting, places, workplaces, status, rng, recur)
        if n == 0 or ((workplace < 0).all() and (place < 0).all()):
            continue
        low, high = planting.victims
        victims = rng.integers(low, high + 1, n)
        minors = rng.binomial(victims, planting.minors_share)
        women = rng.binomial(victims - minors, planting.women_share)
        codes = list(planting.nationalities)
        weights = np.array([planting.nationalities[c] for c in codes], float)
        nationality = np.array(codes)[rng.choice(len(codes), n, p=weights / weights.sum())]
        form = np.array(group.forms)[rng.integers(0, len(group.forms), n)]
        first, last = _seasons(planting, workplace, workplace_sector, seasonal_sectors)
        start, end, age = _timing(status, first, last, rng)
        rows.append(pd.DataFrame({
            "group": planting.group_id, "form": form, "status": np.array(STATUSES)[status], "workplace": workplace, "place": place,
            "victims": victims, "women": women, "men": victims - minors - women, "minors": minors,
            "nationality": nationality, "start_month": start, "end_month": end, "age_months": age,
            "season_first": first, "season_last": last,
        }))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    frame = pd.concat(rows, ignore_index=True)
    wp, pl = frame.pop("workplace").to_numpy(int), frame.pop("place").to_numpy(int)
    wp_ids = _none_last(workplaces["workplace_id"].to_numpy(object))
    pl_ids = _none_last(places["place_id"].to_numpy(object))
    wp_district = _none_last(workplaces["district_id"].to_numpy(object))[wp]
    pl_district = _none_last(places["district_id"].to_numpy(object))[pl]
    district = np.where(wp >= 0, wp_district, pl_district)
    # An online place belongs to no district: the people behind it live somewhere.
    homeless = pd.isna(district)
    district[homeless] = districts["district_id"].to_numpy()[rng.choice(len(districts), int(homeless.sum()), p=district_weights(districts, {}))]
    frame["situation_id"] = ids(prefix, len(frame), 3)
    frame["district_id"] = pd.Series(district, dtype="string")
    frame["place_id"] = pd.Series(pl_ids[pl], dtype="string")
    frame["workplace_id"] = pd.Series(wp_ids[wp], dtype="string")
    frame["sector"] = pd.Series(_none_last(workplaces["sector"].astype(object).to_numpy())[wp], dtype="string")
    return frame[COLUMNS]


def _none_last(values: np.ndarray) -> np.ndarray:
    """`values` (objects) with None after the last: index -1 (no workplace, no place) reads as None."""
    return np.concatenate([values, np.array([None], dtype=object)])


def _locate(profile, group, planting: Planting, places, workplaces, status, rng, recur: bool) -> tuple[np.ndarray, np.ndarray]:
    """Workplace and place indices (-1: none); upcoming situations often recur where earlier ones were."""
    n = len(status)
    workplace, place = np.full(n, -1), np.full(n, -1)
    if group.sectors:
        sectors = [s for s in (planting.sectors or group.sectors) if s in profile.sectors]
        pool = np.flatnonzero(workplaces["sector"].isin(sectors).to_numpy())
        if not len(pool):
            return workplace, place
        # Exploiters hire where foreign staff are many; bigger firms hide more subcontracting.
        weight = workplaces["foreign_share"].to_numpy()[pool] + 0.05
        weight = weight * np.sqrt(workplaces["employees"].to_numpy()[pool])
        workplace = _draw(pool, weight, status, rng, recur)
        place = np.append(_place_index(places, workplaces), -1)[workplace]
    else:
        types = [t for t in (planting.place_types or group.place_types) if profile.places.get(t, 0) > 0]
        pool = np.flatnonzero(places["place_type"].isin(types).to_numpy())
        if not len(pool):
            return workplace, place
        weight = np.where(places["landmark"].to_numpy()[pool], 3.0, 1.0)
        place = _draw(pool, weight, status, rng, recur)
    return workplace, place


def _draw(pool: np.ndarray, weight: np.ndarray, status: np.ndarray, rng, recur: bool) -> np.ndarray:
    chosen = pool[rng.choice(len(pool), len(status), p=weight / weight.sum())]
    earlier = chosen[status < 2]
    repeat = (status == 2) & (rng.random(len(status)) < A.RECURRENCE)
    if recur and len(earlier) and repeat.any():
        chosen[repeat] = earlier[rng.integers(0, len(earlier), int(repeat.sum()))]
    return chosen


def _place_index(places: pd.DataFrame, workplaces: pd.DataFrame) -> np.ndarray:
    index = pd.Series(np.arange(len(places)), index=places["place_id"].to_numpy())
    return index.reindex(workplaces["place_id"].to_numpy()).fillna(-1).to_numpy(int)


def _seasons(planting: Planting, workplace: np.ndarray, workplace_sector: np.ndarray,
             seasonal_sectors: dict[str, tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each situation's season (first, last; 0, 0 for none): the group's, else its workplace's seasonal sector's."""
    n = len(workplace)
    if planting.season is not None:
        return np.full(n, planting.season[0]), np.full(n, planting.season[1])
    first, last = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    sector = np.where(workplace >= 0, np.append(workplace_sector, "")[workplace], "")
    for name, (a, b) in seasonal_sectors.items():
        first[sector == name], last[sector == name] = a, b
    return first, last


def _timing(status: np.ndarray, first: np.ndarray, last: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end month and age at the start of the year (see the module docstring)."""
    n = len(status)
    seasonal = first > 0
    first, last = np.where(seasonal, first, 1), np.where(seasonal, last, 12)
    span = seasons.length(first, last)
    # past: a run of 2-6 months inside the season last year, cut at December
    duration = np.minimum(rng.integers(A.PAST_DURATION_MONTHS[0], A.PAST_DURATION_MONTHS[1] + 1, n), span)
    offset = (rng.random(n) * (span - duration + 1)).astype(int)
    past_start = seasons.month_at(first, offset)
    past_end = past_start + np.minimum(duration - 1, 12 - past_start)
    # ongoing: active from January (or from the season's first month) to the season's end
    in_january = seasons.calendar(first, last)[:, 0]
    ongoing_start = np.where(in_january, 1, first)
    ongoing_end = np.where(seasonal, last, 0)
    age = rng.integers(A.ONGOING_AGE_MONTHS[0], A.ONGOING_AGE_MONTHS[1] + 1, n)
    age = np.where(seasonal & ~in_january, np.maximum(age, 13 - first), age)  # it ran last season too
    # upcoming: starts in a month of the season and ends with it
    upcoming_offset = (rng.random(n) * span).astype(int)
    upcoming_start = seasons.month_at(first, upcoming_offset)
    upcoming_end = np.where(seasonal, upcoming_start + (span - 1 - upcoming_offset), 0)
    start = np.select([status == 0, status == 1], [past_start, ongoing_start], upcoming_start)
    end = np.select([status == 0, status == 1], [past_end, ongoing_end], upcoming_end)
    return start, end, np.where(status == 1, age, 0)


def trace_months(situations: pd.DataFrame) -> np.ndarray:
    """[situation, 12] the months of last year in which each situation was going on (and could leave signals)."""
    status = situations["status"].astype(str).to_numpy()
    start, end, age = (situations[c].to_numpy(int) for c in ("start_month", "end_month", "age_months"))
    first, last = situations["season_first"].to_numpy(int), situations["season_last"].to_numpy(int)
    month = seasons.MONTHS[None, :]
    past = (status == "past")[:, None] & (month >= start[:, None]) & (month <= end[:, None])
    in_season = np.where((first > 0)[:, None], seasons.calendar(np.where(first > 0, first, 1), np.where(first > 0, last, 12)), True)
    ongoing = (status == "ongoing")[:, None] & (month >= 13 - age[:, None]) & in_season
    return past | ongoing


def mark_exploiters(workplaces: pd.DataFrame, situations: pd.DataFrame, rng) -> None:
    """Earlier exploitation (and hardship that looks like it) leaves a trail in the inspection history:
    more remarks per inspection."""
    known = situations.loc[situations["status"] != "upcoming", "workplace_id"].dropna().unique()
    rows = np.flatnonzero(workplaces["workplace_id"].isin(known).to_numpy())
    inspections = workplaces["inspections_3y"].to_numpy()[rows]
    extra = rng.binomial(inspections, 0.5)
    workplaces.loc[workplaces.index[rows], "remarks_3y"] = np.minimum(inspections, workplaces["remarks_3y"].to_numpy()[rows] + extra)

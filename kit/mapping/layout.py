"""Index spaces and per-situation arrays of one municipality, built once and cached on it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from kit.mapping import assumptions as A
from kit.mapping import seasons
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.situations import sector_seasons
from kit.mapping.support import needs_matrix
from kit.mapping.vocabulary import SECTORS, SERVICES

NEVER = 10_000  # a month that never comes


@dataclass(frozen=True, eq=False)
class Layout:
    """Ids by position (actors, groups, places, workplaces) and the situations of this year.

    `active` rows are the ongoing and upcoming situations (the ones the year's plan can reach);
    their arrays are prefixed `sit_`. `contact[a, g]` is the monthly contact rate of local actor a
    with a situation of group g (0 where a's table does not name a for g; inspectors apart).
    """

    actors: pd.Index
    groups: pd.Index
    places: pd.Index
    workplaces: pd.Index
    sectors: pd.Index
    active: pd.DataFrame
    sit_group: np.ndarray
    sit_place: np.ndarray
    sit_workplace: np.ndarray
    sit_sector: np.ndarray
    sit_start: np.ndarray      # first month active this year (1 for most ongoing situations; a seasonal one waits for its season)
    sit_end: np.ndarray        # last month active (a seasonal situation ends with its season; open ones: NEVER)
    sit_age: np.ndarray        # months the situation has lasted when the year starts (0 for upcoming)
    sit_upcoming: np.ndarray
    sit_contract: np.ndarray
    sit_inspection_rate: np.ndarray
    sit_nationality: np.ndarray
    sit_victims: np.ndarray
    sit_housing: np.ndarray    # [situation, 3] people needing safe housing for women, men, children
    needs: np.ndarray          # [situation, service]
    contact: np.ndarray        # [actor, group]
    inspectors: np.ndarray     # positions of the local inspectorates
    work_season: np.ndarray    # [workplace, 12] the months a workplace works (seasonal sectors only in their season)
    available: np.ndarray      # [service] some capacity exists
    capacity: np.ndarray       # [service] people a month
    engage_hours: np.ndarray
    engage_money: np.ndarray
    trained: np.ndarray
    actor_position: dict[str, int]
    folded: np.ndarray         # [actor] part of the existing crime-prevention plan
    position: dict[str, dict[str, int]]  # target kind -> id -> position (actors, places, workplaces, groups, sectors, services)
    memo: dict = field(default_factory=dict, repr=False)  # month masks, reused between calls


SITUATION_ARRAYS = ("sit_group", "sit_place", "sit_workplace", "sit_sector", "sit_start", "sit_end", "sit_age", "sit_upcoming",
                    "sit_contract", "sit_inspection_rate", "sit_nationality", "sit_victims", "sit_housing", "needs")


def situation_rows(lay: Layout, rows: np.ndarray) -> Layout:
    """The layout restricted to some situations (their arrays only: `active` stays whole), with a memo of its own.

    The outlook of a situation depends on its own arrays and the plan, never on other
    situations, so a measure's gain can be computed over the situations it touches alone.
    """
    shared = {key: value for key, value in lay.memo.items() if isinstance(key, tuple) and key[0] == "after"}  # month masks only
    return replace(lay, memo=shared, **{name: getattr(lay, name)[rows] for name in SITUATION_ARRAYS})


def layout(m) -> Layout:
    """The layout of municipality `m` (cached on it)."""
    cached = m._cache.get("layout")
    if cached is None:
        cached = m._cache["layout"] = _build(m)
    return cached


def _build(m) -> Layout:
    cat = catalogue()
    actors = pd.Index(m.actors["actor_id"])
    groups = pd.Index(list(cat.risk_groups))
    situations = m.truth.situations
    active = situations[situations["status"] != "past"].reset_index(drop=True)
    workplaces = pd.Index(m.workplaces["workplace_id"])
    sit_workplace = workplaces.get_indexer(active["workplace_id"].fillna("").to_numpy())
    rate = np.append(m.workplaces["inspections_3y"].to_numpy(float) / 36.0, 0.0)
    contract = np.append(m.workplaces["municipal_contract"].to_numpy(bool), False)
    contact = np.zeros((len(actors), len(groups)))
    for g, group_id in enumerate(groups):
        for actor_id in cat.expected_actors(group_id):
            a = actors.get_indexer([actor_id])[0]
            if a >= 0 and actor_id not in A.INSPECTORS:
                contact[a, g] = A.CONTACT.get(actor_id, A.DEFAULT_CONTACT)
    capacity = m.services.groupby("service", observed=False)["capacity_per_month"].sum().reindex(list(SERVICES), fill_value=0).to_numpy()
    upcoming = (active["status"] == "upcoming").to_numpy()
    return Layout(
        actors=actors, groups=groups, places=pd.Index(m.places["place_id"]), workplaces=workplaces,
        sectors=pd.Index(SECTORS), active=active,
        sit_group=groups.get_indexer(active["group"]),
        sit_place=pd.Index(m.places["place_id"]).get_indexer(active["place_id"].fillna("").to_numpy()),
        sit_workplace=sit_workplace,
        sit_sector=pd.Index(SECTORS).get_indexer(active["sector"].fillna("").to_numpy()),
        sit_start=np.maximum(1, active["start_month"].to_numpy(int)),
        sit_end=np.where(active["end_month"].to_numpy(int) > 0, active["end_month"].to_numpy(int), NEVER),
        sit_age=active["age_months"].to_numpy(int), sit_upcoming=upcoming,
        sit_contract=contract[sit_workplace], sit_inspection_rate=rate[sit_workplace],
        sit_nationality=active["nationality"].astype(str).to_numpy(), sit_victims=active["victims"].to_numpy(int),
        sit_housing=active[["women", "men", "minors"]].to_numpy(int),
        needs=needs_matrix(active, m.profile.country), contact=contact,
        inspectors=np.flatnonzero(actors.isin(A.INSPECTORS)),
        work_season=_work_season(m, cat),
        available=capacity > 0, capacity=capacity,
        engage_hours=m.actors["engage_hours"].to_numpy(float), engage_money=m.actors["engage_money"].to_numpy(float),
        trained=m.actors["trained"].to_numpy(bool),
        actor_position=dict(zip(actors, range(len(actors)))),
        folded=actors.isin(A.FOLDED_ACTORS),
        position={
            "actors": dict(zip(actors, range(len(actors)))),
            "places": dict(zip(m.places["place_id"], range(len(m.places)))),
            "workplaces": dict(zip(workplaces, range(len(workplaces)))),
            "groups": dict(zip(groups, range(len(groups)))),
            "sectors": dict(zip(SECTORS, range(len(SECTORS)))),
            "services": dict(zip(SERVICES, range(len(SERVICES)))),
        },
    )


def _work_season(m, cat) -> np.ndarray:
    """[workplace, 12] True in the months each workplace works."""
    months = np.ones((len(m.workplaces), 12), dtype=bool)
    sector = m.workplaces["sector"].astype(str).to_numpy()
    for name, (first, last) in sector_seasons(m.profile, cat).items():
        months[sector == name] = seasons.calendar(first, last)[0]
    return months

"""generate(profile, seed): districts, places, workplaces, risk groups, actors, services, hidden situations, signals."""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from kit.content import load
from kit.mapping import assumptions as A
from kit.mapping.municipality import GroundTruth, Municipality
from kit.mapping.place_types import place_type as place_type_of
from kit.mapping.place_types import place_type_ids
from kit.mapping.profile_schema import Profile
from kit.mapping.profiles import load_profile
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.rows import district_weights, ids
from kit.mapping.signals import make_signals, record_inspections
from kit.mapping.situations import exploitation_plantings, lookalike_plantings, mark_exploiters, plant
from kit.mapping.support import needs_matrix
from kit.mapping.vocabulary import SECTORS, SERVICES

# Workplaces of a sector that may sit at a table-4 place of this type, and how often.
SITE_OF_SECTOR = {"construction": ("large_construction_sites", 0.25), "agriculture": ("large_farms", 0.6),
                  "mining": ("mines_and_industrial_projects", 0.7), "tourism": ("tourist_resorts", 0.6),
                  "forestry": ("workers_camps", 0.3)}
ONLINE = "internet_escort_ads_social_media"


def generate(profile: Profile | Mapping[str, object] | str | Path, seed: int = 0) -> Municipality:
    """A municipality from `profile` (shipped id, path, mapping or Profile); the same seed gives the same tables."""
    profile = load_profile(profile)
    kb, cat = load(), catalogue()
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence([int(seed), zlib.crc32(profile.id.encode())]).spawn(5)]
    districts = _districts(profile)
    places = _places(profile, districts, kb, streams[0])
    workplaces = _workplaces(profile, districts, places, streams[1])
    situations = plant(profile, cat, exploitation_plantings(profile, cat), districts, places, workplaces, streams[2])
    lookalikes = plant(profile, cat, lookalike_plantings(profile, cat), districts, places, workplaces, streams[4], prefix="y", recur=False)
    mark_exploiters(workplaces, pd.concat([situations, lookalikes]), streams[2])
    signals, behind, alike = make_signals(profile, cat, kb, districts, places, workplaces, situations, lookalikes, streams[3])
    record_inspections(workplaces, signals)
    services = _services(profile)
    needs, gaps = _needs_and_gaps(situations, services, profile.country)
    traceable = situations["status"] != "upcoming"  # a group counts as found-able when it left traces
    truth = GroundTruth(
        situations=situations, signal_situation=behind,
        groups=tuple(g for g in cat.risk_groups if (traceable & (situations["group"] == g)).any()),
        needs=needs, gaps=gaps, lookalikes=lookalikes, signal_lookalike=alike,
    )
    return Municipality(
        profile=profile, seed=int(seed), districts=districts, places=places, workplaces=workplaces,
        risk_groups=_risk_groups(profile, cat, kb), actors=_actors(profile, kb), services=services,
        signals=signals, truth=truth,
    )


def _districts(profile) -> pd.DataFrame:
    taken = {d.position for d in profile.districts if d.position is not None}
    columns = max(1, math.ceil(math.sqrt(len(profile.districts))))
    free = (divmod(i, columns)[::-1] for i in range(10_000))
    positions = []
    for district in profile.districts:
        position = district.position
        while position is None:
            candidate = next(free)
            if candidate not in taken:
                position = candidate
                taken.add(candidate)
        positions.append(position)
    shares = np.array([d.population_share for d in profile.districts])
    population = np.round(shares / shares.sum() * profile.population).astype(np.int64)
    return pd.DataFrame({
        "district_id": [d.id for d in profile.districts],
        "name_sv": [d.name.sv for d in profile.districts],
        "name_en": [d.name.en for d in profile.districts],
        "kind": pd.Categorical([d.kind for d in profile.districts]),
        "population": population,
        "unemployment": [d.unemployment for d in profile.districts],
        "x": np.array([p[0] for p in positions], dtype=float),
        "y": np.array([p[1] for p in positions], dtype=float),
    })


def _places(profile, districts: pd.DataFrame, kb, rng) -> pd.DataFrame:
    district_index = {d: i for i, d in enumerate(districts["district_id"])}
    types, where, names_sv, names_en, landmark = [], [], [], [], []
    for place_type, count in profile.places.items():
        label = place_type_of(place_type).label
        named = [lm for lm in profile.landmarks if lm.place_type == place_type]
        for item in named:
            types.append(place_type)
            where.append(-1 if item.district is None else district_index[item.district])
            names_sv.append(item.name.sv)
            names_en.append(item.name.en)
        landmark += [True] * len(named)
        rest = count - len(named)
        if rest <= 0:
            continue
        landmark += [False] * rest
        if place_type == ONLINE:
            chosen = np.full(rest, -1)
        else:
            chosen = rng.choice(len(districts), size=rest, p=district_weights(districts, A.PLACE_AFFINITY.get(place_type, {})))
        types += [place_type] * rest
        where += chosen.tolist()
        numbers = np.arange(1, rest + 1).astype(str)
        names_sv += np.strings.add(_short(label.sv) + " ", numbers).tolist()
        names_en += np.strings.add(_short(label.en) + " ", numbers).tolist()
    where_arr = np.array(where, dtype=np.int64)
    online = where_arr < 0
    x = np.where(online, np.nan, districts["x"].to_numpy()[np.maximum(where_arr, 0)] + rng.uniform(0.12, 0.88, len(where_arr)))
    y = np.where(online, np.nan, districts["y"].to_numpy()[np.maximum(where_arr, 0)] + rng.uniform(0.12, 0.88, len(where_arr)))
    district_ids = np.array([*districts["district_id"].tolist(), None], dtype=object)[where_arr]
    categories = {kind: place_type_of(kind).category for kind in set(types)}
    return pd.DataFrame({
        "place_id": ids("p", len(types)),
        "place_type": pd.Categorical(types, categories=place_type_ids()),
        "category": pd.Categorical([categories[t] for t in types]),
        "district_id": pd.Series(district_ids, dtype="string"),
        "name_sv": names_sv, "name_en": names_en,
        "landmark": np.array(landmark, dtype=bool),
        "x": x, "y": y,
    })


def _short(label: str) -> str:
    """The first words of a table-4 label, up to its first comma or colon."""
    for mark in (":", ",", "("):
        label = label.split(mark)[0]
    return label.strip()


def _workplaces(profile, districts: pd.DataFrame, places: pd.DataFrame, rng) -> pd.DataFrame:
    parts = []
    for sector in SECTORS:
        spec = profile.sectors.get(sector)
        if spec is None or spec.per_1000 <= 0:
            continue
        n = max(1, round(spec.per_1000 * profile.population / 1000))
        district = rng.choice(len(districts), size=n, p=district_weights(districts, A.SECTOR_AFFINITY.get(sector, {})))
        sigma = 0.8
        size = np.maximum(1, np.round(rng.lognormal(math.log(spec.mean_size) - sigma**2 / 2, sigma, n))).astype(np.int64)
        mean = spec.foreign_share  # Beta(a, 2) has mean a / (a + 2)
        foreign = rng.beta(2 * mean / (1 - mean), 2, n) if 0 < mean < 1 else np.full(n, mean)
        inspected = rng.random(n) < spec.inspected_share
        inspections = np.where(inspected, 1 + rng.poisson(0.5, n), 0)
        place = np.full(n, -1)
        site = SITE_OF_SECTOR.get(sector)
        if site is not None:
            sites = np.flatnonzero(places["place_type"].to_numpy() == site[0])
            if len(sites):
                at_site = rng.random(n) < site[1]
                place[at_site] = rng.choice(sites, size=int(at_site.sum()))
                site_district = places["district_id"].to_numpy()[place[at_site]]
                district[at_site] = pd.Index(districts["district_id"]).get_indexer(site_district)
        parts.append(pd.DataFrame({
            "sector": sector, "district": district, "place": place, "employees": size,
            "foreign_share": np.round(foreign, 2), "inspections_3y": inspections,
            "remarks_3y": rng.binomial(inspections, A.REMARKS_PER_INSPECTION),
            "municipal_contract": rng.random(n) < spec.municipal_contracts, "seasonal": spec.seasonal,
        }))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["sector", "district", "place"])
    place_ids = np.array([*places["place_id"].tolist(), None], dtype=object)
    frame.insert(0, "workplace_id", ids("w", len(frame)))
    frame["sector"] = pd.Categorical(frame["sector"], categories=SECTORS)
    frame["district_id"] = pd.Series(districts["district_id"].to_numpy()[frame.pop("district").to_numpy(int)], dtype="string")
    frame["place_id"] = pd.Series(place_ids[frame.pop("place").to_numpy(int)], dtype="string")
    return frame[["workplace_id", "sector", "district_id", "place_id", "employees", "foreign_share",
                  "inspections_3y", "remarks_3y", "municipal_contract", "seasonal"]]


def _needs_and_gaps(situations: pd.DataFrame, services: pd.DataFrame, country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    needed = np.asarray(needs_matrix(situations, country).any(axis=0))  # one flag per service; asarray: numpy types any() as maybe a scalar
    needs = tuple(s for s, flag in zip(SERVICES, needed) if flag)
    available = set(services.loc[services["capacity_per_month"] > 0, "service"].astype(str))
    return needs, tuple(s for s in needs if s not in available)


def _risk_groups(profile, cat, kb) -> pd.DataFrame:
    rows = []
    for group_id, group in cat.risk_groups.items():
        spec = profile.groups.get(group_id)
        tables = [kb.get("mapping_tables", t).ref.table for t in group.tables]
        rows.append({
            "group_id": group_id, "tables": ", ".join(str(t) for t in dict.fromkeys(tables)),
            "forms": ", ".join(group.forms), "sectors": ", ".join(group.sectors),
            "place_types": ", ".join(group.place_types),
            "estimated_size": None if spec is None else spec.estimated_size,
        })
    frame = pd.DataFrame(rows)
    frame["estimated_size"] = frame["estimated_size"].astype("Int64")
    return frame


def _actors(profile, kb) -> pd.DataFrame:
    rows = []
    for actor_id, spec in profile.actors.items():
        actor = kb.get("actors", actor_id)
        hours, money = A.ENGAGE_COST[actor.sector]
        rows.append({
            "actor_id": actor_id, "sector": actor.sector, "roles": ", ".join(actor.roles), "staff": spec.staff,
            "trained": spec.trained,
            "engage_hours": float(spec.engage_hours if spec.engage_hours is not None else hours),
            "engage_money": float(spec.engage_money if spec.engage_money is not None else money),
        })
    return pd.DataFrame(rows)


def _services(profile) -> pd.DataFrame:
    return pd.DataFrame({
        "service_id": ids("v", len(profile.services)),
        "service": pd.Categorical([s.service for s in profile.services], categories=list(SERVICES)),
        "provider": [s.provider for s in profile.services],
        "capacity_per_month": np.array([s.capacity for s in profile.services], dtype=np.int64),
    })

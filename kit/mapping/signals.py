"""A year of signals: traces of the hidden situations mixed into ordinary noise, all drawn with numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.mapping import assumptions as A
from kit.mapping import seasons
from kit.mapping.situations import sector_seasons, trace_months
from kit.mapping.vocabulary import FACILITY_OF_SOURCE, SECTORS, SOURCES

GENDERS = ("female", "male", "mixed", "unknown")
MINOR = ("yes", "no", "unknown")
UNKNOWN = "unknown"
FIELDS = ("month", "source", "district", "place", "workplace", "indicator", "people", "gender", "minor", "nationality", "situation")


def make_signals(profile, cat, kb, districts, places, workplaces, situations, lookalikes, rng) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The signals table, and for each signal the situation row behind it (-1: none) and the look-alike row (-1: none)."""
    nationalities = [*sorted(set(profile.nationalities) | set(situations["nationality"].astype(str)) | set(lookalikes["nationality"].astype(str))), UNKNOWN]
    facility = _facilities(districts, places)
    located = (districts, places, workplaces, facility, nationalities)
    traces = _traces(cat, kb, situations, *located, A.TRACE_INDICATOR_WEIGHT, rng)
    alike = _traces(cat, kb, lookalikes, *located, A.LOOKALIKE_INDICATOR_WEIGHT, rng)
    noise = _noise(profile, kb, *located, sector_seasons(profile, cat), rng)
    joined = {name: np.concatenate([traces[name], alike[name], noise[name]]) for name in FIELDS}
    kind = np.repeat([0, 1, 2], [len(traces["month"]), len(alike["month"]), len(noise["month"])])
    order = np.lexsort((rng.random(len(joined["month"])), joined["month"]))
    joined = {name: values[order] for name, values in joined.items()}
    kind = kind[order]
    workplace = joined["workplace"]
    sector_codes = pd.Categorical(workplaces["sector"], categories=SECTORS).codes
    frame = pd.DataFrame({
        "signal_id": np.arange(1, len(order) + 1, dtype=np.int64),
        "month": joined["month"].astype(np.int8),
        "source": pd.Categorical.from_codes(joined["source"], SOURCES),
        "district_id": pd.Categorical.from_codes(joined["district"], districts["district_id"].tolist()),
        "place_id": pd.Categorical.from_codes(joined["place"], places["place_id"].tolist()),
        "workplace_id": pd.Categorical.from_codes(workplace, workplaces["workplace_id"].tolist()),
        "sector": pd.Categorical.from_codes(np.where(workplace >= 0, np.append(sector_codes, -1)[workplace], -1), SECTORS),
        "indicator": pd.Categorical.from_codes(joined["indicator"], kb.ids("indicators")),
        "people": joined["people"].astype(np.int16),
        "gender": pd.Categorical.from_codes(joined["gender"], GENDERS),
        "minor": pd.Categorical.from_codes(joined["minor"], MINOR),
        "nationality": pd.Categorical.from_codes(joined["nationality"], nationalities),
    })
    behind = np.where(kind == 0, joined["situation"], -1).astype(np.int32)
    alike_behind = np.where(kind == 1, joined["situation"], -1).astype(np.int32)
    return frame, behind, alike_behind


def record_inspections(workplaces: pd.DataFrame, signals: pd.DataFrame) -> None:
    """A remark written at a workplace this year means it was inspected: its inspection history counts it."""
    remarks = signals.loc[signals["source"] == "inspection_remark", "workplace_id"]
    counts = pd.Index(workplaces["workplace_id"]).get_indexer(remarks.dropna().astype(str))
    per_workplace = np.bincount(counts[counts >= 0], minlength=len(workplaces))
    workplaces["inspections_3y"] = np.maximum(workplaces["inspections_3y"].to_numpy(), per_workplace)
    workplaces["remarks_3y"] = np.maximum(workplaces["remarks_3y"].to_numpy(), per_workplace)


def _facilities(districts: pd.DataFrame, places: pd.DataFrame) -> np.ndarray:
    """[source, district] -> the place where that source writes a signal down (-1: none)."""
    table = np.full((len(SOURCES), len(districts)), -1)
    types = places["place_type"].astype(str).to_numpy()
    where = pd.Index(districts["district_id"]).get_indexer(places["district_id"].fillna("").to_numpy())
    for source, place_type in FACILITY_OF_SOURCE.items():
        of_type = np.flatnonzero(types == place_type)
        if not len(of_type):
            continue
        row = table[SOURCES.index(source)]
        row[:] = of_type[0]                      # a district without one: the first in town
        row[where[of_type[::-1]]] = of_type[::-1]  # its own facility where it has one
    return table


def _cumulative(weights: np.ndarray) -> np.ndarray:
    totals = weights.sum(axis=-1, keepdims=True)
    return np.cumsum(weights / np.where(totals > 0, totals, 1), axis=-1)


def _pick(cumulative_rows: np.ndarray, rng) -> np.ndarray:
    """One category per row, each row with its own cumulative distribution."""
    u = rng.random(len(cumulative_rows))[:, None]
    return np.minimum((u > cumulative_rows).sum(axis=1), cumulative_rows.shape[1] - 1)


def _indicator_weights(kb, forms: list[str], table: dict[str, float]) -> np.ndarray:
    """[form, indicator] weights: an indicator of the form, weighted by its strength."""
    weights = np.zeros((len(forms), len(kb.indicators)))
    for i, form in enumerate(forms):
        for j, indicator in enumerate(kb.indicators):
            if form in indicator.forms:
                weights[i, j] = table[indicator.strength]
    return weights


def _traces(cat, kb, situations, districts, places, workplaces, facility, nationalities, indicator_weight, rng) -> dict[str, np.ndarray]:
    """Signals left by situations (or look-alikes) in the months they were going on last year."""
    if not len(situations):
        return {name: np.zeros(0, dtype=np.int64) for name in FIELDS}
    groups = list(cat.risk_groups)
    active = trace_months(situations)
    months = active.sum(axis=1)
    group = pd.Index(groups).get_indexer(situations["group"].astype(str))
    victims = situations["victims"].to_numpy(int)
    rate = np.array([cat.risk_groups[g].trace_rate for g in groups])[group]
    count = rng.poisson(rate * months * (1 + 0.25 * (victims - 1)))
    row = np.repeat(np.arange(len(situations)), count)
    n = len(row)
    month = 1 + _pick(_cumulative(active.astype(float))[row], rng)
    source_weights = np.array([[cat.risk_groups[g].sources.get(s, 0.0) for s in SOURCES] for g in groups])
    source = _pick(_cumulative(source_weights)[group[row]], rng)
    place_of = pd.Index(places["place_id"]).get_indexer(situations["place_id"].fillna("").to_numpy())
    work_of = pd.Index(workplaces["workplace_id"]).get_indexer(situations["workplace_id"].fillna("").to_numpy())
    district_of = pd.Index(districts["district_id"]).get_indexer(situations["district_id"].to_numpy())
    inspection = SOURCES.index("inspection_remark")
    source = np.where((source == inspection) & (work_of[row] < 0), SOURCES.index("tip"), source)
    forms = kb.ids("forms")
    form = pd.Index(forms).get_indexer(situations["form"].astype(str))
    indicator = _pick(_cumulative(_indicator_weights(kb, forms, indicator_weight))[form[row]], rng)
    located = rng.random(n) < np.array([A.TRACE_LOCATED.get(s, 0.0) for s in SOURCES])[source]
    district = district_of[row]
    at_facility = np.isin(source, [SOURCES.index(s) for s in FACILITY_OF_SOURCE])
    place = np.where(at_facility, facility[source, district], np.where(located, place_of[row], -1))
    workplace = np.where(located & ~at_facility, work_of[row], -1)
    women, men, minors = (situations[c].to_numpy(int)[row] for c in ("women", "men", "minors"))
    people = 1 + rng.binomial(victims[row] - 1, 0.5)
    female = rng.random(n) < (women + 0.5 * minors) / np.maximum(1, victims[row])
    gender = np.where(female, 0, 1)
    gender = np.where((people > 1) & (women > 0) & (men > 0) & (rng.random(n) < A.MIXED_GROUP), 2, gender)
    gender = np.where(rng.random(n) < 0.2, 3, gender)
    u = rng.random(n)
    minor = np.where(u < 0.3, 2, np.where((minors > 0) & (u < 0.8), 0, 1))
    nationality_of = pd.Index(nationalities).get_indexer(situations["nationality"].astype(str))
    nationality = np.where(rng.random(n) < 0.6, nationality_of[row], len(nationalities) - 1)
    return dict(month=month, source=source, district=district, place=place, workplace=workplace, indicator=indicator,
                people=people, gender=gender, minor=minor, nationality=nationality, situation=row)


def _noise(profile, kb, districts, places, workplaces, facility, nationalities, seasonal_sectors, rng) -> dict[str, np.ndarray]:
    """Ordinary signals about residents: spread over the districts by population, named workplaces by size,
    seasonal workplaces only in their season."""
    population = districts["population"].to_numpy(float)
    expected = np.array([A.NOISE_PER_1000.get(s, 0.0) for s in SOURCES]) * profile.population / 1000 * profile.noise
    count = rng.poisson(expected)
    inspection = SOURCES.index("inspection_remark")
    per_workplace = rng.binomial(workplaces["inspections_3y"].to_numpy(int), min(1.0, A.REMARKS_PER_INSPECTION / 3 * profile.noise))
    source = np.concatenate([np.repeat(np.arange(len(SOURCES)), count), np.full(int(per_workplace.sum()), inspection)])
    n = len(source)
    remark_workplace = np.repeat(np.arange(len(workplaces)), per_workplace)
    district = rng.choice(len(districts), n, p=population / population.sum())
    kind = rng.random(n)
    named_place = np.isin(source, [SOURCES.index(s) for s in ("tip", "police_report", "ngo_report")]) & (kind < A.NOISE_LOCATED["place"])
    named_workplace = np.isin(source, [SOURCES.index(s) for s in ("tip", "police_report")]) & ~named_place & (
        kind < A.NOISE_LOCATED["place"] + A.NOISE_LOCATED["workplace"])
    place = np.full(n, -1)
    workplace = np.full(n, -1)
    if len(places):
        weight = np.where(places["landmark"].to_numpy(), 3.0, 1.0)
        place[named_place] = rng.choice(len(places), int(named_place.sum()), p=weight / weight.sum())
    if len(workplaces):
        size = workplaces["employees"].to_numpy(float)
        workplace[named_workplace] = rng.choice(len(workplaces), int(named_workplace.sum()), p=size / size.sum())
    else:
        named_workplace[:] = False
    remarks = source == inspection
    workplace[remarks] = remark_workplace
    district_index = pd.Index(districts["district_id"])
    located_district = np.concatenate([district_index.get_indexer(places["district_id"].fillna("").to_numpy()), [-1]])
    work_district = np.concatenate([district_index.get_indexer(workplaces["district_id"].to_numpy()), [-1]])
    district = np.where(named_place & (located_district[place] >= 0), located_district[place], district)
    district = np.where(workplace >= 0, work_district[workplace], district)
    at_facility = np.isin(source, [SOURCES.index(s) for s in FACILITY_OF_SOURCE])
    place = np.where(at_facility, facility[source, district], place)
    groups = [ind.group for ind in kb.indicators]
    allowed = np.ones((len(SOURCES), len(groups)))
    allowed[inspection] = ["forced_labour" in ind.forms for ind in kb.indicators]   # what an inspector can see
    allowed[SOURCES.index("school_observation")] = [g != "labour_exploitation" for g in groups]
    strength = np.array([A.NOISE_INDICATOR_WEIGHT[ind.strength] for ind in kb.indicators])
    indicator = _pick(_cumulative(allowed * strength)[source], rng)
    people = 1 + rng.poisson(0.3, n)
    gender = rng.choice(4, n, p=[0.45, 0.45, 0.0, 0.1])
    gender = np.where((people > 1) & (rng.random(n) < A.MIXED_GROUP), 2, gender)
    school = source == SOURCES.index("school_observation")
    u = rng.random(n)
    # a school writes about its pupils, now and then about a parent or an older sibling
    minor = np.where(school, np.where(u < 0.7, 0, np.where(u < 0.8, 1, 2)), np.where(u < 0.05, 0, np.where(u < 0.65, 1, 2)))
    mix = np.array([profile.nationalities.get(c, 0.0) for c in nationalities])
    nationality = np.where(rng.random(n) < 0.5, rng.choice(len(nationalities), n, p=mix / mix.sum()), len(nationalities) - 1)
    month = rng.integers(1, 13, n)
    if seasonal_sectors and len(workplaces):
        sector_of = np.append(workplaces["sector"].astype(str).to_numpy(), "")[workplace]
        for sector, (first, last) in seasonal_sectors.items():
            here = (workplace >= 0) & (sector_of == sector)
            span = int(seasons.length(first, last))
            month[here] = seasons.month_at(first, rng.integers(0, span, int(here.sum())))
    return dict(month=month, source=source, district=district, place=place, workplace=workplace,
                indicator=indicator, people=people, gender=gender, minor=minor, nationality=nationality,
                situation=np.full(n, -1))

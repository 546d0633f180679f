"""No give-aways (issue 14, item 8): no filter on one or two columns of the learner's tables finds the
hidden exploitation, and every signal source carries false positives and misses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kit.mapping import generate, shipped_profiles
from kit.mapping.giveaways import PRECISION_LIMIT, RECALL_FLOOR, audit, learner_view

# Several years pooled, so that a filter is judged as a rule and not as a fluke of one year;
# small towns need more of them to hold as many situations as the port city holds in a few.
SEEDS = {"port_city": 3}
SMALL_TOWN_SEEDS = 24


@pytest.fixture(scope="module")
def years():
    return {name: [generate(name, seed) for seed in range(SEEDS.get(name, SMALL_TOWN_SEEDS))] for name in shipped_profiles()}


@pytest.mark.parametrize("profile", shipped_profiles())
def test_no_filter_of_one_or_two_columns_gives_the_exploitation_away(profile, years):
    found = audit(years[profile])
    assert found.situations >= 100 and found.traces > 400  # enough to judge a rule
    assert found.giveaways == (), "\n".join(str(f) for f in found.giveaways[:5])
    for best in (found.best_single, found.best_pair):
        assert best is not None and best.reaches >= RECALL_FLOOR and best.precision <= PRECISION_LIMIT


@pytest.mark.parametrize("profile", shipped_profiles())
def test_every_source_carries_false_positives_and_misses(profile, years):
    rows = []
    for town in years[profile]:
        behind = town.truth.signal_situation
        traced = int((town.truth.situations["status"] != "upcoming").sum())
        for source, signals in pd.Series(np.arange(len(behind))).groupby(town.signals["source"].to_numpy()):
            rows.append((source, len(signals), int((behind[signals] >= 0).sum()), len(set(behind[signals][behind[signals] >= 0])), traced))
    table = pd.DataFrame(rows, columns=["source", "signals", "traces", "situations", "traced"]).groupby("source").sum()
    table = table[table["traces"] > 0]
    assert len(table) >= 3
    assert (table["traces"] / table["signals"] <= PRECISION_LIMIT).all(), table     # most of what a source says is no trafficking
    assert (table["situations"] / table["traced"] <= 0.8).all(), table             # and it misses some of what is


def test_every_group_the_municipality_has_shows_look_alikes(years):
    for town in (years[name][0] for name in shipped_profiles()):
        alike = town.truth.lookalikes
        planted = [g for g, spec in town.profile.groups.items() if spec.exploitation and spec.exploitation.past + spec.exploitation.ongoing]
        assert set(planted) <= set(alike["group"])
        assert (town.truth.signal_lookalike >= 0).sum() > 0
        assert not ((town.truth.signal_lookalike >= 0) & (town.truth.signal_situation >= 0)).any()


def test_a_remark_means_an_inspection(years):
    for name in shipped_profiles():
        for town in years[name][:3]:
            view = learner_view(town)
            remarks = view[view["source"] == "inspection_remark"]
            assert (remarks["inspections_3y"] >= 1).all() and (remarks["remarks_3y"] >= 1).all()


def test_the_audit_finds_a_give_away_when_there_is_one(years):
    """The search can fail: a column that marks the traces is found at once."""
    towns = []
    for town in years["inland_town"][:4]:
        marked = town.signals.copy()
        marked["people"] = np.where(town.truth.signal_situation >= 0, 50, marked["people"]).astype(np.int16)
        towns.append(type(town)(**{**town.__dict__, "signals": marked}))
    found = audit(towns)
    assert found.giveaways and found.best_single.precision == 1.0
    assert any("people" in condition for condition in found.best_single.conditions)

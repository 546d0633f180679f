"""The year's simulation: monthly columns, determinism, mapping-driven plans beat no plan and naive plans."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kit.mapping import simulate, simulate_outcomes
from kit.mapping.expert import empty_plan, model_plan, naive_plan
from kit.mapping.simulation import COLUMNS

from .conftest import SHIPPED


@pytest.mark.parametrize("profile", SHIPPED)
def test_each_shipped_profile_simulates_a_year(profile, towns):
    town = towns[profile]
    frame = simulate(town, model_plan(town), months=12, seed=0)
    assert list(frame.columns) == list(COLUMNS) and list(frame["month"]) == list(range(1, 13))
    assert (frame.drop(columns="month") >= 0).all().all()
    assert frame.attrs["over_budget"] is False
    outcomes = simulate_outcomes(town, model_plan(town), seed=0)
    counts = outcomes["outcome"].value_counts()
    assert counts.get("early", 0) + counts.get("late", 0) == frame["detected_early"].sum() + frame["detected_late"].sum()
    assert counts.get("prevented", 0) == frame["prevented"].sum()
    assert counts.get("never", 0) == frame["undetected"].iloc[-1]
    assert frame["people_supported"].sum() <= frame["referrals"].sum()


def test_the_same_seed_gives_the_same_year_and_another_seed_another(port):
    plan = naive_plan(port)
    pd.testing.assert_frame_equal(simulate(port, plan, seed=4), simulate(port, plan, seed=4))
    runs = [simulate(port, plan, seed=s)[["detected_early", "detected_late"]].to_numpy() for s in range(5)]
    assert any(not np.array_equal(runs[0], r) for r in runs[1:])


@pytest.mark.parametrize("profile", SHIPPED)
def test_mapping_driven_prevention_beats_a_naive_plan_and_no_plan(profile, towns):
    town = towns[profile]

    def handled(plan) -> float:
        totals = [simulate(town, plan, seed=s)[["prevented", "detected_early", "detected_late"]].to_numpy().sum() for s in range(20)]
        return float(np.mean(totals))

    assert handled(model_plan(town)) > handled(naive_plan(town)) > handled(empty_plan())


def test_a_standing_group_speeds_referral(port):
    from kit.mapping.plan import Action

    plan = model_plan(port)
    without = [a for a in plan.actions if a.measure != "cross_sector_group"]
    import msgspec

    slow = msgspec.structs.replace(plan, actions=without)
    fast = msgspec.structs.replace(plan, actions=[*without, Action(measure="cross_sector_group")])
    referred = [sum(simulate(port, p, seed=s)["referrals"].sum() for s in range(10)) for p in (slow, fast)]
    assert referred[1] > referred[0]


def test_longer_runs_and_bad_lengths(inland):
    assert len(simulate(inland, empty_plan(), months=24)) == 24
    with pytest.raises(ValueError, match="months"):
        simulate(inland, empty_plan(), months=0)

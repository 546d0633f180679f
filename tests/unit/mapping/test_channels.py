"""More coverage never lowers expected detection (nor the chance of prevention), situation by situation."""

from __future__ import annotations

import msgspec
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.mapping import expected_detection, simulate_outcomes
from kit.mapping.channels import outlook
from kit.mapping.effects import compile_plan
from kit.mapping.expert import empty_plan, model_plan, random_plan
from kit.mapping.layout import layout
from kit.mapping.plan import Action
from kit.mapping.risk_and_measures import catalogue
from kit.mapping.vocabulary import SERVICES

from .conftest import SHIPPED


def more_coverage(town, plan, rng):
    """`plan` with more actors engaged and more measures or targets (never fewer)."""
    cat = catalogue()
    actors = list(town.actors["actor_id"])
    engaged = {g: list(a) for g, a in plan.actors.items()}
    for group in rng.choice(list(cat.risk_groups), 3, replace=False):
        engaged.setdefault(str(group), []).extend(str(a) for a in rng.choice(actors, 3, replace=False))
    universe = {"actors": actors, "places": list(town.places["place_id"]), "workplaces": list(town.truth.situations["workplace_id"].dropna()),
                "groups": list(cat.risk_groups), "sectors": list(town.truth.situations["sector"].dropna()) or ["retail"],
                "services": list(SERVICES)}
    extra = []
    for measure_id in rng.choice(list(cat.measures), 4, replace=False):
        measure = cat.measures[measure_id]
        pool = list(measure.only) if measure.only else universe.get(measure.target, [])
        pool = [p for p in pool if measure.target != "actors" or p in actors]
        if measure.target != "none" and not pool:
            continue
        targets = [] if measure.target == "none" else [str(t) for t in rng.choice(pool, min(3, len(pool)), replace=False)]
        extra.append(Action(measure=str(measure_id), targets=targets))
    return msgspec.structs.replace(plan, actors=engaged, actions=[*plan.actions, *extra])


@settings(max_examples=60, deadline=None)
@given(profile=st.sampled_from(SHIPPED), seed=st.integers(0, 10_000))
def test_more_coverage_never_lowers_expected_detection(towns, profile, seed):
    town = towns[profile]
    rng = np.random.default_rng(seed)
    plan = random_plan(town, seed)
    wider = more_coverage(town, plan, rng)
    lay = layout(town)
    narrow_view = outlook(lay, compile_plan(town, plan).effects)
    wide_view = outlook(lay, compile_plan(town, wider).effects)
    assert (wide_view.detection() >= narrow_view.detection() - 1e-12).all()
    assert (wide_view.prevent >= narrow_view.prevent - 1e-12).all()
    assert (wide_view.outcome() >= narrow_view.outcome() - 1e-12).all()
    assert expected_detection(town, wider) >= expected_detection(town, plan) - 1e-12


@settings(max_examples=25, deadline=None)
@given(profile=st.sampled_from(SHIPPED), seed=st.integers(0, 10_000))
def test_with_the_same_luck_more_coverage_handles_every_situation_handled_before(towns, profile, seed):
    town = towns[profile]
    plan = random_plan(town, seed)
    wider = more_coverage(town, plan, np.random.default_rng(seed))
    narrow = simulate_outcomes(town, plan, seed=seed).set_index("situation_id")
    wide = simulate_outcomes(town, wider, seed=seed).set_index("situation_id")
    handled = narrow["outcome"].isin(["prevented", "early", "late"])
    assert wide.loc[handled, "outcome"].isin(["prevented", "early", "late"]).all()
    both_found = (narrow["month_found"] > 0) & (wide["month_found"] > 0)
    assert (wide.loc[both_found, "month_found"] <= narrow.loc[both_found, "month_found"]).all()


def test_singling_out_a_nationality_lowers_detection_for_that_nationality(port):
    nationality = port.truth.situations.query("group == 'people_begging'")["nationality"].iloc[0]
    plan = model_plan(port)
    singled = msgspec.structs.replace(plan, actions=[*plan.actions, Action(measure="public_awareness", nationalities=[nationality])])
    lay = layout(port)
    fair = outlook(lay, compile_plan(port, plan).effects).detection()
    unfair = outlook(lay, compile_plan(port, singled).effects).detection()
    hit = lay.sit_nationality == nationality
    assert (unfair[hit] < fair[hit]).all() and np.allclose(unfair[~hit], fair[~hit])


def test_no_plan_still_detects_a_little_and_the_expert_much_more(towns):
    for town in towns.values():
        none, best = expected_detection(town, empty_plan()), expected_detection(town, model_plan(town))
        assert 0.05 < none < 0.5 < best <= 1.0

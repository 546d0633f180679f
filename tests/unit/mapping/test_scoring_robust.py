"""Scoring holds up (issue 14, item 10): a mistyped id anywhere is a finding scored as a miss, never an
exception; an actor not present locally is called that; over budget loses in proportion; a score at any
population is well defined."""

from __future__ import annotations

import math

import msgspec
import pytest

from kit.mapping import generate, load_profile, scaled, score_plan
from kit.mapping.expert import empty_plan, model_plan
from kit.mapping.plan import Action


def typo(text: str) -> str:
    return text[:-1] + ("x" if text[-1] != "x" else "y")


def mistyped(plan, part: str, index: int = 0):
    """`plan` with one id of `part` mistyped."""
    raw = msgspec.to_builtins(plan)
    if part == "groups":
        raw["groups"][index]["group"] = typo(raw["groups"][index]["group"])
    elif part == "evidence":
        raw["groups"][index]["evidence"][0] = "signal " + str(raw["groups"][index]["evidence"][0])
    elif part == "actors":
        group = next(iter(raw["actors"]))
        raw["actors"][group][0] = typo(raw["actors"][group][0])
    elif part == "actor_groups":
        group = next(iter(raw["actors"]))
        raw["actors"][typo(group)] = raw["actors"].pop(group)
    elif part in ("places", "resources", "gaps"):
        raw[part][index] = typo(raw[part][index])
    elif part == "measures":
        raw["actions"][index]["measure"] = typo(raw["actions"][index]["measure"])
    elif part == "targets":
        action = next(a for a in raw["actions"] if a["targets"])
        action["targets"][0] = typo(action["targets"][0])
    return raw


def dropped(plan, part: str, index: int = 0):
    """`plan` with the item that `mistyped` changes left out instead."""
    raw = msgspec.to_builtins(plan)
    if part == "groups":
        raw["groups"].pop(index)
    elif part == "evidence":
        raw["groups"][index]["evidence"].pop(0)
    elif part == "actors":
        group = next(iter(raw["actors"]))
        raw["actors"][group].pop(0)
    elif part == "actor_groups":
        raw["actors"].pop(next(iter(raw["actors"])))
    elif part in ("places", "resources", "gaps"):
        raw[part].pop(index)
    elif part == "measures":
        raw["actions"].pop(index)
    elif part == "targets":
        next(a for a in raw["actions"] if a["targets"])["targets"].pop(0)
    return raw


PARTS = ["groups", "evidence", "actors", "actor_groups", "places", "resources", "gaps", "measures", "targets"]


@pytest.mark.parametrize("part", PARTS)
def test_a_mistyped_id_is_a_finding_scored_as_a_miss(inland, part):
    plan = model_plan(inland)
    score = score_plan(inland, mistyped(plan, part))   # never an exception
    reported = [item for item in score.feedback if item.code in ("unknown_id", "actor_not_local")]
    assert len(reported) == 1, [item.message("en") for item in score.feedback if item.kind == "input"]
    assert reported[0].message("sv") and reported[0].message("en")
    assert score.total == pytest.approx(score_plan(inland, dropped(plan, part)).total)  # what leaving it out costs
    assert score.total <= score_plan(inland, plan).total


def test_a_typo_in_a_gap_does_not_break_a_graded_plan(inland):
    score = score_plan(inland, {"gaps": ["safe_acommodation_men"], "resources": ["psychological_suport"]})
    assert {item.code for item in score.feedback if item.kind == "input"} == {"unknown_id"}
    assert score.parts["resources"] == 0.0


def test_an_actor_not_present_locally_is_called_that(inland):
    assert "outreach_workers" not in set(inland.actors["actor_id"])
    score = score_plan(inland, {"actors": {"seasonal_farm_forest_workers": ["outreach_workers"]},
                                "actions": [{"measure": "train_frontline_staff", "targets": ["outreach_workers"]}]})
    items = [item for item in score.feedback if item.kind == "input" and item.code != "no_targets"]
    assert [item.code for item in items] == ["actor_not_local", "actor_not_local"]
    from kit.content import load

    name = load().get("actors", "outreach_workers").name
    assert name.sv in items[0].message("sv") and "not present in this municipality" in items[0].message("en")
    assert not any("Okänt" in item.message("sv") or "Unknown" in item.message("en") for item in items)


def test_a_plan_one_percent_over_budget_loses_one_percent_of_its_actions(inland):
    plan = model_plan(inland)
    within = score_plan(inland, plan)
    # the same plan in the same town with a budget the plan overruns by 1 %
    budget = msgspec.structs.replace(inland.profile.budget, staff_hours=within.staff_hours / 1.01)
    tight = generate(msgspec.structs.replace(inland.profile, budget=budget), inland.seed)
    over = score_plan(tight, plan)
    assert over.over_budget and "over_budget" in [item.code for item in over.feedback]
    assert over.parts["actions"] == pytest.approx(within.parts["actions"] * (1 - 0.01), abs=1e-6)
    assert over.total > within.total - 0.01
    doubled = msgspec.structs.replace(inland.profile.budget, staff_hours=within.staff_hours / 2.5)
    assert score_plan(generate(msgspec.structs.replace(inland.profile, budget=doubled), inland.seed), plan).parts["actions"] == 0.0


@pytest.mark.parametrize("profile", ["inland_town", "northern_town", "transit_town", "port_city"])
def test_a_score_is_well_defined_at_a_thousand_residents(profile):
    town = generate(scaled(load_profile(profile), 1_000), seed=3)
    for plan in (empty_plan(), model_plan(town), {"groups": [{"group": "people_begging"}], "places": list(town.places["place_id"][:2])}):
        score = score_plan(town, plan)
        values = [score.total, score.recall, score.precision, *score.parts.values()]
        assert all(isinstance(v, float) and math.isfinite(v) and 0.0 <= v <= 1.0 for v in values), score
    if not len(town.truth.situations):
        # nothing hidden: claiming nothing is right, claiming a group or a hotspot is wrong
        assert score_plan(town, empty_plan()).total == pytest.approx(1.0)
        wrong = score_plan(town, {"groups": [{"group": "people_begging"}], "places": list(town.places["place_id"][:2])})
        assert wrong.parts["groups"] == 0.0 and wrong.parts["places"] == 0.0 and wrong.precision == 0.0
        assert score_plan(town, empty_plan()).expected_detection is None
        assert "outcome_none" in [item.code for item in score_plan(town, empty_plan()).feedback]


def test_a_part_with_nothing_to_find_counts_what_the_plan_claims_there(inland):
    import kit.mapping.scoring as scoring

    assert scoring.f1(set(), set()) == 1.0 and scoring.f1({"a"}, set()) == 0.0 and scoring.f1(set(), {"a"}) == 0.0
    assert scoring.budget_share(100, 10, inland.budget) == 1.0
    assert scoring.budget_share(inland.budget.staff_hours * 1.5, 0, inland.budget) == pytest.approx(0.5)


def test_nationality_typos_are_findings_too(inland):
    score = score_plan(inland, {"actions": [Action(measure="targeted_information", targets=["asylum_seekers"], nationalities=["af"])]})
    assert [item.code for item in score.feedback if item.kind == "input"] == ["unknown_id"]

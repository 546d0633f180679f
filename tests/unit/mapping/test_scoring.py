"""Scoring: the expert plan beats random feasible plans, an empty plan scores 0, warnings fire and explain."""

from __future__ import annotations

import msgspec
import pytest

from kit.mapping import score_plan
from kit.mapping.expert import empty_plan, model_plan, naive_plan, random_plan
from kit.mapping.plan import Action, GroupFinding, load_plan

from .conftest import SHIPPED


@pytest.mark.parametrize("profile", SHIPPED)
def test_the_model_plan_outscores_100_random_feasible_plans(profile, towns):
    town = towns[profile]
    best = score_plan(town, model_plan(town))
    assert best.total > 0.95 and not best.over_budget
    for seed in range(100):
        plan = random_plan(town, seed)
        score = score_plan(town, plan)
        assert not score.over_budget, seed
        assert score.total < best.total, (seed, score.parts)


@pytest.mark.parametrize("profile", SHIPPED)
def test_an_empty_plan_scores_zero(profile, towns):
    score = score_plan(towns[profile], empty_plan())
    assert score.total == 0.0 and set(score.parts.values()) == {0.0}
    assert score.recall == 0.0 and score.precision == 0.0


@pytest.mark.parametrize("profile", SHIPPED)
def test_the_naive_plan_sits_between_no_plan_and_the_expert(profile, towns):
    town = towns[profile]
    naive = score_plan(town, naive_plan(town))
    assert 0.0 < naive.total < score_plan(town, model_plan(town)).total
    assert score_plan(town, empty_plan()).expected_outcome < naive.expected_outcome


def test_an_over_budget_plan_is_flagged_and_its_actions_earn_nothing(inland):
    everything = list(inland.actors["actor_id"])
    plan = msgspec.structs.replace(model_plan(inland), actions=[
        Action(measure="outreach", targets=list(inland.places["place_id"])),
        Action(measure="train_frontline_staff", targets=everything),
    ])
    score = score_plan(inland, plan)
    assert score.over_budget and score.parts["actions"] == 0.0
    assert score.staff_hours > inland.budget.staff_hours
    assert "over_budget" in [item.code for item in score.feedback]
    assert any("budget" in message for message in score.messages("en"))


def test_targeting_by_nationality_alone_loses_points_and_cites_chapter_4(inland):
    fair = model_plan(inland)
    singled = msgspec.structs.replace(fair, actions=[*fair.actions, Action(measure="public_awareness", nationalities=["TH"])],
                                      groups=[*fair.groups, GroupFinding(nationalities=["TH"])])
    before, after = score_plan(inland, fair), score_plan(inland, singled)
    assert len(after.discriminatory) == 2
    assert after.total <= before.total - 0.29
    warnings = [item for item in after.feedback if item.code == "nationality_alone"]
    assert len(warnings) == 2
    assert all(item.ref.chapter == 4 and item.ref.lines[0] <= 905 <= item.ref.lines[1] for item in warnings)
    assert "nationalitet" in warnings[0].message("sv") and "nationality" in warnings[0].message("en")


def test_nationality_as_a_language_hint_on_a_targeted_measure_is_fine(inland):
    plan = load_plan({"actions": [{"measure": "targeted_information", "targets": ["seasonal_farm_forest_workers"], "nationalities": ["TH"]}]})
    assert score_plan(inland, plan).discriminatory == ()


def test_evidence_that_traces_the_group_earns_more(inland):
    group = "seasonal_farm_forest_workers"
    good = model_plan(inland).groups
    traced = next(f.evidence for f in good if f.group == group)
    noise = [int(s) for s in inland.signals["signal_id"][inland.truth.signal_situation < 0][:3]]
    with_traces = score_plan(inland, {"groups": [{"group": group, "evidence": traced}]}).parts["groups"]
    with_noise = score_plan(inland, {"groups": [{"group": group, "evidence": noise}]}).parts["groups"]
    without = score_plan(inland, {"groups": [{"group": group}]}).parts["groups"]
    assert with_traces > with_noise == without > 0


def test_actors_are_scored_against_the_tables(inland):
    from kit.mapping.risk_and_measures import catalogue

    group = "seasonal_farm_forest_workers"
    local = [a for a in catalogue().expected_actors(group) if a in set(inland.actors["actor_id"])]
    half = score_plan(inland, {"actors": {group: local[: len(local) // 2]}}).parts["actors"]
    full = score_plan(inland, {"actors": {group: local}}).parts["actors"]
    assert 0 < half < full
    assert full == pytest.approx(1 / len(inland.truth.groups))


def test_feedback_is_bilingual_and_cites_the_seed(towns):
    for town in towns.values():
        score = score_plan(town, naive_plan(town))
        assert score.feedback
        for item in score.feedback:
            assert item.message("sv") and item.message("en")
        assert all(item.ref is not None for item in score.feedback if item.kind != "input")
        assert score.messages("sv")[0] != score.messages("en")[0]


def test_unknown_ids_are_left_out_and_reported(inland):
    score = score_plan(inland, {"places": ["p19", "nowhere"], "actions": [{"measure": "outreach", "targets": ["nowhere"]}],
                                "actors": {"atlantis": ["ngos"]}})
    unknown = [item for item in score.feedback if item.code == "unknown_id"]
    assert len(unknown) == 3 and score.staff_hours == 0


def test_the_yaml_plan_scores(inland):
    from pathlib import Path

    score = score_plan(inland, Path(__file__).with_name("files") / "plan_inland.yaml")
    assert 0 < score.total < 1 and not score.over_budget and score.discriminatory == ()

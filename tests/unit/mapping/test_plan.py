"""MappingPlan: the five parts, read from YAML, a dict or DataFrames; faults named by file and field."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from kit.mapping import MappingPlan, PlanError, load_plan, plan_from_frames
from kit.mapping.expert import model_plan

PLAN = Path(__file__).with_name("files") / "plan_inland.yaml"


def test_a_plan_loads_from_yaml_and_from_a_dict():
    plan = load_plan(PLAN)
    assert [g.group for g in plan.groups] == ["seasonal_farm_forest_workers", "foreign_workers_construction"]
    assert plan.places[0] == "p19" and plan.actions[1].count == 1
    assert load_plan(yaml.safe_load(PLAN.read_text())) == plan
    assert load_plan(plan) is plan


def test_a_plan_round_trips_through_dataframes(towns):
    for town in towns.values():
        plan = model_plan(town)
        frames = plan.to_frames()
        assert all(isinstance(f, pd.DataFrame) for f in frames.values())
        assert plan_from_frames(**frames) == plan
        assert load_plan(frames) == plan


def test_frames_accept_comma_separated_cells_and_ranks():
    plan = plan_from_frames(
        groups=pd.DataFrame({"group": ["people_begging"], "evidence": ["3, 5"]}),
        places=pd.DataFrame({"place": ["p2", "p1"], "rank": [2, 1]}),
        actions=pd.DataFrame({"measure": ["outreach"], "targets": [None], "count": [2]}),
    )
    assert plan.groups[0].evidence == [3, 5]
    assert plan.places == ["p1", "p2"]
    assert plan.actions[0].count == 2 and plan.actions[0].targets == []


@pytest.mark.parametrize("raw, field", [
    ({"groups": [{"group": "people_begging", "proof": [1]}]}, "<plan>:groups[0].proof: unknown field"),
    ({"budget": 5}, "<plan>:budget: unknown field"),
    ({"actions": [{"measure": "outreach", "count": 0}]}, "<plan>:actions[0].count"),
    ({"groups": [{"group": ["people_begging"]}]}, "<plan>:groups[0].group"),
    ({"actors": {"people_begging": "ngos"}}, "<plan>:actors.people_begging"),
])
def test_a_malformed_plan_is_refused_with_the_field(raw, field):
    with pytest.raises(PlanError) as caught:
        load_plan(raw)
    assert str(caught.value.problems[0]).startswith(field), caught.value.problems


def test_a_plan_file_fault_names_the_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("places: [p1\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert str(caught.value.problems[0]).startswith("mine.yaml:line ")
    with pytest.raises(PlanError, match="unknown plan part"):
        plan_from_frames(budget=pd.DataFrame())


def test_a_mistyped_id_is_no_malformed_plan():
    """Ids are plain text in a plan: a typo is reported when the plan is scored, never refused (issue 14, item 10)."""
    plan = load_plan({"groups": [{"group": "People Begging", "evidence": ["12", "twelve"], "nationalities": ["th"]}],
                      "actors": {"Seasonal Farm": ["NGOs"]}, "gaps": ["safe_acommodation_men"]})
    assert plan.groups[0].group == "People Begging" and plan.gaps == ["safe_acommodation_men"]


def test_the_empty_plan_is_valid():
    assert MappingPlan() == load_plan({})

"""Response plans: loading from dicts and YAML, and clear errors for bad plans."""

from __future__ import annotations

import pytest

from kit.nrm.plan import PlanError, load_plan

GOOD = {"case_id": "seed_boys_forced_to_steal", "regime": "SE",
        "steps": [{"step": "reasonable_grounds", "actor": "local_police", "day": 0}]}


def errors(source) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(source)
    return [str(p) for p in caught.value.problems]


def test_a_plan_loads_from_a_dict_and_from_yaml(tmp_path):
    import yaml

    plan = load_plan(GOOD)
    assert plan.steps[0].consent == "not_asked" and plan.first_day("reasonable_grounds") == 0
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    assert load_plan(path) == plan
    assert load_plan(plan) is plan


def test_unknown_actor_step_and_service():
    bad = dict(GOOD, steps=[{"step": "rescue", "actor": "superhero", "day": 0, "services": ["spa"], "shares_data_with": ["press"]}])
    found = errors(bad)
    assert "plan:steps[0].actor: unknown actor id 'superhero'" in found
    assert any(p.startswith("plan:steps[0].step: unknown chain step 'rescue'") for p in found)
    assert "plan:steps[0].services: unknown service 'spa'" in found
    assert "plan:steps[0].shares_data_with: unknown actor id 'press'" in found


def test_negative_day_missing_fields_and_wrong_regime():
    assert errors(dict(GOOD, steps=[{"step": "reasonable_grounds", "actor": "local_police", "day": -3}])) == [
        "plan:steps[0].day: Expected `int` >= 0"]
    assert errors({"case_id": "x", "regime": "SE"}) == ["plan:steps: required field missing"]
    assert any("Invalid enum value 'DE'" in p for p in errors(dict(GOOD, regime="DE")))
    assert errors(dict(GOOD, steps=[])) == ["plan:steps: Expected `array` of length >= 1"]


def test_malformed_yaml_and_wrong_type(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("case_id: [x\n", encoding="utf-8")
    assert errors(path)[0].startswith("plan.yaml:line ")
    assert errors(42) == ["plan:-: a plan is a mapping or a YAML file, not int"]

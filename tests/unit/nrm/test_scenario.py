"""The referral scenario: deterministic per seed, responses matter, bad input is refused."""

from __future__ import annotations

import pytest

from kit.cases.bank import load_bank
from kit.content.models import Ref
from kit.nrm.reference_plan import model_plan
from kit.nrm.scenario import Scenario, _events

BANK = load_bank()
CASE = BANK["seed_women_promised_jobs_forced_into_prostitution"]


def best(event):
    return next(option for option, spec in _events()[event.id]["options"].items() if spec["verdict"] == "good")


def worst(event):
    return next(option for option, spec in _events()[event.id]["options"].items() if spec["verdict"] == "poor")


def test_same_seed_same_events_and_outcome():
    plan = model_plan(CASE, "SE")
    first, second = Scenario(CASE, "SE", plan, seed=4), Scenario(CASE, "SE", plan, seed=4)
    assert first.events == second.events
    assert first.run(best) == second.run(best)
    assert first.log == second.log
    assert {tuple(Scenario(CASE, "SE", plan, seed=s).events) for s in range(10)}.__len__() > 1


def test_good_responses_beat_poor_ones_on_every_seed():
    plan = model_plan(CASE, "SE")
    incidents = {"good": 0, "poor": 0}
    for seed in range(30):
        good, poor = Scenario(CASE, "SE", plan, seed=seed).run(best), Scenario(CASE, "SE", plan, seed=seed).run(worst)
        assert good.trust > poor.trust and good.continuity >= poor.continuity
        assert good.good_decisions == good.decisions
        incidents["good"] += good.safety_incidents
        incidents["poor"] += poor.safety_incidents
    assert incidents["good"] * 3 < incidents["poor"], incidents


def test_a_worse_plan_costs_trust_and_safety():
    import msgspec

    plan = model_plan(CASE, "SE")
    steps = [s for s in plan.steps if s.step != "safety_risk_assessment"]
    steps = [msgspec.structs.replace(s, conditions=["cooperation_with_police"]) if s.step == "acute_support" else s for s in steps]
    worse = msgspec.structs.replace(plan, steps=steps)
    assert Scenario(CASE, "SE", worse, seed=1).trust == Scenario(CASE, "SE", plan, seed=1).trust - 20
    incidents = lambda p: sum(Scenario(CASE, "SE", p, seed=s).run(worst).safety_incidents for s in range(40))  # noqa: E731
    assert incidents(worse) > incidents(plan)


def test_events_follow_the_case():
    plan = model_plan(CASE, "SE")
    national = BANK["sex_swedish_woman_moved_between_towns"]
    kinds = {e.id for s in range(40) for e in Scenario(national, "SE", model_plan(national, "SE"), seed=s).events}
    assert "residence_question" not in kinds and "wish_to_go_home" not in kinds
    foreign = {e.id for s in range(40) for e in Scenario(CASE, "SE", plan, seed=s).events}
    assert {"residence_question", "trafficker_threat", "health_crisis"} <= foreign


def test_step_refuses_unknown_responses_and_a_finished_scenario():
    scenario = Scenario(CASE, "SE", model_plan(CASE, "SE"), seed=2)
    with pytest.raises(ValueError, match="unknown response 'panic'"):
        scenario.step("panic")
    scenario.run(best)
    with pytest.raises(ValueError, match="the scenario is finished"):
        scenario.step(best(scenario.events[0]))
    with pytest.raises(ValueError, match="days must be between"):
        Scenario(CASE, "SE", model_plan(CASE, "SE"), days=0)


def test_ending_support_ends_the_scenario():
    scenario = Scenario(CASE, "SE", model_plan(CASE, "SE"), seed=3)
    event = scenario.pending
    ending = next(o for o, spec in _events()[event.id]["options"].items() if spec["effects"]["support"] == "end")
    scenario.step(ending)
    assert scenario.pending is None and scenario.outcome().finished


def test_event_data_is_complete_bilingual_and_cited(kb):
    """For an adult and for a child, every offered answer is worded, judged and cited; each event has
    a good and a poor answer for both."""
    from kit.content.models import Text
    from kit.nrm.rules import RULES
    from kit.nrm.scenario import Event, Place, option_spec, options_for

    spans = {c.number: c.ref.lines for c in kb.chapters}
    places = [Place(family, lodging, home) for family in ("abroad", "with_custodians", "here")
              for lodging in ("shelter", "home", "staying") for home in (Text(sv="Polen", en="Poland"), None)]
    for event_id, event in _events().items():
        assert event["title"]["sv"] and event["title"]["en"]
        variants = [event["text"]] if "by" not in event["text"] else [event["text"][p] for p in ("abroad", "with_custodians", "here")]
        assert all(text["sv"] and text["en"] for text in variants), event_id
        for place in places:  # every text reads for every place, with no placeholder left
            assert all("{" not in Event(event_id, 3, (), place).text(lang) for lang in ("sv", "en")), (event_id, place)
        for minor in (False, True):
            verdicts = set()
            for option_id in options_for(event_id, minor):
                option = option_spec(event_id, option_id, minor)
                assert option["label"]["sv"] and option["label"]["en"] and option["reason"]["sv"] and option["reason"]["en"]
                assert option["verdict"] in ("good", "acceptable", "poor")
                verdicts.add(option["verdict"])
                assert set(option["effects"]) <= {"trust", "risk", "support", "return"} and option["effects"]["support"] in ("continue", "pause", "end")
                if "rule" in option["ref"]:
                    assert option["ref"]["rule"] in RULES, (event_id, option_id)
                    continue
                ref = Ref(chapter=option["ref"]["chapter"], lines=tuple(option["ref"]["lines"]))
                low, high = spans[ref.chapter]
                assert low <= ref.lines[0] <= ref.lines[1] <= high, (event_id, option_id)
            assert {"good", "poor"} <= verdicts, (event_id, minor)


def test_a_child_who_declines_the_police_is_heard_but_the_police_are_told():
    """Respecting an adult's no to the police is good; for a 15-year-old it is not the good choice."""
    from kit.nrm.scenario import option_spec, options_for

    assert option_spec("declines_police", "continue_unconditionally", False)["verdict"] == "good"
    assert option_spec("declines_police", "continue_unconditionally", True)["verdict"] == "poor"
    assert "tell_police_and_listen" in options_for("declines_police", True)
    assert "tell_police_and_listen" not in options_for("declines_police", False)
    girl = BANK["sex_lover_boy_school_nurse"]
    for seed in range(40):
        scenario = Scenario(girl, "SE", model_plan(girl, "SE"), seed=seed)
        event = next((e for e in scenario.events if e.id == "declines_police"), None)
        if event is None:
            continue
        while scenario.pending is not event:
            scenario.step(scenario.pending.options[0])
        decision = scenario.step("tell_police_and_listen")
        assert decision.verdict == "good" and "practice note" in decision.ref.label("en")
        break
    else:
        pytest.fail("no seed draws the event for the child")


def test_a_90_day_scenario_is_logged_for_grading():
    scenario = Scenario(CASE, "SE", model_plan(CASE, "SE"), seed=5)
    scenario.run(best)
    decision = scenario.log[0]
    assert decision.verdict == "good" and decision.reason("sv") and decision.ref.chapter in range(7)
    assert scenario.timeline()[0][0] == 0

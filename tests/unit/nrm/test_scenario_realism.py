"""Scenario realism over the whole case bank: events name the person's own places, what follows a
return home belongs to the return, and the outcome explains every incident from its causes."""

from __future__ import annotations

import re

import msgspec
import pytest

from kit.cases.bank import load_bank
from kit.cases.narrative import surface
from kit.nrm.needs import case_needs
from kit.nrm.reference_plan import model_plan
from kit.nrm.scenario import Event, Scenario, _events, option_spec, place_of

REGIMES = ("SE", "NO", "PL", "LV", "FI")
HOME_WORDS = ("hemland", "home country")
SEEDS = range(12)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def country_names() -> set[str]:
    return {name for spec in surface()["nationalities"].values() for name in (spec["country_sv"], spec["country_en"])}


def texts(event: Event) -> dict[str, str]:
    return {lang: event.text(lang) for lang in ("sv", "en")}


def test_a_threat_names_the_persons_own_place_for_every_case(bank):
    """A Swedish girl's family is not 'in the home country'; a family abroad is named by its country."""
    names, seen = country_names(), {"abroad": 0, "with_custodians": 0, "here": 0}
    for case in bank.values():
        needs = case_needs(case)
        place = place_of(case, model_plan(case, "SE"))
        threat = texts(Event("trafficker_threat", 5, (), place))
        seen[place.family] += 1
        if needs.from_abroad:
            spec = surface()["nationalities"][case.person.nationality]
            assert place.family == "abroad" and f"i {spec['country_sv']}." in threat["sv"], (case.id, threat)
            assert f"in {spec['country_en']}." in threat["en"], (case.id, threat)
        else:
            assert not any(word in text.lower() for word in HOME_WORDS for text in threat.values()), (case.id, threat)
            assert not any(name in text.split() or f"{name}." in text for name in names for text in threat.values()), (case.id, threat)
        if needs.lives_with_custodians:
            assert "var familjen bor" in threat["sv"] and "where the family lives" in threat["en"], case.id
    assert all(seen.values()), seen
    girl = place_of(bank["sex_lover_boy_school_nurse"], model_plan("sex_lover_boy_school_nurse", "SE"))
    assert girl.family == "with_custodians" and girl.lodging == "home" and girl.home_country is None


def test_every_event_text_of_every_case_names_places_that_fit(bank):
    """No 'home country' for someone who lives here, no shelter unless the plan offers housing, no
    placeholder left, in both languages, for every event a scenario draws."""
    for case in bank.values():
        needs = case_needs(case)
        for regime in ("SE", "FI"):
            plan = model_plan(case, regime)
            housed = "housing" in plan.services()
            for seed in range(4):
                for event in Scenario(case, regime, plan, seed=seed).events:
                    for _lang, text in texts(event).items():
                        assert "{" not in text, (case.id, event.id, text)
                        assert needs.from_abroad or not any(word in text.lower() for word in HOME_WORDS), (case.id, event.id, text)
                        assert housed or not re.search(r"\bboendet\b|\bshelter\b", text), (case.id, event.id, text)


def test_a_plan_without_housing_keeps_a_resident_at_home(bank):
    case = bank["sex_swedish_woman_moved_between_towns"]
    plan = model_plan(case, "SE")
    without = msgspec.structs.replace(plan, steps=[msgspec.structs.replace(s, services=[x for x in s.services if x != "housing"])
                                                   for s in plan.steps])
    assert place_of(case, plan).lodging == "shelter" and place_of(case, without).lodging == "home"
    assert "hemma" in Event("health_crisis", 4, (), place_of(case, without)).text("sv")


def scenarios_with_a_return(bank, option):
    """(scenario, day of the return) for every case from abroad and seed whose scenario has events after
    the wish to go home, answered with `option` (other events with their first option)."""
    found = []
    for case in bank.values():
        if not case_needs(case).from_abroad:
            continue
        plan = model_plan(case, "NO")
        for seed in SEEDS:
            scenario = Scenario(case, "NO", plan, seed=seed)
            ids = [e.id for e in scenario.events]
            if "wish_to_go_home" not in ids or ids[-1] == "wish_to_go_home":
                continue
            stay_after = [e.id for e in scenario.events[ids.index("wish_to_go_home") + 1:]]
            while scenario.pending is not None:
                event = scenario.pending
                scenario.step(option if event.id == "wish_to_go_home" else event.options[0])
            found.append((scenario, stay_after))
    return found


def test_after_a_safe_return_the_events_that_follow_belong_to_the_return(bank):
    found = scenarios_with_a_return(bank, "safe_return")
    assert len(found) >= 20, len(found)
    after_any = 0
    for scenario, stay_after in found:
        home = scenario.place.home_country
        wish = next(i for i, e in enumerate(scenario.events) if e.id == "wish_to_go_home")
        assert scenario.events[wish].day == scenario.returned_on
        after = scenario.events[wish + 1:]
        expected = [_events()[e]["after_return"] for e in stay_after if "after_return" in _events()[e]]
        assert [e.id for e in after] == expected, (scenario.case.id, stay_after, [e.id for e in after])
        for event in after:
            after_any += 1
            assert _events()[event.id]["phase"] == "after_return"
            assert home.sv in event.text("sv") and home.en in event.text("en"), (event.id, event.text("en"))
            assert not re.search(r"\bboendet\b|\bshelter\b", event.text("en") + event.text("sv"))
        assert not {"residence_question", "declines_police"} & {e.id for e in after}
    assert after_any >= 10


def test_after_a_return_alone_the_person_meets_the_return_events_alone(bank):
    found = scenarios_with_a_return(bank, "buy_ticket")
    assert found
    for scenario, _stay_after in found:
        alone = [i for i in scenario.outcome().incidents if i.cause == "alone"]
        assert all(_events()[i.event]["phase"] == "after_return" for i in alone), [i.event for i in alone]
        assert all(i.ended_event == "wish_to_go_home" and i.ended_option == "buy_ticket" for i in alone)
        assert scenario.pending is None


def test_the_outcome_explains_each_incident_from_the_events_that_caused_it(bank):
    titles = {event_id: {lang: spec["title"][lang] for lang in ("sv", "en")} for event_id, spec in _events().items()}
    causes = {"response": 0, "alone": 0, "doubled": 0}
    for number, case in enumerate(bank.values()):
        regime = REGIMES[number % len(REGIMES)]
        plan = model_plan(case, regime)
        unassessed = msgspec.structs.replace(plan, steps=[s for s in plan.steps if s.step != "safety_risk_assessment"])
        for current in (plan, unassessed):
            for seed in range(3):
                scenario = Scenario(case, regime, current, seed=seed)
                outcome = scenario.run(lambda event, seed=seed: event.options[-1] if seed % 2 else event.options[0])
                assert outcome.safety_incidents == len(outcome.incidents) == scenario.incidents
                logged = {(d.day, d.event) for d in scenario.log if d.incident}
                assert logged == {(i.day, i.event) for i in outcome.incidents if i.cause == "response"}
                for incident, sv, en in zip(outcome.incidents, outcome.explain("sv"), outcome.explain("en")):
                    causes[incident.cause] += 1
                    causes["doubled"] += incident.doubled
                    assert sv.startswith(f"Dag {incident.day}, {titles[incident.event]['sv']}:"), sv
                    assert en.startswith(f"Day {incident.day}, {titles[incident.event]['en']}:"), en
                    assert not re.search(r"\b[a-z]+_[a-z_]+\b", sv + en), (sv, en)
                    if incident.cause == "alone":
                        ending = option_spec(incident.ended_event, incident.ended_option, case.truth.minor)
                        assert ending["effects"]["support"] == "end" or ending["effects"].get("return") == "unarranged"
                        assert f"day {incident.ended_day}" in en and ending["label"]["en"] in en, en
                    else:
                        assert f"“{Event(incident.event, 0, ()).option_label(incident.option, 'en')}”" in en
                    assert incident.doubled is ("doubled the risk" in en)
                    assert not incident.doubled or current is unassessed
    assert all(causes.values()), causes

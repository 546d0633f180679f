"""Countries and timing, over the whole case bank and the five regimes: a plan uses the bodies of its
own country's system (or those found everywhere, or cross-border bodies), never another country's;
a plan that follows the seed for a country draws no warning; a plan is checked only for its own
regime and case; data is not shared before consent is asked; no return without a risk assessment
before the journey; a reflection period that starts late is a finding."""

from __future__ import annotations

import msgspec
import pytest

from kit.cases.bank import load_bank
from kit.nrm.chain import COUNTRY_SUFFIXES, load_chain
from kit.nrm.needs import case_needs
from kit.nrm.plan import PlanError, PlanStep, load_plan
from kit.nrm.reference_plan import model_plan
from kit.nrm.rules import REFLECTION_STARTS_BY, validate_plan

REGIMES = ("SE", "NO", "PL", "LV", "FI")
ADULT_FROM_ABROAD = "seed_sawmill_workers_wages_taken"


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def rules(plan, case, regime) -> set[str]:
    return {finding.rule for finding in validate_plan(plan, case, regime)}


def with_steps(plan, *extra, keep=lambda step: True):
    return msgspec.structs.replace(plan, steps=[s for s in plan.steps if keep(s)] + list(extra))


# --- countries ---------------------------------------------------------------------------------------

def test_every_body_named_for_one_country_is_a_national_body_of_that_country(kb):
    chain = load_chain()
    named = {actor.id for actor in kb.actors if actor.id.endswith(COUNTRY_SUFFIXES)}
    assert named and named <= set(chain.national_bodies)
    for actor, body in chain.national_bodies.items():
        assert actor in named and body.country == actor[-2:].upper(), actor
    assert {body.country for body in chain.national_bodies.values()} == {"SE", "PL", "LV", "FI"}


def test_each_regime_names_only_its_own_countrys_bodies(kb):
    chain = load_chain()
    for country in REGIMES:
        regime = kb.get("regimes", country.lower())
        named = set(regime.formal_identifiers) | set(regime.potential_identifiers) | set(regime.support_providers)
        assert all(chain.home_country(actor) in (None, country) for actor in named), (country, named)


NAMES = {"SE": {"sv": "Sverige", "en": "Sweden"}, "NO": {"sv": "Norge", "en": "Norway"}, "PL": {"sv": "Polen", "en": "Poland"},
         "LV": {"sv": "Lettland", "en": "Latvia"}, "FI": {"sv": "Finland", "en": "Finland"}}


def test_a_body_of_another_countrys_system_is_an_error_in_every_regime(bank, kb):
    """A Polish or Finnish body in a Swedish plan, a Swedish coordinator in a Polish plan, and so on
    for every national body under every other regime; as actor or as a receiver of data."""
    case = bank[ADULT_FROM_ABROAD]
    chain = load_chain()
    checked = 0
    for regime in REGIMES:
        plan = model_plan(case, regime)
        for body, spec in chain.national_bodies.items():
            carried = with_steps(plan, PlanStep(step="long_term_support", actor=body, day=50, consent="given"))
            told = with_steps(plan, PlanStep(step="criminal_proceedings", actor="local_police", day=50, consent="given",
                                             shares_data_with=[body]))
            for bad in (carried, told):
                findings = [f for f in validate_plan(bad, case, regime) if f.rule == "actors_of_the_country"]
                if spec.country == regime:
                    assert not findings, (body, regime)
                    continue
                assert len(findings) == 1 and findings[0].severity == "error", (body, regime)
                checked += 1
                for lang in ("sv", "en"):  # in words: the body's name and both countries, never ids or codes
                    text = findings[0].message(lang)
                    assert kb.get("actors", body).name.get(lang) in text, text
                    assert f"{NAMES[spec.country][lang]} " in text and f"{NAMES[regime][lang]}." in text, text
                    assert body not in text and spec.country not in text.split(), text
            # the foreign body is named once, by the country rule, not also as an unusual actor
            assert "usual_actor" not in rules(carried, case, regime) or spec.country == regime, (body, regime)
    assert checked == 2 * sum(len(REGIMES) - 1 for _ in chain.national_bodies)


def test_the_swedish_coordinator_in_a_polish_plan_names_both_countries(bank):
    case = bank[ADULT_FROM_ABROAD]
    plan = with_steps(model_plan(case, "PL"), PlanStep(step="immediate_referral", actor="regional_coordinator_se", day=0, consent="given"))
    finding = next(f for f in validate_plan(plan, case, "PL") if f.rule == "actors_of_the_country")
    assert "Regional anti-trafficking coordinator belongs to the anti-trafficking system of Sweden and does not exist in Poland" in finding.message("en")
    assert "hör till systemet mot människohandel i Sverige och finns inte i Polen" in finding.message("sv")


def test_cross_border_bodies_and_actors_found_everywhere_are_welcome_in_every_regime(bank, kb):
    case = bank[ADULT_FROM_ABROAD]
    everywhere = [actor.id for actor in kb.actors if load_chain().home_country(actor.id) is None]
    assert {"iom", "embassies_consulates", "ngos", "local_police", "social_services"} <= set(everywhere)
    for regime in REGIMES:
        plan = with_steps(model_plan(case, regime), PlanStep(step="criminal_proceedings", actor="local_police", day=3,
                                                              consent="given", shares_data_with=everywhere))
        assert "actors_of_the_country" not in rules(plan, case, regime), regime


def test_no_model_plan_of_the_bank_uses_another_countrys_body(bank):
    chain = load_chain()
    for case in bank.values():
        for regime in REGIMES:
            actors = {a for s in model_plan(case, regime).steps for a in (s.actor, *s.shares_data_with)}
            assert all(chain.home_country(a) in (None, regime) for a in actors), (case.id, regime, actors)


def test_a_plan_that_follows_the_seed_for_its_country_draws_no_finding(bank):
    """Finland: a person not resident there is supported directly by the national assistance system,
    a resident by the municipality (ch. 5, lines 1437-1439); Latvia: the authorised NGO; Poland: KCIK."""
    used = {"FI_system": 0, "FI_municipality": 0}
    for case in bank.values():
        if case.truth.minor:
            continue
        needs = case_needs(case)
        fi = model_plan(case, "FI")
        long_term = fi.steps_of("long_term_support")[0].actor
        if needs.resident:
            assert long_term == "social_services", case.id
            used["FI_municipality"] += 1
        else:
            assert long_term == "national_assistance_system_fi", case.id
            used["FI_system"] += 1
        assert not validate_plan(fi, case, "FI"), case.id
        assert model_plan(case, "LV").steps_of("long_term_support")[0].actor == "authorised_ngo_lv"
        assert model_plan(case, "PL").steps_of("acute_support")[0].actor == "kcik_pl"
    assert all(used.values()), used
    # a learner's own Finnish plan: the national system carries the whole support of a non-resident
    case = bank[ADULT_FROM_ABROAD]
    plan = model_plan(case, "FI")
    steps = [msgspec.structs.replace(s, actor="national_assistance_system_fi") if s.step in ("immediate_referral", "acute_support", "long_term_support")
             else s for s in plan.steps]
    assert not validate_plan(msgspec.structs.replace(plan, steps=steps), case, "FI")


# --- the plan is checked for its own regime and case --------------------------------------------------

def test_a_plan_is_checked_only_under_its_own_regime_and_for_its_own_case(bank, tmp_path):
    import yaml

    case, other = bank[ADULT_FROM_ABROAD], bank["sex_lover_boy_school_nurse"]
    plan = model_plan(case, "SE")
    with pytest.raises(PlanError) as caught:
        validate_plan(plan, case, "PL")
    assert [str(p) for p in caught.value.problems] == ["plan:regime: the plan is written for SE, but it is checked under PL"]
    with pytest.raises(PlanError) as caught:
        validate_plan(plan, other, "NO")
    assert {p.field for p in caught.value.problems} == {"regime", "case_id"}, "every fault at once"
    path = tmp_path / "my_plan.yaml"
    path.write_text(yaml.safe_dump(msgspec.to_builtins(plan)), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        validate_plan(path, other.id, "SE")
    assert [p.field for p in caught.value.problems] == ["case_id"] and other.id in str(caught.value.problems[0])
    typo = msgspec.structs.replace(plan, case_id="seed_sawmill_workers_wages")
    with pytest.raises(PlanError):
        validate_plan(typo, case, "SE")
    assert not validate_plan(load_plan(path), case.id, "SE")


def test_a_learners_variant_case_takes_a_plan_with_a_label_of_its_own():
    """The course grades a plan for a variant whose id the learner never sees (kit/course/part_scoring)."""
    from kit.cases.variants import variant

    case = variant(ADULT_FROM_ABROAD, 7)
    steps = model_plan(case, "LV").steps
    plan = load_plan({"case_id": "graded_case", "regime": "LV", "steps": msgspec.to_builtins(steps)})
    assert not [f for f in validate_plan(plan, case, "LV") if f.severity == "error"]
    with pytest.raises(PlanError):
        validate_plan(msgspec.structs.replace(plan, case_id=ADULT_FROM_ABROAD), case, "LV")


def test_the_scenario_refuses_a_plan_for_another_regime(bank):
    from kit.nrm.scenario import Scenario

    with pytest.raises(PlanError):
        Scenario(bank[ADULT_FROM_ABROAD], "FI", model_plan(ADULT_FROM_ABROAD, "NO"))


# --- data before consent, a return without a risk assessment, a late reflection period ----------------

def test_data_shared_on_a_step_dated_before_the_consent_step_is_an_error_for_every_adult(bank):
    adults = [case for case in bank.values() if not case.truth.minor]
    for number, case in enumerate(adults):
        regime = REGIMES[number % len(REGIMES)]
        plan = model_plan(case, regime)
        later = [msgspec.structs.replace(s, day=3) if s.step == "informed_consent" else s for s in plan.steps]
        told = PlanStep(step="criminal_proceedings", actor="local_police", day=1, consent="given", shares_data_with=["social_services"])
        found = [f for f in validate_plan(msgspec.structs.replace(plan, steps=[*later, told]), case, regime)
                 if f.rule == "consent_before_data_sharing"]
        assert [dict(f.values)["consent"] for f in found] == ["given_early"], (case.id, regime)
        assert "given before the plan asks for consent" in found[0].message("en")
        on_time = msgspec.structs.replace(told, day=3)
        assert "consent_before_data_sharing" not in rules(msgspec.structs.replace(plan, steps=[*later, on_time]), case, regime)
        never = [msgspec.structs.replace(s, consent="not_asked") if s.step == "informed_consent" else s for s in plan.steps]
        found = [f for f in validate_plan(msgspec.structs.replace(plan, steps=[*never, on_time]), case, regime)
                 if f.rule == "consent_before_data_sharing"]
        assert [dict(f.values)["consent"] for f in found] == ["given_unasked"], (case.id, regime)
        assert "the plan never asks for consent" in found[0].message("en")
        assert "fast planen aldrig frågar efter samtycke" in found[0].message("sv")


def test_a_return_needs_a_risk_assessment_before_the_journey_for_everyone_from_abroad(bank):
    checked = 0
    for case in bank.values():
        if not case_needs(case).from_abroad:
            continue
        for regime in REGIMES:
            plan = model_plan(case, regime)
            back = plan.steps_of("return_and_reintegration")[0]
            assert "risk_assessment" in back.services
            bare = [msgspec.structs.replace(s, services=[x for x in s.services if x != "risk_assessment"])
                    if s.step == "return_and_reintegration" else s for s in plan.steps]
            found = [f for f in validate_plan(msgspec.structs.replace(plan, steps=bare), case, regime) if f.rule == "return_risk_assessed"]
            assert len(found) == 1 and found[0].severity == "error", (case.id, regime)
            before_travel = PlanStep(step="safety_risk_assessment", actor="social_services", day=back.day + 5, services=["risk_assessment"])
            assert "return_risk_assessed" not in rules(msgspec.structs.replace(plan, steps=[*bare, before_travel]), case, regime)
            checked += 1
    assert checked >= 5 * 40


def test_a_reflection_period_that_starts_late_is_a_finding_wherever_one_is_granted(bank):
    checked = 0
    for case in bank.values():
        for regime in REGIMES:
            plan = model_plan(case, regime)
            if not plan.steps_of("reflection_period"):
                continue
            grounds = plan.first_day("reasonable_grounds")

            def starting(day, plan=plan):
                return msgspec.structs.replace(plan, steps=[msgspec.structs.replace(s, day=day) if s.step == "reflection_period" else s
                                                            for s in plan.steps])

            assert "reflection_starts_at_once" not in rules(starting(grounds + REFLECTION_STARTS_BY), case, regime)
            late = [f for f in validate_plan(starting(grounds + 20), case, regime) if f.rule == "reflection_starts_at_once"]
            assert len(late) == 1 and late[0].step is not None, (case.id, regime)
            assert "starts only 20 days after reasonable grounds" in late[0].message("en")
            assert "the kit's own practice note" in late[0].message("en")
            checked += 1
    assert checked > 50


def test_every_actor_a_regime_names_carries_a_step_there_without_a_finding(bank, kb):
    """What the seed says of each country (ch. 4, lines 1124-1151; ch. 5, lines 1431-1446): its
    identifiers carry reasonable grounds, its formal identifiers formal identification, and each of
    its support providers at least one support step (referral, acute or long-term support, return)."""
    case = bank[ADULT_FROM_ABROAD]
    support = ("immediate_referral", "acute_support", "long_term_support", "return_and_reintegration")
    checked = 0

    def clean(country, step_id, actor):
        plan = model_plan(case, country)
        steps = [msgspec.structs.replace(s, actor=actor) if s.step == step_id else s for s in plan.steps]
        assert step_id in {s.step for s in steps}, (country, step_id)
        found = {f.rule for f in validate_plan(msgspec.structs.replace(plan, steps=steps), case, country)}
        return not found & {"usual_actor", "actors_of_the_country", "formal_identification_competent"}

    for country in REGIMES:
        regime = kb.get("regimes", country.lower())
        for actor in regime.potential_identifiers:
            assert clean(country, "reasonable_grounds", actor), (country, actor)
            checked += 1
        for actor in regime.formal_identifiers:
            assert clean(country, "formal_identification", actor), (country, actor)
            checked += 1
        for actor in regime.support_providers:
            assert any(clean(country, step_id, actor) for step_id in support), (country, actor)
            checked += 1
    assert checked >= 25, checked

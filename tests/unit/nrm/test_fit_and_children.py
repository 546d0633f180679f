"""Plans that fit the person, over the whole case bank: children reported at once without a consent
finding, a guardian only where the custodians cannot represent the child, no sheltered housing or
employment service for a child at home, an interpreter only where needed, a return offered to
everyone from abroad, a reflection period wherever the regime grants one; findings that name their
rule and source, and rule sources that say what the rule claims."""

from __future__ import annotations

import re

import msgspec
import pytest

from kit.cases.bank import load_bank
from kit.nrm.plan import PlanError, PlanStep, load_plan
from kit.nrm.reference_plan import model_plan
from kit.nrm.rules import RULES, validate_plan
from support.seed import seed_lines

REGIMES = ("SE", "NO", "PL", "LV", "FI")
CONSENT_RULES = {"consent_obtained", "consent_before_referral", "consent_before_data_sharing"}


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def children(bank):
    return [case for case in bank.values() if case.truth.minor]


def test_every_model_plan_of_the_bank_validates_without_errors_under_every_regime(bank):
    checked = 0
    for case in bank.values():
        for regime in REGIMES:
            errors = [f.message("en") for f in validate_plan(model_plan(case, regime), case, regime) if f.severity == "error"]
            assert not errors, (case.id, regime, errors)
            checked += 1
    assert checked == len(bank) * len(REGIMES) and len(bank) >= 57


@pytest.mark.parametrize("consent", ["not_asked", "declined", "emergency"])
def test_reporting_concern_for_any_child_on_day_0_without_consent_draws_no_consent_finding(bank, consent):
    """The school nurse reports to social services and the police; no one waits for the child's yes."""
    for case in children(bank):
        for regime in REGIMES:
            plan = model_plan(case, regime)
            steps = [msgspec.structs.replace(step, consent=consent) for step in plan.steps]
            steps.insert(0, PlanStep(step="reasonable_grounds", actor="schools", day=0, consent=consent,
                                     shares_data_with=["social_services", "local_police"]))
            steps.insert(1, PlanStep(step="immediate_referral", actor="social_services", day=0, consent=consent,
                                     shares_data_with=["local_police"]))
            rules = {f.rule for f in validate_plan(msgspec.structs.replace(plan, steps=steps), case, regime)}
            assert not rules & CONSENT_RULES, (case.id, regime, rules & CONSENT_RULES)
            assert "child_reported_and_heard" not in rules, (case.id, regime)


def test_the_same_report_for_an_adult_without_consent_is_a_finding(bank):
    case = bank["seed_sawmill_workers_wages_taken"]
    plan = model_plan(case, "SE")
    steps = [PlanStep(step="reasonable_grounds", actor="social_services", day=0, shares_data_with=["local_police"]), *plan.steps]
    rules = {f.rule for f in validate_plan(msgspec.structs.replace(plan, steps=steps), case, "SE")}
    assert "consent_before_data_sharing" in rules


def test_an_emergency_clears_an_adults_referral_and_data_sharing_on_the_first_days_only(bank):
    case = bank["seed_sawmill_workers_wages_taken"]
    plan = model_plan(case, "FI")

    def rules_with(day):
        urgent = PlanStep(step="immediate_referral", actor="social_services", day=day, consent="emergency",
                          shares_data_with=["local_police"])
        steps = [*plan.steps, urgent, PlanStep(step="criminal_proceedings", actor="local_police", day=day, consent="given")]
        return {f.rule for f in validate_plan(msgspec.structs.replace(plan, steps=steps), case, "FI")}

    assert not rules_with(0) & CONSENT_RULES
    assert {"consent_before_referral", "consent_before_data_sharing"} <= rules_with(5)


def test_a_child_must_be_reported_the_same_day_and_informed_and_heard(bank):
    girl = bank["sex_lover_boy_school_nurse"]
    plan = model_plan(girl, "SE")
    late = msgspec.structs.replace(plan, steps=[
        msgspec.structs.replace(s, day=max(s.day, 3)) if s.actor == "social_services" or "social_services" in s.shares_data_with else s
        for s in plan.steps])
    problems = {dict(f.values).get("problem") for f in validate_plan(late, girl, "SE") if f.rule == "child_reported_and_heard"}
    assert problems == {"report_late", "heard_late"}
    unheard = msgspec.structs.replace(plan, steps=[s for s in plan.steps if s.step != "child_informed_and_heard"])
    assert "child_reported_and_heard" in {f.rule for f in validate_plan(unheard, girl, "SE")}


def test_a_guardian_where_the_custodians_cannot_represent_the_child_and_never_for_an_adult(bank):
    seen = {"at_home": 0, "needs_guardian": 0}
    for case in children(bank):
        facts = case.circumstances
        for regime in REGIMES:
            guardian_days = [s.day for s in model_plan(case, regime).steps if s.actor == "guardian"]
            if facts.unaccompanied or facts.custodians_involved:
                assert guardian_days and min(guardian_days) <= 1, (case.id, regime)
                seen["needs_guardian"] += 1
            elif facts.lives_with_custodians:
                assert not guardian_days, (case.id, regime)
                seen["at_home"] += 1
    assert seen["at_home"] and seen["needs_guardian"], seen
    boys = bank["seed_boys_forced_to_steal"]
    late = msgspec.structs.replace(model_plan(boys, "SE"), steps=[
        msgspec.structs.replace(s, day=4) if s.actor == "guardian" else s for s in model_plan(boys, "SE").steps])
    assert "guardian_when_needed" in {f.rule for f in validate_plan(late, boys, "SE")}
    adult = bank["seed_sawmill_workers_wages_taken"]
    plan = model_plan(adult, "FI")
    with_guardian = msgspec.structs.replace(plan, steps=[*plan.steps, PlanStep(step="child_protection_and_guardian", actor="guardian", day=1)])
    findings = [f for f in validate_plan(with_guardian, adult, "FI") if f.rule == "guardian_when_needed"]
    assert findings and findings[0].severity == "error" and "adult" in findings[0].message("en")


def test_model_plans_fit_age_home_language_and_residence(bank):
    for case in bank.values():
        facts, minor = case.circumstances, case.truth.minor
        at_home = minor and facts.lives_with_custodians and not facts.custodians_involved
        for regime in REGIMES:
            plan = model_plan(case, regime)
            services = plan.services()
            assert ("housing" in services) is not at_home, (case.id, regime)
            assert ("interpretation" in services) is facts.needs_interpreter, (case.id, regime)
            returns, integration = plan.steps_of("return_and_reintegration"), plan.steps_of("integration")
            if facts.resident:
                assert integration and not returns, (case.id, regime)
                step = integration[0]
                if minor:
                    assert step.actor == "schools" and "education_and_work" not in step.services, (case.id, regime)
                else:
                    assert step.actor == "employment_services", (case.id, regime)
            else:  # from abroad, EU citizens and children included: a return is offered after a risk assessment
                assert returns and not integration, (case.id, regime)
                assert "risk_assessment" in returns[0].services and "safe_return" in returns[0].services
                assert returns[0].day < plan.first_day("long_term_support"), "offered early, not fixed after the support"


def test_a_reflection_period_wherever_the_regime_grants_one(bank):
    """EU citizens in Norway get one (the Oslo begging case, ch. 2 lines 424-428); non-EU visitors everywhere."""
    from kit.nrm.needs import case_needs

    eu_in_norway = 0
    for case in bank.values():
        needs = case_needs(case)
        for regime in REGIMES:
            reflection = model_plan(case, regime).steps_of("reflection_period")
            expected = not case.circumstances.resident and (not needs.right_of_residence or regime == "NO")
            assert bool(reflection) is expected, (case.id, regime)
            if expected:
                assert reflection[0].duration_days >= 30
            eu_in_norway += regime == "NO" and expected and needs.right_of_residence
    assert eu_in_norway > 0
    seed_case = bank["seed_begging_group_promised_work"]
    plan = model_plan(seed_case, "NO")
    without = msgspec.structs.replace(plan, steps=[s for s in plan.steps if s.step != "reflection_period"])
    assert "reflection_period" in {f.rule for f in validate_plan(without, seed_case, "NO")}


def faulty_plans(case, regime):
    """The model plan broken in many ways at once, and a one-step plan."""
    plan = model_plan(case, regime)
    steps = [msgspec.structs.replace(s, consent="not_asked", services=[], day=s.day + (s.step != "reasonable_grounds") * 3,
                                     conditions=["testimony", "gender"])
             for s in plan.steps if s.step not in ("safety_risk_assessment", "child_informed_and_heard", "reflection_period")]
    steps.append(PlanStep(step="formal_identification", actor="librarians", day=9, shares_data_with=["taxi_drivers"]))
    steps.append(PlanStep(step="acute_support", actor="local_police", day=5, duration_days=3, services=["housing"]))
    steps.append(PlanStep(step="child_protection_and_guardian", actor="guardian", day=6))
    steps.append(PlanStep(step="integration", actor="employment_services", day=1))
    foreign = "kcik_pl" if regime != "PL" else "regional_coordinator_se"
    steps.append(PlanStep(step="long_term_support", actor=foreign, day=20, shares_data_with=["national_assistance_system_fi" if regime != "FI" else "authorised_ngo_lv"]))
    steps.append(PlanStep(step="return_and_reintegration", actor="iom", day=30, services=["safe_return"]))
    steps.append(PlanStep(step="reflection_period", actor="migration_agency", day=12, duration_days=30))
    yield msgspec.structs.replace(plan, steps=steps)
    yield msgspec.structs.replace(plan, steps=[PlanStep(step="integration", actor="employment_services", day=0)])


def test_every_finding_names_its_rule_and_its_seed_lines_or_the_practice_note(bank, kb):
    seen = set()
    for number, case in enumerate(bank.values()):
        regime = REGIMES[number % len(REGIMES)]
        for plan in faulty_plans(case, regime):
            for finding in validate_plan(plan, case, regime):
                seen.add(finding.rule)
                for lang, lines_word, note in (("sv", "rad", "praxisanteckning"), ("en", "lines", "practice note")):
                    text = finding.message(lang)
                    assert kb.ui(f"nrm.rule_name.{finding.rule}", lang) in text, (finding.rule, lang)
                    source = RULES[finding.rule][1]
                    assert text.endswith(f"({source.label(lang)})"), (finding.rule, lang)
                    if source.practice_note:
                        assert note in text
                    assert re.search(rf"\b{lines_word} \d+–\d+", text), (finding.rule, lang, text)
                    assert "None" not in text and "(none)" not in text and not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
    assert seen == set(RULES), set(RULES) - seen


def test_a_missing_risk_assessment_says_so(bank):
    case = bank["seed_sawmill_workers_wages_taken"]
    plan = model_plan(case, "FI")
    without = msgspec.structs.replace(plan, steps=[s for s in plan.steps if s.step != "safety_risk_assessment"])
    finding = next(f for f in validate_plan(without, case, "FI") if f.rule == "risk_assessment_first")
    assert "but the plan has none" in finding.message("en") and "does not come first" not in finding.message("en")
    assert "men planen har ingen" in finding.message("sv")


def test_a_bad_plan_lists_every_fault_at_once():
    with pytest.raises(PlanError) as caught:
        load_plan({"case_id": "Bad Id", "regime": "DE", "colour": "red", "steps": [
            {"step": "rescue", "actor": "superhero", "day": -1, "consent": "maybe"},
            {"actor": "social_services", "day": "two", "conditions": ["charm"]},
            "not a step"]})
    found = [str(p) for p in caught.value.problems]
    expected = [
        "plan:colour: unknown field",
        "plan:case_id: must be a lowercase slug of a-z, 0-9 and _ starting with a letter",
        "plan:regime: Invalid enum value 'DE' (valid: SE, NO, PL, LV, FI)",
        "plan:steps[0].day: Expected `int` >= 0",
        "plan:steps[0].consent: Invalid enum value 'maybe' (valid: given, not_asked, declined, emergency)",
        "plan:steps[1].step: required field missing",
        "plan:steps[1].day: Expected `int`, got `str`",
        "plan:steps[2]: a step is a mapping (step, actor, day, ...), not str",
        "plan:steps[0].actor: unknown actor id 'superhero'",
    ]
    for line in expected:
        assert line in found, (line, found)
    assert any(p.startswith("plan:steps[1].conditions[0]: Invalid enum value 'charm'") for p in found)
    assert any(p.startswith("plan:steps[0].step: unknown chain step 'rescue'") for p in found)


# Words that the cited seed lines must contain for the rule to cite them (read against the seed).
CITED_WORDS = {
    "unconditional_support": ["villkorslöst", "samarbeta"],
    "non_discrimination": ["diskriminering", "nationalitet"],
    "consent_obtained": ["samtycke", "förklara"],
    "consent_before_referral": ["samtycke"],
    "consent_before_data_sharing": ["personuppgifter", "konfidentiella", "grundade samtycke"],
    "confidentiality": ["konfidentiella"],
    "risk_assessment_first": ["första steget", "riskbedömning"],
    "child_reported_and_heard": ["handel med barn", "24 timmar", "delaktighet"],
    "guardian_when_needed": ["handel med barn", "2011/36/EU", "egna grundade beslut"],
    "interpretation": ["tolkning", "förstår"],
    "reflection_period": ["minst 30 dagar", "betänktetid"],
    "formal_identification_competent": ["formellt kan identifiera", "officiell status"],
    "support_matched": ["specifika behov"],
    "key_concerns_covered": ["SÄKERHET", "UPPEHÄLLE"],
    "acute_housing_duration": ["4–6 veckorna"],
    "timely_support": ["AGERA SNABBT"],
    "chain_order": ["rimliga skäl", "långsiktig hjälp"],
    "usual_actor": ["aktörerna i insatskedjan"],
    "actors_of_the_country": ["organiserat på olika sätt", "I Finland", "I Lettland", "i Polen", "varierar från land till land"],
    "return_risk_assessed": ["riskbedömning före säker återresa"],
    "reflection_starts_at_once": ["minst 30 dagar", "åtminstone under betänketiden", "fick betänktetid"],
}


def test_every_rule_cites_lines_that_say_what_it_claims():
    lines = seed_lines()
    if not lines:
        pytest.skip("../shared/seed is absent")
    assert set(CITED_WORDS) == set(RULES)
    for rule, (_, source) in RULES.items():
        cited = " ".join(" ".join(lines[first - 1:last]) for _, first, last in source.lines)
        cited = re.sub(r"-\s+", "", re.sub(r"\s+", " ", cited))
        for word in CITED_WORDS[rule]:
            assert word.lower() in cited.lower(), (rule, word)

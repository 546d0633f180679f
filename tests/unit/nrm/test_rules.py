"""Plan validation: every rule has a plan that breaks it and one that passes; regimes differ."""

from __future__ import annotations

import msgspec
import pytest

from kit.cases.bank import load_bank
from kit.nrm.plan import PlanStep
from kit.nrm.reference_plan import model_plan
from kit.nrm.rules import RULES, validate_plan

BANK = load_bank()
REGIMES = ("SE", "NO", "PL", "LV", "FI")
CHILD = "seed_boys_forced_to_steal"                      # a minor
FOREIGN = "seed_sawmill_workers_wages_taken"            # no right of residence, language barrier
NATIONAL = "lookalike_sells_sex_independently"          # Swedish, no barrier


def rules_of(plan, case, regime="SE") -> set[str]:
    return {finding.rule for finding in validate_plan(plan, case, regime)}


def changed(plan, index_of, **fields):
    steps = list(plan.steps)
    index = next(i for i, s in enumerate(steps) if index_of(s))
    steps[index] = msgspec.structs.replace(steps[index], **fields)
    return msgspec.structs.replace(plan, steps=steps)


def without(plan, predicate):
    return msgspec.structs.replace(plan, steps=[s for s in plan.steps if not predicate(s)])


def test_model_plans_pass_for_every_case_and_regime():
    for case in BANK.values():
        for regime in REGIMES:
            findings = validate_plan(model_plan(case, regime), case, regime)
            assert not findings, (case.id, regime, [f.message("en") for f in findings])


def acute(step):
    return step.step == "acute_support"


BREAKERS = {
    "unconditional_support": (FOREIGN, lambda p: changed(p, acute, conditions=["cooperation_with_police"])),
    "non_discrimination": (FOREIGN, lambda p: changed(p, acute, conditions=["nationality"])),
    "consent_obtained": (FOREIGN, lambda p: without(p, lambda s: s.step == "informed_consent")),
    "consent_before_referral": (FOREIGN, lambda p: changed(p, lambda s: s.step == "long_term_support", consent="not_asked")),
    "consent_before_data_sharing": (FOREIGN, lambda p: changed(p, lambda s: s.step == "reasonable_grounds", shares_data_with=["local_police"])),
    "confidentiality": (FOREIGN, lambda p: changed(p, acute, shares_data_with=["employment_services"])),
    "risk_assessment_first": (FOREIGN, lambda p: without(p, lambda s: s.step == "safety_risk_assessment")),
    "child_reported_and_heard": (CHILD, lambda p: without(p, lambda s: s.step == "child_informed_and_heard")),
    "guardian_when_needed": (CHILD, lambda p: without(p, lambda s: s.actor == "guardian")),
    "interpretation": (FOREIGN, lambda p: msgspec.structs.replace(p, steps=[msgspec.structs.replace(s, services=[x for x in s.services if x != "interpretation"]) for s in p.steps])),
    "reflection_period": (FOREIGN, lambda p: changed(p, lambda s: s.step == "reflection_period", duration_days=14)),
    "support_matched": (FOREIGN, lambda p: changed(p, acute, services=["housing"])),
    "key_concerns_covered": (NATIONAL, lambda p: msgspec.structs.replace(p, steps=[msgspec.structs.replace(s, services=[x for x in s.services if x != "confidential_records"]) for s in p.steps])),
    "acute_housing_duration": (FOREIGN, lambda p: changed(p, acute, duration_days=7)),
    "timely_support": (FOREIGN, lambda p: changed(p, acute, day=9)),
    "chain_order": (NATIONAL, lambda p: changed(p, lambda s: s.step == "integration", day=1)),
    "usual_actor": (FOREIGN, lambda p: changed(p, acute, actor="local_police")),
    "actors_of_the_country": (FOREIGN, lambda p: changed(p, lambda s: s.step == "long_term_support", actor="national_assistance_system_fi")),
    "return_risk_assessed": (FOREIGN, lambda p: changed(p, lambda s: s.step == "return_and_reintegration", services=["safe_return", "reintegration", "documents"])),
    "reflection_starts_at_once": (FOREIGN, lambda p: changed(p, lambda s: s.step == "reflection_period", day=10)),
}


@pytest.mark.parametrize("rule", sorted(set(RULES) - {"formal_identification_competent"}))  # per regime below
def test_each_rule_has_a_plan_that_breaks_it_and_one_that_passes(rule):
    case_id, breaker = BREAKERS[rule]
    case = BANK[case_id]
    good = model_plan(case, "SE")
    assert rule not in rules_of(good, case)
    bad = breaker(good)
    assert rule in rules_of(bad, case), rules_of(bad, case)


def test_formal_identification_follows_the_regime():
    case = BANK[FOREIGN]
    def with_formal(regime, actor):
        plan = model_plan(case, regime)
        steps = [s for s in plan.steps if s.step != "formal_identification"]
        steps.append(PlanStep(step="formal_identification", actor=actor, day=2, consent="given", services=["interpretation"]))
        return msgspec.structs.replace(plan, steps=steps)
    # Poland: only law enforcement identifies formally.
    assert "formal_identification_competent" not in rules_of(with_formal("PL", "border_guard"), case, "PL")
    assert "formal_identification_competent" in rules_of(with_formal("PL", "authorised_ngo_lv"), case, "PL")
    # Latvia: certain authorised NGOs may.
    assert "formal_identification_competent" not in rules_of(with_formal("LV", "authorised_ngo_lv"), case, "LV")
    # Sweden gives no formal victim status at all.
    assert "formal_identification_competent" in rules_of(with_formal("SE", "local_police"), case, "SE")


def test_findings_explain_in_both_languages_and_cite_the_seed():
    case = BANK[FOREIGN]
    bad = BREAKERS["unconditional_support"][1](model_plan(case, "SE"))
    finding = next(f for f in validate_plan(bad, case, "SE") if f.rule == "unconditional_support")
    assert finding.severity == "error" and finding.ref.chapter == 1
    assert finding.message("en").startswith("Step ") and "requires cooperation with the police" in finding.message("en")
    assert "Stöd får aldrig hänga på" in finding.message("sv")
    findings = validate_plan(BREAKERS["usual_actor"][1](model_plan(case, "SE")), case, "SE")
    assert any("Local police does not usually carry the step “Acute support" in f.message("en") for f in findings)


def test_every_rule_has_its_message_in_both_languages(kb):
    for rule in RULES:
        assert f"nrm.rule.{rule}" in kb.ui_strings


def test_unknown_case_and_regime():
    from kit.content.knowledge_base import UnknownIdError

    plan = model_plan(BANK[FOREIGN], "SE")
    with pytest.raises(UnknownIdError, match="unknown case id"):
        validate_plan(plan, "no_such_case", "SE")
    with pytest.raises(UnknownIdError, match="unknown regimes id 'de'"):
        validate_plan(plan, BANK[FOREIGN], "DE")

"""The model response plan for a case under a regime: every rule of chapters 1 and 5 satisfied."""

from __future__ import annotations

from typing import Any

from kit.nrm.needs import case_needs
from kit.nrm.plan import PlanStep, ResponsePlan
from kit.nrm.rules import _case, _regime

ACUTE_DAYS = 42  # housing for the first six weeks (4-6 weeks, extendable)
REFLECTION_DAYS = 30


def model_plan(case: Any, regime: Any) -> ResponsePlan:
    """A plan an experienced coordinator would make for `case` in `regime` (a regime or code)."""
    from kit.nrm.chain import load_chain

    case, regime = _case(case), _regime(regime)
    needs = case_needs(case)
    usual = {step.id: step.actors for step in load_chain().steps}
    identifier = next((a for a in case.truth.first_referrals if a in usual["reasonable_grounds"]), "social_services")
    provider = next((a for a in regime.support_providers if a in usual["acute_support"]), "social_services")
    referrer = "regional_coordinator_se" if regime.country == "SE" else next(
        (a for a in regime.support_providers if a in usual["immediate_referral"]), "social_services")
    talk = ["interpretation"] if needs.language_barrier else []
    steps = [
        PlanStep(step="reasonable_grounds", actor=identifier, day=0),
        PlanStep(step="safety_risk_assessment", actor="social_services", day=0, services=["risk_assessment"]),
    ]
    if needs.minor:
        steps += [
            PlanStep(step="child_protection_and_guardian", actor="child_protection", day=0),
            PlanStep(step="child_protection_and_guardian", actor="guardian", day=1, consent="given"),
        ]
    steps += [
        PlanStep(step="informed_consent", actor="child_protection" if needs.minor else "social_services", day=0,
                 consent="given", services=[*talk, "information_on_rights", "confidential_records"]),
        PlanStep(step="immediate_referral", actor=referrer, day=0, consent="given"),
        PlanStep(step="acute_support", actor=provider, day=0, duration_days=ACUTE_DAYS, consent="given",
                 services=["housing", "medical", "psychological", "legal", "material", "information_on_rights", *talk]),
    ]
    if needs.needs_residence:
        steps.append(PlanStep(step="reflection_period", actor="migration_agency", day=1, duration_days=REFLECTION_DAYS,
                              consent="given", services=["residence_information", "legal", *talk]))
    if regime.formal_status and regime.formal_identifiers:
        steps.append(PlanStep(step="formal_identification", actor=regime.formal_identifiers[0], day=2, consent="given", services=talk))
    long_term = ["needs_assessment", "support_plan", "family_contact", "psychological"]
    long_term += [s for s in ("compensation_and_wages", "documents") if s in needs.services]
    steps.append(PlanStep(step="long_term_support", actor="social_services", day=ACUTE_DAYS, consent="given", services=long_term + talk))
    if needs.needs_residence:
        returner = "national_coordinator_se" if regime.country == "SE" else "iom"
        steps.append(PlanStep(step="return_and_reintegration", actor=returner, day=ACUTE_DAYS + REFLECTION_DAYS,
                              consent="given", services=["risk_assessment", "safe_return", "reintegration", "documents"]))
    else:
        steps.append(PlanStep(step="integration", actor="employment_services", day=ACUTE_DAYS + 14,
                              consent="given", services=["education_and_work"]))
    return ResponsePlan(case_id=case.id, regime=regime.country, steps=steps)

"""The model response plan for a case under a regime: every rule of chapters 1 and 5 satisfied, and
the steps fitted to the person (age, custodians, language, residence, the regime's reflection period).

- A child: concern is reported to social services the same day without waiting for consent, the
  police are told, the child is informed and heard at once, and a guardian is appointed by the
  next day only for a child here without custodians or whose custodians take part in the
  exploitation. A child living at home with custodians who are not involved keeps that home: no
  sheltered housing, and school (not the employment service) is the way back into daily life.
- An interpreter only for a person who needs one.
- A person from abroad (not resident, EU citizens and children included) is offered a safe return
  early; the journey follows the person's wish and a risk assessment before travel, so the step's
  day is the day of the offer. A resident stays: integration through work or, for a child, school.
- A reflection period wherever the regime grants one (needs.CaseNeeds.reflection_granted).
- Support from the country's own system (ch. 5, lines 1431-1446): in Sweden social services with a
  regional coordinator; in Finland the national assistance system for a person not resident there
  and the municipality for its own residents; in Latvia the authorised NGO; in Poland KCIK; in
  Norway a shelter. A child's support is child protection's in every country. No plan names a body
  of another country's system.
"""

from __future__ import annotations

from kit.cases.schema import Case
from kit.content.models import Regime
from kit.nrm.chain import load_chain
from kit.nrm.needs import CaseNeeds, case_needs
from kit.nrm.plan import PlanStep, ResponsePlan
from kit.nrm.rules import _case, _regime

ACUTE_DAYS = 42  # the acute phase: housing for the first six weeks (4-6 weeks, extendable)
REFLECTION_DAYS = 30
RETURN_OFFER_DAY = 14  # a safe return is offered once the first crisis is over, during the reflection period
ADULT_INTEGRATION_DAY = ACUTE_DAYS + 14


def model_plan(case: Case | str, regime: Regime | str) -> ResponsePlan:
    """A plan an experienced coordinator would make for `case` in `regime` (a regime or code)."""
    case, regime = _case(case), _regime(regime)
    needs = case_needs(case)
    usual = {step.id: step.actors for step in load_chain().steps}
    talk = ["interpretation"] if needs.language_barrier else []
    identifier = next((a for a in case.truth.first_referrals if a in usual["reasonable_grounds"]), "social_services")
    steps = [PlanStep(step="safety_risk_assessment", actor="social_services", day=0, services=["risk_assessment"])]
    if needs.minor:
        steps = _child_steps(needs, identifier, talk) + steps
    else:
        steps = [PlanStep(step="reasonable_grounds", actor=identifier, day=0), *steps,
                 PlanStep(step="informed_consent", actor="social_services", day=0, consent="given",
                          services=[*talk, "information_on_rights", "confidential_records"])]
    steps += [
        PlanStep(step="immediate_referral", actor=_referrer(needs, regime, usual), day=0,
                 consent="not_asked" if needs.minor else "given"),  # a child's referral does not wait for consent
        _acute(needs, regime, usual, talk),
    ]
    if needs.reflection_granted(regime.country):
        steps.append(PlanStep(step="reflection_period", actor="migration_agency", day=1, duration_days=REFLECTION_DAYS,
                              consent="given", services=["residence_information", "legal", *talk]))
    if regime.formal_status and regime.formal_identifiers:
        steps.append(PlanStep(step="formal_identification", actor=regime.formal_identifiers[0], day=2, consent="given", services=talk))
    steps.append(_long_term(needs, regime, usual, talk))
    steps.append(_return(needs, regime) if needs.from_abroad else _integration(needs))
    return ResponsePlan(case_id=case.id, regime=regime.country, steps=steps)


def _child_steps(needs: CaseNeeds, identifier: str, talk: list[str]) -> list[PlanStep]:
    """Report at once without waiting for consent, the police told, the child informed and heard,
    and a guardian by the next day where the custodians cannot represent the child."""
    steps = [
        PlanStep(step="reasonable_grounds", actor=identifier, day=0, shares_data_with=["social_services", "local_police"]),
        PlanStep(step="child_protection_and_guardian", actor="social_services", day=0, shares_data_with=["local_police"]),
        PlanStep(step="criminal_proceedings", actor="local_police", day=0),
        PlanStep(step="child_informed_and_heard", actor="social_services", day=0, consent="given",
                 services=[*talk, "information_on_rights", "confidential_records"]),
    ]
    if needs.needs_guardian:
        steps.append(PlanStep(step="child_protection_and_guardian", actor="guardian", day=1, consent="given"))
    # Voluntary support is agreed with whoever represents the child: the guardian, or else the custodians.
    agreed_by, day = ("guardian", 1) if needs.needs_guardian else ("social_services", 0)
    steps.append(PlanStep(step="informed_consent", actor=agreed_by, day=day, consent="given",
                          services=[*talk, "information_on_rights"]))
    return steps


def _referrer(needs: CaseNeeds, regime: Regime, usual: dict[str, list[str]]) -> str:
    if needs.minor:  # child protection carries the referral of a child in every country
        return "social_services"
    if regime.country == "SE":
        return "regional_coordinator_se"
    return next((a for a in regime.support_providers if a in usual["immediate_referral"]), "social_services")


def _provider(needs: CaseNeeds, regime: Regime, usual: list[str]) -> str:
    """Who gives support in the regime's system: child protection for a child; in Finland the
    municipality for its own residents and the national assistance system for others; elsewhere the
    regime's first support provider that carries the step."""
    if needs.minor or (regime.country == "FI" and needs.resident):
        return "social_services"
    return next((a for a in regime.support_providers if a in usual), "social_services")


def _acute(needs: CaseNeeds, regime: Regime, usual: dict[str, list[str]], talk: list[str]) -> PlanStep:
    """Crisis support for six weeks; housing only for those who cannot stay safely where they live."""
    provider = _provider(needs, regime, usual["acute_support"])
    services = ["medical", "psychological", "legal", "information_on_rights", *talk]
    if not needs.stays_at_home:
        services = ["housing", *services, "material"]
    return PlanStep(step="acute_support", actor=provider, day=0, duration_days=ACUTE_DAYS, consent="given",
                    services=services)


def _long_term(needs: CaseNeeds, regime: Regime, usual: dict[str, list[str]], talk: list[str]) -> PlanStep:
    """Long-term support: in Finland and Latvia from the same national system as the acute phase;
    elsewhere from social services, which every regime names among its support providers."""
    services = ["needs_assessment", "support_plan", "family_contact", "psychological"]
    services += [s for s in ("compensation_and_wages", "documents") if s in needs.services]
    provider = _provider(needs, regime, usual["long_term_support"]) if regime.country in ("FI", "LV") else "social_services"
    return PlanStep(step="long_term_support", actor=provider, day=ACUTE_DAYS, consent="given", services=services + talk)


def _return(needs: CaseNeeds, regime: Regime) -> PlanStep:
    """A safe return offered to a person from abroad: a risk assessment before any travel."""
    returner = "national_coordinator_se" if regime.country == "SE" else "iom"
    services = ["risk_assessment", "safe_return", "reintegration", "documents"]
    if needs.minor:
        services.append("family_contact")
    return PlanStep(step="return_and_reintegration", actor=returner, day=RETURN_OFFER_DAY, consent="given", services=services)


def _integration(needs: CaseNeeds) -> PlanStep:
    """A resident stays: a child through school with support, an adult through training and work."""
    if needs.minor:
        return PlanStep(step="integration", actor="schools", day=ACUTE_DAYS, consent="given", services=["schooling"])
    return PlanStep(step="integration", actor="employment_services", day=ADULT_INTEGRATION_DAY, consent="given",
                    services=["education_and_work"])

"""Validating a response plan against chapters 1 and 5: each rule yields findings that cite the seed.

Errors break a principle (support conditioned on cooperation, no consent, a child left without
child protection, formal identification by an actor the regime does not empower); warnings
point to support that does not yet match the person's needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kit.nrm.needs import CaseNeeds, case_needs
from kit.nrm.plan import ResponsePlan, load_plan

# Rule id -> (severity, seed reference as (chapter, first line, last line)).
RULES: dict[str, tuple[str, tuple[int, int, int]]] = {
    "unconditional_support": ("error", (1, 242, 251)),
    "non_discrimination": ("error", (5, 1493, 1497)),
    "consent_obtained": ("error", (5, 1480, 1487)),
    "consent_before_referral": ("error", (5, 1480, 1487)),
    "consent_before_data_sharing": ("error", (5, 1466, 1470)),
    "confidentiality": ("warning", (5, 1466, 1470)),
    "risk_assessment_first": ("error", (5, 1471, 1479)),
    "minor_to_child_protection": ("error", (6, 1990, 1998)),
    "interpretation": ("error", (5, 1480, 1487)),
    "reflection_period": ("error", (2, 351, 352)),
    "formal_identification_competent": ("error", (4, 1124, 1151)),
    "support_matched": ("warning", (5, 1561, 1568)),
    "key_concerns_covered": ("warning", (5, 1548, 1560)),
    "acute_housing_duration": ("warning", (5, 1569, 1580)),
    "timely_support": ("warning", (4, 995, 999)),
    "chain_order": ("warning", (5, 1498, 1511)),
    "usual_actor": ("warning", (5, 1498, 1511)),
}
POLICE_CONDITIONS = frozenset({"cooperation_with_police", "testimony"})
DISCRIMINATING_CONDITIONS = frozenset({"nationality", "residence_status", "gender", "ethnicity"})
EMERGENCY_STEPS = frozenset({"reasonable_grounds", "safety_risk_assessment", "immediate_referral", "acute_support", "child_protection_and_guardian"})
NO_CONSENT_NEEDED = frozenset({"reasonable_grounds", "safety_risk_assessment", "child_protection_and_guardian"})
PROTECTION_STEPS = ("immediate_referral", "acute_support")
# Steps that must not start before the one they follow.
ORDERED_PAIRS = (
    ("reasonable_grounds", "immediate_referral"),
    ("acute_support", "long_term_support"),
    ("long_term_support", "return_and_reintegration"),
    ("long_term_support", "integration"),
)
GIVEN_EARLY = "given_early"  # consent marked given on a step before the plan's informed-consent step


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on a plan: rule id, severity, where, and a message in either language."""

    rule: str
    severity: str
    step: int | None
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def ref(self) -> Any:
        from kit.content.models import Ref

        chapter, first, last = RULES[self.rule][1]
        return Ref(chapter=chapter, lines=(first, last))

    def message(self, lang: str) -> str:
        """The finding explained in `lang`, with the step it concerns."""
        from kit.content import load

        kb = load()
        values = {name: _label(name, value, lang) for name, value in self.values}
        text = kb.ui(f"nrm.rule.{self.rule}", lang, **values)
        if self.step is None:
            return text
        return kb.ui("nrm.rule.at_step", lang, number=self.step + 1, text=text)


def _label(name: str, value: Any, lang: str) -> Any:
    """Ids in a finding shown by their names in `lang`."""
    from kit.content import load
    from kit.nrm.chain import load_chain

    kb, chain = load(), load_chain()
    if name == "actors":
        return ", ".join(kb.get("actors", a).name.get(lang) for a in value.split(", "))
    if name == "actor":
        return kb.get("actors", value).name.get(lang)
    if name == "service":  # one id, or several joined by ", " when findings are shown together
        return ", ".join(chain.services[s].label(lang) for s in value.split(", "))
    if name == "concern":
        return ", ".join(kb.get("victim_concerns", c).label.get(lang) for c in value.split(", "))
    if name == "condition":
        return kb.ui(f"nrm.condition.{value}", lang)
    if name == "consent":
        return kb.ui("nrm.consent.given_early" if value == GIVEN_EARLY else f"nrm.consent.{value}", lang)
    if name == "assessed":
        return kb.ui("nrm.assessed.none", lang) if value is None else kb.ui("nrm.assessed.day", lang, day=value)
    if name in ("step", "before", "after"):
        return chain.step(value).label.get(lang)
    if name == "country":
        return kb.get("regimes", value.lower()).name.get(lang)
    return value


def validate_plan(plan: Any, case: Any, regime: Any) -> list[Finding]:
    """Every finding for `plan` (a plan, dict or YAML path) for `case` (a case or bank id) under
    `regime` (a regime item or its country code), errors first, then in step order."""
    plan = plan if isinstance(plan, ResponsePlan) else load_plan(plan)
    case = _case(case)
    regime = _regime(regime)
    needs = case_needs(case)
    context = _Context(plan, needs, regime)
    findings = [finding for check in CHECKS for finding in check(context)]
    return sorted(findings, key=lambda f: (f.severity != "error", -1 if f.step is None else f.step))


class _Context:
    """What every rule looks at, computed once per validation."""

    __slots__ = ("plan", "needs", "regime", "usual", "first_day")

    def __init__(self, plan: ResponsePlan, needs: CaseNeeds, regime: Any):
        self.plan, self.needs, self.regime = plan, needs, regime
        self.usual = _usual_actors()
        days: dict[str, int] = {}
        for step in plan.steps:
            if step.step not in days or step.day < days[step.step]:
                days[step.step] = step.day
        self.first_day = days


def _finding(rule: str, at: int | None = None, **values: Any) -> Finding:
    return Finding(rule, RULES[rule][0], at, tuple(values.items()))


def _conditions(c: _Context) -> Iterator[Finding]:
    for index, step in enumerate(c.plan.steps):
        for condition in step.conditions:
            rule = "unconditional_support" if condition in POLICE_CONDITIONS else "non_discrimination"
            yield _finding(rule, index, condition=condition)


def _consent(c: _Context) -> Iterator[Finding]:
    consent_day = min((s.day for s in c.plan.steps if s.step == "informed_consent" and s.consent == "given"), default=None)
    if consent_day is None:
        yield _finding("consent_obtained")
    for index, step in enumerate(c.plan.steps):
        if step.shares_data_with and step.consent != "given":
            yield _finding("consent_before_data_sharing", index, actors=", ".join(step.shares_data_with))
        needless = [a for a in step.shares_data_with if a not in c.plan.actors()]
        if needless:
            yield _finding("confidentiality", index, actors=", ".join(needless))
        if step.step in NO_CONSENT_NEEDED or step.step == "informed_consent":
            continue
        emergency = step.consent == "emergency" and step.step in EMERGENCY_STEPS and step.day <= 1
        if step.consent != "given" and not emergency:
            yield _finding("consent_before_referral", index, consent=step.consent)
        elif step.consent == "given" and consent_day is not None and step.day < consent_day:
            yield _finding("consent_before_referral", index, consent=GIVEN_EARLY)


def _risk_first(c: _Context) -> Iterator[Finding]:
    assessed = c.first_day.get("safety_risk_assessment")
    protection = [c.first_day[s] for s in PROTECTION_STEPS if s in c.first_day]
    if assessed is None:
        yield _finding("risk_assessment_first", assessed=None)
    elif protection and assessed > min(protection):
        yield _finding("risk_assessment_first", assessed=assessed)


def _child(c: _Context) -> Iterator[Finding]:
    if not c.needs.minor:
        return
    child_day = min((s.day for s in c.plan.steps if s.actor == "child_protection"), default=None)
    guardian_day = min((s.day for s in c.plan.steps if s.actor == "guardian"), default=None)
    if child_day is None or child_day > 0 or guardian_day is None or guardian_day > 1:
        yield _finding("minor_to_child_protection")


def _interpretation(c: _Context) -> Iterator[Finding]:
    if not c.needs.language_barrier:
        return
    consent_day = c.first_day.get("informed_consent")
    interpreted = [s.day for s in c.plan.steps if "interpretation" in s.services or s.actor == "interpreters"]
    if not interpreted or (consent_day is not None and min(interpreted) > consent_day):
        yield _finding("interpretation")


def _reflection(c: _Context) -> Iterator[Finding]:
    if not c.needs.needs_residence:
        return
    periods = [s.duration_days or 0 for s in c.plan.steps if s.step == "reflection_period"]
    if not periods or max(periods) < 30:
        yield _finding("reflection_period", days=max(periods, default=0))


def _formal(c: _Context) -> Iterator[Finding]:
    allowed = set(c.regime.formal_identifiers)
    for index, step in enumerate(c.plan.steps):
        if step.step != "formal_identification":
            continue
        if not c.regime.formal_status or step.actor not in allowed:
            yield _finding("formal_identification_competent", index, actor=step.actor, country=c.regime.country)


def _matched(c: _Context) -> Iterator[Finding]:
    from kit.nrm.chain import load_chain

    offered = c.plan.services()
    for service in sorted(c.needs.services - offered):
        yield _finding("support_matched", service=service)
    covered = {concern for s in offered for concern in load_chain().services[s].concerns}
    for concern in _concerns():
        if concern not in covered:
            yield _finding("key_concerns_covered", concern=concern)
    for index, step in enumerate(c.plan.steps):
        if step.step == "acute_support" and "housing" in step.services and (step.duration_days or 0) < 28:
            yield _finding("acute_housing_duration", index, days=step.duration_days or 0)


def _timing(c: _Context) -> Iterator[Finding]:
    grounds, acute = c.first_day.get("reasonable_grounds"), c.first_day.get("acute_support")
    if grounds is not None and acute is not None and acute > grounds + 1:
        yield _finding("timely_support", days=acute - grounds)
    for before, after in ORDERED_PAIRS:
        if before in c.first_day and after in c.first_day and c.first_day[after] < c.first_day[before]:
            yield _finding("chain_order", before=before, after=after)
    for index, step in enumerate(c.plan.steps):
        if step.actor not in c.usual[step.step]:
            yield _finding("usual_actor", index, actor=step.actor, step=step.step)


CHECKS: tuple[Callable[[_Context], Iterator[Finding]], ...] = (
    _conditions, _consent, _risk_first, _child, _interpretation, _reflection, _formal, _matched, _timing,
)


@functools.lru_cache(maxsize=1)
def _usual_actors() -> dict[str, frozenset[str]]:
    from kit.nrm.chain import load_chain

    return {step.id: frozenset(step.actors) for step in load_chain().steps}


@functools.lru_cache(maxsize=1)
def _concerns() -> tuple[str, ...]:
    from kit.content import load

    return tuple(load().ids("victim_concerns"))


def _case(case: Any) -> Any:
    if isinstance(case, str):
        from kit.cases.bank import load_bank
        from kit.content.knowledge_base import UnknownIdError

        bank = load_bank()
        if case not in bank:
            raise UnknownIdError("case", case, list(bank))
        return bank[case]
    return case


def _regime(regime: Any) -> Any:
    if isinstance(regime, str):
        from kit.content import load

        return load().get("regimes", regime.lower())
    return regime

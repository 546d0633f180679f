"""Validating a response plan against chapters 1 and 5: each rule yields findings that cite the seed.

Errors break a principle (support conditioned on cooperation, no consent from an adult, a child
not reported to child protection at once, formal identification by an actor the regime does not
empower, a body of another country's system, a return without a risk assessment); warnings point
to support that does not yet match the person's needs or comes late.

A plan is written for one case under one regime: `validate_plan` refuses (PlanError) a plan whose
own `regime` is not the one it is checked under, or whose `case_id` names another case.

Consent rules apply to adults. For a child, professionals report concern to social services at
once without needing the child's consent; what the plan must show is that the report is made the
same day and that the child is informed and heard. The seed has no measures of its own for
children (introduction, lines 80-82), so the child rules are the kit's practice notes, and each
finding says so.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.cases.bank import load_bank
from kit.cases.schema import Case
from kit.content import load
from kit.content.feedback import Feedback
from kit.content.knowledge_base import UnknownIdError
from kit.content.models import Ref, Regime
from kit.content.problems import Problem
from kit.nrm.chain import load_chain
from kit.nrm.needs import CaseNeeds, case_needs
from kit.nrm.plan import PlanError, ResponsePlan, load_plan

Lines = tuple[int, int, int]  # (chapter, first line, last line); chapter 0 is the introduction


@dataclass(frozen=True, slots=True)
class Source:
    """Where a rule comes from: the seed lines that say it, or, where the seed is silent, the kit's
    own practice note (worded in nrm.note.<rule>) with the seed lines that give its context."""

    rule: str
    lines: tuple[Lines, ...]
    practice_note: bool = False

    @property
    def chapter(self) -> int:
        return self.lines[0][0]

    def seed_label(self, lang: str) -> str:
        """The seed lines by chapter, e.g. "kap. 5, rad 1422–1424 och 1484–1486; kap. 1, rad 252–254"."""
        by_chapter: dict[int, list[tuple[int, int]]] = {}
        for chapter, first, last in self.lines:
            by_chapter.setdefault(chapter, []).append((first, last))
        labels = []
        for chapter, ((first, last), *more) in by_chapter.items():
            label = Ref(chapter=chapter, lines=(first, last)).label(lang)
            if more:
                label = load().ui("nrm.source.more_lines", lang, lines=label, more=", ".join(f"{a}–{b}" for a, b in more))
            labels.append(label)
        return "; ".join(labels)

    def label(self, lang: str = "sv") -> str:
        """The source as a learner reads it: the seed lines, or the practice note and its context."""
        if not self.practice_note:
            return self.seed_label(lang)
        kb = load()
        return kb.ui("nrm.source.practice_note", lang, basis=kb.ui(f"nrm.note.{self.rule}", lang), lines=self.seed_label(lang))


def _seed(*lines: Lines) -> tuple[tuple[Lines, ...], bool]:
    return lines, False


def _note(*context: Lines) -> tuple[tuple[Lines, ...], bool]:
    return context, True


NO_CHILD_MEASURES: Lines = (0, 80, 82)  # "the guidelines contain no specific measures against child trafficking"
# Rule id -> (severity, (seed lines, practice note?)). Every range was read against the seed text.
_RULES: dict[str, tuple[str, tuple[tuple[Lines, ...], bool]]] = {
    "unconditional_support": ("error", _seed((1, 242, 244), (5, 1729, 1732))),
    "non_discrimination": ("error", _seed((5, 1493, 1497))),
    "consent_obtained": ("error", _seed((5, 1480, 1486))),
    "consent_before_referral": ("error", _seed((5, 1480, 1486), (1, 252, 254))),
    "consent_before_data_sharing": ("error", _seed((5, 1466, 1469), (5, 1480, 1486))),
    "confidentiality": ("warning", _seed((5, 1466, 1469))),
    "risk_assessment_first": ("error", _seed((5, 1471, 1475))),
    "child_reported_and_heard": ("error", _note(NO_CHILD_MEASURES, (6, 1993, 1998), (5, 1484, 1491))),
    "guardian_when_needed": ("error", _note(NO_CHILD_MEASURES, (2, 382, 386), (5, 1488, 1491))),
    "interpretation": ("error", _seed((5, 1422, 1424), (5, 1484, 1486))),
    "reflection_period": ("error", _seed((2, 351, 352), (2, 424, 428))),
    "reflection_starts_at_once": ("warning", _note((2, 351, 352), (1, 246, 247), (2, 426, 428))),
    "formal_identification_competent": ("error", _seed((4, 1124, 1151))),
    "actors_of_the_country": ("error", _seed((5, 1426, 1446), (4, 1126, 1127))),
    "return_risk_assessed": ("error", _seed((5, 1704, 1708))),
    "support_matched": ("warning", _seed((5, 1561, 1564))),
    "key_concerns_covered": ("warning", _seed((5, 1548, 1559))),
    "acute_housing_duration": ("warning", _seed((5, 1571, 1575))),
    "timely_support": ("warning", _seed((4, 995, 1000))),
    "chain_order": ("warning", _seed((5, 1505, 1507), (5, 1578, 1579))),
    "usual_actor": ("warning", _seed((5, 1503, 1508))),
}
# Rule id -> (severity, source): the public table (the course scores a plan rule by rule).
RULES: dict[str, tuple[str, Source]] = {
    rule: (severity, Source(rule, lines, note)) for rule, (severity, (lines, note)) in _RULES.items()
}
POLICE_CONDITIONS = frozenset({"cooperation_with_police", "testimony"})
DISCRIMINATING_CONDITIONS = frozenset({"nationality", "residence_status", "gender", "ethnicity"})
EMERGENCY_STEPS = frozenset({"reasonable_grounds", "safety_risk_assessment", "immediate_referral", "acute_support", "child_protection_and_guardian"})
NO_CONSENT_NEEDED = frozenset({"reasonable_grounds", "safety_risk_assessment", "child_protection_and_guardian"})
PROTECTION_STEPS = ("immediate_referral", "acute_support")
CHILD_PROTECTION = frozenset({"child_protection", "social_services"})
HEARD_BY_DAY = 1   # the child is informed and heard within a day (Bergen's group meets within 24 hours)
GUARDIAN_BY_DAY = 1
# Steps that must not start before the one they follow. A safe return is offered once acute
# support has begun, not only after the long-term phase: the person may wish to go home early.
ORDERED_PAIRS = (
    ("reasonable_grounds", "immediate_referral"),
    ("acute_support", "long_term_support"),
    ("acute_support", "return_and_reintegration"),
    ("long_term_support", "integration"),
)
GIVEN_EARLY = "given_early"  # consent marked given on a step before the plan's informed-consent step
GIVEN_UNASKED = "given_unasked"  # consent marked given on a step, but the plan never asks for it
REFLECTION_STARTS_BY = 3  # days after reasonable grounds (the kit's practice note)


@dataclass(frozen=True, slots=True, init=False)
class Finding(Feedback):
    """One rule's verdict on a plan: rule id, severity, where, and a message in either language.

    A `Feedback` (kind: the severity, code: the rule id, template: the rule's UI string, ref: the
    rule's `Source`) whose values are ids and machine values that `message` words through the nrm layer.
    """

    step: int | None = None

    def __init__(self, rule: str, severity: str, step: int | None, values: tuple[tuple[str, Any], ...] = ()):
        Feedback.__init__(self, severity, rule, None, f"nrm.rule.{rule}", values, RULES[rule][1])
        object.__setattr__(self, "step", step)

    @property
    def rule(self) -> str:
        return self.code

    @property
    def severity(self) -> str:
        """"error" (breaks a principle) or "warning" (support that does not yet match)."""
        return self.kind

    def message(self, lang: str, source: bool = True) -> str:
        """The finding in `lang`: the step it concerns, the rule's name, what is wrong and, unless
        `source` is False (a view that shows the source apart), the seed lines or practice note
        (`ref`, the rule's Source: seed lines, or the kit's practice note)."""
        kb = load()
        raw = dict(self.values)
        values = {name: _label(name, value, lang, raw) for name, value in self.values}
        text = kb.ui("nrm.rule.named", lang, name=kb.ui(f"nrm.rule_name.{self.rule}", lang),
                     text=kb.ui(self.template, lang, **values))
        if self.step is not None:
            text = kb.ui("nrm.rule.at_step", lang, number=self.step + 1, text=text)
        return kb.ui("nrm.rule.with_source", lang, text=text, source=self.ref.label(lang)) if source else text


def _label(name: str, value: Any, lang: str, raw: dict[str, Any]) -> Any:
    """Ids and machine values in a finding shown as words of `lang` (never a raw value)."""
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
        return kb.ui(f"nrm.consent.{value}", lang)
    if name == "assessed":
        return kb.ui("nrm.assessed.none", lang) if value is None else kb.ui("nrm.assessed.day", lang, day=value)
    if name in ("problem", "reason"):  # a worded state, e.g. nrm.problem.report_late, may use the finding's day
        return kb.ui(f"nrm.{name}.{value}", lang, day=raw.get("day"))
    if name in ("step", "before", "after"):
        return chain.step(value).label.get(lang)
    if name in ("country", "home"):
        return kb.get("regimes", value.lower()).name.get(lang)
    return value


def validate_plan(plan: ResponsePlan | dict[str, object] | str | Path, case: Case | str, regime: Regime | str) -> list[Finding]:
    """Every finding for `plan` (a plan, dict or YAML path) for `case` (a case or bank id) under
    `regime` (a regime item or its country code), errors first, then in step order."""
    plan = plan if isinstance(plan, ResponsePlan) else load_plan(plan)
    case = _case(case)
    regime = _regime(regime)
    check_plan_is_for(plan, case, regime)
    needs = case_needs(case)
    context = _Context(plan, needs, regime)
    findings = [finding for check in CHECKS for finding in check(context)]
    return sorted(findings, key=lambda f: (f.severity != "error", -1 if f.step is None else f.step))


def check_plan_is_for(plan: ResponsePlan, case: Case, regime: Regime, label: str = "plan") -> None:
    """Refuse a plan written for another regime or another case: PlanError names each field.

    The regime must match. The case id must match whenever either id names a case of the bank: a
    plan saved for one case of the bank is not checked against another. A case made for one learner
    (kit.cases.variants) has an id the learner never sees, so a plan for it carries a label of its own.
    """
    problems = []
    if plan.regime != regime.country:
        problems.append(Problem(label, "regime", f"the plan is written for {plan.regime}, but it is checked under {regime.country}"))
    if plan.case_id != case.id:
        bank = load_bank()
        if plan.case_id in bank or case.id in bank:
            problems.append(Problem(label, "case_id", f"the plan is written for case {plan.case_id!r}, but it is checked against case {case.id!r}"))
    if problems:
        raise PlanError(problems)


class _Context:
    """What every rule looks at, computed once per validation."""

    __slots__ = ("first_day", "foreign", "needs", "plan", "regime", "usual")

    def __init__(self, plan: ResponsePlan, needs: CaseNeeds, regime: Regime):
        self.plan, self.needs, self.regime = plan, needs, regime
        self.usual = _usual_actors()
        bodies = load_chain().national_bodies
        # Bodies of another country's system, by actor id -> their country.
        self.foreign = {actor: bodies[actor].country for step in plan.steps for actor in (step.actor, *step.shares_data_with)
                        if actor in bodies and bodies[actor].country != regime.country}
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
    """An adult's informed consent comes before referral and before data is passed on. For a
    child, consent is not the condition (see `_child`); only confidentiality applies."""
    actors = c.plan.actors()
    for index, step in enumerate(c.plan.steps):
        needless = [a for a in step.shares_data_with if a not in actors]
        if needless:
            yield _finding("confidentiality", index, actors=", ".join(needless))
    if c.needs.minor:
        return
    consent_day = min((s.day for s in c.plan.steps if s.step == "informed_consent" and s.consent == "given"), default=None)
    if consent_day is None:
        yield _finding("consent_obtained")
    for index, step in enumerate(c.plan.steps):
        emergency = step.consent == "emergency" and step.step in EMERGENCY_STEPS and step.day <= 1
        # Consent marked given on a step dated before the plan asks for it, or in a plan that never asks.
        early = step.consent == "given" and step.step != "informed_consent" and (consent_day is None or step.day < consent_day)
        early_as = GIVEN_UNASKED if consent_day is None else GIVEN_EARLY
        if step.shares_data_with and ((step.consent != "given" and not emergency) or early):
            yield _finding("consent_before_data_sharing", index, actors=", ".join(step.shares_data_with),
                           consent=early_as if early else step.consent)
        if step.step in NO_CONSENT_NEEDED or step.step == "informed_consent":
            continue
        if step.consent != "given" and not emergency:
            yield _finding("consent_before_referral", index, consent=step.consent)
        elif early and consent_day is not None:  # a plan that never asks already draws consent_obtained
            yield _finding("consent_before_referral", index, consent=GIVEN_EARLY)


def _risk_first(c: _Context) -> Iterator[Finding]:
    assessed = c.first_day.get("safety_risk_assessment")
    protection = [c.first_day[s] for s in PROTECTION_STEPS if s in c.first_day]
    if assessed is None:
        yield _finding("risk_assessment_first", assessed=None)
    elif protection and assessed > min(protection):
        yield _finding("risk_assessment_first", assessed=assessed)


def _child(c: _Context) -> Iterator[Finding]:
    """A child: concern reported to social services (child protection) the same day, and the child
    informed and heard within a day."""
    if not c.needs.minor:
        return
    reported = [s.day for s in c.plan.steps
                if s.actor in CHILD_PROTECTION or CHILD_PROTECTION & set(s.shares_data_with)]
    if not reported:
        yield _finding("child_reported_and_heard", problem="report_missing")
    elif min(reported) > 0:
        yield _finding("child_reported_and_heard", problem="report_late", day=min(reported))
    heard = c.first_day.get("child_informed_and_heard")
    if heard is None:
        yield _finding("child_reported_and_heard", problem="not_heard")
    elif heard > HEARD_BY_DAY:
        yield _finding("child_reported_and_heard", problem="heard_late", day=heard)


def _guardian(c: _Context) -> Iterator[Finding]:
    """A guardian by the next day for a child here without custodians or whose custodians take part
    in the exploitation; never for an adult, who makes their own decisions."""
    involved = [index for index, s in enumerate(c.plan.steps) if s.actor == "guardian" or "guardian" in s.shares_data_with]
    if not c.needs.minor:
        for index in involved:
            yield _finding("guardian_when_needed", index, reason="adult", problem="adult_guardian")
        return
    if not c.needs.needs_guardian:
        return
    reason = "unaccompanied" if c.needs.unaccompanied else "custodians_involved"
    days = [c.plan.steps[index].day for index in involved if c.plan.steps[index].actor == "guardian"]
    if not days:
        yield _finding("guardian_when_needed", reason=reason, problem="guardian_missing")
    elif min(days) > GUARDIAN_BY_DAY:
        yield _finding("guardian_when_needed", reason=reason, problem="guardian_late", day=min(days))


def _interpretation(c: _Context) -> Iterator[Finding]:
    if not c.needs.language_barrier:
        return
    talks = [c.first_day[s] for s in ("informed_consent", "child_informed_and_heard") if s in c.first_day]
    interpreted = [s.day for s in c.plan.steps if "interpretation" in s.services or s.actor == "interpreters"]
    if not interpreted or (talks and min(interpreted) > min(talks)):
        yield _finding("interpretation")


def _reflection(c: _Context) -> Iterator[Finding]:
    """A reflection period of at least 30 days wherever the regime grants one, starting within a
    few days of the reasonable grounds (before the person is asked to decide anything)."""
    if not c.needs.reflection_granted(c.regime.country):
        return
    periods = [s.duration_days or 0 for s in c.plan.steps if s.step == "reflection_period"]
    if not periods:
        yield _finding("reflection_period", country=c.regime.country, problem="reflection_missing")
        return
    if max(periods) < 30:
        yield _finding("reflection_period", country=c.regime.country, problem="reflection_short", day=max(periods))
    grounds = c.first_day.get("reasonable_grounds", 0)
    starts = c.first_day["reflection_period"]
    if starts > grounds + REFLECTION_STARTS_BY:
        index = next(i for i, s in enumerate(c.plan.steps) if s.step == "reflection_period" and s.day == starts)
        yield _finding("reflection_starts_at_once", index, days=starts - grounds)


def _return(c: _Context) -> Iterator[Finding]:
    """A return is arranged only after a threat and risk assessment before the journey: on the
    return step itself, or as a risk assessment dated on or after the offer."""
    reassessed = [s.day for s in c.plan.steps if s.step == "safety_risk_assessment"]
    for index, step in enumerate(c.plan.steps):
        if step.step != "return_and_reintegration" or "risk_assessment" in step.services:
            continue
        if not any(day >= step.day for day in reassessed):
            yield _finding("return_risk_assessed", index)


def _countries(c: _Context) -> Iterator[Finding]:
    """Every actor belongs to the regime's country or is found everywhere (police, social services,
    NGOs) or works across borders (embassies, IOM): never a body of another country's system."""
    if not c.foreign:
        return
    for index, step in enumerate(c.plan.steps):
        for actor in dict.fromkeys((step.actor, *step.shares_data_with)):
            if actor in c.foreign:
                yield _finding("actors_of_the_country", index, actor=actor, home=c.foreign[actor], country=c.regime.country)


def _formal(c: _Context) -> Iterator[Finding]:
    allowed = set(c.regime.formal_identifiers)
    for index, step in enumerate(c.plan.steps):
        if step.step != "formal_identification":
            continue
        if not c.regime.formal_status or step.actor not in allowed:
            yield _finding("formal_identification_competent", index, actor=step.actor, country=c.regime.country)


def _matched(c: _Context) -> Iterator[Finding]:
    offered = c.plan.services()
    for service in sorted(c.needs.services - offered):
        yield _finding("support_matched", service=service)
    covered = {concern for s in offered for concern in load_chain().services[s].concerns}
    for concern in _concerns():
        if concern not in covered and not (concern == "livelihood" and c.needs.stays_at_home):
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
        if step.actor not in c.usual[step.step] and step.actor not in c.foreign:  # a foreign body: _countries says so
            yield _finding("usual_actor", index, actor=step.actor, step=step.step)


CHECKS: tuple[Callable[[_Context], Iterator[Finding]], ...] = (
    _conditions, _consent, _risk_first, _child, _guardian, _interpretation, _reflection, _return, _formal, _countries,
    _matched, _timing,
)


@functools.lru_cache(maxsize=1)
def _usual_actors() -> dict[str, frozenset[str]]:
    return {step.id: frozenset(step.actors) for step in load_chain().steps}


@functools.lru_cache(maxsize=1)
def _concerns() -> tuple[str, ...]:
    return tuple(load().ids("victim_concerns"))


def _case(case: Case | str) -> Case:
    if isinstance(case, str):
        bank = load_bank()
        if case not in bank:
            raise UnknownIdError("case", case, list(bank))
        return bank[case]
    return case


def _regime(regime: Regime | str) -> Regime:
    if isinstance(regime, str):
        return load().get("regimes", regime.lower())
    return regime

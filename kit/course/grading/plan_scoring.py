"""Scoring the chapter 5 support plan in the grader, with feedback that names kinds, never items.

A plan earns credit in four parts (`PLAN_WEIGHTS`), each measured against the model plan that
kit.nrm makes for the learner's case under the learner's country (`kit.nrm.model_plan`):

- `steps`: the share of the chain steps the model plan takes that the plan takes too;
- `support`: the share of the model plan's services that the plan offers;
- `concerns`: the share of the victims' key concerns (ch. 5, lines 1548-1559) that the model
  plan's services answer and the plan's services answer too;
- `principles`: the share of the rules of chapters 1 and 5 the plan keeps (an error counts twice
  a warning; the two coverage rules are the parts above), counted only in proportion to the
  lesser of `steps` and `support`: a plan that does little keeps most rules by doing nothing.

So an empty or one-step plan stays far below `PASS_SHARE` (a one-step plan that lists every service
of the case at most 0.45), and so does a plan with every step but no services (0.35).

The feedback gives each part as a percentage and, for what is missing, only its kind and where
the guidelines discuss it (data/plan_feedback.yaml): the phase of the chain that lacks steps, the
type of support that lacks services, how many key concerns go unanswered, and the principle a step
of the plan breaks. It never names an expected step, actor or service, nor a fact of the case
(such as the person's age) that the learner has to read from the narrative.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

from msgspec import Meta

from kit.cases.bank import load_bank
from kit.content.feedback import ui_text
from kit.content.loader import problem_from_validation, read_yaml_mapping
from kit.content.models import Model, Ref, Slug, Text
from kit.content.problems import ContentError, Problem
from kit.nrm import load_chain, load_plan, model_plan, validate_plan
from kit.nrm.rules import RULES

PLAN_WEIGHTS = {"steps": 0.35, "support": 0.25, "concerns": 0.10, "principles": 0.30}
PASS_SHARE = 0.5
COVERAGE_RULES = frozenset({"support_matched", "key_concerns_covered"})  # measured as `support` and `concerns`
SEVERITY_WEIGHT = {"error": 2.0, "warning": 1.0}
FEEDBACK_FILE = Path(__file__).parents[1] / "data" / "plan_feedback.yaml"


class _Group(Model, frozen=True, kw_only=True):
    id: Slug
    name: Text
    refs: Annotated[list[Ref], Meta(min_length=1)]


class Phase(_Group, frozen=True, kw_only=True):
    """Chain steps that belong to one phase of the support."""

    steps: list[Slug]


class SupportType(_Group, frozen=True, kw_only=True):
    """Services of one of the guidelines' types of support."""

    services: list[Slug]


class PrincipleKind(_Group, frozen=True, kw_only=True):
    """Rules of kit.nrm that guard one principle, with a general word on what it asks."""

    text: Text
    rules: list[Slug]


class PlanFeedback(Model, frozen=True, kw_only=True):
    """The groups the feedback speaks of."""

    phases: list[Phase]
    support_types: list[SupportType]
    principle_kinds: list[PrincipleKind]


def score_support_plan(case: Any, regime: str, steps: list[Any]) -> tuple[float, dict[str, float], list[Text]]:
    """(score in [0, 1], the parts and every rule kept as 1/0, feedback lines, each a Text) for a
    plan of `steps` (dicts in kit.nrm.plan's form) for `case` under `regime` (a country code)."""
    if not steps:
        return 0.0, dict.fromkeys(PLAN_WEIGHTS, 0.0), [ui_text("grading.nrm.empty")]
    plan = load_plan({"case_id": _plan_case_id(case), "regime": regime, "steps": steps})
    key = model_plan(case, regime)
    services = load_chain().services
    needed_steps = {step.step for step in key.steps}
    needed_services = key.services()
    needed_concerns = {concern for service in needed_services for concern in services[service].concerns}
    given_concerns = {concern for service in plan.services() & set(services) for concern in services[service].concerns}
    findings = [finding for finding in validate_plan(plan, case, regime) if finding.rule not in COVERAGE_RULES]
    broken = {finding.rule for finding in findings}
    rules = [rule for rule in RULES if rule not in COVERAGE_RULES]
    weight = sum(SEVERITY_WEIGHT[RULES[rule][0]] for rule in rules)
    parts = {
        "steps": _share(needed_steps & {step.step for step in plan.steps}, needed_steps),
        "support": _share(needed_services & plan.services(), needed_services),
        "concerns": _share(needed_concerns & given_concerns, needed_concerns),
        "principles": 1 - sum(SEVERITY_WEIGHT[RULES[rule][0]] for rule in broken) / weight,
    }
    total = (PLAN_WEIGHTS["steps"] * parts["steps"] + PLAN_WEIGHTS["support"] * parts["support"]
             + PLAN_WEIGHTS["concerns"] * parts["concerns"]
             + PLAN_WEIGHTS["principles"] * parts["principles"] * min(parts["steps"], parts["support"]))
    feedback = [ui_text("grading.plan_part", part=ui_text(f"grading.nrm.part.{name}"), percent=round(100 * value))
                for name, value in parts.items()]
    feedback += _missing_steps(needed_steps - {step.step for step in plan.steps})
    feedback += _missing_services(needed_services - plan.services())
    if needed_concerns - given_concerns:
        feedback.append(ui_text("grading.nrm.concerns_missing", missing=len(needed_concerns - given_concerns),
                            total=len(needed_concerns), ref=_refs([Ref(chapter=5, lines=(1548, 1559))])))
    feedback += _broken_principles(findings)
    detail = {**{name: round(value, 6) for name, value in parts.items()},
              **{f"rule.{rule}": float(rule not in broken) for rule in rules}}
    return round(max(0.0, min(1.0, total)), 6), detail, feedback


@functools.lru_cache(maxsize=1)
def plan_feedback() -> PlanFeedback:
    """The groups of data/plan_feedback.yaml, checked against kit.nrm: every chain step, service and
    rule (but the coverage rules) in exactly one group, and nothing unknown."""
    import msgspec

    name = FEEDBACK_FILE.name
    raw, problem = read_yaml_mapping(FEEDBACK_FILE, "a mapping of phases, support_types and principle_kinds")
    if problem is not None:
        raise ContentError([Problem(name, problem.field, problem.message)])
    try:
        groups = msgspec.convert(raw, PlanFeedback)
    except msgspec.ValidationError as error:
        raise ContentError([problem_from_validation(name, "", error, raw)]) from None
    chain = load_chain()
    problems = []
    for field, members, known in (
        ("phases", [(g.id, g.steps) for g in groups.phases], {s.id for s in chain.steps}),
        ("support_types", [(g.id, g.services) for g in groups.support_types], set(chain.services)),
        ("principle_kinds", [(g.id, g.rules) for g in groups.principle_kinds], set(RULES) - COVERAGE_RULES),
    ):
        counts = Counter(member for _, items in members for member in items)
        problems += [Problem(name, f"{field}[{group}]", f"unknown id {item!r}")
                     for group, items in members for item in items if item not in known]
        problems += [Problem(name, field, f"{item!r} is in {counts[item]} groups") for item in counts if counts[item] > 1]
        problems += [Problem(name, field, f"{item!r} is in no group") for item in sorted(known - set(counts))]
    if problems:
        raise ContentError(problems)
    return groups


def _plan_case_id(case: Any) -> str:
    """The case id a plan carries: a case of the bank by its own id; a learner's variant of graded
    material under a label of its own (its id is long and never shown; kit.nrm.rules accepts that)."""
    return case.id if case.id in load_bank() else "graded_case"


def _share(found: set[str], needed: set[str]) -> float:
    return len(found) / len(needed) if needed else 1.0


def _missing_steps(missing: set[str]) -> list[Text]:
    return [ui_text("grading.nrm.steps_missing", phase=phase.name, count=len(missing & set(phase.steps)), ref=_refs(phase.refs))
            for phase in plan_feedback().phases if missing & set(phase.steps)]


def _missing_services(missing: set[str]) -> list[Text]:
    return [ui_text("grading.nrm.support_missing", kind=kind.name, count=len(missing & set(kind.services)), ref=_refs(kind.refs))
            for kind in plan_feedback().support_types if missing & set(kind.services)]


def _broken_principles(findings: list[Any]) -> list[Text]:
    lines = []
    for kind in plan_feedback().principle_kinds:
        found = [finding for finding in findings if finding.rule in kind.rules]
        if not found:
            continue
        steps = sorted({finding.step + 1 for finding in found if finding.step is not None})
        where = ui_text("grading.nrm.at_steps", steps=", ".join(map(str, steps))) if steps else ""
        lines.append(ui_text("grading.nrm.principle_broken", kind=kind.name, where=where, text=kind.text, ref=_refs(kind.refs)))
    return lines



def _refs(refs: list[Ref]) -> Text:
    return Text(sv="; ".join(ref.label("sv") for ref in refs), en="; ".join(ref.label("en") for ref in refs))

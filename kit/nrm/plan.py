"""A response plan: ordered steps with actor, day, services, consent; loadable from YAML or a dict."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import Meta

from kit.content.models import Model, Slug
from kit.content.problems import ContentError, Problem

Consent = Literal["given", "not_asked", "declined", "emergency"]
# Conditions a step must never carry: support is unconditional and non-discriminatory.
Condition = Literal["cooperation_with_police", "testimony", "nationality", "residence_status", "gender", "ethnicity"]


class PlanError(ContentError):
    """A plan that cannot be read, with every problem named by field."""


class PlanStep(Model, kw_only=True):
    """One step: which chain step, carried by which actor, on which day, with what."""

    step: Slug
    actor: Slug
    day: Annotated[int, Meta(ge=0, le=3650)]
    duration_days: Annotated[int, Meta(ge=1, le=3650)] | None = None
    services: list[Slug] = []
    consent: Consent = "not_asked"
    shares_data_with: list[Slug] = []
    conditions: list[Condition] = []


class ResponsePlan(Model, kw_only=True):
    """The learner's plan for a case under a country regime."""

    case_id: Slug
    regime: Literal["SE", "NO", "PL", "LV", "FI"]
    steps: Annotated[list[PlanStep], Meta(min_length=1)]

    def steps_of(self, step_id: str) -> list[PlanStep]:
        return [step for step in self.steps if step.step == step_id]

    def first_day(self, step_id: str) -> int | None:
        days = [step.day for step in self.steps if step.step == step_id]
        return min(days) if days else None

    def services(self) -> set[str]:
        return {service for step in self.steps for service in step.services}

    def actors(self) -> set[str]:
        return {step.actor for step in self.steps}


def load_plan(source: ResponsePlan | dict[str, Any] | str | Path) -> ResponsePlan:
    """A validated plan from a plan, a dict or a YAML file; PlanError names every fault."""
    import msgspec

    from kit.content.loader import problem_from_validation, read_yaml_mapping

    if isinstance(source, ResponsePlan):
        return _checked(source, "plan")
    if isinstance(source, (str, Path)):
        path = Path(source)
        raw, problem = read_yaml_mapping(path, "a plan mapping (case_id, regime, steps)")
        if problem is not None:
            raise PlanError([problem])
        label = path.name
    elif isinstance(source, dict):
        raw, label = source, "plan"
    else:
        raise PlanError([Problem("plan", "-", f"a plan is a mapping or a YAML file, not {type(source).__name__}")])
    try:
        plan = msgspec.convert(raw, ResponsePlan)
    except msgspec.ValidationError as exc:
        raise PlanError([problem_from_validation(label, "", exc, raw)]) from None
    return _checked(plan, label)


@functools.lru_cache(maxsize=1)
def _known_ids() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Chain steps, services and actors (looked up once per process)."""
    from kit.content import load
    from kit.nrm.chain import load_chain

    chain = load_chain()
    return frozenset(s.id for s in chain.steps), frozenset(chain.services), frozenset(load().ids("actors"))


def _checked(plan: ResponsePlan, label: str) -> ResponsePlan:
    """Refuse ids the chain, the services or the actor registry do not know."""
    steps, services, actors = _known_ids()
    problems = []
    for position, step in enumerate(plan.steps):
        where = f"steps[{position}]"
        if step.step not in steps:
            problems.append(Problem(label, f"{where}.step", f"unknown chain step {step.step!r} (known: {', '.join(sorted(steps))})"))
        if step.actor not in actors:
            problems.append(Problem(label, f"{where}.actor", f"unknown actor id {step.actor!r}"))
        problems += [Problem(label, f"{where}.services", f"unknown service {s!r}") for s in step.services if s not in services]
        problems += [Problem(label, f"{where}.shares_data_with", f"unknown actor id {a!r}") for a in step.shares_data_with if a not in actors]
    if problems:
        raise PlanError(problems)
    return plan

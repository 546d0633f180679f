"""A response plan: ordered steps with actor, day, services, consent; loadable from YAML or a dict."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import Meta

from kit.content import load
from kit.content.loader import problem_from_validation, read_yaml_mapping
from kit.content.models import Model, Slug
from kit.content.problems import ContentError, Problem
from kit.nrm.chain import load_chain

Consent = Literal["given", "not_asked", "declined", "emergency"]
# Conditions a step must never carry: support is unconditional and non-discriminatory.
Condition = Literal["cooperation_with_police", "testimony", "nationality", "residence_status", "gender", "ethnicity"]


class PlanError(ContentError):
    """A plan that cannot be read, with every problem named by field."""


class PlanStep(Model, frozen=True, kw_only=True):
    """One step: which chain step, carried by which actor, on which day, with what."""

    step: Slug
    actor: Slug
    day: Annotated[int, Meta(ge=0, le=3650)]
    duration_days: Annotated[int, Meta(ge=1, le=3650)] | None = None
    services: list[Slug] = []
    consent: Consent = "not_asked"
    shares_data_with: list[Slug] = []
    conditions: list[Condition] = []


class ResponsePlan(Model, frozen=True, kw_only=True):
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


def load_plan(source: ResponsePlan | dict[str, object] | str | Path) -> ResponsePlan:
    """A validated plan from a plan, a dict or a YAML file; PlanError names every fault at once."""
    import msgspec

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
    try:  # a valid plan converts at once; only a faulty one is examined field by field
        plan = msgspec.convert(raw, ResponsePlan)
    except msgspec.ValidationError as exc:
        problems = _shape_problems(raw, label) if isinstance(raw, dict) else []
        # every fault at once; the converter's own message where no field check saw one on its own
        raise PlanError((problems + _id_problems(_raw_steps(raw), label)) if problems
                        else [problem_from_validation(label, "", exc, raw)]) from None
    return _checked(plan, label)


def _shape_problems(raw: dict[str, Any], label: str) -> list[Problem]:
    """Every field of the plan and of each step checked on its own, so that all faults are named."""
    problems = _field_problems(ResponsePlan, raw, label, "", skip={"steps"})
    steps = raw.get("steps")
    if "steps" not in raw:
        return [*problems, Problem(label, "steps", "required field missing")]
    if not isinstance(steps, list):
        return problems + _field_problems(ResponsePlan, {"steps": steps}, label, "", only={"steps"})
    if not steps:
        problems.append(Problem(label, "steps", "Expected `array` of length >= 1"))
    for position, step in enumerate(steps):
        where = f"steps[{position}]"
        if not isinstance(step, dict):
            problems.append(Problem(label, where, f"a step is a mapping (step, actor, day, ...), not {type(step).__name__}"))
            continue
        problems += _field_problems(PlanStep, step, label, where)
    return problems


def _field_problems(model: type, raw: dict[str, Any], label: str, prefix: str,
                    skip: frozenset[str] | set[str] = frozenset(), only: set[str] | None = None) -> list[Problem]:
    """Missing, unknown and invalid fields of one mapping for `model`."""
    import msgspec

    fields = {field.name: field for field in msgspec.structs.fields(model)}
    where = (prefix + ".") if prefix else ""
    problems = [Problem(label, f"{where}{name}", "unknown field") for name in raw if name not in fields and only is None]
    for name, field in fields.items():
        if name in skip or (only is not None and name not in only):
            continue
        if name not in raw:
            if field.required:
                problems.append(Problem(label, f"{where}{name}", "required field missing"))
            continue
        try:
            msgspec.convert(raw[name], field.type)
        except msgspec.ValidationError as exc:
            problem = problem_from_validation(label, f"{where}{name}", exc, raw[name])
            choices = _choices(field.type)
            if choices and problem.message.startswith("Invalid enum value"):
                problem = Problem(problem.file, problem.field, f"{problem.message} (valid: {', '.join(choices)})")
            problems.append(problem)
    return problems


def _choices(annotation: Any) -> tuple[str, ...]:
    """The values a Literal field (or a list of one) allows, to list beside a wrong one."""
    from typing import get_args, get_origin

    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return tuple(get_args(annotation)) if get_origin(annotation) is Literal else ()


def _raw_steps(raw: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    steps = raw.get("steps")
    return [(i, s) for i, s in enumerate(steps) if isinstance(s, dict)] if isinstance(steps, list) else []


@functools.lru_cache(maxsize=1)
def _known_ids() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Chain steps, services and actors (looked up once per process)."""
    chain = load_chain()
    return frozenset(s.id for s in chain.steps), frozenset(chain.services), frozenset(load().ids("actors"))


def _id_problems(steps: list[tuple[int, Any]], label: str) -> list[Problem]:
    """Ids the chain, the services or the actor registry do not know (steps as mappings or PlanSteps)."""
    known_steps, services, actors = _known_ids()
    problems = []
    for position, step in steps:
        get = step.get if isinstance(step, dict) else lambda name, default=None, s=step: getattr(s, name, default)
        where = f"steps[{position}]"
        step_id, actor = get("step"), get("actor")
        if isinstance(step_id, str) and step_id not in known_steps:
            problems.append(Problem(label, f"{where}.step", f"unknown chain step {step_id!r} (known: {', '.join(sorted(known_steps))})"))
        if isinstance(actor, str) and actor not in actors:
            problems.append(Problem(label, f"{where}.actor", f"unknown actor id {actor!r}"))
        for field, known, what in (("services", services, "service"), ("shares_data_with", actors, "actor id")):
            values = get(field, [])
            if isinstance(values, list):
                problems += [Problem(label, f"{where}.{field}", f"unknown {what} {v!r}") for v in values if isinstance(v, str) and v not in known]
    return problems


def _checked(plan: ResponsePlan, label: str) -> ResponsePlan:
    """Refuse ids the chain, the services or the actor registry do not know."""
    problems = _id_problems(list(enumerate(plan.steps)), label)
    if problems:
        raise PlanError(problems)
    return plan

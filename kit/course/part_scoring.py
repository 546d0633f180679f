"""Scoring one handed-in part in the grader, with the kit's own scoring and key-free feedback.

Runs OUTSIDE the learner's kernel (see COURSE.md). Feedback says how much of each element was
right and where to read more, and explains misconceptions; it never lists the expected ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.course.assignments import Part

CASE_ELEMENTS = {
    "palermo": ("trafficking", "act", "means", "purpose"),
    "indicators": ("minor", "forms", "indicators"),
    "referrals": ("first_referrals",),
}
RULE_WEIGHT = {"error": 2.0, "warning": 1.0}


@dataclass(frozen=True)
class PartResult:
    """A part's score in [0, 1], feedback as (sv, en) pairs, and detail for the cohort records."""

    score: float
    feedback: tuple[tuple[str, str], ...] = ()
    elements: dict[str, float] = field(default_factory=dict)
    missed_indicators: tuple[str, ...] = ()
    misconceptions: tuple[str, ...] = ()
    problem: str | None = None


class AnswerProblem(ValueError):
    """A handed-in answer that cannot be scored, with the reason in words."""


def score_part(part: Part, variant: Any, answer: Any) -> PartResult:
    """Score `answer` for `part` against `variant` (a LearnerVariant); a bad answer scores 0 with its reason."""
    if answer is None:
        return PartResult(0.0, (_ui("grading.no_answer"),), problem="no answer handed in")
    try:
        return _SCORERS[part.kind](variant, answer, CASE_ELEMENTS.get(part.kind, ()))
    except (AnswerProblem, ValueError, TypeError, KeyError) as error:
        reason = _reason(error)
        return PartResult(0.0, (_ui("grading.unreadable", problem=reason),), problem=reason)


def _case_part(variant: Any, answer: Any, elements: tuple[str, ...]) -> PartResult:
    from kit.cases.scoring import WEIGHTS, score_answer

    if not isinstance(answer, dict):
        raise AnswerProblem(f"expected a dict with {', '.join(elements)}")
    ignored = sorted(key for key in answer if key not in elements)
    score = score_answer(variant.case, {key: answer.get(key) for key in elements})
    weight = sum(WEIGHTS[key] for key in elements)
    total = sum(score.elements[key].score * WEIGHTS[key] for key in elements) / weight
    feedback = [_ui("grading.element", element=_element_label(key), percent=round(100 * score.elements[key].score))
                for key in elements]
    misconceptions = [item for item in score.feedback if item.kind == "misconception"]
    feedback += [(item.message("sv"), item.message("en")) for item in misconceptions]
    if ignored:
        feedback.append(_ui("grading.ignored_keys", keys=", ".join(ignored)))
    feedback += _read_more(variant.case.teaching_refs[:2])
    missed = score.elements["indicators"].missed if "indicators" in elements else ()
    return PartResult(round(total, 6), tuple(feedback), {key: score.elements[key].score for key in elements},
                      tuple(missed), tuple(item.code for item in misconceptions))


def _principles(variant: Any, answer: Any, _: tuple[str, ...]) -> PartResult:
    if not isinstance(answer, dict):
        raise AnswerProblem("expected a dict: situation key -> {'principle': id, 'relation': 'follows' or 'breaches'}")
    principles = relations = 0
    for key, situation in variant.situations:
        given = answer.get(key) or {}
        if not isinstance(given, dict):
            raise AnswerProblem(f"{key}: expected {{'principle': ..., 'relation': ...}}")
        principles += given.get("principle") == situation.principle
        relations += given.get("relation") == situation.relation
    total = len(variant.situations)
    feedback = [_ui("grading.principles", principles=principles, relations=relations, total=total)]
    feedback += _read_more([situation.ref for _, situation in variant.situations][:2])
    return PartResult(round((principles + relations) / (2 * total), 6), tuple(feedback),
                      {"principle": principles / total, "relation": relations / total})


def _mapping(variant: Any, answer: Any, _: tuple[str, ...], *, only: str | None = None) -> PartResult:
    from kit.mapping.plan import plan_from_dict
    from kit.mapping.scoring import score_plan

    if not isinstance(answer, dict):
        raise AnswerProblem("expected a mapping plan as a dict (see kit.mapping.plan)")
    score = score_plan(variant.municipality(), plan_from_dict(answer))
    parts = [only] if only else list(score.parts)
    feedback = [_ui("grading.plan_part", part=_ui(f"grading.part.{name}"), percent=round(100 * score.parts[name]))
                for name in parts]
    if score.over_budget:
        feedback.append(_ui("grading.over_budget"))
    if score.discriminatory:
        feedback.append(_ui("grading.discriminatory"))
    total = score.parts[only] if only else score.total
    return PartResult(round(max(0.0, total), 6), tuple(feedback), {name: score.parts[name] for name in parts})


def _prevention(variant: Any, answer: Any, elements: tuple[str, ...]) -> PartResult:
    return _mapping(variant, answer, elements, only="actions")


def _nrm(variant: Any, answer: Any, _: tuple[str, ...]) -> PartResult:
    from kit.nrm.plan import load_plan
    from kit.nrm.rules import RULES, validate_plan

    if not isinstance(answer, dict) or not isinstance(answer.get("steps"), list):
        raise AnswerProblem("expected {'steps': [...]} (see kit.nrm.plan.PlanStep)")
    plan = load_plan({"case_id": "graded_case", "regime": variant.regime, "steps": answer["steps"]})
    findings = validate_plan(plan, variant.case, variant.regime)
    broken = {finding.rule for finding in findings}
    weight = sum(RULE_WEIGHT[severity] for severity, _ in RULES.values())
    lost = sum(RULE_WEIGHT[RULES[rule][0]] for rule in broken)
    feedback = [_ui("grading.rules_kept", kept=len(RULES) - len(broken), total=len(RULES))]
    feedback += [(finding.message("sv"), finding.message("en")) for finding in findings]
    return PartResult(round(1 - lost / weight, 6), tuple(feedback),
                      {rule: float(rule not in broken) for rule in RULES})


_SCORERS = {"palermo": _case_part, "indicators": _case_part, "referrals": _case_part, "principles": _principles,
            "mapping_plan": _mapping, "prevention_plan": _prevention, "nrm_plan": _nrm}


def _reason(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(f"{p.field}: {p.message}" for p in problems[:5])
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__


def _ui(key: str, **values: Any) -> tuple[str, str]:
    """A ui_grading string in both languages; a value may itself be an (sv, en) pair."""
    from kit.content import load

    kb = load()
    return tuple(kb.ui(key, lang, **{name: value[position] if isinstance(value, tuple) else value
                                     for name, value in values.items()})
                 for position, lang in enumerate(("sv", "en")))  # type: ignore[return-value]


def _element_label(key: str) -> tuple[str, str]:
    return _ui(f"element.{key}")


def _read_more(refs: Any) -> list[tuple[str, str]]:
    return [_ui("grading.read_more", ref=(ref.label("sv"), ref.label("en"))) for ref in refs]

"""Scoring one handed-in part in the grader, with the kit's own scoring and key-free feedback.

Runs OUTSIDE the learner's kernel (see COURSE.md). Feedback says how much of each element was
right, where the guidelines discuss what fell short, and explains misconceptions; it never names
an expected item (id or label) nor points at lines that would name it. The chapter 5 plan is
scored in plan_scoring.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import kit.mapping
from kit.cases.scoring import WEIGHTS, score_answer
from kit.content import load
from kit.content.feedback import ui_text
from kit.content.models import Ref, Text
from kit.course.cohort.assignments import Part
from kit.course.cohort.learner_variants import LearnerVariant
from kit.course.grading.plan_scoring import score_support_plan
from kit.mapping.plan import plan_from_dict
from kit.nrm.principles_quiz import accepted_principles

CASE_ELEMENTS = {
    "palermo": ("trafficking", "act", "means", "purpose"),
    "indicators": ("minor", "forms", "indicators"),
    "referrals": ("first_referrals",),
}

ELEMENT_REFS = {"indicators": Ref(chapter=4, lines=(1002, 1092)), "first_referrals": Ref(chapter=4, lines=(1124, 1188))}
# The principles of chapter 1 and the principles of support of chapter 5.
PRINCIPLES_REFS = (Ref(chapter=1, lines=(198, 265)), Ref(chapter=5, lines=(1458, 1497)))


@dataclass(frozen=True)
class PartResult:
    """A part's score in [0, 1], feedback lines (each a Text in both languages), and detail for the cohort records."""

    score: float
    feedback: tuple[Text, ...] = ()
    elements: dict[str, float] = field(default_factory=dict)
    missed_indicators: tuple[str, ...] = ()
    misconceptions: tuple[str, ...] = ()
    problem: str | None = None


class AnswerProblem(ValueError):
    """A handed-in answer that cannot be scored, with the reason in words."""


def score_part(part: Part, variant: LearnerVariant, answer: object) -> PartResult:
    """Score `answer` for `part` against `variant` (a LearnerVariant); a bad answer scores 0 with its reason."""
    if answer is None:
        return PartResult(0.0, (ui_text("grading.no_answer"),), problem="no answer handed in")
    try:
        return _SCORERS[part.kind](variant, answer, CASE_ELEMENTS.get(part.kind, ()))
    except (AnswerProblem, ValueError, TypeError, KeyError) as error:
        reason = _reason(error)
        return PartResult(0.0, (ui_text("grading.unreadable", problem=reason),), problem=reason)


def _case_part(variant: LearnerVariant, answer: Any, elements: tuple[str, ...]) -> PartResult:
    if not isinstance(answer, dict):
        raise AnswerProblem(f"expected a dict with {', '.join(elements)}")
    ignored = sorted(key for key in answer if key not in elements)
    score = score_answer(variant.case, {key: answer.get(key) for key in elements})
    weight = sum(WEIGHTS[key] for key in elements)
    total = sum(score.elements[key].score * WEIGHTS[key] for key in elements) / weight
    feedback = [ui_text("grading.element", element=_element_label(key), percent=round(100 * score.elements[key].score))
                for key in elements]
    misconceptions = [item for item in score.feedback if item.kind == "misconception"]
    feedback += [item.text() for item in misconceptions]
    if ignored:
        feedback.append(ui_text("grading.ignored_keys", keys=", ".join(ignored)))
    feedback += _read_more(dict.fromkeys(_element_ref(key) for key in elements if score.elements[key].score < 1))
    missed = score.elements["indicators"].missed if "indicators" in elements else ()
    return PartResult(round(total, 6), tuple(feedback), {key: score.elements[key].score for key in elements},
                      tuple(missed), tuple(item.code for item in misconceptions))


def _principles(variant: LearnerVariant, answer: Any, _: tuple[str, ...]) -> PartResult:
    if not isinstance(answer, dict):
        raise AnswerProblem("expected a dict: situation key -> {'principle': id, 'relation': 'follows' or 'breaches'}")
    principles = relations = 0
    for key, situation in variant.situations:
        given = answer.get(key) or {}
        if not isinstance(given, dict):
            raise AnswerProblem(f"{key}: expected {{'principle': ..., 'relation': ...}}")
        principles += given.get("principle") in accepted_principles(situation)  # the key, or a principle that also fits
        relations += given.get("relation") == situation.relation
    total = len(variant.situations)
    feedback = [ui_text("grading.principles", principles=principles, relations=relations, total=total)]
    if principles + relations < 2 * total:  # the principles' own sections, not each situation's lines (they name its principle)
        feedback += _read_more(PRINCIPLES_REFS)
    return PartResult(round((principles + relations) / (2 * total), 6), tuple(feedback),
                      {"principle": principles / total, "relation": relations / total})


def _mapping(variant: LearnerVariant, answer: Any, _: tuple[str, ...], *, only: str | None = None) -> PartResult:
    if not isinstance(answer, dict):
        raise AnswerProblem("expected a mapping plan as a dict (see kit.mapping.plan)")
    score = kit.mapping.score_plan(variant.municipality(), plan_from_dict(answer))
    parts = [only] if only else list(score.parts)
    feedback = [ui_text("grading.plan_part", part=ui_text(f"grading.part.{name}"), percent=round(100 * score.parts[name]))
                for name in parts]
    if score.over_budget:
        feedback.append(ui_text("grading.over_budget"))
    if score.discriminatory:
        feedback.append(ui_text("grading.discriminatory"))
    total = score.parts[only] if only else score.total
    return PartResult(round(max(0.0, total), 6), tuple(feedback), {name: score.parts[name] for name in parts})


def _prevention(variant: LearnerVariant, answer: Any, elements: tuple[str, ...]) -> PartResult:
    return _mapping(variant, answer, elements, only="actions")


def _nrm(variant: LearnerVariant, answer: Any, _: tuple[str, ...]) -> PartResult:
    if not isinstance(answer, dict) or not isinstance(answer.get("steps"), list):
        raise AnswerProblem("expected {'steps': [...]} (see kit.nrm.plan.PlanStep)")
    if variant.regime is None:  # learner_variant draws a regime for every assignment with an nrm_plan part
        raise RuntimeError("an nrm_plan part's variant has no country regime")
    score, detail, feedback = score_support_plan(variant.case, variant.regime, answer["steps"])
    return PartResult(score, tuple(feedback), detail)


_SCORERS = {"palermo": _case_part, "indicators": _case_part, "referrals": _case_part, "principles": _principles,
            "mapping_plan": _mapping, "prevention_plan": _prevention, "nrm_plan": _nrm}


def _reason(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(f"{p.field}: {p.message}" for p in problems[:5])
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__


def _element_label(key: str) -> Text:
    return ui_text(f"element.{key}")


def _element_ref(key: str) -> Any:
    """Where the guidelines discuss an element in general (never a case's own teaching refs, which
    point at the lines of its form of exploitation and so give the purpose away)."""
    kb = load()
    if key in ("act", "means", "purpose"):
        return kb.get("palermo_elements", key).ref
    if key == "forms":
        return kb.get("palermo_elements", "purpose").ref
    if key == "minor":
        return kb.get("legal_rules", "minor_no_means_required").ref
    if key == "trafficking":
        first, last = kb.get("palermo_elements", "act").ref, kb.get("palermo_elements", "purpose").ref
        return Ref(chapter=first.chapter, lines=(first.lines[0], last.lines[1]))
    return ELEMENT_REFS[key]


def _read_more(refs: Any) -> list[Text]:
    return [ui_text("grading.read_more", ref=Text(sv=ref.label("sv"), en=ref.label("en"))) for ref in refs]

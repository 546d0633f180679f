"""The principles quiz: name the principle a situation follows or breaches, and which it is.

A situation has one keyed principle. Where the guidelines' principles overlap (the human-rights-based
approach of chapter 1 and the protection of human rights in support of chapter 5, or either of
them and non-discrimination), a situation may also accept a further principle: the answer counts
as right, and the feedback says why the keyed principle is the closer fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.content import load
from kit.content.models import Text


@dataclass(frozen=True, slots=True)
class QuizResult:
    """Half a point for the principle, half for follows/breaches, and the explanation."""

    situation: str
    principle_correct: bool
    relation_correct: bool
    score: float
    expected_principle: str
    expected_relation: str
    explanation: Any  # Text: the feedback on an also-accepted principle first, then why
    ref: Any          # Ref
    accepted_alternative: str | None = None  # the also-accepted principle the answer named, if any


def accepted_principles(situation: Any) -> tuple[str, ...]:
    """Every principle that counts as right for `situation`: its own first, then those also accepted."""
    return (situation.principle, *(other.principle for other in situation.also_accepted))


def score_situation(situation_id: str, principle: str | None, relation: str | None) -> QuizResult:
    """Score one answer; unknown situation ids raise UnknownIdError, a blank answer scores 0."""
    situation = load().get("situations", situation_id)
    alternative = next((other for other in situation.also_accepted if other.principle == principle), None)
    principle_ok = principle == situation.principle or alternative is not None
    relation_ok = relation == situation.relation
    explanation = situation.explanation
    if alternative is not None:
        explanation = Text(sv=f"{alternative.text.sv} {explanation.sv}", en=f"{alternative.text.en} {explanation.en}")
    return QuizResult(situation.id, principle_ok, relation_ok, 0.5 * principle_ok + 0.5 * relation_ok,
                      situation.principle, situation.relation, explanation, situation.ref,
                      alternative.principle if alternative is not None else None)

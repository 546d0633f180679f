"""The principles quiz: name the principle a situation follows or breaches, and which it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class QuizResult:
    """Half a point for the principle, half for follows/breaches, and the explanation."""

    situation: str
    principle_correct: bool
    relation_correct: bool
    score: float
    expected_principle: str
    expected_relation: str
    explanation: Any  # Text
    ref: Any          # Ref


def score_situation(situation_id: str, principle: str | None, relation: str | None) -> QuizResult:
    """Score one answer; unknown situation ids raise UnknownIdError, a blank answer scores 0."""
    from kit.content import load

    situation = load().get("situations", situation_id)
    principle_ok = principle == situation.principle
    relation_ok = relation == situation.relation
    return QuizResult(situation.id, principle_ok, relation_ok, 0.5 * principle_ok + 0.5 * relation_ok,
                      situation.principle, situation.relation, situation.explanation, situation.ref)

"""Scoring a learner's classification of a case, with bilingual feedback that explains and cites.

Rules: the verdict weighs most; sets earn partial credit (correct items over the union of
answer and truth, so adding a correct item never lowers the score); the truth itself scores
exactly 1; an unanswered element earns nothing, so an empty answer scores 0.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

WEIGHTS: dict[str, float] = {
    "trafficking": 0.30,
    "act": 0.10,
    "means": 0.10,
    "purpose": 0.10,
    "forms": 0.15,
    "indicators": 0.10,
    "minor": 0.05,
    "first_referrals": 0.10,
}
FLAGS = ("trafficking", "minor")
SETS = ("act", "means", "purpose", "forms", "indicators", "first_referrals")
ELEMENTS = tuple(WEIGHTS)
_WEIGHT_SUM = sum(WEIGHTS.values())


class AnswerError(ValueError):
    """An answer that cannot be scored, with the key at fault named."""


@dataclass(frozen=True, slots=True)
class Feedback:
    """One piece of feedback: what it is about, a message in either language and a seed reference.

    The message is formatted when asked for, so scoring many answers stays fast.
    """

    kind: str        # "verdict", "element" or "misconception"
    code: str        # e.g. "missed", "wrong", "verdict_wrong", or the misconception's id
    element: str | None
    template: str    # a UI string key, or "" when `fixed` holds the text
    values: tuple[tuple[str, Any], ...] = ()
    ref: Any = None  # kit.content.models.Ref
    fixed: tuple[str, str] | None = None

    def message(self, lang: str) -> str:
        """The feedback in `lang` ("sv" or "en")."""
        position = 0 if lang == "sv" else 1
        if self.fixed is not None:
            return self.fixed[position]
        from kit.content import load

        filled = {name: (value[position] if isinstance(value, tuple) else value) for name, value in self.values}
        return load().ui(self.template, lang, **filled)


@dataclass(frozen=True, slots=True)
class ElementScore:
    """The credit for one element and what was right, missed or wrong in it."""

    element: str
    score: float
    weight: float
    answered: bool
    correct: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    """`total` in [0, 1], the per-element breakdown and the feedback (built when first read)."""

    total: float
    elements: dict[str, ElementScore]
    _case: Any = field(repr=False, compare=False, default=None)
    _given: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    _feedback: list[Feedback] = field(repr=False, compare=False, default_factory=list)

    @property
    def feedback(self) -> list[Feedback]:
        """Verdict, misconceptions, then what was missed or wrong per element, each citing the seed."""
        if not self._feedback and self._case is not None:
            labels = _labels()
            items = _verdict_feedback(self._case, self._given, labels) + _misconception_feedback(self._case, self._given)
            for key in SETS:
                detail = self.elements[key]
                if detail.answered:
                    items += _set_feedback(key, detail.missed, detail.wrong, labels)
            self._feedback.extend(items)
        return self._feedback

    def misconceptions(self) -> list[str]:
        """The ids of the misconceptions this answer shows."""
        return [item.code for item in self.feedback if item.kind == "misconception"]


def normalise_answer(answer: Mapping[str, Any] | None) -> dict[str, Any]:
    """The answer as {element: bool | frozenset | None}; refuses unknown keys and wrong types."""
    if answer is None:
        return dict.fromkeys(ELEMENTS)
    if not isinstance(answer, Mapping):
        raise AnswerError(f"an answer is a mapping of {', '.join(ELEMENTS)}; got {type(answer).__name__}")
    unknown = [key for key in answer if key not in WEIGHTS]
    if unknown:
        raise AnswerError(f"unknown answer key(s) {unknown}: use {', '.join(ELEMENTS)}")
    clean: dict[str, Any] = dict.fromkeys(ELEMENTS)
    for key in FLAGS:
        value = answer.get(key)
        if value is not None and not isinstance(value, bool):
            raise AnswerError(f"answer.{key}: expected true, false or nothing; got {value!r}")
        clean[key] = value
    for key in SETS:
        value = answer.get(key)
        if value is None:
            continue
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
            raise AnswerError(f"answer.{key}: expected a list of ids; got {type(value).__name__}")
        if not set(map(type, value)) <= {str}:
            raise AnswerError(f"answer.{key}: every id must be a string")
        clean[key] = frozenset(value)
    return clean


def score_answer(case: Any, answer: Mapping[str, Any] | None) -> Score:
    """Score `answer` against `case.truth`; see the module docstring for the rules."""
    given = normalise_answer(answer)
    truth = case.truth
    elements: dict[str, ElementScore] = {}
    total = 0.0
    for key in FLAGS:
        value = given[key]
        credit = 1.0 if value is getattr(truth, key) else 0.0
        elements[key] = ElementScore(key, credit, WEIGHTS[key], value is not None)
        total += credit * WEIGHTS[key]
    for key in SETS:
        value, expected = given[key], frozenset(getattr(truth, key))
        if value is None:
            elements[key] = ElementScore(key, 0.0, WEIGHTS[key], False, missed=tuple(sorted(expected)))
            continue
        if value == expected:
            elements[key] = ElementScore(key, 1.0, WEIGHTS[key], True, tuple(sorted(value)))
            total += WEIGHTS[key]
            continue
        correct = value & expected
        credit = len(correct) / len(value | expected)
        elements[key] = ElementScore(key, credit, WEIGHTS[key], True, tuple(sorted(correct)),
                                     tuple(sorted(expected - value)), tuple(sorted(value - expected)))
        total += credit * WEIGHTS[key]
    return Score(round(total / _WEIGHT_SUM, 6), elements, case, given)


def _verdict_feedback(case: Any, given: dict[str, Any], labels: "_Labels") -> list[Feedback]:
    truth, items = case.truth, []
    verdict = labels.verdict(truth.trafficking)
    if given["trafficking"] is None:
        items.append(Feedback("verdict", "unanswered", "trafficking", "feedback.unanswered", (("element", labels.element("trafficking")),)))
    elif given["trafficking"] is truth.trafficking:
        items.append(Feedback("verdict", "verdict_right", None, "feedback.verdict_right", (("verdict", verdict),), case.teaching_refs[0]))
    else:
        items.append(Feedback("verdict", "verdict_wrong", None, "feedback.verdict_wrong", (("verdict", verdict),), case.teaching_refs[0]))
    if given["minor"] is not None and given["minor"] is not truth.minor:
        items.append(Feedback("element", "minor_wrong", "minor", "feedback.minor_wrong", (("age", case.person.age),), labels.minor_ref))
    return items


def _misconception_feedback(case: Any, given: dict[str, Any]) -> list[Feedback]:
    from kit.cases.misconceptions import detect
    from kit.content import load

    kb = load()
    items = []
    for misconception_id in detect(case, given):
        item = kb.get("misconceptions", misconception_id)
        fixed = (f"{item.label.sv} {item.text.sv}", f"{item.label.en} {item.text.en}")
        items.append(Feedback("misconception", misconception_id, None, "", (), item.ref, fixed))
    return items


def _set_feedback(key: str, missed: tuple[str, ...], wrong: tuple[str, ...], labels: "_Labels") -> list[Feedback]:
    items = []
    element = labels.element(key)
    for item_id in missed:
        name, ref = labels.item(key, item_id)
        items.append(Feedback("element", "missed", key, "feedback.missed", (("element", element), ("item", name)), ref))
    for item_id in wrong:
        name, ref = labels.item(key, item_id)
        items.append(Feedback("element", "wrong", key, "feedback.wrong", (("element", element), ("item", name)), ref))
    return items


class _Labels:
    """Names of elements and ids in both languages, looked up once per process."""

    def __init__(self) -> None:
        from kit.content import load

        self.kb = kb = load()
        self.minor_ref = kb.get("legal_rules", "minor_no_means_required").ref
        names: dict[str, dict[str, tuple[tuple[str, str], Any]]] = {"act": {}, "means": {}, "purpose": {}, "forms": {}, "indicators": {}, "first_referrals": {}}
        for term in kb.palermo_terms:
            names[term.element][term.id] = ((term.label.sv, term.label.en), term.ref)
        for form in kb.forms:
            names["forms"][form.id] = names["purpose"][form.id] = ((form.label.sv, form.label.en), form.ref)
        for indicator in kb.indicators:
            names["indicators"][indicator.id] = ((indicator.question.sv, indicator.question.en), indicator.ref)
        for actor in kb.actors:
            names["first_referrals"][actor.id] = ((actor.name.sv, actor.name.en), actor.ref)
        self.names = names
        self.elements = {key: (kb.ui(f"element.{key}", "sv"), kb.ui(f"element.{key}", "en")) for key in ELEMENTS}

    def element(self, key: str) -> tuple[str, str]:
        return self.elements[key]

    def verdict(self, trafficking: bool) -> tuple[str, str]:
        key = "verdict.trafficking" if trafficking else "verdict.not_trafficking"
        return self.kb.ui(key, "sv"), self.kb.ui(key, "en")

    def item(self, key: str, item_id: str) -> tuple[tuple[str, str], Any]:
        return self.names[key].get(item_id, ((item_id, item_id), None))


@functools.lru_cache(maxsize=1)
def _labels() -> _Labels:
    return _Labels()

"""Scoring a learner's classification of a case, with bilingual feedback that explains and cites.

Rules: the verdict weighs most, and a wrong or missing verdict never passes: the total is then
at most `WRONG_VERDICT_CAP` (0.5). Sets earn partial credit (correct items over the union of
answer and truth, so adding a correct item never lowers the score); the truth itself scores
exactly 1; an unanswered element earns nothing, so an empty answer scores 0.

- Purpose and forms: the apps ask one question (the purpose is the form of exploitation) and
  send it under both keys; the total counts it once, as `purpose`. `forms` keeps its own
  element score for the graded course, which asks for it in a part of its own.
- Means for a child are not required: an answer with no means earns full credit for a child, and
  means that are marked earn the share of them that the case shows (wrong ones cost, missing
  ones do not). Feedback says so.
- First referrals: the key has required first contacts and acceptable ones (reasonable, not
  first). An acceptable contact chosen in place of a missing required one earns
  `ACCEPTABLE_CREDIT` of it; added beside the required ones it costs nothing. For a child,
  social services and their child protection are one contact. Feedback explains why the
  missing contact comes first without naming it.
- Feedback names a contradiction between the learner's own elements and verdict (act, means
  and purpose marked but "not trafficking", or "trafficking" with an element left empty).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kit.cases.consistency import is_trafficking
from kit.cases.misconceptions import detect
from kit.cases.schema import Case
from kit.content import load
from kit.content.feedback import Feedback, ui_text
from kit.content.models import Ref, Text

WEIGHTS: dict[str, float] = {
    "trafficking": 0.35,
    "act": 0.10,
    "means": 0.10,
    "purpose": 0.15,
    "forms": 0.15,  # the same question as purpose: an element score for the course, not in the total
    "indicators": 0.10,
    "minor": 0.05,
    "first_referrals": 0.10,
}
FLAGS = ("trafficking", "minor")
SETS = ("act", "means", "purpose", "forms", "indicators", "first_referrals")
ELEMENTS = tuple(WEIGHTS)
COUNTED_ONCE = {"forms": "purpose"}  # an element answered by the same question as another
TOTAL_ELEMENTS = tuple(key for key in ELEMENTS if key not in COUNTED_ONCE)
WRONG_VERDICT_CAP = 0.5
ACCEPTABLE_CREDIT = 0.5
CHILD_PROTECTION = frozenset({"child_protection", "social_services"})  # one contact for a child
_WEIGHT_SUM = sum(WEIGHTS[key] for key in TOTAL_ELEMENTS)


class AnswerError(ValueError):
    """An answer that cannot be scored, with the key at fault named."""


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
    acceptable: tuple[str, ...] = ()  # first referrals: reasonable contacts, not the first ones


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
            labels, case, given = _labels(), self._case, self._given
            items = _verdict_feedback(case, given, labels) + _contradiction_feedback(case, given, labels)
            items += _misconception_feedback(case, given)
            for key in SETS:
                detail = self.elements[key]
                if not detail.answered or (key in COUNTED_ONCE and given[key] == given[COUNTED_ONCE[key]]):
                    continue  # one question sent under two keys is explained once
                if key == "means" and case.truth.minor:
                    items += _child_means_feedback(case, detail, labels)
                elif key == "first_referrals":
                    items += _referral_feedback(case, detail, labels)
                else:
                    items += _set_feedback(key, detail.missed, detail.wrong, labels)
            self._feedback.extend(items)
        return self._feedback

    def misconceptions(self) -> list[str]:
        """The ids of the misconceptions this answer shows."""
        return [item.code for item in self.feedback if item.kind == "misconception"]


def normalise_answer(answer: Mapping[str, object] | None) -> dict[str, Any]:
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


def score_answer(case: Case, answer: Mapping[str, object] | None) -> Score:
    """Score `answer` against `case.truth`; see the module docstring for the rules."""
    given = normalise_answer(answer)
    truth = case.truth
    elements: dict[str, ElementScore] = {}
    for key in FLAGS:
        value = given[key]
        credit = 1.0 if value is getattr(truth, key) else 0.0
        elements[key] = ElementScore(key, credit, WEIGHTS[key], value is not None)
    for key in SETS:
        value, expected = given[key], frozenset(getattr(truth, key))
        if value is None:
            elements[key] = ElementScore(key, 0.0, WEIGHTS[key], False, missed=tuple(sorted(expected)))
        elif key == "first_referrals":
            elements[key] = _referral_score(case, value)
        elif key == "means" and truth.minor:
            elements[key] = _child_means_score(value, expected)
        else:
            elements[key] = _set_score(key, value, expected)
    total = sum(elements[key].score * WEIGHTS[key] for key in TOTAL_ELEMENTS) / _WEIGHT_SUM
    if given["trafficking"] is not truth.trafficking:
        total = min(total, WRONG_VERDICT_CAP)
    return Score(round(total, 6), elements, case, given)


def _set_score(key: str, value: frozenset[str], expected: frozenset[str]) -> ElementScore:
    if value == expected:
        return ElementScore(key, 1.0, WEIGHTS[key], True, tuple(sorted(value)))
    correct = value & expected
    return ElementScore(key, len(correct) / len(value | expected), WEIGHTS[key], True, tuple(sorted(correct)),
                        tuple(sorted(expected - value)), tuple(sorted(value - expected)))


def _child_means_score(value: frozenset[str], expected: frozenset[str]) -> ElementScore:
    """For a child means are not required: none marked earns full credit, marked ones their right share."""
    correct, wrong = value & expected, value - expected
    credit = 1.0 if not value else len(correct) / len(value)
    return ElementScore("means", credit, WEIGHTS["means"], True, tuple(sorted(correct)), (), tuple(sorted(wrong)))


def _referral_score(case: Case, value: frozenset[str]) -> ElementScore:
    """Required contacts earn full credit; an acceptable one stands in for a missing required one at
    `ACCEPTABLE_CREDIT`; other contacts count against the answer as in any set."""
    truth = case.truth
    required, acceptable = set(truth.first_referrals), set(truth.acceptable_referrals)
    chosen = set(value)
    if truth.minor:  # social services and their child protection are one contact for a child
        for actor in CHILD_PROTECTION & chosen:
            twin = next(iter(CHILD_PROTECTION - {actor}))
            if twin in required and actor not in required:
                chosen = (chosen - {actor}) | {twin}
    hits, missed = chosen & required, required - chosen
    reasonable, wrong = chosen & acceptable, chosen - required - acceptable
    credit = (len(hits) + ACCEPTABLE_CREDIT * min(len(reasonable), len(missed))) / (len(required) + len(wrong))
    return ElementScore("first_referrals", credit, WEIGHTS["first_referrals"], True, tuple(sorted(hits)),
                        tuple(sorted(missed)), tuple(sorted(wrong)), tuple(sorted(reasonable)))


def _verdict_feedback(case: Any, given: dict[str, Any], labels: _Labels) -> list[Feedback]:
    truth, items = case.truth, []
    verdict = labels.verdict(truth.trafficking)
    if given["trafficking"] is None:
        items.append(Feedback("verdict", "unanswered", "trafficking", "feedback.unanswered", (("element", labels.element("trafficking")),)))
    elif given["trafficking"] is truth.trafficking:
        items.append(Feedback("verdict", "verdict_right", None, "feedback.verdict_right", (("verdict", verdict),), case.teaching_refs[0]))
    else:
        items.append(Feedback("verdict", "verdict_wrong", None, "feedback.verdict_wrong", (("verdict", verdict),), case.teaching_refs[0]))
        if case.contested is not None:  # experts disagree on this key: say why beside the verdict
            items.append(Feedback("verdict", "contested", None, "feedback.contested", (("note", case.contested),), case.teaching_refs[0]))
    if given["minor"] is not None and given["minor"] is not truth.minor:
        items.append(Feedback("element", "minor_wrong", "minor", "feedback.minor_wrong", (("age", case.person.age),), labels.minor_ref))
    return items


def _contradiction_feedback(case: Any, given: dict[str, Any], labels: _Labels) -> list[Feedback]:
    """Feedback when the learner's own elements and verdict disagree under the Palermo rule of
    kit/cases/consistency.py (the learner's minor flag, or the person's age when it is not
    answered, decides whether means are needed)."""
    verdict, act, means, purpose = (given[key] for key in ("trafficking", "act", "means", "purpose"))
    if verdict is None or act is None or purpose is None or means is None:
        return []
    minor = case.truth.minor if given["minor"] is None else given["minor"]
    holds = is_trafficking(minor=minor, act=act, means=means, purpose=purpose)
    if holds == verdict:
        return []
    ref = labels.palermo_ref
    if not verdict:
        marked = "feedback.elements_act_purpose_child" if minor and not means else "feedback.elements_act_means_purpose"
        return [Feedback("verdict", "contradiction", "trafficking", "feedback.contradiction_said_not",
                         (("marked", ui_text(marked)),), ref)]
    empty = [key for key, value in (("act", act), ("means", means), ("purpose", purpose))
             if not value and not (key == "means" and minor)]
    missing = Text(sv=", ".join(labels.element(key).sv.lower() for key in empty),
                   en=", ".join(labels.element(key).en.lower() for key in empty))
    rule = "feedback.rule_child" if minor else "feedback.rule_adult"
    return [Feedback("verdict", "contradiction", "trafficking", "feedback.contradiction_said_trafficking",
                     (("missing", missing), ("rule", ui_text(rule))), ref)]


def _child_means_feedback(case: Any, detail: ElementScore, labels: _Labels) -> list[Feedback]:
    """For a child, means left out cost nothing: say so where an adult would have lost credit."""
    items = []
    if (not detail.correct and not detail.wrong) or set(case.truth.means) - set(detail.correct):
        items.append(Feedback("element", "means_not_required", "means", "feedback.means_child", (), labels.minor_ref))
    return items + _set_feedback("means", (), detail.wrong, labels)


def _referral_feedback(case: Any, detail: ElementScore, labels: _Labels) -> list[Feedback]:
    """Acceptable contacts are called reasonable; a missing first contact is explained, not named."""
    element, items = labels.element("first_referrals"), []
    for actor_id in detail.acceptable:
        name, ref = labels.item("first_referrals", actor_id)
        items.append(Feedback("element", "acceptable", "first_referrals", "feedback.referral_acceptable",
                              (("element", element), ("item", name)), ref))
    for why in dict.fromkeys(_why_first(case, actor_id) for actor_id in detail.missed):
        text_key, ref = why
        items.append(Feedback("element", "missed", "first_referrals", "feedback.referral_missed",
                              (("element", element), ("why", ui_text(text_key))), ref))
    return items + _set_feedback("first_referrals", (), detail.wrong, labels)


def _why_first(case: Any, actor_id: str) -> tuple[str, Any]:
    """The reason a required first contact comes first: (UI string key, seed reference)."""
    if case.truth.minor and actor_id in CHILD_PROTECTION:
        return "feedback.why_child", Ref(chapter=0, lines=(80, 83))  # the guidelines have no child-specific measures
    if not case.truth.trafficking:
        return "feedback.why_lookalike", Ref(chapter=4, lines=(1292, 1299))
    reason = WHY_FIRST.get(actor_id)
    if reason is None:
        return "feedback.why_default", Ref(chapter=5, lines=(1498, 1509))
    if reason == "feedback.why_non_punishment":
        return reason, load().get("legal_rules", "non_punishment").ref
    return reason, Ref(chapter=WHY_REFS[reason][0], lines=WHY_REFS[reason][1])


WHY_FIRST = {
    "local_police": "feedback.why_investigate",
    "regional_coordinator_se": "feedback.why_coordinate",
    "national_coordinator_se": "feedback.why_national_level",
    "social_services": "feedback.why_municipal_support",
    "child_protection": "feedback.why_municipal_support",
    "prosecution": "feedback.why_non_punishment",
    "shelters": "feedback.why_safe_housing",
    "kcik_pl": "feedback.why_national_system",
    "national_assistance_system_fi": "feedback.why_national_system",
    "authorised_ngo_lv": "feedback.why_national_system",
    "labour_inspectorate": "feedback.why_work_conditions",
    "trade_unions": "feedback.why_work_conditions",
    "ngos": "feedback.why_support_organisation",
}
WHY_REFS = {  # chapter, lines of the seed that say it
    "feedback.why_investigate": (4, (996, 998)),        # call the police or the coordinator
    "feedback.why_coordinate": (4, (1307, 1316)),       # the Swedish manual and what it offers
    "feedback.why_national_level": (4, (1307, 1316)),
    "feedback.why_municipal_support": (5, (1432, 1434)),  # social services support vulnerable people
    "feedback.why_safe_housing": (2, (424, 428)),       # the Oslo group: shelter and reflection period
    "feedback.why_national_system": (4, (1124, 1166)),  # who identifies, country by country
    "feedback.why_work_conditions": (4, (1292, 1299)),  # report to supervisory authorities; unions advise
    "feedback.why_support_organisation": (4, (1296, 1299)),
}


def _misconception_feedback(case: Any, given: dict[str, Any]) -> list[Feedback]:
    kb = load()
    items = []
    for misconception_id in detect(case, given):
        item = kb.get("misconceptions", misconception_id)
        fixed = Text(sv=f"{item.label.sv} {item.text.sv}", en=f"{item.label.en} {item.text.en}")
        items.append(Feedback("misconception", misconception_id, None, "", (), item.ref, fixed))
    return items


def _set_feedback(key: str, missed: tuple[str, ...], wrong: tuple[str, ...], labels: _Labels) -> list[Feedback]:
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
        import msgspec

        kb = load()
        self.minor_ref = kb.get("legal_rules", "minor_no_means_required").ref
        first, last = kb.get("palermo_elements", "act").ref, kb.get("palermo_elements", "purpose").ref
        self.palermo_ref = msgspec.structs.replace(first, lines=(first.lines[0], last.lines[1]))  # art. 3a: the three elements
        names: dict[str, dict[str, tuple[Text, Any]]] = {"act": {}, "means": {}, "purpose": {}, "forms": {}, "indicators": {}, "first_referrals": {}}
        for term in kb.palermo_terms:
            names[term.element][term.id] = (term.label, term.ref)
        for form in kb.forms:
            names["forms"][form.id] = names["purpose"][form.id] = (form.label, form.ref)
        for indicator in kb.indicators:
            names["indicators"][indicator.id] = (indicator.question, indicator.ref)
        for actor in kb.actors:
            names["first_referrals"][actor.id] = (actor.name, actor.ref)
        self.names = names
        self.elements = {key: ui_text(f"element.{key}") for key in ELEMENTS}

    def element(self, key: str) -> Text:
        return self.elements[key]

    def verdict(self, trafficking: bool) -> Text:
        return ui_text("verdict.trafficking" if trafficking else "verdict.not_trafficking")

    def item(self, key: str, item_id: str) -> tuple[Text, Any]:
        """An id's name and seed reference; an id the knowledge base does not know is shown as it is."""
        return self.names[key].get(item_id, (Text(sv=item_id, en=item_id), None))


@functools.lru_cache(maxsize=1)
def _labels() -> _Labels:
    return _Labels()

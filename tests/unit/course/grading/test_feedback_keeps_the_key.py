"""Feedback teaches without giving the key away: for every autograded part of every assignment,
for many learners and many answers (empty, partial, one item short, wrong flags, the key itself),
no feedback line in either language names an expected id or label, and the chapter 5 plan's
feedback never states a fact of the case such as the person being a child."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from kit.course.cohort.assignments import load_assignments
from kit.course.cohort.learner_variants import learner_variant
from kit.course.cohort.material import load_material
from kit.course.grading.answer_key import empty_answer, reference_answer
from kit.course.grading.part_scoring import CASE_ELEMENTS, score_part

MATERIAL = Path(__file__).resolve().parents[3] / "course" / "material"
SECRET = b"a-secret-for-the-feedback-tests-0123456789"
STUDENTS = [f"f{n:02d}" for n in range(1, 13)]
PARTS = [(a, p) for a in load_assignments().values() for p in a.parts if p.autograded]
CHILD_WORDS = re.compile(r"\b(child|children|minor|under 18|barn\w*|minderårig\w*|under 18 år)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def material():
    return load_material(MATERIAL)


def _halved(value: Any) -> Any:
    if isinstance(value, list):
        return [_halved(item) for item in value[: len(value) // 2]]
    if isinstance(value, dict):
        return {key: _halved(item) for key, item in value.items()}
    return value


def answers(part: Any, variant: Any) -> list[Any]:
    """Answers a learner might hand in, from nothing to the key, with many near misses."""
    key = reference_answer(part, variant)
    found = [empty_answer(part), key, _halved(key)]
    if part.kind in CASE_ELEMENTS:
        for element, value in key.items():
            if isinstance(value, bool):
                found.append(dict(key, **{element: not value}))
            elif isinstance(value, list):
                found += [dict(key, **{element: value[:i] + value[i + 1:]}) for i in range(len(value))]
    elif part.kind == "principles":
        for situation in key:
            found.append({**key, situation: {"principle": "human_rights_based", "relation": "follows"}})
            found.append({**key, situation: {}})
    elif part.kind == "nrm_plan":
        steps = key["steps"]
        found += [{"steps": steps[:n]} for n in range(1, len(steps))]
        found += [{"steps": steps[:i] + steps[i + 1:]} for i in range(len(steps))]
        found.append({"steps": [dict(step, services=[]) for step in steps]})
        found += [{"steps": [dict(s, services=[]) if j == i else s for j, s in enumerate(steps)]} for i in range(len(steps))]
        found.append({"steps": [dict(step, consent="not_asked", shares_data_with=[]) for step in steps]})
        found.append({"steps": [dict(step, day=step["day"] + 10) for step in steps]})
    return found


def expected_items(part: Any, variant: Any) -> tuple[set[str], set[str]]:
    """(ids, labels in both languages) of everything the part's key expects."""
    from kit.content import load

    kb = load()
    key = reference_answer(part, variant)
    ids: set[str] = set()
    labels: set[str] = set()
    if part.kind in CASE_ELEMENTS:
        terms = {term.id: term.label for term in kb.palermo_terms}
        for element, value in key.items():
            if not isinstance(value, list):
                continue
            for item in value:
                ids.add(item)
                if element in ("act", "means"):
                    labels |= {terms[item].sv, terms[item].en}
                elif element in ("purpose", "forms"):
                    labels |= {kb.get("forms", item).label.sv, kb.get("forms", item).label.en}
                elif element == "indicators":
                    labels |= {kb.get("indicators", item).question.sv, kb.get("indicators", item).question.en}
                elif element == "first_referrals":
                    labels |= {kb.get("actors", item).name.sv, kb.get("actors", item).name.en}
    elif part.kind == "principles":
        for given in key.values():
            principle = kb.get("principles", given["principle"])
            ids.add(principle.id)
            labels |= {principle.name.sv, principle.name.en}
    elif part.kind == "nrm_plan":
        from kit.nrm import load_chain

        chain = load_chain()
        for step in key["steps"]:
            label = chain.step(step["step"]).label
            actor = kb.get("actors", step["actor"]).name
            ids |= {step["step"], step["actor"], *step["services"], *step["shares_data_with"]}
            labels |= {label.sv, label.en, actor.sv, actor.en}
            labels |= {text for service in step["services"] for text in (chain.services[service].sv, chain.services[service].en)}
            labels |= {text for actor_id in step["shares_data_with"] for text in (kb.get("actors", actor_id).name.sv, kb.get("actors", actor_id).name.en)}
    else:  # the mapping plans: every id in the key (groups, places, actors, services, measures)
        ids |= set(_strings(key))
        for actor_id in {a for group in key.get("actors", {}).values() for a in group}:
            labels |= {kb.get("actors", actor_id).name.sv, kb.get("actors", actor_id).name.en}
    return ids, labels


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)] + [k for k in value if isinstance(k, str) and "_" in k]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def leaks(text: str, ids: set[str], labels: set[str]) -> list[str]:
    found = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text, re.IGNORECASE)]
    return found + [label for label in labels if label.lower() in text.lower()]


@pytest.mark.parametrize("assignment,part", PARTS, ids=[f"{a.id}:{p.id}" for a, p in PARTS])
def test_no_feedback_names_an_expected_id_or_label(assignment, part, material):
    checked = 0
    for student in STUDENTS:
        variant = learner_variant(assignment, student, SECRET, material)
        ids, labels = expected_items(part, variant)
        checked += len(ids)
        for answer in answers(part, variant):
            result = score_part(part, variant, copy.deepcopy(answer))
            assert result.problem is None, (student, answer, result.problem)
            for sv, en in ((line.sv, line.en) for line in result.feedback):
                assert not leaks(sv, ids, labels), (student, sv, leaks(sv, ids, labels))
                assert not leaks(en, ids, labels), (student, en, leaks(en, ids, labels))
    assert checked, "no key expected anything: the test would prove nothing"


def test_the_plan_feedback_states_no_fact_of_the_case(material):
    assignment = load_assignments()["ch5_assisting_victims"]
    part = assignment.part("nrm_plan")
    children = 0
    for student in STUDENTS + [f"c{n:02d}" for n in range(30)]:
        variant = learner_variant(assignment, student, SECRET, material)
        children += variant.case.truth.minor
        for answer in answers(part, variant):
            for sv, en in ((line.sv, line.en) for line in score_part(part, variant, answer).feedback):
                assert not CHILD_WORDS.search(sv) and not CHILD_WORDS.search(en), (student, sv, en)
    assert children, "no child among the variants: the check above proved nothing for children"


def test_the_leak_check_itself_finds_a_named_item():
    assert leaks("Read more: the plan lacks Safe housing.", {"housing"}, {"Safe housing"}) == ["housing", "Safe housing"]
    assert leaks("safe_return is missing", {"safe_return"}, set()) == ["safe_return"]
    assert not leaks("no support of that kind (unsafe_returning)", {"safe_return"}, set())

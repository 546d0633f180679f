"""Scoring handed-in parts outside the kernel: the key scores 1, nothing scores 0, junk is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.course.cohort.assignments import load_assignments
from kit.course.cohort.learner_variants import learner_variant
from kit.course.cohort.material import load_material
from kit.course.grading.answer_key import empty_answer, reference_answer
from kit.course.grading.part_scoring import score_part

MATERIAL = Path(__file__).resolve().parents[3] / "course" / "material"
SECRET = b"a-course-secret-for-tests-0123456789"
PARTS = [(a, p) for a in load_assignments().values() for p in a.parts if p.autograded]


@pytest.fixture(scope="module")
def material():
    return load_material(MATERIAL)


@pytest.mark.parametrize("assignment,part", PARTS, ids=[f"{a.id}:{p.id}" for a, p in PARTS])
def test_the_key_scores_full_and_the_template_or_nothing_scores_low(assignment, part, material):
    variant = learner_variant(assignment, "s03", SECRET, material)
    key = score_part(part, variant, reference_answer(part, variant))
    assert key.score == pytest.approx(1.0, abs=0.02), key.feedback
    assert key.problem is None and key.feedback
    empty = score_part(part, variant, empty_answer(part))
    assert empty.score < key.score
    nothing = score_part(part, variant, None)
    assert nothing.score == 0 and nothing.problem == "no answer handed in"


@pytest.mark.parametrize("junk", ["a string", 42, ["a", "list"], {"steps": "many"}, {"act": "recruitment"}])
def test_junk_answers_score_zero_with_a_reason(junk, material):
    for assignment, part in PARTS:
        result = score_part(part, learner_variant(assignment, "s04", SECRET, material), junk)
        assert 0 <= result.score <= 1
        if not isinstance(junk, dict):
            assert result.score == 0 and result.problem, (part.id, junk)


def test_feedback_names_no_expected_ids(material):
    assignment = load_assignments()["ch4_identification"]
    part = assignment.part("indicators")
    for student in ("s01", "s02", "s05"):
        variant = learner_variant(assignment, student, SECRET, material)
        result = score_part(part, variant, empty_answer(part))
        text = " ".join(line.sv + " " + line.en for line in result.feedback)
        for indicator in variant.case.truth.indicators:
            assert indicator not in text
        assert set(result.missed_indicators) == set(variant.case.truth.indicators)


def test_partial_answers_get_partial_credit(material):
    assignment = load_assignments()["ch2_what_is_trafficking"]
    part = assignment.part("palermo")
    variant = next(v for n in range(30) if (v := learner_variant(assignment, f"p{n}", SECRET, material)).case.truth.trafficking)
    key = reference_answer(part, variant)
    half = dict(key, act=key["act"][:1], means=[])
    result = score_part(part, variant, half)
    assert 0.3 < result.score < 1.0
    flipped = score_part(part, variant, dict(key, trafficking=False))
    assert flipped.score < 1.0

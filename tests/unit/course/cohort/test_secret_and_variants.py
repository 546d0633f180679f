"""The course secret and the learner variants it derives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.course.cohort.assignments import get_assignment
from kit.course.cohort.learner_variants import learner_variant, public_variant
from kit.course.cohort.material import load_material
from kit.course.cohort.secret import ENV, SecretError, derive, new_secret_file, read_secret

MATERIAL = Path(__file__).resolve().parents[3] / "course" / "material"
SECRET = b"a-course-secret-for-tests-0123456789"


@pytest.fixture(scope="module")
def material():
    return load_material(MATERIAL)


def test_secret_file_is_private_and_checked(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    path = tmp_path / "secret"
    new_secret_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    first = read_secret(path)
    new_secret_file(path)  # kept, not replaced
    assert read_secret(path) == first and len(first) >= 32
    path.chmod(0o644)
    with pytest.raises(SecretError, match="chmod 600"):
        read_secret(path)
    with pytest.raises(SecretError, match="no course secret"):
        read_secret(tmp_path / "missing")
    monkeypatch.setenv(ENV, "short")
    with pytest.raises(SecretError, match="too short"):
        read_secret(path)
    monkeypatch.setenv(ENV, "x" * 40)
    assert read_secret(tmp_path / "missing") == b"x" * 40


def test_derive_depends_on_every_label_and_the_secret():
    base = derive(SECRET, "ch2", "s01", "choice")
    assert base == derive(SECRET, "ch2", "s01", "choice")
    others = {derive(SECRET, "ch2", "s02", "choice"), derive(SECRET, "ch3", "s01", "choice"),
              derive(SECRET, "ch2", "s01", "surface"), derive(b"another-secret-0123456789", "ch2", "s01", "choice")}
    assert base not in others and len(others) == 4
    assert 0 <= base < 2**128


def test_variants_are_deterministic_and_differ_between_learners(material):
    assignment = get_assignment("ch2_what_is_trafficking")
    first = learner_variant(assignment, "s01", SECRET, material)
    assert learner_variant(assignment, "s01", SECRET, material) == first
    narratives = {public_variant(learner_variant(assignment, f"s{n:02d}", SECRET, material))["case"]["narrative"]["en"]
                  for n in range(1, 13)}
    assert len(narratives) >= 8


def test_nrm_variants_get_a_trafficking_case_and_a_regime(material):
    assignment = get_assignment("ch5_assisting_victims")
    for n in range(12):
        variant = learner_variant(assignment, f"s{n}", SECRET, material)
        assert variant.case.truth.trafficking and variant.regime in {"SE", "NO", "PL", "LV", "FI"}


def test_public_variant_holds_what_the_learner_reads_and_nothing_that_decides_the_truth(material):
    for assignment_id in ("ch1_principles", "ch2_what_is_trafficking", "ch3_local_mapping", "ch5_assisting_victims"):
        variant = learner_variant(get_assignment(assignment_id), "s07", SECRET, material)
        public = public_variant(variant)
        text = json.dumps(public)
        assert set(public) <= {"assignment", "student", "case", "situations", "regime", "municipality"}
        assert "truth" not in text and "seed" not in text
        if variant.case is not None:
            assert variant.case.id not in text and variant.case.id.split("_v")[0] not in text
            for element in ("means", "purpose", "indicators", "first_referrals"):
                for item in getattr(variant.case.truth, element):
                    assert item not in text, (assignment_id, item)
        for _, situation in variant.situations:
            assert situation.id not in text and situation.principle not in text
        if variant.profile is not None:
            assert set(public["municipality"]["tables"]) == set(variant.municipality().tables())
            assert str(variant.seed) not in text

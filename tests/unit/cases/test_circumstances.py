"""Case facts (circumstances): set explicitly in every bank case, coherent with age, nationality and variants."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
import yaml

from kit.cases.bank import BANK_DIR, load_bank, load_case
from kit.cases.consistency import check_case
from kit.cases.schema import CHILD_FACTS, Circumstances
from kit.cases.variants import variant

FACTS = tuple(Circumstances.__struct_fields__)


@pytest.mark.parametrize("path", sorted(BANK_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bank_case_sets_every_fact_explicitly(path: Path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(raw.get("circumstances") or {}) == set(FACTS), f"{path.name}: set all of {FACTS}"


def test_the_bank_has_each_kind_of_child():
    children = [case.circumstances for case in load_bank().values() if case.truth.minor]
    assert any(c.unaccompanied for c in children)
    assert any(c.lives_with_custodians for c in children)
    assert any(not c.unaccompanied and not c.lives_with_custodians for c in children), "a child in care"
    assert any(c.custodians_involved for c in children)


def test_facts_the_narratives_state():
    bank = load_bank()
    assert bank["sex_lover_boy_school_nurse"].circumstances == Circumstances(lives_with_custodians=True)
    assert bank["sex_webcam_sextortion_pupil"].circumstances == Circumstances(lives_with_custodians=True)
    boys = bank["seed_boys_forced_to_steal"].circumstances
    assert boys.unaccompanied and boys.needs_interpreter and not boys.resident  # "spoke only his mother tongue"
    assert bank["mixed_girl_in_care_sold_in_other_towns"].circumstances == Circumstances()


def test_the_rule_holds_over_the_bank():
    for case in load_bank().values():
        facts = case.circumstances
        if not case.truth.minor:
            assert not any(getattr(facts, fact) for fact in CHILD_FACTS), case.id
        assert not (facts.unaccompanied and facts.lives_with_custodians), case.id
        if facts.needs_interpreter or not facts.resident:
            assert case.setting.country not in case.variation.nationalities, case.id


@pytest.mark.parametrize("old, new, message", [
    ("  unaccompanied: false", "  unaccompanied: true", "circumstances.unaccompanied: is a fact about a child: false for an adult"),
    ("  resident: false", "  resident: true\n  # resident", None),
])
def test_child_facts_are_false_for_an_adult(model_text, write_case, old, new, message):
    from kit.cases.bank import CaseError

    path = write_case(model_text, (old, new))
    if message is None:
        assert load_case(path).circumstances.resident
        return
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert f"case.yaml:{message}" in [str(p) for p in caught.value.problems]


def test_an_unaccompanied_child_does_not_live_with_custodians():
    case = load_bank()["seed_boys_forced_to_steal"]
    broken = msgspec.structs.replace(case, circumstances=msgspec.structs.replace(case.circumstances, lives_with_custodians=True))
    assert [p.field for p in check_case(broken, "x")] == ["circumstances.lives_with_custodians"]


def test_a_national_of_the_setting_contradicts_needing_an_interpreter():
    case = load_bank()["seed_boys_forced_to_steal"]
    national = msgspec.structs.replace(case, person=msgspec.structs.replace(case.person, nationality="SE"),
                                       variation=msgspec.structs.replace(case.variation, nationalities=["SE", "RO"]))
    fields = [p.field for p in check_case(national, "x")]
    assert fields == ["circumstances"], fields  # said once: the variation must include the person's own nationality
    only_variation = msgspec.structs.replace(case, variation=msgspec.structs.replace(case.variation, nationalities=["RO", "SE"]))
    problems = check_case(only_variation, "x")
    assert [p.field for p in problems] == ["variation.nationalities"]
    assert "needs_interpreter and not resident" in problems[0].message


def test_the_rule_holds_over_variants_of_every_case():
    failures = []
    for case in load_bank().values():
        for seed in range(12):
            candidate = variant(case, seed)
            failures += [str(p) for p in check_case(candidate, candidate.id) if p.field.startswith(("circumstances", "variation"))]
            if candidate.truth.minor == case.truth.minor:
                assert candidate.circumstances == case.circumstances, candidate.id
    assert not failures, "\n".join(failures[:10])


def _crossing(case_id: str, band: tuple[int, int]):
    case = load_bank()[case_id]
    return msgspec.structs.replace(case, variation=msgspec.structs.replace(case.variation, age_band=band))


def test_a_child_made_an_adult_loses_the_child_facts():
    case = _crossing("labour_car_wash_minor_taxi_driver", (16, 22))
    variants = [variant(case, seed) for seed in range(40)]
    adults = [v for v in variants if not v.truth.minor]
    assert adults and any(v.truth.minor for v in variants)
    for candidate in adults:
        assert not any(getattr(candidate.circumstances, fact) for fact in CHILD_FACTS)
        assert candidate.circumstances.needs_interpreter  # the narrative's language facts stay
        assert not check_case(candidate, "x"), check_case(candidate, "x")


@pytest.mark.parametrize("case_id, unaccompanied", [("seed_promised_childcare_job_sham_marriage", True),
                                                     ("crime_drug_selling_debt_young_adult", False)])
def test_an_adult_made_a_child_is_unaccompanied_unless_resident(case_id, unaccompanied):
    case = _crossing(case_id, (15, 24))
    children = [v for v in (variant(case, seed) for seed in range(40)) if v.truth.minor]
    assert children
    for child in children:
        assert child.circumstances.unaccompanied is unaccompanied
        assert not child.circumstances.lives_with_custodians and not child.circumstances.custodians_involved
        assert not [p for p in check_case(child, "x") if p.field.startswith("circumstances")]


def test_a_case_without_circumstances_reads_as_a_resident_who_speaks_the_language(model_text, write_case):
    import re

    text = re.sub(r"circumstances:\n(  .*\n)+", "", model_text)
    text = text.replace("person: {gender: female, age: 36, nationality: LV}", "person: {gender: female, age: 36, nationality: GB}")
    text = text.replace("  nationalities: [LV, LT, EE, PL, RO, BG]", "  nationalities: [GB, LV]")
    case = load_case(write_case(text))
    assert case.circumstances == Circumstances() and case.circumstances.resident and not case.circumstances.needs_interpreter

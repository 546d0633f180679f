"""Variants: deterministic, valid for every case and 50 seeds, truth recomputed across 18."""

from __future__ import annotations

import msgspec
import pytest

from kit.cases.bank import load_bank
from kit.cases.consistency import check_case
from kit.cases.narrative import render
from kit.cases.variants import variant


def test_same_seed_same_variant_and_seeds_differ():
    case = next(iter(load_bank().values()))
    assert variant(case, 7) == variant(case.id, 7)
    assert len({(v.person.age, v.person.nationality) for v in (variant(case, s) for s in range(20))}) > 3


def test_every_variant_of_every_case_is_valid_for_50_seeds():
    failures = []
    for case in load_bank().values():
        for seed in range(50):
            candidate = variant(case, seed)
            failures += [str(p) for p in check_case(candidate, candidate.id)]
            for lang in ("sv", "en"):
                _, text = render(candidate, lang)
                if "{" in text:
                    failures.append(f"{candidate.id}: placeholder left in {lang}")
    assert not failures, "\n".join(failures[:20])


def _crossing_case(means: list[str]):
    case = load_bank()["seed_promised_childcare_job_sham_marriage"]
    variation = msgspec.structs.replace(case.variation, age_band=(15, 20))
    truth = msgspec.structs.replace(case.truth, means=means)
    return msgspec.structs.replace(case, variation=variation, truth=truth, person=msgspec.structs.replace(case.person, age=20))


def test_age_across_18_flips_minor_and_keeps_the_verdict_when_means_exist():
    case = _crossing_case(["deception"])
    variants = [variant(case, seed) for seed in range(40)]
    assert {v.truth.minor for v in variants} == {True, False}
    assert all(v.truth.trafficking for v in variants)
    assert all("child_protection" in v.truth.first_referrals or "social_services" in v.truth.first_referrals
               for v in variants if v.truth.minor)


def test_age_across_18_without_means_flips_the_verdict():
    case = _crossing_case([])
    for seed in range(40):
        candidate = variant(case, seed)
        assert candidate.truth.trafficking is candidate.truth.minor
        assert not check_case(candidate, "x"), check_case(candidate, "x")
        if not candidate.truth.trafficking:
            assert candidate.resembles and not candidate.truth.forms


def test_unknown_case_id():
    from kit.content.knowledge_base import UnknownIdError

    with pytest.raises(UnknownIdError, match="unknown case id"):
        variant("no_such_case", 1)


def test_a_child_made_from_an_adult_is_referred_to_child_protection_first_and_only_there():
    case = load_bank()["benefit_internal_landlord_controls_identity"]
    case = msgspec.structs.replace(case, variation=msgspec.structs.replace(case.variation, age_band=(15, 30)),
                                   truth=msgspec.structs.replace(case.truth, first_referrals=["local_police"],
                                                                 acceptable_referrals=["social_services", "ngos"]))
    children = [v for v in (variant(case, seed) for seed in range(40)) if v.truth.minor]
    assert children
    for child in children:
        assert child.truth.first_referrals[0] == "child_protection"
        assert child.truth.acceptable_referrals == ["ngos"]
        assert not check_case(child, "x"), check_case(child, "x")

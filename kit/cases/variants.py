"""Deterministic case variants: other surface details, the truth recomputed where they change it."""

from __future__ import annotations

import random

import msgspec

from kit.cases.bank import load_bank
from kit.cases.consistency import CHILD_PROTECTION, is_trafficking
from kit.cases.schema import Case, Circumstances, FormId, Truth
from kit.content.knowledge_base import UnknownIdError


def variant(case: Case | str, seed: int | str) -> Case:
    """A variant of `case` (a Case or a bank id) for `seed`: the same seed always gives the same variant.

    Gender, age (inside the band), nationality, town type and sector are drawn from the case's
    `variation`; the truth follows: an age across 18 flips `minor`, and with it whether means are
    needed, so the verdict is recomputed with the Palermo rule; a child is referred to child
    protection at once. The circumstances follow the narrative, which a variant does not change,
    except across 18 (see `varied_circumstances`); a case whose person needs an interpreter or is
    not resident never takes the setting's own nationality (the consistency check keeps that
    nationality out of `variation.nationalities`).
    """
    if isinstance(case, str):
        case = _bank_case(load_bank(), case)
    rng = random.Random(f"{case.id}:{seed}")
    spec = case.variation
    person = msgspec.structs.replace(
        case.person,
        gender=rng.choice(spec.genders),
        age=rng.randint(*spec.age_band),
        nationality=rng.choice(spec.nationalities),
    )
    setting = msgspec.structs.replace(
        case.setting,
        town_type=rng.choice(spec.town_types) if spec.town_types else case.setting.town_type,
        sector=rng.choice(spec.sectors) if spec.sectors else case.setting.sector,
    )
    truth, resembles = _recomputed_truth(case, minor=person.age < 18)
    circumstances = varied_circumstances(case.circumstances, was_minor=case.truth.minor, minor=truth.minor)
    return msgspec.structs.replace(
        case, id=f"{case.id}_v{_seed_slug(seed)}", person=person, setting=setting, truth=truth, resembles=resembles,
        circumstances=circumstances,
    )


def varied_circumstances(circumstances: Circumstances, *, was_minor: bool, minor: bool) -> Circumstances:
    """The circumstances of a variant whose person is `minor` (the case's person was `was_minor`).

    The narrative stays the same, so the facts carry over; a child made an adult loses the child
    facts; an adult made a child lives, as the adult's narrative tells, without custodians, and is
    unaccompanied unless resident in the country (the kit's own rule: a non-resident child here
    without custodians is unaccompanied; a resident child's custodians are in the country).
    """
    if minor == was_minor:
        return circumstances
    if not minor:
        return msgspec.structs.replace(circumstances, unaccompanied=False, lives_with_custodians=False, custodians_involved=False)
    return msgspec.structs.replace(circumstances, unaccompanied=not circumstances.resident, lives_with_custodians=False,
                                   custodians_involved=False)


def _recomputed_truth(case: Case, *, minor: bool) -> tuple[Truth, list[FormId]]:
    truth = case.truth
    trafficking = is_trafficking(minor=minor, act=truth.act, means=truth.means, purpose=truth.purpose)
    forms, resembles = list(truth.forms), list(case.resembles)
    if trafficking and not truth.trafficking:  # a look-alike that becomes trafficking for a child
        forms, resembles = resembles, []  # purpose is a subset of what it resembled
    elif truth.trafficking and not trafficking:  # an adult without means: no longer trafficking
        forms, resembles = [], list(truth.forms)
    referrals, acceptable = list(truth.first_referrals), list(truth.acceptable_referrals)
    if minor and not any(actor in referrals for actor in CHILD_PROTECTION):
        referrals.insert(0, "child_protection")
        acceptable = [actor for actor in acceptable if actor not in CHILD_PROTECTION]  # now the first contact
    new_truth = msgspec.structs.replace(
        truth, trafficking=trafficking, minor=minor, forms=forms, first_referrals=referrals,
        acceptable_referrals=acceptable,
    )
    return new_truth, resembles


def _bank_case(bank: dict[str, Case], case_id: str) -> Case:
    try:
        return bank[case_id]
    except KeyError:
        raise UnknownIdError("case", case_id, list(bank)) from None


def _seed_slug(seed: int | str) -> str:
    text = str(seed).lower()
    return "".join(ch if ch.isalnum() else "_" for ch in text)[:24] or "0"

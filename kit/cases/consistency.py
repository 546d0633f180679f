"""Checks that a case's truth agrees with the Palermo model, the knowledge base and its variation."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from kit.cases.narrative import PLACEHOLDERS, placeholders_in, surface
from kit.cases.schema import CHILD_FACTS, Case, Circumstances
from kit.content import load
from kit.content.problems import Problem

CHILD_PROTECTION = ("child_protection", "social_services")


def is_trafficking(*, minor: bool, act: Sequence[str], means: Sequence[str], purpose: Sequence[str]) -> bool:
    """The Palermo rule: act and purpose, plus means unless the person is a child (art. 3a-3c)."""
    return bool(act) and bool(purpose) and (minor or bool(means))


def check_case(case: Case, file: str) -> list[Problem]:
    """Every way `case` contradicts the Palermo model, the knowledge base or its own variation."""
    found = _palermo(case) + _references(case) + _referrals(case) + _circumstances(case) + _variation(case)
    return [Problem(file, field, message) for field, message in found]


def circumstance_problems(*, minor: bool, circumstances: Circumstances, nationalities: list[str], country: str) -> list[tuple[str, str]]:
    """Where the circumstances contradict each other, the person's age or the nationalities a case may take.

    The kit's own rule: the child facts are false for an adult; an unaccompanied child does not
    live with custodians; a person who needs an interpreter, or who is not resident, is not a
    national of the setting's country (so a variant that draws the setting's own nationality
    would contradict what the narrative says).
    """
    facts, found = circumstances, []
    if not minor:
        found += [(f"circumstances.{fact}", "is a fact about a child: false for an adult")
                  for fact in CHILD_FACTS if getattr(facts, fact)]
    elif facts.unaccompanied and facts.lives_with_custodians:
        found.append(("circumstances.lives_with_custodians", "an unaccompanied child does not live with custodians"))
    reasons = [name for name, holds in (("needs_interpreter", facts.needs_interpreter), ("not resident", not facts.resident)) if holds]
    if reasons and country in nationalities:
        found.append(("circumstances", f"{' and '.join(reasons)} contradicts the nationality {country} of the setting's own country"))
    return found


def _palermo(case: Case) -> list[tuple[str, str]]:
    truth, found = case.truth, []
    if truth.minor != (case.person.age < 18):
        found.append(("truth.minor", f"says {truth.minor} but the person is {case.person.age}"))
    if truth.trafficking:
        if not truth.act:
            found.append(("truth.act", "trafficking needs at least one act (recruitment, transport, transfer, harbouring, receipt)"))
        if not truth.purpose:
            found.append(("truth.purpose", "trafficking needs a purpose of exploitation"))
        if not truth.minor and not truth.means:
            found.append(("truth.means", "an adult's trafficking needs at least one means; only for a child are means not required"))
        if not truth.forms:
            found.append(("truth.forms", "a trafficking case names its form(s) of exploitation"))
        for purpose in truth.purpose:
            if purpose not in truth.forms:
                found.append(("truth.purpose", f"purpose {purpose!r} is not among the forms {truth.forms}"))
        if case.resembles:
            found.append(("resembles", "only a case that is not trafficking names the forms it resembles"))
    else:
        if is_trafficking(minor=truth.minor, act=truth.act, means=truth.means, purpose=truth.purpose):
            who = "a child" if truth.minor else "an adult"
            found.append(("truth.trafficking", f"false, but act, purpose{'' if truth.minor else ' and means'} are present for {who}: the Palermo model makes this trafficking"))
        if truth.forms:
            found.append(("truth.forms", "a case that is not trafficking has no form of exploitation: name what it resembles under `resembles`"))
        if not case.resembles:
            found.append(("resembles", "a case that is not trafficking names the form(s) a front-line worker could mistake it for"))
        for purpose in truth.purpose:
            if purpose not in case.resembles:
                found.append(("truth.purpose", f"purpose {purpose!r} is not among the forms it resembles"))
    if truth.minor and not any(actor in truth.first_referrals for actor in CHILD_PROTECTION):
        found.append(("truth.first_referrals", "a child is referred to child protection or social services at once"))
    if case.source.kind == "seed" and case.source.ref is None:
        found.append(("source.ref", "a case from the seed names its lines"))
    return found


def _circumstances(case: Case) -> list[tuple[str, str]]:
    found = circumstance_problems(minor=case.truth.minor, circumstances=case.circumstances,
                                  nationalities=[case.person.nationality], country=case.setting.country)
    variation = circumstance_problems(minor=case.truth.minor, circumstances=case.circumstances,
                                      nationalities=case.variation.nationalities, country=case.setting.country)
    return found + [("variation.nationalities", message) for field, message in variation
                    if field == "circumstances" and (field, message) not in found]


def _referrals(case: Case) -> list[tuple[str, str]]:
    actors, truth, found = set(load().ids("actors")), case.truth, []
    for position, actor_id in enumerate(truth.acceptable_referrals):
        if actor_id not in actors:
            found.append((f"truth.acceptable_referrals[{position}]", f"unknown actor id {actor_id!r}"))
        elif actor_id in truth.first_referrals:
            found.append((f"truth.acceptable_referrals[{position}]", f"{actor_id!r} is already a first referral: an actor is either required first or acceptable"))
    if len(truth.acceptable_referrals) != len(set(truth.acceptable_referrals)):
        found.append(("truth.acceptable_referrals", "lists an id twice"))
    return found


def _references(case: Case) -> list[tuple[str, str]]:
    kb, found = load(), []
    indicators = {indicator.id: indicator for indicator in kb.indicators}
    actors = set(kb.ids("actors"))
    case_forms = set(case.truth.forms) | set(case.resembles)
    for position, indicator_id in enumerate(case.truth.indicators):
        indicator = indicators.get(indicator_id)
        if indicator is None:
            found.append((f"truth.indicators[{position}]", f"unknown indicator id {indicator_id!r}"))
        elif not indicator.any_form and not case_forms & set(indicator.forms):
            found.append((f"truth.indicators[{position}]", f"{indicator_id!r} belongs to none of the case's forms ({', '.join(sorted(case_forms)) or 'none'}) and is not a sign of every form"))
    for position, actor_id in enumerate(case.truth.first_referrals):
        if actor_id not in actors:
            found.append((f"truth.first_referrals[{position}]", f"unknown actor id {actor_id!r}"))
    for field in ("indicators", "first_referrals", "forms", "act", "means", "purpose"):
        values = getattr(case.truth, field)
        if len(values) != len(set(values)):
            found.append((f"truth.{field}", "lists an id twice"))
    return found


def _variation(case: Case) -> list[tuple[str, str]]:
    vocab, found = surface(), []
    variation, person, setting = case.variation, case.person, case.setting
    low, high = variation.age_band
    if not 1 <= low <= high <= 90:
        found.append(("variation.age_band", f"{low}-{high} is not an ascending band of ages 1-90"))
    # (field, its value, the values the variation allows or None, the variation's field, the known values or None)
    checks: list[tuple[str, str | None, Collection[str] | None, str | None, Collection[str] | None]] = [
        ("person.gender", person.gender, variation.genders, "variation.genders", None),
        ("person.nationality", person.nationality, variation.nationalities, "variation.nationalities", vocab["nationalities"]),
        ("setting.country", setting.country, None, None, vocab["nationalities"]),
        ("setting.town_type", setting.town_type, variation.town_types or None, "variation.town_types", vocab["town_types"]),
        ("setting.sector", setting.sector, variation.sectors or None, "variation.sectors", vocab["sectors"]),
    ]
    for field, value, allowed, allowed_field, known in checks:
        if value is None:
            continue
        if known is not None and value not in known:
            found.append((field, f"unknown value {value!r}"))
        if allowed is not None and allowed_field is not None and value not in allowed:
            found.append((allowed_field, f"must include the case's own {field} {value!r}"))
    if not low <= person.age <= high:
        found.append(("variation.age_band", f"must include the person's age {person.age}"))
    for field, values, known in (
        ("variation.nationalities", variation.nationalities, vocab["nationalities"]),
        ("variation.town_types", variation.town_types, vocab["town_types"]),
        ("variation.sectors", variation.sectors, vocab["sectors"]),
    ):
        found += [(field, f"unknown value {value!r}") for value in values if value not in known]
    for lang in ("sv", "en"):
        used = placeholders_in(case.narrative.get(lang)) | placeholders_in(case.title.get(lang))
        unknown = used - PLACEHOLDERS
        if unknown:
            found.append((f"narrative.{lang}", f"unknown placeholder(s) {sorted(unknown)}; known: {sorted(PLACEHOLDERS)}"))
        if "sector" in used and setting.sector is None:
            found.append(("setting.sector", f"narrative.{lang} uses {{sector}} but the case names no sector"))
    return found

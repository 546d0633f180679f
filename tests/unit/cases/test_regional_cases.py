"""Cases across the region: cases set in Norway, Poland, Latvia and Finland, keyed to each country's regime.

The bank was almost all Swedish. These cases place the person in the other four countries whose
identification regimes the guidelines describe (ch. 4, lines 1124-1166), refer through that
country's own actors, and add borderline look-alikes where the signs of freedom are mixed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kit.cases.bank import BANK_DIR, load_bank, read_case
from kit.cases.intake import personal_data_in
from kit.cases.narrative import render, surface
from kit.cases.screening import screen
from support.seed import copied_runs, seed_lines

REGIONAL = {
    "NO": ("crime_no_boy_cannabis_park", "labour_no_fish_plant_dentist", "sex_no_woman_reception_centre_night_car",
           "lookalike_no_uncle_restaurant_long_days"),
    "PL": ("sex_pl_girl_seaside_hotel", "labour_pl_mushroom_farm_inspection", "benefit_pl_shelter_man_accounts_abroad",
           "lookalike_pl_airport_partner_holds_passport"),
    "LV": ("marriage_lv_returned_woman_social_office", "sex_lv_boy_older_man_flat",
           "crime_lv_library_ticket_back_to_stealing", "lookalike_lv_live_in_carer_returned"),
    "FI": ("servitude_fi_relative_nanny_child_health_clinic", "sex_fi_woman_ads_outreach_boyfriend",
           "crime_fi_cannabis_house_fire_inspection", "begging_fi_deaf_seller_shopping_centre",
           "lookalike_fi_teen_older_boyfriend_gifts"),
}
IDS = [case_id for ids in REGIONAL.values() for case_id in ids]
COUNTRY_OF = {case_id: country for country, ids in REGIONAL.items() for case_id in ids}
NATIONAL_SUFFIXES = ("_se", "_no", "_pl", "_lv", "_fi")  # an actor id ending so belongs to one country


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture(scope="module")
def regional(bank):
    missing = [case_id for case_id in IDS if case_id not in bank]
    assert not missing, f"regional cases missing from the bank: {missing}"
    return {case_id: bank[case_id] for case_id in IDS}


def regime_actors(kb, country: str) -> set[str]:
    """The actors a country's regime names: formal and potential identifiers and support providers."""
    regime = kb.get("regimes", country.lower())
    return set(regime.formal_identifiers) | set(regime.potential_identifiers) | set(regime.support_providers)


def cross_border(kb) -> set[str]:
    return {actor.id for actor in kb.actors if actor.sector == "international"}


def national_country(actor_id: str) -> str | None:
    """The country an actor belongs to, by its id (kcik_pl -> PL), or None for actors found everywhere."""
    return next((actor_id[-2:].upper() for suffix in NATIONAL_SUFFIXES if actor_id.endswith(suffix)), None)


def test_each_country_has_at_least_three_cases_and_the_file_says_where(regional):
    counts = Counter(case.setting.country for case in regional.values())
    assert all(counts[country] >= 3 for country in REGIONAL), counts
    for case_id, case in regional.items():
        assert case.setting.country == COUNTRY_OF[case_id], case_id
        assert f"_{COUNTRY_OF[case_id].lower()}_" in case_id, f"{case_id}: name it <form>_<country>_<slug>"
        assert case.source.kind == "authored", case_id
    per_country_trafficking = Counter(case.setting.country for case in regional.values() if case.truth.trafficking)
    assert all(per_country_trafficking[country] >= 3 for country in REGIONAL), per_country_trafficking


def test_at_least_four_borderline_lookalikes_one_per_country(regional):
    lookalikes = [case for case in regional.values() if not case.truth.trafficking]
    assert len(lookalikes) >= 4
    assert {case.setting.country for case in lookalikes} == set(REGIONAL)
    freedom = {"free_to_leave", "not_locked_in", "valid_papers", "paid_something"}
    for case in lookalikes:
        assert case.id.startswith("lookalike_") and case.resembles, case.id
        # borderline: the signs are mixed - warning signs in the key beside signs of freedom
        assert len(case.truth.indicators) >= 2, f"{case.id}: a borderline case shows warning signs"
        assert freedom & set(case.features), f"{case.id}: and some signs of freedom"
        assert case.difficulty == 3, f"{case.id}: a borderline look-alike is a hard case"


def test_the_regional_cases_vary_form_person_and_route(regional):
    trafficking = [case for case in regional.values() if case.truth.trafficking]
    forms = {form for case in trafficking for form in case.truth.forms}
    assert {"sexual_exploitation", "forced_labour", "forced_begging", "forced_criminality",
            "slavery_or_servitude", "sham_marriage", "benefit_fraud"} <= forms, forms
    assert {(case.person.gender, case.truth.minor) for case in trafficking} == {
        ("female", False), ("male", False), ("female", True), ("male", True)}
    assert any(case.person.nationality == case.setting.country for case in trafficking), "a country's own citizen"
    assert any(case.person.nationality != case.setting.country for case in trafficking), "a person from abroad"
    assert {case.difficulty for case in regional.values()} == {1, 2, 3}


def test_first_referrals_belong_to_the_countrys_regime_or_cross_border_bodies(kb, regional):
    """Trafficking: every first referral is an actor the country's regime names, a cross-border body or,
    for a child, child protection. Every case: nobody is sent to another country's national body."""
    international = cross_border(kb)
    for case_id, case in regional.items():
        country = case.setting.country
        allowed = regime_actors(kb, country) | international | ({"child_protection"} if case.truth.minor else set())
        if case.truth.trafficking:
            outside = [actor for actor in case.truth.first_referrals if actor not in allowed]
            assert not outside, f"{case_id}: {outside} are not actors of the {country} regime"
            assert any(actor in regime_actors(kb, country) for actor in case.truth.first_referrals), case_id
        for actor in case.truth.first_referrals + case.truth.acceptable_referrals:
            assert national_country(actor) in (None, country), f"{case_id}: {actor} belongs to another country"


def test_no_case_in_the_bank_is_referred_to_another_countrys_national_body(bank):
    wrong = [(case.id, actor) for case in bank.values()
             for actor in case.truth.first_referrals + case.truth.acceptable_referrals
             if national_country(actor) not in (None, case.setting.country)]
    assert not wrong, wrong


def test_the_referral_rule_catches_a_foreign_body(kb, regional):
    case = regional["labour_pl_mushroom_farm_inspection"]
    assert "regional_coordinator_se" not in regime_actors(kb, case.setting.country)
    assert national_country("regional_coordinator_se") == "SE" and national_country("kcik_pl") == "PL"
    assert national_country("local_police") is None and national_country("iom") is None


def test_the_formal_identifiers_of_poland_and_latvia_are_used(kb, regional):
    """Where a regime gives formal status, a trafficking case reaches a body that can identify or support."""
    for case_id, case in regional.items():
        regime = kb.get("regimes", case.setting.country.lower())
        if case.truth.trafficking and regime.formal_status:
            reachable = set(regime.formal_identifiers) | set(regime.support_providers)
            assert reachable & set(case.truth.first_referrals), case_id
        if case.truth.trafficking and case.setting.country == "FI" and not case.circumstances.resident:
            assert "national_assistance_system_fi" in case.truth.first_referrals, (
                f"{case_id}: a non-resident in Finland is helped directly by the national assistance system")


@pytest.mark.parametrize("case_id", IDS)
def test_every_regional_case_is_valid_and_anonymous(case_id):
    path = BANK_DIR / f"{case_id}.yaml"
    case, problems = read_case(path)
    assert not problems, [str(p) for p in problems]
    assert not personal_data_in(case, path.name)


@pytest.mark.parametrize("case_id", IDS)
def test_the_narrative_names_the_country_it_is_set_in(regional, case_id):
    case = regional[case_id]
    names = surface()["nationalities"][case.setting.country]
    for lang in ("sv", "en"):
        assert names[f"country_{lang}"] in render(case, lang)[1], f"{case_id}: the {lang} narrative names its country"


def test_screening_agrees_with_the_keys(regional):
    for case_id, case in regional.items():
        result = screen(case.truth.indicators, minor=case.truth.minor)
        assert result.reasonable_grounds is case.truth.trafficking, (case_id, case.truth.indicators)


def test_teaching_notes_restate_the_seed_and_cite_real_lines(kb, regional):
    lines = seed_lines()
    if not lines:
        pytest.skip("../shared/seed is absent")
    spans = {chapter.ref.chapter: chapter.ref.lines for chapter in kb.chapters}
    for case_id, case in regional.items():
        for field in ("narrative", "teaching_note"):
            for lang in ("sv", "en"):
                runs = copied_runs(getattr(case, field).get(lang))
                assert not runs, f"{case_id}.{field}.{lang}: 12+ words copied from the seed: {runs[:2]}"
        for ref in case.teaching_refs:
            start, end = ref.lines
            low, high = spans[ref.chapter]
            assert low <= start <= end <= high, f"{case_id}: lines {start}-{end} lie outside chapter {ref.chapter}"
            assert any(line.strip() for line in lines[start - 1:end]), f"{case_id}: lines {start}-{end} are blank"


def test_the_files_are_named_after_their_ids():
    names = {path.stem for path in Path(BANK_DIR).glob("*.yaml")}
    assert set(IDS) <= names

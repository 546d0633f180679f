"""anonymise(): personal data goes, ordinary case text stays exactly as it was, a second pass finds nothing."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import pytest

from kit.cases.anonymiser import Finding, anonymise

from .texts import (
    ENGLISH_PARAGRAPHS,
    MIXED_CASE,
    PLANTED,
    SWEDISH_PARAGRAPHS,
    placeholder,
    planted_id,
    random_texts,
)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("case", PLANTED, ids=planted_id)
def test_planted_data_is_replaced_and_the_rest_is_intact(kb, case, lang):
    kind, text, secret = case
    clean, findings = anonymise(text, lang)
    expected_placeholder = placeholder(kb, kind, lang)
    assert secret not in clean
    assert clean == text.replace(secret, expected_placeholder)
    assert findings == [Finding(kind, text.index(secret), text.index(secret) + len(secret), expected_placeholder)]


def test_the_placeholder_language_follows_lang_not_the_text(kb):
    text = "Hon nås på 070-123 45 67."
    assert placeholder(kb, "phone", "sv") != placeholder(kb, "phone", "en")
    assert anonymise(text, "sv")[0] == f"Hon nås på {placeholder(kb, 'phone', 'sv')}."
    assert anonymise(text, "en")[0] == f"Hon nås på {placeholder(kb, 'phone', 'en')}."
    assert anonymise(text)[0] == anonymise(text, "sv")[0]  # Swedish by default


@pytest.mark.parametrize("text", [*SWEDISH_PARAGRAPHS.split("\n\n"), *ENGLISH_PARAGRAPHS.split("\n\n")])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_realistic_case_paragraphs_come_out_unchanged(text, lang):
    assert anonymise(text, lang) == (text, [])


def test_findings_point_at_the_removed_spans_in_the_original_and_do_not_overlap():
    clean, findings = anonymise(MIXED_CASE)
    assert findings == sorted(findings, key=lambda f: f.start)
    assert all(a.end <= b.start for a, b in pairwise(findings))
    assert {f.kind for f in findings} == {
        "person_name", "identity_number", "date", "address", "postcode", "phone", "email",
        "vehicle_registration", "bank_account", "passport_number",
    }
    rebuilt, position = [], 0
    for finding in findings:
        rebuilt += [MIXED_CASE[position : finding.start], finding.replacement]
        position = finding.end
    assert "".join(rebuilt) + MIXED_CASE[position:] == clean
    for secret in ("Kowalska", "850709", "Storgatan", "070-123", "anna.k@", "Bērziņš", "ABC 123", "SE45", "AB1234567",
                   "Ivanova", "601 234", "High Street", "SW1A", "March 5"):
        assert secret not in clean
    assert "Göteborg" in clean and "Romania" in clean and "Oslo" in clean


def test_a_finding_carries_no_personal_data():
    assert [field.name for field in dataclasses.fields(Finding)] == ["kind", "start", "end", "replacement"]
    _clean, findings = anonymise("Anna Kowalska, 070-123 45 67.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].kind = "x"  # type: ignore[misc]
    assert all("Kowalska" not in repr(f) and "070" not in repr(f) for f in findings)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_anonymising_is_idempotent(lang):
    for text in random_texts(40):
        clean, _findings = anonymise(text, lang)
        assert anonymise(clean, lang) == (clean, [])


def test_anonymising_generated_case_notes_is_idempotent_and_offsets_rebuild_the_text():
    from faker import Faker

    fake = Faker(["sv_SE", "pl_PL", "lv_LV", "ro_RO", "en_GB"])
    fake.seed_instance(36)
    for _ in range(60):
        text = (
            f"{fake.name()} ({fake.phone_number()}, {fake.email()}) bodde på {fake.street_address()}, "
            f"{fake.postcode()} {fake.city()}. Den {fake.date()} kom {fake.first_name()} till {fake.country()}. "
            f"{fake.sentence()}"
        )
        clean, findings = anonymise(text)
        rebuilt, position = [], 0
        for finding in findings:
            rebuilt += [text[position : finding.start], finding.replacement]
            position = finding.end
        assert "".join(rebuilt) + text[position:] == clean
        assert anonymise(clean) == (clean, [])


@pytest.mark.parametrize("lang", ["de", "", "SV", None])
def test_an_unsupported_lang_is_refused_naming_the_allowed_values(lang):
    with pytest.raises(ValueError, match=r"'sv'.*'en'"):
        anonymise("Anna Kowalska", lang)  # type: ignore[arg-type]


def test_empty_text():
    assert anonymise("") == ("", [])
    assert anonymise("", "en") == ("", [])

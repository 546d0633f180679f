"""The anonymiser's detectors of structured data: each kind goes, lookalikes and ordinary numbers stay."""

from __future__ import annotations

import pytest

from kit.cases.anonymiser import anonymise

from .texts import ORDINARY_SENTENCES, placeholder


@pytest.mark.parametrize("text", ORDINARY_SENTENCES)
def test_ordinary_numbers_places_and_vague_times_stay(text):
    assert anonymise(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "Ordernumret 851309-1234 gällde en leverans.",  # month 13: not a personnummer
        "Bolagets organisationsnummer är 556677-8899.",  # month 66: an organisation, not a person
        "i mars", "in 2019", "last spring", "för två år sedan", "i mars 2019", "in March 2019",
        "The report covered the years 2015-2020 and 120 cases.",
        "Beloppet var 12 345 kronor och 12345 personer påverkades.",
        "Summan, 123 45 Euro, betalades ut.",
        "Hon arbetade 10-12 timmar om dagen, 20-30 dagar i månaden.",
        "Version 1.2.24 av blanketten används.",
    ],
)
def test_lookalikes_of_personal_data_stay(text):
    assert anonymise(text) == (text, [])


def test_a_typo_in_the_luhn_digit_still_removes_the_number_but_a_phone_number_wins_its_span():
    # 0701234567 has a valid date part (07-01-23) but a wrong Luhn digit: it is read as a phone number.
    assert [f.kind for f in anonymise("Ring 0701234567.")[1]] == ["phone"]
    # 0701234569 passes the Luhn check, so the same spelling is taken as an identity number (still removed).
    assert [f.kind for f in anonymise("Nummer 0701234569.")[1]] == ["identity_number"]


def test_an_invalid_iban_stays_unless_the_word_iban_signals_it():
    assert anonymise("Koden SE45 5000 0000 0583 9825 7467 gällde en faktura.")[1] == []
    _clean, findings = anonymise("IBAN: SE45 5000 0000 0583 9825 7467", "en")
    assert [f.kind for f in findings] == ["bank_account"]


def test_overlapping_patterns_keep_the_longer_match(kb):
    text = "Hon bodde på Kungsvägen 3 lgh 1102, 411 01 Göteborg, och ringde +46 70 123 45 67."
    clean, findings = anonymise(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [
        ("address", "Kungsvägen 3 lgh 1102"),
        ("postcode", "411 01"),
        ("phone", "+46 70 123 45 67"),
    ]
    assert clean == (
        f"Hon bodde på {placeholder(kb, 'address', 'sv')}, {placeholder(kb, 'postcode', 'sv')} Göteborg, "
        f"och ringde {placeholder(kb, 'phone', 'sv')}."
    )

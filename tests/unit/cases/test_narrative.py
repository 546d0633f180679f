"""Narrative templates: person words by gender and age, both languages, English articles."""

from __future__ import annotations

import pytest

from kit.cases.narrative import PLACEHOLDERS, fill, placeholders_in

DETAILS = dict(nationality="RO", town_type="port_city", sector="restaurants")


@pytest.mark.parametrize("gender, age, sv, en", [
    ("female", 30, "En 30-årig rumänsk kvinna. Hon", "A 30-year-old Romanian woman. She"),
    ("male", 30, "En 30-årig rumänsk man. Han", "A 30-year-old Romanian man. He"),
    ("female", 15, "En 15-årig rumänsk flicka. Hon", "A 15-year-old Romanian girl. She"),
    ("male", 11, "En 11-årig rumänsk pojke. Han", "An 11-year-old Romanian boy. He"),
])
def test_person_words(gender, age, sv, en):
    template = {"sv": "En {age}-årig {nationality} {person}. {She}", "en": "A {age}-year-old {nationality} {person}. {She}"}
    assert fill(template["sv"], "sv", gender=gender, age=age, **DETAILS) == sv
    assert fill(template["en"], "en", gender=gender, age=age, **DETAILS) == en


def test_setting_words():
    text = fill("i {town}, inom {sector}, från {country}, {nationality_pl} män", "sv", gender="male", age=40, **DETAILS)
    assert text == "i en hamnstad, inom restaurangbranschen, från Rumänien, rumänska män"
    text = fill("in {town}, in {sector}, from {country}", "en", gender="male", age=40, **DETAILS)
    assert text == "in a port city, in the restaurant trade, from Romania"


def test_placeholders_are_known():
    assert placeholders_in("{she} saw {her_poss} {The_person}") <= PLACEHOLDERS
    assert "years" not in PLACEHOLDERS

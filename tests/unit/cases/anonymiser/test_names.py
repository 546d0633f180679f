"""The anonymiser's name detector: names in every spelling go, ordinary capitalised words stay."""

from __future__ import annotations

import pytest

from kit.cases.anonymiser import anonymise

from .texts import placeholder


@pytest.mark.parametrize(
    "text",
    [
        "Will she return? Mark the date.",
        "Hope was fading. Grace periods do not apply.",
        "Hans mamma ringde till socialtjänsten.",
        "Maj är en vacker månad.",
        "Inga av dem hade kontrakt.",
        "Per dag fick de 100 kronor.",
        "Bill the client for the interpreter.",
    ],
)
def test_a_sentence_initial_ordinary_word_alone_is_not_a_name(text):
    assert anonymise(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maj Andersson ringde från Uppsala.", "Maj Andersson"),  # followed by a name: a name
        ("Socialsekreteraren träffade Maj i går.", "Maj"),  # "Maj" inside a sentence is the name (maj: month)
        ("Hans Lindqvist var förman på gården.", "Hans Lindqvist"),
        ("The woman who called herself Rose Okafor had no papers.", "Rose Okafor"),
        ("Theresa May visited the shelter.", "Theresa May"),
        ("Michael Jordan was named as the recruiter.", "Michael Jordan"),
        ("Annas mamma ringde till skolan.", "Annas"),
    ],
)
def test_names_that_are_also_ordinary_words(kb, text, name):
    clean, findings = anonymise(text, "en")
    assert clean == text.replace(name, placeholder(kb, "person_name", "en"))
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("person_name", name)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sergej Petrov och Yuliia Tymoshenko kom från Kyiv.", ["Sergej Petrov", "Yuliia Tymoshenko"]),  # Cyrillic
        ("Janis Berzins and Anna-Karin Lindqvist met in Riga.", ["Janis Berzins", "Anna-Karin Lindqvist"]),
        ("Hon kallades Anna Brzęczyszczykiewicz på bygget.", ["Anna Brzęczyszczykiewicz"]),  # unknown surname
        ("Arbetsledaren Mart Saar betalade ut lönen.", ["Mart Saar"]),  # unknown first name before a surname
        ("The case officer spoke to Mr Okonkwo twice.", ["Okonkwo"]),  # after an honorific
        ("Tomas Petrauskas kom 2019. Petrauskas arbetade sedan i Malmö.", ["Tomas Petrauskas", "Petrauskas"]),
        ("Guðrún Jónsdóttir och Azamat Bekov bodde i samma hus.", ["Guðrún Jónsdóttir", "Azamat Bekov"]),
    ],
)
def test_names_in_other_spellings_and_contexts(text, names):
    _clean, findings = anonymise(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("person_name", name) for name in names]


def test_the_name_source_is_built_from_faker_locales_with_derived_forms():
    from kit.cases.name_source import NAME_LOCALES, name_source

    source = name_source()
    region = {"sv_SE", "pl_PL", "lv_LV", "lt_LT", "et_EE", "fi_FI", "ro_RO", "ru_RU", "uk_UA", "uz_UZ"}
    assert region <= set(NAME_LOCALES)
    assert len(source.first_names) > 10_000 and len(source.last_names) > 10_000
    assert {"Kowalski", "Kowalska", "Bērziņš", "Berzins", "Sergej", "Sergey", "Ivanova"} <= source.names
    assert {"Sverige", "Göteborg", "Riga", "Kalmar"} <= source.places  # towns are never names on their own

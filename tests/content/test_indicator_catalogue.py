"""The indicator catalogue: further signs point at seed lines that say what they claim, signs of every
form are keyable on any form, and every form has a purpose indicator the screening aid can use."""

from __future__ import annotations

import pytest

from support.seed import seed_lines

# Each further sign, and words its seed lines must hold (lower case) for the reference to be true.
FURTHER_SIGNS = {
    "debt_cannot_be_paid_off": ("skuldsättning ökar", "kontrolleras"),
    "confined_or_isolated": ("inte gå ut ensamma",),
    "third_party_controls_selling_sex": ("hallick",),
    "promised_job_did_not_exist": ("ljugit för dem om den verkliga arten",),
    "depends_on_exploiter": ("helt beroende", "avgörande inflytande"),
    "bought_or_sold": ("hade betalat för dem",),
    "identity_used_for_benefits_or_loans": ("identitetsstöld", "bidragsbedrägerier"),
    "organ_removal_arranged": ("avlägsnande av organ",),
    "married_off_for_others_gain": ("giftes bort",),
}
# Signs the seed gives for one form that control a person whatever the exploitation is (issue 13).
EVERY_FORM = (
    "identity_documents_withheld_sexual", "identity_documents_withheld_labour", "identity_documents_withheld_begging",
    "debt_cannot_be_paid_off", "threats_of_violence_sexual", "threatened_with_deportation_sexual", "confined_or_isolated",
)


def test_the_further_signs_are_exactly_the_listed_ones(kb):
    assert {i.id for i in kb.indicators if i.group == "further_signs"} == set(FURTHER_SIGNS)


@pytest.mark.parametrize("indicator_id, phrases", FURTHER_SIGNS.items(), ids=list(FURTHER_SIGNS))
def test_a_further_sign_points_at_seed_lines_that_say_it(kb, indicator_id, phrases):
    lines = seed_lines()
    if not lines:
        pytest.skip("../shared/seed is absent")
    start, end = kb.get("indicators", indicator_id).ref.lines
    text = " ".join(line.strip() for line in lines[start - 1 : end]).lower()
    for phrase in phrases:
        assert phrase in text, f"{indicator_id}: seed lines {start}-{end} do not say {phrase!r}"


def test_signs_of_every_form_may_be_keyed_on_any_form(kb):
    for indicator_id in EVERY_FORM:
        assert kb.get("indicators", indicator_id).any_form, indicator_id
    for indicator in kb.indicators:
        if indicator.group == "general" and indicator.element != "context":
            assert indicator.any_form, f"{indicator.id}: a general indicator applies to every form"


def test_every_form_has_a_strong_purpose_indicator(kb):
    for form in kb.ids("forms"):
        assert any(i.element == "purpose" and i.strength == "strong" and (i.any_form or form in i.forms)
                   for i in kb.indicators), form


def test_every_grade_has_a_rationale_in_both_languages_and_the_forms_exist(kb):
    forms = set(kb.ids("forms"))
    for indicator in kb.indicators:
        assert indicator.strength_rationale.sv.strip() and indicator.strength_rationale.en.strip(), indicator.id
        assert set(indicator.forms) <= forms, indicator.id
    assert kb.ui("value.further_signs", "sv") and kb.ui("value.further_signs", "en")

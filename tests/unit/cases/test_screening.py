"""The screening aid: the ILO/EC-style combination rule, reasonable grounds for adults and children,
its wording, and its agreement with the answer keys over the whole case bank."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.cases.bank import load_bank
from kit.cases.screening import element_indicated, element_supported, screen
from kit.content import load
from kit.content.knowledge_base import UnknownIdError

BANK = load_bank()
TRAFFICKING = sorted(case_id for case_id, case in BANK.items() if case.truth.trafficking)
LOOKALIKES = sorted(case_id for case_id, case in BANK.items() if not case.truth.trafficking)
INDICATOR_IDS = load().ids("indicators")


@pytest.mark.parametrize("strong, medium, weak", list(itertools.product(range(3), range(4), range(3))))
def test_the_combination_rule(strong, medium, weak):
    expected = strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)
    assert element_supported(strong, medium, weak) is expected
    assert element_indicated(strong, medium, weak) is (expected or strong >= 1)


def by(kb, element, strength):
    return [i.id for i in kb.indicators if i.element == element and i.strength == strength]


def test_reasonable_grounds_need_purpose_and_means_for_adults(kb):
    means = by(kb, "means", "strong")[:2]
    purpose = by(kb, "purpose", "strong")[:2]
    assert screen(means + purpose).reasonable_grounds
    assert not screen(purpose).reasonable_grounds, "no means: no grounds for an adult"
    assert not screen(means).reasonable_grounds, "no purpose: no grounds at all"
    assert screen(purpose, minor=True).reasonable_grounds
    result = screen(means + purpose + by(kb, "context", "weak")[:2])
    assert result.elements["means"].supported and result.elements["purpose"].supported
    assert len(result.context) == 2


def test_one_supported_element_and_one_strong_sign_of_the_other_are_grounds_for_an_adult(kb):
    one_means, one_purpose = by(kb, "means", "strong")[:1], by(kb, "purpose", "strong")[:1]
    assert screen(by(kb, "means", "strong")[:2] + one_purpose).reasonable_grounds
    assert screen(one_means + by(kb, "purpose", "strong")[:2]).reasonable_grounds
    assert not screen(one_means + one_purpose).reasonable_grounds, "neither element supported"
    medium_only = by(kb, "means", "medium")[:1] + by(kb, "purpose", "strong")[:2]
    assert not screen(medium_only).reasonable_grounds, "a single medium sign does not indicate the means"


def test_a_child_in_exploitation_of_any_form_has_grounds_without_means(kb):
    """Every form has a strong purpose indicator a case of that form may key; for a child it alone
    is grounds (no means are needed under 18), for an adult it is not."""
    for form in kb.ids("forms"):
        strong_purpose = [i.id for i in kb.indicators if i.element == "purpose" and i.strength == "strong"
                          and (i.any_form or form in i.forms)]
        assert strong_purpose, f"no strong purpose indicator for {form}"
        for indicator_id in strong_purpose:
            assert screen([indicator_id], minor=True).reasonable_grounds, (form, indicator_id)
            assert not screen([indicator_id], minor=False).reasonable_grounds, (form, indicator_id)


def test_a_child_selling_sex_for_someone_else_has_grounds_the_selling_alone_is_weak(kb):
    assert screen(["sells_sexual_services", "third_party_controls_selling_sex"], minor=True).reasonable_grounds
    assert not screen(["sells_sexual_services"], minor=False).reasonable_grounds
    assert kb.get("indicators", "sells_sexual_services").strength == "weak"
    assert kb.get("indicators", "third_party_controls_selling_sex").element == "purpose"


def test_explanation_is_labelled_as_screening_in_both_languages(kb):
    result = screen(by(kb, "means", "strong")[:1])
    sv, en = result.explanation("sv"), result.explanation("en")
    assert sv[0].startswith("Screeningstöd, inte en juridisk bedömning")
    assert en[0].startswith("Screening support, not a legal determination")
    assert "two strong indicators" in en[1] and "own practice" in en[1]
    assert any(line.startswith("Means: a strong indicator points this way, but the element is not supported yet") for line in en)
    assert any(line.startswith("Purpose: not supported yet") for line in en)
    assert sv[-1].startswith("Indikatorerna räcker ännu inte för rimliga skäl att misstänka människohandel")


def test_a_childs_explanation_says_no_means_are_needed_and_concern_is_reported(kb):
    result = screen(by(kb, "purpose", "strong")[:1], minor=True)
    sv, en = result.explanation("sv"), result.explanation("en")
    assert any("inga medel behöver visas" in line and "socialtjänsten" in line and "samtycka" in line for line in sv)
    assert any("no means need to be shown" in line and "social services" in line and "consent" in line for line in en)
    assert sv[-1].startswith("Det finns rimliga skäl att misstänka människohandel")
    assert en[-1].startswith("There are reasonable grounds to suspect trafficking")


def test_screening_text_uses_one_threshold_term_and_the_middle_grade_mattlig(kb):
    """"rimliga skäl (att misstänka människohandel)", never the criminal-procedure "skälig misstanke"
    or "skälig anledning"; the middle grade "måttlig", never "medel" (which means "means")."""
    screening = {key: text for key, text in kb.ui_strings.items() if key.startswith("screening.")}
    assert {"screening.rule", "screening.grounds_yes", "screening.grounds_no", "screening.minor_note"} <= set(screening)
    for key, text in screening.items():
        sv = text.sv.lower()
        assert "skälig" not in sv, key
        for word in ("medel:", "en medel", "tre medel", "två medel"):
            assert word not in sv, (key, word)
    for key in ("screening.rule", "screening.grounds_yes", "screening.grounds_no", "screening.minor_note"):
        assert "rimliga skäl att misstänka människohandel" in screening[key].sv, key
        assert "reasonable grounds" in screening[key].en, key
    for key in ("screening.supported", "screening.indicated", "screening.not_supported"):
        assert "måttliga: {medium}" in screening[key].sv, key
    assert "en stark och en måttlig eller svag, tre måttliga, eller två måttliga och en svag" in screening["screening.rule"].sv


def test_unknown_indicator_is_refused():
    with pytest.raises(UnknownIdError, match="unknown indicators id 'gut_feeling'"):
        screen(["gut_feeling"])


# --- agreement with the answer keys, over the whole bank (new cases included) ---------------------

@pytest.mark.parametrize("case_id", TRAFFICKING)
def test_every_trafficking_case_screens_to_reasonable_grounds_from_its_own_key(case_id):
    truth = BANK[case_id].truth
    result = screen(truth.indicators, minor=truth.minor)
    assert result.reasonable_grounds, (
        f"{case_id}: its key's indicators do not reach reasonable grounds: "
        + "; ".join(f"{e} strong/medium/weak = {len(s.strong)}/{len(s.medium)}/{len(s.weak)}"
                    for e, s in result.elements.items()))


def flagged_lookalikes() -> list[str]:
    return [case_id for case_id in LOOKALIKES
            if screen(BANK[case_id].truth.indicators, minor=BANK[case_id].truth.minor).reasonable_grounds]


def test_at_most_one_lookalike_in_ten_screens_positive():
    assert len(LOOKALIKES) >= 10
    flagged = flagged_lookalikes()
    assert len(flagged) * 10 <= len(LOOKALIKES), f"{len(flagged)} of {len(LOOKALIKES)} look-alikes screen positive: {flagged}"


@pytest.mark.parametrize("case_id", LOOKALIKES)
def test_a_lookalike_the_aid_flags_says_why_in_its_teaching_note(case_id):
    """A look-alike whose key screens positive explains, in both languages, why the screening aid
    over-flags it (the note names the screening aid)."""
    case = BANK[case_id]
    if not screen(case.truth.indicators, minor=case.truth.minor).reasonable_grounds:
        return
    assert "screeningstöd" in case.teaching_note.sv.lower(), f"{case_id}: the Swedish note does not say why the screening aid flags it"
    assert "screening aid" in case.teaching_note.en.lower(), f"{case_id}: the English note does not say why the screening aid flags it"


# --- the rule is monotone ---------------------------------------------------------------------------

indicator_sets = st.lists(st.sampled_from(INDICATOR_IDS), unique=True, max_size=12)


@settings(max_examples=300, deadline=None)
@given(ticked=indicator_sets, more=indicator_sets, minor=st.sampled_from([None, False, True]))
def test_adding_indicators_never_removes_grounds(ticked, more, minor):
    if screen(ticked, minor=minor).reasonable_grounds:
        assert screen(ticked + more, minor=minor).reasonable_grounds
    before, after = screen(ticked, minor=minor).elements, screen(ticked + more, minor=minor).elements
    for element, support in before.items():
        assert support.supported <= after[element].supported and support.indicated <= after[element].indicated


@settings(max_examples=200, deadline=None)
@given(ticked=indicator_sets)
def test_a_child_never_has_fewer_grounds_than_an_adult(ticked):
    if screen(ticked, minor=False).reasonable_grounds:
        assert screen(ticked, minor=True).reasonable_grounds
    assert screen(ticked, minor=None).reasonable_grounds == screen(ticked, minor=False).reasonable_grounds

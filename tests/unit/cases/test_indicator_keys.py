"""Which indicators a case may key: those of its forms, and the signs of every form on any case."""

from __future__ import annotations

import pytest

from kit.cases.bank import CaseError, load_bank, load_case

MODEL_INDICATOR = "    - identity_documents_withheld_labour"  # the model case is a sham marriage and servitude


def problems(path) -> list[str]:
    try:
        load_case(path)
    except CaseError as error:
        return [str(p) for p in error.problems]
    return []


def test_a_sign_of_every_form_may_be_keyed_on_a_case_of_another_form(kb, model_text, write_case):
    indicator = kb.get("indicators", "hands_over_earnings")
    assert indicator.any_form and not {"sham_marriage", "slavery_or_servitude"} & set(indicator.forms)
    assert problems(write_case(model_text, (MODEL_INDICATOR, "    - hands_over_earnings"))) == []


def test_a_sign_of_other_forms_only_is_still_refused(kb, model_text, write_case):
    assert not kb.get("indicators", "forced_to_beg_or_commit_crimes").any_form
    found = problems(write_case(model_text, (MODEL_INDICATOR, "    - forced_to_beg_or_commit_crimes")))
    assert any(p.startswith("case.yaml:truth.indicators[0]: 'forced_to_beg_or_commit_crimes' belongs to none of the case's forms")
               and p.endswith("and is not a sign of every form") for p in found), found


@pytest.mark.parametrize("case_id, shown", [
    ("organ_kidney_debt_hospital", {"identity_documents_withheld_begging", "debt_cannot_be_paid_off", "organ_removal_arranged"}),
    ("benefit_recruited_abroad_identities_used", {"identity_documents_withheld_begging", "debt_cannot_be_paid_off",
                                                 "identity_used_for_benefits_or_loans"}),
])
def test_organ_and_benefit_cases_carry_the_signs_their_narratives_show(case_id, shown):
    assert shown <= set(load_bank()[case_id].truth.indicators)

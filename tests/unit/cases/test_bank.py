"""The case bank: every case valid and anonymous; the Palermo consistency check refuses bad truths."""

from __future__ import annotations

from collections import Counter

import pytest

from kit.cases.bank import CaseError, load_bank, load_case


def problems(path) -> list[str]:
    with pytest.raises(CaseError) as caught:
        load_case(path)
    return [str(p) for p in caught.value.problems]


def test_the_bank_loads(kb):
    bank = load_bank()
    assert len(bank) >= 55
    sources = Counter(case.source.kind for case in bank.values())
    assert sources["seed"] == 5
    lookalikes = [c for c in bank.values() if not c.truth.trafficking]
    assert len(lookalikes) >= 10
    assert sum(1 for c in bank.values() if c.truth.trafficking and c.source.kind == "authored") >= 40


def test_the_bank_covers_what_the_issue_asks():
    bank = list(load_bank().values())
    forms = Counter(form for case in bank for form in case.truth.forms)
    assert set(forms) == {"sexual_exploitation", "forced_labour", "slavery_or_servitude", "organ_removal",
                          "forced_begging", "forced_criminality", "sham_marriage", "benefit_fraud"}
    people = {(c.person.gender, c.truth.minor) for c in bank if c.truth.trafficking}
    assert people == {("female", False), ("male", False), ("female", True), ("male", True)}
    assert any(len(c.truth.forms) > 1 and {"forced_labour", "sexual_exploitation"} <= set(c.truth.forms) for c in bank)
    assert any(c.truth.trafficking and c.person.nationality == c.setting.country for c in bank), "internal trafficking"
    assert {c.difficulty for c in bank} == {1, 2, 3}
    assert any("smuggled" in c.features and not c.truth.trafficking for c in bank), "a smuggling look-alike"


def test_narratives_render_in_both_languages_without_placeholders_left():
    from kit.cases.narrative import render

    for case in load_bank().values():
        for lang in ("sv", "en"):
            title, narrative = render(case, lang)
            assert "{" not in title + narrative and "}" not in title + narrative, case.id
            assert len(narrative.split()) >= 60, f"{case.id}: narrative too short in {lang}"
        sv, en = (len(render(case, lang)[1].split()) for lang in ("sv", "en"))
        assert 0.6 < sv / en < 1.6, f"{case.id}: the two narratives differ too much in length ({sv} vs {en} words)"


def test_the_model_case_loads(model_text, write_case):
    case = load_case(write_case(model_text))
    assert case.truth.trafficking and case.person.age == 36


def test_malformed_yaml_names_the_line(model_text, write_case):
    found = problems(write_case(model_text, ("difficulty: 1", "difficulty: [1")))
    assert found and found[0].startswith("case.yaml:line ") and "malformed YAML" in found[0]


def test_adult_trafficking_without_means_is_refused(model_text, write_case):
    found = problems(write_case(model_text, ("  means: [deception, other_coercion]", "  means: []")))
    assert any(p.startswith("case.yaml:truth.means: an adult's trafficking needs at least one means") for p in found), found


def test_trafficking_without_act_or_purpose_is_refused(model_text, write_case):
    found = problems(write_case(model_text, ("  act: [recruitment, transport, harbouring]", "  act: []"),
                                ("  purpose: [sham_marriage, slavery_or_servitude]", "  purpose: []")))
    assert any(p.startswith("case.yaml:truth.act: trafficking needs at least one act") for p in found)
    assert any(p.startswith("case.yaml:truth.purpose: trafficking needs a purpose") for p in found)


def test_purpose_outside_the_forms_is_refused(model_text, write_case):
    found = problems(write_case(model_text, ("  purpose: [sham_marriage, slavery_or_servitude]", "  purpose: [sham_marriage, forced_begging]")))
    assert "case.yaml:truth.purpose: purpose 'forced_begging' is not among the forms ['sham_marriage', 'slavery_or_servitude']" in found


def test_unknown_ids_are_refused(model_text, write_case):
    found = problems(write_case(model_text, ("    - identity_documents_withheld_labour", "    - passport_gone"),
                                ("first_referrals: [local_police]", "first_referrals: [local_police, sheriff]"),
                                ("acceptable_referrals: [ngos]", "acceptable_referrals: [ngos, marshal]")))
    assert "case.yaml:truth.indicators[0]: unknown indicator id 'passport_gone'" in found
    assert "case.yaml:truth.first_referrals[1]: unknown actor id 'sheriff'" in found
    assert "case.yaml:truth.acceptable_referrals[1]: unknown actor id 'marshal'" in found
    found = problems(write_case(model_text, ("  means: [deception, other_coercion]", "  means: [deception, blackmail]")))
    assert any(p.startswith("case.yaml:truth.means[1]: Invalid enum value 'blackmail'") for p in found), found


def test_an_actor_is_either_a_first_or_an_acceptable_referral(model_text, write_case):
    found = problems(write_case(model_text, ("acceptable_referrals: [ngos]", "acceptable_referrals: [ngos, local_police]")))
    assert "case.yaml:truth.acceptable_referrals[1]: 'local_police' is already a first referral: an actor is either required first or acceptable" in found


def test_indicator_of_another_form_is_refused(model_text, write_case):
    found = problems(write_case(model_text, ("    - identity_documents_withheld_labour", "    - sells_sexual_services")))
    assert any("'sells_sexual_services' belongs to none of the case's forms" in p for p in found), found


def test_a_minor_must_go_to_child_protection_and_age_must_match(model_text, write_case):
    found = problems(write_case(model_text, ("person: {gender: female, age: 36, nationality: LV}", "person: {gender: female, age: 16, nationality: LV}")))
    assert "case.yaml:truth.minor: says False but the person is 16" in found
    assert any(p.startswith("case.yaml:variation.age_band: must include the person's age 16") for p in found)


def test_not_trafficking_with_every_element_is_refused(model_text, write_case):
    found = problems(write_case(model_text, ("  trafficking: true", "  trafficking: false")))
    assert any(p.startswith("case.yaml:truth.trafficking: false, but act, purpose and means are present") for p in found), found


def test_unknown_placeholder_and_surface_value(model_text, write_case):
    found = problems(write_case(model_text, ("En {age}-årig", "En {years}-årig"), ("nationalities: [LV,", "nationalities: [LV, ZZ,")))
    assert any(p.startswith("case.yaml:narrative.sv: unknown placeholder(s) ['years']") for p in found), found
    assert "case.yaml:variation.nationalities: unknown value 'ZZ'" in found


def test_a_broken_file_does_not_hide_the_others(tmp_path, model_text):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "seed_promised_childcare_job_sham_marriage.yaml").write_text(model_text, encoding="utf-8")
    (bank / "broken.yaml").write_text("id: [", encoding="utf-8")
    (bank / "other.yaml").write_text(model_text.replace("difficulty: 1", "difficulty: 7"), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_bank(bank)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith("broken.yaml:line") for p in found)
    assert any(p.startswith("other.yaml:difficulty: Expected `int` <= 3") for p in found), found


def test_public_functions_are_reachable_from_the_package():
    import kit.cases

    assert kit.cases.load_bank is load_bank
    assert callable(kit.cases.variant) and callable(kit.cases.score_answer) and callable(kit.cases.screen)

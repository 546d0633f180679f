"""Scoring: the truth scores 1, nothing scores 0, a correct item never lowers the score; feedback explains."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.cases.bank import load_bank
from kit.cases.scoring import SETS, AnswerError, score_answer

BANK = load_bank()
CASE_IDS = sorted(BANK)


def truth_answer(case) -> dict:
    answer = msgspec.structs.asdict(case.truth)
    del answer["acceptable_referrals"]  # part of the key, not an answer
    return answer


def test_the_truth_scores_exactly_one_for_every_case():
    for case in BANK.values():
        assert score_answer(case, truth_answer(case)).total == 1.0, case.id


def test_an_empty_answer_scores_zero():
    for case in BANK.values():
        assert score_answer(case, {}).total == 0.0
        assert score_answer(case, None).total == 0.0


def vocabulary(kb) -> dict[str, list[str]]:
    return {
        "act": [t.id for t in kb.palermo_terms if t.element == "act"],
        "means": [t.id for t in kb.palermo_terms if t.element == "means"],
        "purpose": kb.ids("forms"), "forms": kb.ids("forms"),
        "indicators": kb.ids("indicators"), "first_referrals": kb.ids("actors"),
    }


@st.composite
def case_and_answer(draw):
    from kit.content import load

    vocab = vocabulary(load())
    case = BANK[draw(st.sampled_from(CASE_IDS))]
    answer = {key: draw(st.none() | st.booleans()) for key in ("trafficking", "minor")}
    for key in SETS:
        answer[key] = draw(st.none() | st.lists(st.sampled_from(vocab[key]), max_size=6))
    return case, answer


@settings(max_examples=300, deadline=None)
@given(case_and_answer())
def test_score_is_in_range_and_adding_a_correct_item_never_lowers_it(pair):
    case, answer = pair
    score = score_answer(case, answer).total
    assert 0.0 <= score <= 1.0
    for key in SETS:
        missing = set(getattr(case.truth, key)) - set(answer[key] or [])
        for item in missing:
            better = dict(answer, **{key: [*(answer[key] or []), item]})
            assert score_answer(case, better).total >= score, (key, item)


def test_the_verdict_weighs_most():
    case = BANK["seed_promised_childcare_job_sham_marriage"]
    only_verdict = score_answer(case, {"trafficking": True}).total
    for key in SETS:
        only_set = score_answer(case, {key: list(getattr(case.truth, key))}).total
        assert only_verdict > only_set


def test_partial_credit_and_feedback_points_to_the_seed():
    case = BANK["seed_promised_childcare_job_sham_marriage"]
    answer = truth_answer(case) | {"means": ["deception", "fraud"]}
    score = score_answer(case, answer)
    means = score.elements["means"]
    assert means.correct == ("deception",) and means.missed == ("other_coercion",) and means.wrong == ("fraud",)
    assert 0 < means.score < 1 and 0.9 < score.total < 1
    messages = {f.code: f for f in score.feedback if f.element == "means"}
    assert "Andra former av tvång" in messages["missed"].message("sv")
    assert "Fraud" in messages["wrong"].message("en") and messages["wrong"].ref.chapter == 2


@pytest.mark.parametrize("answer, error", [
    ({"verdict": True}, "unknown answer key"),
    ({"trafficking": "yes"}, "answer.trafficking: expected true, false or nothing"),
    ({"means": "deception"}, "answer.means: expected a list of ids"),
    ({"means": [1, 2]}, "answer.means: every id must be a string"),
    (["trafficking"], "an answer is a mapping"),
])
def test_malformed_answers_get_a_clear_error(answer, error):
    case = BANK["seed_promised_childcare_job_sham_marriage"]
    with pytest.raises(AnswerError, match=error):
        score_answer(case, answer)


def first_case(predicate):
    return next(case for case in BANK.values() if predicate(case))


@pytest.mark.parametrize("misconception, pick, answer", [
    ("means_needed_for_minor", lambda c: c.truth.trafficking and c.truth.minor, {"trafficking": False}),
    ("consent_makes_it_not_trafficking", lambda c: c.truth.trafficking and "consented" in c.features, {"trafficking": False}),
    ("no_locks_so_free", lambda c: c.truth.trafficking and "not_locked_in" in c.features, {"trafficking": False}),
    ("victims_are_foreign_or_undocumented", lambda c: c.truth.trafficking and c.person.nationality == c.setting.country, {"trafficking": False}),
    ("smuggling_is_trafficking", lambda c: not c.truth.trafficking and "smuggled" in c.features, {"trafficking": True}),
    ("paid_so_not_exploited", lambda c: c.truth.trafficking and "paid_something" in c.features, {"trafficking": False}),
])
def test_each_misconception_produces_its_feedback(misconception, pick, answer):
    case = first_case(pick)
    score = score_answer(case, answer)
    assert misconception in score.misconceptions()
    item = next(f for f in score.feedback if f.code == misconception)
    assert item.ref is not None and item.message("sv") and item.message("en")
    assert misconception not in score_answer(case, truth_answer(case)).misconceptions()


def test_smuggled_so_not_trafficking_is_explained():
    import msgspec as m

    case = first_case(lambda c: c.truth.trafficking)
    smuggled = m.structs.replace(case, features=[*case.features, "smuggled"])
    assert "smuggled_so_not_trafficking" in score_answer(smuggled, {"trafficking": False}).misconceptions()


def test_every_misconception_has_an_explanation_and_a_rule(kb):
    from kit.cases.misconceptions import RULES

    assert set(RULES) == set(kb.ids("misconceptions"))


# --- the verdict, purpose/forms once, a child's means, referrals, contradictions, contested ----------

def flipped(case) -> dict:
    return truth_answer(case) | {"trafficking": not case.truth.trafficking}


def test_a_wrong_verdict_never_passes_on_any_case_of_the_bank():
    for case in BANK.values():
        assert score_answer(case, flipped(case)).total <= 0.5, case.id
        assert score_answer(case, truth_answer(case) | {"trafficking": None}).total <= 0.5, case.id


@settings(max_examples=200, deadline=None)
@given(case_and_answer())
def test_no_answer_with_a_wrong_verdict_scores_above_one_half(pair):
    case, answer = pair
    if answer["trafficking"] is not case.truth.trafficking:
        assert score_answer(case, answer).total <= 0.5


def test_the_course_palermo_part_with_a_wrong_verdict_is_at_most_one_half():
    from kit.cases.scoring import WEIGHTS
    from kit.course.grading.part_scoring import CASE_ELEMENTS

    for part, elements in CASE_ELEMENTS.items():
        if "trafficking" in elements:
            others = sum(WEIGHTS[key] for key in elements if key != "trafficking")
            assert others / (others + WEIGHTS["trafficking"]) <= 0.5, part


def test_the_contradiction_is_named_when_elements_say_trafficking_but_the_verdict_does_not():
    case = BANK["seed_women_promised_jobs_forced_into_prostitution"]
    score = score_answer(case, flipped(case))
    contradiction = [f for f in score.feedback if f.code == "contradiction"]
    assert len(contradiction) == 1
    assert "en handling, ett medel och ett syfte" in contradiction[0].message("sv")
    assert "not trafficking" in contradiction[0].message("en") and contradiction[0].ref.chapter == 2
    child = BANK["seed_boys_forced_to_steal"]
    said_not = score_answer(child, truth_answer(child) | {"trafficking": False, "means": []})
    assert "an act and a purpose for a child" in next(f for f in said_not.feedback if f.code == "contradiction").message("en")


def test_the_contradiction_is_named_when_the_verdict_says_trafficking_without_a_means():
    case = BANK["lookalike_job_worse_than_promised"]
    answer = truth_answer(case) | {"trafficking": True, "act": ["recruitment"], "means": [], "purpose": ["forced_labour"]}
    message = next(f for f in score_answer(case, answer).feedback if f.code == "contradiction").message("en")
    assert "marked nothing under means" in message and "For an adult" in message
    assert not [f for f in score_answer(case, truth_answer(case)).feedback if f.code == "contradiction"]


def test_no_contradiction_for_a_consistent_answer_on_any_case():
    for case in BANK.values():
        assert not [f for f in score_answer(case, truth_answer(case)).feedback if f.code == "contradiction"], case.id


def test_purpose_and_forms_sent_as_one_question_count_once():
    case = BANK["seed_women_promised_jobs_forced_into_prostitution"]
    right = truth_answer(case)
    wrong_form = right | {"purpose": ["forced_labour"], "forms": ["forced_labour"]}
    lost = score_answer(case, right).total - score_answer(case, wrong_form).total
    from kit.cases.scoring import _WEIGHT_SUM, WEIGHTS

    assert lost == pytest.approx(WEIGHTS["purpose"] / _WEIGHT_SUM, abs=1e-5)  # not purpose + forms
    only_purpose = {k: v for k, v in right.items() if k != "forms"}
    assert score_answer(case, only_purpose).total == 1.0  # forms is not needed beside purpose
    score = score_answer(case, wrong_form)
    assert len([f for f in score.feedback if f.element in ("purpose", "forms") and f.code == "wrong"]) == 1


def test_a_child_without_means_loses_nothing_and_is_told_why():
    children = [c for c in BANK.values() if c.truth.minor and c.truth.trafficking and c.truth.means]
    assert {"begging_teen_travelling_group", "labour_car_wash_minor_taxi_driver"} <= {c.id for c in children}
    for case in children:
        score = score_answer(case, truth_answer(case) | {"means": []})
        assert score.total == 1.0, case.id
        note = next(f for f in score.feedback if f.code == "means_not_required")
        assert "under 18" in note.message("en") and "under 18" in note.message("sv")
        assert not [f for f in score.feedback if f.element == "means" and f.code == "missed"]
        partly = score_answer(case, truth_answer(case) | {"means": [case.truth.means[0], "abduction"]})
        assert partly.elements["means"].wrong == ("abduction",) and partly.total < 1.0
    adult = BANK["seed_women_promised_jobs_forced_into_prostitution"]
    assert score_answer(adult, truth_answer(adult) | {"means": []}).elements["means"].score == 0.0


def test_the_child_means_keys_show_what_the_narrative_shows():
    assert BANK["begging_teen_travelling_group"].truth.means == ["abuse_of_power_or_vulnerability", "other_coercion"]
    assert BANK["labour_car_wash_minor_taxi_driver"].truth.means == ["abuse_of_power_or_vulnerability"]


def test_every_case_keys_first_and_acceptable_referrals_apart():
    for case in BANK.values():
        assert case.truth.first_referrals and not set(case.truth.first_referrals) & set(case.truth.acceptable_referrals), case.id
    assert sum(1 for c in BANK.values() if c.truth.acceptable_referrals) >= 0.8 * len(BANK)


def test_an_acceptable_referral_earns_partial_credit_and_costs_nothing_beside_the_first():
    from kit.cases.scoring import ACCEPTABLE_CREDIT, CHILD_PROTECTION

    for case in BANK.values():
        required, acceptable = case.truth.first_referrals, case.truth.acceptable_referrals
        if case.truth.minor:  # one contact for a child, whichever list names it
            acceptable = [a for a in acceptable if a not in CHILD_PROTECTION]
        if not acceptable:
            continue
        both = score_answer(case, truth_answer(case) | {"first_referrals": [*required, *acceptable]})
        assert both.elements["first_referrals"].score == 1.0, case.id
        instead = score_answer(case, truth_answer(case) | {"first_referrals": [*required[1:], acceptable[0]]})
        expected = (len(required) - 1 + ACCEPTABLE_CREDIT) / len(required)
        assert instead.elements["first_referrals"].score == pytest.approx(expected), case.id
        unrelated = score_answer(case, truth_answer(case) | {"first_referrals": [*required[1:], "private_citizens"]})
        assert unrelated.elements["first_referrals"].score < instead.elements["first_referrals"].score


def test_referral_feedback_explains_why_first_without_naming_the_key():
    from kit.content import load

    kb = load()
    case = BANK["begging_older_woman_relative_threatens_family"]
    score = score_answer(case, truth_answer(case) | {"first_referrals": ["local_police"]})
    lines = [f for f in score.feedback if f.element == "first_referrals"]
    acceptable = next(f for f in lines if f.code == "acceptable")
    assert "reasonable contact" in acceptable.message("en") and "Lokalpolisen" in acceptable.message("sv")
    missed = next(f for f in lines if f.code == "missed")
    first = kb.get("actors", "regional_coordinator_se")
    for lang in ("sv", "en"):
        assert first.name.get(lang) not in missed.message(lang)
        assert "manual" in missed.message(lang)
    assert missed.ref is not None and missed.ref.chapter == 4
    assert not [f for f in lines if f.code == "wrong"]


def test_for_a_child_social_services_and_child_protection_are_one_contact():
    case = BANK["seed_boys_forced_to_steal"]
    assert case.truth.first_referrals == ["child_protection"]
    score = score_answer(case, truth_answer(case) | {"first_referrals": ["social_services"]})
    assert score.elements["first_referrals"].score == 1.0
    missed = score_answer(case, truth_answer(case) | {"first_referrals": ["local_police"]})
    why = next(f for f in missed.feedback if f.element == "first_referrals" and f.code == "missed")
    assert "without the child's or the custodians' consent" in why.message("en")


def test_a_contested_case_says_why_when_the_verdict_differs():
    case = BANK["sex_webcam_sextortion_pupil"]
    assert case.contested is not None and case.contested.sv and case.contested.en
    score = score_answer(case, {"trafficking": False})
    contested = next(f for f in score.feedback if f.code == "contested")
    assert "contested" in contested.message("en") and "omdiskuterat" in contested.message("sv")
    assert not [f for f in score_answer(case, truth_answer(case)).feedback if f.code == "contested"]


def test_the_seed_keys_fit_their_countries_and_the_seed():
    oslo = BANK["seed_begging_group_promised_work"]
    assert oslo.setting.country == "NO" and not any(a.endswith("_se") for a in oslo.truth.first_referrals + oslo.truth.acceptable_referrals)
    sham = BANK["seed_promised_childcare_job_sham_marriage"]
    assert "sham marriage" in sham.title.en and "skenäktenskap" in sham.title.sv
    assert "outside the EU" in sham.narrative.en and "utanför EU" in sham.narrative.sv
    assert "sham_marriage" in sham.truth.forms

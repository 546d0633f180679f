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
            better = dict(answer, **{key: list(answer[key] or []) + [item]})
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

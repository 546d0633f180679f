"""Room analytics over stored answers: the latest answer counts, variants under their bank case, results per element."""

from __future__ import annotations

import pytest

from kit.store import StoredAnswer
from kit.store.room import (
    VARIES,
    app_scores,
    classifier_frame,
    element_results_table,
    form_confusion,
    missed_indicators,
    verdict_counts,
)


def stored(id_, participant, item, answer, score=0.5, app="classifier"):
    return StoredAnswer(id_, participant, app, item, answer, score, "sv", 0.0)


def test_the_latest_answer_counts_and_tables_add_up(kb):
    from kit.cases.bank import load_bank

    case = load_bank()["seed_boys_forced_to_steal"]
    answers = [
        stored(1, "a", case.id, {"trafficking": False, "forms": [], "indicators": []}),
        stored(2, "a", case.id, {"trafficking": True, "forms": ["forced_criminality"], "indicators": list(case.truth.indicators)}, 1.0),
        stored(3, "b", case.id, {"trafficking": None, "forms": ["forced_begging"], "indicators": []}, 0.1),
        stored(4, "c", "quiz_item", {"principle": "x"}, 1.0, app="principles_quiz"),
    ]
    frame = classifier_frame(answers)
    assert len(frame) == 2 and set(frame["participant"]) == {"a", "b"}
    counts = verdict_counts(frame).set_index("case").loc[case.id]
    assert (counts["yes"], counts["no"], counts["unsure"], counts["truth"]) == (1, 0, 1, "yes")
    missed = missed_indicators(frame).set_index("indicator")
    assert all(missed.loc[i, "missed"] == 1 and missed.loc[i, "present"] == 2 for i in case.truth.indicators)
    confusion = form_confusion(frame)
    assert confusion.loc["forced_criminality", "forced_begging"] == 1 and confusion.loc["forced_criminality", "forced_criminality"] == 1
    assert app_scores(answers, "principles_quiz").to_dict("records") == [{"participant": "c", "item": "quiz_item", "score": 1.0}]


def test_an_empty_room(kb):
    frame = classifier_frame([])
    assert frame.empty and verdict_counts(frame).empty and missed_indicators(frame).empty and form_confusion(frame).empty


def test_answers_to_seeded_variants_count_under_their_bank_case(kb):
    """The room once looked `<case>_v<seed>` up in the bank, found nothing and dropped the answer."""
    from kit.cases import load_bank, variant

    case = load_bank()["seed_boys_forced_to_steal"]
    three, four = variant(case, 3), variant(case, 4)
    answers = [
        StoredAnswer(1, "a", "classifier", three.id, {"trafficking": True, "indicators": []}, 0.4, "sv", 0.0, case.id, "3"),
        StoredAnswer(2, "b", "classifier", four.id, {"trafficking": False, "indicators": list(four.truth.indicators)}, 0.3, "sv", 0.0,
                     case.id, "4"),
        StoredAnswer(3, "c", "classifier", case.id, {"trafficking": None}, 0.0, "sv", 0.0, case.id, None),
        # written before the store kept base and seed (revision 0001): the migration filled them in from the item
        StoredAnswer(4, "d", "classifier", f"{case.id}_v5", {"trafficking": True}, 0.5, "sv", 0.0, case.id, "5"),
    ]
    frame = classifier_frame(answers)
    assert len(frame) == 4 and set(frame["case"]) == {case.id}
    assert list(frame["item"]) == [three.id, four.id, case.id, f"{case.id}_v5"]
    counts = verdict_counts(frame).set_index("case").loc[case.id]
    assert (counts["yes"], counts["no"], counts["unsure"], counts["truth"]) == (2, 1, 1, "yes")
    missed = missed_indicators(frame).set_index("indicator")
    assert all(missed.loc[i, "present"] == 4 and missed.loc[i, "missed"] == 3 for i in case.truth.indicators)


def test_each_answer_is_judged_against_its_own_variants_truth(kb, monkeypatch):
    """A variant that makes the adult of a case a child changes the key: the room says the right
    verdict depends on the variant instead of judging every answer by the bank's key."""
    import msgspec

    from kit.cases import load_bank, variant

    adult = next(c for c in load_bank().values() if c.truth.trafficking and not c.truth.minor)
    # an adult without means: not trafficking; the same facts for a child are (means are not needed)
    adult = msgspec.structs.replace(adult, truth=msgspec.structs.replace(adult.truth, trafficking=False, means=[], forms=[]),
                                    resembles=list(adult.truth.forms), variation=msgspec.structs.replace(adult.variation, age_band=(15, 24)))
    seeds = {variant(adult, seed).truth.minor: seed for seed in range(40)}
    child, grown = variant(adult, seeds[True]), variant(adult, seeds[False])
    assert child.truth.trafficking and not grown.truth.trafficking
    answers = [StoredAnswer(n, person, "classifier", case.id, {"trafficking": True}, None, "sv", 0.0, adult.id, str(seed))
               for n, (person, case, seed) in enumerate([("a", child, seeds[True]), ("b", grown, seeds[False])], start=1)]
    frame = classifier_frame(answers, {adult.id: adult})
    assert list(frame["truth_verdict"]) == [True, False]
    assert verdict_counts(frame).set_index("case").loc[adult.id, "truth"] == VARIES
    verdicts = frame.set_index("participant")["elements"]
    assert verdicts["a"]["trafficking"]["score"] == 1.0 and verdicts["b"]["trafficking"]["score"] == 0.0  # scored again


def test_the_element_the_room_misses_most_comes_first(kb):
    from kit.cases import load_bank, score_answer
    from kit.cases.scoring import TOTAL_ELEMENTS
    from kit.store import element_results

    case = load_bank()["seed_boys_forced_to_steal"]
    truth = case.truth
    right = {"trafficking": True, "minor": True, "act": list(truth.act), "means": list(truth.means), "purpose": list(truth.purpose),
             "forms": list(truth.forms), "indicators": list(truth.indicators), "first_referrals": list(truth.first_referrals)}
    no_indicators = {**right, "indicators": []}
    wrong_verdict = {**right, "trafficking": False}
    half_indicators = {**right, "indicators": list(truth.indicators)[:1]}
    answers = [StoredAnswer(n, person, "classifier", case.id, answer, None, "sv", 0.0, case.id, None,
                            element_results(score_answer(case, answer).elements))
               for n, (person, answer) in enumerate([("a", right), ("b", no_indicators), ("c", half_indicators), ("d", wrong_verdict)], start=1)]
    table = element_results_table(classifier_frame(answers)).set_index("element")
    assert next(iter(table.index)) == "indicators" and set(table.index) == set(TOTAL_ELEMENTS)
    indicators = table.loc["indicators"]
    assert (indicators["answers"], indicators["right"], indicators["partly"], indicators["wrong"]) == (4, 2, 1, 0)
    assert indicators["unanswered"] == 1  # an empty list: nothing ticked
    assert indicators["mean_score"] == pytest.approx((2 + 1 / len(truth.indicators)) / 4)
    verdict = table.loc["trafficking"]
    assert list(table.index)[1] == "trafficking" and (verdict["right"], verdict["wrong"], verdict["unanswered"]) == (3, 1, 0)
    assert all(table.loc[e, "mean_score"] == 1.0 and table.loc[e, "right"] == 4 for e in TOTAL_ELEMENTS if e not in ("indicators", "trafficking"))


def test_stored_element_results_are_what_the_room_reads(kb):
    """What the participant was shown counts, even if the scoring rules changed since."""
    from kit.cases import load_bank

    case = load_bank()["seed_boys_forced_to_steal"]
    stored = {"act": {"score": 0.25, "answered": True, "missed": ["recruitment"], "wrong": []}}
    frame = classifier_frame([StoredAnswer(1, "a", "classifier", case.id, {"act": []}, 0.1, "sv", 0.0, case.id, None, stored)])
    table = element_results_table(frame)
    assert table.to_dict("records") == [{"element": "act", "answers": 1, "right": 0, "partly": 1, "wrong": 0, "unanswered": 0,
                                         "mean_score": 0.25}]

"""Room analytics over stored answers."""

from __future__ import annotations

from kit.course.room import app_scores, classifier_frame, form_confusion, missed_indicators, verdict_counts
from kit.store.answers import StoredAnswer


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

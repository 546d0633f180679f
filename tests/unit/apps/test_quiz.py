"""The principles quiz without a browser: a check without a choice or a pseudonym asks for it (nothing
scored, saved or revealed); feedback carries a sign and words; a language switch redraws it all."""

from __future__ import annotations

import pytest

from kit.content import load

KB = load()
FIRST, SECOND = KB.situations[0], KB.situations[1]


def principle_name(principle_id: str, lang: str = "en") -> str:
    return KB.get("principles", principle_id).name.get(lang)


def other_principle(situation) -> str:
    return next(p.id for p in KB.principles if p.id != situation.principle)


@pytest.fixture
def store_url(tmp_path):
    return f"sqlite:///{tmp_path / 'answers.sqlite'}"


def shown(quiz) -> str:
    """The feedback on the card: the verdict line (or what is still to choose) and why."""
    return quiz.verdict.value + quiz.feedback.value


def stored(store_url: str, participant: str = "owl") -> dict:
    from kit.store import open_store

    return open_store(store_url).progress(participant, "principles_quiz")


def test_a_check_without_a_choice_asks_for_one_and_saves_and_reveals_nothing(store_url):
    from kit.apps.quiz import PrinciplesQuiz

    quiz = PrinciplesQuiz(lang="en", db_url=store_url, participant="Owl")
    assert quiz.check() is None
    assert "First choose a principle and whether it is kept or broken" in shown(quiz)
    assert principle_name(FIRST.principle) not in shown(quiz)  # the answer is not given away
    assert stored(store_url) == {} and quiz.results == {} and quiz.position.icons[0] == ""
    assert "Saved" not in quiz.save_state.value
    quiz.principle.value = other_principle(FIRST)  # the word on what is missing follows the choices
    assert "Choose too whether the principle is kept or broken" in shown(quiz)
    assert quiz.check() is None and stored(store_url) == {}
    quiz.relation.value = FIRST.relation
    assert shown(quiz) == ""  # nothing missing any more, nothing checked yet
    result = quiz.check()
    assert result.score == 0.5 and FIRST.id in stored(store_url)
    assert "⚠" in shown(quiz) and "Partly right" in shown(quiz) and "Saved" in quiz.save_state.value


def test_only_a_principle_missing_is_asked_for_and_moving_on_forgets_the_question(store_url):
    from kit.apps.quiz import PrinciplesQuiz

    quiz = PrinciplesQuiz(lang="en", db_url=store_url, participant="owl")
    quiz.relation.value = "breaches"
    assert quiz.check() is None and "Choose a principle too" in shown(quiz)
    quiz.next.click()
    assert shown(quiz) == ""
    quiz.previous.click()
    assert quiz.relation.value == "breaches" and shown(quiz) == ""  # the choice is kept, the question is not


def test_no_scoring_without_a_pseudonym(store_url, monkeypatch):
    from kit.apps.quiz import PrinciplesQuiz

    monkeypatch.setenv("QUERY_STRING", "lang=en")
    quiz = PrinciplesQuiz(db_url=store_url)
    quiz.principle.value, quiz.relation.value = FIRST.principle, FIRST.relation
    assert quiz.check() is None and quiz.results == {} and shown(quiz) == ""
    assert "first type a pseudonym" in quiz.save_state.value
    quiz.shell.pseudonym.value = "Owl"
    assert quiz.check().score == 1 and "✓" in shown(quiz) and "Right" in shown(quiz)


def test_a_language_switch_redraws_feedback_score_hint_and_save_state(store_url):
    from kit.apps.quiz import PrinciplesQuiz

    quiz = PrinciplesQuiz(lang="en", db_url=store_url, participant="owl")
    quiz.principle.value, quiz.relation.value = FIRST.principle, FIRST.relation
    quiz.check()
    quiz.next.click()
    quiz.principle.value = other_principle(SECOND)
    quiz.relation.value = SECOND.relation
    quiz.check()  # half right: 1.5 points so far
    assert "So far: 1.5 of 12 points" in quiz.total.value and "✓" not in shown(quiz)
    quiz.shell.set_language("sv")
    assert "Hittills: 1,5 av 12 poäng" in quiz.total.value and "Delvis rätt" in shown(quiz)
    assert "Sparat" in quiz.save_state.value and principle_name(SECOND.principle, "sv") in shown(quiz)
    assert "Partly" not in shown(quiz) and "So far" not in quiz.total.value
    quiz.next.click()
    quiz.check()  # nothing chosen on the third situation
    assert "Välj först en princip" in shown(quiz)
    quiz.shell.set_language("en")
    assert "First choose a principle" in shown(quiz) and "Välj" not in shown(quiz)
    assert quiz.check_button.description == "Check" and "Situation 3 of 12" in quiz.text.value

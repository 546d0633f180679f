"""The apps without a browser: answers restore after a reload, the language switch keeps what was
typed, and errors in callbacks become a message instead of a traceback."""

from __future__ import annotations

import msgspec
import pytest


@pytest.fixture
def room(tmp_path, monkeypatch):
    """A participant arriving with ?participant=... and a scratch answer database."""
    monkeypatch.setenv("STROM_KIT_DB", f"sqlite:///{tmp_path / 'answers.sqlite'}")
    monkeypatch.setenv("QUERY_STRING", "lang=en&participant=Ada%201")


def test_classifier_restores_after_a_reload_and_keeps_input_across_languages(room):
    from kit.apps.classifier import CaseClassifier

    app = CaseClassifier(case_set="seed")
    app.go(0)
    app.verdict.value = True
    app.boxes["means"]["deception"].value = True
    app.boxes["first_referrals"]["local_police"].value = True
    score = app.check_answer()
    assert 0 < score.total < 1 and "Element by element" in app.result.value
    app.shell.set_language("sv")
    assert app.verdict.value is True and app.boxes["means"]["deception"].value and app.answer()["first_referrals"] == ["local_police"]
    reloaded = CaseClassifier(case_set="seed")
    reloaded.go(0)
    assert reloaded.verdict.value is True and reloaded.answer()["first_referrals"] == ["local_police"]
    assert "Welcome back, Ada 1" in reloaded.shell.status.value


def test_quiz_restores_with_its_feedback(room, kb):
    from kit.apps.quiz import PrinciplesQuiz

    first = kb.situations[0]
    quiz = PrinciplesQuiz()
    quiz.principle.value, quiz.relation.value = first.principle, first.relation
    assert quiz.check().score == 1.0
    assert "Right" in quiz.verdict.value and "So far: 1 of 12 points" in quiz.total.value
    again = PrinciplesQuiz()
    assert again.current == first.id and again.principle.value == first.principle and "Right" in again.verdict.value
    assert again.position.icons[0] == "check" and again.position.tooltips[0] == "Situation 1: checked"


def test_planner_model_plan_passes_and_restores(room):
    from kit.apps.planner import NrmPlanner
    from kit.nrm.reference_plan import model_plan

    planner = NrmPlanner()
    planner.rows, planner.rows_box.children = [], []
    for step in msgspec.to_builtins(model_plan(planner._case(), "SE"))["steps"]:
        planner.add_step(step)
    assert planner.check_plan() == [] and "follows every principle" in planner.findings_line.value
    planner.start_scenario()
    while planner.scenario.pending is not None:
        planner.response.value = planner.scenario.pending.options[0]
        planner.respond_to_event()
    assert "Good decisions" in planner.log.value and 'alt="' in planner.pictures.value
    again = NrmPlanner()
    assert again.rows == []  # the editor is made only when the material is opened ...
    again._reveal()
    assert len(again.rows) == len(planner.rows)  # ... and then brings the saved plan back


def test_mapping_simulator_scores_the_model_plan_fully(room):
    from kit.apps.mapping_simulator import MappingSimulator
    from kit.mapping import model_plan

    sim = MappingSimulator(profile="inland_town", seed=1)
    plan = msgspec.to_builtins(model_plan(sim.municipality))
    for finding in plan["groups"]:
        sim.group_rows[finding["group"]].present.value = True
        sim.group_rows[finding["group"]].evidence.value = ", ".join(map(str, finding["evidence"]))
    for group, actors in plan["actors"].items():
        sim.group_rows[group].actors.value = actors
    sim.places.value = plan["places"]
    sim.resources.value, sim.gaps.value = plan["resources"], plan["gaps"]
    for action in plan["actions"]:
        sim.add_measure(action)
    sim.shell.set_language("sv")
    assert sim.score().total == 1.0
    sim.run_year()
    assert "<img" in sim.year.value and 'alt="' in sim.year.value


def test_errors_in_callbacks_become_messages(room):
    from kit.apps.mapping_simulator import MappingSimulator

    sim = MappingSimulator(profile="inland_town", seed=1)
    group = next(iter(sim.group_rows))
    sim.group_rows[group].present.value = True
    sim.group_rows[group].evidence.value = "twelve, 3"
    sim.shell.guard(sim.score)()  # bad evidence: said beside the score button, in words
    assert "signal numbers" in sim.problem.value and "Traceback" not in sim.problem.value
    sim.shell.guard(lambda: 1 / 0)()
    assert "Something went wrong" in sim.shell.status.value and "Traceback" not in sim.shell.status.value


def test_a_bad_database_is_reported_not_raised(tmp_path, monkeypatch):
    from kit.apps.classifier import CaseClassifier

    monkeypatch.setenv("STROM_KIT_DB", "sqlite://")
    app = CaseClassifier(case_set="seed", participant="Ada", lang="en")
    app.go(0)
    app.verdict.value = True
    app.check_answer()
    assert "cannot be saved" in app.shell.status.value


def test_the_quiz_keeps_unchecked_choices_while_moving_between_situations_and_languages(tmp_path, kb):
    from kit.apps.quiz import PrinciplesQuiz
    from kit.content import load
    from kit.content.knowledge_base import UnknownIdError

    situations = load().situations
    quiz = PrinciplesQuiz(lang="en", db_url=f"sqlite:///{tmp_path / 'a.sqlite'}", participant="owl")
    assert quiz.previous.disabled and not quiz.next.disabled and "Situation 1 of 12" in quiz.text.value
    quiz.principle.value = situations[0].principle  # chosen, not checked
    quiz.shell.set_language("sv")
    quiz.shell.set_language("en")
    assert quiz.principle.value == situations[0].principle  # a language switch keeps an unchecked choice
    quiz.next.click()
    assert quiz.current == situations[1].id and quiz.position.value == situations[1].id
    assert quiz.principle.value is None and quiz.feedback.value == "" and quiz.verdict.value == ""
    quiz.relation.value = "breaches"
    quiz.position.value = situations[-1].id  # straight to the last by its number
    assert quiz.next.disabled and "Situation 12 of 12" in quiz.text.value
    assert quiz.check(situations[2].id) is None  # check turns to the situation it names and, with nothing chosen,
    assert quiz.current == situations[2].id and "First choose a principle" in quiz.verdict.value  # asks for a choice
    assert "So far: 0 of 12" in quiz.total.value and quiz.position.icons[2] == ""  # nothing scored or revealed
    quiz.principle.value = next(p.id for p in kb.principles if p.id != situations[2].principle)
    quiz.relation.value = "follows" if situations[2].relation == "breaches" else "breaches"
    result = quiz.check()
    assert result.score == 0 and "Not quite" in quiz.verdict.value
    quiz.shell.set_language("sv")
    assert "Inte riktigt" in quiz.verdict.value and "Situation 3 av 12" in quiz.text.value
    assert "Hittills: 0 av 12 poäng" in quiz.total.value
    assert quiz.previous.description == "Föregående"
    quiz.previous.click()
    assert quiz.relation.value == "breaches" and quiz.principle.value is None
    quiz.previous.click()
    assert quiz.principle.value == situations[0].principle
    with pytest.raises(UnknownIdError):
        quiz.show("no_such_situation")
    assert quiz.current == situations[0].id


def test_a_stored_quiz_answer_naming_an_unknown_principle_comes_back_blank_not_as_an_error(room, kb):
    from kit.apps.quiz import PrinciplesQuiz
    from kit.store import open_store, pseudonym_key

    first = kb.situations[0]
    open_store().record(pseudonym_key("Ada 1"), "principles_quiz", first.id, {"principle": "retired_principle", "relation": "sideways"}, score=0.0)
    quiz = PrinciplesQuiz()
    assert quiz.principle.value is None and quiz.relation.value is None
    assert "Not quite" in quiz.verdict.value and "error" not in quiz.shell.status.value.lower()

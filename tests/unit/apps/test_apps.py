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
    app.referrals.value = ("local_police",)
    score = app.check_answer()
    assert 0 < score.total < 1 and "Feedback" in app.result.value
    app.shell.set_language("sv")
    assert app.verdict.value is True and app.boxes["means"]["deception"].value and app.referrals.value == ("local_police",)
    reloaded = CaseClassifier(case_set="seed")
    reloaded.go(0)
    assert reloaded.verdict.value is True and reloaded.referrals.value == ("local_police",)
    assert "Welcome back, Ada 1" in reloaded.shell.status.value


def test_quiz_restores_with_its_feedback(room, kb):
    from kit.apps.quiz import PrinciplesQuiz

    first = kb.situations[0]
    quiz = PrinciplesQuiz()
    card = quiz.cards[first.id]
    card["principle"].value, card["relation"].value = first.principle, first.relation
    assert quiz.check(first.id).score == 1.0
    again = PrinciplesQuiz()
    assert again.cards[first.id]["principle"].value == first.principle and "Right" in again.cards[first.id]["feedback"].value


def test_planner_model_plan_passes_and_restores(room):
    from kit.apps.planner import NrmPlanner
    from kit.nrm.reference_plan import model_plan

    planner = NrmPlanner()
    planner.rows, planner.rows_box.children = [], []
    for step in msgspec.to_builtins(model_plan(planner._case(), "SE"))["steps"]:
        planner.add_step(step)
    assert planner.check_plan() == [] and "follows every principle" in planner.findings.value
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
        sim.group_rows[finding["group"]]["present"].value = True
        sim.group_rows[finding["group"]]["evidence"].value = ", ".join(map(str, finding["evidence"]))
    for group, actors in plan["actors"].items():
        sim.group_rows[group]["actors"].value = tuple(actors)
    sim.places.value = plan["places"]
    sim.resources.value, sim.gaps.value = tuple(plan["resources"]), tuple(plan["gaps"])
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
    sim.group_rows[group]["present"].value = True
    sim.group_rows[group]["evidence"].value = "twelve, 3"
    sim.shell.guard(sim.score)()
    assert "Something went wrong" in sim.shell.status.value and "signal ids" in sim.shell.status.value
    assert "Traceback" not in sim.shell.status.value


def test_a_bad_database_is_reported_not_raised(tmp_path, monkeypatch):
    from kit.apps.classifier import CaseClassifier

    monkeypatch.setenv("STROM_KIT_DB", "sqlite://")
    app = CaseClassifier(case_set="seed", participant="Ada", lang="en")
    app.go(0)
    app.check_answer()
    assert "cannot be saved" in app.shell.status.value


def test_the_quiz_can_show_its_first_cards_and_add_the_rest_after_the_page(tmp_path):
    from kit.apps.quiz import PrinciplesQuiz
    from kit.content import load

    quiz = PrinciplesQuiz(lang="en", db_url=f"sqlite:///{tmp_path / 'a.sqlite'}", first_cards=3)
    assert len(quiz.cards) == 3
    quiz.shell.pseudonym.value = "owl"
    first = next(iter(quiz.cards))
    quiz.cards[first]["principle"].value = load().get("situations", first).principle
    quiz.check(first)
    quiz.after_display()
    assert len(quiz.cards) == len(load().situations)
    last = list(quiz.cards.values())[-1]
    assert last["check"].description == quiz.shell.ui("quiz.check") and last["principle"].options
    assert str(len(load().situations)) in quiz.total.value

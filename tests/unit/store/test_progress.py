"""A self-paced student's progress read from the store: weeks later, across variants, whatever the case of the pseudonym."""

from __future__ import annotations

import math
import sqlite3
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, update

from kit.store import StoreError, open_store
from kit.store.progress import Exercises, read_progress
from kit.store.schema import answers as answers_table

DAY = 24 * 3600


def _case(case_id: str, kind: str = "authored", trafficking: bool = True) -> SimpleNamespace:
    return SimpleNamespace(id=case_id, source=SimpleNamespace(kind=kind), truth=SimpleNamespace(trafficking=trafficking))


# A small world of its own, so that the figures below are exact: 3 situations, 4 cases (2 from the
# seed, 1 look-alike), 2 municipality profiles.
BANK = {c.id: c for c in (_case("boys", "seed"), _case("berries", "seed"), _case("nails"), _case("au_pair", trafficking=False))}
EXERCISES = Exercises.from_bank(["s1", "s2", "s3"], BANK, ["bjorkmora", "hamnstad"])


def backdate(url: str, participant: str, days: float) -> None:
    """Move every answer of `participant` `days` into the past, as if given then."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(update(answers_table).where(answers_table.c.participant == participant)
                           .values(created_at=answers_table.c.created_at - days * DAY))
    engine.dispose()


def weeks_later_story(url: str) -> None:
    """Lina answers in four chapters three weeks ago, comes back today, types her name in capitals."""
    store = open_store(url)
    # three weeks ago, typed as "Lina" on a phone: the apps store the pseudonym's key
    store.record("lina", "principles_quiz", "s2", {"principle": "p", "relation": "follows"}, score=0.5)
    store.record("lina", "principles_quiz", "s2", {"principle": "p", "relation": "breaches"}, score=1.0)
    store.record("lina", "classifier", "boys_v7", {"trafficking": True}, score=0.4, base_item="boys", seed=7)
    store.record("lina", "classifier", "nails", {"trafficking": True}, score=0.9)
    store.record("lina", "mapping_simulator", "bjorkmora:0", {"actions": []}, score=0.3)
    store.record("lina", "nrm_planner", "nails:SE", {"steps": []}, score=0.6)
    store.record("someone else", "classifier", "berries", {"trafficking": True}, score=1.0)
    backdate(url, "lina", 21)
    # today: another variant of the same bank case, a plan for prevention, the planner's scenario
    store.record("lina", "classifier", "boys_v12", {"trafficking": True}, score=0.8, base_item="boys", seed=12)
    store.record("lina", "mapping_simulator", "prevention:hamnstad:0", {"actions": []}, score=0.7)
    store.record("lina", "nrm_planner", "nails:SE:scenario", {"decisions": []}, score=0.5)
    store.record("lina", "classifier", "gone_from_the_bank", {"trafficking": True}, score=0.1)
    store.close()

    progress = read_progress(open_store(url), "  LINA ", EXERCISES)
    assert progress.participant == "lina" and progress.started
    quiz = progress.chapter(1)
    assert (quiz.kind, quiz.total, [e.exercise for e in quiz.done]) == ("situations", 3, ["s2"])
    assert (quiz.done[0].latest, quiz.done[0].answers) == (1.0, 2)
    assert time.time() - quiz.last_at == pytest.approx(21 * DAY, abs=600)  # the day she answered, not the day she came back

    seed_cases = progress.chapter(2)  # two variants of one bank case are one case done
    assert (seed_cases.total, [e.exercise for e in seed_cases.done]) == (2, ["boys"])
    boys = seed_cases.done[0]
    assert (boys.latest, boys.best, boys.answers, boys.variants) == (0.8, 0.8, 2, 2)
    assert time.time() - seed_cases.last_at < 600

    all_cases = progress.chapter(4)  # the same classifier: every bank case counts, one out of the bank does not
    assert (all_cases.total, [e.exercise for e in all_cases.done]) == (4, ["boys", "nails"])
    assert all_cases.average == pytest.approx((0.8 + 0.9) / 2) and all_cases.best == 0.9 and all_cases.latest == 0.8

    mapping, prevention = progress.chapter(3), progress.chapter(6)  # each chapter keeps its own plans
    assert ([e.exercise for e in mapping.done], mapping.average, mapping.total) == (["bjorkmora"], 0.3, 2)
    assert ([e.exercise for e in prevention.done], prevention.average) == (["hamnstad"], 0.7)

    planner = progress.chapter(5)  # the look-alike is no case to plan for
    assert (planner.total, [e.exercise for e in planner.done], planner.average) == (3, ["nails"], 0.6)
    assert [(e.exercise, e.latest) for e in planner.scenarios] == [("nails", 0.5)]
    assert time.time() - planner.done[0].last_at == pytest.approx(21 * DAY, abs=600)
    assert time.time() - planner.last_at < 600  # the scenario played today

    assert time.time() - progress.last_at < 600
    nobody = read_progress(open_store(url), "Someone Else", EXERCISES)
    assert [c.number for c in nobody.chapters if c.started] == [2, 4] and nobody.chapter(2).average == 1.0


def test_a_student_who_answered_weeks_ago_finds_every_chapter(tmp_path):
    weeks_later_story(f"sqlite:///{tmp_path / 'answers.sqlite'}")


def test_a_new_student_has_started_nothing_and_no_scores(tmp_path):
    progress = read_progress(open_store(f"sqlite:///{tmp_path / 'a.sqlite'}"), "Ny elev", EXERCISES)
    assert not progress.started and progress.last_at is None
    for chapter in progress.chapters:
        assert chapter.done == () and chapter.average is None and chapter.best is None and chapter.latest is None
    assert [c.number for c in progress.chapters] == [1, 2, 3, 4, 5, 6]


def test_answers_without_a_score_are_done_without_a_number(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    store.record("kim", "classifier", "nails", {"trafficking": None})
    store.record("kim", "classifier", "boys", {"trafficking": True}, score=float("nan"))
    chapter = read_progress(store, "kim", EXERCISES).chapter(4)
    assert [e.exercise for e in chapter.done] == ["boys", "nails"]
    assert chapter.average is None and chapter.best is None and chapter.latest is None
    assert not any(isinstance(e.latest, float) and math.isnan(e.latest) for e in chapter.done)


def test_a_pseudonym_the_store_would_not_take_is_refused(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    for bad in ("", "   ", "<b>x</b>", "x" * 41):
        with pytest.raises(StoreError, match="pseudonym"):
            read_progress(store, bad, EXERCISES)


def test_the_shipped_chapters_count_the_bank_and_the_knowledge_base(tmp_path):
    from kit.cases import load_bank

    progress = read_progress(open_store(f"sqlite:///{tmp_path / 'a.sqlite'}"), "x")
    bank = load_bank()
    assert progress.chapter(4).total == len(bank)
    assert progress.chapter(2).total == sum(c.source.kind == "seed" for c in bank.values()) > 0
    assert progress.chapter(5).total == sum(c.truth.trafficking for c in bank.values())
    assert progress.chapter(1).total > 0 and progress.chapter(3).total == progress.chapter(6).total > 0


def test_one_participants_answers_are_found_through_the_index(tmp_path):
    """The read is one query by participant; SQLite answers it from answers_by_participant, not a scan."""
    path = tmp_path / "a.sqlite"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        plan = " ".join(str(row) for row in connection.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM answers WHERE answers.id > 0 AND answers.participant = 'lina' ORDER BY answers.id"))
    assert "answers_by_participant" in plan, plan

"""A self-paced student's progress read from PostgreSQL, the hub's store: weeks later, variants, any case of the name."""

from __future__ import annotations

import pytest

from tests.unit.store.test_progress import weeks_later_story

pytestmark = pytest.mark.slow


def test_a_student_who_answered_weeks_ago_finds_every_chapter_on_postgresql(postgres):
    from kit.hub.database import prepare

    url = postgres.admin_url("progress")
    prepare(url)  # makes the database and runs the store's migrations, as `strom-kit hub --init-db` does
    weeks_later_story(url)


def test_on_the_hub_an_account_reads_its_own_progress_and_nobody_elses(postgres):
    """Each account's own database role (row security): its progress is there, another's reads as nothing started."""
    from kit.hub.database import Membership, grant, prepare
    from kit.store import open_store
    from kit.store.progress import read_progress
    from tests.unit.store.test_progress import EXERCISES

    admin = postgres.admin_url("progress_roles")
    prepare(admin)
    urls = {account: grant(admin, Membership(account, rooms=("r1",)), f"{n:032x}") for n, account in enumerate(("ada", "bo"), 1)}
    store = open_store(urls["ada"])
    store.record("ada", "classifier", "boys_v3", {"trafficking": True}, score=0.7, base_item="boys", seed=3)
    store.close()
    open_store(urls["bo"]).record("bo", "principles_quiz", "s1", {}, score=1.0)

    own = read_progress(open_store(urls["ada"]), "Ada", EXERCISES)
    assert [e.exercise for e in own.chapter(2).done] == ["boys"] and own.chapter(2).average == 0.7
    assert not read_progress(open_store(urls["ada"]), "bo", EXERCISES).started  # bo's quiz is not ada's to read
    assert read_progress(open_store(urls["bo"]), "bo", EXERCISES).chapter(1).average == 1.0


def test_on_the_hub_an_account_reads_its_own_released_grades_and_cannot_write_any(postgres):
    """Row security on assignment_results: the course's export (the administrator) writes; ada reads
    her own grades only, and no account may write or change one."""
    import sqlalchemy
    from sqlalchemy.exc import ProgrammingError

    from kit.hub.database import Membership, grant, prepare
    from kit.store import open_store
    from kit.store.graded import AssignmentResult, assignment_results, save_assignment_results
    from kit.store.progress import read_progress
    from tests.unit.store.test_progress import EXERCISES

    admin = postgres.admin_url("graded_roles")
    prepare(admin)
    urls = {account: grant(admin, Membership(account, rooms=("r1",), trainer_of=("r1",) if account == "bo" else ()),
                           f"{n:032x}") for n, account in enumerate(("ada", "bo"), 1)}
    graded = {who: AssignmentResult(who, "strom", "ch2_what_is_trafficking", 2, "Vad är människohandel?", "What is trafficking?",
                                    score, 9.0, False, 6, 1_790_000_000.0, 1_790_000_100.0)
              for who, score in (("ada", 7.0), ("bo", 3.0))}
    evaluator = open_store(admin)
    save_assignment_results(evaluator, graded.values())
    evaluator.close()

    ada = open_store(urls["ada"])
    assert assignment_results(ada, "ada") == [graded["ada"]]
    assert assignment_results(ada, "bo") == []  # another's grades read as none
    assert read_progress(ada, "Ada", EXERCISES).courses[0].done == (graded["ada"],)
    with pytest.raises(ProgrammingError):  # not even her own: only the course writes grades
        save_assignment_results(ada, [graded["ada"]])
    ada.close()
    bo = open_store(urls["bo"])  # a trainer of ada's room reads her answers, not her grades
    assert assignment_results(bo, "ada") == [] and assignment_results(bo, "bo") == [graded["bo"]]
    with pytest.raises(ProgrammingError), bo.engine.begin() as connection:
        connection.execute(sqlalchemy.text("UPDATE assignment_results SET score = 9"))
    bo.close()

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

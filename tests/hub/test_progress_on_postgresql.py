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

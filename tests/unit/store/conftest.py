"""Fixtures of the store's unit tests: a fresh SQLite answer store in the test's own folder."""

from __future__ import annotations

import pytest

from kit.store import open_store


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'answers.sqlite'}")
    yield opened
    opened.close()

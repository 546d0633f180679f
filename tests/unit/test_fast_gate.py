"""`make check`'s selection: every test named slow in tests/unit/conftest.py exists, so a renamed
test is not silently put back into the fast gate (or a stale name left in the list)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.unit.conftest import SLOW

UNIT = Path(__file__).resolve().parent


def test_every_test_named_slow_is_a_test_of_the_unit_layer():
    defined = set()
    for path in UNIT.rglob("test_*.py"):
        defined |= set(re.findall(r"^\s*def (test_\w+)\(", path.read_text(encoding="utf-8"), flags=re.M))
    assert not SLOW - defined, f"named slow in tests/unit/conftest.py but not found: {sorted(SLOW - defined)}"

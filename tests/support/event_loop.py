"""Run asyncio code from a test while the session's playwright keeps its own loop running.

Playwright's sync API runs an event loop in the test thread for as long as the session's browser
is open, so `asyncio.run` there fails ("cannot be called from a running event loop"). A test's
coroutine runs in a thread of its own instead, with a loop of its own.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_apart(coroutine):
    """Run `coroutine` to the end in a fresh thread and loop; its result (or its exception)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-loop") as pool:
        return pool.submit(asyncio.run, coroutine).result()

"""Fixtures shared by every test layer."""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/support


@pytest.fixture(scope="session")
def kb():
    """The kit's own knowledge base, loaded once."""
    from kit.content import load

    return load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A temporary copy of the content folder that a test may break."""
    from kit.content.loader import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole run, through one playwright.

    Playwright's sync API keeps its event loop running in the test thread while it is open, so a
    second `sync_playwright()` (or `asyncio.run`) in the same session fails: every layer shares
    this one, and asyncio work in tests goes through `support.event_loop.run_apart`.
    """
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    from support.person import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def kit_server(tmp_path_factory):
    """`strom-kit serve` on a free port, as a trainer would start it; yields the base URL."""
    from support.server_process import served

    yield from served(tmp_path_factory.mktemp("serve"))

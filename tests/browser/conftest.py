"""Browser fixtures: Debian chromium through playwright, and a page that records where it connects."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"
LOCAL = {"127.0.0.1", "localhost", "data", "blob"}


class RecordingPage:
    """A playwright page plus the hosts it contacted."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.hosts: set[str] = set()
        self.page.on("request", lambda request: self.hosts.add(urlparse(request.url).hostname or request.url.split(":")[0]))

    def open(self, url: str, selector: str, timeout_ms: int = 90_000):
        """Go to `url` and wait until `selector` shows; the playwright page."""
        self.page.goto(url, wait_until="domcontentloaded")
        self.page.wait_for_selector(selector, timeout=timeout_ms)
        return self.page

    def external(self) -> set[str]:
        return {host for host in self.hosts if host not in LOCAL}

    def screenshot(self, name: str) -> None:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.page.close(run_before_unload=True)
        self.context.close()


@pytest.fixture
def recording(browser):
    pages: list[RecordingPage] = []

    def open_page() -> RecordingPage:
        page = RecordingPage(browser)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def served_with_db(tmp_path_factory):
    """`strom-kit serve` for one test module, over an answer database the tests can read afterwards:
    (base URL, database URL)."""
    from support.server_process import served

    folder = tmp_path_factory.mktemp("served")
    server = served(folder)
    base = next(server)
    yield base, f"sqlite:///{folder / 'answers.sqlite'}"
    next(server, None)

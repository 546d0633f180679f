"""The start page in real headless Chromium: renders, switches language, fetches nothing external."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def test_start_page_renders_switches_language_and_stays_offline(browser, kit_server):
    page = browser.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or request.url.split(":")[0]))
    page.goto(kit_server + "/voila/render/00_start.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector(".kit-start-page h1", timeout=90_000)
    assert page.inner_text(".kit-start-page h1") == "Välkommen till STROM"
    assert page.locator(".kit-chapter").count() == 7
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.querySelector('.kit-start-page h1').innerText === 'Welcome to STROM'", timeout=15_000)
    assert "Chapter 4" in page.inner_text(".kit-start-page")
    assert page.inner_text(".kit-lang-switch .widget-label") == "Language"
    external = {h for h in hosts if h not in ("127.0.0.1", "localhost", "data", "blob")}
    assert not external, f"requests left the machine: {external}"
    page.close(run_before_unload=True)


def test_page_address_chooses_english_and_listing_links_the_start_page(browser, kit_server):
    page = browser.new_page()
    page.goto(kit_server + "/voila/render/00_start.ipynb?lang=en", wait_until="domcontentloaded")
    page.wait_for_selector(".kit-start-page h1", timeout=90_000)
    assert page.inner_text(".kit-start-page h1") == "Welcome to STROM"
    page.close(run_before_unload=True)
    listing = browser.new_page()
    listing.goto(kit_server + "/", wait_until="domcontentloaded")
    listing.wait_for_selector(".jp-DirListing-item[title*='00_start.ipynb']", timeout=30_000)
    listing.close()

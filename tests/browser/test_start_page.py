"""The start page in real headless Chromium: renders, switches language, fetches nothing external."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_start_page_renders_switches_language_and_stays_offline(recording, kit_server):
    tab = recording()
    page = tab.page
    tab.open(kit_server + "/voila/render/00_start.ipynb", ".kit-start-page h1")
    assert page.inner_text(".kit-start-page h1") == "Välkommen till STROM"
    assert page.locator(".kit-chapter").count() == 7
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.querySelector('.kit-start-page h1').innerText === 'Welcome to STROM'", timeout=15_000)
    assert "Chapter 4" in page.inner_text(".kit-start-page")
    assert page.inner_text(".kit-lang-switch .widget-label") == "Language"
    tab.screenshot("start_page_en")
    assert not tab.external(), f"requests left the machine: {tab.external()}"


def test_page_address_chooses_english_and_the_server_root_opens_the_start_page(recording, kit_server):
    tab = recording()
    tab.open(kit_server + "/voila/render/00_start.ipynb?lang=en", ".kit-start-page h1")
    assert tab.page.inner_text(".kit-start-page h1") == "Welcome to STROM"
    root = recording()
    root.open(kit_server + "/?lang=en", ".kit-start-page h1", timeout_ms=30_000)
    assert "00_start.ipynb" in root.page.url
    assert root.page.inner_text(".kit-start-page h1") == "Welcome to STROM"
    assert not tab.external() and not root.external()

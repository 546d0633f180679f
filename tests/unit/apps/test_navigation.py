"""Links between the pages: every chapter page exists, links keep language and pseudonym, the top bar
is short and the end of the page names the chapters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.apps.navigation import PAGES, navigation_html, page_link
from kit.apps.start_page import start_page_html

NOTEBOOKS = Path(__file__).resolve().parents[3] / "notebooks"


def test_every_page_linked_is_a_notebook_of_the_kit():
    assert all((NOTEBOOKS / name).is_file() for name in PAGES.values())


def test_a_link_keeps_the_language_and_the_pseudonym():
    assert page_link(4, "en", "Lina K") == "04_identification.ipynb?lang=en&participant=Lina+K"
    assert page_link(0, "sv") == "00_start.ipynb?lang=sv"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_top_bar_is_short_and_the_end_names_the_chapters(kb, lang):
    top, end = navigation_html(3, lang), navigation_html(3, lang, full=True)
    shown = lambda markup: re.sub(r"<[^>]+>", " ", markup)  # noqa: E731
    title = kb.get("chapters", kb.ids("chapters")[4]).title.get(lang)
    assert title not in shown(top) and title in shown(end)  # short on top, full at the end
    assert title in top  # ... but named for screen readers and on hover
    assert "02_what_is_trafficking.ipynb" in top and "04_identification.ipynb" in top and "00_start.ipynb" in top
    assert "00_start.ipynb" not in end


def test_the_first_and_last_chapters_link_only_where_there_is_a_page():
    assert "kit-nav-previous" not in navigation_html(1, "sv") and "kit-nav-next" in navigation_html(1, "sv")
    assert "kit-nav-next" not in navigation_html(6, "sv") and "kit-nav-previous" in navigation_html(6, "sv")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_start_page_links_every_chapter_in_its_language(lang):
    markup = start_page_html(lang)
    for number in range(1, 7):
        assert f'href="{page_link(number, lang).replace("&", "&amp;")}"' in markup

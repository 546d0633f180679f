"""Joining, as the pages show it: the start page's projector view of the room's address (in both
languages, a warning when only this computer can open it, nothing outside a served page) and the
line that tells a participant which pseudonym the answers are saved under."""

from __future__ import annotations

import html
import re

import pytest

from kit.apps.start_page import join_html, start_page_html

TEXT = lambda markup: html.unescape(" ".join(re.sub(r"<style>.*?</style>|<[^>]+>", " ", markup, flags=re.S).split()))  # noqa: E731


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_start_page_holds_the_rooms_address_for_the_projector(kb, lang):
    page = start_page_html(lang, "http://192.168.1.23:8866/join")
    assert page.count("<svg") == 1 and '<details class="kit-join">' in page
    assert '<a href="http://192.168.1.23:8866/join">192.168.1.23:8866/join</a>' in page
    for key in ("start.join_open", "start.join_close", "start.join_lead", "start.join_then"):
        assert kb.ui(key, lang) in TEXT(page)
    assert kb.ui("start.join_local_only", lang) not in TEXT(page)
    assert page.index("kit-join") < page.index("kit-chapters")  # near the top, where the trainer looks


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_address_only_this_computer_opens_says_how_to_serve_the_room(kb, lang):
    assert kb.ui("start.join_local_only", lang) in TEXT(join_html(lang, "http://127.0.0.1:8866/join"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_on_a_hub_participants_are_told_to_make_their_account_with_the_room_code(kb, lang):
    page = TEXT(join_html(lang, "https://hub.example.org/", hub=True))
    assert kb.ui("start.join_then_hub", lang) in page and kb.ui("start.join_then", lang) not in page
    assert "hub.example.org" in page and kb.ui("start.join_local_only", lang) not in page


def test_without_a_room_there_is_no_projector_view():
    assert join_html("sv", None) == "" and "<svg" not in start_page_html("sv")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_participant_sees_the_pseudonym_the_answers_are_saved_under(kb, lang, tmp_path):
    from kit.apps.shell import AppShell

    shell = AppShell("classifier", lang=lang, db_url=f"sqlite:///{tmp_path / 'a.sqlite'}")
    assert shell.saved_under.value == ""
    shell.pseudonym.value = "  Lina   Karlsson "
    line = TEXT(shell.saved_under.value)
    assert "lina karlsson" in line and kb.ui("app.saved_under_case", lang) in line
    assert kb.ui("app.saved_under", lang, pseudonym="lina karlsson") in line
    other = "en" if lang == "sv" else "sv"
    shell.set_language(other)
    assert kb.ui("app.saved_under", other, pseudonym="lina karlsson") in TEXT(shell.saved_under.value)
    shell.pseudonym.value = "<script>"  # not a pseudonym: nothing is saved under it, nothing claims so
    assert shell.saved_under.value == "" and shell.participant is None
    shell.pseudonym.value = "LINA karlsson"
    assert "lina karlsson" in TEXT(shell.saved_under.value)


def test_a_trainers_page_has_no_pseudonym_line(tmp_path):
    from kit.apps.shell import AppShell

    shell = AppShell("dashboard", lang="sv", db_url=f"sqlite:///{tmp_path / 'a.sqlite'}", for_participants=False)
    assert shell.saved_under.layout.display == "none"

"""Language resolution: parameter, Voila query string, environment, Swedish by default."""

from __future__ import annotations

import pytest

from kit.content.i18n import LANG_ENV, resolve_lang, ui


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)


def test_swedish_is_the_default():
    assert resolve_lang() == "sv"


def test_precedence(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    assert resolve_lang() == "en"
    monkeypatch.setenv("QUERY_STRING", "lang=sv&x=1")
    assert resolve_lang() == "sv"
    assert resolve_lang("EN ") == "en"


def test_unsupported_language_names_its_origin(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=de")
    with pytest.raises(ValueError, match=r"'de' from page address \(\?lang=\)"):
        resolve_lang()


def test_ui_uses_the_resolved_language(monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    assert ui("start.title") == "Welcome to STROM"
    assert ui("start.title", "sv") == "Välkommen till STROM"

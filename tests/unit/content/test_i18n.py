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


def test_a_preheated_kernel_waits_for_the_page_request_once(monkeypatch):
    import voila.utils

    from kit.content import i18n

    calls = []

    def arrive(url=None):
        calls.append(url)
        monkeypatch.setenv("QUERY_STRING", "lang=en&participant=owl")

    monkeypatch.setattr(i18n, "_REQUEST_SEEN", False)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setattr(voila.utils, "wait_for_request", arrive)
    assert i18n.resolve_lang() == "en"
    assert i18n.query_value("participant") == "owl"
    assert len(calls) == 1

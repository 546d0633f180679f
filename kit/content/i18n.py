"""Language choice (Swedish by default, English) and UI string look-up."""

from __future__ import annotations

import os
from urllib.parse import parse_qs

from kit.content.loader import load
from kit.content.vocabulary import DEFAULT_LANG, LANGS

LANG_ENV = "STROM_KIT_LANG"


def resolve_lang(requested: str | None = None) -> str:
    """The language to use: `requested`, else `?lang=` of a Voila page, else $STROM_KIT_LANG, else sv.

    An unsupported value raises ValueError naming the supported languages.
    """
    for candidate, origin in (
        (requested, "parameter"),
        (_query_lang(), "page address (?lang=)"),
        (os.environ.get(LANG_ENV) or None, f"${LANG_ENV}"),
    ):
        if candidate:
            lang = candidate.strip().lower()
            if lang not in LANGS:
                raise ValueError(f"unsupported language {candidate!r} from {origin}: use one of {', '.join(LANGS)}")
            return lang
    return DEFAULT_LANG


def query_value(name: str) -> str | None:
    """A value from the page address (?name=...), which Voila hands to the kernel as $QUERY_STRING.

    In a preheated kernel (`strom-kit serve --pool`) the notebook runs before anyone asks for the
    page: the first call waits here for the request, so everything before it (imports, content)
    is done ahead of time and the page still gets its own language and participant.
    """
    _wait_for_page_request()
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else None


def _query_lang() -> str | None:
    return query_value("lang")


_REQUEST_SEEN = False


def _wait_for_page_request() -> None:
    global _REQUEST_SEEN
    if _REQUEST_SEEN or os.environ.get("VOILA_PREHEAT", "False") != "True":
        return
    from voila.utils import wait_for_request

    wait_for_request()
    _REQUEST_SEEN = True


def ui(key: str, lang: str | None = None, **values: object) -> str:
    """The UI string `key` in `lang` (resolved as above)."""
    return load().ui(key, resolve_lang(lang), **values)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """`value` as a person reading `lang` writes it: "60 000" and "2,5" in Swedish (a narrow
    no-break space between thousands), "60,000" and "2.5" in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text.replace("-", "\u2212") if text.startswith("-") else text


def format_money(value: float, lang: str) -> str:
    """An amount in euro: "60 000 euro" in Swedish, "EUR 60,000" in English."""
    amount = format_number(value, lang)
    return f"{amount} euro" if lang == "sv" else f"EUR {amount}"

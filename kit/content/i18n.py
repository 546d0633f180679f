"""Language choice (Swedish by default, English) and UI string look-up."""

from __future__ import annotations

import os
from urllib.parse import parse_qs

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


def _query_lang() -> str | None:
    """Voila hands the page's query string to the kernel as $QUERY_STRING."""
    query = os.environ.get("QUERY_STRING", "")
    values = parse_qs(query).get("lang")
    return values[0] if values else None


def ui(key: str, lang: str | None = None, **values: object) -> str:
    """The UI string `key` in `lang` (resolved as above)."""
    from kit.content.loader import load

    return load().ui(key, resolve_lang(lang), **values)

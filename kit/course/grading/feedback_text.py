"""Grading feedback in both languages: a `ui_grading` string of the knowledge base as an (sv, en) pair."""

from __future__ import annotations

from typing import Any

from kit.content import load


def ui_pair(key: str, **values: Any) -> tuple[str, str]:
    """A ui_grading string in both languages; a value may itself be an (sv, en) pair."""
    kb = load()
    return tuple(kb.ui(key, lang, **{name: value[position] if isinstance(value, tuple) else value
                                     for name, value in values.items()})
                 for position, lang in enumerate(("sv", "en")))  # type: ignore[return-value]

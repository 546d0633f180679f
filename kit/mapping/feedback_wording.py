"""Building the mapping exercise's feedback: kit.content's Feedback with ui_mapping.yaml templates and (sv, en) values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kit.content import load
from kit.content.feedback import Feedback


def note(kind: str, code: str, part: str | None, template: str, ref: Any = None, **values: Any) -> Feedback:
    """A feedback item: `template` is a key of ui_mapping.yaml; a value may be an (sv, en) pair."""
    return Feedback(kind, code, part, template, tuple(values.items()), ref)


def both(text: Any) -> tuple[str, str]:
    """A knowledge-base Text as an (sv, en) pair."""
    return text.sv, text.en


def listing(pairs: Iterable[tuple[str, str]], most: int = 6) -> tuple[str, str]:
    """Several (sv, en) names joined into one (sv, en) pair, the rest counted."""
    pairs = list(pairs)
    shown, rest = pairs[:most], len(pairs) - most
    sv = ", ".join(p[0] for p in shown) + (f" (+{rest})" if rest > 0 else "")
    en = ", ".join(p[1] for p in shown) + (f" (+{rest})" if rest > 0 else "")
    return sv, en


def ui_pair(key: str, **values: Any) -> tuple[str, str]:
    """A ui_mapping.yaml string in both languages."""
    kb = load()
    return kb.ui(key, "sv", **values), kb.ui(key, "en", **values)

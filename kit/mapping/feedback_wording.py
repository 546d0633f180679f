"""Building the mapping exercise's feedback: kit.content's Feedback with ui_mapping.yaml templates and Text values
(`kit.content.feedback.ui_text` words a ui_mapping.yaml string in both languages)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kit.content.feedback import Feedback
from kit.content.models import Text


def note(kind: str, code: str, part: str | None, template: str, ref: Any = None, **values: Any) -> Feedback:
    """A feedback item: `template` is a key of ui_mapping.yaml; a value may be a Text (bilingual words)."""
    return Feedback(kind, code, part, template, tuple(values.items()), ref)


def listing(texts: Iterable[Text], most: int = 6) -> Text:
    """Several names (at least one) joined into one Text, the rest counted."""
    names = list(texts)
    if not names:
        raise ValueError("a listing names at least one item")
    shown, rest = names[:most], len(names) - most
    more = f" (+{rest})" if rest > 0 else ""
    return Text(sv=", ".join(t.sv for t in shown) + more, en=", ".join(t.en for t in shown) + more)


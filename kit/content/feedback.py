"""One piece of feedback to a learner, worded in either language when shown: the type cases and mapping share.

`Feedback` names what it is about (kind, code, element), a UI string key with its values (or a fixed `Text`)
and the reference behind it. Bilingual words are always a `kit.content.models.Text`, the kit's one bilingual
type: a value may be a `Text`, and the message takes its side in the language asked for (`Text.get`).
`ui_text` gives a UI string in both languages as a Text, for a value or a fixed text. `Worded` is what every
feedback-like item offers a view, findings of the referral plan's rules (`kit.nrm.rules.Finding`) included:
a message in the learner's language and a reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from kit.content.loader import load
from kit.content.models import Text


@runtime_checkable
class Worded(Protocol):
    """Anything shown to a learner as feedback: its message in `lang` ("sv" or "en") and where it comes from."""

    @property
    def ref(self) -> Any: ...

    def message(self, lang: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Feedback:
    """One piece of feedback: what it is about, a message in either language and a seed reference.

    The message is formatted when asked for, so scoring many answers stays fast.
    """

    kind: str        # cases: "verdict", "element" or "misconception"; mapping: the part's kind of note
    code: str        # e.g. "missed", "wrong", "verdict_wrong", or the misconception's id
    element: str | None
    template: str    # a UI string key, or "" when `fixed` holds the text
    values: tuple[tuple[str, Any], ...] = ()  # a value is a Text, or the same in both languages (a number, a name)
    ref: Any = None  # kit.content.models.Ref (or None)
    fixed: Text | None = None

    def message(self, lang: str) -> str:
        """The feedback in `lang` ("sv" or "en"; any other raises ValueError)."""
        if self.fixed is not None:
            return self.fixed.get(lang)
        return load().ui(self.template, lang, **sided(dict(self.values), lang))


def ui_text(key: str, **values: Any) -> Text:
    """The UI string `key` in both languages, filled from `values` (a Text value on its side)."""
    kb = load()
    return Text(sv=kb.ui(key, "sv", **sided(values, "sv")), en=kb.ui(key, "en", **sided(values, "en")))


def sided(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """`values` with each Text taken in `lang`, other values as they are."""
    return {name: (value.get(lang) if isinstance(value, Text) else value) for name, value in values.items()}

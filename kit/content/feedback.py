"""One piece of feedback to a learner, worded in either language when shown: the type cases, mapping and nrm share.

`Feedback` names what it is about (kind, code, element), a UI string key with its values (or a fixed `Text`)
and the reference behind it. Bilingual words are always a `kit.content.models.Text`, the kit's one bilingual
type: a value may be a `Text`, and the message takes its side in the language asked for (`Text.get`). The
findings of the referral plan's rules (`kit.nrm.rules.Finding`) are `Feedback` too, worded by the nrm layer,
so a view shows cases, mapping and nrm feedback alike: `message(lang)` and `ref`. `ui_text` gives a UI string
in both languages as a Text, for a value or a fixed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.content.loader import load
from kit.content.models import Text


@dataclass(frozen=True, slots=True)
class Feedback:
    """One piece of feedback: what it is about, a message in either language and a seed reference.

    The message is formatted when asked for, so scoring many answers stays fast.
    """

    kind: str        # cases: "verdict", "element" or "misconception"; mapping: the part's kind of note; nrm: severity
    code: str        # e.g. "missed", "wrong", "verdict_wrong", the misconception's id, or the nrm rule's id
    element: str | None
    template: str    # a UI string key, or "" when `fixed` holds the text
    values: tuple[tuple[str, Any], ...] = ()  # a value is a Text, or the same in both languages (a number, a name)
    ref: Any = None  # kit.content.models.Ref, kit.nrm.rules.Source (anything with `.label(lang)`), or None
    fixed: Text | None = None

    def message(self, lang: str) -> str:
        """The feedback in `lang` ("sv" or "en"; any other raises ValueError)."""
        if self.fixed is not None:
            return self.fixed.get(lang)
        return load().ui(self.template, lang, **sided(dict(self.values), lang))

    def text(self) -> Text:
        """The feedback in both languages."""
        return Text(sv=self.message("sv"), en=self.message("en"))


def ui_text(key: str, **values: Any) -> Text:
    """The UI string `key` in both languages, filled from `values` (a Text value on its side)."""
    kb = load()
    return Text(sv=kb.ui(key, "sv", **sided(values, "sv")), en=kb.ui(key, "en", **sided(values, "en")))


def sided(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """`values` with each Text taken in `lang`, other values as they are."""
    return {name: (value.get(lang) if isinstance(value, Text) else value) for name, value in values.items()}

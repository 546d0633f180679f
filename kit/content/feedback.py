"""One piece of feedback to a learner, worded in either language when shown: the type cases and mapping share.

`Feedback` names what it is about (kind, code, element), a UI string key with its values (or a fixed
Swedish/English pair) and the seed reference behind it. A value may be an (sv, en) pair; the message takes the
side of the language asked for. `Worded` is what every feedback-like item offers a view, findings of the referral
plan's rules (`kit.nrm.rules.Finding`) included: a message in the learner's language and a reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from kit.content.loader import load


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
    values: tuple[tuple[str, Any], ...] = ()
    ref: Any = None  # kit.content.models.Ref (or None)
    fixed: tuple[str, str] | None = None

    def message(self, lang: str) -> str:
        """The feedback in `lang` ("sv" or "en")."""
        position = 0 if lang == "sv" else 1
        if self.fixed is not None:
            return self.fixed[position]
        filled = {name: (value[position] if isinstance(value, tuple) else value) for name, value in self.values}
        return load().ui(self.template, lang, **filled)

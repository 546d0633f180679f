"""The loaded knowledge base: items by kind, look-up by id, UI strings by key."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


class UnknownIdError(KeyError):
    """An id (or UI key) that the knowledge base does not hold; names close matches."""

    def __init__(self, kind: str, item_id: str, known: list[str]):
        close = difflib.get_close_matches(item_id, known, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        self.kind, self.item_id = kind, item_id
        super().__init__(f"unknown {kind} id {item_id!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


@dataclass(frozen=True)
class KnowledgeBase:
    """Every content kind as an ordered tuple of items, plus the UI string catalogue."""

    kinds: Mapping[str, tuple[Any, ...]]
    ui_strings: Mapping[str, Any]
    _index: dict[str, dict[str, Any]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {kind: {item.id: item for item in items} for kind, items in self.kinds.items()}
        object.__setattr__(self, "_index", index)

    def __getattr__(self, name: str) -> tuple[Any, ...]:
        kinds = self.__dict__.get("kinds", {})
        if name in kinds:
            return kinds[name]
        raise AttributeError(f"no content kind {name!r}")

    def items(self, kind: str) -> tuple[Any, ...]:
        """All items of `kind` in file order."""
        if kind not in self.kinds:
            raise UnknownIdError("content kind", kind, list(self.kinds))
        return self.kinds[kind]

    def get(self, kind: str, item_id: str) -> Any:
        """The item of `kind` with `item_id`; an unknown id raises UnknownIdError."""
        items = self._index.get(kind)
        if items is None:
            raise UnknownIdError("content kind", kind, list(self.kinds))
        try:
            return items[item_id]
        except KeyError:
            raise UnknownIdError(kind, item_id, list(items)) from None

    def ids(self, kind: str) -> list[str]:
        """The ids of `kind` in file order."""
        return [item.id for item in self.items(kind)]

    def counts(self) -> dict[str, int]:
        """Number of items per kind (UI strings included as `ui_strings`)."""
        counts = {kind: len(items) for kind, items in self.kinds.items()}
        counts["ui_strings"] = len(self.ui_strings)
        return counts

    def ui(self, key: str, lang: str = "sv", **values: Any) -> str:
        """The UI string `key` in `lang`, with `{name}` placeholders filled from `values`."""
        try:
            text = self.ui_strings[key]
        except KeyError:
            raise UnknownIdError("UI string", key, list(self.ui_strings)) from None
        return text.get(lang).format(**values) if values else text.get(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(self.kinds)

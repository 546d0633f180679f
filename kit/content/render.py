"""Plain-text rendering of content items in one language, for the CLI and printouts."""

from __future__ import annotations

import textwrap
from typing import Any

from kit.content.kinds import REFERENCE_FIELDS
from kit.content.knowledge_base import KnowledgeBase
from kit.content.models import Model, Ref, Text

_HEADLINE_FIELDS = ("name", "title", "label", "setting", "question", "text", "purpose", "origin", "destination")
_WIDTH = 96


def headline(item: Any, lang: str) -> str:
    """The one-line title of an item: its name, title, label or first text."""
    for name in _HEADLINE_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, Text):
            return value.get(lang)
    return item.id


def render_list(kb: KnowledgeBase, kind: str, lang: str) -> str:
    """One line per item of `kind`: id and headline."""
    items = kb.items(kind)
    width = max((len(item.id) for item in items), default=0)
    return "\n".join(f"{item.id.ljust(width)}  {_clip(headline(item, lang))}" for item in items)


def render_item(kb: KnowledgeBase, item: Any, lang: str) -> str:
    """Every field of `item`, labelled in `lang`, with referenced ids shown by name."""
    lines = [f"{headline(item, lang)}  [{item.id}]"]
    lines += _fields(kb, item, lang, indent="  ", skip={"id"})
    return "\n".join(lines)


def _fields(kb: KnowledgeBase, node: Model, lang: str, indent: str, skip: set[str]) -> list[str]:
    lines: list[str] = []
    # The seed reference goes last, after the content it documents.
    for name in sorted(node.__struct_fields__, key=lambda field: field == "ref"):
        value = getattr(node, name)
        if name in skip or value is None or value == []:
            continue
        label = kb.ui(f"field.{name}", lang)
        if name in REFERENCE_FIELDS:
            names = [_referenced_name(kb, REFERENCE_FIELDS[name], ref_id, lang) for ref_id in _as_list(value)]
            lines.append(_wrap(f"{label}: {', '.join(names)}", indent))
        elif isinstance(value, Ref):
            lines.append(f"{indent}{label}: {value.label(lang)}")
        elif isinstance(value, Text):
            lines.append(_wrap(f"{label}: {value.get(lang)}", indent))
        elif isinstance(value, list):
            lines.append(f"{indent}{label}:")
            for element in value:
                lines.extend(_list_element(kb, element, lang, indent + "  "))
        else:
            lines.append(f"{indent}{label}: {_scalar(kb, value, lang)}")
    return lines


def _list_element(kb: KnowledgeBase, element: Any, lang: str, indent: str) -> list[str]:
    if isinstance(element, Text):
        return [_wrap(f"- {element.get(lang)}", indent, hanging="  ")]
    if isinstance(element, Model):
        first = _wrap(f"- {headline(element, lang)}", indent, hanging="  ")
        rest = _fields(kb, element, lang, indent + "  ", skip={"id", "text", "ref"})
        return [first, *rest]
    return [f"{indent}- {_scalar(kb, element, lang)}"]


def _scalar(kb: KnowledgeBase, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return kb.ui(f"value.{str(value).lower()}", lang)
    if isinstance(value, tuple):
        return "–".join(str(v) for v in value)
    key = f"value.{value}"
    return kb.ui(key, lang) if isinstance(value, str) and key in kb.ui_strings else str(value)


def _referenced_name(kb: KnowledgeBase, kind: str, ref_id: str, lang: str) -> str:
    return headline(kb.get(kind, ref_id), lang)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _wrap(text: str, indent: str, hanging: str = "  ") -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + hanging)


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

"""The whole pass: find candidates, settle overlaps, replace each kept span by a placeholder in the chosen language."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kit.cases.anonymiser.detectors import KINDS, find_structured, select_non_overlapping
from kit.cases.anonymiser.names import find_person_names
from kit.content import load
from kit.content.vocabulary import LANGS


@dataclass(frozen=True)
class Finding:
    """One removed item: its kind, where it was in the original text, and what replaced it (never the data)."""

    kind: str
    start: int
    end: int
    replacement: str


def anonymise(text: str, lang: str = "sv") -> tuple[str, list[Finding]]:
    """Replace personal data in `text` by placeholders in `lang` ("sv" or "en"); detection ignores `lang`."""
    placeholders = placeholders_for(lang)
    if not text:
        return "", []
    structured = select_non_overlapping(list(find_structured(text)))
    names = find_person_names(text, structured)
    chosen = select_non_overlapping(structured + names)
    findings = [Finding(c.kind, c.start, c.end, placeholders[c.kind]) for c in sorted(chosen, key=lambda c: c.start)]
    return replace_spans(text, findings), findings


def placeholders_for(lang: str) -> dict[str, str]:
    """The placeholder of every kind in `lang`, from the kit's UI catalogue."""
    if lang not in LANGS:
        raise ValueError(f"unsupported lang {lang!r}: use one of {', '.join(map(repr, LANGS))}")
    return _placeholders(lang)


@functools.lru_cache(maxsize=4)
def _placeholders(lang: str) -> dict[str, str]:
    knowledge_base = load()
    return {kind: knowledge_base.ui(f"anonymiser.{kind}", lang) for kind in KINDS}


def replace_spans(text: str, findings: list[Finding]) -> str:
    """`text` with every finding's span replaced, from right to left so the original offsets stay valid."""
    pieces: list[str] = []
    end = len(text)
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        pieces += [text[finding.end : end], finding.replacement]
        end = finding.start
    pieces.append(text[:end])
    return "".join(reversed(pieces))

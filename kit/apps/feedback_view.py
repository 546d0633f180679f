"""Scored feedback as HTML: the score, a row per answer element with a sign, words and colour, and
the feedback lines grouped under their element without repeats (any app that scores cases can use it)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kit.content.feedback import Feedback

# The rows in the order a person answered, and the scored elements each row stands for: purpose and
# forms are asked as one question, so they are one row.
ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("trafficking", ("trafficking",)),
    ("minor", ("minor",)),
    ("act", ("act",)),
    ("means", ("means",)),
    ("purpose", ("purpose", "forms")),
    ("indicators", ("indicators",)),
    ("first_referrals", ("first_referrals",)),
)
SIGNS = {"right": "✓", "partly": "◐", "wrong": "✗", "blank": "✗", "note": "!"}
ROW_LABEL_KEYS = {"purpose": "classifier.row.purpose"}
# Remarks about the reasoning as a whole (a verdict that contradicts one's own elements, a classic
# misconception) are not one element's result: they get a row of their own after the elements.
RECONSIDER = "reconsider"


@dataclass
class FeedbackRow:
    """One element's result: its status (right, partly, wrong, blank), credit and feedback lines."""

    key: str
    status: str
    credit: float
    lines: list[tuple[str, str]] = field(default_factory=list)  # (message, source) in one language


def row_of(item: Feedback) -> str:
    """The row a feedback item belongs under: its element's, the verdict's, or "reconsider" for
    contradictions and misconceptions."""
    if item.kind == "misconception" or item.code == "contradiction":
        return RECONSIDER
    if item.kind == "element" and item.element is not None:
        for key, elements in ROWS:
            if item.element in elements:
                return key
    return "trafficking"


def row_status(details: Sequence[Any]) -> tuple[str, float]:
    """A row's status and credit from the scores of the elements it stands for."""
    weight = sum(detail.weight for detail in details) or 1.0
    credit = sum(detail.score * detail.weight for detail in details) / weight
    if credit >= 1.0:
        return "right", 1.0
    if not any(detail.answered for detail in details) or all(
            detail.answered and not detail.correct and not detail.wrong and detail.missed for detail in details):
        return "blank", credit  # not answered, or nothing chosen where something was expected
    return ("partly" if credit > 0 else "wrong"), credit


def feedback_rows(score: Any, lang: str) -> list[FeedbackRow]:
    """A row per element (those the score has), each with its own feedback lines, none twice."""
    rows: dict[str, FeedbackRow] = {}
    for key, elements in ROWS:
        details = [score.elements[element] for element in elements if element in score.elements]
        if details:
            status, credit = row_status(details)
            rows[key] = FeedbackRow(key, status, credit)
    seen: set[tuple[Any, ...]] = set()
    for item in score.feedback:
        if item.code == "unanswered":
            continue  # the row itself says "not answered"
        key = row_of(item)
        # "Purpose: you missed X" and "Forms: you missed X" say one thing when shown under one row.
        said = tuple((name, value) for name, value in item.values if name != "element")
        signature = (key, item.code, said) if item.template else (key, item.message(lang))
        message = item.message(lang)
        if signature in seen or (key, message) in seen:
            continue
        seen.update({signature, (key, message)})
        source = item.ref.label(lang) if item.ref is not None else ""
        rows.setdefault(key, FeedbackRow(key, "note" if key == RECONSIDER else "blank", 0.0)).lines.append((message, source))
    if RECONSIDER in rows:
        rows[RECONSIDER] = rows.pop(RECONSIDER)  # after the elements
    return list(rows.values())


def percent(value: float) -> int:
    return round(value * 100)


def score_text(score: Any, kb: Any, lang: str) -> str:
    """The score line that heads the feedback: "Poäng: 72 %"."""
    return kb.ui("classifier.score", lang, percent=percent(score.total))


def feedback_html(score: Any, kb: Any, lang: str, *, teaching_note: str = "", teaching_sources: Sequence[str] = (),
                  screening_lines: Sequence[str] = (), with_score: bool = True, contested: str = "") -> str:
    """The feedback panel: score (unless the caller shows `score_text` as a heading of its own),
    a row per element (sign, words, colour) with its lines under it, then the teaching note, why
    experts disagree on a contested key, and the screening aid."""
    ui = lambda key, **values: kb.ui(key, lang, **values)  # noqa: E731
    parts = [f'<section class="kit-feedback" lang="{lang}">']
    if with_score:
        parts.append(f'<h3 class="kit-feedback-score">{html.escape(score_text(score, kb, lang))}</h3>')
    parts += [f"<h4>{html.escape(ui('classifier.elements_title'))}</h4>", '<ul class="kit-feedback-rows">']
    for row in feedback_rows(score, lang):
        if row.key == RECONSIDER:
            text = ui("classifier.row.reconsider")
        else:
            label = ui(ROW_LABEL_KEYS.get(row.key, f"element.{row.key}"))
            text = ui("classifier.row", element=label, status=ui(f"classifier.status.{row.status}"), percent=percent(row.credit))
        parts.append(f'<li class="kit-feedback-row kit-feedback-{row.status}">'
                     f'<span class="kit-sign" aria-hidden="true">{SIGNS[row.status]}</span> <strong>{html.escape(text)}</strong>')
        if row.lines:
            parts.append("<ul>")
            parts += [f"<li>{html.escape(message)}" + (f' <small class="kit-ref">({html.escape(source)})</small>' if source else "") + "</li>"
                      for message, source in row.lines]
            parts.append("</ul>")
        parts.append("</li>")
    parts.append("</ul>")
    if teaching_note:
        sources = f' <small class="kit-ref">({html.escape("; ".join(teaching_sources))})</small>' if teaching_sources else ""
        parts.append(f"<h4>{html.escape(ui('classifier.teaching_note_title'))}</h4><p>{html.escape(teaching_note)}{sources}</p>")
    if contested:
        parts.append(f'<h4>{html.escape(ui("case.contested_title"))}</h4><p class="kit-contested">{html.escape(contested)}</p>')
    if screening_lines:
        parts.append(f"<h4>{html.escape(ui('classifier.screening_title'))}</h4><ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in screening_lines]
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)

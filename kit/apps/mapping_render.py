"""HTML of the mapping simulator: a labelled table that fits a phone, the scored plan's feedback, the year."""

from __future__ import annotations

import html
from typing import Any

PARTS = ("groups", "places", "actors", "resources", "actions")
GOOD = 0.8  # a part scored at least this well is shown as good (✓)


def table_html(frame: Any, caption: str, cue: str) -> str:
    """A table of text (headings = column names) that scrolls inside its own box on a wide screen
    and turns each row into a card on a phone (every cell repeats its heading)."""
    headings = [str(column) for column in frame.columns]
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
    body = []
    for row in frame.itertuples(index=False):
        cells = "".join(f'<td data-label="{html.escape(h)}">{html.escape(str(value))}</td>' for h, value in zip(headings, row))
        body.append(f"<tr>{cells}</tr>")
    name = html.escape(caption)
    return (f'<div class="kit-map-table">'
            f'<p class="kit-map-table-caption"><strong>{name}</strong></p>'
            f'<p class="kit-map-table-cue"><small>{html.escape(cue)}</small></p>'
            # A scrolling region must be reachable by keyboard: focusable, named, a landmark.
            f'<div class="kit-map-table-scroll kit-scroll-x" tabindex="0" role="region" aria-label="{name}">'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></div>')


def score_html(score: Any, kb: Any, lang: str) -> str:
    """The scored plan (under its own heading): the total, then each part with ✓ or ✗, a word and its
    feedback, no line twice."""
    ui = kb.ui
    total = ui("simulator.total", lang, percent=round(score.total * 100), recall=round(score.recall * 100),
               precision=round(score.precision * 100))
    lines: dict[str, list[tuple[str, bool]]] = {part: [] for part in PARTS}
    seen: set[str] = set()
    for item in score.feedback:
        text = item.message(lang) + (f" ({item.ref.label(lang)})" if item.ref is not None else "")
        if text in seen:
            continue
        seen.add(text)
        lines[_part_of(item.element)].append((text, item.kind != "summary" and item.code != "summary"))
    parts = []
    for part in PARTS:
        share = score.parts.get(part, 0.0)
        good = share >= GOOD
        key = "simulator.result.part_good" if good else "simulator.result.part_work"
        heading = ui(key, lang, part=ui(f"mapping.part.{part}", lang), percent=round(share * 100))
        sign = "✓" if good else "✗"
        items = lines[part] or [(ui("simulator.result.no_remarks", lang), False)]
        listed = "".join(f'<li class="{"kit-map-remark" if remark else "kit-map-info"}">{html.escape(text)}</li>' for text, remark in items)
        state = "good" if good else "work"
        parts.append(f'<div class="kit-map-part kit-map-part-{state}"><h4><span class="kit-map-sign" aria-hidden="true">{sign}</span> '
                     f"{html.escape(heading)}</h4><ul>{listed}</ul></div>")
    return (f'<div class="kit-map-score" lang="{lang}">'
            f'<p class="kit-map-total"><strong>{html.escape(total)}</strong></p>{"".join(parts)}</div>')


def _part_of(element: str | None) -> str:
    """The plan part a feedback item belongs to ("gaps" and "actions.outreach" included)."""
    part = (element or "actions").split(".")[0]
    return {"gaps": "resources"}.get(part, part if part in PARTS else "actions")


def year_html(figure: str, summaries: list[str], lang: str) -> str:
    """The year with and without the plan: the curves (an <img> with alt text) and one line per plan."""
    listed = "".join(f"<li>{html.escape(text)}</li>" for text in summaries)
    return f'<div class="kit-map-year" lang="{lang}">{figure}<ul>{listed}</ul></div>'

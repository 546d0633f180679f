"""The cohort report's sections as HTML fragments in one language: headings, notes, tables, figures.

Every label comes from the UI strings (`course_report.*` in kit/content/data/ui_course.yaml).
Numbers use the language's decimal mark; a value that cannot be computed shows as "–".
"""

from __future__ import annotations

import html
import math
from typing import Any

from kit.content import load
from kit.content.figure_html import figure_html
from kit.content.knowledge_base import UnknownIdError
from kit.course.cohort.assignments import load_assignments
from kit.course.report.figures import points_histogram

SECTIONS = ("failures", "manual", "scores", "items", "missed", "misconceptions", "time")
UNDEFINED = "–"


def render_section(name: str, analysis: Any, lang: str = "sv") -> str:
    """The HTML of section `name` (one of SECTIONS) for `analysis` (a CohortAnalysis)."""
    renderers = {"failures": _failures, "manual": _manual, "scores": _scores, "items": _items, "missed": _missed,
                 "misconceptions": _misconceptions, "time": _time}
    if name not in renderers:
        raise ValueError(f"unknown report section {name!r}: use one of {', '.join(SECTIONS)}")
    return renderers[name](analysis, load(), lang)


def render_summary(analysis: Any, lang: str, date: str) -> str:
    """The report's title and a short summary of the cohort."""
    kb = load()
    parts = [
        f"<h1>{_text(kb.ui('course_report.title', lang, cohort=analysis.cohort.name))}</h1>",
        f"<p>{_text(kb.ui('course_report.summary', lang, students=analysis.learners, assignments=len(analysis.distribution), date=date))}</p>",
    ]
    if analysis.pending_manual:
        parts.append(f'<p class="notice">{_text(kb.ui("course_report.pending_manual", lang, count=analysis.pending_manual))}</p>')
    return "\n".join(parts)


def number(value: Any, lang: str, digits: int = 2, trim: bool = False) -> str:
    """`value` with `digits` decimals (trailing zeros dropped if `trim`), in the language's decimal mark."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNDEFINED
    text = f"{float(value):.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.00", "-0.0"):
        text = text.lstrip("-")
    return text.replace(".", ",") if lang == "sv" else text


def percent(share: float, lang: str) -> str:
    """A share as a whole percentage: "42 %" in Swedish, "42%" in English."""
    if share is None or math.isnan(share):
        return UNDEFINED
    return f"{round(share * 100)}\u00a0%" if lang == "sv" else f"{round(share * 100)}%"


def html_table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """A table with column headers; cells are escaped; columns from `numeric_from` align right."""
    head = "".join(f'<th scope="col">{_text(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{_text(c)}</td>' if i >= numeric_from else f"<td>{_text(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _failures(analysis: Any, kb: Any, lang: str) -> str:
    """Every failed grading, by learner (pseudonym) and assignment, with the reasons the run gave."""
    ui = _ui(kb, lang)
    rows = [[student, _assignment_title(assignment, lang), "; ".join(reasons)]
            for (assignment, student), reasons in sorted(analysis.failures.items(), key=lambda item: (item[0][1], item[0][0]))]
    return _listing(ui, "failures", [ui("col_learner"), ui("col_assignment"), ui("col_reasons")], rows)


def _manual(analysis: Any, kb: Any, lang: str) -> str:
    """Every submission with free text that still awaits manual grading, and its parts."""
    ui = _ui(kb, lang)
    rows = [[student, _assignment_title(assignment, lang), ", ".join(parts)]
            for assignment, student, parts in sorted(analysis.pending(), key=lambda item: (item[1], item[0]))]
    return _listing(ui, "manual", [ui("col_learner"), ui("col_assignment"), ui("col_parts")], rows)


def _listing(ui: Any, section: str, headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "\n".join([_h2(ui(f"{section}_heading")), _p(ui(f"{section}_none"))])
    return "\n".join([_h2(ui(f"{section}_heading")), _p(ui(f"{section}_note")), html_table(headers, rows, numeric_from=3)])


def _assignment_title(assignment_id: str, lang: str) -> str:
    """An assignment as `ch2_what_is_trafficking (Är det människohandel?)`; an id the course does not know, as is."""
    known = load_assignments().get(assignment_id)
    return f"{assignment_id} ({known.title.get(lang)})" if known else assignment_id


def _scores(analysis: Any, kb: Any, lang: str) -> str:
    ui = _ui(kb, lang)
    parts, empty = _opening(ui, "scores", analysis.distribution)
    if empty:
        return "\n".join(parts)
    headers = [ui(f"col_{key}") for key in ("assignment", "learners", "max_points", "median", "q1", "q3")]
    rows = [
        [row.assignment, str(row.n), number(row.max_score, lang, trim=True), number(row.median, lang, trim=True),
         number(row.q1, lang, trim=True), number(row.q3, lang, trim=True)]
        for row in analysis.distribution.itertuples()
    ]
    parts.append(html_table(headers, rows))
    for row in analysis.distribution.itertuples():
        points = analysis.totals.loc[analysis.totals["assignment"] == row.assignment, "score"].astype(float).tolist()
        title = kb.ui("course_report.histogram_title", lang, assignment=_assignment_title(row.assignment, lang))
        figure = points_histogram(points, row.max_score, ui("histogram_x"), ui("histogram_y"), title)
        alt = kb.ui("course_report.histogram_alt", lang, assignment=row.assignment, n=row.n,
                    median=number(row.median, lang, trim=True), max_score=number(row.max_score, lang, trim=True),
                    q1=number(row.q1, lang, trim=True), q3=number(row.q3, lang, trim=True))
        parts.append(f"<figure>{figure_html(figure, alt)}</figure>")
    return "\n".join(parts)


def _items(analysis: Any, kb: Any, lang: str) -> str:
    ui = _ui(kb, lang)
    parts, empty = _opening(ui, "items", analysis.items)
    if empty:
        return "\n".join(parts)
    headers = [ui(f"col_{key}") for key in ("assignment", "notebook", "part", "max_points", "learners", "difficulty", "discrimination")]
    rows = [
        [row.assignment, row.notebook, row.grade_id, number(row.max_score, lang, trim=True), str(row.n),
         number(row.difficulty, lang), number(row.discrimination, lang)]
        for row in analysis.items.itertuples()
    ]
    parts.append(html_table(headers, rows, numeric_from=3))
    if analysis.items[["difficulty", "discrimination"]].isna().any().any():
        parts.append(_p(ui("undefined_note")))
    return "\n".join(parts)


def _missed(analysis: Any, kb: Any, lang: str) -> str:
    return _counts(analysis.missed, kb, lang, "missed", "indicator", lambda item: item.question.get(lang), "indicators")


def _misconceptions(analysis: Any, kb: Any, lang: str) -> str:
    def label(item: Any) -> str:
        return (item.label or item.text).get(lang)

    return _counts(analysis.misconceptions, kb, lang, "misconceptions", "misconception", label, "misconceptions")


def _counts(table: Any, kb: Any, lang: str, section: str, column: str, label: Any, kind: str) -> str:
    ui = _ui(kb, lang)
    parts, empty = _opening(ui, section, table)
    if empty:
        return "\n".join(parts)
    headers = [ui(f"col_{column}"), ui("col_students"), ui("col_share")]
    rows = [[_item_label(kb, kind, row.id, label), str(row.students), percent(row.share, lang)] for row in table.itertuples()]
    parts.append(html_table(headers, rows))
    return "\n".join(parts)


def _time(analysis: Any, kb: Any, lang: str) -> str:
    ui = _ui(kb, lang)
    parts, empty = _opening(ui, "time", analysis.times)
    if empty:
        return "\n".join(parts)
    headers = [ui(f"col_{key}") for key in ("assignment", "learners", "known_time", "median_minutes", "q1_minutes", "q3_minutes")]
    rows = [
        [row.assignment, str(row.learners), str(row.n_known), number(row.median_s / 60, lang, 1),
         number(row.q1_s / 60, lang, 1), number(row.q3_s / 60, lang, 1)]
        for row in analysis.times.itertuples()
    ]
    parts.append(html_table(headers, rows))
    return "\n".join(parts)


def _opening(ui: Any, section: str, table: Any) -> tuple[list[str], bool]:
    """A section's heading and note, or its heading and "no data" when `table` is empty (then True)."""
    if table.empty:
        return [_h2(ui(f"{section}_heading")), _p(ui("no_data"))], True
    return [_h2(ui(f"{section}_heading")), _p(ui(f"{section}_note"))], False


def _item_label(kb: Any, kind: str, item_id: str, label: Any) -> str:
    """The item's label in the knowledge base; an id it does not know is shown as is."""
    try:
        return f"{label(kb.get(kind, item_id))} ({item_id})"
    except UnknownIdError:
        return item_id


def _ui(kb: Any, lang: str) -> Any:
    return lambda key: kb.ui(f"course_report.{key}", lang)


def _h2(text: str) -> str:
    return f"<h2>{_text(text)}</h2>"


def _p(text: str) -> str:
    return f"<p>{_text(text)}</p>"


def _text(value: str) -> str:
    return html.escape(str(value), quote=False)

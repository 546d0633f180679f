"""The trainer dashboard's room as HTML: bars with a legend, tables whose every column has a
heading, and labels in the page's language (case titles, indicator questions, exercise names)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kit.cases.narrative import render
from kit.content.i18n import format_number
from kit.store.room import (
    VARIES,
    app_scores,
    classifier_frame,
    element_results_table,
    form_confusion,
    missed_indicators,
    verdict_counts,
)

# The apps that save answers, and the UI key of each one's name; other app ids get a generic name.
APP_LABELS = {
    "classifier": "dashboard.app.classifier",
    "principles_quiz": "dashboard.app.principles_quiz",
    "nrm_planner": "dashboard.app.nrm_planner",
    "mapping_simulator": "dashboard.app.mapping_simulator",
}
VERDICTS = ("yes", "no", "unsure")
# White text on each colour has a contrast of at least 4.5:1; the legend and the numbers carry
# the meaning too, so it never rests on colour alone.
VERDICT_COLOURS = {"yes": "#1f5f8b", "no": "#a93226", "unsure": "#5f5f5f"}
MOST_MISSED = 8


def _e(text: Any) -> str:
    return html.escape(str(text))


@dataclass
class RoomView:
    """Draws the room for one language; `kb` is the knowledge base, `bank` the case bank."""

    kb: Any
    lang: str
    bank: Mapping[str, Any]

    def ui(self, key: str, **values: Any) -> str:
        return self.kb.ui(key, self.lang, **values)

    def percent(self, share: float) -> str:
        return self.ui("dashboard.percent", value=format_number(round(share * 100), self.lang))

    # --- labels -------------------------------------------------------------------------
    def case_title(self, case_id: str) -> str:
        case = self.bank.get(case_id)
        return render(case, self.lang)[0] if case is not None else self.ui("dashboard.app.other")

    def app_name(self, app: str) -> str:
        return self.ui(APP_LABELS.get(app, "dashboard.app.other"))

    def indicator(self, indicator_id: str) -> str:
        return self.kb.get("indicators", indicator_id).question.get(self.lang)

    def form(self, form_id: str, truth: bool) -> str:
        if form_id == "none":
            return self.ui("dashboard.form_none_truth" if truth else "dashboard.form_none_given")
        return self.kb.get("forms", form_id).label.get(self.lang)

    # --- sections -----------------------------------------------------------------------
    def legend(self) -> str:
        """The bars' legend: a coloured sign and the words for each verdict."""
        items = "".join(
            f'<li><span class="kit-swatch" style="background:{VERDICT_COLOURS[v]}" aria-hidden="true"></span>'
            f"{_e(self.ui(f'dashboard.legend_{v}'))}</li>" for v in VERDICTS)
        return (f'<div class="kit-legend" role="group" aria-label="{_e(self.ui("dashboard.legend_title"))}">'
                f'<strong>{_e(self.ui("dashboard.legend_title"))}</strong><ul>{items}</ul>'
                f'<p>{_e(self.ui("dashboard.legend_note"))}</p></div>')

    def verdict_table(self, counts: Any) -> str:
        """Per case: a bar of the room's verdicts, the counts in their own columns, the right answer."""
        rows = []
        for row in counts.itertuples():
            values = {v: int(getattr(row, v)) for v in VERDICTS}
            segments = "".join(
                f'<span class="kit-bar-part kit-bar-{v}" style="flex:{n} 1 0;background:{VERDICT_COLOURS[v]}">{n}</span>'
                for v, n in values.items() if n)
            label = self.ui("dashboard.bar_label", **values)
            truth = self.ui("dashboard.truth_varies" if row.truth == VARIES else f"app.{row.truth}")
            cells = "".join(f'<td data-label="{_e(self.ui(f"dashboard.col_{v}"))}">{values[v]}</td>' for v in VERDICTS)
            rows.append(
                f'<tr><th scope="row">{_e(self.case_title(row.case))}</th>'
                f'<td class="kit-bar-cell" data-label="{_e(self.ui("dashboard.col_answers"))}">'
                f'<div class="kit-bar" role="img" aria-label="{_e(label)}">{segments}</div></td>'
                f'{cells}<td data-label="{_e(self.ui("dashboard.col_truth"))}">{_e(truth)}</td></tr>')
        headings = ["dashboard.col_case", "dashboard.col_answers", *(f"dashboard.col_{v}" for v in VERDICTS), "dashboard.col_truth"]
        return self._table("kit-verdicts", self.ui("dashboard.verdicts_alt", cases=len(counts)), headings, rows)

    def missed_table(self, missed: Any) -> str:
        """The indicators missed most often; an indicator nobody missed is not listed."""
        missed = missed[missed["missed"] > 0].head(MOST_MISSED)
        if missed.empty:
            return f'<p class="kit-missed-none">{_e(self.ui("dashboard.missed_none"))}</p>'
        rows = [
            f'<tr><th scope="row">{_e(self.indicator(row.indicator))}</th>'
            f'<td data-label="{_e(self.ui("dashboard.col_missed"))}">{_e(self.ui("dashboard.missed_of", missed=row.missed, present=row.present))}</td>'
            f'<td data-label="{_e(self.ui("dashboard.col_share_missed"))}">{_e(self.percent(row.share_missed))}</td></tr>'
            for row in missed.itertuples()]
        headings = ["dashboard.col_indicator", "dashboard.col_missed", "dashboard.col_share_missed"]
        return self._table("kit-missed", self.ui("dashboard.missed_alt"), headings, rows)

    def elements_table(self, results: Any) -> str:
        """Per answer element, the one the room misses most first: how many answers got it right,
        partly right, wrong or left it out, and the mean credit."""
        kinds = ("right", "partly", "wrong", "unanswered")
        rows = []
        for row in results.itertuples():
            cells = "".join(f'<td data-label="{_e(self.ui(f"dashboard.col_element_{kind}"))}">'
                            f'{_e(format_number(int(getattr(row, kind)), self.lang))}</td>' for kind in kinds)
            rows.append(f'<tr><th scope="row">{_e(self.ui(f"element.{row.element}"))}</th>{cells}'
                        f'<td data-label="{_e(self.ui("dashboard.col_element_mean"))}">{_e(self.percent(row.mean_score))}</td></tr>')
        headings = ["dashboard.col_element", *(f"dashboard.col_element_{kind}" for kind in kinds), "dashboard.col_element_mean"]
        return self._table("kit-elements", self.ui("dashboard.elements_alt"), headings, rows)

    def confusion_table(self, confusion: Any) -> str:
        """Per right form: how often it was chosen, and what was chosen instead (most often first)."""
        rows = []
        for truth in confusion.index:
            counts = {answer: int(n) for answer, n in confusion.loc[truth].items() if int(n)}
            right = counts.pop(truth, 0)
            instead = sorted(counts.items(), key=lambda item: (-item[1], self.form(item[0], truth=False)))
            others = ", ".join(self.ui("dashboard.form_count", label=self.form(a, truth=False), count=n) for a, n in instead)
            rows.append(
                f'<tr><th scope="row">{_e(self.form(truth, truth=True))}</th>'
                f'<td data-label="{_e(self.ui("dashboard.col_form_right"))}">{right}</td>'
                f'<td data-label="{_e(self.ui("dashboard.col_form_instead"))}">{_e(others or self.ui("dashboard.nothing_else"))}</td></tr>')
        headings = ["dashboard.col_true_form", "dashboard.col_form_right", "dashboard.col_form_instead"]
        return self._table("kit-confusion", self.ui("dashboard.confusion_alt"), headings, rows)

    def scores_table(self, scores: Iterable[tuple[str, int, int, float | None]]) -> str:
        """(app, participants, answers, mean score or None) per exercise."""
        rows = [
            f'<tr><th scope="row">{_e(self.app_name(app))}</th>'
            f'<td data-label="{_e(self.ui("dashboard.col_participants"))}">{_e(format_number(people, self.lang))}</td>'
            f'<td data-label="{_e(self.ui("dashboard.col_answer_count"))}">{_e(format_number(count, self.lang))}</td>'
            f'<td data-label="{_e(self.ui("dashboard.col_mean_score"))}">{_e(self.percent(mean) if mean is not None else self.ui("dashboard.nothing_else"))}</td></tr>'
            for app, people, count, mean in scores]
        headings = ["dashboard.col_exercise", "dashboard.col_participants", "dashboard.col_answer_count", "dashboard.col_mean_score"]
        return self._table("kit-scores", self.ui("dashboard.scores_alt"), headings, rows)

    def _table(self, css_class: str, caption: str, heading_keys: list[str], rows: list[str]) -> str:
        headings = "".join(f'<th scope="col">{_e(self.ui(key))}</th>' for key in heading_keys)
        return (f'<table class="kit-room-table {css_class}"><caption>{_e(caption)}</caption>'
                f'<thead><tr>{headings}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def room_html(view: RoomView, answers: list[Any]) -> str:
    """Every section of the room for the stored `answers` (each participant's latest answer counts)."""
    parts = []
    frame = classifier_frame(answers, view.bank)
    if not frame.empty:
        parts += [f"<h3>{_e(view.ui('dashboard.verdicts_title'))}</h3>", view.legend(), view.verdict_table(verdict_counts(frame))]
        elements = element_results_table(frame)
        if not elements.empty:
            parts += [f"<h3>{_e(view.ui('dashboard.elements_title'))}</h3>", view.elements_table(elements)]
        parts += [f"<h3>{_e(view.ui('dashboard.missed_title'))}</h3>", view.missed_table(missed_indicators(frame))]
        confusion = form_confusion(frame)
        if not confusion.empty:
            parts += [f"<h3>{_e(view.ui('dashboard.confusion_title'))}</h3>", view.confusion_table(confusion)]
    parts += [f"<h3>{_e(view.ui('dashboard.scores_title'))}</h3>", view.scores_table(exercise_scores(answers))]
    return "".join(parts)


def exercise_scores(answers: list[Any]) -> list[tuple[str, int, int, float | None]]:
    """(app, participants, answers, mean score or None) per exercise in the order of APP_LABELS;
    answers of apps the dashboard has no name for are counted together under the last row."""
    import pandas as pd

    present = {a.app for a in answers}
    groups = [(app, [app]) for app in APP_LABELS if app in present]
    others = sorted(present - set(APP_LABELS))
    if others:
        groups.append(("other", others))
    rows = []
    for name, apps in groups:
        table = pd.concat([app_scores(answers, app) for app in apps], ignore_index=True)
        scored = table["score"].dropna()
        rows.append((name, int(table["participant"].nunique()), len(table), float(scored.mean()) if len(scored) else None))
    return rows

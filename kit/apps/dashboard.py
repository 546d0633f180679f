"""The trainer dashboard: the room's answers live, with plots a trainer can project."""

from __future__ import annotations

import html
import time
from typing import Any

from kit.apps.shell import AppShell

APPS = ("classifier", "principles_quiz", "nrm_planner", "mapping_simulator")
REFRESH_SECONDS = 5.0


class TrainerDashboard:
    """Refresh on demand or every few seconds: verdicts, missed indicators, confused forms, scores."""

    def __init__(self, lang: str | None = None, db_url: str | None = None, read_now: bool = True):
        import ipywidgets as widgets

        self.shell = shell = AppShell("dashboard", lang=lang, db_url=db_url)
        shell.pseudonym.layout.display = shell.pseudonym_help.layout.display = "none"  # trainers need no pseudonym
        self.title = widgets.HTML()
        self.refresh = widgets.Button(icon="refresh", button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.refresh.add_class("kit-refresh")
        self.auto = widgets.Checkbox(value=False, indent=False)
        self.auto.add_class("kit-auto-refresh")
        self.summary = widgets.HTML()
        self.summary.add_class("kit-room-summary")
        self.body = widgets.HTML()
        self.body.add_class("kit-room")
        self._timer: Any = None
        self._read_once = False
        self.refresh.on_click(shell.guard(lambda _: self.update()))
        self.auto.observe(shell.guard(lambda change: self._schedule() if change["new"] else None), names="value")
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)
        self.widget = widgets.VBox([shell.header, self.title, widgets.HBox([self.refresh, self.auto]), self.summary, self.body])
        self.widget.add_class("kit-dashboard")
        if read_now:
            self.update()
        else:  # the page shows at once; the room's answers (pandas, the store) follow a moment later
            self.summary.value = f'<p role="status">{html.escape(shell.ui("dashboard.loading"))}</p>'
            shell.soon(self.update)

    def update(self) -> None:
        """Read the store and redraw everything."""
        from kit.course.room import app_scores, classifier_frame, form_confusion, missed_indicators, verdict_counts

        self._read_once = True
        ui, lang = self.shell.ui, self.shell.lang
        answers = self.shell.store.answers() if self.shell.store is not None else []
        participants = {a.participant for a in answers}
        stamp = time.strftime("%H:%M:%S")
        self.summary.value = (f"<p><strong>{html.escape(ui('dashboard.participants', count=len(participants), answers=len(answers)))}</strong>"
                              f" · <small>{html.escape(ui('dashboard.updated', time=stamp))}</small></p>")
        if not answers:
            self.body.value = f"<p>{html.escape(ui('dashboard.no_answers'))}</p>"
            return
        frame = classifier_frame(answers)
        parts = []
        if not frame.empty:
            counts = verdict_counts(frame)
            parts.append(f"<h3>{html.escape(ui('dashboard.verdicts_title'))}</h3>")
            parts.append(self._verdict_bars(counts))
            missed = missed_indicators(frame).head(8)
            parts.append(f"<h3>{html.escape(ui('dashboard.missed_title'))}</h3><ol>")
            for row in missed.itertuples():
                question = self.shell.kb.get("indicators", row.indicator).question.get(lang)
                parts.append(f"<li>{html.escape(question)} – {round(row.share_missed * 100)} % ({row.missed}/{row.present})</li>")
            parts.append("</ol>")
            confusion = form_confusion(frame)
            if not confusion.empty:
                parts.append(f"<h3>{html.escape(ui('dashboard.confusion_title'))}</h3>")
                parts.append(self._confusion_table(confusion, lang))
        parts.append(f"<h3>{html.escape(ui('dashboard.scores_title'))}</h3><ul>")
        for app in APPS:
            scores = app_scores(answers, app)["score"].dropna()
            if len(scores):
                parts.append(f"<li>{html.escape(ui('dashboard.mean_score', app=app, mean=round(scores.mean() * 100), count=len(scores)))}</li>")
        parts.append("</ul>")
        self.body.value = "".join(parts)

    def _verdict_bars(self, counts: Any) -> str:
        """Verdicts per case as stacked bars in HTML: light to draw, readable when projected, and
        a real table for screen readers (the numbers are in the cells, not only in the colours)."""
        from kit.cases.bank import load_bank
        from kit.cases.narrative import render

        kb, lang, bank = self.shell.kb, self.shell.lang, load_bank()
        colours = {"yes": "#1f5f8b", "no": "#c0392b", "unsure": "#777777"}
        labels = {key: kb.ui(f"app.{key}", lang) for key in colours}
        rows = []
        for row in counts.itertuples():
            total = max(1, row.yes + row.no + row.unsure)
            bars = "".join(
                f'<span style="display:inline-block;width:{100 * getattr(row, key) / total:.1f}%;background:{colour};'
                f'color:white;text-align:center">{getattr(row, key) or ""}</span>'
                for key, colour in colours.items() if getattr(row, key))
            truth = labels[row.truth]
            title = render(bank[row.case], lang)[0] if row.case in bank else row.case
            rows.append(f'<tr><th scope="row">{html.escape(title)}</th><td style="width:55%">{bars}</td>'
                        f"<td>{row.yes}</td><td>{row.no}</td><td>{row.unsure}</td><td>{html.escape(truth)}</td></tr>")
        header = "".join(f'<th scope="col">{html.escape(labels[key])}</th>' for key in colours)
        caption = html.escape(self.shell.ui("dashboard.verdicts_alt", cases=len(counts)))
        return (f'<table class="kit-verdicts"><caption>{caption}</caption><thead><tr><th></th><th></th>{header}'
                f'<th scope="col">{html.escape(self.shell.ui("dashboard.truth"))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')

    def _confusion_table(self, confusion: Any, lang: str) -> str:
        def label(form: str) -> str:
            return "–" if form == "none" else self.shell.kb.get("forms", form).label.get(lang)

        header = "".join(f'<th scope="col">{html.escape(label(c))}</th>' for c in confusion.columns)
        rows = "".join(
            f'<tr><th scope="row">{html.escape(label(index))}</th>' + "".join(f"<td>{value}</td>" for value in row) + "</tr>"
            for index, row in zip(confusion.index, confusion.to_numpy())
        )
        caption = html.escape(self.shell.ui("dashboard.confusion_alt"))
        return f"<table><caption>{caption}</caption><thead><tr><th></th>{header}</tr></thead><tbody>{rows}</tbody></table>"

    def _schedule(self) -> None:
        """Refresh every few seconds on the kernel's event loop while the box is ticked."""
        import asyncio

        def tick() -> None:
            if self.auto.value:
                self.shell.guard(self.update)()
                self._timer = asyncio.get_event_loop().call_later(REFRESH_SECONDS, tick)

        self._timer = asyncio.get_event_loop().call_later(REFRESH_SECONDS, tick)

    def _relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.title.value = f"<h2>{html.escape(ui('dashboard.title'))}</h2><p>{html.escape(ui('dashboard.intro'))}</p>"
        self.refresh.description = ui("dashboard.refresh")
        self.auto.description = ui("dashboard.auto")
        if self._read_once:  # redraw in the new language; before the first reading there is nothing yet
            self.update()


def show_dashboard(lang: str | None = None, db_url: str | None = None) -> TrainerDashboard:
    """Display the dashboard in a notebook or a Voila page."""
    from IPython.display import display

    app = TrainerDashboard(lang=lang, db_url=db_url, read_now=False)
    display(app.widget)
    return app

"""The trainer dashboard: the room's answers live, behind the trainer key, readable when projected."""

from __future__ import annotations

import html
import time
from typing import Any

from kit.apps.dashboard_gate import KeyGate
from kit.apps.dashboard_html import RoomView, room_html
from kit.apps.dashboard_lead import LeadPanel
from kit.apps.shell import AppShell
from kit.apps.trainer_key import KeyPolicy
from kit.cases.bank import load_bank
from kit.content.i18n import query_value

REFRESH_SECONDS = 5.0
PROJECTOR_CLASS = "kit-projector"


class TrainerDashboard:
    """Opens with the trainer key; then lead the room (kit/apps/dashboard_lead.py) and refresh on
    demand or every few seconds: verdicts, missed indicators, confused forms, scores per exercise.
    A projector mode enlarges everything."""

    def __init__(self, lang: str | None = None, db_url: str | None = None, read_now: bool = True,
                 policy: KeyPolicy | None = None, key: str | None = None):
        import ipywidgets as widgets

        self.shell = shell = AppShell("dashboard", lang=lang, db_url=db_url, for_participants=False)
        self.title = widgets.HTML()
        self.refresh = widgets.Button(icon="refresh", button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.refresh.add_class("kit-refresh")
        self.auto = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.auto.add_class("kit-auto-refresh")
        self.projector = widgets.ToggleButton(value=False, icon="search-plus", layout=widgets.Layout(width="auto", min_width="8em"))
        self.projector.add_class("kit-projector-toggle")
        self.summary = widgets.HTML()
        self.summary.add_class("kit-room-summary")
        self.body = widgets.HTML()
        self.body.add_class("kit-room")
        self.controls = widgets.HBox([self.refresh, self.auto, self.projector])
        self.controls.add_class("kit-dashboard-controls")
        self.lead = LeadPanel(shell)  # the trainer leads the room: one case for everyone, the key revealed
        self.room = widgets.VBox([self.lead.widget, self.controls, self.summary, self.body], layout=widgets.Layout(display="none"))
        self.room.add_class("kit-room-area")
        self._timer: Any = None
        self._read_once = False
        self._read_now = read_now
        self.refresh.on_click(shell.guard(lambda _: self.update()))
        self.auto.observe(shell.guard(lambda change: self._schedule() if change["new"] else None), names="value")
        self.projector.observe(shell.guard(lambda change: self._set_projector(change["new"])), names="value")
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)
        given = key if key is not None else query_value("key")
        self.gate = KeyGate(shell, policy or KeyPolicy.from_environment(), given, on_open=self._opened)
        self.widget = widgets.VBox([shell.header, self.title, self.gate.widget, self.room])
        self.widget.add_class("kit-dashboard")
        if self.gate.is_open:
            self._opened()

    def _opened(self) -> None:
        """The right key was given: show the room (now, or a moment after the page shows)."""
        self.room.layout.display = None
        if self._read_now:
            self.lead.open()
            self.update()
        else:  # the page shows at once; the room's answers (pandas, the store) follow a moment later
            self.summary.value = f'<p role="status">{html.escape(self.shell.ui("dashboard.loading"))}</p>'
            self.shell.soon(self.lead.open)
            self.shell.soon(self.update)

    def update(self) -> None:
        """Read the store and redraw everything (nothing at all while the dashboard is locked)."""
        if not self.gate.is_open:
            return

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
        self.body.value = room_html(RoomView(self.shell.kb, lang, load_bank()), answers)

    def _set_projector(self, on: bool) -> None:
        """Large type for a projector: the page's CSS enlarges everything inside the dashboard."""
        if on:
            self.widget.add_class(PROJECTOR_CLASS)
        else:
            self.widget.remove_class(PROJECTOR_CLASS)

    def _schedule(self) -> None:
        """Refresh every few seconds on the kernel's event loop while the box is ticked."""
        import asyncio

        if self._timer is not None:
            self._timer.cancel()

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
        self.projector.description = ui("dashboard.projector")
        self.projector.tooltip = ui("dashboard.projector_tip")
        if self._read_once:  # redraw in the new language; before the first reading there is nothing yet
            self.update()


def show_dashboard(lang: str | None = None, db_url: str | None = None) -> TrainerDashboard:
    """Display the dashboard in a notebook or a Voila page."""
    from IPython.display import display

    app = TrainerDashboard(lang=lang, db_url=db_url, read_now=False)
    display(app.widget)
    return app

"""The dashboard's lead panel: the trainer chooses the room's case, closes answering, shows the room's
answers part by part, reveals the key, moves on, and stops leading.

Each action writes the room's lead to the store (kit.store.RoomLead); participants' classifiers
read it and follow within a second (kit/apps/classifier_lead.py). While the room is led, the panel
reads the answers to the room's case every few seconds: how many have answered while answering is
open, and, once it is closed, the room's distribution per part of the answer, large enough for a
1024×768 projector. Cases are chosen by their titles. A trainer's server that may lead several rooms
(kit.store.lead.rooms_led: a hub trainer of several rooms) shows a room chooser, by the rooms'
names; every action then applies to the room chosen.
"""

from __future__ import annotations

import html
from typing import Any

from kit.apps.case_key import key_html
from kit.apps.case_picker import case_title
from kit.apps.classifier import APP, select_cases
from kit.apps.classifier_lead import in_kernel
from kit.apps.dashboard_html import RoomView
from kit.content.i18n import format_number
from kit.store import LeadState, RoomLead, StoreError
from kit.store.lead import rooms_led
from kit.store.room import classifier_frame, element_results_table

REFRESH_SECONDS = 2.0
KINDS = ("right", "partly", "wrong", "unanswered")
# White text on each colour has a contrast of at least 4.5:1; the legend and the numbers say it too.
KIND_COLOURS = {"right": "#1b5e20", "partly": "#7a4f00", "wrong": "#a93226", "unanswered": "#5f5f5f"}


def _e(text: Any) -> str:
    return html.escape(str(text))


class LeadPanel:
    """Lead the room from the dashboard (see the module docstring); `open()` once the key is right."""

    def __init__(self, shell: Any, case_set: str = "all"):
        import ipywidgets as widgets

        self.shell = shell
        self.cases = select_cases(case_set)
        self.by_id = {case.id: case for case in self.cases}
        self.state: LeadState | None = None
        self._lead: RoomLead | None = None
        self._timer: Any = None
        self._count = 0
        self._answers: list[Any] = []  # the answers to the room's case, as last read
        self._listed_lang: str | None = None  # the language of the case list's titles
        self._listed_case: str | None = None  # the room's case when the list last followed it
        self._unavailable: str | None = None  # why the room's lead cannot be read here, if it cannot
        self._rooms_error: str | None = None  # why the rooms this server may lead are not known, if they are not
        try:
            self.rooms = rooms_led()
        except StoreError as exc:
            self.rooms, self._rooms_error = (), str(exc)
        self.room: str | None = self.rooms[0] if self.rooms else None  # the room the panel leads
        wide = {"description_width": "initial"}
        self.heading = widgets.HTML()
        self.room_list = widgets.Dropdown(options=list(self.rooms), value=self.room, style=wide,
                                          layout=widgets.Layout(width="auto", max_width="100%"))
        self.room_list.add_class("kit-lead-room-list")
        self.room_list.observe(shell.guard(lambda change: self.choose_room(change["new"])), names="value")
        self.case_list = widgets.Dropdown(options=[], style=wide, layout=widgets.Layout(width="auto", max_width="100%"))
        self.case_list.add_class("kit-lead-case-list")
        button = lambda style="": widgets.Button(button_style=style, layout=widgets.Layout(width="auto", min_width="9em"))  # noqa: E731
        self.start_button, self.close_button = button("primary"), button()
        self.reveal_button, self.next_button, self.stop_button = button(), button("info"), button()
        for css, control, action in (("kit-lead-start", self.start_button, self.start), ("kit-lead-close", self.close_button, self.close),
                                     ("kit-lead-reveal", self.reveal_button, self.reveal),
                                     ("kit-lead-next", self.next_button, self.next_case), ("kit-lead-stop", self.stop_button, self.stop)):
            control.add_class(css)
            control.on_click(shell.guard(lambda _, act=action: act()))
        self.status = widgets.HTML()
        self.status.add_class("kit-lead-status")
        self.distribution = widgets.HTML()
        self.distribution.add_class("kit-lead-distribution")
        self.key = widgets.HTML()
        self.key.add_class("kit-lead-key")
        choose = widgets.Box([self.case_list, self.start_button])
        choose.add_class("kit-lead-choose")
        self.actions = widgets.Box([self.close_button, self.reveal_button, self.next_button, self.stop_button])
        self.actions.add_class("kit-lead-actions")
        room_choice = [widgets.Box([self.room_list])] if len(self.rooms) > 1 else []  # one room: no chooser
        for box in room_choice:
            box.add_class("kit-lead-room")
        self.widget = widgets.VBox([self.heading, *room_choice, choose, self.status, self.actions, self.distribution, self.key])
        self.widget.add_class("kit-lead-panel")
        shell.on_language(shell.guard(lambda _: self.render()))
        self.render()

    # --- what the trainer does ---------------------------------------------------------------------

    def open(self) -> None:
        """The dashboard is open: show the room's lead as stored (a reloaded dashboard finds it) and
        keep it up to date."""
        self.refresh()
        self._schedule()

    def choose_room(self, room: str) -> None:
        """Lead `room` (one of `rooms`) from now on: its lead and answers are read and shown."""
        if room not in self.rooms or room == self.room:
            return
        self.room, self._lead = room, None
        self.state, self._answers, self._count, self._listed_case = None, [], 0, None
        if self.room_list.value != room:
            self.room_list.value = room
        self.refresh()

    def start(self, case_id: str | None = None) -> None:
        """The whole room works on `case_id` (default: the case chosen in the list)."""
        case_id = case_id or self.case_list.value
        if case_id not in self.by_id:
            return
        self.state = self._room().choose(APP, case_id)
        self.refresh()

    def close(self) -> None:
        self.state = self._room().close_answering()
        self.refresh()

    def reveal(self) -> None:
        self.state = self._room().reveal_key()
        self.refresh()

    def next_case(self) -> None:
        """The case after the room's case in the list; answering opens again for it."""
        following = self._following_case()
        if following is not None:
            self.start(following.id)

    def stop(self) -> None:
        self.state = self._room().stop()
        self.refresh()

    def refresh(self) -> None:
        """Read the room's lead and the answers to its case, and redraw; a store that will not give
        the room's lead (a database without the table's rights) is said in the panel, once."""
        try:
            lead = self._room()
            self.state = lead.read()
            answers = lead.answers(self.state) if self.leading else []
        except Exception as exc:  # noqa: BLE001 - said in the panel; the rest of the dashboard works on
            self._unavailable = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200] or type(exc).__name__
            self.render()
            return
        self._unavailable = None
        self._count = len({answer.participant for answer in answers})
        self.render(answers)

    # --- drawing -----------------------------------------------------------------------------------

    @property
    def leading(self) -> bool:
        return self.state is not None and self.state.leading and self.state.app == APP

    def render(self, answers: list[Any] | None = None) -> None:
        ui, lang = self.shell.ui, self.shell.lang
        self.heading.value = f"<h3>{_e(ui('lead.title'))}</h3><p>{_e(ui('lead.intro'))}</p>"
        self.room_list.description = ui("lead.room_label")
        self.case_list.description = ui("lead.case_label")
        case = self.by_id.get(self.state.base_item) if self.leading else None  # type: ignore[union-attr]
        chosen = self.case_list.value
        if self._listed_lang != lang:  # the titles in the page's language; what the trainer chose stays chosen
            self._listed_lang = lang
            self.case_list.options = [(f"{number}. {case_title(c, lang)}", c.id) for number, c in enumerate(self.cases, 1)]
            self.case_list.value = chosen if chosen in self.by_id else self.cases[0].id if self.cases else None
        if case is not None and case.id != self._listed_case:  # the room moved to a case: the list shows it
            self.case_list.value = case.id
        self._listed_case = case.id if case is not None else None
        for control, key in ((self.start_button, "lead.start"), (self.close_button, "lead.close"), (self.reveal_button, "lead.reveal"),
                             (self.next_button, "lead.next"), (self.stop_button, "lead.stop")):
            control.description = ui(key)
        self.actions.layout.display = None if self.leading and not self._unavailable else "none"
        self.start_button.disabled = self._unavailable is not None
        if self._unavailable is not None:
            self.status.value = f'<p role="alert" style="color:#8a1c1c">{_e(ui("lead.unavailable", reason=self._unavailable))}</p>'
            self.distribution.value = self.key.value = ""
            return
        if not self.leading:
            self.status.value = f'<p role="status">{_e(ui("lead.not_leading"))}</p>'
            self.distribution.value = self.key.value = ""
            return
        state = self.state
        assert state is not None
        count = format_number(self._count, lang)
        phase = "lead.state_key" if state.key_revealed else "lead.state_open" if state.answering_open else "lead.state_closed"
        title = case_title(case, lang) if case is not None else ui("lead.unknown_case")
        last = case is not None and self._following_case() is None
        self.status.value = (f'<div role="status" class="kit-lead-now"><p><strong>{_e(ui("lead.now", title=title))}</strong></p>'
                             f"<p>{_e(ui(phase, count=count))}</p>" + (f"<p>{_e(ui('lead.last_case'))}</p>" if last else "") + "</div>")
        self.close_button.disabled = not state.answering_open
        self.reveal_button.disabled = state.key_revealed
        self.next_button.disabled = last
        if answers is not None:  # a relabel keeps the room's figures as last read
            self._answers = answers
        shown = self._answers
        if state.answering_open:
            self.distribution.value = f'<p class="kit-lead-wait">{_e(ui("lead.distribution_wait"))}</p>'
        else:
            self.distribution.value = distribution_html(RoomView(self.shell.kb, lang, self.by_id), shown)
        self.key.value = key_html(case, self.shell.kb, lang) if state.key_revealed and case is not None else ""

    # --- helpers -----------------------------------------------------------------------------------

    def _following_case(self) -> Any | None:
        if not self.leading:
            return None
        ids = [case.id for case in self.cases]
        here = ids.index(self.state.base_item) if self.state.base_item in ids else -1  # type: ignore[union-attr]
        return self.cases[here + 1] if 0 <= here < len(ids) - 1 else None

    def _room(self) -> RoomLead:
        if self._lead is None:
            store = self.shell.store
            if store is None:
                raise RuntimeError(self.shell._store_error or "the answer store is not available")
            if self.room is None:
                raise StoreError(self._rooms_error or "no room to lead")
            self._lead = RoomLead(store, self.room)
        return self._lead

    def _schedule(self) -> None:
        """Refresh every REFRESH_SECONDS on the kernel's event loop while the dashboard is open."""
        import asyncio

        if not in_kernel() or self._timer is not None:
            return
        loop = asyncio.get_event_loop()

        def tick() -> None:
            if self.widget.comm is None:  # the dashboard page is gone
                return
            self.shell.guard(self.refresh)()
            self._timer = loop.call_later(REFRESH_SECONDS, tick)

        self._timer = loop.call_later(REFRESH_SECONDS, tick)


def distribution_html(view: RoomView, answers: list[Any]) -> str:
    """The room's answers to one case: a bar per part of the answer (right, partly right, wrong,
    left out, each with its count), the part the room misses most first."""
    ui = view.ui
    title = f"<h3>{_e(ui('lead.distribution_title'))}</h3>"
    frame = classifier_frame(answers, view.bank)
    if frame.empty:
        return title + f'<p class="kit-lead-no-answers">{_e(ui("lead.no_answers"))}</p>'
    legend_items = "".join(f'<li><span class="kit-swatch" style="background:{KIND_COLOURS[kind]}" aria-hidden="true"></span>'
                           f"{_e(ui(f'lead.legend_{kind}'))}</li>" for kind in KINDS)
    legend = (f'<div class="kit-legend" role="group" aria-label="{_e(ui("lead.legend_title"))}"><strong>{_e(ui("lead.legend_title"))}</strong>'
              f"<ul>{legend_items}</ul></div>")
    rows = []
    for row in element_results_table(frame).itertuples():
        values = {kind: int(getattr(row, kind)) for kind in KINDS}
        label = ui("lead.bar_label", **values)
        rows.append(f'<tr><th scope="row">{_e(ui(f"element.{row.element}"))}</th>'
                    f'<td class="kit-bar-cell" data-label="{_e(ui("lead.col_answers"))}">{_bar(values, KIND_COLOURS, label)}</td></tr>')
    table = (f'<table class="kit-room-table kit-lead-elements"><caption>{_e(ui("lead.distribution_alt"))}</caption>'
             f'<thead><tr><th scope="col">{_e(ui("lead.col_part"))}</th><th scope="col">{_e(ui("lead.col_answers"))}</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return title + legend + table


def _bar(values: dict[str, int], colours: dict[str, str], label: str) -> str:
    segments = "".join(f'<span class="kit-bar-part" style="flex:{n} 1 0;background:{colours[kind]}">{n}</span>'
                       for kind, n in values.items() if n)
    return f'<div class="kit-bar" role="img" aria-label="{_e(label)}">{segments}</div>'

"""The classifier follows the trainer: the room's case, answering closed, the key revealed, a calm banner.

Each participant's page reads the room's lead from the store twice a second on its kernel's event
loop (one primary-key query, kit.store.RoomLead.read) and acts only when the trainer changed
something (the row's revision). While a trainer leads, the page shows the room's case (keeping
the participant's own answers and drafts), hides the case picker, disables Check while answering
is closed and shows the key and the teaching note once it is revealed. When nobody leads, the
page is the self-paced classifier, unchanged.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import kit.store
from kit.apps.case_key import key_html
from kit.apps.case_picker import case_title
from kit.cases.bank import load_bank
from kit.cases.variants import variant

if TYPE_CHECKING:
    from kit.store import LeadState, RoomLead

POLL_SECONDS = 0.5


def in_kernel() -> bool:
    """True inside a running IPython kernel (a Voila page, JupyterLab): there is a loop to poll on."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class RoomFollower:
    """Watches the room's lead for one classifier page and tells it what changed.

    `on_change(state)` gets the new lead (None or a state that names no case: not led) whenever
    the trainer changed something; `banner` is the line that says the trainer leads.
    """

    def __init__(self, shell: Any, app_id: str, on_change: Callable[[LeadState | None], None]):
        import ipywidgets as widgets

        self.shell, self.app_id, self.on_change = shell, app_id, on_change
        self.state: LeadState | None = None
        self._seen: tuple[int, float] | None = None
        self._lead: RoomLead | None = None
        self._timer: Any = None
        self._stopped = False
        self.banner = widgets.HTML(layout=widgets.Layout(display="none"))
        self.banner.add_class("kit-lead-banner")
        self.key = widgets.HTML(layout=widgets.Layout(display="none"))
        self.key.add_class("kit-lead-key")

    @property
    def leading(self) -> bool:
        """True while a trainer leads this page's app."""
        return self.state is not None and self.state.leading and self.state.app == self.app_id

    @property
    def answering_closed(self) -> bool:
        return self.leading and not self.state.answering_open  # type: ignore[union-attr]

    def poll(self) -> bool:
        """Read the room's lead once; True (and `on_change` called) when the trainer changed it.
        A store that cannot be read leaves the page as it is (self-paced work goes on)."""
        lead = self._room()
        if lead is None:
            return False
        try:
            state = lead.read()
        except Exception:  # noqa: BLE001 - a database hiccup must not stop the page; the next poll tries again
            return False
        seen = None if state is None else (state.revision, state.changed_at)
        if seen == self._seen:
            return False
        self._seen, self.state = seen, state
        self.on_change(state)
        return True

    def start(self) -> None:
        """Poll every POLL_SECONDS on the kernel's event loop until the page's widgets are closed."""
        import asyncio

        if not in_kernel() or self._timer is not None:
            return
        loop = asyncio.get_event_loop()

        def tick() -> None:
            if self._stopped or self.banner.comm is None:  # the page is gone (its widgets closed)
                return
            self.shell.guard(self.poll)()
            self._timer = loop.call_later(POLL_SECONDS, tick)

        self._timer = loop.call_later(0, tick)

    def stop(self) -> None:
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()

    def render(self, case: Any | None, revealed_material: bool) -> None:
        """The banner and the key panel for the lead as it is, in the page's language."""
        ui, lang = self.shell.ui, self.shell.lang
        if not self.leading:
            self.banner.layout.display = self.key.layout.display = "none"
            self.banner.value = self.key.value = ""
            return
        lines = [ui("lead.banner_case", title=case_title(case, lang)) if case is not None else ui("lead.unknown_case")]
        if not revealed_material:
            lines.append(ui("lead.banner_note"))
        if self.state.key_revealed:  # type: ignore[union-attr]
            lines.append(ui("lead.banner_key"))
        elif self.answering_closed:
            lines.append(ui("lead.banner_closed"))
        self.banner.value = (f'<div class="kit-lead-banner-box" role="status"><strong>{html.escape(ui("lead.banner_title"))}</strong>'
                             + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</div>")
        self.banner.layout.display = None
        if self.state.key_revealed and case is not None and revealed_material:  # type: ignore[union-attr]
            self.key.value = key_html(case, self.shell.kb, lang)
            self.key.layout.display = None
        else:
            self.key.layout.display = "none"
            self.key.value = ""

    def _room(self) -> RoomLead | None:
        if self._lead is None:
            store = self.shell.store
            if store is None:
                return None
            self._lead = kit.store.RoomLead(store)
        return self._lead


def room_case(cases: list[Any], base_ids: dict[str, str], seeds: dict[str, str | None], base_item: str,
              seed: str | None) -> int | None:
    """The position in `cases` of the room's case (its bank case and seed), or None."""
    for position, case in enumerate(cases):
        if base_ids.get(case.id) == base_item and seeds.get(case.id) == seed:
            return position
    return None


def make_room_case(base_item: str, seed: str | None) -> Any | None:
    """The room's case made from the bank (its variant for `seed`), or None when the bank lacks it."""
    base = load_bank().get(base_item)
    if base is None:
        return None
    return base if seed is None else variant(base, int(seed) if seed.isdigit() else seed)

"""The dashboard's door: a password box for the trainer key and a message saying what is wrong."""

from __future__ import annotations

import html
from collections.abc import Callable

from kit.apps.shell import AppShell
from kit.apps.trainer_key import Access, KeyPolicy

MESSAGES = {
    Access.ASK: ("dashboard.key_ask", "info"),
    Access.WRONG: ("dashboard.key_wrong", "problem"),
    Access.NO_KEY_SET: ("dashboard.key_no_server_key", "problem"),
}


class KeyGate:
    """Asks for the trainer key until it is right, then calls `on_open()` once. A key given with the
    page (right from the start) opens it at once: the owner then checks `is_open` and shows the room."""

    def __init__(self, shell: AppShell, policy: KeyPolicy, given: str | None, on_open: Callable[[], None]):
        import ipywidgets as widgets

        self.shell, self.policy, self._on_open = shell, policy, on_open
        self.message = widgets.HTML()
        self.message.add_class("kit-key-message")
        self.key = widgets.Password(continuous_update=False, style={"description_width": "initial"},
                                    layout=widgets.Layout(width="auto", max_width="28em"))
        self.key.add_class("kit-trainer-key")
        self.open_button = widgets.Button(icon="unlock", button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.open_button.add_class("kit-key-open")
        self.widget = widgets.VBox([self.message, widgets.HBox([self.key, self.open_button])])
        self.widget.add_class("kit-key-gate")
        self.access = policy.check(given)
        self._empty_tried = False
        self.open_button.on_click(shell.guard(lambda _: self.try_key(self.key.value)))
        self.key.observe(shell.guard(lambda change: self.try_key(change["new"]) if change["new"] else None), names="value")
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)
        if self.access is Access.NO_KEY_SET:
            self.key.disabled = self.open_button.disabled = True
        if self.access is Access.OPEN:
            self.widget.layout.display = "none"

    @property
    def is_open(self) -> bool:
        return self.access is Access.OPEN

    def try_key(self, given: str) -> bool:
        """Check `given`; open the dashboard when it is the key, else say why not."""
        if self.is_open:
            return True
        if self.access is Access.NO_KEY_SET:
            return False
        self._empty_tried = not given.strip()
        self.access = self.policy.check(given)
        if self.is_open:
            self._open()
            return True
        self._relabel(self.shell.lang)
        self.key.focus()
        return False

    def _open(self) -> None:
        self.key.value = ""  # the key does not stay in the page's widgets
        self.widget.layout.display = "none"
        self._on_open()

    def _relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.key.description = ui("dashboard.key_label")
        self.key.placeholder = ui("dashboard.key_label")
        self.open_button.description = ui("dashboard.key_open")
        if self.is_open:
            self.message.value = ""
            return
        key, kind = ("dashboard.key_empty", "problem") if self._empty_tried and self.access is Access.ASK else MESSAGES[self.access]
        role, colour, sign = ("alert", "#8a1c1c", '<span aria-hidden="true">✗</span> ') if kind == "problem" else ("status", "#333", "")
        self.message.value = (f'<div role="{role}" class="kit-message kit-message-{kind}" style="color:{colour}">'
                              f"{sign}{html.escape(ui(key))}</div>")

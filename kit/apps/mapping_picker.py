"""Choosing several items by their labels: checkboxes, a list that adds chips, or a search box, by list length."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from kit.content.i18n import format_number

CHECKBOXES_UP_TO = 12   # a short list: every item is a checkbox
LIST_UP_TO = 60         # a longer list: a drop-down list adds the chosen item as a chip
SHOWN_MATCHES = 8       # a search shows this many matches as buttons


def folded(text: str) -> str:
    """`text` for matching: lower case, accents dropped ("Åsen" matches "asen")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def matches(options: Sequence[tuple[str, str]], query: str) -> list[tuple[str, str]]:
    """The options whose label holds every word of `query` (case and accents ignored); those where
    every word starts a word of the label come first ("centrum": "Centrum" before "Köpcentrum")."""
    words = folded(query).split()
    if not words:
        return []
    found = []
    for label, value in options:
        text = folded(label)
        if all(word in text for word in words):
            label_words = "".join(char if char.isalnum() else " " for char in text).split()
            whole = all(any(part.startswith(word) for part in label_words) for word in words)
            found.append((not whole, label, value))
    return [(label, value) for _, label, value in sorted(found, key=lambda item: item[0])]


class LabelledPicker:
    """Several items chosen by label; `value` is the list of their ids (in the order chosen when `ranked`).

    `shell` (the app's AppShell) gives the language, the UI strings and the error guard. Options
    are always set before values: a value that is not (or no longer) offered is dropped quietly.
    """

    def __init__(self, widgets: Any, shell: Any, css_class: str, ranked: bool = False):
        self.widgets, self.shell, self.ranked = widgets, shell, ranked
        self.text, self.guard = shell.ui, shell.guard
        self.options: list[tuple[str, str]] = []
        self._value: list[str] = []
        self._listeners: list[Callable[[list[str]], None]] = []
        self._mode = ""
        self._quiet = False
        self.title = ""
        self.heading = widgets.HTML()
        self.heading.add_class("kit-pick-title")
        self.body = widgets.VBox()
        self.widget = widgets.VBox([self.heading, self.body])
        self.widget.add_class("kit-pick")
        self.widget.add_class(css_class)
        self._boxes: dict[str, Any] = {}
        self._list: Any = None
        self._search: Any = None
        self._found = widgets.VBox()
        self._found.add_class("kit-pick-found")
        self._message = widgets.HTML()
        self._message.add_class("kit-pick-message")
        self._chips = widgets.Box()
        self._chips.add_class("kit-pick-chips")
        self._chips_title = widgets.HTML()

    # --- what is chosen ---------------------------------------------------------------------------

    @property
    def value(self) -> list[str]:
        return list(self._value)

    @value.setter
    def value(self, values: Sequence[str]) -> None:
        offered = {value for _, value in self.options}
        self._value = [v for v in dict.fromkeys(values) if v in offered]
        self._show()
        self._changed()

    def observe(self, listener: Callable[[list[str]], None]) -> None:
        """Call `listener(value)` whenever the choice changes."""
        self._listeners.append(listener)

    def set_options(self, options: Sequence[tuple[str, str]], title: str | None = None) -> None:
        """Offer `options` ((label, id) pairs in the language shown); keep chosen ids still offered."""
        self.options = list(options)
        if title is not None:
            self.title = title
        offered = {value for _, value in self.options}
        kept = [v for v in self._value if v in offered]
        changed = kept != self._value
        self._value = kept
        mode = "boxes" if len(self.options) <= CHECKBOXES_UP_TO else "list" if len(self.options) <= LIST_UP_TO else "search"
        if mode != self._mode or (mode == "boxes" and list(self._boxes) != [v for _, v in self.options]):
            self._build(mode)
        self._show()
        if changed:
            self._changed()

    def hide(self, hidden: bool) -> None:
        self.widget.layout.display = "none" if hidden else None

    # --- building and showing ----------------------------------------------------------------------

    def _build(self, mode: str) -> None:
        widgets = self.widgets
        self._mode = mode
        self._boxes, self._list, self._search = {}, None, None
        if mode == "boxes":
            for _, value in self.options:
                box = widgets.Checkbox(indent=False, layout=widgets.Layout(width="100%"))
                box.observe(self.guard(lambda change, v=value: self._ticked(v, change["new"])), names="value")
                self._boxes[value] = box
            self.body.children = list(self._boxes.values())
            return
        if mode == "list":
            self._list = widgets.Dropdown(options=[("", "")], value="", style={"description_width": "initial"},
                                          layout=widgets.Layout(width="auto", max_width="100%"))
            self._list.observe(self.guard(lambda change: self._listed(change["new"])), names="value")
            self.body.children = [self._list, self._chips_title, self._chips]
            return
        self._search = widgets.Text(continuous_update=True, style={"description_width": "initial"},
                                    layout=widgets.Layout(width="auto", max_width="100%"))
        self._search.observe(self.guard(lambda _: self._show_matches()), names="value")
        self.body.children = [self._search, self._message, self._found, self._chips_title, self._chips]

    def _show(self) -> None:
        """Draw the title, the choosers and the chosen items in the current language."""
        # A list or a search box carries the title as its label; checkboxes get it as a heading.
        self.heading.value = f"<strong>{html.escape(self.title)}</strong>" if self.title and self._mode == "boxes" else ""
        self._quiet = True
        try:
            if self._mode == "boxes":
                for label, value in self.options:
                    box = self._boxes[value]
                    box.description = label
                    box.value = value in self._value
                return
            labels = {value: label for label, value in self.options}
            if self._mode == "list":
                prompt = self.text("simulator.pick.prompt")
                self._list.options = [(prompt, "")] + [(label, value) for label, value in self.options if value not in self._value]
                self._list.value = ""
                self._list.description = self.title
            else:
                self._search.description = self.title
                self._search.placeholder = self.text("simulator.pick.placeholder")
                self._show_matches()
            self._show_chips(labels)
        finally:
            self._quiet = False

    def _show_chips(self, labels: dict[str, str]) -> None:
        widgets = self.widgets
        count = len(self._value)
        if not count:
            self._chips_title.value = f"<small>{html.escape(self.text('simulator.pick.nothing'))}</small>"
            self._chips.children = []
            return
        key = "simulator.pick.chosen_ranked" if self.ranked else "simulator.pick.chosen"
        self._chips_title.value = f"<small>{html.escape(self.text(key, count=count))}</small>"
        chips = []
        for number, value in enumerate(self._value, start=1):
            label = labels[value]
            shown = f"{number}. {label}" if self.ranked else label
            chip = widgets.Button(description=shown, icon="times", tooltip=self.text("simulator.pick.remove", item=label),
                                  layout=widgets.Layout(width="auto", max_width="100%"))
            chip.add_class("kit-pick-chip")
            chip.on_click(self.guard(lambda _, v=value: self._remove(v)))
            chips.append(chip)
        self._chips.children = chips

    def _show_matches(self) -> None:
        widgets = self.widgets
        query = self._search.value.strip()
        if not query:
            hint = self.text("simulator.pick.hint", count=format_number(len(self.options), self.shell.lang))
            self._message.value = f"<small>{html.escape(hint)}</small>"
            self._found.children = []
            return
        found = [(label, value) for label, value in matches(self.options, query) if value not in self._value]
        if not found:
            self._message.value = (f'<div class="kit-message kit-message-problem" role="status">'
                                   f"{html.escape(self.text('simulator.pick.no_match', query=query))}</div>")
            self._found.children = []
            return
        rest = len(found) - SHOWN_MATCHES
        more = self.text("simulator.pick.more", count=format_number(rest, self.shell.lang)) if rest > 0 else ""
        self._message.value = f"<small>{html.escape(more)}</small>" if more else ""
        buttons = []
        for label, value in found[:SHOWN_MATCHES]:
            button = widgets.Button(description=label, icon="plus", tooltip=self.text("simulator.pick.add", item=label),
                                    layout=widgets.Layout(width="auto", max_width="100%"))
            button.add_class("kit-pick-match")
            button.on_click(self.guard(lambda _, v=value: self._add(v)))
            buttons.append(button)
        self._found.children = buttons

    # --- reacting to the person ---------------------------------------------------------------------

    def _ticked(self, value: str, on: bool) -> None:
        if self._quiet:
            return
        if on and value not in self._value:
            order = [v for _, v in self.options]
            self._value = sorted([*self._value, value], key=order.index)
        elif not on and value in self._value:
            self._value.remove(value)
        self._changed()

    def _listed(self, value: str) -> None:
        if self._quiet or not value:
            return
        self._add(value)

    def _add(self, value: str) -> None:
        if value not in self._value:
            self._value.append(value)
        self._show()
        self._changed()

    def _remove(self, value: str) -> None:
        if value in self._value:
            self._value.remove(value)
        self._show()
        self._changed()

    def _changed(self) -> None:
        for listener in self._listeners:
            listener(self.value)

"""Checkboxes for one answer element of the classifier, optionally in groups shown one at a time."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any


class Checklist:
    """A checkbox per item (class `kit-<element>-<id>`) whose long labels wrap, a line naming what
    is chosen, and, for grouped items, a row of group buttons (with the count chosen in each)
    that shows one group at a time, so that a step stays about one screen long on a phone."""

    def __init__(self, shell: Any, element: str, items: Sequence[tuple[str, str | None]],
                 on_change: Callable[[], None] | None = None):
        import ipywidgets as widgets

        self.shell, self.element = shell, element
        self.groups: dict[str | None, list[str]] = {}
        for item_id, group in items:
            self.groups.setdefault(group, []).append(item_id)
        self.boxes: dict[str, Any] = {item_id: widgets.Checkbox(indent=False, layout=widgets.Layout(width="auto"))
                                      for item_id, _ in items}
        for item_id, box in self.boxes.items():
            box.add_class(f"kit-{element}-{item_id}")
            box.add_class("kit-choice")
            box.observe(shell.guard(self._box_changed), names="value")
        self._batch = False  # True while many boxes change at once: one update at the end
        self.labels: dict[str, str] = {}
        self.group_labels: dict[str | None, str] = {}
        self.on_change = on_change
        self._quiet = False  # True while the group buttons are relabelled: not a choice of group
        self.chosen_line = widgets.HTML()
        self.chosen_line.add_class("kit-chosen")
        self.body = widgets.VBox()
        self.body.add_class("kit-choices")
        self.switcher = widgets.ToggleButtons(options=[("", group) for group in self.groups], value=next(iter(self.groups), None))
        self.switcher.add_class("kit-groups")
        self.switcher.observe(shell.guard(self._group_picked), names="value")
        grouped = len(self.groups) > 1
        self.widget = widgets.VBox([self.switcher, self.body, self.chosen_line] if grouped else [self.body, self.chosen_line])
        self.widget.add_class(f"kit-checklist-{element}")
        self.show_group(self.switcher.value)

    @property
    def chosen(self) -> list[str]:
        """The ids ticked, in the list's order."""
        return [item_id for item_id, box in self.boxes.items() if box.value]

    def set_chosen(self, ids: Sequence[str] | None) -> None:
        """Tick exactly `ids` (unknown ids are ignored: an old answer may name a retired item)."""
        wanted = set(ids or ())
        self._batch = True
        try:
            for item_id, box in self.boxes.items():
                box.value = item_id in wanted
        finally:
            self._batch = False
        self._changed(notify=False)

    def show_group(self, group: str | None) -> None:
        """Show the items of `group` only."""
        if self.switcher.value != group:
            self.switcher.value = group  # its observer comes back here
            return
        self.body.children = [self.boxes[item_id] for item_id in self.groups.get(group, [])]

    def relabel(self, labels: dict[str, str], group_labels: dict[str | None, str] | None = None) -> None:
        """New labels for the items (and groups), in the page's language; ticks are kept."""
        self.labels = labels
        self.group_labels = group_labels or {}
        for item_id, box in self.boxes.items():
            box.description = labels[item_id]
        self.switcher.description = self.shell.ui("classifier.groups")
        self._changed(notify=False)

    def _box_changed(self, _change: Any) -> None:
        if not self._batch:
            self._changed()

    def _group_picked(self, change: Any) -> None:
        if not self._quiet:
            self.show_group(change["new"])

    def _changed(self, notify: bool = True) -> None:
        ui = self.shell.ui
        chosen = self.chosen
        items = "; ".join(self.labels.get(item_id, "") for item_id in chosen)
        text = ui("classifier.chosen", count=len(chosen), items=items) if chosen else ui("classifier.chosen_none")
        self.chosen_line.value = f'<p class="kit-chosen-line">{html.escape(text)}</p>'
        if len(self.groups) > 1:
            value = self.switcher.value
            counts = {group: sum(self.boxes[item_id].value for item_id in ids) for group, ids in self.groups.items()}
            self._quiet = True  # new options reset the value: put it back without showing another group
            try:
                self.switcher.options = [(ui("classifier.group_count", group=self.group_labels.get(group, ""), count=counts[group])
                                          if counts[group] else self.group_labels.get(group, ""), group) for group in self.groups]
                self.switcher.value = value
            finally:
                self._quiet = False
        if notify and self.on_change is not None:
            self.on_change()

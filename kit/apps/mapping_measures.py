"""One measure of the action plan in the simulator: the measure, what it costs, its targets by label."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from kit.apps.mapping_picker import LabelledPicker
from kit.content.i18n import format_money, format_number

COUNTED = ("places", "workplaces")  # target kinds that may also take the top of the list of places to watch


class MeasureRow:
    """The inputs of one measure: which measure, aimed at what (chosen by label), how many from the list."""

    def __init__(self, app: Any, changed: Callable[[], None]):
        widgets, shell = app.widgets, app.shell
        self.app, self.changed, self.number = app, changed, 0
        self.measure = widgets.Dropdown(options=[], style={"description_width": "initial"},
                                        layout=widgets.Layout(width="auto", max_width="100%"))
        self.measure.add_class("kit-measure-choice")
        self.about = widgets.HTML()
        self.targets = LabelledPicker(widgets, shell, "kit-measure-targets")
        self.count = widgets.BoundedIntText(value=0, min=0, max=200, style={"description_width": "initial"},
                                            layout=widgets.Layout(width="auto", max_width="100%"))
        self.count.add_class("kit-measure-count")
        self.remove = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.remove.add_class("kit-remove-measure")
        self.box = widgets.VBox([self.measure, self.about, self.targets.widget, self.count, self.remove])
        self.box.add_class("kit-measure")
        self._quiet = False
        self.measure.observe(shell.guard(lambda _: self._measure_changed()), names="value")
        self.count.observe(shell.guard(lambda _: self.changed()), names="value")
        self.targets.observe(lambda _: self.changed())

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"measure": self.measure.value, "targets": self.targets.value}
        if self.count.value and self._kind() in COUNTED:
            entry["count"] = int(self.count.value)
        return entry

    def fill(self, entry: dict[str, Any]) -> bool:
        """Show a stored measure; False (and nothing shown) when the measure is no longer offered."""
        if entry.get("measure") not in self.app.catalogue.measures:
            return False
        self._quiet = True
        try:
            self.measure.value = entry["measure"]
        finally:
            self._quiet = False
        self._show_measure(self.app.shell.lang)
        self.targets.value = [str(t) for t in entry.get("targets") or []]
        count = entry.get("count") or 0
        self.count.value = min(max(int(count), self.count.min), self.count.max) if isinstance(count, int) else 0
        return True

    def relabel(self, lang: str, number: int) -> None:
        """Labels, the measure's options and its targets in `lang`; the choices made stay."""
        ui, cat = self.app.shell.ui, self.app.catalogue
        self.number = number
        chosen = self.measure.value
        self._quiet = True
        try:
            self.measure.options = [(m.label.get(lang), mid) for mid, m in cat.measures.items()]
            self.measure.value = chosen if chosen in cat.measures else next(iter(cat.measures))
        finally:
            self._quiet = False
        self.measure.description = f"{ui('simulator.measure')} {number}"
        self.count.description = ui("simulator.count")
        self.remove.description = ui("simulator.remove_measure", number=number)
        self._show_measure(lang)

    def _kind(self) -> str:
        return self.app.catalogue.measures[self.measure.value].target

    def _measure_changed(self) -> None:
        if self._quiet:
            return
        self.targets.value = []
        self.count.value = 0
        self._show_measure(self.app.shell.lang)
        self.changed()

    def _show_measure(self, lang: str) -> None:
        ui = self.app.shell.ui
        measure = self.app.catalogue.measures[self.measure.value]
        cost = ui("simulator.measure_cost", hours=format_number(measure.fixed.staff_hours, lang),
                  money=format_money(measure.fixed.money, lang), per_hours=format_number(measure.per_target.staff_hours, lang),
                  per_money=format_money(measure.per_target.money, lang))
        whole = f"<br>{html.escape(ui('simulator.measure_whole'))}" if measure.target == "none" else ""
        self.about.value = f"<p><small>{html.escape(measure.summary.get(lang))} {html.escape(cost)}{whole}</small></p>"
        kind = measure.target
        if kind == "none":
            self.targets.set_options([], title=ui("simulator.targets"))
        else:
            choices = self.app.choices(kind)
            if measure.only:
                choices = [(label, value) for label, value in choices if value in measure.only]
            self.targets.set_options(choices, title=f"{ui('simulator.targets')} ({ui(f'mapping.target.{kind}')})")
        self.targets.hide(kind == "none")
        self.count.layout.display = None if kind in COUNTED else "none"

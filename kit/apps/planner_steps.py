"""The editor of one plan step: chain step, actor, days, consent, and services and conditions as checkboxes."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, get_args

from kit.nrm.plan import Condition, Consent

CONSENTS: tuple[str, ...] = get_args(Consent)
CONDITIONS: tuple[str, ...] = get_args(Condition)


class Checklist:
    """A labelled group of checkboxes, folded to a line that names what is chosen; a button opens it.
    Several options can be chosen by touch or keyboard (no Ctrl-click lists). The checkboxes are
    made when the list is first opened, so that a plan of many steps stays light in the browser."""

    def __init__(self, widgets: Any, ids: list[str], css_class: str, guard: Callable[[Callable], Callable]):
        self.widgets, self.ids, self.guard = widgets, ids, guard
        self.summary = widgets.HTML()
        self.summary.add_class("kit-checklist-summary")
        self.toggle = widgets.Button(icon="chevron-down", layout=widgets.Layout(width="auto"))
        self.toggle.add_class("kit-checklist-toggle")
        self.boxes: dict[str, Any] = {}
        self.options = widgets.Box([], layout=widgets.Layout(display="none"))
        self.options.add_class("kit-checklist-options")
        head = widgets.Box([self.summary, self.toggle])
        head.add_class("kit-checklist-head")
        self.box = widgets.VBox([head, self.options])
        self.box.add_class("kit-checklist")
        self.box.add_class(css_class)
        self.open = False
        self._chosen: list[str] = []
        self._texts: tuple[str, dict[str, str], dict[str, str]] = ("", {}, {})
        self.toggle.on_click(guard(lambda _: self.show(not self.open)))

    @property
    def value(self) -> list[str]:
        if self.boxes:
            return [option for option, box in self.boxes.items() if box.value]
        return list(self._chosen)

    @value.setter
    def value(self, chosen: list[str] | tuple[str, ...]) -> None:
        self._chosen = [option for option in self.ids if option in chosen]
        for option, box in self.boxes.items():
            box.value = option in chosen
        self._summarise()

    def show(self, opened: bool) -> None:
        """Open or fold the list of checkboxes."""
        if opened and not self.boxes:
            self._make_boxes()
        self.open = opened
        self.options.layout.display = None if opened else "none"
        self.toggle.icon = "chevron-up" if opened else "chevron-down"
        self._label_toggle()
        if opened:
            next(iter(self.boxes.values())).focus()

    def relabel(self, legend: str, labels: dict[str, str], words: dict[str, str]) -> None:
        """`legend` names the group, `labels` each option, `words` the toggle's and the summary's words."""
        self._texts = (legend, labels, words)
        for option, box in self.boxes.items():
            box.description = labels[option]
        self._summarise()
        self._label_toggle()

    def _make_boxes(self) -> None:
        labels = self._texts[1]
        for option in self.ids:
            box = self.widgets.Checkbox(value=option in self._chosen, description=labels.get(option, ""), indent=False,
                                        layout=self.widgets.Layout(width="auto"))
            box.add_class(f"kit-option-{option.replace('_', '-')}")
            box.observe(self.guard(lambda _: self._summarise()), names="value")
            self.boxes[option] = box
        self.options.children = list(self.boxes.values())

    def _label_toggle(self) -> None:
        legend, _, words = self._texts
        if words:
            self.toggle.description = words["close" if self.open else "open"]
            self.toggle.tooltip = f"{self.toggle.description}: {legend}"

    def _summarise(self) -> None:
        legend, labels, words = self._texts
        if not words:
            return
        chosen = ", ".join(labels[option] for option in self.value) or words["nothing"]
        self.summary.value = f"<p><strong>{html.escape(legend)}:</strong> {html.escape(chosen)}</p>"


class StepRow:
    """The inputs of one plan step, one under the other on a phone, side by side on a wide screen."""

    def __init__(self, widgets: Any, chain: Any, number: int, guard: Callable[[Callable], Callable]):
        self.chain, self.number = chain, number
        wide = {"description_width": "initial"}
        self.heading = widgets.HTML()
        self.step = widgets.Dropdown(options=[s.id for s in chain.steps], style=wide)
        self.step.add_class("kit-step-step")
        self.actor = widgets.Dropdown(options=[], style=wide)
        self.actor.add_class("kit-step-actor")
        self.day = widgets.BoundedIntText(value=0, min=0, max=365, style=wide)
        self.day.add_class("kit-step-day")
        self.duration = widgets.BoundedIntText(value=0, min=0, max=365, style=wide)
        self.duration.add_class("kit-step-duration")
        self.consent = widgets.Dropdown(options=list(CONSENTS), value="not_asked", style=wide)
        self.consent.add_class("kit-step-consent")
        self.services = Checklist(widgets, list(chain.services), "kit-step-services", guard)
        self.conditions = Checklist(widgets, list(CONDITIONS), "kit-step-conditions", guard)
        self.remove = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.remove.add_class("kit-remove-step")
        head = widgets.HBox([self.heading, self.remove])
        head.add_class("kit-plan-step-head")
        fields = widgets.Box([self.step, self.actor, self.day, self.duration, self.consent])
        fields.add_class("kit-plan-step-fields")
        self.box = widgets.VBox([head, fields, self.services.box, self.conditions.box])
        self.box.add_class("kit-plan-step")
        self.box.add_class(f"kit-plan-step-{number}")

    def renumber(self, number: int) -> None:
        self.box.remove_class(f"kit-plan-step-{self.number}")
        self.number = number
        self.box.add_class(f"kit-plan-step-{number}")

    def as_dict(self) -> dict[str, Any]:
        step = {"step": self.step.value, "actor": self.actor.value, "day": int(self.day.value),
                "consent": self.consent.value, "services": self.services.value, "conditions": self.conditions.value}
        if self.duration.value:
            step["duration_days"] = int(self.duration.value)
        return step

    def fill(self, step: dict[str, Any]) -> None:
        self.step.value = step["step"]
        self.actor.value = step["actor"]
        self.day.value = step.get("day", 0)
        self.duration.value = step.get("duration_days") or 0
        self.consent.value = step.get("consent", "not_asked")
        self.services.value = step.get("services", ())
        self.conditions.value = step.get("conditions", ())

    def relabel(self, lang: str, kb: Any, actors_first: Callable[[str], list[Any]]) -> None:
        """Every label of the row in `lang`; what was chosen stays chosen."""
        ui = lambda key, **values: kb.ui(key, lang, **values)  # noqa: E731 - a short local alias
        self.heading.value = f"<h4>{html.escape(ui('planner.step_heading', number=self.number))}</h4>"
        self.remove.description = ui("planner.remove_step", number=self.number)
        self.remove.tooltip = ui("planner.remove_step", number=self.number)
        for widget, key in ((self.step, "planner.step"), (self.actor, "planner.actor"), (self.day, "planner.day"),
                            (self.duration, "planner.duration"), (self.consent, "planner.consent")):
            widget.description = ui(key)
        step, consent = self.step.value, self.consent.value
        self.step.options = [(s.label.get(lang), s.id) for s in self.chain.steps]
        self.consent.options = [(_capital(ui(f"nrm.consent.{c}")), c) for c in CONSENTS]
        self.step.value, self.consent.value = step, consent
        words = {"open": ui("planner.choices_open"), "close": ui("planner.choices_close"), "nothing": ui("planner.nothing_chosen")}
        self.services.relabel(ui("planner.services_legend"), {sid: s.label(lang) for sid, s in self.chain.services.items()}, words)
        self.conditions.relabel(ui("planner.conditions_legend"), {c: _capital(ui(f"nrm.condition.{c}")) for c in CONDITIONS},
                                words)
        self.relabel_actors(lang, actors_first(self.step.value))

    def relabel_actors(self, lang: str, actors: list[Any]) -> None:
        """The actors to choose from, the step's usual ones first; the chosen one stays if offered."""
        chosen = self.actor.value
        self.actor.options = [(actor.name.get(lang), actor.id) for actor in actors]
        self.actor.value = chosen if chosen in {actor.id for actor in actors} else actors[0].id


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

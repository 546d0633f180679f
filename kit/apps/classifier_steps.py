"""The classifier's steps: one step on screen at a time, a step list to jump with, previous/next, focus."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from kit.apps.focus import focus_heading, focus_when_shown

STEPS = ("verdict", "act", "means", "purpose", "indicators", "first_referrals", "check")


class StepNavigator:
    """The steps of a classification: the step's heading ("Steg 3 av 7: Medel", which takes the
    focus on a change), its hint, its inputs, the previous/next step buttons right after the
    inputs, and the list of all steps (tap to jump)."""

    def __init__(self, shell: Any, bodies: dict[str, Any], on_step: Callable[[str], None] | None = None):
        import ipywidgets as widgets

        self.shell, self.bodies, self.on_step = shell, bodies, on_step
        self.step = STEPS[0]
        self.done: set[str] = set()
        self._quiet = False
        self.list = widgets.ToggleButtons(options=[(str(number), step) for number, step in enumerate(STEPS, 1)], value=self.step)
        self.list.add_class("kit-steps")
        self.heading = focus_heading()
        self.heading.add_class("kit-step-heading")
        self.hint = widgets.HTML()
        self.hint.add_class("kit-step-hint")
        self.body = widgets.VBox([bodies[self.step]])
        self.body.add_class("kit-step-body")
        self.previous = widgets.Button(icon="arrow-left")
        self.previous.add_class("kit-step-previous")
        self.next = widgets.Button(icon="arrow-right", button_style="info")
        self.next.add_class("kit-step-next")
        buttons = widgets.Box([self.previous, self.next])
        buttons.add_class("kit-step-buttons")
        # The step list sits under the step, by the previous/next buttons: a jump moves the focus UP
        # to the new heading, so the browser shows the step from its start on every screen size.
        self.widget = widgets.VBox([self.heading, self.hint, self.body, buttons, self.list])
        self.widget.add_class("kit-stepper")
        self.list.observe(shell.guard(self._step_picked), names="value")
        self.previous.on_click(shell.guard(lambda _: self.move(-1)))
        self.next.on_click(shell.guard(lambda _: self.move(1)))
        shell.on_language(shell.guard(self.relabel))
        self.relabel(shell.lang)

    @property
    def number(self) -> int:
        """The current step's number, 1 to 7."""
        return STEPS.index(self.step) + 1

    def go(self, step: str, focus: bool = True) -> None:
        """Show `step` alone, its heading focused (keyboard and screen-reader users land on it)."""
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}: use one of {', '.join(STEPS)}")
        self.step = step
        self._quiet = True
        try:
            self.list.value = step
        finally:
            self._quiet = False
        self.body.children = [self.bodies[step]]
        self._render()
        if self.on_step is not None:
            self.on_step(step)
        if focus:
            focus_when_shown(self.heading)

    def move(self, by: int) -> None:
        """The previous (-1) or next (+1) step; nothing before the first or after the last."""
        index = STEPS.index(self.step) + by
        if 0 <= index < len(STEPS):
            self.go(STEPS[index])

    def mark(self, done: set[str]) -> None:
        """Tick the steps that have an answer in the step list (said in words in the tooltips)."""
        if done != self.done:
            self.done = set(done)
            self._label_list()

    def relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.list.description = ui("classifier.steps")
        self.previous.description, self.next.description = ui("classifier.step_previous"), ui("classifier.step_next")
        self._label_list()
        self._render()

    def _step_picked(self, change: Any) -> None:
        if not self._quiet:
            self.go(change["new"])

    def _label_list(self) -> None:
        ui = self.shell.ui
        value = self.list.value
        self._quiet = True  # new options reset the value: put it back without changing step
        try:
            self.list.options = [(f"{number}. {ui(f'classifier.step.{step}')}", step) for number, step in enumerate(STEPS, 1)]
            self.list.value = value
        finally:
            self._quiet = False
        self.list.icons = ["check" if step in self.done else "" for step in STEPS]
        self.list.tooltips = [ui("classifier.step_tooltip_done" if step in self.done else "classifier.step_tooltip",
                                 number=number, title=ui(f"classifier.step.{step}")) for number, step in enumerate(STEPS, 1)]

    def _render(self) -> None:
        ui = self.shell.ui
        title = ui(f"classifier.step.{self.step}")
        self.heading.value = ui("classifier.step_heading", number=self.number, total=len(STEPS), title=title)
        self.hint.value = f"<p>{html.escape(ui(f'classifier.hint.{self.step}'))}</p>"
        for button, at_end in ((self.previous, self.number == 1), (self.next, self.number == len(STEPS))):
            button.disabled = at_end
            button.layout.display = "none" if at_end else None  # no dead button at either end

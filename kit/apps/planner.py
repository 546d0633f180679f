"""The NRM planner app (chapter 5): build a response plan, check it, then play the scenario."""

from __future__ import annotations

import html
from typing import Any

from kit.apps.classifier import case_card_html, select_cases
from kit.apps.focus import focus_heading, focus_when_shown
from kit.apps.planner_findings import findings_html, findings_summary, message_html, show_line
from kit.apps.planner_scenario import event_html, event_title, log_html
from kit.apps.planner_steps import StepRow
from kit.apps.shell import AppShell
from kit.cases.narrative import render
from kit.content.figure_html import figure_html
from kit.nrm.chain import load_chain
from kit.nrm.pictures import describe_referral_graph, describe_timeline, referral_graph_figure, timeline_figure
from kit.nrm.plan import PlanError, load_plan
from kit.nrm.reference_plan import model_plan
from kit.nrm.rules import validate_plan
from kit.nrm.scenario import Scenario

APP = "nrm_planner"
REGIMES = ("SE", "NO", "PL", "LV", "FI")
MAX_STEPS = 20


class NrmPlanner:
    """Choose case and regime, edit steps, check the plan, see a model plan, play the scenario."""

    def __init__(self, lang: str | None = None, seed: int | None = None, db_url: str | None = None,
                 participant: str | None = None, case_set: str | None = None):
        import ipywidgets as widgets


        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb, self.chain, self.seed = shell.kb, load_chain(), seed or 0
        self.cases = [c for c in select_cases(case_set or "trafficking") if c.truth.trafficking]
        self.widgets = widgets
        self.title = widgets.HTML()
        self.case = widgets.Dropdown(options=[], style={"description_width": "initial"})
        self.case.add_class("kit-planner-case")
        self.regime = widgets.ToggleButtons(options=[], value=None)
        self.regime.add_class("kit-planner-regime")
        self.card = widgets.HTML()
        self.rows: list[StepRow] = []
        self.rows_box = widgets.VBox()
        self.rows_box.add_class("kit-plan-steps")
        self.add = widgets.Button(icon="plus", layout=widgets.Layout(width="auto"))
        self.add.add_class("kit-add-step")
        self.add_note = widgets.HTML()
        self.validate = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto"))
        self.validate.add_class("kit-validate")
        self.validate_state = shell.save_state()
        self.findings_line = focus_heading()  # what the check found, in one line that takes the focus
        self.findings_line.add_class("kit-findings-line")
        self.findings = widgets.HTML()
        self.findings.add_class("kit-findings")
        self.model = widgets.Button(layout=widgets.Layout(width="auto"))
        self.model.add_class("kit-show-model")
        self.model_view = widgets.HTML()
        self.model_view.add_class("kit-model-plan")
        self.scenario_title = widgets.HTML()
        self.start = widgets.Button(layout=widgets.Layout(width="auto"))
        self.start.add_class("kit-start-scenario")
        self.event_line = focus_heading()
        self.event_line.add_class("kit-event-line")
        self.event = widgets.HTML()
        self.event.add_class("kit-event")
        self.response = widgets.RadioButtons(options=[], value=None, style={"description_width": "initial"})
        self.response.add_class("kit-response")
        self.respond = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto"))
        self.respond.add_class("kit-respond")
        self.respond_state = shell.save_state()
        self.response_hint = focus_heading()
        self.response_hint.add_class("kit-response-hint")
        self.log = widgets.HTML()
        self.log.add_class("kit-scenario-log")
        self.pictures = widgets.HTML()
        self.scenario: Any = None
        self.findings_shown: Any = None  # ("findings", [...]) or ("message", key, kind, values): redrawn on a switch
        self.hint_key: str | None = None
        self.model_shown = False
        self.revealed = False  # the plan editor is made when the participant opens the material
        self.relabelling = False  # new option labels briefly change a list's value: not a choice of the learner
        self.add.on_click(shell.guard(lambda _: self.add_step()))
        self.validate.on_click(shell.guard(lambda _: self.check_plan()))
        self.model.on_click(shell.guard(lambda _: self.show_model()))
        self.start.on_click(shell.guard(lambda _: self.start_scenario()))
        self.respond.on_click(shell.guard(lambda _: self.respond_to_event()))
        self.case.observe(shell.guard(lambda _: self._changed_case()), names="value")
        self.regime.observe(shell.guard(lambda _: self._changed_case()), names="value")
        shell.on_language(shell.guard(self._relabel))
        shell.on_participant(shell.guard(lambda _: self._restore()))
        shell.on_reveal(shell.guard(self._reveal))
        self._relabel(shell.lang)
        if self.cases:
            self.case.value = self.cases[0].id
        self.regime.value = "SE"
        self._show_response(False)
        scenario_box = widgets.VBox([self.scenario_title, self.start, self.event_line, self.event, self.response,
                                     _row(widgets, "kit-planner-respond-row", self.respond, self.respond_state),
                                     self.response_hint, self.log, self.pictures])
        scenario_box.add_class("kit-planner-scenario")
        work = widgets.VBox([self.card, self.rows_box, _row(widgets, "kit-planner-add-row", self.add, self.add_note),
                             _row(widgets, "kit-planner-check-row", self.validate, self.validate_state),
                             self.findings_line, self.findings,
                             self.model, self.model_view, scenario_box])
        choice = widgets.VBox([self.case, self.regime])
        choice.add_class("kit-planner-choice")
        self.widget = widgets.VBox([shell.header, self.title, choice, shell.gated(work)])
        self.widget.add_class("kit-planner")

    # --- the plan --------------------------------------------------------------------------------

    def add_step(self, step: dict[str, Any] | None = None) -> None:
        if len(self.rows) >= MAX_STEPS:
            self.add_note.value = message_html(self.shell.ui("planner.max_steps", count=MAX_STEPS), "hint")
            return
        row = StepRow(self.widgets, self.chain, len(self.rows) + 1, self.shell.guard)
        row.step.observe(self.shell.guard(lambda _, r=row: r.relabel_actors(self.shell.lang, self._actors_first(r.step.value))),
                         names="value")
        row.remove.on_click(self.shell.guard(lambda _, r=row: self.remove_step(r)))
        row.relabel(self.shell.lang, self.kb, self._actors_first)
        if step:
            row.fill(step)
        self.rows.append(row)
        self.rows_box.children = [r.box for r in self.rows]

    def remove_step(self, row: StepRow) -> None:
        self.rows.remove(row)
        self.rows_box.children = [r.box for r in self.rows]
        self.add_note.value = ""
        for number, each in enumerate(self.rows, start=1):
            if each.number != number:
                each.renumber(number)
                each.relabel(self.shell.lang, self.kb, self._actors_first)
        if self.rows:
            self.rows[min(self.rows.index(row) if row in self.rows else len(self.rows) - 1, len(self.rows) - 1)].remove.focus()
        else:
            self.add.focus()

    def plan_dict(self) -> dict[str, Any]:
        return {"case_id": self.case.value, "regime": self.regime.value, "steps": [row.as_dict() for row in self.rows]}

    def check_plan(self) -> list[Any]:
        """Validate the plan, store it with its score and show the findings (there is nothing
        to check without steps, and nothing is checked before a pseudonym is typed)."""
        if not self.rows:
            return self._say_in_findings("planner.no_steps", "problem")
        if not self.shell.ready_to_save():
            return []
        try:
            findings = validate_plan(self.plan_dict(), self._case(), self.regime.value)
        except PlanError as exc:
            return self._say_in_findings("planner.plan_unreadable", "problem", count=len(exc.problems))
        errors = sum(f.severity == "error" for f in findings)
        score = max(0.0, 1 - 0.2 * errors - 0.05 * (len(findings) - errors))
        self.shell.save(self._item(), self.plan_dict(), score=round(score, 4))
        self.findings_shown = ("findings", findings)
        self._render_findings()
        focus_when_shown(self.findings_line)
        return findings

    def show_model(self) -> None:
        self.model_shown = True
        plan = model_plan(self._case(), self.regime.value)
        lang, kb, ui = self.shell.lang, self.kb, self.shell.ui
        items = []
        for step in sorted(plan.steps, key=lambda step: step.day):  # in the order of the days
            line = ui("planner.model_line", day=step.day, step=self.chain.step(step.step).label.get(lang),
                      actor=kb.get("actors", step.actor).name.get(lang))
            details = [ui("planner.model_consent", consent=kb.ui(f"nrm.consent.{step.consent}", lang))]
            if step.duration_days:
                details.append(ui("planner.model_duration", days=step.duration_days))
            if step.services:
                details.append(ui("planner.model_services", services=", ".join(self.chain.services[s].label(lang) for s in step.services)))
            items.append(f"<li><strong>{html.escape(line)}</strong><br>{html.escape(' '.join(details))}</li>")
        self.model_view.value = (f"<h4>{html.escape(ui('planner.model_title'))}</h4>"
                                 f'<ol class="kit-model-steps">{"".join(items)}</ol>')

    # --- the scenario ----------------------------------------------------------------------------

    def start_scenario(self) -> None:
        if not self.rows:
            self._say_in_findings("planner.no_steps", "problem")
            return
        if not self.shell.ready_to_save():
            return
        try:
            plan = load_plan(self.plan_dict())
        except PlanError as exc:
            self._say_in_findings("planner.plan_unreadable", "problem", count=len(exc.problems))
            return
        self.scenario = Scenario(self._case(), self.regime.value, plan, seed=self.seed)
        self._show_event()
        focus_when_shown(self.event_line)

    def respond_to_event(self) -> None:
        if self.scenario is None or self.scenario.pending is None:
            return
        if self.response.value is None:
            self._hint("planner.choose_response")
            focus_when_shown(self.response_hint)
            return
        if not self.shell.ready_to_save():
            return
        self.scenario.step(self.response.value)
        self._hint(None)
        self._show_event()
        outcome = self.scenario.outcome()
        log = [{"day": d.day, "event": d.event, "option": d.option, "verdict": d.verdict} for d in self.scenario.log]
        self.shell.save(f"{self._item()}:scenario", {"decisions": log}, score=outcome.good_decisions / max(1, outcome.decisions))
        focus_when_shown(self.event_line)  # the next event, or the end of the scenario

    def _show_event(self) -> None:
        lang, scenario = self.shell.lang, self.scenario
        if scenario is None:
            return
        pending = scenario.pending
        show_line(self.event_line, event_title(scenario, lang, self.kb), None)
        self.event.value = event_html(scenario, lang)
        if pending is None:
            self.response.options = []
            self._show_response(False)
        else:
            chosen = self.response.value if self.response.value in pending.options else None
            self.response.options = [(pending.option_label(o, lang), o) for o in pending.options]
            self.response.value = chosen
            self._show_response(True)
        self.log.value = log_html(scenario, lang, self.kb)
        if pending is None:
            self.pictures.value = (figure_html(referral_graph_figure(scenario.plan, lang), describe_referral_graph(scenario.plan, lang))
                                   + figure_html(timeline_figure(scenario, lang), describe_timeline(scenario, lang)))

    # --- helpers ---------------------------------------------------------------------------------

    def _case(self) -> Any:
        return next(c for c in self.cases if c.id == self.case.value)

    def _item(self) -> str:
        return f"{self.case.value}:{self.regime.value}"

    def _actors_first(self, step_id: str) -> list[Any]:
        """Every actor, the ones who usually carry `step_id` first: any may be chosen (and judged)."""
        lang, usual = self.shell.lang, set(self.chain.step(step_id).actors)
        return sorted(self.kb.actors, key=lambda a: (a.id not in usual, a.name.get(lang)))

    def _say_in_findings(self, key: str, kind: str, **values: Any) -> list[Any]:
        self.findings_shown = ("message", key, kind, values)
        self._render_findings()
        focus_when_shown(self.findings_line)
        return []

    def _render_findings(self) -> None:
        shown, lang = self.findings_shown, self.shell.lang
        if shown is None:
            show_line(self.findings_line, "", None)
            self.findings.value = ""
        elif shown[0] == "findings":
            show_line(self.findings_line, *findings_summary(shown[1], lang, self.kb))
            self.findings.value = findings_html(shown[1], lang, self.kb)
        else:
            _, key, kind, values = shown
            show_line(self.findings_line, self.kb.ui(key, lang, **values), kind)
            self.findings.value = ""

    def _hint(self, key: str | None) -> None:
        self.hint_key = key
        show_line(self.response_hint, self.shell.ui(key) if key else "", "hint")

    def _show_response(self, shown: bool) -> None:
        for widget in (self.response, self.respond, self.respond_state):
            widget.layout.display = None if shown else "none"

    def _changed_case(self) -> None:
        if self.relabelling or self.case.value is None or self.regime.value is None:
            return
        self.model_shown = False
        self.findings_shown, self.scenario = None, None
        self._changed_case_texts()
        self.model_view.value = self.event.value = self.log.value = self.pictures.value = ""
        show_line(self.event_line, "", None)
        self._hint(None)
        self._show_response(False)
        self._restore()

    def _reveal(self) -> None:
        self.revealed = True
        self._restore()

    def _restore(self) -> None:
        if not self.revealed:
            return
        stored = self.shell.restored().get(self._item()) if self.case.value else None
        self.rows = []
        self.rows_box.children = []
        self.add_note.value = ""
        for step in (stored or {}).get("steps", []):
            self.add_step(step)
        if not self.rows:
            self.add_step()

    def _relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.title.value = f"<h2>{html.escape(ui('planner.title'))}</h2><p>{html.escape(ui('planner.intro'))}</p>"
        chosen_case, chosen_regime = self.case.value, self.regime.value
        self.relabelling = True
        try:
            self.case.options = [(render(c, lang)[0], c.id) for c in self.cases]
            self.case.value = chosen_case
            self.regime.options = [(self.kb.get("regimes", code.lower()).name.get(lang), code) for code in REGIMES]
            self.regime.value = chosen_regime
        finally:
            self.relabelling = False
        self.case.description = ui("planner.case")
        self.regime.description = ui("planner.regime")
        for row in self.rows:
            row.relabel(lang, self.kb, self._actors_first)
        self.add.description = ui("planner.add_step")
        if self.add_note.value:
            self.add_note.value = message_html(ui("planner.max_steps", count=MAX_STEPS), "hint")
        self.validate.description = ui("planner.validate")
        self.model.description = ui("planner.show_model")
        self.scenario_title.value = f"<h3>{html.escape(ui('planner.scenario_title'))}</h3>"
        self.start.description = ui("planner.start_scenario")
        self.respond.description = ui("planner.respond")
        self.response.description = ui("planner.response")
        self._hint(self.hint_key)
        self._render_findings()
        if self.case.value:
            self._changed_case_texts()

    def _changed_case_texts(self) -> None:
        self.card.value = case_card_html(self._case(), self.shell.lang)
        if self.model_shown:
            self.show_model()
        if self.scenario is not None:
            self._show_event()


def _row(widgets: Any, css_class: str, *children: Any) -> Any:
    """Controls side by side that wrap onto lines of their own on a narrow screen."""
    box = widgets.Box(list(children))
    box.add_class("kit-planner-row")
    box.add_class(css_class)
    return box

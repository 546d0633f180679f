"""The NRM planner app (chapter 5): build a response plan, check it, then play the scenario."""

from __future__ import annotations

import html
from typing import Any

from kit.apps.figures import figure_html
from kit.apps.shell import AppShell

APP = "nrm_planner"
REGIMES = ("SE", "NO", "PL", "LV", "FI")
CONSENTS = ("given", "not_asked", "declined", "emergency")
CONDITIONS = ("cooperation_with_police", "testimony", "nationality", "residence_status", "gender", "ethnicity")
MAX_STEPS = 20


class _StepRow:
    """The inputs of one plan step."""

    def __init__(self, widgets: Any, chain: Any, number: int):
        layout = widgets.Layout(width="auto")
        self.step = widgets.Dropdown(options=[s.id for s in chain.steps], layout=layout)
        self.actor = widgets.Dropdown(options=[], layout=layout)
        self.day = widgets.BoundedIntText(value=0, min=0, max=365, layout=widgets.Layout(width="11em"))
        self.duration = widgets.BoundedIntText(value=0, min=0, max=365, layout=widgets.Layout(width="15em"))
        self.consent = widgets.Dropdown(options=list(CONSENTS), value="not_asked", layout=layout)
        self.services = widgets.SelectMultiple(options=list(chain.services), rows=4, layout=widgets.Layout(width="16em"))
        self.conditions = widgets.SelectMultiple(options=list(CONDITIONS), rows=3, layout=widgets.Layout(width="18em"))
        self.remove = widgets.Button(icon="trash")
        for widget in (self.step, self.actor, self.day, self.duration, self.consent, self.services, self.conditions):
            widget.style = {"description_width": "initial"}
        self.box = widgets.VBox([
            widgets.HBox([self.step, self.actor, self.day, self.duration, self.consent], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.services, self.conditions, self.remove]),
        ], layout=widgets.Layout(border="1px solid #ccc", padding="0.4em", margin="0.3em 0"))
        self.box.add_class(f"kit-plan-step-{number}")

    def as_dict(self) -> dict[str, Any]:
        step = {"step": self.step.value, "actor": self.actor.value, "day": int(self.day.value),
                "consent": self.consent.value, "services": list(self.services.value), "conditions": list(self.conditions.value)}
        if self.duration.value:
            step["duration_days"] = int(self.duration.value)
        return step

    def fill(self, step: dict[str, Any]) -> None:
        self.step.value = step["step"]
        self.actor.value = step["actor"]
        self.day.value = step.get("day", 0)
        self.duration.value = step.get("duration_days") or 0
        self.consent.value = step.get("consent", "not_asked")
        self.services.value = tuple(step.get("services", ()))
        self.conditions.value = tuple(step.get("conditions", ()))


class NrmPlanner:
    """Choose case and regime, edit steps, check the plan, see a model plan, play the scenario."""

    def __init__(self, lang: str | None = None, seed: int | None = None, db_url: str | None = None,
                 participant: str | None = None, case_set: str | None = None):
        import ipywidgets as widgets

        from kit.apps.classifier import select_cases
        from kit.nrm.chain import load_chain

        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb, self.chain, self.seed = shell.kb, load_chain(), seed or 0
        self.cases = [c for c in select_cases(case_set or "trafficking") if c.truth.trafficking]
        self.widgets = widgets
        self.title = widgets.HTML()
        self.case = widgets.Dropdown(options=[], style={"description_width": "initial"}, layout=widgets.Layout(width="40em"))
        self.case.add_class("kit-planner-case")
        self.regime = widgets.ToggleButtons(options=[], value=None)
        self.regime.add_class("kit-planner-regime")
        self.card = widgets.HTML()
        self.rows: list[_StepRow] = []
        self.rows_box = widgets.VBox()
        self.add = widgets.Button(icon="plus", layout=widgets.Layout(width="auto", min_width="8em"))
        self.add.add_class("kit-add-step")
        self.validate = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.validate.add_class("kit-validate")
        self.model = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        self.model.add_class("kit-show-model")
        self.findings = widgets.HTML()
        self.findings.add_class("kit-findings")
        self.model_view = widgets.HTML()
        self.start = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        self.start.add_class("kit-start-scenario")
        self.event = widgets.HTML()
        self.response = widgets.RadioButtons(options=[], style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
        self.response.add_class("kit-response")
        self.respond = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        self.respond.add_class("kit-respond")
        self.log = widgets.HTML()
        self.pictures = widgets.HTML()
        self.scenario: Any = None
        self.model_shown = False
        self.revealed = False  # the plan editor is made when the participant opens the material
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
        scenario_box = widgets.VBox([self.start, self.event, self.response, self.respond, self.log, self.pictures])
        work = widgets.VBox([self.card, self.rows_box, widgets.HBox([self.add, self.validate, self.model]),
                             self.findings, self.model_view, scenario_box])
        self.widget = widgets.VBox([shell.header, self.title, widgets.HBox([self.case, self.regime]), shell.gated(work)])
        self.widget.add_class("kit-planner")

    # --- the plan --------------------------------------------------------------------------------

    def add_step(self, step: dict[str, Any] | None = None) -> None:
        if len(self.rows) >= MAX_STEPS:
            return
        row = _StepRow(self.widgets, self.chain, len(self.rows) + 1)
        row.step.observe(self.shell.guard(lambda _, r=row: self._actors_for(r)), names="value")
        row.remove.on_click(self.shell.guard(lambda _, r=row: self.remove_step(r)))
        self.rows.append(row)
        self._actors_for(row)
        self._label_row(row, self.shell.lang)
        if step:
            row.fill(step)
        self.rows_box.children = [r.box for r in self.rows]

    def remove_step(self, row: _StepRow) -> None:
        self.rows.remove(row)
        self.rows_box.children = [r.box for r in self.rows]
        for number, each in enumerate(self.rows, start=1):
            self._label_row(each, self.shell.lang, number)

    def plan_dict(self) -> dict[str, Any]:
        return {"case_id": self.case.value, "regime": self.regime.value, "steps": [row.as_dict() for row in self.rows]}

    def check_plan(self) -> list[Any]:
        """Validate the plan, show the findings, store the plan."""
        from kit.nrm.plan import PlanError
        from kit.nrm.rules import validate_plan

        lang, ui = self.shell.lang, self.shell.ui
        try:
            findings = validate_plan(self.plan_dict(), self._case(), self.regime.value)
        except PlanError as exc:
            self.findings.value = "<ul>" + "".join(f"<li>{html.escape(str(p))}</li>" for p in exc.problems) + "</ul>"
            return []
        errors = sum(f.severity == "error" for f in findings)
        score = max(0.0, 1 - 0.2 * errors - 0.05 * (len(findings) - errors))
        self.shell.save(self._item(), self.plan_dict(), score=round(score, 4))
        if not findings:
            self.findings.value = f'<p role="status">{html.escape(ui("planner.no_findings"))}</p>'
            return findings
        items = [f"<p>{html.escape(ui('planner.findings', errors=errors, warnings=len(findings) - errors))}</p><ul>"]
        for finding in findings:
            label = ui("planner.error") if finding.severity == "error" else ui("planner.warning")
            items.append(f"<li><strong>{html.escape(label)}:</strong> {html.escape(finding.message(lang))} "
                         f"<small>({html.escape(finding.ref.label(lang))})</small></li>")
        self.findings.value = "".join(items) + "</ul>"
        return findings

    def show_model(self) -> None:
        from kit.nrm.reference_plan import model_plan

        self.model_shown = True
        plan = model_plan(self._case(), self.regime.value)
        lang, kb = self.shell.lang, self.kb
        rows = []
        for step in plan.steps:
            services = ", ".join(self.chain.services[s].label(lang) for s in step.services)
            rows.append(f"<tr><td>{step.day}</td><td>{html.escape(self.chain.step(step.step).label.get(lang))}</td>"
                        f"<td>{html.escape(kb.get('actors', step.actor).name.get(lang))}</td><td>{html.escape(services)}</td></tr>")
        header = "".join(f"<th>{html.escape(self.shell.ui(k))}</th>" for k in ("planner.day", "planner.step", "planner.actor", "planner.services"))
        self.model_view.value = (f"<h4>{html.escape(self.shell.ui('planner.model_title'))}</h4>"
                                 f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    # --- the scenario ----------------------------------------------------------------------------

    def start_scenario(self) -> None:
        from kit.nrm.plan import PlanError, load_plan
        from kit.nrm.scenario import Scenario

        try:
            plan = load_plan(self.plan_dict())
        except PlanError as exc:
            self.findings.value = "<ul>" + "".join(f"<li>{html.escape(str(p))}</li>" for p in exc.problems) + "</ul>"
            return
        self.scenario = Scenario(self._case(), self.regime.value, plan, seed=self.seed)
        self._show_event()

    def respond_to_event(self) -> None:
        if self.scenario is None or self.scenario.pending is None or self.response.value is None:
            return
        self.scenario.step(self.response.value)
        self._show_event()
        outcome = self.scenario.outcome()
        log = [{"day": d.day, "event": d.event, "option": d.option, "verdict": d.verdict} for d in self.scenario.log]
        self.shell.save(f"{self._item()}:scenario", {"decisions": log}, score=outcome.good_decisions / max(1, outcome.decisions))

    def _show_event(self) -> None:
        from kit.nrm.pictures import describe_referral_graph, describe_timeline, referral_graph_figure, timeline_figure

        lang, ui, scenario = self.shell.lang, self.shell.ui, self.scenario
        if scenario is None:
            return
        pending = scenario.pending
        if pending is None:
            self.event.value = f"<p><strong>{html.escape(ui('planner.scenario_over'))}</strong></p>"
            self.response.options, self.response.layout.display, self.respond.layout.display = [], "none", "none"
        else:
            self.event.value = (f"<h4>{html.escape(ui('planner.day_event', day=pending.day, title=pending.title(lang)))}</h4>"
                                f"<p>{html.escape(pending.text(lang))}</p>")
            self.response.options = [(pending.option_label(o, lang), o) for o in pending.options]
            self.response.value = None
            self.response.layout.display = self.respond.layout.display = None
        entries = []
        for decision in scenario.log:
            verdict = ui(f"planner.verdict_{decision.verdict}")
            incident = f" {ui('planner.incident')}" if decision.incident else ""
            entries.append(f"<li>{html.escape(ui('planner.day'))} {decision.day}: <strong>{html.escape(verdict)}</strong>{html.escape(incident)}. "
                           f"{html.escape(decision.reason(lang))} <small>({html.escape(decision.ref.label(lang))})</small></li>")
        outcome = scenario.outcome()
        summary = ui("planner.outcome", incidents=outcome.safety_incidents, continuity=round(outcome.continuity * 100), trust=outcome.trust,
                     days=outcome.days_until_support if outcome.days_until_support is not None else "–",
                     good=outcome.good_decisions, decisions=outcome.decisions)
        self.log.value = f"<ul>{''.join(entries)}</ul><p role='status'>{html.escape(summary)}</p>"
        if pending is None:
            self.pictures.value = (figure_html(referral_graph_figure(scenario.plan, lang), describe_referral_graph(scenario.plan, lang))
                                   + figure_html(timeline_figure(scenario, lang), describe_timeline(scenario, lang)))

    # --- helpers ---------------------------------------------------------------------------------

    def _case(self) -> Any:
        return next(c for c in self.cases if c.id == self.case.value)

    def _item(self) -> str:
        return f"{self.case.value}:{self.regime.value}"

    def _changed_case(self) -> None:
        if self.case.value is None:
            return
        self.model_shown = False
        self._changed_case_texts()
        self.findings.value = self.model_view.value = self.event.value = self.log.value = self.pictures.value = ""
        self.scenario = None
        self.response.layout.display = self.respond.layout.display = "none"
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
        for step in (stored or {}).get("steps", []):
            self.add_step(step)
        if not self.rows:
            self.add_step()

    def _actors_for(self, row: _StepRow) -> None:
        lang, usual = self.shell.lang, set(self.chain.step(row.step.value).actors)
        chosen = row.actor.value
        # The step's usual actors first, then everyone else: any actor may be chosen (and judged).
        actors = sorted(self.kb.actors, key=lambda a: (a.id not in usual, a.name.get(lang)))
        row.actor.options = [(a.name.get(lang), a.id) for a in actors]
        row.actor.value = chosen if chosen in {a.id for a in actors} else actors[0].id  # a usual actor by default

    def _label_row(self, row: _StepRow, lang: str, number: int | None = None) -> None:
        ui = self.shell.ui
        number = number or self.rows.index(row) + 1
        for widget, key in ((row.step, "planner.step"), (row.actor, "planner.actor"), (row.day, "planner.day"),
                            (row.duration, "planner.duration"), (row.consent, "planner.consent"),
                            (row.services, "planner.services"), (row.conditions, "planner.conditions")):
            widget.description = f"{ui(key)} ({number})" if widget is row.step else ui(key)
        keep = (row.step.value, row.consent.value, row.services.value, row.conditions.value)
        row.step.options = [(s.label.get(lang), s.id) for s in self.chain.steps]
        row.consent.options = [(ui(f"planner.consent_{c}"), c) for c in CONSENTS]
        row.services.options = [(service.label(lang), sid) for sid, service in self.chain.services.items()]
        row.conditions.options = [(ui(f"planner.condition_{c}"), c) for c in CONDITIONS]
        row.step.value, row.consent.value, row.services.value, row.conditions.value = keep
        row.remove.description = ""
        row.remove.tooltip = ui("planner.remove_step", number=number)
        self._actors_for(row)

    def _relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.title.value = f"<h2>{html.escape(ui('planner.title'))}</h2><p>{html.escape(ui('planner.intro'))}</p>"
        chosen_case, chosen_regime = self.case.value, self.regime.value
        from kit.cases.narrative import render

        self.case.options = [(render(c, lang)[0], c.id) for c in self.cases]
        self.case.value = chosen_case
        self.case.description = ui("planner.case")
        self.regime.options = [(self.kb.get("regimes", code.lower()).name.get(lang), code) for code in REGIMES]
        self.regime.value = chosen_regime
        self.regime.description = ui("planner.regime")
        for row in self.rows:
            self._label_row(row, lang)
        self.add.description = ui("planner.add_step")
        self.validate.description = ui("planner.validate")
        self.model.description = ui("planner.show_model")
        self.start.description = ui("planner.start_scenario")
        self.respond.description = ui("planner.respond")
        self.response.description = ui("planner.response")
        if self.case.value:
            self._changed_case_texts()

    def _changed_case_texts(self) -> None:
        from kit.apps.classifier import case_card_html

        self.card.value = case_card_html(self._case(), self.shell.lang)
        if self.model_shown:
            self.show_model()
        if self.scenario is not None:
            self._show_event()


def show_planner(lang: str | None = None, seed: int | None = None, db_url: str | None = None,
                 case_set: str | None = None) -> NrmPlanner:
    """Display the planner in a notebook or a Voila page."""
    from IPython.display import display

    app = NrmPlanner(lang=lang, seed=seed, db_url=db_url, case_set=case_set)
    display(app.widget)
    return app

"""The mapping simulator app (chapters 3 and 6): explore a municipality, plan within the budget, run the year."""

from __future__ import annotations

import html
from typing import Any

import kit.mapping
from kit.apps.focus import focus_heading, focus_when_shown
from kit.apps.mapping_measures import MeasureRow
from kit.apps.mapping_picker import LabelledPicker
from kit.apps.mapping_render import score_html, table_html, year_html
from kit.apps.shell import AppShell
from kit.content.figure_html import figure_html
from kit.content.i18n import format_money, format_number

APP = "mapping_simulator"
TABLES = ("signals", "workplaces", "places", "districts", "risk_groups", "actors", "services")
CHAPTER_ITEM = {3: "{profile}:{seed}", 6: "prevention:{profile}:{seed}"}  # each chapter keeps its own plan
RUNS = ("mapping.plan.none", "mapping.plan.yours")


class _GroupRow:
    """Part 1 and 3 for one risk group: present or not, the signals that show it, the actors to engage."""

    def __init__(self, app: Any, group: str):
        widgets, shell = app.widgets, app.shell
        self.group = group
        self.heading = widgets.HTML()
        self.present = widgets.Checkbox(indent=False, layout=widgets.Layout(width="100%"))
        self.present.add_class(f"kit-group-{group}")
        self.evidence = widgets.Text(continuous_update=False, style={"description_width": "initial"},
                                     layout=widgets.Layout(width="auto", max_width="100%"))
        self.evidence.add_class("kit-evidence")
        self.actors = LabelledPicker(widgets, shell, "kit-group-actors")
        self.box = widgets.VBox([self.heading, self.present, self.evidence, self.actors.widget])
        self.box.add_class("kit-map-group")

    def clear(self) -> None:
        self.present.value, self.evidence.value, self.actors.value = False, "", []


class MappingSimulator:
    """Profile, tables and map; the five parts of the plan; score; a year against no plan."""

    def __init__(self, lang: str | None = None, profile: str | None = None, seed: int | None = None,
                 db_url: str | None = None, participant: str | None = None, chapter: int = 3):
        import os

        import ipywidgets as widgets


        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb, self.catalogue, self.seed, self.chapter = shell.kb, kit.mapping.catalogue(), seed or 0, chapter
        self.widgets = widgets
        profiles = kit.mapping.shipped_profiles()
        start = profile or os.environ.get("STROM_KIT_PROFILE") or profiles[0]
        self.profile_ids = profiles if start in profiles else [start, *profiles]
        self.profile = widgets.Dropdown(options=[(p, p) for p in self.profile_ids], value=start,
                                        style={"description_width": "initial"}, layout=widgets.Layout(width="auto", max_width="100%"))
        self.profile.add_class("kit-profile")
        self.title, self.about, self.budget, self.map = widgets.HTML(), widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.table = widgets.Dropdown(options=list(TABLES), value="signals", style={"description_width": "initial"},
                                      layout=widgets.Layout(width="auto", max_width="100%"))
        self.table.add_class("kit-table-choice")
        self.rows = widgets.BoundedIntText(value=15, min=5, max=500, style={"description_width": "initial"},
                                           layout=widgets.Layout(width="auto", max_width="100%"))
        self.rows.add_class("kit-table-rows")
        self.table_view = widgets.HTML()
        self.table_view.add_class("kit-map-table-view")
        self.group_rows = {group: _GroupRow(self, group) for group in self.catalogue.risk_groups}
        self.places = LabelledPicker(widgets, shell, "kit-watch-places", ranked=True)
        self.resources = LabelledPicker(widgets, shell, "kit-resources")
        self.gaps = LabelledPicker(widgets, shell, "kit-gaps")
        self.actions: list[MeasureRow] = []
        self.actions_box = widgets.VBox()
        self.no_actions = widgets.HTML()
        self.add_action = widgets.Button(icon="plus", layout=widgets.Layout(width="auto"))
        self.add_action.add_class("kit-add-measure")
        self.cost = widgets.HTML()
        self.cost.add_class("kit-map-cost")
        self.score_button = widgets.Button(button_style="primary", icon="check", layout=widgets.Layout(width="auto"))
        self.score_button.add_class("kit-score-plan")
        self.run_button = widgets.Button(icon="play", layout=widgets.Layout(width="auto"))
        self.run_button.add_class("kit-run-year")
        self.problem = widgets.HTML()
        self.problem.add_class("kit-map-problem")
        self.save_line = shell.save_state()
        self.result_heading = focus_heading()  # where the focus lands after scoring
        self.result_heading.add_class("kit-map-result-heading")
        self.result = widgets.HTML()
        self.result.add_class("kit-mapping-result")
        self.year_heading = focus_heading()  # ... and after running the year
        self.year_heading.add_class("kit-map-year-heading")
        self.year = widgets.HTML()
        self.year.add_class("kit-mapping-year")
        self.part_titles = {part: widgets.HTML() for part in ("explore", "groups", "places", "resources", "actions")}
        self.municipality: Any = None
        self._score: Any = None
        self._runs: dict[str, Any] | None = None
        self._problem: tuple[str, dict[str, Any]] | None = None
        self._labellers: dict[str, Any] = {}
        self._choices: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._maps: dict[str, str] = {}
        self._restoring = False

        self._quiet = False  # True while options are relabelled (a Dropdown briefly changes its value then)
        self.profile.observe(shell.guard(lambda _: self._changed_profile()), names="value")
        self.table.observe(shell.guard(lambda _: None if self._quiet else self._show_table()), names="value")
        self.rows.observe(shell.guard(lambda _: self._show_table()), names="value")
        for row in self.group_rows.values():
            row.present.observe(shell.guard(lambda _: self._plan_changed()), names="value")
            row.evidence.observe(shell.guard(lambda _: self._plan_changed()), names="value")
            row.actors.observe(lambda _: self._plan_changed())
        for picker in (self.places, self.resources, self.gaps):
            picker.observe(lambda _: self._plan_changed())
        self.add_action.on_click(shell.guard(lambda _: self.add_measure()))
        self.score_button.on_click(shell.guard(lambda _: self.score()))
        self.run_button.on_click(shell.guard(lambda _: self.run_year()))

        support = widgets.HBox([self.resources.widget, self.gaps.widget])
        support.add_class("kit-map-support")
        buttons = widgets.HBox([self.score_button, self.run_button])
        buttons.add_class("kit-map-buttons")
        self.widget = widgets.VBox([
            shell.header, self.title, self.profile, self.about, self.budget, self.map,
            self.part_titles["explore"], self.table, self.rows, self.table_view,
            self.part_titles["groups"], *(row.box for row in self.group_rows.values()),
            self.part_titles["places"], self.places.widget,
            self.part_titles["resources"], support,
            self.part_titles["actions"], self.no_actions, self.actions_box, self.add_action,
            self.cost, buttons, self.problem, self.save_line, self.result_heading, self.result, self.year_heading, self.year,
        ])
        self.widget.add_class("kit-mapping")
        self._map_later = True  # the map (matplotlib) follows once the page shows
        self._generate()
        self._relabel(shell.lang)
        self._map_later = False
        shell.soon(lambda: self._show_map(self.shell.lang))
        shell.on_language(shell.guard(self._relabel))
        # Registered last: a participant known from the page address is restored into a ready page.
        shell.on_participant(shell.guard(lambda _: self._restore()))

    # --- the plan ------------------------------------------------------------------------------

    def plan_dict(self) -> dict[str, Any]:
        """The learner's plan in the MappingPlan shape (ValueError when evidence is not signal numbers)."""
        groups, actors = [], {}
        for group, row in self.group_rows.items():
            if row.present.value:
                groups.append({"group": group, "evidence": self._evidence(group)})
            if row.actors.value:
                actors[group] = row.actors.value
        return {"groups": groups, "places": self.places.value, "actors": actors, "resources": self.resources.value,
                "gaps": self.gaps.value, "actions": [action.as_dict() for action in self.actions]}

    def add_measure(self, entry: dict[str, Any] | None = None) -> MeasureRow | None:
        """A new measure in the plan (filled from `entry` when given; None when that measure is unknown)."""
        row = MeasureRow(self, self._plan_changed)
        row.relabel(self.shell.lang, len(self.actions) + 1)
        if entry is not None and not row.fill(entry):
            return None
        row.remove.on_click(self.shell.guard(lambda _, r=row: self._remove(r)))
        self.actions.append(row)
        self._show_actions()
        self._plan_changed()
        return row

    def score(self) -> Any:
        """Score and save the plan (a pseudonym first); the feedback shows below and takes the focus."""
        if not self.shell.ready_to_save():
            return None
        try:
            plan = self.plan_dict()
        except _BadEvidence as bad:
            self._problem = ("simulator.bad_evidence", {"group": bad.group})
            self._show_problem()
            self.group_rows[bad.group].evidence.focus()
            return None
        self._problem = None
        self._show_problem()
        result = kit.mapping.score_plan(self.municipality, plan)
        self.shell.save(self._item(), plan, score=result.total)
        self._score = result
        self._show_score()
        focus_when_shown(self.result_heading)
        return result

    def run_year(self) -> None:
        """Simulate the year without a plan and with this one; curves and a line for each."""
        try:
            plan = self.plan_dict()
        except _BadEvidence as bad:
            self._problem = ("simulator.bad_evidence", {"group": bad.group})
            self._show_problem()
            return
        self._runs = {RUNS[0]: kit.mapping.simulate(self.municipality, {}, seed=self.seed), RUNS[1]: kit.mapping.simulate(self.municipality, plan, seed=self.seed)}
        self._show_year()
        focus_when_shown(self.year_heading)

    # --- a municipality --------------------------------------------------------------------------

    def _generate(self) -> None:
        self.municipality = kit.mapping.generate(self.profile.value, seed=self.seed)
        self._labellers, self._choices, self._maps = {}, {}, {}
        self._score = self._runs = self._problem = None
        self._restoring = True
        try:
            self._offer_choices(self.shell.lang)
            for row in self.group_rows.values():
                row.clear()
            self.places.value = self.resources.value = self.gaps.value = []
            self.actions = []
            self._show_actions()
        finally:
            self._restoring = False
        self._show_municipality(self.shell.lang)
        self._show_results()

    def _changed_profile(self) -> None:
        if not self._quiet:
            self._generate()
            self._restore()

    def labeller(self, lang: str) -> Any:
        if lang not in self._labellers:
            self._labellers[lang] = kit.mapping.Labeller(self.municipality, lang)
        return self._labellers[lang]

    def choices(self, kind: str) -> list[tuple[str, str]]:
        """(label, id) of everything of `kind` in this municipality, in the language shown."""
        key = (self.shell.lang, kind)
        if key not in self._choices:
            self._choices[key] = self.labeller(self.shell.lang).choices(kind)
        return self._choices[key]

    def _offer_choices(self, lang: str) -> None:
        """Options (before any value) of every chooser, in `lang`; what was chosen stays chosen."""
        ui = self.shell.ui
        for row in self.group_rows.values():
            row.actors.set_options(self.choices("actors"), title=ui("simulator.engage"))
        self.places.set_options(self.choices("sites"), title=ui("simulator.places"))
        self.resources.set_options(self.choices("services"), title=ui("simulator.resources"))
        self.gaps.set_options(self.choices("services"), title=ui("simulator.gaps"))
        for number, action in enumerate(self.actions, start=1):
            action.relabel(lang, number)

    def _restore(self) -> None:
        """The participant's saved plan for this chapter and municipality, if any: ids no longer
        offered are dropped quietly, nothing raises."""
        stored = self.shell.restored().get(self._item())
        if not isinstance(stored, dict) or self.municipality is None:
            return
        self._restoring = True
        try:
            findings = {g.get("group"): g for g in stored.get("groups") or [] if isinstance(g, dict)}
            actors = stored.get("actors")
            engaged = actors if isinstance(actors, dict) else {}
            for group, row in self.group_rows.items():
                finding = findings.get(group)
                row.present.value = finding is not None
                row.evidence.value = ", ".join(str(e) for e in (finding or {}).get("evidence") or [])
                row.actors.value = [str(a) for a in engaged.get(group) or []]
            self.places.value = [str(p) for p in stored.get("places") or []]
            self.resources.value = [str(s) for s in stored.get("resources") or []]
            self.gaps.value = [str(s) for s in stored.get("gaps") or []]
            self.actions = []
            for entry in stored.get("actions") or []:
                if isinstance(entry, dict):
                    self.add_measure(entry)
        finally:
            self._restoring = False
        self._show_actions()
        self._show_cost()
        try:
            self._score = self._scored_quietly()
        except _BadEvidence:
            self._score = None
        self._show_results()

    def _scored_quietly(self) -> Any:
        return kit.mapping.score_plan(self.municipality, self.plan_dict())

    def _item(self) -> str:
        return CHAPTER_ITEM.get(self.chapter, CHAPTER_ITEM[3]).format(profile=self.profile.value, seed=self.seed)

    def _remove(self, row: MeasureRow) -> None:
        if row in self.actions:
            self.actions.remove(row)
        for number, action in enumerate(self.actions, start=1):
            action.relabel(self.shell.lang, number)
        self._show_actions()
        self._plan_changed()
        self.add_action.focus()

    def _plan_changed(self) -> None:
        if not self._restoring:
            self._show_cost()

    def _evidence(self, group: str) -> list[int]:
        text = self.group_rows[group].evidence.value.replace(";", ",")
        try:
            return [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            raise _BadEvidence(group) from None

    # --- drawing -----------------------------------------------------------------------------

    def _show_municipality(self, lang: str) -> None:
        self.about.value = f"<p>{html.escape(self.municipality.profile.description.get(lang))}</p>"
        if not self._map_later:
            self._show_map(lang)
        self._show_table()
        self._show_cost()

    def _show_map(self, lang: str) -> None:
        m = self.municipality
        if lang not in self._maps:
            self._maps[lang] = figure_html(kit.mapping.district_map(m, lang=lang), kit.mapping.district_map_description(m).get(lang))
        self.map.value = self._maps[lang]

    def _show_table(self) -> None:
        if self.municipality is None:
            return
        name, rows = self.table.value, int(self.rows.value)
        frame = self.labeller(self.shell.lang).table(name, rows)
        total = len(getattr(self.municipality, name))
        table = self.shell.ui(f"mapping.table.{name}") if f"mapping.table.{name}" in self.kb.ui_strings else name
        caption = self.shell.ui("simulator.table_caption", table=table, rows=format_number(len(frame), self.shell.lang),
                                total=format_number(total, self.shell.lang))
        self.table_view.value = table_html(frame, caption, self.shell.ui("simulator.table_cue"))

    def _show_cost(self) -> None:
        lang, budget = self.shell.lang, self.municipality.budget
        try:
            cost = kit.mapping.plan_cost(self.municipality, self.plan_dict())
        except (kit.mapping.PlanError, _BadEvidence):
            return
        text = self.shell.ui("simulator.budget", hours=format_number(budget.staff_hours, lang), money=format_money(budget.money, lang),
                             plan_hours=format_number(cost.staff_hours, lang), plan_money=format_money(cost.money, lang))
        if cost.over_budget:
            line = (f'<div class="kit-message kit-message-problem" role="status"><span aria-hidden="true">✗</span> '
                    f'{html.escape(text)} <strong>{html.escape(self.shell.ui("simulator.over_budget"))}</strong></div>')
        else:
            line = f'<div class="kit-message">{html.escape(text)}</div>'
        self.budget.value = self.cost.value = line

    def _show_actions(self) -> None:
        self.actions_box.children = [row.box for row in self.actions]
        self.no_actions.value = "" if self.actions else f"<p><small>{html.escape(self.shell.ui('simulator.no_measures'))}</small></p>"

    def _show_problem(self) -> None:
        if self._problem is None:
            self.problem.value = ""
            return
        key, values = self._problem
        group = self.catalogue.risk_groups[values["group"]].label.get(self.shell.lang)
        self.problem.value = (f'<div class="kit-message kit-message-problem" role="alert"><span aria-hidden="true">✗</span> '
                              f"{html.escape(self.shell.ui(key, group=group))}</div>")

    def _show_score(self) -> None:
        shown = self._score is not None
        self.result_heading.value = self.shell.ui("simulator.result.heading") if shown else ""
        self.result_heading.layout.display = None if shown else "none"
        self.result.value = score_html(self._score, self.kb, self.shell.lang) if shown else ""

    def _show_year(self) -> None:
        self.year_heading.layout.display = None if self._runs is not None else "none"
        if self._runs is None:
            self.year_heading.value = self.year.value = ""
            return
        self.year_heading.value = self.shell.ui("simulator.year.heading")
        lang = self.shell.lang
        runs = {self.shell.ui(key): frame for key, frame in self._runs.items()}
        lines = []
        for name, frame in runs.items():
            last = frame.iloc[-1]
            lines.append(self.shell.ui("simulator.year_summary", plan=name, early=int(frame["detected_early"].sum()),
                                       late=int(frame["detected_late"].sum()), never=int(last["undetected"]),
                                       prevented=int(frame["prevented"].sum()), supported=int(frame["people_supported"].sum())))
        figure = figure_html(kit.mapping.detection_curves(runs, lang=lang), kit.mapping.detection_curves_description(runs).get(lang))
        self.year.value = year_html(figure, lines, lang)

    def _show_results(self) -> None:
        self._show_problem()
        self._show_score()
        self._show_year()

    def _relabel(self, lang: str) -> None:
        ui, kb = self.shell.ui, self.kb
        title, intro = ("simulator.prevention_title", "simulator.prevention_intro") if self.chapter == 6 else ("mapping.title", "mapping.intro")
        self.title.value = (f'<div data-kit-lang="{lang}"><h2>{html.escape(kb.ui(title, lang))}</h2>'
                            f"<p>{html.escape(kb.ui(intro, lang))}</p></div>")
        self._quiet = True
        try:
            for dropdown, options in ((self.profile, [(kit.mapping.profile_label(p, lang), p) for p in self.profile_ids]),
                                      (self.table, [(kb.ui(f"mapping.table.{t}", lang), t) for t in TABLES])):
                chosen = dropdown.value
                dropdown.options = options
                dropdown.value = chosen
        finally:
            self._quiet = False
        self.profile.description = ui("simulator.profile")
        self.table.description = ui("simulator.table")
        self.rows.description = ui("simulator.rows")
        titles = {"explore": ui("simulator.explore"), "groups": kb.ui("mapping.part.groups", lang),
                  "places": kb.ui("mapping.part.places", lang), "resources": kb.ui("mapping.part.resources", lang),
                  "actions": kb.ui("mapping.part.actions", lang)}
        for part, widget in self.part_titles.items():
            widget.value = f"<h3>{html.escape(titles[part])}</h3>"
        for group, row in self.group_rows.items():
            risk_group = self.catalogue.risk_groups[group]
            row.heading.value = (f"<h4>{html.escape(ui('simulator.group_heading', group=risk_group.label.get(lang)))}</h4>"
                                 f"<p><small>{html.escape(risk_group.description.get(lang))}</small></p>")
            row.present.description = ui("simulator.present")
            row.evidence.description = ui("simulator.evidence")
            row.evidence.placeholder = ui("simulator.evidence_placeholder")
        self._offer_choices(lang)
        self.add_action.description = ui("simulator.add_measure")
        self.score_button.description = ui("simulator.score")
        self.run_button.description = ui("simulator.run_year")
        self._show_actions()
        self._show_municipality(lang)
        self._show_results()


class _BadEvidence(ValueError):
    """The evidence of a group is not a list of signal numbers."""

    def __init__(self, group: str):
        super().__init__(group)
        self.group = group

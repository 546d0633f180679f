"""The mapping simulator app (chapters 3 and 6): explore a municipality, plan within the budget, run the year."""

from __future__ import annotations

import html
from typing import Any

from kit.apps.figures import figure_html
from kit.apps.shell import AppShell

APP = "mapping_simulator"
TABLES = ("signals", "workplaces", "places", "districts", "risk_groups", "actors", "services")


class MappingSimulator:
    """Profile, tables and map; the five parts of the plan; score; a year against no plan."""

    def __init__(self, lang: str | None = None, profile: str | None = None, seed: int | None = None,
                 db_url: str | None = None, participant: str | None = None, chapter: int = 3):
        import os

        import ipywidgets as widgets

        from kit.mapping import catalogue, shipped_profiles

        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb, self.catalogue, self.seed, self.chapter = shell.kb, catalogue(), seed or 0, chapter
        self.widgets = widgets
        profiles = shipped_profiles()
        start = profile or os.environ.get("STROM_KIT_PROFILE") or profiles[0]
        self.profile = widgets.Dropdown(options=profiles if start in profiles else [start, *profiles], value=start,
                                        style={"description_width": "initial"})
        self.profile.add_class("kit-profile")
        self.title, self.budget, self.map = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.table = widgets.Dropdown(options=list(TABLES), value="signals", style={"description_width": "initial"})
        self.rows = widgets.BoundedIntText(value=15, min=5, max=500, style={"description_width": "initial"}, layout=widgets.Layout(width="14em"))
        self.table_view = widgets.HTML()
        self.group_rows: dict[str, dict[str, Any]] = {}
        for group in self.catalogue.risk_groups:
            self.group_rows[group] = dict(
                present=widgets.Checkbox(indent=False, style={"description_width": "initial"}, layout=widgets.Layout(width="100%")),
                evidence=widgets.Text(style={"description_width": "initial"}, layout=widgets.Layout(width="30em")),
                actors=widgets.SelectMultiple(rows=4, style={"description_width": "initial"}, layout=widgets.Layout(width="28em")),
            )
            self.group_rows[group]["present"].add_class(f"kit-group-{group}")
        self.places = widgets.TagsInput(allow_duplicates=False)
        self.places.add_class("kit-watch-places")
        self.places_label = widgets.HTML()
        self.resources = widgets.SelectMultiple(rows=8, style={"description_width": "initial"})
        self.gaps = widgets.SelectMultiple(rows=8, style={"description_width": "initial"})
        self.actions: list[dict[str, Any]] = []
        self.actions_box = widgets.VBox()
        self.add_action = widgets.Button(icon="plus", layout=widgets.Layout(width="auto", min_width="8em"))
        self.add_action.add_class("kit-add-measure")
        self.score_button = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.score_button.add_class("kit-score-plan")
        self.run_button = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        self.run_button.add_class("kit-run-year")
        self.result = widgets.HTML()
        self.result.add_class("kit-mapping-result")
        self.year = widgets.HTML()
        self.municipality: Any = None
        self.profile.observe(shell.guard(lambda _: self._generate()), names="value")
        self.table.observe(shell.guard(lambda _: self._show_table()), names="value")
        self.rows.observe(shell.guard(lambda _: self._show_table()), names="value")
        self.add_action.on_click(shell.guard(lambda _: self.add_measure()))
        self.score_button.on_click(shell.guard(lambda _: self.score()))
        self.run_button.on_click(shell.guard(lambda _: self.run_year()))
        shell.on_language(shell.guard(self._relabel))
        shell.on_participant(shell.guard(lambda _: self._restore()))
        group_boxes = [widgets.VBox([r["present"], r["evidence"], r["actors"]], layout=widgets.Layout(border="1px solid #ddd", padding="0.3em", margin="0.2em 0"))
                       for r in self.group_rows.values()]
        self.part_titles = {part: widgets.HTML() for part in ("explore", "groups", "places", "resources", "actions")}
        self.widget = widgets.VBox([
            shell.header, self.title, self.profile, self.budget, self.map,
            self.part_titles["explore"], widgets.HBox([self.table, self.rows]), self.table_view,
            self.part_titles["groups"], *group_boxes,
            self.part_titles["places"], self.places_label, self.places,
            self.part_titles["resources"], widgets.HBox([self.resources, self.gaps]),
            self.part_titles["actions"], self.actions_box, self.add_action,
            widgets.HBox([self.score_button, self.run_button]), self.result, self.year,
        ])
        self.widget.add_class("kit-mapping")
        self._generate()
        self._relabel(shell.lang)

    # --- the plan ------------------------------------------------------------------------------

    def plan_dict(self) -> dict[str, Any]:
        """The learner's plan in the MappingPlan shape."""
        groups, actors = [], {}
        for group, row in self.group_rows.items():
            if row["present"].value:
                groups.append({"group": group, "evidence": self._evidence(group)})
            if row["actors"].value:
                actors[group] = list(row["actors"].value)
        actions = []
        for action in self.actions:
            entry: dict[str, Any] = {"measure": action["measure"].value, "targets": list(action["targets"].value)}
            if action["count"].value:
                entry["count"] = int(action["count"].value)
            actions.append(entry)
        return {"groups": groups, "places": list(self.places.value), "actors": actors,
                "resources": list(self.resources.value), "gaps": list(self.gaps.value), "actions": actions}

    def add_measure(self, entry: dict[str, Any] | None = None) -> None:
        widgets = self.widgets
        measure = widgets.Dropdown(options=list(self.catalogue.measures), style={"description_width": "initial"})
        targets = widgets.TagsInput(allow_duplicates=False)
        count = widgets.BoundedIntText(value=0, min=0, max=200, style={"description_width": "initial"}, layout=widgets.Layout(width="16em"))
        remove = widgets.Button(icon="trash")
        action = dict(measure=measure, targets=targets, count=count, remove=remove)
        action["box"] = widgets.VBox([widgets.HBox([measure, count, remove]), targets], layout=widgets.Layout(border="1px solid #ddd", padding="0.3em"))
        measure.observe(self.shell.guard(lambda _, a=action: self._targets_for(a)), names="value")
        remove.on_click(self.shell.guard(lambda _, a=action: self._remove(a)))
        for widget in (measure, targets, count):
            widget.observe(self.shell.guard(lambda _: self._show_cost()), names="value")
        self.actions.append(action)
        if entry:
            measure.value = entry["measure"]
        self._targets_for(action)
        if entry:
            targets.value = [t for t in entry.get("targets", []) if t in targets.allowed_tags]
            count.value = entry.get("count") or 0
        self._label_actions(self.shell.lang)
        self.actions_box.children = [a["box"] for a in self.actions]
        self._show_cost()

    def score(self) -> Any:
        from kit.mapping import score_plan

        lang = self.shell.lang
        plan = self.plan_dict()
        result = score_plan(self.municipality, plan)
        self.shell.save(self._item(), plan, score=result.total)
        header = self.shell.ui("simulator.total", percent=round(result.total * 100), recall=round(result.recall * 100),
                               precision=round(result.precision * 100))
        items = "".join(f"<li>{html.escape(message)}</li>" for message in result.messages(lang))
        self.result.value = f"<h4>{html.escape(header)}</h4><ul>{items}</ul>"
        return result

    def run_year(self) -> None:
        from kit.mapping import detection_curves, detection_curves_description, simulate

        lang, kb = self.shell.lang, self.kb
        runs = {kb.ui("mapping.plan.none", lang): simulate(self.municipality, {}, seed=self.seed),
                kb.ui("mapping.plan.yours", lang): simulate(self.municipality, self.plan_dict(), seed=self.seed)}
        lines = []
        for name, frame in runs.items():
            last = frame.iloc[-1]
            lines.append(self.shell.ui("simulator.year_summary", plan=name, early=int(frame["detected_early"].sum()),
                                       late=int(frame["detected_late"].sum()), never=int(last["undetected"]),
                                       prevented=int(frame["prevented"].sum()), supported=int(frame["people_supported"].sum())))
        alt = detection_curves_description(runs).get(lang)
        self.year.value = figure_html(detection_curves(runs, lang=lang), alt) + "<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in lines) + "</ul>"

    # --- drawing -----------------------------------------------------------------------------

    def _generate(self) -> None:
        from kit.mapping import district_map, district_map_description, generate

        self.municipality = generate(self.profile.value, seed=self.seed)
        lang, m = self.shell.lang, self.municipality
        actor_ids = list(m.actors["actor_id"])
        names = {a.id: a.name.get(lang) for a in self.kb.actors}
        for group, row in self.group_rows.items():
            expected = set(self.catalogue.expected_actors(group))
            ordered = sorted(actor_ids, key=lambda a: (a not in expected, names.get(a, a)))
            row["actors"].options = [(names.get(a, a), a) for a in ordered]
        self.places.allowed_tags = list(m.places["place_id"]) + list(m.workplaces["workplace_id"])
        self.places.value = [p for p in self.places.value if p in self.places.allowed_tags]
        services = [(self.kb.ui(f"mapping.service.{s}", lang), s) for s in _services()]
        self.resources.options = self.gaps.options = services
        for action in self.actions:
            self._targets_for(action)
        self.map.value = figure_html(district_map(m, lang=lang), district_map_description(m).get(lang))
        self.result.value = self.year.value = ""
        self._show_table()
        self._show_cost()
        self._restore()

    def _show_table(self) -> None:
        frame = getattr(self.municipality, self.table.value).head(int(self.rows.value))
        label = html.escape(self.kb.ui(f"mapping.table.{self.table.value}", self.shell.lang))
        table = frame.to_html(index=False, escape=True, border=0, classes="kit-table")
        # A scrolling region must be reachable by keyboard: focusable, named, a landmark.
        self.table_view.value = (f'<div tabindex="0" role="region" aria-label="{label}" '
                                 f'style="max-height:24em; overflow:auto">{table}</div>')

    def _show_cost(self) -> None:
        from kit.mapping import plan_cost
        from kit.mapping.plan import PlanError

        budget = self.municipality.budget
        try:
            cost = plan_cost(self.municipality, self.plan_dict())
        except (PlanError, ValueError):
            return
        text = self.shell.ui("simulator.budget", hours=f"{budget.staff_hours:,.0f}", money=f"{budget.money:,.0f}",
                             plan_hours=f"{cost.staff_hours:,.0f}", plan_money=f"{cost.money:,.0f}")
        warning = f' <strong role="alert">{html.escape(self.shell.ui("simulator.over_budget"))}</strong>' if cost.over_budget else ""
        self.budget.value = f"<p>{html.escape(text)}{warning}</p>"

    def _targets_for(self, action: dict[str, Any]) -> None:
        m, measure = self.municipality, self.catalogue.measures[action["measure"].value]
        options = {
            "actors": list(m.actors["actor_id"]), "places": list(m.places["place_id"]),
            "workplaces": list(m.workplaces["workplace_id"]), "groups": list(self.catalogue.risk_groups),
            "sectors": sorted(set(m.workplaces["sector"])), "services": list(_services()), "none": [],
        }[measure.target]
        if measure.only:
            options = [o for o in options if o in measure.only]
        action["targets"].allowed_tags = options
        action["targets"].value = [t for t in action["targets"].value if t in options]
        action["targets"].layout.display = "none" if measure.target == "none" else None

    def _remove(self, action: dict[str, Any]) -> None:
        self.actions.remove(action)
        self.actions_box.children = [a["box"] for a in self.actions]
        self._label_actions(self.shell.lang)
        self._show_cost()

    def _evidence(self, group: str) -> list[int]:
        text = self.group_rows[group]["evidence"].value.replace(";", ",")
        try:
            return [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            label = self.catalogue.risk_groups[group].label.get(self.shell.lang)
            raise ValueError(self.shell.ui("simulator.bad_evidence", group=label)) from None

    def _item(self) -> str:
        return f"{self.profile.value}:{self.seed}"

    def _restore(self) -> None:
        stored = self.shell.restored().get(self._item())
        if not stored:
            return
        for group, row in self.group_rows.items():
            finding = next((g for g in stored.get("groups", []) if g.get("group") == group), None)
            row["present"].value = finding is not None
            row["evidence"].value = ", ".join(str(e) for e in (finding or {}).get("evidence", []))
            known = {value for _, value in row["actors"].options}
            row["actors"].value = tuple(a for a in stored.get("actors", {}).get(group, []) if a in known)
        self.places.value = [p for p in stored.get("places", []) if p in self.places.allowed_tags]
        self.resources.value = tuple(stored.get("resources", []))
        self.gaps.value = tuple(stored.get("gaps", []))
        self.actions, self.actions_box.children = [], []
        for entry in stored.get("actions", []):
            self.add_measure(entry)

    def _label_actions(self, lang: str) -> None:
        ui = self.shell.ui
        for number, action in enumerate(self.actions, start=1):
            # New option labels briefly change the value, which re-filters the targets: keep both.
            chosen, targets = action["measure"].value, list(action["targets"].value)
            action["measure"].options = [(m.label.get(lang), mid) for mid, m in self.catalogue.measures.items()]
            action["measure"].value = chosen
            self._targets_for(action)
            action["targets"].value = [t for t in targets if t in action["targets"].allowed_tags]
            action["measure"].description = f"{ui('simulator.measure')} {number}"
            action["targets"].description = ui("simulator.targets")
            action["count"].description = ui("simulator.count")
            action["remove"].tooltip = ui("simulator.remove_measure", number=number)

    def _relabel(self, lang: str) -> None:
        ui, kb = self.shell.ui, self.kb
        self.title.value = (f"<h2>{html.escape(kb.ui('mapping.title', lang))}</h2>"
                            f"<p>{html.escape(kb.ui('mapping.intro', lang))}</p>")
        self.profile.description = ui("simulator.profile")
        self.table.description = ui("simulator.table")
        chosen = self.table.value
        self.table.options = [(kb.ui(f"mapping.table.{t}", lang), t) for t in TABLES]
        self.table.value = chosen
        self._show_table()
        self.rows.description = ui("simulator.rows")
        titles = {"explore": ui("simulator.explore"), "groups": kb.ui("mapping.part.groups", lang),
                  "places": kb.ui("mapping.part.places", lang), "resources": kb.ui("mapping.part.resources", lang),
                  "actions": kb.ui("mapping.part.actions", lang)}
        for part, widget in self.part_titles.items():
            widget.value = f"<h3>{html.escape(titles[part])}</h3>"
        for group, row in self.group_rows.items():
            label = self.catalogue.risk_groups[group].label.get(lang)
            row["present"].description = f"{label}: {ui('simulator.present')}"
            row["evidence"].description = ui("simulator.evidence")
            row["actors"].description = ui("simulator.engage")
        self.places_label.value = f"<p>{html.escape(ui('simulator.places'))}</p>"
        self.resources.description = ui("simulator.resources")
        self.gaps.description = ui("simulator.gaps")
        self._label_actions(lang)
        self.add_action.description = ui("simulator.add_measure")
        self.score_button.description = ui("simulator.score")
        self.run_button.description = ui("simulator.run_year")
        self._show_cost()


def _services() -> list[str]:
    from kit.mapping.vocabulary import SERVICES

    return list(SERVICES)


def show_mapping_simulator(lang: str | None = None, profile: str | None = None, seed: int | None = None,
                           db_url: str | None = None) -> MappingSimulator:
    """Display the simulator in a notebook or a Voila page."""
    from IPython.display import display

    app = MappingSimulator(lang=lang, profile=profile, seed=seed, db_url=db_url)
    display(app.widget)
    return app

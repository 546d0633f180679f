"""The case picker: filter a case set by form, difficulty and country, pick a case by its title, step through."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from kit.cases.narrative import fill, surface

ALL = ""  # the filter value that lets every case through
DIFFICULTIES = (1, 2, 3)


def case_title(case: Any, lang: str) -> str:
    """A case's title in `lang`, filled for its own person and setting."""
    return fill(case.title.get(lang), lang, gender=case.person.gender, age=case.person.age,
                nationality=case.person.nationality, town_type=case.setting.town_type, sector=case.setting.sector)


def case_forms(case: Any) -> set[str]:
    """The forms a case is about: those of its truth, and those a look-alike case resembles."""
    return set(case.truth.forms) | set(case.resembles)


def filter_cases(cases: Sequence[Any], form: str = ALL, difficulty: int | str = ALL, country: str = ALL) -> list[int]:
    """The positions in `cases` that pass every filter; ALL ("") lets every case through."""
    return [position for position, case in enumerate(cases)
            if (form == ALL or form in case_forms(case))
            and (difficulty == ALL or case.difficulty == int(difficulty))
            and (country == ALL or case.setting.country == country)]


def country_name(code: str, lang: str) -> str:
    """A country's name as a list entry in `lang`: "Storbritannien", "United Kingdom"."""
    name = surface()["nationalities"][code][f"country_{lang}"]
    return name[4:] if lang == "en" and name.startswith("the ") else name


class CasePicker:
    """Filters (form, difficulty, country), a list of case titles, and previous/next case buttons.

    `on_pick(position)` is called with a position in `cases` when the participant picks a case.
    """

    def __init__(self, shell: Any, cases: Sequence[Any], on_pick: Callable[[int], None]):
        import ipywidgets as widgets

        self.shell, self.cases, self.on_pick = shell, list(cases), on_pick
        self.position = 0
        self.matching = list(range(len(self.cases)))
        self._quiet = False  # True while options are relabelled: a relabel is not a choice
        wide = {"description_width": "initial"}
        self.form = widgets.Dropdown(options=[("", ALL)], value=ALL, style=wide)
        self.form.add_class("kit-filter-form")
        self.difficulty = widgets.Dropdown(options=[("", ALL)], value=ALL, style=wide)
        self.difficulty.add_class("kit-filter-difficulty")
        self.country = widgets.Dropdown(options=[("", ALL)], value=ALL, style=wide)
        self.country.add_class("kit-filter-country")
        self.case_list = widgets.Dropdown(options=[], style=wide)
        self.case_list.add_class("kit-case-list")
        self.previous = widgets.Button(icon="arrow-left")
        self.previous.add_class("kit-previous")
        self.next = widgets.Button(icon="arrow-right")
        self.next.add_class("kit-next")
        self.heading = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("kit-picker-message")
        filters = [box for box, values in ((self.form, self._forms()), (self.difficulty, self._difficulties()),
                                           (self.country, self._countries())) if len(values) > 1]
        self.filters = widgets.Box(filters)
        self.filters.add_class("kit-picker-filters")
        for box in filters:
            box.observe(shell.guard(lambda _: self._refilter()), names="value")
        self.case_list.observe(shell.guard(self._picked), names="value")
        self.previous.on_click(shell.guard(lambda _: self.step(-1)))
        self.next.on_click(shell.guard(lambda _: self.step(1)))
        buttons = widgets.Box([self.previous, self.next])
        buttons.add_class("kit-picker-buttons")
        self.widget = widgets.VBox([self.heading, self.filters, self.case_list, buttons, self.message])
        self.widget.add_class("kit-case-picker")
        shell.on_language(shell.guard(self.relabel))
        self.relabel(shell.lang)

    def show(self, position: int) -> None:
        """Mark the case at `position` as the one shown (the list, the buttons, the count)."""
        self.position = position
        self._sync()

    def add_case(self, case: Any) -> None:
        """Offer one more case (the case a trainer chose for the room, from outside this page's set);
        the case shown stays."""
        self.cases.append(case)
        self.matching = filter_cases(self.cases, self.form.value, self.difficulty.value, self.country.value)
        self.relabel(self.shell.lang)

    def step(self, by: int) -> None:
        """Pick the previous (-1) or next (+1) case among those that match the filters."""
        if not self.matching:
            return
        here = self.matching.index(self.position) if self.position in self.matching else -1
        target = here + by if here >= 0 else (0 if by > 0 else len(self.matching) - 1)
        if 0 <= target < len(self.matching):
            self.on_pick(self.matching[target])

    def set_filters(self, form: str = ALL, difficulty: int | str = ALL, country: str = ALL) -> None:
        """Set the three filters at once (as if chosen one after the other)."""
        self._quiet = True
        try:
            self.form.value, self.difficulty.value, self.country.value = form, str(difficulty) if difficulty != ALL else ALL, country
        finally:
            self._quiet = False
        self._refilter()

    def relabel(self, lang: str) -> None:
        """Every label in `lang`; filters and the chosen case are kept."""
        ui = self.shell.ui
        self.heading.value = f"<h3>{html.escape(ui('classifier.picker_title'))}</h3>"
        self._quiet = True
        try:
            for box, values, all_key, key in (
                (self.form, self._forms(), "classifier.filter_all_forms", "classifier.filter_form"),
                (self.difficulty, self._difficulties(), "classifier.filter_all_levels", "classifier.filter_difficulty"),
                (self.country, self._countries(), "classifier.filter_all_countries", "classifier.filter_country"),
            ):
                chosen = box.value
                box.options = [(ui(all_key), ALL), *values]
                box.value = chosen
                box.description = ui(key)
            self.case_list.description = ui("classifier.case_list")
            self.previous.description, self.next.description = ui("classifier.previous_case"), ui("classifier.next_case")
        finally:
            self._quiet = False
        self._sync()

    # --- helpers ---------------------------------------------------------------------------------

    def _forms(self) -> list[tuple[str, str]]:
        present = set().union(*(case_forms(case) for case in self.cases)) if self.cases else set()
        lang = self.shell.lang
        return [(form.label.get(lang), form.id) for form in self.shell.kb.forms if form.id in present]

    def _difficulties(self) -> list[tuple[str, str]]:
        present = {case.difficulty for case in self.cases}
        return [(self.shell.ui(f"classifier.difficulty.{level}"), str(level)) for level in DIFFICULTIES if level in present]

    def _countries(self) -> list[tuple[str, str]]:
        lang = self.shell.lang
        present = {case.setting.country for case in self.cases}
        return sorted(((country_name(code, lang), code) for code in present), key=lambda pair: pair[0])

    def _refilter(self) -> None:
        if self._quiet:
            return
        self.matching = filter_cases(self.cases, self.form.value, self.difficulty.value, self.country.value)
        if self.matching and self.position not in self.matching:
            self.on_pick(self.matching[0])  # the app shows it and calls show(), which syncs
            return
        self._sync()

    def _picked(self, change: dict[str, Any]) -> None:
        if self._quiet or change["new"] is None or change["new"] == self.position:
            return
        self.on_pick(change["new"])

    def _sync(self) -> None:
        """The list of matching titles, the chosen one, the buttons and the message."""
        ui, lang = self.shell.ui, self.shell.lang
        self._quiet = True
        try:
            options = [(f"{number}. {case_title(self.cases[position], lang)}", position)
                       for number, position in enumerate(self.matching, 1)]
            if self.position not in self.matching and self.cases:  # no match: the case shown stays listed
                options.insert(0, (case_title(self.cases[self.position], lang), self.position))
            self.case_list.options = options
            self.case_list.value = self.position if options else None
        finally:
            self._quiet = False
        here = self.matching.index(self.position) if self.position in self.matching else None
        self.previous.disabled = not self.matching or here == 0
        self.next.disabled = not self.matching or here == len(self.matching) - 1
        if not self.matching:
            text = ui("classifier.no_match")
        elif here is not None and len(self.matching) < len(self.cases):
            text = ui("classifier.case_of_filtered", number=here + 1, total=len(self.matching), all=len(self.cases))
        elif here is not None:
            text = ui("classifier.case_of", number=here + 1, total=len(self.matching))
        else:
            text = ui("classifier.matching", count=len(self.matching), total=len(self.cases))
        self.message.value = f'<p role="status">{html.escape(text)}</p>'

"""The case classifier app (chapters 2 and 4): read a case, classify it, get scored, explained feedback."""

from __future__ import annotations

import html
from typing import Any

from kit.apps.shell import AppShell

APP = "classifier"
CHECKBOX_STYLE = {"description_width": "initial"}


def select_cases(case_set: str | None, seed: int | None = None) -> list[Any]:
    """The cases of a named set: all, seed, trafficking, lookalikes, difficulty:N, form:ID, or ids."""
    from kit.cases.bank import load_bank
    from kit.cases.variants import variant

    bank = list(load_bank().values())
    name = (case_set or "all").strip()
    if name == "all":
        chosen = bank
    elif name == "seed":
        chosen = [c for c in bank if c.source.kind == "seed"]
    elif name == "trafficking":
        chosen = [c for c in bank if c.truth.trafficking]
    elif name == "lookalikes":
        chosen = [c for c in bank if not c.truth.trafficking]
    elif name.startswith("difficulty:"):
        chosen = [c for c in bank if str(c.difficulty) == name.split(":", 1)[1]]
    elif name.startswith("form:"):
        form = name.split(":", 1)[1]
        chosen = [c for c in bank if form in c.truth.forms or form in c.resembles]
    else:
        wanted = [part.strip() for part in name.split(",") if part.strip()]
        by_id = {c.id: c for c in bank}
        chosen = [by_id[i] for i in wanted if i in by_id]
    chosen = sorted(chosen, key=lambda c: (c.source.kind != "seed", c.difficulty, c.id))
    return [variant(c, seed) for c in chosen] if seed is not None else chosen


def case_card_html(case: Any, lang: str) -> str:
    """A case's title and narrative as a card, in `lang`."""
    from kit.cases.narrative import render

    title, narrative = render(case, lang)
    return f'<div class="kit-card" lang="{lang}"><h3>{html.escape(title)}</h3><p>{html.escape(narrative)}</p></div>'


class CaseClassifier:
    """The classifier: a case card, answer inputs, Check, feedback, screening aid, next case."""

    def __init__(self, lang: str | None = None, case_set: str | None = None, seed: int | None = None,
                 db_url: str | None = None, participant: str | None = None):
        import ipywidgets as widgets

        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb = shell.kb
        self.case_set = case_set or "all"
        self.cases = select_cases(case_set, seed)
        self.position = 0
        self.last_score: Any = None
        self.title = widgets.HTML()
        self.card = widgets.HTML()
        self.card.add_class("kit-case-card")
        self.answer_area = widgets.VBox()
        self.case_area = widgets.VBox([self.card, self.answer_area])
        self.built = False  # the answer inputs are made when the participant opens the material
        shell.on_reveal(shell.guard(lambda: self.go(self.position)))
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)  # options first: a restored answer must find its choices
        shell.on_participant(shell.guard(lambda _: self._restore()))
        self.widget = widgets.VBox([shell.header, self.title, shell.gated(self.case_area)])
        self.widget.add_class("kit-classifier")

    # --- what the learner does -------------------------------------------------------------

    def _build_answers(self) -> None:
        """Make the answer inputs (once): ~80 widgets the first page does not need to load."""
        if self.built:
            return
        import ipywidgets as widgets

        shell = self.shell
        yes_no = lambda: widgets.ToggleButtons(options=[("", True), ("", False), ("", None)], value=None)  # noqa: E731
        self.verdict, self.minor = yes_no(), yes_no()
        self.verdict.add_class("kit-verdict")
        self.minor.add_class("kit-minor")
        self.boxes: dict[str, dict[str, Any]] = {
            "act": {t.id: widgets.Checkbox(indent=False, style=CHECKBOX_STYLE) for t in self.kb.palermo_terms if t.element == "act"},
            "means": {t.id: widgets.Checkbox(indent=False, style=CHECKBOX_STYLE) for t in self.kb.palermo_terms if t.element == "means"},
            "purpose": {f.id: widgets.Checkbox(indent=False, style=CHECKBOX_STYLE) for f in self.kb.forms},
            "indicators": {i.id: widgets.Checkbox(indent=False, style=CHECKBOX_STYLE, layout=widgets.Layout(width="100%"))
                           for i in self.kb.indicators},
        }
        for element, boxes in self.boxes.items():
            for item_id, box in boxes.items():
                box.add_class(f"kit-{element}-{item_id}")
        self.group_titles = {element: widgets.HTML() for element in self.boxes}
        self.referrals = widgets.SelectMultiple(options=[], rows=8, layout=widgets.Layout(width="32em"))
        self.referrals.add_class("kit-referrals")
        self.referrals_help = widgets.HTML()
        self.check = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.check.add_class("kit-check")
        self.previous = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        self.previous.add_class("kit-previous")
        self.next = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        self.next.add_class("kit-next")
        self.position_label = widgets.HTML()
        self.result = widgets.HTML()
        self.result.add_class("kit-result")
        self.check.on_click(shell.guard(lambda _: self.check_answer()))
        self.next.on_click(shell.guard(lambda _: self.go(self.position + 1)))
        self.previous.on_click(shell.guard(lambda _: self.go(self.position - 1)))
        self._build(widgets)
        self.built = True
        self._relabel_answers(shell.lang)


    def answer(self) -> dict[str, Any]:
        """The learner's answer in the scoring format."""
        self._build_answers()
        chosen = {element: [i for i, box in boxes.items() if box.value] for element, boxes in self.boxes.items()}
        return {
            "trafficking": self.verdict.value,
            "minor": self.minor.value,
            "act": chosen["act"],
            "means": chosen["means"],
            "purpose": chosen["purpose"],
            "forms": chosen["purpose"],
            "indicators": chosen["indicators"],
            "first_referrals": list(self.referrals.value),
        }

    def set_answer(self, answer: dict[str, Any]) -> None:
        """Fill the inputs from a stored answer."""
        self._build_answers()
        self.verdict.value = answer.get("trafficking")
        self.minor.value = answer.get("minor")
        for element, boxes in self.boxes.items():
            chosen = set(answer.get(element) or [])
            for item_id, box in boxes.items():
                box.value = item_id in chosen
        known = {value for _, value in self.referrals.options}
        self.referrals.value = tuple(a for a in answer.get("first_referrals") or [] if a in known)

    def check_answer(self) -> Any:
        """Score the answer, show the feedback and the screening aid, and store it."""
        from kit.cases.scoring import score_answer

        case = self.current
        answer = self.answer()
        self.last_score = score = score_answer(case, answer)
        saved = self.shell.save(case.id, answer, score=score.total)
        self._show_result()
        if saved:
            self.shell.say(self.shell.ui("app.saved"), "ok")
        return score

    def go(self, position: int) -> None:
        """Show the case at `position` (wrapping round), restoring the learner's last answer to it."""
        if not self.cases:
            return
        self._build_answers()
        self.position = position % len(self.cases)
        self.last_score = None
        self.result.value = ""
        self._restore()
        self._render_case()

    @property
    def current(self) -> Any:
        return self.cases[self.position]

    # --- drawing ------------------------------------------------------------------------------

    def _build(self, widgets: Any) -> None:
        groups = []
        for element in ("act", "means", "purpose"):
            groups.append(widgets.VBox([self.group_titles[element], *self.boxes[element].values()],
                                       layout=widgets.Layout(min_width="15em", margin="0 1.5em 0 0")))
        by_group: dict[str, list[Any]] = {}
        for indicator in self.kb.indicators:
            by_group.setdefault(indicator.group, []).append(self.boxes["indicators"][indicator.id])
        self.indicator_headings = {group: widgets.HTML() for group in by_group}
        indicator_rows = [widget for group, boxes in by_group.items() for widget in (self.indicator_headings[group], *boxes)]
        self.answer_area.children = [
            self.verdict, self.minor, widgets.HBox(groups, layout=widgets.Layout(flex_flow="row wrap")),
            self.group_titles["indicators"], widgets.VBox(indicator_rows),
            self.referrals, self.referrals_help,
            widgets.HBox([self.check, self.previous, self.next, self.position_label]), self.result,
        ]
        self.case_area.children = [self.card, self.answer_area]

    def _restore(self) -> None:
        if not self.cases or not self.built:
            return
        stored = self.shell.restored().get(self.current.id)
        if stored:
            self.set_answer(stored)
        else:
            self.set_answer({})

    def _render_case(self) -> None:
        if not self.cases:
            self.card.value = f"<p>{html.escape(self.shell.ui('classifier.no_cases', case_set=self.case_set))}</p>"
            return
        self.card.value = case_card_html(self.current, self.shell.lang)
        self.position_label.value = html.escape(self.shell.ui("classifier.case_of", number=self.position + 1, total=len(self.cases)))

    def _show_result(self) -> None:
        from kit.cases.screening import screen

        score, lang, kb = self.last_score, self.shell.lang, self.kb
        if score is None:
            self.result.value = ""
            return
        parts = [f"<h4>{html.escape(self.shell.ui('classifier.score', percent=round(score.total * 100)))}</h4><ul>"]
        for element, detail in score.elements.items():
            label = kb.ui(f"element.{element}", lang)
            parts.append(f"<li>{html.escape(self.shell.ui('classifier.element_row', element=label, percent=round(detail.score * 100)))}</li>")
        parts.append(f"</ul><h4>{html.escape(self.shell.ui('classifier.feedback_title'))}</h4><ul>")
        for item in score.feedback:
            source = f" <small>({html.escape(item.ref.label(lang))})</small>" if item.ref is not None else ""
            parts.append(f"<li>{html.escape(item.message(lang))}{source}</li>")
        case = self.current
        refs = "; ".join(ref.label(lang) for ref in case.teaching_refs)
        parts.append(f"</ul><h4>{html.escape(self.shell.ui('classifier.teaching_note_title'))}</h4>"
                     f"<p>{html.escape(case.teaching_note.get(lang))} <small>({html.escape(refs)})</small></p>")
        screening = screen(self.answer()["indicators"], minor=self.minor.value)
        parts.append(f"<h4>{html.escape(self.shell.ui('classifier.screening_title'))}</h4><ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in screening.explanation(lang)]
        parts.append("</ul>")
        self.result.value = "".join(parts)

    def _relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.title.value = f"<h2>{html.escape(ui('classifier.title'))}</h2><p>{html.escape(ui('classifier.intro'))}</p>"
        if self.built:
            self._relabel_answers(lang)
            self._render_case()
            self._show_result()

    def _relabel_answers(self, lang: str) -> None:
        kb, ui = self.kb, self.shell.ui
        choices = [ui("app.yes"), ui("app.no"), ui("app.unsure")]
        for toggle, key in ((self.verdict, "classifier.verdict"), (self.minor, "classifier.minor")):
            value = toggle.value  # changing the options must not lose the learner's choice
            toggle.description = ui(key)
            toggle.options = list(zip(choices, (True, False, None)))
            toggle.value = value
        for element, key in (("act", "classifier.act"), ("means", "classifier.means"), ("purpose", "classifier.purpose"), ("indicators", "classifier.indicators")):
            self.group_titles[element].value = f"<strong>{html.escape(ui(key))}</strong>"
        for term in kb.palermo_terms:
            self.boxes[term.element][term.id].description = term.label.get(lang)
        for form in kb.forms:
            self.boxes["purpose"][form.id].description = form.label.get(lang)
        for indicator in kb.indicators:
            self.boxes["indicators"][indicator.id].description = indicator.question.get(lang)
        for group, heading in self.indicator_headings.items():
            heading.value = f"<em>{html.escape(kb.ui(f'value.{group}', lang).capitalize())}</em>"
        chosen = self.referrals.value
        self.referrals.options = [(actor.name.get(lang), actor.id) for actor in kb.actors]
        self.referrals.value = chosen
        self.referrals.description = ui("classifier.referrals")
        self.referrals.style = {"description_width": "initial"}
        self.referrals_help.value = f"<small>{html.escape(ui('classifier.referrals_help'))}</small>"
        self.check.description = ui("classifier.check")
        self.next.description = ui("classifier.next")
        self.previous.description = ui("classifier.previous")


def show_classifier(lang: str | None = None, case_set: str | None = None, seed: int | None = None,
                    db_url: str | None = None) -> CaseClassifier:
    """Display the classifier in a notebook or a Voila page."""
    from IPython.display import display

    app = CaseClassifier(lang=lang, case_set=case_set, seed=seed, db_url=db_url)
    display(app.widget)
    return app

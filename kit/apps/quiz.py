"""The principles quiz app (chapter 1): match situations with the principle they follow or breach.

One situation at a time: the participant reads it, chooses a principle and whether it is kept or
broken, checks, reads why, and moves on (or back, or straight to a numbered situation). Choices
not yet checked are kept while moving around; checked answers are stored and come back after a
reload. Checking needs both choices and a pseudonym: a check without them asks for what is
missing, and nothing is scored, saved or revealed.
"""

from __future__ import annotations

import html
from typing import Any

from kit.apps.focus import focus_heading, focus_when_shown
from kit.apps.planner_findings import show_line
from kit.apps.shell import AppShell
from kit.content.i18n import format_number
from kit.nrm.principles_quiz import score_situation

APP = "principles_quiz"
RELATIONS = ("follows", "breaches")
# The verdict of a checked answer: its words, and the kind of line (sign and colour) they are shown in.
VERDICTS = {"right": ("quiz.right", "ok"), "half": ("quiz.half", "hint"), "wrong": ("quiz.wrong", "problem")}


class PrinciplesQuiz:
    """A deck of situations: choose a principle and kept/broken, check, read why, go to the next."""

    def __init__(self, lang: str | None = None, db_url: str | None = None, participant: str | None = None):
        import ipywidgets as widgets

        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb = shell.kb
        self.order = [situation.id for situation in self.kb.situations]
        self.current = self.order[0]
        self.choices: dict[str, tuple[str | None, str | None]] = {}  # what was chosen, checked or not
        self.results: dict[str, Any] = {}  # checked situations: their score and explanation
        self.asked = False  # a check was tried on the situation shown with a choice missing: say what is missing
        self.title = widgets.HTML()
        self.position = widgets.ToggleButtons(options=[(str(n), sid) for n, sid in enumerate(self.order, 1)], value=self.current,
                                              style={"button_width": "4.4em"})  # room for "12" and a tick
        self.position.add_class("kit-quiz-situations")
        self.text = widgets.HTML()
        self.text.add_class("kit-quiz-text")
        self.principle = widgets.Dropdown(options=[], value=None, style={"description_width": "initial"}, layout=widgets.Layout(width="30em"))
        self.principle.add_class("kit-quiz-principle")
        self.relation = widgets.ToggleButtons(options=[("", relation) for relation in RELATIONS], value=None)
        self.relation.add_class("kit-quiz-relation")
        self.check_button = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto", min_width="8em"))
        self.check_button.add_class("kit-quiz-check")
        self.save_state = shell.save_state()
        check_row = widgets.Box([self.check_button, self.save_state])
        check_row.add_class("kit-quiz-check-row")
        self.verdict = focus_heading()  # the verdict, or what is still to choose: takes the focus after a check
        self.verdict.add_class("kit-quiz-verdict")
        self.feedback = widgets.HTML()  # why, with the source
        self.feedback.add_class("kit-quiz-feedback")
        self.previous = widgets.Button(icon="arrow-left", layout=widgets.Layout(width="auto", min_width="8em"))
        self.previous.add_class("kit-quiz-previous")
        self.next = widgets.Button(icon="arrow-right", layout=widgets.Layout(width="auto", min_width="8em"))
        self.next.add_class("kit-quiz-next")
        self.total = widgets.HTML()
        self.total.add_class("kit-quiz-total")
        card = widgets.VBox([self.text, self.principle, self.relation, check_row, self.verdict, self.feedback],
                            layout=widgets.Layout(border="1px solid #c8c8c8", padding="0.6em 1em", margin="0.6em 0"))
        card.add_class("kit-quiz-card")
        self.check_button.on_click(shell.guard(lambda _: self.check()))
        self.previous.on_click(shell.guard(lambda _: self._step(-1)))
        self.next.on_click(shell.guard(lambda _: self._step(1)))
        self.position.observe(shell.guard(lambda change: self.show(change["new"])), names="value")
        for choice in (self.principle, self.relation):  # the word on what is missing follows the choices
            choice.observe(shell.guard(lambda _: self._choice_changed()), names="value")
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)
        shell.on_participant(shell.guard(lambda _: self._restore()))
        moves = widgets.Box([self.previous, self.next])
        moves.add_class("kit-quiz-moves")
        self.widget = widgets.VBox([shell.header, self.title, self.position, card, moves, self.total])
        self.widget.add_class("kit-quiz")

    def show(self, situation_id: str) -> None:
        """Turn to `situation_id`, keeping what was chosen on the situation left."""
        self.kb.get("situations", situation_id)  # an unknown id is refused before anything changes
        if situation_id != self.current:
            self.choices[self.current] = (self.principle.value, self.relation.value)
            self.current = situation_id
            self.asked = False
        if self.position.value != situation_id:
            self.position.value = situation_id  # its observer comes back here with nothing left to do
            return
        self._fill()

    def check(self, situation_id: str | None = None) -> Any:
        """Score the situation shown (or `situation_id`, turned to first), show why, store the answer;
        None, and a word on what is missing, when a choice or the pseudonym is missing."""
        if situation_id is not None and situation_id != self.current:
            self.show(situation_id)
        principle, relation = self.principle.value, self.relation.value
        self.choices[self.current] = (principle, relation)
        if self._missing():
            self.asked = True
            self._show_result()
            focus_when_shown(self.verdict)
            return None
        if not self.shell.ready_to_save():
            return None
        result = score_situation(self.current, principle, relation)
        self.asked = False
        self.results[self.current] = result
        self.shell.save(self.current, {"principle": principle, "relation": relation}, score=result.score)
        self._show_result()
        self._update_total()
        self._label_positions()
        focus_when_shown(self.verdict)
        return result

    # --- helpers ---------------------------------------------------------------------------------

    def _step(self, by: int) -> None:
        index = self.order.index(self.current) + by
        if 0 <= index < len(self.order):
            self.show(self.order[index])

    def _fill(self) -> None:
        """The card for the current situation: its text, the choices made, the feedback if checked."""
        lang, number = self.shell.lang, self.order.index(self.current) + 1
        situation = self.kb.get("situations", self.current)
        heading = self.shell.ui("quiz.position", number=number, count=len(self.order))
        self.text.value = f"<h3>{html.escape(heading)}</h3><p>{html.escape(situation.text.get(lang))}</p>"
        principle, relation = self.choices.get(self.current, (None, None))
        # an answer stored before the content changed may name a principle no longer offered
        self.principle.value = principle if principle in {p.id for p in self.kb.principles} else None
        self.relation.value = relation if relation in RELATIONS else None
        self._show_result()
        self.previous.disabled = number == 1
        self.next.disabled = number == len(self.order)

    def _show_result(self) -> None:
        """The feedback of the situation shown: what is still to choose, or the checked answer's verdict and why."""
        result, missing = self.results.get(self.current), self._missing()
        if result is None:
            show_line(self.verdict, self.shell.ui(missing) if self.asked and missing else "", "hint")
            self.feedback.value = ""
            return
        lang, kb = self.shell.lang, self.kb
        principle = kb.get("principles", result.expected_principle).name.get(lang)
        detail = self.shell.ui("quiz.expected", relation=kb.ui(f"value.{result.expected_relation}", lang), principle=principle)
        key, kind = VERDICTS["right" if result.score == 1 else "half" if result.score else "wrong"]
        show_line(self.verdict, self.shell.ui(key, detail=detail), kind)
        self.feedback.value = (f'<p>{html.escape(result.explanation.get(lang))} '
                               f'<small class="kit-source">({html.escape(result.ref.label(lang))})</small></p>')

    def _choice_changed(self) -> None:
        if self.asked:
            self._show_result()

    def _missing(self) -> str | None:
        """The UI key saying what is still to choose before a check, or None."""
        principle, relation = self.principle.value, self.relation.value
        if principle is None and relation is None:
            return "quiz.choose_first"
        if principle is None:
            return "quiz.choose_principle"
        return "quiz.choose_relation" if relation is None else None

    def _update_total(self) -> None:
        score = sum(result.score for result in self.results.values())
        points = format_number(score, self.shell.lang, decimals=0 if score == int(score) else 1)  # 3, 3.5 (sv: 3,5)
        self.total.value = f"<p>{html.escape(self.shell.ui('quiz.total', points=points, possible=len(self.order)))}</p>"

    def _label_positions(self) -> None:
        """Mark checked situations with a tick, said in words in each number's tooltip."""
        ui, numbered = self.shell.ui, list(enumerate(self.order, 1))
        self.position.icons = ["check" if sid in self.results else "" for _, sid in numbered]
        self.position.tooltips = [ui("quiz.situation_checked" if sid in self.results else "quiz.situation_open", number=n)
                                  for n, sid in numbered]

    def _restore(self) -> None:
        for situation_id, answer in self.shell.restored().items():
            if situation_id not in self.order:
                continue
            principle, relation = answer.get("principle"), answer.get("relation")
            self.choices[situation_id] = (principle, relation)
            self.results[situation_id] = score_situation(situation_id, principle, relation)
        self._fill()
        self._update_total()
        self._label_positions()

    def _relabel(self, lang: str) -> None:
        ui, kb = self.shell.ui, self.kb
        self.title.value = f"<h2>{html.escape(ui('quiz.title'))}</h2><p>{html.escape(ui('quiz.intro'))}</p>"
        self.position.description = ui("quiz.situations")
        self.choices[self.current] = (self.principle.value, self.relation.value)  # _fill puts them back
        self.principle.options = [(p.name.get(lang), p.id) for p in kb.principles]
        self.principle.description = ui("quiz.principle")
        self.relation.options = [(kb.ui(f"value.{r}", lang).capitalize(), r) for r in RELATIONS]
        self.relation.description = ui("quiz.relation")
        self.check_button.description = ui("quiz.check")
        self.previous.description, self.next.description = ui("quiz.previous"), ui("quiz.next")
        self._fill()
        if self.results:
            self._update_total()
        self._label_positions()

"""The principles quiz app (chapter 1 and 5): match situations with the principle they follow or breach."""

from __future__ import annotations

import html
from typing import Any

from kit.apps.shell import AppShell

APP = "principles_quiz"
FIRST_CARDS = 3  # shown with the page; the other situations follow once it is up


class PrinciplesQuiz:
    """One card per situation: choose a principle and follows/breaches, check, read why."""

    def __init__(self, lang: str | None = None, db_url: str | None = None, participant: str | None = None,
                 first_cards: int | None = None):
        """`first_cards`: build only that many cards now and the rest in `after_display` (run by the page once it shows)
        (a page then shows sooner); None builds every card now."""
        import ipywidgets as widgets

        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb = shell.kb
        self.title = widgets.HTML()
        self.total = widgets.HTML()
        self.cards: dict[str, dict[str, Any]] = {}
        situations = list(self.kb.situations)
        self._later = situations[first_cards:] if first_cards is not None else []
        rows = [self._card(number, situation) for number, situation in enumerate(situations[:len(situations) - len(self._later)], 1)]
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)  # options first: a restored answer must find its choices
        shell.on_participant(shell.guard(lambda _: self._restore()))
        self.widget = widgets.VBox([shell.header, self.title, *rows, self.total])
        self.widget.add_class("kit-quiz")

    def after_display(self) -> None:
        """Build the cards held back by `first_cards`, in the current language, answers restored."""
        if not self._later:
            return
        start = len(self.cards) + 1
        rows = [self._card(number, situation) for number, situation in enumerate(self._later, start)]
        self._later = []
        self._relabel(self.shell.lang)
        *before, total = self.widget.children
        self.widget.children = (*before, *rows, total)
        if self.shell.participant:
            self._restore()
        elif self.total.value:
            self._update_total()

    def _card(self, number: int, situation: Any) -> Any:
        import ipywidgets as widgets

        text = widgets.HTML()
        principle = widgets.Dropdown(options=[], value=None, style={"description_width": "initial"}, layout=widgets.Layout(width="30em"))
        relation = widgets.ToggleButtons(options=[("", "follows"), ("", "breaches")], value=None)
        check = widgets.Button(layout=widgets.Layout(width="auto", min_width="8em"))
        feedback = widgets.HTML()
        for widget, name in ((principle, "principle"), (relation, "relation"), (check, "check"), (feedback, "feedback")):
            widget.add_class(f"kit-quiz-{name}")
        card = widgets.VBox([text, principle, relation, check, feedback], layout=widgets.Layout(margin="0 0 1.2em 0"))
        card.add_class(f"kit-quiz-{situation.id}")
        self.cards[situation.id] = dict(number=number, text=text, principle=principle, relation=relation, check=check, feedback=feedback)
        check.on_click(self.shell.guard(lambda _, sid=situation.id: self.check(sid)))
        return card

    def check(self, situation_id: str) -> Any:
        """Score one card, show why, store the answer."""
        from kit.nrm.principles_quiz import score_situation

        card = self.cards[situation_id]
        result = score_situation(situation_id, card["principle"].value, card["relation"].value)
        self.shell.save(situation_id, {"principle": card["principle"].value, "relation": card["relation"].value}, score=result.score)
        self._show(situation_id, result)
        self._update_total()
        return result

    def _show(self, situation_id: str, result: Any) -> None:
        lang, kb = self.shell.lang, self.kb
        principle = kb.get("principles", result.expected_principle).name.get(lang)
        detail = self.shell.ui("quiz.expected", relation=kb.ui(f"value.{result.expected_relation}", lang), principle=principle)
        key = "quiz.right" if result.score == 1 else "quiz.half" if result.score else "quiz.wrong"
        verdict = self.shell.ui(key, detail=detail)
        self.cards[situation_id]["feedback"].value = (
            f'<div role="status"><strong>{html.escape(verdict)}</strong> {html.escape(result.explanation.get(lang))} '
            f"<small>({html.escape(result.ref.label(lang))})</small></div>"
        )

    def _update_total(self) -> None:
        from kit.nrm.principles_quiz import score_situation

        answered = self.shell.restored()
        points = sum(score_situation(sid, a.get("principle"), a.get("relation")).score for sid, a in answered.items() if sid in self.cards)
        self.total.value = f"<p>{html.escape(self.shell.ui('quiz.total', points=points, possible=len(self.kb.situations)))}</p>"

    def _restore(self) -> None:
        from kit.nrm.principles_quiz import score_situation

        for situation_id, answer in self.shell.restored().items():
            card = self.cards.get(situation_id)
            if card is None:
                continue
            card["principle"].value = answer.get("principle")
            card["relation"].value = answer.get("relation")
            self._show(situation_id, score_situation(situation_id, answer.get("principle"), answer.get("relation")))
        self._update_total()

    def _relabel(self, lang: str) -> None:
        from kit.nrm.principles_quiz import score_situation

        ui, kb = self.shell.ui, self.kb
        self.title.value = f"<h2>{html.escape(ui('quiz.title'))}</h2><p>{html.escape(ui('quiz.intro'))}</p>"
        options = [(p.name.get(lang), p.id) for p in kb.principles]
        for situation_id, card in self.cards.items():
            situation = kb.get("situations", situation_id)
            card["text"].value = f"<p><strong>{card['number']}.</strong> {html.escape(situation.text.get(lang))}</p>"
            chosen, relation = card["principle"].value, card["relation"].value
            card["principle"].options = options
            card["principle"].value = chosen
            card["principle"].description = ui("quiz.principle")
            card["relation"].options = [(kb.ui("value.follows", lang).capitalize(), "follows"), (kb.ui("value.breaches", lang).capitalize(), "breaches")]
            card["relation"].value = relation
            card["relation"].description = ui("quiz.relation")
            card["check"].description = ui("quiz.check")
            if card["feedback"].value:
                self._show(situation_id, score_situation(situation_id, chosen, relation))


def show_quiz(lang: str | None = None, db_url: str | None = None) -> PrinciplesQuiz:
    """Display the quiz in a notebook or a Voila page."""
    from IPython.display import display

    app = PrinciplesQuiz(lang=lang, db_url=db_url, first_cards=FIRST_CARDS)
    display(app.widget)
    app.shell.soon(app.after_display)
    return app

"""The case classifier app (chapters 2 and 4): pick a case, read it, classify it step by step, get scored, explained feedback.

The answer is asked in seven steps, one on screen at a time (verdict and minor, act, means,
purpose and form, indicators, first contacts, check). What a participant chose on a case is kept
while they move between steps and cases; a checked answer is stored and comes back after a reload.
When a trainer leads the room, the page follows (kit/apps/classifier_lead.py): the room's case,
answering closed, the key revealed.
"""

from __future__ import annotations

import html
from typing import Any

from kit.apps.case_picker import CasePicker, case_title
from kit.apps.classifier_checklist import Checklist
from kit.apps.classifier_lead import RoomFollower, in_kernel, make_room_case, room_case
from kit.apps.classifier_steps import STEPS, StepNavigator
from kit.apps.feedback_view import feedback_html, score_text
from kit.apps.focus import focus_heading, focus_when_shown
from kit.apps.shell import AppShell
from kit.cases.bank import load_bank
from kit.cases.narrative import render
from kit.cases.scoring import score_answer
from kit.cases.screening import screen
from kit.cases.variants import variant

APP = "classifier"
# Actor groups for the first contacts, in the order a municipal worker would look for them.
SECTORS = ("municipal", "state", "civil_society", "private", "international", "public")
INDICATOR_GROUPS = ("general", "sexual_exploitation", "labour_exploitation", "forced_begging_criminality")
CHECKLISTS = ("act", "means", "purpose", "indicators", "first_referrals")


def select_cases(case_set: str | None, seed: int | None = None) -> list[Any]:
    """The cases of a named set: all, seed, trafficking, lookalikes, difficulty:N, form:ID, or ids."""
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
    title, narrative = render(case, lang)
    return f'<div class="kit-card" lang="{lang}"><h3>{html.escape(title)}</h3><p>{html.escape(narrative)}</p></div>'


def case_narrative_html(case: Any, lang: str) -> str:
    """A case's narrative in `lang` (its title is shown as a heading of its own)."""
    return f'<p lang="{lang}">{html.escape(render(case, lang)[1])}</p>'


class CaseClassifier:
    """The classifier: a case picker, the case card, the answer in steps, Check, feedback, screening aid."""

    # Made by _build_answers, once, when the participant first opens the material.
    built_case: str | None  # the case the answer inputs hold
    checklists: dict[str, Checklist]
    result_heading: Any
    steps: StepNavigator
    picker: CasePicker

    def __init__(self, lang: str | None = None, case_set: str | None = None, seed: int | None = None,
                 db_url: str | None = None, participant: str | None = None):
        import ipywidgets as widgets

        self.shell = shell = AppShell(APP, lang=lang, db_url=db_url, participant=participant)
        self.kb = shell.kb
        self.case_set = case_set or "all"
        self.cases = select_cases(case_set, seed)
        self.seed = seed
        # the bank case behind each case shown (a variant's own id is `<case>_v<seed>`): the room counts answers by it
        self.base_ids = {case.id: base.id for case, base in zip(self.cases, select_cases(case_set))}
        self.case_seeds: dict[str, str | None] = {case.id: None if seed is None else str(seed) for case in self.cases}
        self.position = 0
        self.drafts: dict[str, dict[str, Any]] = {}  # answers chosen but not checked, per case
        self.scores: dict[str, Any] = {}  # the last check of each case in this session
        self.title = widgets.HTML()
        self.case_title = focus_heading()  # the focus lands here when the case is shown
        self.case_title.add_class("kit-case-title")
        self.narrative = widgets.HTML()
        self.narrative.add_class("kit-case-narrative")
        self.card = widgets.VBox([self.case_title, self.narrative])
        self.card.add_class("kit-case-card")
        self.card.add_class("kit-card")
        self.case_area = widgets.VBox([self.card])
        self.case_area.add_class("kit-case-area")
        self.built = False  # the picker and answer inputs are made when the participant opens the material
        self.lead = RoomFollower(shell, APP, shell.guard(self._follow))
        self._following = False  # True while the page shows the case a trainer chose for the room
        shell.on_reveal(shell.guard(self._reveal))
        shell.on_language(shell.guard(self._relabel))
        self._relabel(shell.lang)
        shell.on_participant(shell.guard(lambda _: self._participant_changed()))
        self.widget = widgets.VBox([shell.header, self.title, self.lead.banner, shell.gated(self.case_area)])
        self.widget.add_class("kit-classifier")
        if in_kernel():  # a page in a kernel follows the room's trainer once it shows (tests call lead.poll())
            shell.soon(self.lead.start)

    # --- what the learner does -------------------------------------------------------------

    def answer(self) -> dict[str, Any]:
        """The learner's answer in the scoring format."""
        self._build_answers()
        chosen = {element: checklist.chosen for element, checklist in self.checklists.items()}
        return {
            "trafficking": self.verdict.value,
            "minor": self.minor.value,
            "act": chosen["act"],
            "means": chosen["means"],
            "purpose": chosen["purpose"],
            "forms": chosen["purpose"],  # one question: the purpose is the form of exploitation
            "indicators": chosen["indicators"],
            "first_referrals": chosen["first_referrals"],
        }

    def set_answer(self, answer: dict[str, Any]) -> None:
        """Fill the inputs from a stored answer (ids no longer offered are left out)."""
        self._build_answers()
        self.verdict.value = answer.get("trafficking") if answer.get("trafficking") in (True, False) else None
        self.minor.value = answer.get("minor") if answer.get("minor") in (True, False) else None
        for element, checklist in self.checklists.items():
            checklist.set_chosen(answer.get(element))
        self._mark_steps()

    def check_answer(self) -> Any:
        """Score the answer, show the feedback and the screening aid, and store it; nothing is
        scored without a pseudonym (the line beside Check says why)."""
        self._build_answers()
        if self.lead.leading:
            self.lead.poll()  # the trainer may have closed answering a moment ago
            if self.lead.answering_closed:
                self._render_lead()
                return None
        answer = self.answer()
        self._nothing_chosen = not any(value not in (None, []) for value in answer.values())
        self._render_check_message()
        if self._nothing_chosen:  # an empty check would only reveal the answer key
            return None
        if not self.shell.ready_to_save():  # says why beside Check and takes the focus to the pseudonym box ...
            self.shell.say("app.pseudonym_needed", "problem")  # ... where the status line says it too
            return None
        case = self.current
        self.scores[case.id] = score = score_answer(case, answer)
        self.drafts.pop(case.id, None)
        self.shell.save(case.id, answer, score=score.total, base_item=self.base_ids.get(case.id),
                        seed=self.case_seeds.get(case.id), elements=score.elements)
        self._show_result()
        if self.steps.step != "check":
            self.steps.go("check", focus=False)
        focus_when_shown(self.result_heading)
        return score

    def go(self, position: int) -> None:
        """Show the case at `position` (wrapping round), with what was chosen on it; step 1."""
        if not self.cases:
            return
        self._build_answers()
        if self.built_case is not None:
            self.drafts[self.current.id] = self.answer()
        self.position = position % len(self.cases)
        self.built_case = self.current.id
        self._restore()
        self._render_case()
        self.picker.show(self.position)
        self.steps.go(STEPS[0], focus=False)

    @property
    def boxes(self) -> dict[str, dict[str, Any]]:
        """The checkboxes per answer element and item id."""
        self._build_answers()
        return {element: checklist.boxes for element, checklist in self.checklists.items()}

    @property
    def last_score(self) -> Any:
        """The last check of the case shown (None before a check)."""
        return self.scores.get(self.current.id) if self.cases else None

    @property
    def current(self) -> Any:
        return self.cases[self.position]

    # --- building -----------------------------------------------------------------------------

    def _build_answers(self) -> None:
        """Make the picker and the answer inputs (once): ~120 widgets the first page does not need."""
        if self.built:
            return
        import ipywidgets as widgets

        shell, kb = self.shell, self.kb
        self.built_case = None
        yes_no = lambda: widgets.ToggleButtons(options=[("", True), ("", False), ("", None)], value=None, style={"description_width": "initial"})  # noqa: E731
        self.verdict, self.minor = yes_no(), yes_no()
        self.verdict.add_class("kit-verdict")
        self.minor.add_class("kit-minor")
        for toggle in (self.verdict, self.minor):
            toggle.observe(shell.guard(lambda _: self._mark_steps()), names="value")
        indicator_groups = {indicator.group for indicator in kb.indicators}
        group_order = [g for g in INDICATOR_GROUPS if g in indicator_groups] + sorted(indicator_groups - set(INDICATOR_GROUPS))
        sectors = [s for s in SECTORS if any(a.sector == s for a in kb.actors)] + sorted({a.sector for a in kb.actors} - set(SECTORS))
        changed = shell.guard(self._mark_steps)
        self.checklists = {
            "act": Checklist(shell, "act", [(t.id, None) for t in kb.palermo_terms if t.element == "act"], changed),
            "means": Checklist(shell, "means", [(t.id, None) for t in kb.palermo_terms if t.element == "means"], changed),
            "purpose": Checklist(shell, "purpose", [(f.id, None) for f in kb.forms], changed),
            "indicators": Checklist(shell, "indicators", [(i.id, i.group) for group in group_order
                                                          for i in kb.indicators if i.group == group], changed),
            "first_referrals": Checklist(shell, "first_referrals", [(a.id, a.sector) for sector in sectors
                                                                    for a in kb.actors if a.sector == sector], changed),
        }
        self.check = widgets.Button(button_style="primary", icon="check")
        self.check.add_class("kit-check")
        self.check.on_click(shell.guard(lambda _: self.check_answer()))
        self.check_message = widgets.HTML()
        self.check_message.add_class("kit-check-message")
        self._nothing_chosen = False
        check_row = widgets.Box([self.check, shell.save_state(), self.check_message])
        check_row.add_class("kit-check-row")
        self.result_heading = focus_heading()  # the score, where the focus lands after Check
        self.result_heading.add_class("kit-result-heading")
        self.result_heading.layout.display = "none"
        self.result = widgets.HTML()
        self.result.add_class("kit-result")
        bodies = {
            "verdict": widgets.VBox([self.verdict, self.minor]),
            **{element: checklist.widget for element, checklist in self.checklists.items()},
            "check": widgets.VBox([check_row, self.result_heading, self.result]),
        }
        for step, body in bodies.items():
            body.add_class(f"kit-step-{step.replace('_', '-')}")
        self.steps = StepNavigator(shell, bodies)
        self.picker = CasePicker(shell, self.cases, shell.guard(self.go))
        self.case_area.children = [self.picker.widget, self.card, self.lead.key, self.steps.widget]
        self.built = True
        self._relabel_answers(shell.lang)
        self._render_lead()

    def _reveal(self) -> None:
        """The participant has read the content note: show the case and move the focus to it."""
        self.go(self.position)
        focus_when_shown(self.case_title)

    # --- drawing ------------------------------------------------------------------------------

    def _restore(self) -> None:
        """The case's unsaved draft, else the participant's stored answer (with the feedback it
        got), else a blank answer."""
        if not self.cases or not self.built:
            return
        case_id = self.current.id
        if case_id in self.drafts:
            self.set_answer(self.drafts[case_id])
        else:
            stored = self.shell.restored().get(case_id) or {}
            self.set_answer(stored)
            if stored and case_id not in self.scores:
                self.scores[case_id] = score_answer(self.current, self.answer())
        self._show_result()

    def _participant_changed(self) -> None:
        """A pseudonym was typed: bring back its stored answers, but never over choices already
        made on the case shown (a participant may answer first and type the pseudonym when asked)."""
        if not self.built or not self.cases:
            return
        answer = self.answer()
        if any(value not in (None, []) for value in answer.values()):
            return
        self._restore()

    # --- the room's trainer ----------------------------------------------------------------------

    def _follow(self, state: Any) -> None:
        """The trainer changed the room's lead: move to the room's case (keeping every answer and
        draft), or back to self-paced work when the trainer stopped leading."""
        if self.lead.leading:
            position = room_case(self.cases, self.base_ids, self.case_seeds, state.base_item, state.seed)
            if position is None:
                case = make_room_case(state.base_item, state.seed)
                position = None if case is None else self._add_case(case, state.base_item, state.seed)
            if position is not None and position != self.position:
                if self.built:
                    self.go(position)
                    focus_when_shown(self.case_title)  # everyone's eyes go to the new case
                else:
                    self.position = position  # opening the material lands on it
            self._following = position is not None
        elif self._following:
            self._following = False
            self.shell.say("lead.self_paced", "info")
        self._render_lead()

    def _add_case(self, case: Any, base_item: str, seed: str | None) -> int:
        """Add the room's case to this page's cases (a case outside the page's set); its position."""
        self.cases.append(case)
        self.base_ids[case.id] = base_item
        self.case_seeds[case.id] = seed
        if self.built:
            self.picker.add_case(case)
        return len(self.cases) - 1

    def _render_lead(self) -> None:
        """The banner, the picker (hidden while the room is led), Check and the key as the lead is now."""
        led = self.lead.leading and self._following
        if self.built:
            self.picker.widget.layout.display = "none" if led else None
            self.check.disabled = self.lead.answering_closed
            self._render_check_message()
        self.lead.render(self.current if led and self.cases else None, self.built)

    def _render_check_message(self) -> None:
        if self.lead.answering_closed:
            self.check_message.value = (f'<div role="status" class="kit-message kit-message-info kit-lead-closed" style="color:#333">'
                                        f'{html.escape(self.shell.ui("lead.check_closed"))}</div>')
            return
        text = self.shell.ui("classifier.nothing_chosen") if self._nothing_chosen else ""
        self.check_message.value = (f'<div role="alert" class="kit-message kit-message-problem" style="color:#8a1c1c">'
                                    f'<span aria-hidden="true">✗</span> {html.escape(text)}</div>') if text else ""

    def _mark_steps(self) -> None:
        if not self.built:
            return
        if self._nothing_chosen and (self.verdict.value is not None or any(c.chosen for c in self.checklists.values())):
            self._nothing_chosen = False  # something is chosen now: the request has been met
            self._render_check_message()
        done = {"verdict"} if self.verdict.value is not None else set()
        done |= {element for element, checklist in self.checklists.items() if checklist.chosen}
        if self.last_score is not None:
            done.add("check")
        self.steps.mark(done)

    def _render_case(self) -> None:
        if not self.cases:
            self.narrative.value = f"<p>{html.escape(self.shell.ui('classifier.no_cases', case_set=self.case_set))}</p>"
            return
        self.case_title.value = case_title(self.current, self.shell.lang)
        self.narrative.value = case_narrative_html(self.current, self.shell.lang)

    def _show_result(self) -> None:
        score, lang = self.last_score, self.shell.lang
        if score is None:
            self.result_heading.layout.display = "none"
            self.result.value = ""
            return
        case = self.current
        screening = screen(self.checklists["indicators"].chosen, minor=self.minor.value)
        self.result_heading.value = score_text(score, self.kb, lang)
        self.result_heading.layout.display = None
        self.result.value = feedback_html(
            score, self.kb, lang, teaching_note=case.teaching_note.get(lang), with_score=False,
            teaching_sources=[ref.label(lang) for ref in case.teaching_refs], screening_lines=screening.explanation(lang),
            contested=case.contested.get(lang) if case.contested is not None else "")
        self._mark_steps()

    def _relabel(self, lang: str) -> None:
        ui = self.shell.ui
        self.title.value = f"<h2>{html.escape(ui('classifier.title'))}</h2><p>{html.escape(ui('classifier.intro'))}</p>"
        if self.built:
            self._relabel_answers(lang)
            self._render_case()
            self._show_result()
        self._render_lead()

    def _relabel_answers(self, lang: str) -> None:
        kb, ui = self.kb, self.shell.ui
        choices = [ui("app.yes"), ui("app.no"), ui("app.unsure")]
        for toggle, key in ((self.verdict, "classifier.verdict"), (self.minor, "classifier.minor")):
            value = toggle.value  # changing the options must not lose the learner's choice
            toggle.description = ui(key)
            toggle.options = list(zip(choices, (True, False, None)))
            toggle.value = value
        terms = {t.id: t.label.get(lang) for t in kb.palermo_terms}
        self.checklists["act"].relabel({i: terms[i] for i in self.checklists["act"].boxes})
        self.checklists["means"].relabel({i: terms[i] for i in self.checklists["means"].boxes})
        self.checklists["purpose"].relabel({f.id: f.label.get(lang) for f in kb.forms})
        self.checklists["indicators"].relabel({i.id: i.question.get(lang) for i in kb.indicators},
                                              {g: self._group_label(g) for g in self.checklists["indicators"].groups})
        self.checklists["first_referrals"].relabel({a.id: a.name.get(lang) for a in kb.actors},
                                                   {s: self._group_label(s) for s in self.checklists["first_referrals"].groups})
        self.check.description = ui("classifier.check")
        self._render_check_message()

    def _group_label(self, group: str | None) -> str:
        """A short name for a group of indicators or actors (the kit's value label for a new one)."""
        key = f"classifier.group.{group}"
        return self.shell.ui(key) if key in self.kb.ui_strings else self.kb.ui(f"value.{group}", self.shell.lang).capitalize()

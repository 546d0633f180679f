"""The case classifier without a browser: steps, the case picker, no score without a pseudonym,
feedback grouped by element without repeats or raw values, and a language switch that re-renders."""

from __future__ import annotations

import re

import pytest

RAW = re.compile(r"[a-z]+_[a-z_]+|\bNone\b|\bNaN\b|\(none\)")
QUOTED = re.compile(r"[“”]([^“”]+)”")


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A scratch answer database and a page address without a participant."""
    monkeypatch.setenv("STROM_KIT_DB", f"sqlite:///{tmp_path / 'answers.sqlite'}")
    monkeypatch.setenv("QUERY_STRING", "lang=en")


@pytest.fixture
def app(scratch):
    from kit.apps.classifier import CaseClassifier

    classifier = CaseClassifier(case_set="all")
    classifier._reveal()
    return classifier


def key_answer(case) -> dict:
    truth = case.truth
    return {"trafficking": truth.trafficking, "minor": truth.minor, "act": list(truth.act), "means": list(truth.means),
            "purpose": list(truth.purpose), "forms": list(truth.forms), "indicators": list(truth.indicators),
            "first_referrals": list(truth.first_referrals)}


def all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from all_widgets(child)


# --- steps ------------------------------------------------------------------------------------


def test_one_step_at_a_time_with_progress_a_step_list_and_previous_next(app):
    from kit.apps.classifier_steps import STEPS

    steps = app.steps
    assert steps.step == "verdict" and steps.heading.value == "Step 1 of 7: Verdict"
    assert list(steps.body.children) == [steps.bodies["verdict"]] and app.minor in all_widgets(steps.body)
    assert steps.previous.disabled and steps.previous.layout.display == "none" and not steps.next.disabled
    steps.next.click()
    steps.next.click()
    assert steps.step == "means" and steps.heading.value == "Step 3 of 7: Means"
    assert list(steps.body.children) == [app.checklists["means"].widget]
    steps.list.value = "first_referrals"  # a tap in the step list jumps
    assert steps.heading.value == "Step 6 of 7: First referrals" and list(steps.body.children) == [app.checklists["first_referrals"].widget]
    steps.list.value = "check"
    assert steps.next.disabled and steps.next.layout.display == "none" and not steps.previous.disabled
    assert app.check in all_widgets(steps.body) and steps.previous.layout.display is None
    steps.previous.click()
    assert steps.step == STEPS[-2]
    assert [label for label, _ in steps.list.options] == ["1. Verdict", "2. Act", "3. Means", "4. Purpose and form",
                                                           "5. Indicators", "6. First referrals", "7. Check"]
    with pytest.raises(ValueError):
        steps.go("no_such_step")


def test_steps_with_an_answer_are_ticked_in_the_step_list_and_said_in_words(app):
    app.verdict.value = True
    app.checklists["means"].boxes["deception"].value = True
    assert app.steps.list.icons == ("check", "", "check", "", "", "", "")
    assert app.steps.list.tooltips[2] == "Step 3: Means – answered" and app.steps.list.tooltips[1] == "Step 2: Act"


def test_a_new_case_starts_at_the_first_step_and_choices_not_checked_are_kept_per_case(app):
    app.steps.go("means")
    app.checklists["means"].boxes["fraud"].value = True
    first = app.current.id
    app.picker.next.click()
    assert app.current.id != first and app.steps.step == "verdict" and app.checklists["means"].chosen == []
    app.picker.previous.click()
    assert app.current.id == first and app.checklists["means"].chosen == ["fraud"]


def test_no_ctrl_multi_select_and_every_checkbox_keeps_its_class(app, kb):
    import ipywidgets as widgets

    assert not [w for w in all_widgets(app.widget) if isinstance(w, widgets.SelectMultiple)]
    for checklist in app.checklists.values():
        assert not [w for w in all_widgets(checklist.widget) if isinstance(w, widgets.SelectMultiple)]
    referrals = app.checklists["first_referrals"]
    assert set(referrals.boxes) == {actor.id for actor in kb.actors}
    assert "kit-first_referrals-local_police" in referrals.boxes["local_police"]._dom_classes
    assert "kit-indicators-age_general" in app.checklists["indicators"].boxes["age_general"]._dom_classes
    assert "Ctrl" not in str([w.value for w in all_widgets(app.widget) if isinstance(w, widgets.HTML)])


def test_grouped_checklists_show_one_group_and_count_the_choices_in_each(app, kb):
    referrals = app.checklists["first_referrals"]
    assert [label for label, _ in referrals.switcher.options][:2] == ["Municipality and region", "State"]
    assert list(referrals.body.children) == [referrals.boxes[a.id] for a in kb.actors if a.sector == "municipal"]
    referrals.switcher.value = "state"
    assert all(kb.get("actors", box._dom_classes[0].split("-", 2)[2]).sector == "state" for box in referrals.body.children)
    referrals.boxes["local_police"].value = True
    assert ("State (1)", "state") in referrals.switcher.options and referrals.switcher.value == "state"
    assert "You have chosen 1: Local police." in referrals.chosen_line.value
    assert app.answer()["first_referrals"] == ["local_police"]


# --- the case picker -------------------------------------------------------------------------


def test_filters_by_form_difficulty_and_country():
    from kit.apps.case_picker import filter_cases
    from kit.apps.classifier import select_cases

    cases = select_cases("all")
    begging = filter_cases(cases, form="forced_begging")
    assert begging and all("forced_begging" in cases[i].truth.forms or "forced_begging" in cases[i].resembles for i in begging)
    assert any(not cases[i].truth.trafficking for i in begging)  # look-alikes of a form are found under it
    hard = filter_cases(cases, difficulty="3")
    assert hard and {cases[i].difficulty for i in hard} == {3}
    assert filter_cases(cases, difficulty=3) == hard
    norway = filter_cases(cases, country="NO")
    assert norway and {cases[i].setting.country for i in norway} == {"NO"}
    both = filter_cases(cases, form="forced_labour", difficulty="2")
    assert set(both) == set(filter_cases(cases, form="forced_labour")) & set(filter_cases(cases, difficulty="2"))
    assert filter_cases(cases) == list(range(len(cases)))


def test_the_picker_offers_labels_moves_within_the_filter_and_keeps_the_case_when_nothing_matches(app):
    picker = app.picker
    labels = [label for box in (picker.form, picker.difficulty, picker.country, picker.case_list) for label, _ in box.options]
    assert not [label for label in labels if RAW.search(label)], labels
    assert ("United Kingdom", "GB") in picker.country.options and ("Hard", "3") in picker.difficulty.options
    assert picker.case_list.options[0][0].startswith("1. ") and picker.previous.disabled
    picker.form.value = "forced_begging"
    matching = picker.matching
    assert app.position == matching[0] and "forced_begging" in app.current.truth.forms + app.current.resembles
    assert picker.message.value.count("Case 1 of the") == 1 and picker.previous.disabled and not picker.next.disabled
    picker.next.click()
    assert app.position == matching[1]
    picker.case_list.value = matching[-1]  # picked by its title
    assert app.position == matching[-1] and picker.next.disabled
    shown = app.current.id
    picker.set_filters(form="organ_removal", difficulty="1", country="NO")
    assert picker.matching == [] and "No case matches" in picker.message.value and app.current.id == shown
    assert picker.previous.disabled and picker.next.disabled
    picker.set_filters()
    assert len(picker.matching) == len(app.cases) and app.current.id == shown


def test_a_language_switch_relabels_the_picker_and_keeps_the_filters(app):
    picker = app.picker
    picker.difficulty.value = "1"
    app.shell.set_language("sv")
    assert picker.difficulty.value == "1" and ("Lätt", "1") in picker.difficulty.options
    assert picker.form.description == "Form" and picker.country.options[0][0] == "Alla länder"
    assert picker.next.description == "Nästa fall" and app.steps.heading.value == "Steg 1 av 7: Bedömning"


# --- check --------------------------------------------------------------------------------------


def test_no_score_without_a_pseudonym_and_the_choices_stay(app):
    from kit.store import open_store

    app.verdict.value = True
    app.checklists["means"].boxes["deception"].value = True
    app.steps.go("check")
    assert app.check_answer() is None
    assert app.result.value == "" and app.last_score is None
    assert "first type a pseudonym" in app.shell._save_states[0].value and "first type a pseudonym" in app.shell.status.value
    assert app.shell._save_states[0] in app.steps.bodies["check"].children[0].children  # beside the Check button
    app.shell.pseudonym.value = "Lina"
    assert app.verdict.value is True and app.checklists["means"].chosen == ["deception"]  # typing the name lost nothing
    score = app.check_answer()
    assert score is not None and app.result_heading.value == f"Score: {round(score.total * 100)}%"
    assert "Saved" in app.shell._save_states[0].value
    assert open_store().latest("lina", "classifier", app.current.id) is not None


def test_a_check_with_nothing_chosen_asks_for_an_answer_and_reveals_nothing(app):
    app.shell.pseudonym.value = "Ada"
    assert app.check_answer() is None and app.result.value == "" and app.last_score is None
    assert "You have not chosen anything yet" in app.check_message.value and "Saved" not in app.shell._save_states[0].value
    app.shell.set_language("sv")
    assert "Du har inte valt något ännu" in app.check_message.value
    app.verdict.value = False  # an answer: the request goes away, and a check is scored
    assert app.check_message.value == "" and app.check_answer() is not None


def test_feedback_rows_sign_words_and_language_switch(app):
    app.shell.pseudonym.value = "Ada"
    case = app.current
    answer = key_answer(case)
    answer["means"] = [*answer["means"][:1], "fraud"] if "fraud" not in answer["means"] else answer["means"][:1]
    app.set_answer(answer)
    app.minor.value = not case.truth.minor
    app.check_answer()
    result = app.result.value
    assert result.count('class="kit-feedback-row ') == 7
    assert "✓</span> <strong>Verdict: right (100%)" in result and "✗</span> <strong>Minor: not right (0%)" in result
    assert "◐</span> <strong>Means: partly right" in result and "Purpose and form of exploitation: right (100%)" in result
    assert result.index("Element by element") < result.index("Explanation") < result.index("Screening aid")
    app.shell.set_language("sv")
    assert "Bedömning: rätt (100 %)" in app.result.value and "Poäng:" in app.result_heading.value
    assert "Förklaring" in app.result.value and "Element by element" not in app.result.value


def test_after_check_a_reload_brings_back_the_answer_and_its_feedback(scratch, monkeypatch):
    from kit.apps.classifier import CaseClassifier

    monkeypatch.setenv("QUERY_STRING", "lang=en&participant=Owl")
    first = CaseClassifier(case_set="seed")
    first._reveal()
    first.verdict.value = True
    first.check_answer()
    again = CaseClassifier(case_set="seed")
    again._reveal()
    assert again.verdict.value is True and again.result_heading.value == first.result_heading.value
    assert again.steps.list.icons[-1] == "check"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_feedback_for_every_case_groups_lines_without_repeats_or_raw_values(kb, lang):
    from kit.apps.classifier import select_cases
    from kit.apps.feedback_view import RECONSIDER, ROWS, feedback_html, feedback_rows
    from kit.cases.scoring import score_answer
    from kit.cases.screening import screen

    for case in select_cases("all"):
        for answer in (key_answer(case), {}, {**key_answer(case), "purpose": ["organ_removal"], "forms": ["organ_removal"]}):
            score = score_answer(case, answer)
            rows = feedback_rows(score, lang)
            assert [row.key for row in rows if row.key != RECONSIDER] == [key for key, _ in ROWS]
            assert RECONSIDER not in [row.key for row in rows[:-1]]  # remarks on the whole come after the elements
            lines = [message for row in rows for message, _ in row.lines]
            assert len(lines) == len(set(lines)), f"{case.id}: a line repeats"
            for row in rows:  # "Purpose: you missed X" and "Forms: you missed X" are one remark under one row
                named = [name for message, _ in row.lines for name in QUOTED.findall(message)]
                assert len(named) == len(set(named)), f"{case.id}: {row.key} names an item twice: {named}"
            text = feedback_html(score, kb, lang, teaching_note=case.teaching_note.get(lang),
                                 teaching_sources=[ref.label(lang) for ref in case.teaching_refs],
                                 screening_lines=screen(answer.get("indicators", []), minor=answer.get("minor")).explanation(lang))
            found = RAW.findall(text)
            assert not found, f"{case.id} ({lang}): {found}"
            if answer == key_answer(case):
                assert all(row.status == "right" for row in rows) and "✗" not in text
            if not answer:
                assert rows[0].status == "blank" and "✓" not in text.split("kit-feedback-row")[1]


def test_purpose_and_forms_are_one_row_with_each_remark_once(kb):
    from kit.apps.classifier import select_cases
    from kit.apps.feedback_view import feedback_rows
    from kit.cases.scoring import score_answer

    case = next(c for c in select_cases("all") if c.truth.purpose)
    wrong = next(f.id for f in kb.forms if f.id not in case.truth.purpose)
    score = score_answer(case, {"purpose": [wrong], "forms": [wrong]})
    purpose = next(row for row in feedback_rows(score, "en") if row.key == "purpose")
    name = kb.get("forms", wrong).label.en
    assert sum(name in message for message, _ in purpose.lines) == 1
    assert purpose.status == "wrong"


def test_a_verdict_that_contradicts_ones_own_elements_is_a_remark_of_its_own_not_under_a_right_verdict(kb):
    from kit.apps.classifier import select_cases
    from kit.apps.feedback_view import RECONSIDER, feedback_html, feedback_rows
    from kit.cases.scoring import score_answer

    case = next(c for c in select_cases("all") if c.truth.trafficking and not c.truth.minor)
    score = score_answer(case, {"trafficking": True, "minor": False, "act": [], "means": [], "purpose": []})
    rows = feedback_rows(score, "en")
    assert rows[0].key == "trafficking" and rows[0].status == "right"
    assert not [m for m, _ in rows[0].lines if "contradict" in m]
    assert rows[-1].key == RECONSIDER and any("contradict" in m for m, _ in rows[-1].lines)
    assert '!</span> <strong>Worth a second look</strong>' in feedback_html(score, kb, "en")

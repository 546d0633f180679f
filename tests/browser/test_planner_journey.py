"""A participant's journey through the NRM planner (chapter 5) in a real browser, with real input only
(touch and swipes on a 390×844 phone, the mouse, wheel and keys on a 1366×768 laptop): open the plan
behind the content note, be refused a check without a pseudonym (said beside the button), tick a
condition from a folded checkbox list, check (the focus lands on what was found, every value in
words), add and delete a step on the phone, switch language (everything on screen follows), play
the scenario, reload and find the plan again."""

from __future__ import annotations

import pytest

from support.person import LAPTOP, PHONE, Person

pytestmark = pytest.mark.slow
CHAPTER_5 = "/voila/render/05_assisting_victims.ipynb"







def opened(person: Person) -> None:
    """Through the content note to the plan editor, its first step drawn to the end."""
    page = person.page
    person.tap(page.locator(".kit-note-ok"))
    page.wait_for_selector(".kit-plan-step-1 .kit-step-conditions .kit-checklist-toggle", timeout=30_000)
    page.wait_for_timeout(1000)


def test_phone_refused_without_pseudonym_then_a_condition_is_found_in_words(browser, served_with_db):
    base, db_url = served_with_db
    person = Person(browser, PHONE)
    page = person.page
    try:
        person.open(base + CHAPTER_5, ".kit-planner .kit-pseudonym input")
        opened(person)
        person.screenshot("planner_phone_sv_step")
        person.looks_right("sv")
        # no pseudonym: the check is refused beside its button, nothing is found or saved
        person.tap(page.locator(".kit-validate"))
        page.wait_for_function("document.querySelector('.kit-planner-check-row .kit-save-state').innerText.includes('Inte sparat')",
                               timeout=15_000)
        assert page.locator(".kit-findings-line").is_hidden()
        person.wait_focus_in("kit-pseudonym")
        person.type("Lina")
        person.press("Enter")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Lina')", timeout=15_000)

        # a condition from the folded list, ticked by touch; the summary names it in words
        person.tap(page.locator(".kit-plan-step-1 .kit-step-conditions .kit-checklist-toggle"))
        option = page.locator(".kit-plan-step-1 .kit-option-cooperation-with-police")
        option.wait_for(timeout=15_000)
        assert option.bounding_box()["height"] >= 44
        person.tap(option.locator("span").first)
        page.wait_for_function("document.querySelector('.kit-plan-step-1 .kit-step-conditions .kit-checklist-summary')"
                               ".innerText.includes('Kräver samarbete med polisen')", timeout=15_000)
        person.screenshot("planner_phone_sv_conditions")
        person.looks_right("sv")

        person.tap(page.locator(".kit-validate"))
        person.wait_focus_in("kit-findings-line")  # the focus (and the screen) goes to what was found
        assert person.in_view(page.locator(".kit-findings-line"))
        assert page.inner_text(".kit-findings-line").startswith("✗ Planen har kontrollerats")
        page.wait_for_function("document.querySelector('.kit-planner-check-row .kit-save-state').innerText.includes('Sparat')",
                               timeout=15_000)
        findings = page.inner_text(".kit-findings")
        assert "kräver samarbete med polisen" in findings and "Bryter mot en princip" in findings and "Att se över" in findings
        lines = page.locator(".kit-finding .kit-finding-text").all_inner_texts()
        assert len(lines) == len(set(lines))  # no line twice
        person.screenshot("planner_phone_sv_findings")
        person.reach(page.locator(".kit-finding").last)  # the end of the findings, by swipe
        person.screenshot("planner_phone_sv_findings_end")
        person.looks_right("sv")

        # a second step, then deleted by its own button, reached by swipe
        person.tap(page.locator(".kit-add-step"))
        page.wait_for_selector(".kit-plan-step-2 .kit-step-conditions .kit-checklist-toggle", timeout=15_000)
        remove = page.locator(".kit-plan-step-2 .kit-remove-step")
        person.tap(remove)
        page.wait_for_selector(".kit-plan-step-2", state="detached", timeout=15_000)
        assert page.locator(".kit-plan-step").count() == 1

        # English: the findings, their line and the save state follow; the ticked condition stays
        person.tap(page.locator(".kit-lang-switch button", has_text="English"))
        page.wait_for_function("document.querySelector('.kit-findings-line').innerText.includes('The plan has been checked')",
                               timeout=15_000)
        assert "requires cooperation with the police" in page.inner_text(".kit-findings")
        assert "Saved" in page.inner_text(".kit-planner-check-row .kit-save-state")
        assert "Requires cooperation with the police" in page.inner_text(".kit-plan-step-1 .kit-step-conditions .kit-checklist-summary")
        person.reach(page.locator(".kit-findings-line"))
        person.screenshot("planner_phone_en_findings")
        person.looks_right("en")
    finally:
        person.close()

    from kit.store import open_store, pseudonym_key

    stored = open_store(db_url).progress(pseudonym_key("Lina"), "nrm_planner")
    assert len(stored) == 1 and next(iter(stored.values())).answer["steps"][0]["conditions"] == ["cooperation_with_police"]


def test_laptop_model_plan_scenario_language_switch_and_reload(browser, served_with_db):
    base, _ = served_with_db
    person = Person(browser, LAPTOP)
    page = person.page
    try:
        person.open(base + CHAPTER_5 + "?lang=en&participant=Owl 5", ".kit-planner .kit-pseudonym input")
        opened(person)
        person.tap(page.locator(".kit-add-step"))
        page.wait_for_selector(".kit-plan-step-2 .kit-step-conditions .kit-checklist-toggle", timeout=15_000)
        person.tap(page.locator(".kit-validate"))
        person.wait_focus_in("kit-findings-line")
        person.tap(page.locator(".kit-show-model"))
        page.wait_for_selector(".kit-model-steps li", timeout=15_000)
        person.tap(page.locator(".kit-start-scenario"))
        person.wait_focus_in("kit-event-line")
        assert page.inner_text(".kit-event-line").startswith("Day ")

        person.tap(page.locator(".kit-respond"))  # nothing chosen: asked for a choice, nothing decided
        person.wait_focus_in("kit-response-hint")
        assert "Choose a response first" in page.inner_text(".kit-response-hint")
        assert page.locator(".kit-decision").count() == 0
        person.tap(page.locator(".kit-response .widget-radio-box label").first)
        person.tap(page.locator(".kit-respond"))
        page.wait_for_selector(".kit-decision", timeout=15_000)
        person.wait_focus_in("kit-event-line")
        log = page.inner_text(".kit-scenario-log")
        assert "Your decisions" in log and "Good decisions:" in log
        assert page.locator(".kit-decision .kit-sign").first.inner_text() in {"✓", "⚠", "✗"}
        person.screenshot("planner_laptop_en_scenario", full_page=True)
        person.looks_right("en")

        # Swedish: findings, model plan, event, decisions and outcome all follow
        person.tap(page.locator(".kit-lang-switch button", has_text="Svenska"))
        page.wait_for_function("document.querySelector('.kit-scenario-log').innerText.includes('Dina beslut')", timeout=15_000)
        assert "Planen har kontrollerats" in page.inner_text(".kit-findings-line")
        assert "Modellplan" in page.inner_text(".kit-model-plan")
        assert "Bra beslut:" in page.inner_text(".kit-scenario-log")
        assert page.inner_text(".kit-event-line").startswith(("Dag ", "Scenariot är slut"))
        assert person.html_lang() == "sv"
        person.screenshot("planner_laptop_sv_scenario", full_page=True)
        person.looks_right("sv")
    finally:
        person.close()

    again = Person(browser, LAPTOP)
    try:
        again.open(base + CHAPTER_5 + "?lang=en&participant=owl 5", ".kit-planner .kit-pseudonym input")  # case folded
        opened(again)
        again.page.wait_for_selector(".kit-plan-step-2", timeout=15_000)  # both saved steps came back
    finally:
        again.close()

"""Journeys through the quiz and the NRM planner in a real browser: answer, see feedback, reload,
find the answer again. The mapping simulator's journey is in test_mapping_journey.py, the
dashboard's in test_dashboard_journey.py."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def open_app(recording, kit_server, notebook, selector, participant):
    tab = recording()
    tab.open(f"{kit_server}/voila/render/{notebook}.ipynb?lang=en&participant={participant}", selector)
    return tab


def test_quiz_journey(recording, kit_server, kb):
    first, second = kb.situations[0], kb.situations[1]
    tab = open_app(recording, kit_server, "01_principles", ".kit-quiz", "Quiz 1")
    page = tab.page
    card = page.locator(".kit-quiz-card")
    card.locator("select").select_option(label=kb.get("principles", first.principle).name.en)
    card.locator(".kit-quiz-relation button", has_text="Breaches" if first.relation == "breaches" else "Follows").click()
    card.locator(".kit-quiz-check").click()
    page.wait_for_function("document.querySelector('.kit-quiz-feedback').innerText.includes('Right')", timeout=15_000)
    tab.screenshot("quiz_feedback")
    page.locator(".kit-quiz-next").click()
    # the next situation, with no feedback carried over from the first
    page.wait_for_function(f"document.querySelector('.kit-quiz-text').innerText.includes({second.text.en[:40]!r})"
                           " && document.querySelector('.kit-quiz-feedback').innerText.trim() === ''", timeout=15_000)
    again = open_app(recording, kit_server, "01_principles", ".kit-quiz", "Quiz 1")
    again.page.wait_for_function("document.querySelector('.kit-quiz-feedback').innerText.includes('Right')", timeout=15_000)
    assert again.page.locator(".kit-quiz-situations button").first.get_attribute("title") == "Situation 1: checked"
    assert not tab.external() and not again.external()


def test_planner_journey(recording, kit_server):
    tab = open_app(recording, kit_server, "05_assisting_victims", ".kit-planner", "Planner 1")
    page = tab.page
    page.click(".kit-note-ok")
    page.wait_for_selector(".kit-plan-step-1", timeout=15_000)
    page.click(".kit-add-step")
    page.wait_for_selector(".kit-plan-step-2", timeout=15_000)
    page.click(".kit-validate")
    page.wait_for_function("document.querySelector('.kit-findings').innerText.includes('errors')", timeout=15_000)
    assert "informed consent" in page.inner_text(".kit-findings")
    page.click(".kit-show-model")
    page.wait_for_selector("table", timeout=15_000)
    page.click(".kit-start-scenario")
    page.wait_for_selector(".kit-response input[type=radio]", timeout=15_000)
    page.locator(".kit-response input[type=radio]").first.check()
    page.click(".kit-respond")
    page.wait_for_function("document.body.innerText.includes('Good decisions')", timeout=15_000)
    tab.screenshot("planner_scenario")
    again = open_app(recording, kit_server, "05_assisting_victims", ".kit-planner", "Planner 1")
    again.page.click(".kit-note-ok")
    again.page.wait_for_selector(".kit-plan-step-2", timeout=15_000)  # both saved steps came back
    assert not tab.external() and not again.external()

"""A participant's journey in the classifier, in a real browser: answer, feedback, reload, restore;
then the trainer's dashboard shows the answer."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow
CLASSIFIER = "/voila/render/02_what_is_trafficking.ipynb"


def open_classifier(tab, kit_server, query=""):
    return tab.open(kit_server + CLASSIFIER + query, ".kit-classifier .kit-pseudonym input")


def test_answer_feedback_reload_restore_and_dashboard(recording, kit_server):
    tab = recording()
    page = open_classifier(tab, kit_server)
    assert "Vad är människohandel?" in page.inner_text(".kit-lesson-page h1")
    page.fill(".kit-pseudonym input", "Deltagare 3")
    page.press(".kit-pseudonym input", "Enter")
    page.click(".kit-note-ok")
    page.wait_for_selector(".kit-case-card h3", timeout=15_000)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.querySelector('.kit-lesson-page h1').innerText.includes('What is trafficking')", timeout=15_000)
    page.locator(".kit-verdict button", has_text="Yes").click()
    page.check(".kit-means-deception input[type=checkbox]")
    page.check(".kit-act-recruitment input[type=checkbox]")
    page.click(".kit-check")
    page.wait_for_selector(".kit-result h4", timeout=15_000)
    result = page.inner_text(".kit-result")
    assert "Score:" in result and "Feedback" in result and "Screening support, not a legal determination" in result
    page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Saved')", timeout=10_000)
    tab.screenshot("classifier_feedback")

    again = recording()  # a reload: a fresh page and kernel
    page = open_classifier(again, kit_server, "?lang=en")
    page.fill(".kit-pseudonym input", "Deltagare 3")
    page.press(".kit-pseudonym input", "Enter")
    page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Welcome back')", timeout=15_000)
    page.click(".kit-note-ok")
    page.wait_for_selector(".kit-case-card h3", timeout=15_000)
    assert page.is_checked(".kit-means-deception input[type=checkbox]")
    assert "mod-active" in (page.locator(".kit-verdict button", has_text="Yes").get_attribute("class") or "")

    board = recording()
    board.open(kit_server + "/voila/render/trainer_dashboard.ipynb?lang=en", ".kit-room-summary")
    # Other journeys share the server's database: the room has this participant and maybe others.
    board.page.wait_for_function("/[1-9][0-9]* participants/.test(document.querySelector('.kit-room-summary').innerText)", timeout=15_000)
    board.page.wait_for_selector(".kit-room table.kit-verdicts caption", timeout=15_000)
    board.screenshot("dashboard")
    for page_ in (tab, again, board):
        assert not page_.external(), page_.external()

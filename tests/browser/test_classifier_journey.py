"""A participant's journey in the classifier, in a real browser and with real input only (touch and
swipes on a 390×844 phone, keys and the wheel on a 1366×768 laptop): open the case behind the content
note (the focus lands on the case), pick a case with the filters, answer step by step (the focus lands
on each step's heading), be refused a check without a pseudonym (said beside the button, nothing lost),
check, read the feedback to its end, switch language, reload and find the answer and its feedback again."""

from __future__ import annotations

import pytest

from support.person import LAPTOP, PHONE, Person

pytestmark = pytest.mark.slow
CHAPTER_4 = "/voila/render/04_identification.ipynb"
CHAPTER_2 = "/voila/render/02_what_is_trafficking.ipynb"







def tap_step_button(person: Person, which: str, heading: str) -> None:
    """Tap Next/Previous step; the focus (and the screen) goes to the new step's heading."""
    person.tap(person.page.locator(f".kit-step-{which}"))
    person.page.wait_for_function(f"document.querySelector('.kit-step-heading').innerText.startsWith({heading!r})", timeout=15_000)
    person.wait_focus_in("kit-step-heading")
    assert person.in_view(person.page.locator(".kit-step-heading"))


def tick(person: Person, element: str, item: str) -> None:
    """Tap the label text of a checkbox row (the whole row is the label)."""
    box = person.page.locator(f".kit-{element}-{item}")
    person.tap(box.locator("span").first)
    person.page.wait_for_function(f"document.querySelector('.kit-{element}-{item} input').checked", timeout=10_000)


def test_phone_pick_answer_in_steps_refused_without_pseudonym_then_checked(browser, served_with_db):
    base, db_url = served_with_db
    person = Person(browser, PHONE)
    page = person.page
    try:
        person.open(base + CHAPTER_4, ".kit-classifier .kit-pseudonym input")
        person.tap(page.locator(".kit-note-ok"))
        page.wait_for_selector(".kit-case-title", timeout=30_000)
        person.wait_focus_in("kit-case-title", 30_000)  # the focus goes to the case, not the top of the page
        assert person.in_view(page.locator(".kit-case-title"))
        person.screenshot("classifier_phone_sv_case")
        person.looks_right("sv")

        # the picker: a form filter, then the next case among those that match
        person.choose(".kit-filter-form select", "Påtvingat tiggeri")
        page.wait_for_function("document.querySelector('.kit-picker-message').innerText.startsWith('Fall 1 av de')", timeout=15_000)
        first = page.inner_text(".kit-case-title")
        person.tap(page.locator(".kit-case-picker .kit-next"))
        page.wait_for_function(f"document.querySelector('.kit-case-title').innerText !== {first!r}", timeout=15_000)
        assert page.inner_text(".kit-picker-message").startswith("Fall 2 av de")
        person.screenshot("classifier_phone_sv_picker")

        # step 1: verdict and minor; only this step is on screen, with its place among the seven
        assert page.inner_text(".kit-step-heading") == "Steg 1 av 7: Bedömning"
        assert page.locator(".kit-choice").count() == 0
        person.tap(page.locator(".kit-verdict button", has_text="Ja"))
        person.tap(page.locator(".kit-minor button", has_text="Nej"))
        tap_step_button(person, "next", "Steg 2 av 7")
        tick(person, "act", "recruitment")
        tap_step_button(person, "next", "Steg 3 av 7")
        tick(person, "means", "deception")
        tap_step_button(person, "next", "Steg 4 av 7")
        tick(person, "purpose", "forced_begging")
        tap_step_button(person, "next", "Steg 5 av 7")
        person.tap(page.locator(".kit-groups button", has_text="Tiggeri och brott"))
        indicator = page.locator(".kit-indicators-forced_to_beg_or_commit_crimes")
        indicator.wait_for(timeout=10_000)
        text = indicator.locator("span").first
        assert text.evaluate("el => el.scrollWidth <= el.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis'")
        assert indicator.bounding_box()["height"] >= 44 and "?" in text.inner_text()  # the whole question, wrapped
        tick(person, "indicators", "forced_to_beg_or_commit_crimes")
        person.screenshot("classifier_phone_sv_indicators")
        person.looks_right("sv")
        tap_step_button(person, "next", "Steg 6 av 7")
        person.tap(page.locator(".kit-groups button", has_text="Staten"))
        tick(person, "first_referrals", "local_police")
        page.wait_for_function("document.querySelector('.kit-checklist-first_referrals .kit-chosen').innerText"
                               ".includes('Du har valt 1: Lokalpolisen.')", timeout=10_000)
        assert page.locator(".kit-groups button", has_text="Staten (1)").count() == 1
        person.screenshot("classifier_phone_sv_referrals")
        person.looks_right("sv")

        # step 7: Check refuses without a pseudonym, says why beside the button, keeps every choice
        tap_step_button(person, "next", "Steg 7 av 7")
        person.tap(page.locator(".kit-check"))
        page.wait_for_function("document.querySelector('.kit-check-row .kit-save-state').innerText.includes('Inte sparat')", timeout=15_000)
        assert page.locator(".kit-result-heading").is_hidden() and page.inner_text(".kit-result").strip() == ""
        person.screenshot("classifier_phone_sv_refused")
        assert "pseudonym" in page.inner_text(".kit-check-row .kit-save-state")
        person.wait_focus_in("kit-pseudonym")  # the refusal takes the participant to the pseudonym box, says why there too ...
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Inte sparat')", timeout=10_000)
        assert person.in_view(page.locator(".kit-status"))
        person.screenshot("classifier_phone_sv_refused_top")
        person.type("Deltagare 3")
        person.press("Enter")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Deltagare 3')", timeout=15_000)
        assert page.locator(".kit-steps button i.fa-check").count() == 6  # ... where typing loses none of the six answered steps
        person.tap(page.locator(".kit-check"))
        page.wait_for_selector(".kit-feedback", timeout=15_000)
        person.wait_focus_in("kit-result-heading")
        assert page.inner_text(".kit-result-heading").startswith("Poäng:")
        assert person.in_view(page.locator(".kit-result-heading"))
        page.wait_for_function("document.querySelector('.kit-check-row .kit-save-state').innerText.includes('Sparat')", timeout=15_000)
        rows = page.locator(".kit-feedback-row > strong").all_inner_texts()
        assert len(rows) == 7 and rows[0].startswith("Bedömning:") and rows[-1].startswith("Första kontakter:")
        signs = page.locator(".kit-feedback-row > .kit-sign").all_inner_texts()
        assert set(signs) <= {"✓", "✗", "◐"} and len(signs) == 7
        assert all(any(word in row for word in ("rätt", "inte besvarat")) for row in rows)  # said in words, not colour alone
        person.screenshot("classifier_phone_sv_feedback")
        person.reach(page.locator(".kit-feedback > ul:last-child > li").last)  # the end of the panel, by swipe
        person.screenshot("classifier_phone_sv_feedback_end")
        person.looks_right("sv")

        # a language switch re-renders everything on screen, the feedback included
        person.tap(page.locator(".kit-lang-switch button", has_text="English"))
        page.wait_for_function("document.querySelector('.kit-result-heading').innerText.startsWith('Score:')", timeout=15_000)
        page.wait_for_function("document.querySelector('.kit-step-heading').innerText === 'Step 7 of 7: Check'", timeout=15_000)
        assert page.inner_text(".kit-picker-message").startswith("Case 2 of the")
        assert "Element by element" in page.inner_text(".kit-result")
        assert person.html_lang() == "en"
        person.screenshot("classifier_phone_en_after_switch")
        person.looks_right("en")
    finally:
        person.close()

    from kit.store import open_store, pseudonym_key

    stored = open_store(db_url).progress(pseudonym_key("Deltagare 3"), "classifier")
    assert len(stored) == 1
    answer = next(iter(stored.values())).answer
    assert answer["trafficking"] is True and answer["first_referrals"] == ["local_police"] and answer["means"] == ["deception"]


def test_laptop_keyboard_journey_then_a_reload_restores_answer_and_feedback(browser, served_with_db):
    base, _ = served_with_db
    person = Person(browser, LAPTOP)
    page = person.page
    try:
        person.open(base + CHAPTER_2 + "?lang=en&participant=Owl 12", ".kit-classifier .kit-pseudonym input")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Owl 12')", timeout=30_000)
        person.tab_to(page.locator(".kit-note-ok"))
        person.press("Enter")
        person.wait_focus_in("kit-case-title", 30_000)
        person.screenshot("classifier_laptop_en_case")
        person.looks_right("en")
        person.tab_to(page.locator(".kit-verdict button", has_text="Yes"))
        person.press("Enter")
        page.wait_for_function("document.querySelector('.kit-verdict button.mod-active') !== null", timeout=10_000)
        person.tab_to(page.locator(".kit-step-next"))
        person.press("Enter")
        person.wait_focus_in("kit-step-heading")
        assert page.inner_text(".kit-step-heading") == "Step 2 of 7: Act"
        person.press("Tab")  # from the heading, the first choice of the step is one key away
        assert page.evaluate("document.activeElement.closest('.kit-act-recruitment') !== null")
        person.press(" ")
        page.wait_for_function("document.querySelector('.kit-act-recruitment input').checked", timeout=10_000)
        for _ in range(4):  # on to first contacts
            person.tab_to(page.locator(".kit-step-next"))
            person.press("Enter")
            person.wait_focus_in("kit-step-heading")
        assert page.inner_text(".kit-step-heading") == "Step 6 of 7: First referrals"
        presses = person.tab_to(page.locator(".kit-first_referrals-social_services"))
        assert presses <= 10, f"{presses} Tab presses from the heading to the first contact"
        person.press(" ")
        person.screenshot("classifier_laptop_en_referrals")
        person.looks_right("en")
        person.tab_to(page.locator(".kit-step-next"))
        person.press("Enter")
        person.wait_focus_in("kit-step-heading")
        person.tab_to(page.locator(".kit-check"))
        person.press("Enter")
        person.wait_focus_in("kit-result-heading")
        page.wait_for_function("document.querySelector('.kit-check-row .kit-save-state').innerText.includes('Saved')", timeout=15_000)
        score = page.inner_text(".kit-result-heading")
        assert score.startswith("Score:")
        person.screenshot("classifier_laptop_en_feedback")
        person.looks_right("en")
        person.to_bottom_by_hand()  # the wheel reaches the end of the feedback and the step buttons after it
        assert person.at_bottom() and person.in_view(page.locator(".kit-step-previous"))
        person.screenshot("classifier_laptop_en_feedback_end")
    finally:
        person.close()

    again = Person(browser, LAPTOP)  # a reload: a fresh page and kernel
    page = again.page
    try:
        again.open(base + CHAPTER_2 + "?lang=en&participant=owl 12", ".kit-classifier .kit-pseudonym input")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Welcome back')", timeout=30_000)
        again.tap(page.locator(".kit-note-ok"))
        again.wait_focus_in("kit-case-title", 30_000)
        assert "mod-active" in (page.locator(".kit-verdict button", has_text="Yes").get_attribute("class") or "")
        assert page.locator(".kit-steps button i.fa-check").count() == 4  # verdict, act, first contacts, check
        again.tap(page.locator(".kit-steps button", has_text="7. Check"))
        again.wait_focus_in("kit-step-heading")
        assert page.inner_text(".kit-result-heading") == score  # the feedback comes back with the answer
        again.screenshot("classifier_laptop_en_restored")
        again.looks_right("en")
    finally:
        again.close()

"""A participant's journey through the principles quiz (chapter 1) in a real browser, with real input
only (touch and swipes on a 390×844 phone, the mouse and keys on a 1366×768 laptop): a check with
nothing chosen asks for a choice (nothing scored, saved or revealed), a right answer is checked and
saved beside its button, the situation numbers are tapped, a language switch redraws verdict and
score, and a reload brings the checked answer back."""

from __future__ import annotations

import pytest

from support.person import LAPTOP, PHONE, Person

pytestmark = pytest.mark.slow
CHAPTER_1 = "/voila/render/01_principles.ipynb"




def test_phone_a_check_without_a_choice_asks_then_a_right_answer_is_saved(browser, served_with_db, kb):
    base, db_url = served_with_db
    first = kb.situations[0]
    person = Person(browser, PHONE)
    page = person.page
    try:
        person.open(base + CHAPTER_1 + "?participant=Lina", ".kit-quiz .kit-quiz-check")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Lina')", timeout=30_000)
        person.looks_right("sv")
        person.tap(page.locator(".kit-quiz-check"))
        person.wait_focus_in("kit-quiz-verdict")
        assert page.inner_text(".kit-quiz-verdict").startswith("⚠ Välj först en princip")
        principle = kb.get("principles", first.principle).name.sv
        assert principle not in page.inner_text(".kit-quiz-card")  # the answer is not given away
        assert "Hittills: 0 av 12" in page.inner_text(".kit-quiz-total")
        person.screenshot("quiz_phone_sv_asks")

        person.choose(".kit-quiz-principle select", principle)
        relation = "Bryter mot" if first.relation == "breaches" else "Följer"
        person.tap(page.locator(".kit-quiz-relation button", has_text=relation))
        person.tap(page.locator(".kit-quiz-check"))
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText.startsWith('✓ Rätt')", timeout=15_000)
        person.wait_focus_in("kit-quiz-verdict")
        assert "Sparat" in page.inner_text(".kit-quiz-check-row .kit-save-state")
        assert "Hittills: 1 av 12" in page.inner_text(".kit-quiz-total")
        person.screenshot("quiz_phone_sv_right")
        person.looks_right("sv")

        person.tap(page.locator(".kit-quiz-situations button", has_text="5"))
        page.wait_for_function(f"document.querySelector('.kit-quiz-text').innerText.includes({kb.situations[4].text.sv[:30]!r})",
                               timeout=15_000)
        person.tap(page.locator(".kit-quiz-situations button").first)
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText.startsWith('✓ Rätt')", timeout=15_000)

        person.tap(page.locator(".kit-lang-switch button", has_text="English"))
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText.startsWith('✓ Right')", timeout=15_000)
        assert "So far: 1 of 12" in page.inner_text(".kit-quiz-total")
        assert "Saved" in page.inner_text(".kit-quiz-check-row .kit-save-state")
        person.reach(page.locator(".kit-quiz-total"))
        person.screenshot("quiz_phone_en_right")
        person.looks_right("en")
    finally:
        person.close()

    from kit.store import open_store, pseudonym_key

    stored = open_store(db_url).progress(pseudonym_key("Lina"), "principles_quiz")
    assert list(stored) == [first.id]  # the check without a choice saved nothing


def test_laptop_keys_and_mouse_then_a_reload_restores_the_checked_answer(browser, served_with_db, kb):
    base, _ = served_with_db
    second = kb.situations[1]
    person = Person(browser, LAPTOP)
    page = person.page
    try:
        person.open(base + CHAPTER_1 + "?lang=en&participant=Owl 7", ".kit-quiz .kit-quiz-check")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Owl 7')", timeout=30_000)
        person.tap(page.locator(".kit-quiz-next"))
        page.wait_for_function(f"document.querySelector('.kit-quiz-text').innerText.includes({second.text.en[:30]!r})",
                               timeout=15_000)
        relation = "Breaches" if second.relation == "breaches" else "Follows"
        person.tap(page.locator(".kit-quiz-relation button", has_text=relation))
        person.tap(page.locator(".kit-quiz-check"))  # a relation but no principle: asked for the principle
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText.includes('Choose a principle too')",
                               timeout=15_000)
        person.tab_to(page.locator(".kit-quiz-principle select"))
        wrong = next(p for p in kb.principles if p.id != second.principle)
        names = [p.name.en for p in kb.principles]
        for _ in range(names.index(wrong.name.en) + 1):
            person.press("ArrowDown")
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText === ''", timeout=15_000)
        person.tab_to(page.locator(".kit-quiz-check"))
        person.press("Enter")
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText.startsWith('⚠ Partly right')",
                               timeout=15_000)
        person.wait_focus_in("kit-quiz-verdict")
        person.screenshot("quiz_laptop_en_partly")
        person.looks_right("en")
        person.tap(page.locator(".kit-lang-switch button", has_text="Svenska"))
        page.wait_for_function("document.querySelector('.kit-quiz-verdict').innerText.startsWith('⚠ Delvis rätt')",
                               timeout=15_000)
        assert "Hittills: 0,5 av 12" in page.inner_text(".kit-quiz-total") and person.html_lang() == "sv"
        person.screenshot("quiz_laptop_sv_partly")
        person.looks_right("sv")
    finally:
        person.close()

    again = Person(browser, LAPTOP)
    try:
        again.open(base + CHAPTER_1 + "?lang=en&participant=owl 7", ".kit-quiz .kit-quiz-check")  # case folded
        again.page.wait_for_function("document.querySelector('.kit-quiz-total').innerText.includes('0.5 of 12')", timeout=30_000)
        assert again.page.locator(".kit-quiz-situations button").nth(1).get_attribute("title") == "Situation 2: checked"
    finally:
        again.close()

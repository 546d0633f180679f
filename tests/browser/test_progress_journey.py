"""A self-paced student's progress on the start page, in real Chromium with real input: answer two
cases in the classifier, open the start page, type the pseudonym (in another case) and read each
chapter's progress on a laptop and a phone, in Swedish and English; a student who last answered
three weeks ago reads when."""

from __future__ import annotations

import time

import pytest

from support.person import LAPTOP, PHONE, Person

pytestmark = pytest.mark.slow
START = "/voila/render/00_start.ipynb"
CHAPTER_2 = "/voila/render/02_what_is_trafficking.ipynb"
DAY = 24 * 3600


def check_a_case(person: Person) -> None:
    """Say yes to the verdict, jump to the last step, check; wait until it is saved."""
    page = person.page
    person.tap(page.locator(".kit-verdict button", has_text="Yes"))
    page.wait_for_function("document.querySelector('.kit-verdict button.mod-active') !== null", timeout=10_000)
    person.tap(page.locator(".kit-steps button", has_text="7. Check"))
    page.wait_for_function("document.querySelector('.kit-step-heading').innerText.startsWith('Step 7 of 7')", timeout=15_000)
    person.tap(page.locator(".kit-check"))
    page.wait_for_function("document.querySelector('.kit-check-row .kit-save-state').innerText.includes('Saved')", timeout=15_000)


def show_progress(person: Person, url: str, typed: str) -> None:
    """Open the start page, reach the progress box by hand, tap it, type the pseudonym and press Enter."""
    page = person.page
    person.open(url, ".kit-start-page h1")
    box = page.locator(".kit-progress-pseudonym input")
    box.wait_for(timeout=30_000)
    person.tap(box)
    person.type(typed)
    person.press("Enter")
    page.wait_for_selector(".kit-progress-result", timeout=30_000)


def test_laptop_two_cases_answered_then_the_start_page_shows_them(browser, served_with_db):
    base, _ = served_with_db
    person = Person(browser, LAPTOP)
    page = person.page
    try:
        person.open(base + CHAPTER_2 + "?lang=en&participant=Mira 5", ".kit-classifier .kit-pseudonym input")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Mira 5')", timeout=30_000)
        person.tap(page.locator(".kit-note-ok"))
        person.wait_focus_in("kit-case-title", 30_000)
        first = page.inner_text(".kit-case-title")
        check_a_case(person)
        person.tap(page.locator(".kit-case-picker .kit-next"))
        page.wait_for_function(f"document.querySelector('.kit-case-title').innerText !== {first!r}", timeout=15_000)
        second = page.inner_text(".kit-case-title")
        check_a_case(person)

        show_progress(person, base + START + "?lang=en", "mIRA 5")  # the phone's capitals or not: the same student
        result = page.locator(".kit-progress-result")
        assert "Welcome back, mIRA 5. You last worked today." in " ".join(result.inner_text().split())
        chapter_2 = result.locator('.kit-progress-chapter[data-chapter="2"]')
        assert "2 of 5 cases done" in chapter_2.inner_text()
        assert "2 of" in result.locator('.kit-progress-chapter[data-chapter="4"]').inner_text()  # the same cases, chapter 4's set
        assert "Not started yet" in result.locator('.kit-progress-chapter[data-chapter="1"]').inner_text()
        person.tap(chapter_2.locator("summary"))
        done = chapter_2.locator("details li").all_inner_texts()
        assert len(done) == 2 and all("%" in text for text in done), done
        assert all(text.rsplit(":", 1)[0] in first + second for text in done), (first, second, done)  # titles, not ids
        person.reach(chapter_2)
        person.screenshot("progress_laptop_en")
        person.looks_right("en")

        person.tap(page.locator(".kit-lang-switch button", has_text="Svenska"))
        page.wait_for_function("document.querySelector('.kit-progress-result').innerText.includes('2 av 5 fall gjorda')",
                               timeout=15_000)
        assert "Välkommen tillbaka" in page.inner_text(".kit-progress-result")
        assert page.locator(".kit-progress-show").inner_text() == "Visa mina framsteg"
        person.reach(page.locator('.kit-progress-chapter[data-chapter="2"]'))
        person.screenshot("progress_laptop_sv")
        person.looks_right("sv")
    finally:
        person.close()
    assert second != first


def test_phone_a_student_back_after_three_weeks_reads_their_progress(browser, served_with_db):
    from sqlalchemy import create_engine, update

    from kit.cases import load_bank
    from kit.content import load
    from kit.store import open_store
    from kit.store.graded import AssignmentResult, save_assignment_results
    from kit.store.schema import answers

    base, db_url = served_with_db
    seed_case = next(c for c in load_bank().values() if c.source.kind == "seed")
    store = open_store(db_url)
    store.record("lo 7", "classifier", f"{seed_case.id}_v4", {"trafficking": True}, score=0.62, base_item=seed_case.id, seed=4)
    store.record("lo 7", "principles_quiz", load().situations[0].id, {"principle": "x", "relation": "follows"}, score=1.0)
    released = time.time() - 2 * DAY  # the course's feedback on one assignment, a part still with the teacher
    save_assignment_results(store, [AssignmentResult("lo 7", "strom", "ch2_what_is_trafficking", 2, "Vad är människohandel?",
                                                     "What is trafficking?", 7.5, 9.0, True, 6, released - 3600, released)])
    store.close()
    engine = create_engine(db_url)
    with engine.begin() as connection:  # as if given three weeks ago
        connection.execute(update(answers).where(answers.c.participant == "lo 7").values(created_at=answers.c.created_at - 21 * DAY))
    engine.dispose()

    person = Person(browser, PHONE)
    page = person.page
    try:
        show_progress(person, base + START, "Lo 7")
        result = page.locator(".kit-progress-result")
        text = " ".join(result.inner_text().split())
        assert "Välkommen tillbaka, Lo 7. Du arbetade senast för 3 veckor sedan." in text
        assert "Ett bra nästa steg: Kapitel 3" in text
        chapter_2 = result.locator('.kit-progress-chapter[data-chapter="2"]')
        assert "1 av 5 fall gjorda · snitt 62 %" in chapter_2.inner_text()
        person.tap(chapter_2.locator("summary"))
        chapter_2.locator("details li").first.wait_for(timeout=10_000)
        assert "62 %" in chapter_2.locator("details li").first.inner_text()
        person.reach(result.locator('.kit-progress-chapter[data-chapter="1"]'))
        person.screenshot("progress_phone_sv")
        person.looks_right("sv")
        course = result.locator(".kit-progress-course")  # the graded course, below the chapters
        person.reach(course)
        graded = " ".join(course.inner_text().split())
        for words in ("Inlämningsuppgifter i kursen", "Återkoppling på 1 av 6 inlämningsuppgifter", "Kapitel 2: Vad är människohandel?",
                      "7,5 av 9 poäng (83 %)", "återkoppling för 2 dagar sedan", "preliminärt: en del bedöms fortfarande av läraren"):
            assert words in graded, (words, graded)
        person.screenshot("progress_phone_graded_sv")
        person.reach(page.locator(".kit-lang-switch button", has_text="English"))
        person.tap(page.locator(".kit-lang-switch button", has_text="English"))
        page.wait_for_function("document.querySelector('.kit-progress-result').innerText.includes('You last worked 3 weeks ago')",
                               timeout=15_000)
        assert "1 of 5 cases done · average 62%" in page.inner_text('.kit-progress-chapter[data-chapter="2"]')
        person.reach(result.locator('.kit-progress-chapter[data-chapter="2"]'))
        person.screenshot("progress_phone_en")
        person.looks_right("en")
        person.reach(course)
        assert "Chapter 2: What is trafficking? 7.5 of 9 points (83%)" in " ".join(course.inner_text().split())
        person.screenshot("progress_phone_graded_en")
        person.looks_right("en")
        # a name with markup is refused in one calm line
        box = page.locator(".kit-progress-pseudonym input")
        person.tap(box)
        page.keyboard.press("Control+A")
        person.type("<b>")
        person.press("Enter")
        page.wait_for_function("document.querySelector('.kit-progress').innerText.includes('1-40 characters')", timeout=15_000)
    finally:
        person.close()

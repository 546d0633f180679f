"""A trainer leads a room in real browsers, with real input only: a trainer's dashboard on a 1024×768
projector and three participants' classifiers on phones (two in Swedish, one in English). The
trainer chooses a case by its title: all three show it within 2 s (one answers and checks it);
the trainer closes answering: no one can check, and each page says why; the room's answers per
part show on the projector; the trainer reveals the key: every page shows it with the teaching
note; the trainer moves on: all three show the next case within 2 s; a participant who joins late
lands on it; the trainer stops: every page is the self-paced classifier again."""

from __future__ import annotations

import time

import pytest

from support.person import LAPTOP, PHONE, PROJECTOR, Person
from support.server_process import TRAINER_KEY

pytestmark = pytest.mark.slow

CHAPTER_2 = "/voila/render/02_what_is_trafficking.ipynb"
DASHBOARD = f"/voila/render/trainer_dashboard.ipynb?key={TRAINER_KEY}"
WITHIN_S = 2.0
TITLE_JS = "() => { const t = document.querySelector('.kit-case-title'); return t ? t.innerText.trim() : ''; }"


def room_cases():
    from kit.apps.classifier import select_cases

    return select_cases("all")


def title(case, lang: str) -> str:
    from kit.apps.case_picker import case_title

    return case_title(case, lang)


def join(browser, base: str, name: str, lang: str, screen=PHONE) -> Person:
    """A participant opens chapter 2 with a pseudonym and opens the material behind the content note."""
    person = Person(browser, screen)
    person.lang = lang
    page = person.open(f"{base}{CHAPTER_2}?lang={lang}&participant={name}", ".kit-classifier .kit-pseudonym input")
    person.tap(page.locator(".kit-note-ok"))
    page.wait_for_selector(".kit-case-title", timeout=60_000)
    return person


def seconds_until_all_show(people: list[Person], case, started: float, limit_s: float = 30.0) -> float:
    """Seconds from `started` until the last of `people` shows `case` (in its own language)."""
    waiting = list(people)
    while waiting:
        now = time.monotonic()
        assert now - started < limit_s, f"{len(waiting)} page(s) still without the room's case after {limit_s} s"
        for person in list(waiting):
            if person.page.evaluate(TITLE_JS) == title(case, person.lang):
                waiting.remove(person)
        if waiting:
            time.sleep(0.05)
    return time.monotonic() - started


def trainer_taps(trainer: Person, css: str) -> float:
    """The trainer taps a lead button; the moment of the tap."""
    trainer.tap(trainer.page.locator(css))
    return time.monotonic()


def test_a_trainer_leads_three_participants_through_a_case_and_on(browser, served_with_db):
    base, db_url = served_with_db
    cases = room_cases()
    first, second = cases[2], cases[3]  # neither is the case a participant's page starts on
    people: list[Person] = []
    trainer = Person(browser, PROJECTOR)
    try:
        people += [join(browser, base, "Deltagare 1", "sv"), join(browser, base, "Deltagare 2", "sv"),
                   join(browser, base, "Guest 3", "en")]
        assert all(p.page.evaluate(TITLE_JS) != title(first, p.lang) for p in people)
        assert all(p.page.locator(".kit-lead-banner-box").count() == 0 for p in people)  # self-paced: no banner

        page = trainer.open(base + DASHBOARD, ".kit-lead-panel .kit-lead-start")
        page.wait_for_function("document.querySelector('.kit-lead-status').innerText.includes('egen takt')", timeout=30_000)
        trainer.screenshot("lead_dashboard_projector_sv_choose")
        trainer.looks_right("sv")

        # the trainer chooses the case by its title; all three pages show it within 2 s
        trainer.choose(".kit-lead-case-list select", f"3. {title(first, 'sv')}")
        started = trainer_taps(trainer, ".kit-lead-start")
        took = seconds_until_all_show(people, first, started)
        assert took <= WITHIN_S, f"the last page showed the room's case after {took:.2f} s"
        for person in people:
            person.page.wait_for_selector(".kit-lead-banner-box", timeout=10_000)
            assert person.page.locator(".kit-case-picker").is_hidden()  # the room's case, not one's own choice
        assert "Utbildaren leder rummet" in people[0].page.inner_text(".kit-lead-banner-box")
        assert "The trainer is leading the room" in people[2].page.inner_text(".kit-lead-banner-box")
        people[0].screenshot("lead_participant_phone_sv_case")
        people[0].looks_right("sv")
        people[2].screenshot("lead_participant_phone_en_case")
        people[2].looks_right("en")

        # one participant answers and checks the room's case
        one = people[0]
        one.tap(one.page.locator(".kit-verdict button", has_text="Ja"))
        one.tap(one.page.locator(".kit-steps button").last)
        one.tap(one.page.locator(".kit-check"))
        one.page.wait_for_selector(".kit-feedback", timeout=30_000)
        trainer.page.wait_for_function("document.querySelector('.kit-lead-status').innerText.includes('Svar hittills: 1')",
                                       timeout=15_000)

        # the trainer closes answering: Check is disabled on every page, with the reason beside it
        trainer_taps(trainer, ".kit-lead-close")
        for person, words in zip(people, ("stängt svaren", "stängt svaren", "closed answering")):
            person.page.wait_for_function(f"document.querySelector('.kit-lead-banner-box').innerText.includes({words!r})",
                                          timeout=10_000)
        one.page.wait_for_function("document.querySelector('.kit-check').disabled", timeout=10_000)  # on the Check step already
        two = people[1]
        two.tap(two.page.locator(".kit-steps button").last)
        assert two.page.locator(".kit-check").is_disabled()
        assert "utbildaren har stängt svaren" in two.page.inner_text(".kit-check-row")
        two.screenshot("lead_participant_phone_sv_closed")
        two.looks_right("sv")
        people[2].tap(people[2].page.locator(".kit-steps button").last)
        assert "the trainer has closed answering" in people[2].page.inner_text(".kit-check-row")
        people[2].screenshot("lead_participant_phone_en_closed")

        # the room's answers, part by part, on the projector
        page.wait_for_selector(".kit-lead-distribution table.kit-lead-elements", timeout=15_000)
        assert page.locator(".kit-lead-elements tbody tr").count() == 7
        trainer.reach(page.locator(".kit-lead-elements"))
        trainer.screenshot("lead_dashboard_projector_sv_distribution")
        trainer.looks_right("sv")

        # the key with the teaching note, on every page and on the projector
        trainer.reach(page.locator(".kit-lead-reveal"))
        trainer_taps(trainer, ".kit-lead-reveal")
        for person in people:
            person.page.wait_for_selector(".kit-lead-key .kit-key", timeout=10_000)
        assert people[0].page.inner_text(".kit-lead-key h3") == f"Facit: {title(first, 'sv')}"
        assert first.teaching_note.get("sv")[:40] in people[0].page.inner_text(".kit-lead-key")
        assert first.teaching_note.get("en")[:40] in people[2].page.inner_text(".kit-lead-key")
        people[0].reach(people[0].page.locator(".kit-lead-key h3"))
        people[0].screenshot("lead_participant_phone_sv_key")
        people[0].looks_right("sv")
        people[2].reach(people[2].page.locator(".kit-lead-key h3"))
        people[2].screenshot("lead_participant_phone_en_key")
        people[2].looks_right("en")
        page.wait_for_selector(".kit-lead-panel .kit-key", timeout=15_000)
        trainer.tap(page.locator(".kit-projector-toggle"))
        page.wait_for_selector(".kit-dashboard.kit-projector", timeout=15_000)
        trainer.reach(page.locator(".kit-lead-panel .kit-key h3"))
        trainer.screenshot("lead_dashboard_projector_sv_key")
        trainer.looks_right("sv")
        trainer.reach(page.locator(".kit-lang-switch button").first)
        trainer.tap(page.get_by_role("button", name="English"))
        page.wait_for_function("document.querySelector('.kit-lead-status').innerText.includes('The key is shown to the room')",
                               timeout=15_000)
        trainer.reach(page.locator(".kit-lead-elements"))
        trainer.screenshot("lead_dashboard_projector_en_distribution")
        trainer.looks_right("en")

        # the trainer moves on: all three show the next case within 2 s, the key gone, Check open again
        trainer.reach(page.locator(".kit-lead-next"))
        started = trainer_taps(trainer, ".kit-lead-next")
        took = seconds_until_all_show(people, second, started)
        assert took <= WITHIN_S, f"the last page showed the next case after {took:.2f} s"
        for person in people:
            person.page.wait_for_function("!document.querySelector('.kit-lead-key .kit-key')", timeout=10_000)
            person.page.wait_for_function("!document.querySelector('.kit-check') || !document.querySelector('.kit-check').disabled",
                                          timeout=10_000)

        # a participant who joins late lands on the room's case
        late = join(browser, base, "Sen 4", "sv", LAPTOP)
        people.append(late)
        late.page.wait_for_function(f"({TITLE_JS})() === {title(second, 'sv')!r}", timeout=15_000)
        assert late.page.locator(".kit-case-picker").is_hidden()
        late.page.wait_for_selector(".kit-lead-banner-box", timeout=10_000)
        late.screenshot("lead_participant_laptop_sv_late")
        late.looks_right("sv")

        # the trainer stops leading: self-paced again, the picker back, Check open
        trainer.reach(page.locator(".kit-lead-stop"))
        trainer_taps(trainer, ".kit-lead-stop")
        page.wait_for_function("document.querySelector('.kit-lead-status').innerText.includes('own pace')", timeout=15_000)
        trainer.screenshot("lead_dashboard_projector_en_stopped")
        for person in people:
            person.page.wait_for_selector(".kit-case-picker", state="visible", timeout=10_000)
            assert person.page.locator(".kit-lead-banner-box").count() == 0
        assert "leder inte rummet längre" in people[1].page.inner_text(".kit-status")
        assert people[1].page.evaluate(TITLE_JS) == title(second, "sv")  # stays where the room was
        people[1].screenshot("lead_participant_phone_sv_stopped")
        people[1].looks_right("sv")
    finally:
        for person in [trainer, *people]:
            person.close()

    from kit.store import open_store, pseudonym_key

    stored = open_store(db_url).progress(pseudonym_key("Deltagare 1"), "classifier")
    assert list(stored) == [first.id] and stored[first.id].base_item == first.id and stored[first.id].answer["trafficking"] is True

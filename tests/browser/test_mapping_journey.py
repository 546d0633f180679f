"""The mapping simulator (chapters 3 and 6) used as a participant would, with real input only (taps or
clicks on what was reached by swipe or wheel, typing, keys) on a phone and a laptop: mark a risk
group with its evidence, pick an actor and a place by their names (a search that says when nothing
matches), add a measure, score; the feedback and "saved" show; the language switch redraws them;
reopening brings the plan back without an error, and chapter 6 opens with a plan of its own."""

from __future__ import annotations

import pytest

from support.person import LAPTOP, PHONE, Person

pytestmark = pytest.mark.slow

GROUP = "asylum_seekers"


def open_page(browser, kit_server, notebook: str, screen, who: str, lang: str = "sv") -> Person:
    person = Person(browser, screen)
    person.open(f"{kit_server}/voila/render/{notebook}.ipynb?lang={lang}&participant={who}", ".kit-mapping .kit-score-plan")
    person.page.wait_for_timeout(800)  # the map follows once the page has shown
    return person


def text_of(person: Person, selector: str) -> str:
    return person.page.locator(selector).first.inner_text()


def wait_text(person: Person, selector: str, words: str, timeout: int = 30_000) -> None:
    person.page.wait_for_function("([s, w]) => { const el = document.querySelector(s); return el && el.innerText.includes(w); }",
                                  arg=[selector, words], timeout=timeout)



@pytest.mark.parametrize("screen", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_mapping_journey(browser, kit_server, kb, screen):
    who = f"Mapper {screen.name}"
    person = open_page(browser, kit_server, "03_local_mapping", screen, who)
    page = person.page
    try:
        person.looks_right("sv")
        group = page.locator(f".kit-group-{GROUP}").locator("input[type=checkbox]")
        person.tap(group)
        page.wait_for_function(f"document.querySelector('.kit-group-{GROUP} input').checked", timeout=15_000)
        card = page.locator(".kit-map-group", has=page.locator(f".kit-group-{GROUP}"))
        person.tap(card.locator(".kit-evidence input"))
        person.type("3, 13")
        person.press("Tab")  # leaves the evidence box for the actor list, as a keyboard user would
        person.press("ArrowDown")  # a closed list changes its choice with the arrow keys
        wait_text(person, f".kit-map-group:has(.kit-group-{GROUP}) .kit-pick-chips", " ")
        chosen_actor = card.locator(".kit-pick-chip").first.inner_text().strip()
        assert chosen_actor and "_" not in chosen_actor

        search = page.locator(".kit-watch-places input[type=text]")
        person.tap(search)
        person.type("Ingenstans")
        wait_text(person, ".kit-watch-places .kit-pick-message", "Inget alternativ matchar ”Ingenstans”")
        person.press("Control+a")
        person.type("Centrum")
        wait_text(person, ".kit-watch-places .kit-pick-found", "Centrum")
        page.wait_for_timeout(1500)  # the matches follow each key press; let the last one arrive
        first = page.locator(".kit-watch-places .kit-pick-match").first
        place = first.inner_text().strip()
        person.tap(first)
        wait_text(person, ".kit-watch-places .kit-pick-chips", place)

        person.tap(page.locator(".kit-add-measure"))
        page.wait_for_selector(".kit-measure .kit-measure-choice select", timeout=15_000)
        person.tap(page.locator(".kit-score-plan"))
        wait_text(person, ".kit-map-result-heading", "Återkoppling på planen")
        wait_text(person, ".kit-save-state", "Sparat")
        # the focus moves to the feedback's heading, so the keyboard and a screen reader go on from there
        page.wait_for_function("document.activeElement && document.activeElement.closest('.kit-map-result-heading')", timeout=15_000)
        result = text_of(person, ".kit-mapping-result")
        assert "✓" in result or "✗" in result
        assert "bra" in result or "att arbeta vidare med" in result  # the sign is said in words too
        person.reach(page.locator(".kit-mapping-result .kit-map-total"))
        person.screenshot(f"mapping_{screen.name}_sv_result")
        person.looks_right("sv")

        person.tap(page.locator(".kit-lang-switch button", has_text="English"))
        wait_text(person, ".kit-map-result-heading", "Feedback on the plan")
        wait_text(person, ".kit-mapping-result", "Score")
        assert "Poäng" not in text_of(person, ".kit-mapping-result")
        wait_text(person, ".kit-save-state", "Saved")
        english_actor = card.locator(".kit-pick-chip").first.inner_text().strip()
        actor = next(a for a in kb.actors if a.name.sv == chosen_actor)
        assert english_actor == actor.name.en  # chosen actors follow the language and stay chosen
        person.reach(page.locator(".kit-mapping-result .kit-map-total"))
        person.screenshot(f"mapping_{screen.name}_en_result")
        person.looks_right("en")
    finally:
        person.close()

    again = open_page(browser, kit_server, "03_local_mapping", screen, who.upper())  # pseudonyms ignore case
    try:
        status = text_of(again, ".kit-status")
        assert "Välkommen tillbaka" in status and "gick fel" not in status
        assert again.page.evaluate(f"document.querySelector('.kit-group-{GROUP} input').checked")
        assert place in text_of(again, ".kit-watch-places .kit-pick-chips")
        assert again.page.locator(".kit-measure").count() == 1
        wait_text(again, ".kit-map-result-heading", "Återkoppling på planen")
        again.screenshot(f"mapping_{screen.name}_sv_reopened", full_page=True)
    finally:
        again.close()

    prevention = open_page(browser, kit_server, "06_prevention", screen, who)
    try:
        assert "gick fel" not in text_of(prevention, ".kit-status")
        assert not prevention.page.evaluate(f"document.querySelector('.kit-group-{GROUP} input').checked")
        assert prevention.page.locator(".kit-measure").count() == 0 and not text_of(prevention, ".kit-mapping-result").strip()
        prevention.looks_right("sv")
    finally:
        prevention.close()

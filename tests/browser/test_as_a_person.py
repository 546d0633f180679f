"""Every page, tried as a participant would: on a phone, a laptop and a projector, in both languages,
with real input only (swipes, the wheel, keys). The page scrolls to its end by hand and by keyboard;
nothing is wider than the screen or clipped; every control is big enough for a finger (44 px) or a
mouse (24 px); no raw id, NaN or None and no text of the other language is on screen; `<html lang>`
follows the page; the keyboard focus ring is visible. Screenshots of each go to var/test-artefacts/.
"""

from __future__ import annotations

import pytest

from kit.content.vocabulary import LANGS
from support.person import SCREENS, Person
from support.server_process import TRAINER_KEY

pytestmark = pytest.mark.slow

# page -> the selector that shows once its app is there
PAGES = {
    "00_start": ".kit-start-page h1",
    "01_principles": ".kit-quiz",
    "02_what_is_trafficking": ".kit-classifier",
    "03_local_mapping": ".kit-mapping",
    "04_identification": ".kit-classifier",
    "05_assisting_victims": ".kit-planner",
    "06_prevention": ".kit-mapping",
    "trainer_dashboard": ".kit-room-summary",
}


def visit(browser, kit_server, page_name: str, screen, lang: str) -> Person:
    person = Person(browser, screen)
    person.open(f"{kit_server}/voila/render/{page_name}.ipynb?lang={lang}&participant=Person {screen.name}&key={TRAINER_KEY}",
                PAGES[page_name])
    person.page.wait_for_timeout(600)  # work the page does once it has shown (see kit/apps/page_ready.py)
    note = person.page.locator(".kit-note-ok button, button.kit-note-ok")
    if note.count():  # the material behind the content note is part of the page a person uses
        person.tap(note)
        person.page.wait_for_timeout(800)
    return person


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", SCREENS, ids=[s.name for s in SCREENS])
@pytest.mark.parametrize("page_name", sorted(PAGES))
def test_page_as_a_person(browser, kit_server, page_name, screen, lang):
    person = visit(browser, kit_server, page_name, screen, lang)
    try:
        stem = f"person_{page_name}_{screen.name}_{lang}"
        person.screenshot(f"{stem}_top")
        assert person.html_lang() == lang
        person.looks_right(lang)  # labels of this language only, nothing too wide or clipped, targets big enough

        # by hand (swipe on the phone, wheel elsewhere) to the very end; the last control is on screen there
        person.to_bottom_by_hand()
        assert person.at_bottom(), f"{page_name} does not scroll to its end by {'swipe' if screen.touch else 'wheel'}"
        assert person.last_control_in_view(), "the last control is not on screen at the end of the page"
        person.screenshot(f"{stem}_bottom")

        if not screen.touch:  # keyboard: Home and End move the page; Tab shows a visible focus ring
            heading = person.page.locator("main h1, main h2").first
            person.tap(heading)  # a click on text: the focus leaves any input, keys scroll the page
            person.press("Home")
            assert person.scroll_top() == 0
            assert person.end_key_to_bottom(), "End does not reach the end of the page"
            person.press("Home")
            person.press("Tab")
            assert person.focus_ring_contrast() >= 3, "the keyboard focus is not visible (contrast under 3:1)"
    finally:
        person.close()

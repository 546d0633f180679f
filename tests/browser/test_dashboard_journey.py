"""The trainer dashboard driven as a trainer would, with real input only: the root address leads to
the start page; the dashboard asks for the key (a wrong one is refused in words, the room stays
hidden), opens with the right one, switches to large type for a 1024×768 projector and to English,
and can be read to its end by wheel or swipe on a projector and on a phone."""

from __future__ import annotations

import re

import pytest

from support.person import LAPTOP, PHONE, PROJECTOR, Person

pytestmark = pytest.mark.slow

KEY = "projector-room-42"


@pytest.fixture(scope="module")
def trainer_server(tmp_path_factory):
    """`strom-kit serve` with the trainer's own key, over a store holding a room's answers."""
    from kit.apps import classifier, mapping_simulator, planner, quiz
    from kit.cases.bank import load_bank
    from kit.store import open_store
    from support.server_process import served

    folder = tmp_path_factory.mktemp("trainer")
    store = open_store(f"sqlite:///{folder / 'answers.sqlite'}")
    cases = [c for c in load_bank().values() if c.truth.indicators][:6]
    for n, person in enumerate(["ada", "bo", "cy", "dag", "eva"]):
        for case in cases:
            truth = case.truth
            verdict = [truth.trafficking, not truth.trafficking, None][n % 3]
            forms = list(truth.forms) if n % 2 == 0 else ["forced_labour"]
            store.record(person, classifier.APP, case.id, {"trafficking": verdict, "forms": forms,
                                                            "indicators": list(truth.indicators)[: n % 3]}, score=0.2 * n)
        store.record(person, quiz.APP, "situation_1", {"principle": "human_rights"}, score=1.0)
        store.record(person, planner.APP, f"{cases[0].id}:SE", {"steps": []}, score=0.5)
        store.record(person, mapping_simulator.APP, "inland_town:1", {"groups": []}, score=0.6)
    store.close()
    server = served(folder, "--trainer-key", KEY)  # the trainer's own key (the last --trainer-key counts)
    base = next(server)
    yield base
    next(server, None)



def open_with_key(person: Person, base: str) -> None:
    """Open the dashboard without a key, try a wrong one, then the right one, all typed."""
    page = person.open(base + "/voila/render/trainer_dashboard.ipynb", ".kit-trainer-key input")
    assert page.locator(".kit-room-area").is_hidden() and page.locator(".kit-room table").count() == 0
    assert "utbildarnyckeln" in page.inner_text(".kit-key-message")
    person.tap(page.locator(".kit-trainer-key input"))
    person.type("a-guess-1234")
    person.press("Enter")
    page.wait_for_selector(".kit-key-message [role=alert]", timeout=15_000)
    assert "Nyckeln stämmer inte" in page.inner_text(".kit-key-message")
    assert page.locator(".kit-room table").count() == 0 and KEY not in page.content()
    person.screenshot(f"dashboard_key_wrong_{person.screen.name}_sv")
    person.looks_right("sv")
    person.tap(page.locator(".kit-trainer-key input"))
    page.keyboard.press("Control+A")
    person.type(KEY)
    person.tap(page.locator(".kit-key-open"))
    page.wait_for_selector(".kit-room table.kit-verdicts", timeout=60_000)
    assert page.locator(".kit-key-gate").is_hidden()


def test_the_root_address_opens_the_start_page(browser, trainer_server):
    person = Person(browser, PROJECTOR)
    try:
        page = person.open(trainer_server + "/", ".kit-start-page h1")
        assert page.url.endswith("/voila/render/00_start.ipynb") and "Voilà" not in page.title()
    finally:
        person.close()


def test_projector_key_large_type_language_and_the_end_of_the_page(browser, trainer_server):
    person = Person(browser, PROJECTOR)
    try:
        open_with_key(person, trainer_server)
        page = person.page
        person.screenshot("dashboard_projector_sv")
        person.looks_right("sv")
        size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kit-room td')).fontSize)")  # noqa: E731
        normal = size()
        person.tap(page.locator(".kit-projector-toggle"))
        page.wait_for_selector(".kit-dashboard.kit-projector", timeout=15_000)
        assert size() >= 1.3 * normal
        person.screenshot("dashboard_projector_large_sv")
        person.looks_right("sv")
        person.tap(page.get_by_role("button", name="English"))
        page.wait_for_function("document.querySelector('.kit-room h3').innerText === 'Verdicts per case'", timeout=30_000)
        assert "participants" in page.inner_text(".kit-room-summary") and page.locator(".kit-legend").is_visible()
        assert person.html_lang() == "en"
        person.looks_right("en")
        person.to_bottom_by_hand()
        assert person.at_bottom() and person.in_view(page.locator("table.kit-scores tr").last)
        person.screenshot("dashboard_projector_large_en_end")
        headings = page.locator("table.kit-scores tbody th").all_inner_texts()
        assert headings[:4] == ["Classify cases", "The principles in practice", "Plan the response – the referral chain",
                                "Map the municipality"]
    finally:
        person.close()


def test_phone_key_and_the_whole_room_by_swipe(browser, trainer_server):
    person = Person(browser, PHONE)
    try:
        page = person.open(trainer_server + "/voila/render/trainer_dashboard.ipynb?lang=en", ".kit-trainer-key input")
        person.screenshot("dashboard_key_phone_en")
        person.looks_right("en")
        person.tap(page.locator(".kit-trainer-key input"))
        person.type(KEY)
        person.tap(page.locator(".kit-key-open"))
        page.wait_for_selector(".kit-room table.kit-verdicts", timeout=60_000)
        assert page.locator(".kit-key-gate").is_hidden()
        person.screenshot("dashboard_phone_en")
        person.looks_right("en")
        missed = page.locator("table.kit-missed tbody tr").all_inner_texts()
        assert missed and not any(re.search(r"(^|\s)0\s?%", row) for row in missed)
        person.to_bottom_by_hand()
        assert person.at_bottom() and person.in_view(page.locator("table.kit-scores tr").last)
        person.screenshot("dashboard_phone_en_end")
        person.reach(page.locator(".kit-lang-switch button").first)
        person.tap(page.get_by_role("button", name="Svenska"))
        page.wait_for_function("document.querySelector('.kit-room h3').innerText === 'Bedömningar per fall'", timeout=30_000)
        person.looks_right("sv")
        person.screenshot("dashboard_phone_sv")
    finally:
        person.close()


def test_laptop_keyboard_only(browser, trainer_server):
    person = Person(browser, LAPTOP)
    try:
        page = person.open(trainer_server + "/voila/render/trainer_dashboard.ipynb?lang=en", ".kit-trainer-key input")
        person.tab_to(page.locator(".kit-trainer-key input"))
        person.type(KEY)
        person.press("Enter")
        page.wait_for_selector(".kit-room table.kit-verdicts", timeout=60_000)
        person.screenshot("dashboard_laptop_en")
        person.looks_right("en")
        person.tab_to(page.locator(".kit-projector-toggle"))
        person.press("Space")
        page.wait_for_selector(".kit-dashboard.kit-projector", timeout=15_000)
        person.looks_right("en")
        person.tap(page.locator("main h2").first)  # a click on text: keys move the page, not a control
        person.press("End")
        page.wait_for_timeout(400)
        assert person.at_bottom() and person.in_view(page.locator("table.kit-scores tr").last)
        person.screenshot("dashboard_laptop_large_en_end")
    finally:
        person.close()

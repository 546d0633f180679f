"""A trainer who leads two rooms (a hub trainer's server holds both: STROM_KIT_ROOMS) chooses the room
on the dashboard with real input, on a phone in Swedish and on a projector in English: the chooser is
labelled and easy to hit, the chosen room is the one led (its lead is stored, the other room's is
not), and switching back shows the first room as it is."""

from __future__ import annotations

import os

import pytest

from support.person import PHONE, PROJECTOR, Person
from support.server_process import TRAINER_KEY

pytestmark = pytest.mark.slow

DASHBOARD = f"/voila/render/trainer_dashboard.ipynb?key={TRAINER_KEY}"
ROOMS = ("norra-salen", "sodra-salen")


@pytest.fixture(scope="module")
def two_rooms_server(tmp_path_factory):
    """`strom-kit serve` whose dashboard may lead two rooms, over a store the test reads: (base, database URL)."""
    from kit.store.lead import ROOM_ENV, ROOMS_ENV
    from support.server_process import served

    folder = tmp_path_factory.mktemp("two_rooms")
    saved = {name: os.environ.get(name) for name in (ROOM_ENV, ROOMS_ENV)}
    os.environ[ROOM_ENV], os.environ[ROOMS_ENV] = ROOMS[0], ",".join(ROOMS)
    try:
        server = served(folder)
        base = next(server)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    yield base, f"sqlite:///{folder / 'answers.sqlite'}"
    next(server, None)


def lead_of(db_url: str, room: str):
    from kit.store import open_store
    from kit.store.lead import RoomLead

    store = open_store(db_url)
    try:
        return RoomLead(store, room).read()
    finally:
        store.close()


def test_phone_the_trainer_chooses_the_second_room_and_leads_it(browser, two_rooms_server):
    from kit.apps.case_picker import case_title
    from kit.apps.classifier import select_cases

    base, db_url = two_rooms_server
    trainer = Person(browser, PHONE)
    page = trainer.page
    try:
        trainer.open(base + DASHBOARD, ".kit-lead-panel .kit-lead-start")
        chooser = page.locator(".kit-lead-room-list select")
        trainer.reach(chooser)
        label = " ".join(page.locator(".kit-lead-room-list label").inner_text().split())
        assert label == "Rum att leda"
        assert chooser.bounding_box()["height"] >= 44  # a finger's target on a phone
        assert page.locator(".kit-lead-room-list option").all_inner_texts() == list(ROOMS)
        trainer.choose(".kit-lead-room-list select", ROOMS[1])
        case = select_cases("all")[1]
        trainer.reach(page.locator(".kit-lead-case-list select"))
        trainer.choose(".kit-lead-case-list select", f"2. {case_title(case, 'sv')}")
        trainer.reach(page.locator(".kit-lead-start"))
        trainer.tap(page.locator(".kit-lead-start"))
        page.wait_for_function("document.querySelector('.kit-lead-status').innerText.includes('Svar hittills: 0')",
                               timeout=30_000)
        trainer.reach(chooser)
        trainer.screenshot("lead_two_rooms_phone_sv")
        trainer.looks_right("sv")
    finally:
        trainer.close()
    second, first = lead_of(db_url, ROOMS[1]), lead_of(db_url, ROOMS[0])
    assert second is not None and second.leading and second.base_item == case.id
    assert first is None or not first.leading  # the room not chosen is not led


def test_projector_switching_back_shows_the_first_room_as_it_is(browser, two_rooms_server):
    base, db_url = two_rooms_server
    trainer = Person(browser, PROJECTOR)
    page = trainer.page
    try:
        trainer.open(base + DASHBOARD, ".kit-lead-panel .kit-lead-start")
        trainer.reach(page.locator(".kit-lang-switch button").first)
        trainer.tap(page.get_by_role("button", name="English"))
        page.wait_for_function("document.querySelector('.kit-lead-room-list label').innerText.includes('Room to lead')",
                               timeout=15_000)
        trainer.reach(page.locator(".kit-lead-room-list select"))
        trainer.choose(".kit-lead-room-list select", ROOMS[1])
        page.wait_for_function("document.querySelector('.kit-lead-status').innerText.includes('Answers so far')",
                               timeout=15_000)  # the room led from the phone
        trainer.choose(".kit-lead-room-list select", ROOMS[0])
        page.wait_for_function("!document.querySelector('.kit-lead-status').innerText.includes('Answers so far')",
                               timeout=15_000)  # the first room is not led
        trainer.screenshot("lead_two_rooms_projector_en")
        trainer.looks_right("en")
    finally:
        trainer.close()
    assert lead_of(db_url, ROOMS[1]).leading

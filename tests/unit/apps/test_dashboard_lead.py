"""The dashboard's lead panel without a browser: cases by their titles, start, close (the room's
distribution per part appears), reveal (the key), next, stop; both languages; a reloaded dashboard
finds the room as it was."""

from __future__ import annotations

import re

import pytest

from kit.apps.trainer_key import KeyPolicy

KEY = "lead-the-room-1"
RAW = re.compile(r">[^<]*\b[a-z]+_[a-z_]+\b[^<]*<|\bNone\b|\bNaN\b")


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    monkeypatch.setenv("STROM_KIT_DB", f"sqlite:///{tmp_path / 'answers.sqlite'}")
    monkeypatch.setenv("QUERY_STRING", "lang=en")


def dashboard():
    from kit.apps.dashboard import TrainerDashboard

    return TrainerDashboard(policy=KeyPolicy(KEY, True), key=KEY)


def participant(name):
    from kit.apps.classifier import CaseClassifier

    app = CaseClassifier(case_set="seed", participant=name)
    app._reveal()
    return app


def test_a_locked_dashboard_shows_no_lead_panel(scratch):
    from kit.apps.dashboard import TrainerDashboard

    locked = TrainerDashboard(policy=KeyPolicy(KEY, True), key="wrong-key-1")
    assert locked.room.layout.display == "none" and locked.lead.widget in locked.room.children


def test_cases_are_chosen_by_title_and_the_room_is_led_to_the_end(scratch):
    dash = dashboard()
    panel = dash.lead
    labels = [label for label, _ in panel.case_list.options]
    assert labels and all(re.match(r"^\d+\. [A-ZÅÄÖ]", label) for label in labels) and not any("_" in label for label in labels)
    assert "own pace" in panel.status.value and panel.actions.layout.display == "none"
    first = panel.cases[0]
    panel.case_list.value = first.id
    panel.start_button.click()
    assert panel.actions.layout.display is None and "Answering is open. Answers so far: 0." in panel.status.value
    ada, bo = participant("Ada"), participant("Bo")
    for app, verdict in ((ada, True), (bo, False)):
        app.lead.poll()
        assert app.current.id == first.id
        app.verdict.value = verdict
        app.check_answer()
    panel.refresh()
    assert "Answers so far: 2." in panel.status.value and "once you have closed answering" in panel.distribution.value
    panel.close_button.click()
    assert panel.close_button.disabled and "Answering is closed. Answers: 2." in panel.status.value
    assert "The room&#x27;s answers, part by part" in panel.distribution.value and 'aria-label="' in panel.distribution.value
    assert panel.distribution.value.count("<tr>") == 1 + 7  # the heading row and one row per part of the answer (verdict … first contacts)
    assert not RAW.search(panel.distribution.value)
    panel.reveal_button.click()
    assert panel.reveal_button.disabled and "The key: " in panel.key.value and "Explanation" in panel.key.value
    dash.shell.set_language("sv")
    assert "Facit visas för rummet" in panel.status.value and "Facit: " in panel.key.value and "Rummets svar" in panel.distribution.value
    dash.shell.set_language("en")
    panel.next_button.click()
    assert panel.state.base_item == panel.cases[1].id and panel.key.value == "" and panel.state.answering_open
    assert panel.case_list.value == panel.cases[1].id
    again = dashboard()  # the trainer reloads the dashboard: the room as it is
    again.lead.open()
    assert again.lead.state.base_item == panel.cases[1].id and again.lead.actions.layout.display is None
    panel.stop_button.click()
    assert "own pace" in panel.status.value and panel.actions.layout.display == "none"


def test_next_is_disabled_on_the_last_case(scratch):
    panel = dashboard().lead
    panel.start(panel.cases[-1].id)
    assert panel.next_button.disabled and "last case in the list" in panel.status.value
    panel.next_case()
    assert panel.state.base_item == panel.cases[-1].id


def test_a_store_without_the_rooms_table_is_said_in_the_panel_and_the_rest_works(scratch, tmp_path):
    """A database whose role may not read the room's lead (a hub that gives no rights on it)."""
    from sqlalchemy import create_engine, text

    dash = dashboard()
    engine = create_engine(f"sqlite:///{tmp_path / 'answers.sqlite'}")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE rooms"))
    engine.dispose()
    dash.lead.open()
    assert "The room cannot be led from this server: no such table: rooms" in dash.lead.status.value
    assert dash.lead.start_button.disabled and dash.lead.actions.layout.display == "none"
    dash.update()
    assert "kit-room" not in dash.shell.status.value and "error" not in dash.shell.status.value.lower()



@pytest.fixture
def two_rooms(scratch, monkeypatch):
    """A hub trainer's server that leads the rooms north and Malmö-öst (kit.hub.pages.landing)."""
    monkeypatch.setenv("STROM_KIT_ROOM", "north")
    monkeypatch.setenv("STROM_KIT_ROOMS", "north,Malmö-öst")


def room_lead(room):
    """The room's lead as a participant's server reads it (its own store, kit.store.RoomLead)."""
    from kit.store import RoomLead, open_store

    store = open_store()  # $STROM_KIT_DB: the scratch store
    try:
        return RoomLead(store, room).read()
    finally:
        store.close()


def test_a_trainer_of_two_rooms_chooses_the_room_by_its_name_and_leads_it(two_rooms):
    dash = dashboard()
    panel = dash.lead
    assert panel.room_list in panel.widget.children[1].children and "kit-lead-room-list" in panel.room_list._dom_classes
    assert panel.room_list.options == ("north", "Malmö-öst") and panel.room_list.value == "north"
    assert panel.room_list.description == "Room to lead"
    dash.shell.set_language("sv")
    assert panel.room_list.description == "Rum att leda" and panel.room_list.options == ("north", "Malmö-öst")
    dash.shell.set_language("en")
    first, second = panel.cases[0], panel.cases[1]
    panel.start(first.id)  # north works on the first case
    panel.room_list.value = "Malmö-öst"
    assert panel.room == "Malmö-öst" and panel.state is None and "own pace" in panel.status.value
    assert panel.actions.layout.display == "none"
    panel.case_list.value = second.id
    panel.start_button.click()
    assert room_lead("Malmö-öst").base_item == second.id and room_lead("north").base_item == first.id
    panel.close_button.click()
    assert not room_lead("Malmö-öst").answering_open and room_lead("north").answering_open
    panel.reveal_button.click()
    assert room_lead("Malmö-öst").key_revealed and not room_lead("north").key_revealed and "The key: " in panel.key.value
    panel.room_list.value = "north"  # back: the north room as it is, its case in the list, no key
    assert panel.state.base_item == first.id and panel.case_list.value == first.id and panel.key.value == ""
    assert "Answering is open. Answers so far: 0." in panel.status.value
    panel.next_button.click()
    assert room_lead("north").base_item == second.id and room_lead("Malmö-öst").key_revealed
    panel.stop_button.click()
    assert not room_lead("north").leading and room_lead("Malmö-öst").leading
    panel.choose_room("south")  # not a room this server leads: nothing changes
    assert panel.room == "north" and panel.room_list.value == "north"


def test_switching_rooms_shows_that_rooms_answers(two_rooms, monkeypatch):
    panel = dashboard().lead
    case = panel.cases[0]
    panel.room_list.value = "Malmö-öst"
    panel.start(case.id)
    monkeypatch.setenv("STROM_KIT_ROOM", "Malmö-öst")  # a participant's server in that room
    ada = participant("Ada")
    ada.lead.poll()
    assert ada.current.id == case.id
    ada.verdict.value = True
    ada.check_answer()
    panel.close()
    assert "Answers: 1." in panel.status.value and "part by part" in panel.distribution.value
    panel.room_list.value = "north"
    assert "own pace" in panel.status.value and panel.distribution.value == ""
    panel.start(panel.cases[1].id)
    assert "Answers so far: 0." in panel.status.value and room_lead("north").base_item == panel.cases[1].id
    panel.room_list.value = "Malmö-öst"  # back: that room's case, closed, with its answer
    assert "Answering is closed. Answers: 1." in panel.status.value and "part by part" in panel.distribution.value


def test_two_rooms_on_the_same_case_count_only_their_own_answers(two_rooms, monkeypatch):
    panel = dashboard().lead
    case = panel.cases[0]
    panel.start(case.id)  # north
    panel.room_list.value = "Malmö-öst"
    panel.start(case.id)  # the same case in Malmö-öst
    monkeypatch.setenv("STROM_KIT_ROOM", "Malmö-öst")  # a participant's server in that room
    ada = participant("Ada")
    ada.lead.poll()
    ada.verdict.value = True
    ada.check_answer()
    panel.refresh()
    assert "Answers so far: 1." in panel.status.value
    panel.room_list.value = "north"
    assert panel.state.base_item == case.id and "Answers so far: 0." in panel.status.value
    panel.start(case.id)  # north chooses the case again: still none of Malmö-öst's answers
    assert "Answers so far: 0." in panel.status.value


def test_one_room_shows_no_room_chooser(scratch, monkeypatch):
    monkeypatch.setenv("STROM_KIT_ROOM", "north")
    monkeypatch.setenv("STROM_KIT_ROOMS", "north")
    panel = dashboard().lead
    assert panel.rooms == ("north",) and all(panel.room_list not in getattr(box, "children", ()) for box in panel.widget.children)
    assert len(panel.widget.children) == 6
    panel.start(panel.cases[0].id)
    assert room_lead("north").base_item == panel.cases[0].id


def test_a_bad_list_of_rooms_is_said_in_the_panel(scratch, monkeypatch):
    monkeypatch.setenv("STROM_KIT_ROOMS", "north,,east")
    dash = dashboard()
    dash.lead.open()
    assert "The room cannot be led from this server: STROM_KIT_ROOMS=" in dash.lead.status.value
    assert dash.lead.start_button.disabled and dash.lead.room_list not in dash.lead.widget.children

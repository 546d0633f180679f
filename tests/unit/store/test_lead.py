"""The room a trainer leads, as the store keeps it: choose a case, close answering, reveal the key,
stop; each change raises the revision participants' pages watch; the room's answers are those to
its case and seed only; bad input is refused with the reason."""

from __future__ import annotations

import pytest

from kit.store import LeadState, RoomLead, StoreError, open_store, room_name
from kit.store.lead import DEFAULT_ROOM, ROOM_ENV, ROOMS_ENV, rooms_led

CASE = "seed_boys_forced_to_steal"


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'answers.sqlite'}")
    yield opened
    opened.close()


def test_a_room_never_led_is_self_paced(store):
    lead = RoomLead(store, "room")
    assert lead.read() is None and lead.answers() == []
    assert lead.stop() is None  # stopping a room nobody leads changes nothing
    assert lead.read() is None
    with pytest.raises(StoreError, match="not led: choose a case"):
        lead.close_answering()
    with pytest.raises(StoreError, match="not led"):
        lead.reveal_key()


def test_choose_close_reveal_move_on_and_stop(store):
    lead = RoomLead(store, "room")
    chosen = lead.choose("classifier", CASE)
    assert isinstance(chosen, LeadState) and chosen.leading
    assert (chosen.app, chosen.base_item, chosen.seed, chosen.answering_open, chosen.key_revealed, chosen.revision) == (
        "classifier", CASE, None, True, False, 1)
    closed = lead.close_answering()
    assert (closed.answering_open, closed.key_revealed, closed.revision) == (False, False, 2)
    revealed = lead.reveal_key()
    assert (revealed.answering_open, revealed.key_revealed, revealed.revision) == (False, True, 3)
    moved = lead.choose("classifier", "other_case", seed=7)  # the next case: answering open again, key hidden
    assert (moved.base_item, moved.seed, moved.answering_open, moved.key_revealed, moved.revision) == (
        "other_case", "7", True, False, 4)
    stopped = lead.stop()
    assert stopped is not None and not stopped.leading and stopped.answering_open and not stopped.key_revealed
    assert stopped.revision == 5 and lead.read() == stopped
    assert RoomLead(store, "another").read() is None  # rooms are apart


def test_every_page_reads_the_same_row_through_its_own_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'answers.sqlite'}"
    trainer, participant = open_store(url), open_store(url)
    RoomLead(trainer).choose("classifier", CASE, 2)
    seen = RoomLead(participant).read()
    assert seen is not None and (seen.room, seen.base_item, seen.seed) == (DEFAULT_ROOM, CASE, "2")
    trainer.close()
    participant.close()


def test_the_rooms_answers_are_those_to_its_case_and_seed(store):
    store.record("a", "classifier", CASE, {"trafficking": True})
    three = store.record("b", "classifier", f"{CASE}_v3", {"trafficking": False}, base_item=CASE, seed=3)
    store.record("c", "classifier", f"{CASE}_v4", {"trafficking": False}, base_item=CASE, seed=4)
    store.record("d", "nrm_planner", CASE, {"steps": []})
    lead = RoomLead(store)
    lead.choose("classifier", CASE, 3)
    assert [a.id for a in lead.answers()] == [three]
    lead.choose("classifier", CASE)
    assert [(a.participant, a.seed) for a in lead.answers()] == [("a", None)]


def test_the_room_comes_from_the_environment(monkeypatch, store):
    monkeypatch.delenv(ROOM_ENV, raising=False)
    assert room_name() == DEFAULT_ROOM
    monkeypatch.setenv(ROOM_ENV, "north-1")
    assert RoomLead(store).room == "north-1"


@pytest.mark.parametrize("room", ["", "a room; drop", "x" * 41])
def test_a_bad_room_name_is_refused(store, room):
    with pytest.raises(StoreError, match="not a valid room name"):
        RoomLead(store, room)


@pytest.mark.parametrize(("app", "case", "seed", "message"), [
    ("classifier", "<script>", None, "case '<script>' is not a valid id"),
    ("class ifier", CASE, None, "app 'class ifier' is not a valid id"),
    ("classifier", CASE, "3;4", "seed '3;4' is not a valid seed"),
])
def test_a_bad_case_is_refused_and_nothing_is_stored(store, app, case, seed, message):
    lead = RoomLead(store)
    with pytest.raises(StoreError, match=message.replace("(", r"\(")):
        lead.choose(app, case, seed)
    assert lead.read() is None


def test_a_server_leads_its_own_room_first_then_the_rooms_listed_for_it(monkeypatch):
    monkeypatch.delenv(ROOM_ENV, raising=False)
    monkeypatch.delenv(ROOMS_ENV, raising=False)
    assert rooms_led() == (DEFAULT_ROOM,)  # `strom-kit serve`, and every participant: one room
    monkeypatch.setenv(ROOM_ENV, "north")
    assert rooms_led() == ("north",)
    monkeypatch.setenv(ROOMS_ENV, "north,Malmö-2")
    assert rooms_led() == ("north", "Malmö-2") and room_name() == "north"
    monkeypatch.setenv(ROOMS_ENV, " east , north,east ")  # spaces around names; each room once, the own room first
    assert rooms_led() == ("north", "east")
    monkeypatch.setenv(ROOMS_ENV, "  ")
    assert rooms_led() == ("north",)


@pytest.mark.parametrize("listed", ["north,,east", "north,", "north;east", "north,sö der", "x" * 41, "north,east\nsouth"])
def test_a_bad_list_of_rooms_is_refused_in_one_line(monkeypatch, listed):
    monkeypatch.setenv(ROOM_ENV, "north")
    monkeypatch.setenv(ROOMS_ENV, listed)
    with pytest.raises(StoreError, match=f"^{ROOMS_ENV}=.* is not a list of room names") as refused:
        rooms_led()
    assert "\n" not in str(refused.value)


def test_a_bad_own_room_is_refused_too(monkeypatch):
    monkeypatch.setenv(ROOM_ENV, "north\n")
    monkeypatch.setenv(ROOMS_ENV, "east")
    with pytest.raises(StoreError, match="is not a valid room name"):
        rooms_led()

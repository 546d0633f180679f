"""The room a trainer leads, as the store keeps it: choose a case, close answering, reveal the key,
stop; each change raises the revision participants' pages watch; the room's answers are those given
in the room to its case and seed since the trainer chose it; bad input is refused with the reason."""

from __future__ import annotations

import pytest

from kit.store import LeadState, RoomLead, StoreError, open_store, room_name
from kit.store.lead import DEFAULT_ROOM, ROOM_ENV, ROOMS_ENV, rooms_led
from kit.store.schema import rooms as rooms_table

CASE = "seed_boys_forced_to_steal"


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
    lead = RoomLead(store)
    lead.choose("classifier", CASE, 3)
    store.record("a", "classifier", CASE, {"trafficking": True}, room="room")
    three = store.record("b", "classifier", f"{CASE}_v3", {"trafficking": False}, base_item=CASE, seed=3, room="room")
    store.record("c", "classifier", f"{CASE}_v4", {"trafficking": False}, base_item=CASE, seed=4, room="room")
    store.record("d", "nrm_planner", CASE, {"steps": []}, room="room")
    assert [a.id for a in lead.answers()] == [three]
    lead.choose("classifier", CASE)
    store.record("a", "classifier", CASE, {"trafficking": False}, room="room")
    assert [(a.participant, a.seed, a.answer) for a in lead.answers()] == [("a", None, {"trafficking": False})]


def test_the_room_counts_only_answers_given_in_it_since_its_case_was_chosen(store):
    store.record("early", "classifier", CASE, {"trafficking": True}, room="room")  # last week, same room
    lead = RoomLead(store, "room")
    chosen = lead.choose("classifier", CASE)
    assert chosen.chosen_at is not None
    store.record("elsewhere", "classifier", CASE, {"trafficking": True}, room="north")  # another room, same case, now
    store.record("no-room", "classifier", CASE, {"trafficking": True})  # no room named
    here = store.record("here", "classifier", CASE, {"trafficking": False}, room="room")
    assert [a.id for a in lead.answers()] == [here] and lead.answers()[0].room == "room"
    closed = lead.close_answering()  # closing and revealing keep counting from the choice
    assert closed.chosen_at == chosen.chosen_at and [a.id for a in lead.answers(closed)] == [here]
    revealed = lead.reveal_key()
    assert revealed.chosen_at == chosen.chosen_at and [a.id for a in lead.answers(revealed)] == [here]


def test_two_rooms_on_the_same_case_see_their_own_answers(store):
    north, east = RoomLead(store, "north"), RoomLead(store, "east")
    north.choose("classifier", CASE)
    east.choose("classifier", CASE)
    in_north = store.record("a", "classifier", CASE, {"trafficking": True}, room="north")
    in_east = store.record("b", "classifier", CASE, {"trafficking": False}, room="east")
    assert [a.id for a in north.answers()] == [in_north] and [a.id for a in east.answers()] == [in_east]


def test_next_starts_counting_afresh(store):
    lead = RoomLead(store, "room")
    lead.choose("classifier", CASE)
    first = store.record("a", "classifier", CASE, {"trafficking": True}, room="room")
    assert [a.id for a in lead.answers()] == [first]
    lead.choose("classifier", "other_case")  # the trainer's "next"
    assert lead.answers() == []
    other = store.record("a", "classifier", "other_case", {"trafficking": True}, room="room")
    assert [a.id for a in lead.answers()] == [other]
    lead.choose("classifier", CASE)  # back to the first case: its earlier answer is not counted again
    assert lead.answers() == []


def test_an_answer_given_self_paced_before_the_room_is_led_is_replaced_by_the_one_given_in_the_room(store):
    store.record("ada", "classifier", CASE, {"trafficking": False}, room="room")  # self-paced, nobody leads
    lead = RoomLead(store, "room")
    lead.choose("classifier", CASE)
    again = store.record("ada", "classifier", CASE, {"trafficking": True}, room="room")
    answers = lead.answers()
    assert [(a.id, a.participant, a.answer) for a in answers] == [(again, "ada", {"trafficking": True})]
    assert len({a.participant for a in answers}) == 1  # the dashboard's count


def test_a_room_chosen_before_the_store_kept_the_moment_counts_as_before_but_not_other_rooms(store):
    """A room led while its store was upgraded to revision 0005: no `chosen_at`."""
    old = store.record("a", "classifier", CASE, {"trafficking": True})  # written before answers kept their room
    lead = RoomLead(store, "room")
    lead.choose("classifier", CASE)
    with store.engine.begin() as connection:
        connection.execute(rooms_table.update().values(chosen_at=None))
    store.record("b", "classifier", CASE, {"trafficking": True}, room="north")
    here = store.record("c", "classifier", CASE, {"trafficking": False}, room="room")
    state = lead.read()
    assert state is not None and state.chosen_at is None and state.leading
    assert [a.id for a in lead.answers(state)] == [old, here]


@pytest.mark.parametrize("room", ["", "a room", "x" * 41, "north\n", 7])
def test_an_answer_with_a_bad_room_is_refused_and_not_stored(store, room):
    with pytest.raises(StoreError, match="is not a valid room name"):
        store.record("a", "classifier", CASE, {"trafficking": True}, room=room)
    assert store.count() == 0


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

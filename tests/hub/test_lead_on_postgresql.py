"""A room led by its trainer on the hub's PostgreSQL: each account's own database role, row security.

The trainer's server writes the room's lead with the trainer's role; each participant's server reads
it with the participant's role. A trainer leads only the rooms it leads; a participant reads only
its own room's lead and changes none; where a server runs comes from the account (kit.hub.pages).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_trainer_leads_their_room_and_only_its_participants_follow(postgres):
    from kit.hub.database import Membership, grant, prepare
    from kit.store import RoomLead, StoreError, open_store

    admin = postgres.admin_url("lead_roles")
    prepare(admin)  # the store's migrations (the rooms table), then the roles and policies
    members = {"tess": Membership("tess", trainer_of=("north",)), "ada": Membership("ada", rooms=("north",)),
               "bo": Membership("bo", rooms=("south",))}
    urls = {name: grant(admin, member, f"{n:032x}") for n, (name, member) in enumerate(members.items(), 1)}
    stores = {name: open_store(url) for name, url in urls.items()}
    try:
        state = RoomLead(stores["tess"], "north").choose("classifier", "boys", seed=3)
        assert state.leading and state.answering_open and state.revision == 1
        followed = RoomLead(stores["ada"], "north").read()  # a participant of the room sees the trainer's case
        assert followed is not None and (followed.base_item, followed.seed) == ("boys", "3")
        assert RoomLead(stores["bo"], "north").read() is None  # another room's participant sees nothing of it

        assert RoomLead(stores["tess"], "north").reveal_key().key_revealed
        assert RoomLead(stores["ada"], "north").read().key_revealed

        for name, room in (("ada", "north"), ("bo", "south"), ("tess", "south")):  # nobody else leads
            with pytest.raises(StoreError, match="not yours to lead"):
                RoomLead(stores[name], room).choose("classifier", "girls")
        assert RoomLead(stores["ada"], "north").read().base_item == "boys"  # untouched by the refused attempts
        assert RoomLead(stores["tess"], "south").read() is None

        assert RoomLead(stores["tess"], "north").stop() is not None
        assert not RoomLead(stores["ada"], "north").read().leading
    finally:
        for store in stores.values():
            store.close()


def test_a_trainer_of_two_rooms_leads_both_and_still_not_a_third(postgres):
    from kit.hub.database import Membership, grant, prepare
    from kit.store import RoomLead, StoreError, open_store

    admin = postgres.admin_url("lead_two_rooms")
    prepare(admin)
    members = {"tess": Membership("tess", trainer_of=("north", "east")), "ada": Membership("ada", rooms=("north",)),
               "eve": Membership("eve", rooms=("east",)), "bo": Membership("bo", rooms=("south",))}
    urls = {name: grant(admin, member, f"{n:032x}") for n, (name, member) in enumerate(members.items(), 1)}
    stores = {name: open_store(url) for name, url in urls.items()}
    try:
        RoomLead(stores["tess"], "north").choose("classifier", "boys")
        RoomLead(stores["tess"], "east").choose("classifier", "girls", seed=2)
        assert RoomLead(stores["tess"], "east").close_answering().answering_open is False
        assert RoomLead(stores["ada"], "north").read().base_item == "boys"  # each room follows its own case
        east = RoomLead(stores["eve"], "east").read()
        assert east is not None and (east.base_item, east.seed, east.answering_open) == ("girls", "2", False)
        assert RoomLead(stores["eve"], "north").read() is None  # and sees nothing of the other room
        with pytest.raises(StoreError, match="not yours to lead"):
            RoomLead(stores["tess"], "south").choose("classifier", "boys")
        assert RoomLead(stores["tess"], "south").read() is None and RoomLead(stores["bo"], "south").read() is None
        assert RoomLead(stores["tess"], "north").stop() is not None and RoomLead(stores["tess"], "east").stop() is not None
        assert not RoomLead(stores["ada"], "north").read().leading and not RoomLead(stores["eve"], "east").read().leading
    finally:
        for store in stores.values():
            store.close()


def test_a_trainer_of_two_rooms_on_the_same_case_sees_each_rooms_answers_apart(postgres):
    """Participants' roles store their answers with their room (revision 0005's column); a room's
    figures are the answers given in it since its case was chosen."""
    from kit.hub.database import Membership, grant, prepare
    from kit.store import RoomLead, open_store

    admin = postgres.admin_url("lead_answers_apart")
    prepare(admin)
    members = {"tess": Membership("tess", trainer_of=("north", "east")), "ada": Membership("ada", rooms=("north",)),
               "eve": Membership("eve", rooms=("east",))}
    urls = {name: grant(admin, member, f"{n:032x}") for n, (name, member) in enumerate(members.items(), 1)}
    stores = {name: open_store(url) for name, url in urls.items()}
    try:
        stores["ada"].record("ada", "classifier", "boys", {"trafficking": False}, room="north")  # before the choice
        north, east = RoomLead(stores["tess"], "north"), RoomLead(stores["tess"], "east")
        north.choose("classifier", "boys")
        east.choose("classifier", "boys")
        in_north = stores["ada"].record("ada", "classifier", "boys", {"trafficking": True}, room="north")
        in_east = stores["eve"].record("eve", "classifier", "boys", {"trafficking": True}, room="east")
        assert [(a.id, a.room) for a in north.answers()] == [(in_north, "north")]
        assert [(a.id, a.room) for a in east.answers()] == [(in_east, "east")]
        north.choose("classifier", "boys")  # chosen again: counted afresh
        assert north.answers() == [] and [a.id for a in east.answers()] == [in_east]
        from sqlalchemy.exc import ProgrammingError

        with pytest.raises(ProgrammingError, match="row-level security"):  # nobody adds to another room's figures
            stores["eve"].record("eve", "classifier", "boys", {"trafficking": False}, room="north")
        assert north.answers() == []
        stores["eve"].record("eve", "quiz", "s1", {"principle": "x"}, room="room")  # a self-paced server's default room
    finally:
        for store in stores.values():
            store.close()


def test_a_hub_store_at_revision_4_with_a_led_room_is_upgraded_and_the_room_still_reads(postgres):
    """Revision 0005 on PostgreSQL: answers and a room led at 0004 are kept (no room, no moment of
    choice), the roles still add answers, and the trainer's room reads its case's answers as before."""
    from sqlalchemy import create_engine, text

    from kit.hub.database import Membership, grant, prepare
    from kit.store import RoomLead, open_store
    from kit.store.migrate import _run, stored_revision
    from kit.store.schema import HEAD_REVISION

    admin = postgres.admin_url("lead_upgrade")
    prepare(admin)
    engine = create_engine(admin)
    with engine.connect() as connection, connection.begin():
        _run(connection, "downgrade", "0004")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO answers (participant, app, item, answer, score, lang, created_at, base_item, seed) "
                                "VALUES ('ada', 'classifier', 'boys', '{\"trafficking\": true}', 1.0, 'sv', 1700000000.0, 'boys', NULL)"))
        connection.execute(text("INSERT INTO rooms (room, app, base_item, seed, revision, changed_at) "
                                "VALUES ('north', 'classifier', 'boys', NULL, 1, 1700000000.0)"))
    assert stored_revision(engine) == "0004"
    engine.dispose()
    prepare(admin)  # the hub starts with the new kit: the store is upgraded, the policies set again
    members = {"tess": Membership("tess", trainer_of=("north",)), "ada": Membership("ada", rooms=("north",))}
    urls = {name: grant(admin, member, f"{n:032x}") for n, (name, member) in enumerate(members.items(), 1)}
    stores = {name: open_store(url) for name, url in urls.items()}
    try:
        assert stored_revision(stores["ada"].engine) == HEAD_REVISION
        (kept,) = stores["ada"].answers()
        assert (kept.participant, kept.base_item, kept.answer, kept.room) == ("ada", "boys", {"trafficking": True}, None)
        lead = RoomLead(stores["tess"], "north")
        state = lead.read()
        assert state is not None and state.chosen_at is None and state.base_item == "boys"
        again = stores["ada"].record("ada", "classifier", "boys", {"trafficking": False}, room="north")
        assert [a.id for a in lead.answers(state)] == [kept.id, again]
    finally:
        for store in stores.values():
            store.close()


def test_each_server_belongs_to_its_accounts_room():
    from kit.hub.accounts import Account
    from kit.hub.pages import landing
    from kit.store.lead import ROOM_ENV, ROOMS_ENV

    trainer = Account("tess", "trainer", "x", leads=("north", "east"))
    participant = Account("ada", "participant", "x", rooms=("north",))
    student = Account("sam", "student", "x", courses=("c1",))
    assert landing(trainer, "postgresql://t", "sv")[1][ROOM_ENV] == "north"
    assert landing(participant, "postgresql://a", "en")[1][ROOM_ENV] == "north"
    assert ROOM_ENV not in landing(student, "postgresql://s", "sv")[1]  # a student works alone: the kit's one room
    assert ROOMS_ENV not in landing(participant, "postgresql://a", "en")[1] and ROOMS_ENV not in landing(student, "x", "sv")[1]


def test_a_trainer_of_two_rooms_gets_both_first_one_leading(monkeypatch):
    from kit.hub.accounts import Account
    from kit.hub.pages import landing
    from kit.store.lead import ROOM_ENV, ROOMS_ENV, rooms_led

    _, environment = landing(Account("tess", "trainer", "x", leads=("north", "east")), "postgresql://t", "sv")
    assert (environment[ROOM_ENV], environment[ROOMS_ENV]) == ("north", "north,east")
    for name in (ROOM_ENV, ROOMS_ENV):
        monkeypatch.setenv(name, environment[name])
    assert rooms_led() == ("north", "east")  # what the trainer's dashboard offers (kit.apps.dashboard_lead)
    assert landing(Account("una", "trainer", "x", leads=("west",)), "postgresql://u", "sv")[1][ROOMS_ENV] == "west"

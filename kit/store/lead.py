"""A room the trainer leads: the case everyone works on, answering open or closed, the key shown or not.

The trainer's dashboard writes the room's row (`RoomLead`); each participant's page reads it by
primary key (`RoomLead.read`, one small query) and follows: it moves to the room's case, disables
Check while answering is closed, shows the key once it is revealed. Every change raises the row's
`revision`, so a page acts on a change only. A room without a row, or whose row names no case,
is not led: everyone works at their own pace. A server belongs to one room ($STROM_KIT_ROOM); a
trainer's server on the hub may also lead the other rooms its trainer leads ($STROM_KIT_ROOMS).
Every answer is stored with its server's room, and the room's figures (`RoomLead.answers`) are the
answers given in the room to its case since the trainer chose it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError, ProgrammingError

from kit.store.answers import ROOM_NAME, AnswerStore, StoredAnswer
from kit.store.errors import StoreError
from kit.store.schema import answers as answers_table
from kit.store.schema import rooms as rooms_table

ROOM_ENV = "STROM_KIT_ROOM"
ROOMS_ENV = "STROM_KIT_ROOMS"  # comma-separated: every room a trainer's server may lead
DEFAULT_ROOM = "room"  # `strom-kit serve` is one room
_ITEM = re.compile(r"^[\w\-.:]{1,120}$")
_SEED = re.compile(r"^[\w\-.]{1,40}$")
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for a refused right or a row security check


def room_name() -> str:
    """The room this server's pages belong to: $STROM_KIT_ROOM, else the one room of `strom-kit serve`."""
    return os.environ.get(ROOM_ENV) or DEFAULT_ROOM


def rooms_led() -> tuple[str, ...]:
    """The rooms this server's dashboard may lead, its own room (`room_name()`) first, then those named in
    $STROM_KIT_ROOMS (comma-separated, in their order, each once); StoreError if a name is not a room name."""
    listed = os.environ.get(ROOMS_ENV, "")
    names = [name.strip() for name in listed.split(",")] if listed.strip() else []
    if not all(ROOM_NAME.fullmatch(name) for name in names):
        raise StoreError(f"{ROOMS_ENV}={listed!r} is not a list of room names: give each room 1-40 letters, digits, "
                         "'-', '_' or '.', separated by commas")
    return tuple(dict.fromkeys([valid_room(room_name()), *names]))


def valid_room(room: object) -> str:
    """`room` if it is a valid room name, else StoreError saying what one is."""
    if not isinstance(room, str) or not ROOM_NAME.fullmatch(room):
        raise StoreError(f"room {room!r} is not a valid room name: use 1-40 letters, digits, '-', '_' or '.'")
    return room


@dataclass(frozen=True, slots=True)
class LeadState:
    """What the trainer has set for a room (a page follows it)."""

    room: str
    app: str
    base_item: str | None  # None: not led
    seed: str | None
    answering_open: bool
    key_revealed: bool
    revision: int
    changed_at: float
    chosen_at: float | None = None  # when the trainer chose the case (None: chosen before the store kept it)

    @property
    def leading(self) -> bool:
        return self.base_item is not None


class RoomLead:
    """Read and change the lead of one room in `store`."""

    def __init__(self, store: AnswerStore, room: str | None = None):
        self.store, self.room = store, valid_room(room_name() if room is None else room)

    def read(self) -> LeadState | None:
        """The room's lead as stored (None: the trainer never led this room): one primary-key query."""
        table = rooms_table
        with self.store.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.room == self.room)).first()
        if row is None:
            return None
        return LeadState(row.room, row.app, row.base_item, row.seed, bool(row.answering_open), bool(row.key_revealed),
                         int(row.revision), float(row.changed_at), None if row.chosen_at is None else float(row.chosen_at))

    def choose(self, app: str, base_item: str, seed: int | str | None = None) -> LeadState:
        """The whole room works on `base_item` (with the variant `seed`) in `app` from now on (the room's
        answers are counted from this moment): answering open, key hidden."""
        if not isinstance(app, str) or not _ITEM.match(app):
            raise StoreError(f"app {app!r} is not a valid id")
        if not isinstance(base_item, str) or not _ITEM.match(base_item):
            raise StoreError(f"case {base_item!r} is not a valid id")
        seed_text = None if seed is None else str(seed)
        if seed_text is not None and not _SEED.match(seed_text):
            raise StoreError(f"seed {seed_text!r} is not a valid seed")
        return self._require(self._write(app=app, base_item=base_item, seed=seed_text, answering_open=True, key_revealed=False,
                                         chosen_at=time.time()))

    def close_answering(self) -> LeadState:
        """No more checks on the room's case (the participants' Check buttons are disabled)."""
        self._led()
        return self._require(self._write(answering_open=False))

    def reveal_key(self) -> LeadState:
        """Show the key and the teaching note on every page; answering closes with it."""
        self._led()
        return self._require(self._write(answering_open=False, key_revealed=True))

    def stop(self) -> LeadState | None:
        """Back to self-paced work: no room case, Check open, no key shown (None: never led)."""
        return self._write(base_item=None, seed=None, answering_open=True, key_revealed=False)

    def answers(self, state: LeadState | None = None) -> list[StoredAnswer]:
        """The answers given in this room to its case (that case and seed, in its app) since the
        trainer chose it, oldest first: what the room's count and distribution are drawn from (each
        participant's latest counts). A room whose case was chosen before the store kept the moment
        (`chosen_at` None, a store upgraded while the room was led) reads as before: every answer to
        its case, from any time, except those known to be given in another room."""
        state = self.read() if state is None else state
        if state is None or not state.leading:
            return []
        table = answers_table
        seed = table.c.seed.is_(None) if state.seed is None else table.c.seed == state.seed
        if state.chosen_at is None:
            given_here = or_(table.c.room == self.room, table.c.room.is_(None))
        else:
            given_here = (table.c.room == self.room) & (table.c.created_at >= state.chosen_at)
        query = (select(table).where(table.c.app == state.app, table.c.base_item == state.base_item, seed, given_here)
                 .order_by(table.c.id))
        with self.store.engine.connect() as connection:
            return [self.store.answer_of(row) for row in connection.execute(query)]

    # --- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _require(state: LeadState | None) -> LeadState:
        if state is None:
            raise StoreError("the room's lead was not stored: try again")
        return state

    def _led(self) -> LeadState:
        state = self.read()
        if state is None or not state.leading:
            raise StoreError("the room is not led: choose a case for the room first")
        return state

    def _write(self, **values: object) -> LeadState | None:
        """Update the room's row (revision + 1), or make it when `values` name a case; a second
        trainer making it at the same moment turns the insert into an update."""
        try:
            return self._upsert(values)
        except ProgrammingError as exc:
            if _sqlstate(exc) != INSUFFICIENT_PRIVILEGE:  # e.g. a store not yet migrated: say that, not "not yours"
                raise
            # on the hub: row security or missing rights (kit.hub.database)
            raise StoreError(f"the room {self.room!r} is not yours to lead: only its trainers can change its case") from None

    def _upsert(self, values: dict[str, object]) -> LeadState | None:
        table = rooms_table
        values["changed_at"] = time.time()
        for _ in range(2):
            with self.store.engine.begin() as connection:
                updated = connection.execute(table.update().where(table.c.room == self.room)
                                             .values(revision=table.c.revision + 1, **values))
            if updated.rowcount:
                return self.read()
            if values.get("base_item") is None:  # stopping a room that was never led: nothing to do
                return None
            try:
                with self.store.engine.begin() as connection:
                    connection.execute(table.insert().values(room=self.room, revision=1, **values))
                return self.read()
            except IntegrityError:
                continue
        raise StoreError(f"the room {self.room!r} could not be changed: try again")


def _sqlstate(exc: ProgrammingError) -> str | None:
    """The driver's SQLSTATE of a database error (psycopg 3: sqlstate, psycopg2: pgcode), if it has one."""
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)

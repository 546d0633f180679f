"""The answer store: record, restore and list participants' answers under pseudonyms."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from kit.store.errors import StoreError
from kit.store.migrate import upgrade_store
from kit.store.results import element_results
from kit.store.schema import answers as answers_table

DB_ENV = "STROM_KIT_DB"
_PSEUDONYM = re.compile(r"^[\w\-. ]{1,40}$")


def is_valid_pseudonym(name: str) -> bool:
    """1-40 letters, digits, spaces, '-', '_' or '.': a made-up name, nothing that could carry markup."""
    return isinstance(name, str) and bool(_PSEUDONYM.match(name))


def pseudonym_key(name: str) -> str:
    """The form a pseudonym is stored under: trimmed, inner spaces folded, case folded, so that
    "Lina", "lina " and a phone's capitalised "Lina" find the same answers."""
    return " ".join(name.split()).casefold()


_ITEM = re.compile(r"^[\w\-.:]{1,120}$")
_SEED = re.compile(r"^[\w\-.]{1,40}$")
ROOM_NAME = re.compile(r"^[\w\-.]{1,40}$")  # a room's name (kit.store.lead checks rooms by it too)
BUSY_TIMEOUT_SECONDS = 30

# An answer as an app hands it in: values by name, JSON-serialisable (record checks that when it stores it).
Answer = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One stored answer."""

    id: int
    participant: str
    app: str
    item: str
    answer: dict[str, Any]
    score: float | None
    lang: str
    created_at: float
    base_item: str | None = None  # the bank case behind a variant (None: written before the store kept it)
    seed: str | None = None  # the variant's seed; None for an item as it is in the bank
    elements: dict[str, dict[str, Any]] | None = None  # {element: {"score", "answered", "missed", "wrong"}}
    room: str | None = None  # the room it was given in (None: written before the store kept it)

    @property
    def base(self) -> str:
        """What the room groups this answer under: the bank case behind a variant, else the item."""
        return self.base_item or self.item


def default_url() -> str:
    """$STROM_KIT_DB, else a SQLite file in the user's data folder."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'strom-kit' / 'answers.sqlite'}"


def open_store(url: str | None = None) -> AnswerStore:
    """An answer store for `url` (default: see `default_url`), checked and ready, or StoreError."""
    return AnswerStore(url or default_url())


class AnswerStore:
    """Answers by participant, app and item; the latest answer to an item is the participant's.
    Opening a store brings its schema up to the kit's (kit.store.migrate)."""

    def __init__(self, url: str):
        self.url = url
        self._engine = _connect(url)
        self._table = answers_table

    def record(self, participant: str, app: str, item: str, answer: Answer, *,
               score: float | None = None, lang: str = "sv", base_item: str | None = None,
               seed: int | str | None = None, elements: Mapping[str, object] | None = None, room: str | None = None) -> int:
        """Store an answer; returns its id once committed (the acknowledgement). `base_item` is the
        bank case behind a variant (default: the item itself), `seed` the variant's seed, `elements`
        the answer's result per element (see kit.store.results), `room` the room it was given in
        (a led room counts only its own answers, kit.store.lead)."""
        _check_name("participant", participant, _PSEUDONYM)
        _check_name("app", app, _ITEM)
        _check_name("item", item, _ITEM)
        base_item = item if base_item is None else base_item
        _check_name("base item", base_item, _ITEM)
        seed_text = None if seed is None else str(seed)
        if seed_text is not None:
            _check_name("seed", seed_text, _SEED)
        if room is not None and not (isinstance(room, str) and ROOM_NAME.fullmatch(room)):
            raise StoreError(f"room {room!r} is not a valid room name: use 1-40 letters, digits, '-', '_' or '.'")
        payload = _json("an answer", answer)
        if len(payload) > 200_000:
            raise StoreError("an answer may hold at most 200,000 characters")
        results = None if elements is None else _json("element results", element_results(elements))
        row = dict(participant=participant, app=app, item=item, answer=payload, score=score, lang=lang, created_at=time.time(),
                   base_item=base_item, seed=seed_text, elements=results, room=room)
        with self._engine.begin() as connection:
            key = connection.execute(self._table.insert().values(**row)).inserted_primary_key
        if key is None:  # never for an insert of one row into a table with a primary key
            raise StoreError("the database gave no id for the stored answer")
        return int(key[0])

    def latest(self, participant: str, app: str, item: str) -> StoredAnswer | None:
        """The participant's latest answer to `item`, or None."""
        table = self._table
        query = (select(table).where(table.c.participant == participant, table.c.app == app, table.c.item == item)
                 .order_by(table.c.id.desc()).limit(1))
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return _answer(row) if row is not None else None

    def progress(self, participant: str, app: str) -> dict[str, StoredAnswer]:
        """The participant's latest answer per item of `app`: what a reload restores."""
        latest: dict[str, StoredAnswer] = {}
        for answer in self.answers(app=app, participant=participant):
            latest[answer.item] = answer
        return latest

    def answers(self, app: str | None = None, participant: str | None = None, since_id: int = 0) -> list[StoredAnswer]:
        """Every answer (oldest first), optionally of one app or participant, after `since_id`."""
        table = self._table
        query = select(table).where(table.c.id > since_id).order_by(table.c.id)
        if app is not None:
            query = query.where(table.c.app == app)
        if participant is not None:
            query = query.where(table.c.participant == participant)
        with self._engine.connect() as connection:
            return [_answer(row) for row in connection.execute(query)]

    def count(self) -> int:
        """How many answers the store holds."""
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(self._table)).scalar_one())

    @property
    def engine(self) -> Engine:
        """The store's SQLAlchemy engine (kit.store.lead reads and writes the room's lead through it)."""
        return self._engine

    @staticmethod
    def answer_of(row: Any) -> StoredAnswer:
        """A row of the answers table as a StoredAnswer."""
        return _answer(row)

    def close(self) -> None:
        self._engine.dispose()


def _check_name(field: str, value: Any, pattern: re.Pattern[str]) -> None:
    if not isinstance(value, str) or not pattern.match(value):
        raise StoreError(f"{field} {value!r} is not allowed: use 1-40 letters, digits, spaces, '-', '_' or '.'"
                         if field == "participant" else f"{field} {value!r} is not a valid id")


def _json(what: str, value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{what} must be JSON-serialisable: {exc}") from None


def _answer(row: Any) -> StoredAnswer:
    return StoredAnswer(row.id, row.participant, row.app, row.item, json.loads(row.answer), row.score, row.lang, row.created_at,
                        row.base_item, row.seed, json.loads(row.elements) if row.elements is not None else None, row.room)


def _connect(url: str) -> Engine:
    """An engine for `url` with SQLite tuned for many writers, its schema brought up to date;
    StoreError on bad settings."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r} (example: sqlite:///answers.sqlite)") from None
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if not database or database == ":memory:":
            raise StoreError("an in-memory SQLite database would lose every answer: give a file, e.g. sqlite:///answers.sqlite")
        folder = Path(database).expanduser().resolve().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the answer database {folder}: {exc.strerror}") from None
        if not os.access(folder, os.W_OK):
            raise StoreError(f"the folder for the answer database is not writable: {folder}")
        options["connect_args"] = {"timeout": BUSY_TIMEOUT_SECONDS}
    try:
        engine = create_engine(url, pool_pre_ping=True, **options)
    except NoSuchModuleError:
        raise StoreError(f"unsupported database in {url!r}: use sqlite:///FILE or postgresql://...") from None
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use the database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        @event.listens_for(engine, "connect")
        def _tune(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    try:
        upgrade_store(engine)
    except SQLAlchemyError as exc:  # unreachable server, wrong password, a file that is not a database
        # one line (a driver's message spans several), and never the password
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        raise StoreError(f"cannot open the answer database {parsed.render_as_string(hide_password=True)!r}: {reason}") from None
    return engine

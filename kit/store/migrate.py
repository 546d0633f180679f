"""Bring an answer store to the kit's schema: Alembic revisions run once, under the database's lock.

Opening a store calls `upgrade_store`. A store already at the kit's revision costs one query (every
participant's kernel opens the store). Otherwise the pending revisions run in ONE transaction that
first takes the database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so
that a room of kernels opening an old store at once migrates it once, and a crash mid-way leaves
it as it was. A SQLite store is copied beside itself before it is changed. A store written by a
newer kit is refused with a clear message: an older kit must not write into a schema it does not
know. A store made before the kit versioned its schema (no alembic_version table) is recognised
by its columns and taken as revision 0001.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError

from kit.store.errors import StoreError
from kit.store.schema import HEAD_REVISION

MIGRATIONS = Path(__file__).with_name("migrations")
FIRST_REVISION = "0001"
# The columns of revision 0001, as the kit's first store (made without Alembic) has them.
FIRST_COLUMNS = {"id", "participant", "app", "item", "answer", "score", "lang", "created_at"}
LOCK_SECONDS = 60
_PG_LOCK_KEY = 0x5354524F4D  # "STROM": one advisory lock for the kit's migrations


def stored_revision(engine: Engine) -> str | None:
    """The store's schema revision, or None when it has no version table (new or made before Alembic)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None


def upgrade_store(engine: Engine) -> None:
    """Apply the pending revisions to the store behind `engine` (see the module docstring)."""
    if stored_revision(engine) == HEAD_REVISION:
        return
    known = known_revisions()
    locking = _locking_engine(engine)
    try:
        with locking.connect() as connection, connection.begin():
            _lock(connection)
            current = _current(connection)  # again, under the lock: another process may have migrated it
            if current == HEAD_REVISION:
                return
            if current is not None and current not in known:
                raise StoreError(
                    f"the answer database {engine.url.render_as_string(hide_password=True)} has schema revision "
                    f"{current}, which this kit does not know (it knows up to {HEAD_REVISION}): it was written by a "
                    "newer strom-kit. Upgrade the kit, or give another database.")
            _back_up(engine)
            if current is None and _is_first_store(connection):
                _run(connection, "stamp", FIRST_REVISION)
            _run(connection, "upgrade", HEAD_REVISION)
    finally:
        locking.dispose()


def known_revisions() -> set[str]:
    """Every revision the kit ships."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _run(connection: Connection, command: str, revision: str) -> None:
    """Run Alembic's `command` (upgrade or stamp) to `revision` on the locked `connection`."""
    from alembic import command as commands
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    getattr(commands, command)(config, revision)


def _current(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _is_first_store(connection: Connection) -> bool:
    """True for a store made before the schema was versioned; StoreError for an `answers` table
    that is not the kit's."""
    inspector = inspect(connection)
    if not inspector.has_table("answers"):
        return False
    columns = {column["name"] for column in inspector.get_columns("answers")}
    if columns != FIRST_COLUMNS:
        raise StoreError(f"the database has a table 'answers' that is not the kit's (columns {', '.join(sorted(columns))}): "
                         "give the kit a database of its own")
    return True


def _locking_engine(engine: Engine) -> Engine:
    """An engine for the migration whose transactions take the write lock at once (SQLite
    otherwise locks only at the first write, after two processes have both read the old revision)."""
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return create_engine(url)
    locking = create_engine(url, connect_args={"timeout": LOCK_SECONDS})

    @event.listens_for(locking, "connect")
    def _manual_transactions(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # the driver's own BEGIN would come too late

    @event.listens_for(locking, "begin")
    def _begin_immediate(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return locking


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def _back_up(engine: Engine) -> None:
    """Copy a SQLite store that holds answers to `<file>.before-<head>.bak` before changing it."""
    url = make_url(engine.url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return
    path = Path(url.database).expanduser()
    copy = path.with_name(f"{path.name}.before-{HEAD_REVISION}.bak")
    if copy.exists() or not path.is_file() or path.stat().st_size == 0:
        return
    with engine.connect() as connection:
        if not inspect(connection).has_table("answers"):
            return
    source, target = sqlite3.connect(str(path), timeout=LOCK_SECONDS), sqlite3.connect(str(copy))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()

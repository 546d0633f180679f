"""The hub's PostgreSQL: the store's database and JupyterHub's, a login role per account, row security.

On a hub every participant's kernel talks to the one shared answer store. A kernel belongs to its
participant (JupyterLab gives them a Python console), so the database itself, not the app, keeps
participants apart: each account logs in with a role of its own, and row-level security on the
store's `answers` table lets a role read and add only its own participant's answers, and a
trainer's role read the answers of the rooms it leads; on the `rooms` table (a led room's case and
state) every account reads its own rooms' row and only a room's trainers change it; on the
`assignment_results` table (a student's released grades) every account reads only its own rows.
No role but the administrator (the tables' owner, used by the hub and the evaluators' tools) may
change or delete an answer or write a grade.

The store's schema belongs to kit.store (its Alembic migrations run first, as the administrator);
this module only adds roles, a membership table and policies beside it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from kit.store import StoreError, open_store
from kit.store.lead import DEFAULT_ROOM

PARTICIPANT_ROLE = "strom_participant"
TRAINER_ROLE = "strom_trainer"
MEMBERS = "strom_hub_members"
HUB_DB_SUFFIX = "_hub"
_ACCOUNT = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_ROOM = re.compile(r"^[a-z0-9-]{1,40}$")
ACCOUNT_CONNECTIONS = 12  # a server and a few kernels, each with a small pool
_SETUP_LOCK = 0x5354524F4E  # one advisory lock for the hub's setup

_SETUP = [
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{PARTICIPANT_ROLE}') THEN CREATE ROLE {PARTICIPANT_ROLE} NOLOGIN; END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{TRAINER_ROLE}') THEN CREATE ROLE {TRAINER_ROLE} NOLOGIN; END IF;
    END $$""",
    f"""CREATE TABLE IF NOT EXISTS {MEMBERS} (
        role name PRIMARY KEY, participant text NOT NULL,
        rooms text[] NOT NULL DEFAULT '{{}}', trainer_of text[] NOT NULL DEFAULT '{{}}')""",
    f"REVOKE ALL ON {MEMBERS} FROM PUBLIC",
    # session_user: the role that logged in (inside a SECURITY DEFINER function current_user is the owner)
    f"""CREATE OR REPLACE FUNCTION strom_hub_is_me(who text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM {MEMBERS} me WHERE me.role = session_user AND me.participant = who) $$""",
    f"""CREATE OR REPLACE FUNCTION strom_hub_may_read(who text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM {MEMBERS} me WHERE me.role = session_user AND (me.participant = who
            OR EXISTS (SELECT 1 FROM {MEMBERS} them WHERE them.participant = who AND them.rooms && me.trainer_of))) $$""",
    f"""CREATE OR REPLACE FUNCTION strom_hub_in_room(room text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM {MEMBERS} me WHERE me.role = session_user AND (room = ANY(me.rooms) OR room = ANY(me.trainer_of))) $$""",
    f"""CREATE OR REPLACE FUNCTION strom_hub_leads(room text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT EXISTS (SELECT 1 FROM {MEMBERS} me WHERE me.role = session_user AND room = ANY(me.trainer_of)) $$""",
    "REVOKE ALL ON FUNCTION strom_hub_is_me(text), strom_hub_may_read(text), strom_hub_in_room(text), strom_hub_leads(text) FROM PUBLIC",
    f"""GRANT EXECUTE ON FUNCTION strom_hub_is_me(text), strom_hub_may_read(text), strom_hub_in_room(text), strom_hub_leads(text)
        TO {PARTICIPANT_ROLE}, {TRAINER_ROLE}""",
    "ALTER TABLE answers ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS strom_read ON answers",
    f"CREATE POLICY strom_read ON answers FOR SELECT TO {PARTICIPANT_ROLE}, {TRAINER_ROLE} USING (strom_hub_may_read(participant))",
    "DROP POLICY IF EXISTS strom_add ON answers",
    # an answer is one's own, given in one's own room (or in none: a self-paced student's server names
    # the single-machine default room), so nobody adds to another room's figures
    f"""CREATE POLICY strom_add ON answers FOR INSERT TO {PARTICIPANT_ROLE} WITH CHECK (strom_hub_is_me(participant)
        AND (room IS NULL OR room = '{DEFAULT_ROOM}' OR strom_hub_in_room(room)))""",
    "REVOKE ALL ON answers FROM PUBLIC",
    f"GRANT SELECT, INSERT ON answers TO {PARTICIPANT_ROLE}",
    f"GRANT SELECT ON answers TO {TRAINER_ROLE}",
    f"GRANT USAGE ON SEQUENCE answers_id_seq TO {PARTICIPANT_ROLE}",
    f"GRANT SELECT ON alembic_version TO {PARTICIPANT_ROLE}, {TRAINER_ROLE}",
    # The rooms a trainer leads (kit.store.lead): everyone reads the lead of their own rooms; only a
    # room's trainers start, close, reveal and stop it.
    "ALTER TABLE rooms ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS strom_room_read ON rooms",
    f"CREATE POLICY strom_room_read ON rooms FOR SELECT TO {PARTICIPANT_ROLE}, {TRAINER_ROLE} USING (strom_hub_in_room(room))",
    "DROP POLICY IF EXISTS strom_room_add ON rooms",
    f"CREATE POLICY strom_room_add ON rooms FOR INSERT TO {TRAINER_ROLE} WITH CHECK (strom_hub_leads(room))",
    "DROP POLICY IF EXISTS strom_room_change ON rooms",
    f"CREATE POLICY strom_room_change ON rooms FOR UPDATE TO {TRAINER_ROLE} USING (strom_hub_leads(room)) WITH CHECK (strom_hub_leads(room))",
    "REVOKE ALL ON rooms FROM PUBLIC",
    f"GRANT SELECT ON rooms TO {PARTICIPANT_ROLE}",
    f"GRANT SELECT, INSERT, UPDATE ON rooms TO {TRAINER_ROLE}",
    # A student's graded assignments (kit.store.graded): the course's export writes them as the
    # administrator; each account reads only its own, a trainer no one else's.
    "ALTER TABLE assignment_results ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS strom_graded_read ON assignment_results",
    f"""CREATE POLICY strom_graded_read ON assignment_results FOR SELECT TO {PARTICIPANT_ROLE}, {TRAINER_ROLE}
        USING (strom_hub_is_me(participant))""",
    "REVOKE ALL ON assignment_results FROM PUBLIC",
    f"GRANT SELECT ON assignment_results TO {PARTICIPANT_ROLE}, {TRAINER_ROLE}",
]


class HubDatabaseError(RuntimeError):
    """The hub's database cannot be reached or prepared: one line that says why and what to do."""


@dataclass(frozen=True)
class Membership:
    """What an account's database role may see: its own answers, and those of the rooms it leads."""

    account: str
    rooms: tuple[str, ...] = ()
    trainer_of: tuple[str, ...] = ()


def hub_database_url(store_url: str) -> str:
    """JupyterHub's own database: beside the store's on the same server, named `<store>_hub`
    (both use Alembic, whose version tables must not meet)."""
    url = make_url(store_url)
    return url.set(database=f"{url.database}{HUB_DB_SUFFIX}").render_as_string(hide_password=False)


def describe(url: str) -> str:
    """`url` without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def check_reachable(store_url: str) -> None:
    """HubDatabaseError in one line when the store's PostgreSQL server cannot be reached."""
    url = make_url(store_url)
    if url.get_backend_name() != "postgresql":
        raise HubDatabaseError(f"the hub needs PostgreSQL (STROM_KIT_DB is {describe(store_url)}): "
                               "give postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or run `strom-kit hub --init-db`")
    engine = create_engine(url.set(database="postgres"), connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise HubDatabaseError(f"PostgreSQL at {url.host}:{url.port or 5432} is not reachable: {first_line(exc)}") from None
    finally:
        engine.dispose()


def prepare(store_url: str) -> None:
    """Create the store's and JupyterHub's databases when missing, migrate the store, and set up the
    roles and row security (idempotent; `store_url` is the administrator's)."""
    check_reachable(store_url)
    url = make_url(store_url)
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            for name in (url.database, f"{url.database}{HUB_DB_SUFFIX}"):
                if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
                    connection.execute(text(f'CREATE DATABASE "{_identifier(name)}"'))
    except SQLAlchemyError as exc:
        raise HubDatabaseError(f"cannot create the hub's databases on {describe(store_url)}: {first_line(exc)} "
                               "(the role needs CREATEDB and CREATEROLE)") from None
    finally:
        server.dispose()
    try:
        open_store(store_url).close()  # kit.store's own migrations
    except StoreError as exc:
        raise HubDatabaseError(first_line(exc)) from None
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SETUP_LOCK})
            for statement in _SETUP:
                connection.execute(text(statement))
    except SQLAlchemyError as exc:
        raise HubDatabaseError(f"cannot set up the hub's roles in {describe(store_url)}: {first_line(exc)}") from None
    finally:
        engine.dispose()


def role_name(account: str) -> str:
    """The database role of a hub account."""
    if not _ACCOUNT.match(account):
        raise HubDatabaseError(f"not an account name: {account!r}")
    return f"strom_{account}"


def role_password(role_key: bytes, account: str) -> str:
    """The account's database password, derived from the hub's role key (nothing else to keep)."""
    return hmac.new(role_key, account.encode(), hashlib.sha256).hexdigest()[:40]


def grant(store_url: str, membership: Membership, password: str) -> str:
    """Create or update the account's role and membership; returns the account's own store URL."""
    role = role_name(membership.account)
    if not re.fullmatch(r"[0-9a-f]{16,64}", password):
        raise HubDatabaseError("a role password must be hexadecimal")
    rooms, leads = _rooms(membership.rooms), _rooms(membership.trainer_of)
    parents = [PARTICIPANT_ROLE] + ([TRAINER_ROLE] if leads else [])
    engine = create_engine(store_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SETUP_LOCK})
            exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
            verb = "ALTER" if exists else "CREATE"
            connection.execute(text(f"""{verb} ROLE "{role}" LOGIN PASSWORD '{password}' CONNECTION LIMIT {ACCOUNT_CONNECTIONS}
                                        NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"""))
            connection.execute(text(f'GRANT {", ".join(parents)} TO "{role}"'))
            if not leads:
                connection.execute(text(f'REVOKE {TRAINER_ROLE} FROM "{role}"'))
            connection.execute(text(f"""INSERT INTO {MEMBERS} (role, participant, rooms, trainer_of)
                                        VALUES (:role, :participant, :rooms, :leads)
                                        ON CONFLICT (role) DO UPDATE SET participant = EXCLUDED.participant,
                                        rooms = EXCLUDED.rooms, trainer_of = EXCLUDED.trainer_of"""),
                               {"role": role, "participant": membership.account, "rooms": rooms, "leads": leads})
    except SQLAlchemyError as exc:
        raise HubDatabaseError(f"cannot give {membership.account} a database role: {first_line(exc)}") from None
    finally:
        engine.dispose()
    return make_url(store_url).set(username=role, password=password).render_as_string(hide_password=False)


def first_line(exc: BaseException) -> str:
    """An exception's message as one line (drivers' messages span several), without the SQL."""
    message = str(getattr(exc, "orig", None) or exc)
    lines = [line.strip() for line in message.splitlines() if line.strip() and not line.startswith("[SQL")]
    return " ".join(lines[:2])[:300] or type(exc).__name__


def _rooms(names: Iterable[str]) -> list[str]:
    rooms = sorted(set(names))
    for room in rooms:
        if not _ROOM.match(room):
            raise HubDatabaseError(f"not a room name: {room!r}")
    return rooms


def _identifier(name: str | None) -> str:
    if not name or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
        raise HubDatabaseError(f"database name {name!r}: use letters, digits and '_'")
    return name


__all__ = ["HubDatabaseError", "Membership", "check_reachable", "describe", "first_line", "grant",
           "hub_database_url", "prepare", "role_name", "role_password"]

"""The hub's accounts and rooms: pseudonymous names, roles, passwords and room codes, in one file.

A trainer makes a room's accounts in one command (`strom-kit hub room NAME --accounts 20`: names
`NAME-01`…, each with a password to hand out on a slip), or lets participants join with the
room's code (they choose a pseudonym and a password of their own on the login page). Trainers see
the dashboard of the rooms they lead, evaluators the formgrader of their courses, students work
through a course. Only hashes of passwords are kept (scrypt); room codes are kept as they are,
since the trainer must be able to read the code out again. The file is written atomically under
a lock: the hub (joins) and the trainer's commands may write at once.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

ROLES = ("participant", "trainer", "evaluator", "student")
ACCOUNT = re.compile(r"^[a-z][a-z0-9-]{0,27}$")  # also a system user's name after the 'sk-' prefix
ROOM = re.compile(r"^[a-z][a-z0-9-]{0,19}$")
COURSE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed from a slip
MAX_ROOM_ACCOUNTS = 200
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


SYSTEM_PREFIX = "sk-"  # an account's system user on a single machine: sk-<account>


def system_user(account: str) -> str:
    """The system user an account's server runs as."""
    return f"{SYSTEM_PREFIX}{account}"


def account_of(user: str) -> str:
    """The account behind a system user's name (nbgrader's exchange names submissions by it)."""
    return user[len(SYSTEM_PREFIX):] if user.startswith(SYSTEM_PREFIX) else user


class AccountError(ValueError):
    """A request about accounts that cannot be done, said for the person who asked."""


@dataclass(frozen=True)
class Account:
    """One hub account; `rooms` it answers in, rooms it leads (`leads`), `courses` it studies or grades."""

    name: str
    role: str
    password: str  # scrypt$salt$hash
    rooms: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    courses: tuple[str, ...] = ()
    lms_id: str | None = None  # the learner's id in the LMS (LTI 1.3 `sub`), matched at launch

    def groups(self) -> list[str]:
        """The account's JupyterHub groups (rooms, trainers, nbgrader's course groups)."""
        groups = [f"room-{room}" for room in self.rooms] + [f"lead-{room}" for room in self.leads]
        if self.role == "trainer":
            groups.append("trainers")
        if self.role == "evaluator":
            groups += [f"formgrade-{course}" for course in self.courses]
        if self.role == "student":
            groups += [f"nbgrader-{course}" for course in self.courses]
        return sorted(groups)


@dataclass(frozen=True)
class Room:
    """A workshop room: its code for joining, and whether joining is open."""

    name: str
    code: str
    open: bool = True


@dataclass
class _Book:
    accounts: dict[str, Account] = field(default_factory=dict)
    rooms: dict[str, Room] = field(default_factory=dict)
    courses: list[str] = field(default_factory=list)


class Accounts:
    """The accounts file of a hub's state folder."""

    def __init__(self, path: Path):
        self.path = path

    # reading ---------------------------------------------------------------------------------
    def get(self, name: str) -> Account | None:
        return self._read().accounts.get(name)

    def all(self) -> list[Account]:
        return sorted(self._read().accounts.values(), key=lambda a: a.name)

    def rooms(self) -> list[Room]:
        return sorted(self._read().rooms.values(), key=lambda r: r.name)

    def courses(self) -> list[str]:
        return list(self._read().courses)

    def check_password(self, name: str, password: str) -> Account | None:
        """The account when `password` is its password, else None (same work either way)."""
        account = self.get(name.strip().lower())
        if account is None:
            verify_password("scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAA", password)  # the same cost as a real check
            return None
        return account if verify_password(account.password, password) else None

    def by_lms_id(self, lms_id: str) -> Account | None:
        return next((a for a in self._read().accounts.values() if a.lms_id and a.lms_id == lms_id), None)

    # changing --------------------------------------------------------------------------------
    def create_room(self, room: str, count: int, trainer: str | None = None) -> tuple[Room, list[tuple[str, str]]]:
        """A room with `count` accounts ROOM-01…; returns the room and the new (name, password) pairs.
        `trainer` (an existing or new trainer account) leads it. A room that exists gets more accounts."""
        _check(ROOM, room, "room name", "a letter, then up to 19 lower-case letters, digits or '-'")
        if not 0 <= count <= MAX_ROOM_ACCOUNTS:
            raise AccountError(f"--accounts {count}: give 0 to {MAX_ROOM_ACCOUNTS}")
        made: list[tuple[str, str]] = []
        with self._change() as book:
            known = book.rooms.get(room) or Room(room, new_code())
            book.rooms[room] = known
            number = 1
            while len(made) < count:
                name = f"{room}-{number:02d}"
                number += 1
                if name in book.accounts:
                    continue
                password = new_password()
                book.accounts[name] = Account(name, "participant", hash_password(password), rooms=(room,))
                made.append((name, password))
            if trainer:
                _check(ACCOUNT, trainer, "trainer name", _ACCOUNT_RULE)
                current = book.accounts.get(trainer)
                if current is not None and current.role != "trainer":
                    raise AccountError(f"{trainer} is a {current.role}, not a trainer")
                if current is None:
                    password = new_password()
                    current = Account(trainer, "trainer", hash_password(password))
                    made.append((trainer, password))
                book.accounts[trainer] = replace(current, leads=tuple(sorted({*current.leads, room})))
        return known, made

    def add(self, name: str, role: str, *, rooms: tuple[str, ...] = (), courses: tuple[str, ...] = (),
            password: str | None = None, lms_id: str | None = None) -> str:
        """A new account; returns its password (made up when not given)."""
        _check(ACCOUNT, name, "account name", _ACCOUNT_RULE)
        if role not in ROLES:
            raise AccountError(f"role {role!r}: use one of {', '.join(ROLES)}")
        for course in courses:
            _check(COURSE, course, "course id", "a letter, then lower-case letters, digits or '_'")
        password = password or new_password()
        _check_password(password)
        with self._change() as book:
            if name in book.accounts:
                raise AccountError(f"the account {name} exists already")
            for room in rooms:
                if room not in book.rooms:
                    raise AccountError(f"no room {room}: make it with `strom-kit hub room {room}`")
            if lms_id and any(a.lms_id == lms_id for a in book.accounts.values()):
                raise AccountError(f"another account has the LMS id {lms_id}")
            leads = rooms if role == "trainer" else ()
            book.accounts[name] = Account(name, role, hash_password(password), rooms=() if leads else rooms, leads=leads,
                                          courses=tuple(courses), lms_id=lms_id)
            for course in courses:
                if course not in book.courses:
                    book.courses.append(course)
        return password

    def join(self, code: str, name: str, password: str) -> Account:
        """A participant joins the room whose code is `code` under a new pseudonym `name`; the
        password they chose logs them in later. AccountError says what to change."""
        name = name.strip().lower()
        _check(ACCOUNT, name, "pseudonym", _ACCOUNT_RULE)
        _check_password(password)
        code = normalise_code(code)
        with self._change() as book:
            room = next((r for r in book.rooms.values() if hmac.compare_digest(r.code, code)), None)
            if room is None or not room.open:
                raise AccountError("this room code is not open: check it with your trainer")
            if name in book.accounts:
                raise AccountError(f"the name {name} is taken: choose another")
            account = Account(name, "participant", hash_password(password), rooms=(room.name,))
            book.accounts[name] = account
        return account

    # the file --------------------------------------------------------------------------------
    def _read(self) -> _Book:
        try:
            raw = json.loads(self.path.read_text())
        except FileNotFoundError:
            return _Book()
        return _Book(accounts={name: Account(**{**value, **{k: tuple(value.get(k, ())) for k in ("rooms", "leads", "courses")}})
                               for name, value in raw.get("accounts", {}).items()},
                     rooms={name: Room(**value) for name, value in raw.get("rooms", {}).items()},
                     courses=list(raw.get("courses", [])))

    @contextmanager
    def _change(self) -> Iterator[_Book]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = self.path.with_name(self.path.name + ".lock")
        with open(lock, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            book = self._read()
            yield book
            data: dict[str, Any] = {"accounts": {n: asdict(a) for n, a in sorted(book.accounts.items())},
                                    "rooms": {n: asdict(r) for n, r in sorted(book.rooms.items())},
                                    "courses": book.courses}
            temporary = self.path.with_name(self.path.name + ".new")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                json.dump(data, out, indent=1, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)


_ACCOUNT_RULE = "a letter, then up to 27 lower-case letters, digits or '-'"


def new_password() -> str:
    """Three groups of four unambiguous characters, e.g. 'k7pq-ml3x-9drt' (about 59 bits)."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def new_code() -> str:
    """A room code, e.g. 'K7PQ-ML3X'."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(2)).upper()


def normalise_code(code: str) -> str:
    """A code as typed ('k7pq ml3x', 'K7PQML3X') in its stored form 'K7PQ-ML3X'."""
    letters = re.sub(r"[^A-Za-z0-9]", "", code).upper()
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(stored: str, password: str) -> bool:
    try:
        _, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), **_SCRYPT)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected) and len(expected) > 0


def _check(pattern: re.Pattern[str], value: str, what: str, rule: str) -> None:
    if not isinstance(value, str) or not pattern.match(value):
        raise AccountError(f"{what} {value!r}: use {rule}")


def _check_password(password: str) -> None:
    if not isinstance(password, str) or not 8 <= len(password) <= 128:
        raise AccountError("a password needs 8 to 128 characters")

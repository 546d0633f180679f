"""The trainer key: made by `strom-kit serve`, handed to the kernels, asked for by the dashboard."""

from __future__ import annotations

import hmac
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

KEY_ENV = "STROM_KIT_TRAINER_KEY"
# Letters, digits and - _ . ~ only: a key travels in a page address (?key=...) untouched.
_KEY = re.compile(r"^[A-Za-z0-9_.~-]{8,128}$")
# Voila sets this in every kernel it starts (preheated ones too); JupyterLab and papermill do not.
_VOILA_MARK = "VOILA_BASE_URL"


class TrainerKeyError(ValueError):
    """A key a trainer chose that cannot be used, with the reason."""


def new_key() -> str:
    """A fresh random key: 16 characters, about 96 bits, safe in an address."""
    return secrets.token_urlsafe(12)


def check_chosen_key(key: str) -> str:
    """`key` as given by a trainer (surrounding spaces dropped), or TrainerKeyError saying what is wrong."""
    key = key.strip()
    if not _KEY.match(key):
        raise TrainerKeyError("a trainer key needs 8-128 characters: letters A-Z/a-z, digits, '-', '_', '.' or '~'")
    return key


def keys_match(given: str, expected: str) -> bool:
    """True when `given` is the key; the comparison takes the same time wherever they differ."""
    return hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8"))


class Access(Enum):
    """What the dashboard may show."""

    OPEN = "open"  # the right key, or a notebook opened by its owner outside a server
    ASK = "ask"  # no key given yet
    WRONG = "wrong"  # a key was given and it is not the server's
    NO_KEY_SET = "no_key_set"  # served by Voila, but the server holds no trainer key


@dataclass(frozen=True)
class KeyPolicy:
    """The server's key (if any) and whether this page must be unlocked with it."""

    expected: str | None
    served: bool

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> KeyPolicy:
        env = os.environ if env is None else env
        return cls(expected=env.get(KEY_ENV) or None, served=_VOILA_MARK in env)

    def check(self, given: str | None) -> Access:
        """The access that the key `given` (None or "" when none was given) opens."""
        if self.expected is None:
            # Outside a server (JupyterLab, papermill) the person holds the notebook and the
            # database already; a served page without a key stays closed.
            return Access.NO_KEY_SET if self.served else Access.OPEN
        if not given or not given.strip():
            return Access.ASK
        return Access.OPEN if keys_match(given, self.expected) else Access.WRONG

"""The course secret and what it derives: each learner's variant, unguessable without it.

The secret lives outside the repository: `STROM_KIT_COURSE_SECRET` in the grader's environment,
or the file `COHORT/secret` (mode 0600). It never enters a learner's kernel.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

ENV = "STROM_KIT_COURSE_SECRET"
MIN_LENGTH = 16


class SecretError(RuntimeError):
    """The course secret is missing, too short or readable by others."""


def new_secret_file(path: Path) -> None:
    """Write a fresh random secret readable by its owner only; an existing secret is kept."""
    if path.exists():
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")


def read_secret(path: Path | None) -> bytes:
    """The secret from the environment, else from `path`; refuses a short or world-readable one."""
    value = os.environ.get(ENV)
    if value is None:
        if path is None or not path.exists():
            raise SecretError(f"no course secret: set {ENV} or create {path} (strom-kit course init makes one)")
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise SecretError(f"{path} is readable by others (mode {stat.S_IMODE(mode):o}); run: chmod 600 {path}")
        value = path.read_text(encoding="utf-8").strip()
    if len(value) < MIN_LENGTH:
        raise SecretError(f"the course secret is too short ({len(value)} characters; at least {MIN_LENGTH})")
    return value.encode()


def derive(secret: bytes, *labels: str) -> int:
    """A 128-bit number from the secret and `labels` (assignment, student, purpose)."""
    message = "\x1f".join(labels).encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest()[:16], "big")

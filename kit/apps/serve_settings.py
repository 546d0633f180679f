"""What `strom-kit serve` can be asked for, with its defaults: the one place the command and the server read them.

Light on purpose (no Voila, no jupyter_client): the CLI imports it to show the defaults in `--help`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kit.apps.trainer_key import new_key
from kit.content.vocabulary import DEFAULT_LANG

HOST = "127.0.0.1"
PORT = 8866
# A closed page shuts its kernel down (kit.apps.kernels.page_identity, room_kernels); a kernel
# whose page never connected is culled when idle this long.
CULL_IDLE_SECONDS = 900
# How participants' kernels start: forked from the server's preloaded parent (kit.apps.kernels), or
# a new interpreter per page as Voila does by itself (for comparison).
KERNEL_MODES = ("fork", "plain")
# Participants' kernels at once; a forked kernel holds about 40 MiB of its own.
DEFAULT_SEATS = 40
MAX_SEATS = 400


@dataclass(frozen=True)
class ServeSettings:
    """What `strom-kit serve` was asked for."""

    notebooks: Path
    port: int = PORT
    lang: str = DEFAULT_LANG
    db_url: str | None = None
    profile: str | None = None
    pool: int = 0
    cull_idle_seconds: int = CULL_IDLE_SECONDS
    kernels: str = KERNEL_MODES[0]
    seats: int = DEFAULT_SEATS
    # Where the server listens (127.0.0.1: this computer only; 0.0.0.0: the local network too) and
    # the address participants open, when a front server or a name stands before it.
    host: str = HOST
    public_url: str | None = None
    # The key that opens the trainer dashboard: random for each start unless the trainer gives one.
    trainer_key: str = field(default_factory=new_key, repr=False)


def serve_default(name: str) -> Any:
    """The default of the setting `name` (a field of ServeSettings with a plain default)."""
    for setting in fields(ServeSettings):
        if setting.name == name:
            return setting.default
    raise KeyError(f"ServeSettings has no setting {name!r}")

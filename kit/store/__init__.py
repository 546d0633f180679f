"""Where participants' answers persist, and what a live room reads from them.

SQLAlchemy over a SQLite file by default, any URL (PostgreSQL) for hosting. An answer is
acknowledged only after its transaction has committed, so an acknowledged answer survives a page
reload, a kernel restart or a killed server. SQLite runs in WAL mode with a busy timeout so that a
room of concurrent writers never loses or corrupts an answer. The schema is versioned with
Alembic (kit/store/migrations): opening a store brings it up to the kit's revision.

Public face: `open_store` / `AnswerStore` (record, restore, list answers), `StoredAnswer`,
`StoreError`, `default_url`, `is_valid_pseudonym`, `pseudonym_key`, `element_results`, the room a
trainer leads (`RoomLead`, `LeadState`, `room_name`), the room's analytics in `kit.store.room`, and a
self-paced student's progress per chapter in `kit.store.progress` (`read_progress`), and a student's
graded assignments as the course exports them in `kit.store.graded`.

Public names: see `__all__` (imported lazily: SQLAlchemy is heavy, and the CLI starts without it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.store.answers import AnswerStore as AnswerStore
    from kit.store.answers import StoredAnswer as StoredAnswer
    from kit.store.answers import default_url as default_url
    from kit.store.answers import is_valid_pseudonym as is_valid_pseudonym
    from kit.store.answers import open_store as open_store
    from kit.store.answers import pseudonym_key as pseudonym_key
    from kit.store.errors import StoreError as StoreError
    from kit.store.lead import LeadState as LeadState
    from kit.store.lead import RoomLead as RoomLead
    from kit.store.lead import room_name as room_name
    from kit.store.progress import read_progress as read_progress
    from kit.store.results import element_results as element_results

_EXPORTS = {
    "AnswerStore": "kit.store.answers",
    "StoredAnswer": "kit.store.answers",
    "default_url": "kit.store.answers",
    "is_valid_pseudonym": "kit.store.answers",
    "open_store": "kit.store.answers",
    "pseudonym_key": "kit.store.answers",
    "StoreError": "kit.store.errors",
    "LeadState": "kit.store.lead",
    "RoomLead": "kit.store.lead",
    "room_name": "kit.store.lead",
    "element_results": "kit.store.results",
    "read_progress": "kit.store.progress",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)

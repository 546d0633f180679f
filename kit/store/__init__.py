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
"""

from kit.store.answers import AnswerStore, StoredAnswer, default_url, is_valid_pseudonym, open_store, pseudonym_key
from kit.store.errors import StoreError
from kit.store.lead import LeadState, RoomLead, room_name
from kit.store.results import element_results

__all__ = ["AnswerStore", "LeadState", "RoomLead", "StoreError", "StoredAnswer", "default_url", "element_results",
           "is_valid_pseudonym", "open_store", "pseudonym_key", "room_name"]

"""Where participants' answers persist: SQLAlchemy over a SQLite file by default, any URL for hosting.

An answer is acknowledged only after its transaction has committed, so an acknowledged answer
survives a page reload, a kernel restart or a killed process. SQLite runs in WAL mode with a busy
timeout so that a room of concurrent writers never loses or corrupts an answer.
"""

from kit.store.answers import AnswerStore, StoreError, default_url, is_valid_pseudonym, open_store, pseudonym_key

__all__ = ["AnswerStore", "StoreError", "default_url", "is_valid_pseudonym", "open_store", "pseudonym_key"]

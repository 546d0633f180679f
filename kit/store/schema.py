"""The answer store's tables as the kit's newest migration leaves them (what the store reads and writes)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text, false, true

# The newest revision under kit/store/migrations/versions; a test checks that they agree.
HEAD_REVISION = "0005"

metadata = MetaData()

answers = Table(
    "answers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("participant", String(40), nullable=False),
    Column("app", String(120), nullable=False),
    Column("item", String(120), nullable=False),  # what the participant answered, e.g. a variant's id
    Column("answer", Text, nullable=False),  # JSON
    Column("score", Float, nullable=True),
    Column("lang", String(2), nullable=False),
    Column("created_at", Float, nullable=False),
    # revision 0002: what the room groups by, and how the answer was scored element by element
    Column("base_item", String(120), nullable=True),  # the bank case behind a variant; the item itself otherwise
    Column("seed", String(40), nullable=True),  # the variant's seed; NULL for the case as in the bank
    Column("elements", Text, nullable=True),  # JSON {element: {"score", "answered", "missed", "wrong"}}
    # revision 0005: the room the answer was given in (kit/store/lead.py); NULL for answers written before
    Column("room", String(40), nullable=True),
    Index("answers_by_participant", "participant", "app", "item"),
    Index("answers_by_base_item", "app", "base_item"),
    Index("answers_by_room", "app", "base_item", "room"),
)

# revision 0003: the room a trainer leads (kit/store/lead.py); read by primary key, twice a second per page
rooms = Table(
    "rooms", metadata,
    Column("room", String(40), primary_key=True),
    Column("app", String(120), nullable=False),
    Column("base_item", String(120), nullable=True),  # the case the room works on; NULL: not led (self-paced)
    Column("seed", String(40), nullable=True),  # the variant's seed; NULL for the case as in the bank
    Column("answering_open", Boolean, nullable=False, server_default=true()),
    Column("key_revealed", Boolean, nullable=False, server_default=false()),
    Column("revision", Integer, nullable=False, server_default="0"),  # grows with every change the trainer makes
    Column("changed_at", Float, nullable=False),
    # revision 0005: when the trainer chose the room's case (choose, next; not close or reveal); NULL: chosen before
    Column("chosen_at", Float, nullable=True),
)

# revision 0004: a student's graded assignments, written by the course's export once feedback is
# released (kit/store/graded.py); read by the participant, the primary key's first column
assignment_results = Table(
    "assignment_results", metadata,
    Column("participant", String(40), primary_key=True),
    Column("course", String(120), primary_key=True),
    Column("assignment", String(120), primary_key=True),
    Column("chapter", Integer, nullable=False),
    Column("title_sv", String(200), nullable=False),  # the course's titles: the store never reads the course
    Column("title_en", String(200), nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("provisional", Boolean, nullable=False, server_default=false()),  # a part still awaits manual grading
    Column("course_assignments", Integer, nullable=False),  # how many graded assignments the course has
    Column("graded_at", Float, nullable=False),
    Column("released_at", Float, nullable=False),  # when the feedback was released (and the row written)
)

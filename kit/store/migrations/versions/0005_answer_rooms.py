"""Answers remember the room they were given in; a led room remembers when its case was chosen.

The room's live figures are the answers given in that room to its case since the trainer chose
it (kit/store/lead.py), not every answer ever given to the case. Answers written before this
revision keep no room (NULL); a room led before it keeps no moment of choice (NULL), and
`RoomLead.answers` reads such a room as before (every answer to its case not known to be another
room's).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as table:
        table.add_column(sa.Column("room", sa.String(40), nullable=True))
    op.create_index("answers_by_room", "answers", ["app", "base_item", "room"])
    with op.batch_alter_table("rooms") as table:
        table.add_column(sa.Column("chosen_at", sa.Float, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rooms") as table:
        table.drop_column("chosen_at")
    op.drop_index("answers_by_room", table_name="answers")
    if op.get_bind().dialect.name == "postgresql":
        # A hub's row security checks the column (kit/hub/database.py): its policies go with it, and the
        # hub's set-up (`strom-kit hub --init-db`) writes its own version's policies again.
        op.execute("ALTER TABLE answers DROP COLUMN room CASCADE")
        return
    with op.batch_alter_table("answers") as table:
        table.drop_column("room")

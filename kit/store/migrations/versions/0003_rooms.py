"""A room the trainer leads: the case the whole room works on, whether answering is open, whether the key is shown.

One row per room (`strom-kit serve` is one room). Participants' pages read their room's row by its
primary key every half second; `revision` grows with every change the trainer makes, so a page
acts only on a change. A room that is not led has no row, or a row without a case.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("room", sa.String(40), primary_key=True),
        sa.Column("app", sa.String(120), nullable=False),
        sa.Column("base_item", sa.String(120), nullable=True),
        sa.Column("seed", sa.String(40), nullable=True),
        sa.Column("answering_open", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("key_revealed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
        sa.Column("changed_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rooms")

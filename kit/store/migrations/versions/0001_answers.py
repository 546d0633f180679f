"""The answer store as the kit first shipped it: one row per answer, found by participant, app and item.

Revision ID: 0001
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("participant", sa.String(40), nullable=False),
        sa.Column("app", sa.String(120), nullable=False),
        sa.Column("item", sa.String(120), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("answers_by_participant", "answers", ["participant", "app", "item"])


def downgrade() -> None:
    op.drop_index("answers_by_participant", table_name="answers")
    op.drop_table("answers")

"""Graded assignments' results per student, as the course exports them once feedback is released.

One row per participant (the stored form of the pseudonym), course and assignment: the points,
the maximum, whether a part still awaits manual grading, the assignment's chapter and titles in
both languages (the store and the apps never read the course), how many assignments the course
has, and when it was graded and its feedback released. Only the course's export writes it.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignment_results",
        sa.Column("participant", sa.String(40), primary_key=True),
        sa.Column("course", sa.String(120), primary_key=True),
        sa.Column("assignment", sa.String(120), primary_key=True),
        sa.Column("chapter", sa.Integer, nullable=False),
        sa.Column("title_sv", sa.String(200), nullable=False),
        sa.Column("title_en", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("max_score", sa.Float, nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("course_assignments", sa.Integer, nullable=False),
        sa.Column("graded_at", sa.Float, nullable=False),
        sa.Column("released_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("assignment_results")

"""Answers remember the bank case behind a variant, the variant's seed and the score of each element.

Rows written before this revision get their base case and seed from the item: a variant's item
is `<case>_v<seed>` (the kit's apps use whole-number seeds); every other item is its own base.
Their element results stay empty: the room scores such an answer again when it reads it.

Revision ID: 0002
Revises: 0001
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VARIANT_ITEM = re.compile(r"^(?P<base>.+)_v(?P<seed>[0-9]{1,24})$")


def upgrade() -> None:
    with op.batch_alter_table("answers") as table:
        table.add_column(sa.Column("base_item", sa.String(120), nullable=True))
        table.add_column(sa.Column("seed", sa.String(40), nullable=True))
        table.add_column(sa.Column("elements", sa.Text, nullable=True))
    op.create_index("answers_by_base_item", "answers", ["app", "base_item"])
    answers = sa.table("answers", sa.column("id", sa.Integer), sa.column("item", sa.String),
                       sa.column("base_item", sa.String), sa.column("seed", sa.String))
    connection = op.get_bind()
    items = connection.execute(sa.select(answers.c.item).distinct()).scalars().all()
    for item in items:
        match = VARIANT_ITEM.match(item)
        base, seed = (match["base"], match["seed"]) if match else (item, None)
        connection.execute(answers.update().where(answers.c.item == item).values(base_item=base, seed=seed))


def downgrade() -> None:
    op.drop_index("answers_by_base_item", table_name="answers")
    with op.batch_alter_table("answers") as table:
        table.drop_column("elements")
        table.drop_column("seed")
        table.drop_column("base_item")

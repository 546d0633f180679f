"""Alembic's entry for the answer store: runs on the connection the kit hands over (kit/store/migrate.py).

The kit opens the connection, takes the database's write lock and begins the transaction; the
revisions run inside it and the kit commits, so a migration is applied whole or not at all.
"""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the answer store's migrations run through kit.store.open_store, which hands them a locked connection")
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

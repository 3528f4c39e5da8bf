"""Alembic environment: always run from :func:`opsdb.store.migrate` on a given connection."""

from alembic import context

from opsdb.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()

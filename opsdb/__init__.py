"""The operational database: accounts, login sessions and the audit log (transactional rows).

Unlike the analytic snapshots (immutable files in the workspace), these rows are
small, written often and by several workers at once: one SQLAlchemy schema
(:mod:`opsdb.schema`), Alembic migrations run to head on open
(:mod:`opsdb.store`), SQLite beside the workspace by default and PostgreSQL by
``PWS_DATABASE_URL``. No Flask, no Dash here.
"""

from opsdb.store import OpsDb, database_url

__all__ = ["OpsDb", "database_url"]

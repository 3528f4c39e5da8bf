"""Opening the operational database and bringing its schema to the newest revision.

A SQLite file beside the workspace's snapshots (``<workspace>/ops.sqlite``) by
default; PostgreSQL (psycopg 3) when ``PWS_DATABASE_URL`` names one, which is how
several app servers share accounts and sessions.
"""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from opsdb.schema import app_secrets

try:  # serialises migrations of one SQLite file across processes (gunicorn workers)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

SQLITE_NAME = "ops.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 0x5057_494C  # "PWIL": one advisory lock id for every app server's migration


def database_url(workspace_path: str | os.PathLike, url: str | None = None) -> str:
    """The SQLAlchemy URL: ``url`` when given, else the workspace's SQLite file.

    A plain ``postgresql://`` URL is read with psycopg 3.

    >>> database_url("/srv/ws")
    'sqlite:////srv/ws/ops.sqlite'
    >>> database_url("/srv/ws", "postgresql://pws@db/pws")
    'postgresql+psycopg://pws@db/pws'
    """
    if url:
        for plain in ("postgresql://", "postgres://"):
            if url.startswith(plain):
                return "postgresql+psycopg://" + url[len(plain) :]
        return url
    return f"sqlite:///{Path(workspace_path).resolve() / SQLITE_NAME}"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


class OpsDb:
    """One operational database, migrated to head when opened.

    Parameters
    ----------
    url : a SQLAlchemy URL (see :func:`database_url`).
    """

    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        migrate(self.engine)

    @classmethod
    def for_workspace(cls, workspace_path: str | os.PathLike, url: str | None = None) -> "OpsDb":
        """The database of a workspace: ``url`` (or ``PWS_DATABASE_URL``) or ``<workspace>/ops.sqlite``."""
        import settings

        url = url or settings.DATABASE_URL
        if not url:
            Path(workspace_path).mkdir(parents=True, exist_ok=True)
        return cls(database_url(workspace_path, url))

    @contextmanager
    def begin(self):
        """A connection inside one transaction (committed on success)."""
        with self.engine.begin() as conn:
            yield conn

    def secret(self, name: str, nbytes: int = 32) -> str:
        """A random secret kept in the database, made on first use (the same for every worker)."""
        with self.begin() as conn:
            found = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == name)).scalar()
        if found:
            return found
        try:
            with self.begin() as conn:
                conn.execute(insert(app_secrets).values(name=name, value=secrets.token_hex(nbytes)))
        except IntegrityError:
            pass  # another worker made it first: use theirs
        with self.begin() as conn:
            return conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == name)).scalar_one()

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # WAL: readers do not wait for the writer; foreign keys are off by default in SQLite
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, one process at a time."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine), engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@contextmanager
def _migration_lock(engine: Engine):
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or fcntl is None:
        yield
        return
    with open(f"{path}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

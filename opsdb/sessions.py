"""Login sessions kept server-side, so logout, a disabled account or idle time end them for every worker.

The browser's cookie holds a random token; the table holds its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update

from opsdb.schema import login_sessions, users
from opsdb.store import OpsDb, as_utc, utc_now
from opsdb.users import User, _user

TOUCH_EVERY = timedelta(seconds=60)
"""``last_seen`` is written at most this often (a write per request would serialise SQLite)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: OpsDb, username: str, address: str | None = None, now: datetime | None = None) -> str:
    """A new session for ``username``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = now or utc_now()
    with db.begin() as conn:
        conn.execute(insert(login_sessions).values(
            token_hash=_digest(token), username=username, created=now, last_seen=now,
            address=(address or None) and address[:64],
        ))
    return token


def session_user(db: OpsDb, token: str | None, idle: timedelta, now: datetime | None = None) -> User | None:
    """The enabled account of a live session, or ``None`` (and the session is ended) when idle too long."""
    if not token:
        return None
    now = now or utc_now()
    key = _digest(token)
    with db.begin() as conn:
        row = conn.execute(
            select(users, login_sessions.c.last_seen)
            .join(login_sessions, login_sessions.c.username == users.c.username)
            .where(login_sessions.c.token_hash == key)
        ).first()
        if row is None:
            return None
        last_seen = as_utc(row.last_seen)
        if row.disabled or now - last_seen > idle:
            conn.execute(delete(login_sessions).where(login_sessions.c.token_hash == key))
            return None
        if now - last_seen >= TOUCH_EVERY:
            conn.execute(update(login_sessions).where(login_sessions.c.token_hash == key).values(last_seen=now))
    return _user(row)


def close_session(db: OpsDb, token: str | None) -> None:
    """End a session (logout)."""
    if token:
        with db.begin() as conn:
            conn.execute(delete(login_sessions).where(login_sessions.c.token_hash == _digest(token)))


def end_idle_sessions(db: OpsDb, idle: timedelta, now: datetime | None = None) -> int:
    """Delete sessions idle longer than ``idle``; returns how many."""
    cutoff = (now or utc_now()) - idle
    with db.begin() as conn:
        return conn.execute(delete(login_sessions).where(login_sessions.c.last_seen < cutoff)).rowcount

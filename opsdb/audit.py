"""The audit log: who did what, when (UTC) and from which address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select

from opsdb.schema import audit_events
from opsdb.store import OpsDb, as_utc, utc_now

KINDS = (
    "login",
    "login_gagal",
    "logout",
    "ekspor",
    "impor",
    "akun_tambah",
    "akun_nonaktif",
    "akun_sandi",
    "respon",
    "respon_ditolak",
)
"""Login success / failure, logout, an export, an import, account added / disabled / password set,
a step taken on an alert, a step refused (someone else's alert, or not allowed from its state: :mod:`mapdata.responses`)."""


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    username: str | None
    address: str | None
    kind: str
    detail: dict | None

    def as_dict(self) -> dict:
        return {"at": self.at.isoformat(), "username": self.username, "address": self.address,
                "kind": self.kind, "detail": self.detail}


def record(db: OpsDb, kind: str, username: str | None = None, address: str | None = None,
           detail: dict | None = None, at: datetime | None = None) -> None:
    """Append one event; ``kind`` is one of :data:`KINDS`."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}: use one of {', '.join(KINDS)}")
    with db.begin() as conn:
        conn.execute(insert(audit_events).values(
            at=at or utc_now(), username=(username or None) and username[:64],
            address=(address or None) and address[:64], kind=kind, detail=detail,
        ))


def events(db: OpsDb, since: datetime | None = None, kind: str | None = None) -> list[AuditEvent]:
    """Events in time order, from ``since`` on."""
    q = select(audit_events).order_by(audit_events.c.at, audit_events.c.id)
    if since is not None:
        q = q.where(audit_events.c.at >= since)
    if kind is not None:
        q = q.where(audit_events.c.kind == kind)
    with db.begin() as conn:
        return [AuditEvent(as_utc(r.at), r.username, r.address, r.kind, r.detail) for r in conn.execute(q)]


def failure_times(db: OpsDb, since: datetime, username: str | None = None, address: str | None = None) -> list[datetime]:
    """Times of failed logins since ``since`` for one account or one address.

    For an account, only failures after its last successful login count.
    """
    col, value = (audit_events.c.username, username) if username is not None else (audit_events.c.address, address)
    with db.begin() as conn:
        if username is not None:
            last_ok = conn.execute(
                select(func.max(audit_events.c.at)).where(audit_events.c.kind == "login", col == value)
            ).scalar()
            if last_ok is not None and as_utc(last_ok) > since:
                since = as_utc(last_ok)
        q = select(audit_events.c.at).where(
            audit_events.c.kind == "login_gagal", col == value, audit_events.c.at > since
        ).order_by(audit_events.c.at)
        return [as_utc(r.at) for r in conn.execute(q)]

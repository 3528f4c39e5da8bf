"""The submission history: every import (command line or upload page), who sent it and what it did.

One row per run: who, when it was recorded and when the report arrived
(``diterima``: the same, or ``--diterima`` for a back-filled file), kind, file
name, size and sha256, rows read / imported / rejected / outside the sender's
wilayah, the workspace snapshot before and after, the sender's wilayah, the
periods and reporting units the file brought and which unit brought which
period (``pasangan``), a message (why it was refused,
or a note: the demo's generated rows say they are). A rollback is a row of kind
``rollback``. The arrivals of reports for :mod:`reports.timeliness` are read
from here (:func:`arrivals`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

import pandas as pd
from sqlalchemy import Text, cast, func, insert, or_, select

from opsdb.schema import submissions
from opsdb.store import OpsDb, as_utc, utc_now

CHANNELS = ("cli", "web")
STATUSES = ("ok", "gagal")
_FIELDS = ("username", "channel", "kind", "check_only", "status", "file_name", "size", "sha256", "rows_read",
           "rows_imported", "rows_rejected", "rows_outside", "snapshot_before", "snapshot_after", "wilayah",
           "periods", "units", "pasangan", "message")


@dataclass(frozen=True)
class Submission:
    id: int
    at: datetime
    diterima: datetime
    username: str | None
    channel: str
    kind: str
    check_only: bool
    status: str
    file_name: str | None = None
    size: int | None = None
    sha256: str | None = None
    rows_read: int | None = None
    rows_imported: int | None = None
    rows_rejected: int | None = None
    rows_outside: int | None = None
    snapshot_before: str | None = None
    snapshot_after: str | None = None
    wilayah: str | None = None
    periods: list | None = None
    units: list | None = None
    pasangan: list | None = None
    message: str | None = None

    def as_dict(self) -> dict:
        out = asdict(self)
        out["at"], out["diterima"] = self.at.isoformat(), self.diterima.isoformat()
        return out


def record(db: OpsDb, *, channel: str, kind: str, status: str, diterima: datetime | None = None,
           at: datetime | None = None, **values) -> int:
    """Append one submission; returns its id. ``values`` are the other columns (see :class:`Submission`).

    ``diterima`` (default ``at``, default now) must carry a zone: a local time is the caller's to place.
    """
    row = _row(channel, kind, status, diterima, at, values)
    with db.begin() as conn:
        return int(conn.execute(insert(submissions).values(**row)).inserted_primary_key[0])


def record_many(db: OpsDb, rows: list[dict]) -> int:
    """Append many submissions in one transaction (the demo's generated history); returns how many.

    Each row holds what :func:`record` takes as keywords (``channel``, ``kind``,
    ``status``, ``diterima``, ``at`` and the other columns), checked the same way.
    One row at a time costs a commit each (~3 ms on SQLite): years of weekly
    reports of every puskesmas would take longer than the rest of the demo.
    """
    prepared = [_row(r.get("channel"), r.get("kind"), r.get("status"), r.get("diterima"), r.get("at"),
                     {k: v for k, v in r.items() if k not in ("channel", "kind", "status", "diterima", "at")})
                for r in rows]
    if prepared:
        with db.begin() as conn:
            conn.execute(insert(submissions), prepared)
    return len(prepared)


def _row(channel: str, kind: str, status: str, diterima: datetime | None, at: datetime | None, values: dict) -> dict:
    """The checked row of one submission, times in UTC."""
    if diterima is not None and diterima.tzinfo is None:
        raise ValueError("diterima needs a time zone (a naive time would be read as UTC)")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}: use one of {', '.join(CHANNELS)}")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ValueError(f"unknown submission fields: {', '.join(sorted(unknown))}")
    # SQLite keeps the wall-clock digits and drops the zone: store UTC, always
    at = (at or utc_now()).astimezone(timezone.utc)
    diterima = diterima.astimezone(timezone.utc) if diterima is not None else None
    row = {k: values.get(k) for k in _FIELDS if k not in ("channel", "kind", "status")}
    row["check_only"] = bool(row["check_only"])
    for name, limit in (("username", 64), ("file_name", 255), ("message", 1000), ("wilayah", 64)):
        if row[name] is not None:
            row[name] = str(row[name])[:limit]
    return {"at": at, "diterima": diterima or at, "channel": channel, "kind": kind, "status": status, **row}


def history(db: OpsDb, wilayah: list[str] | None = None, username: str | None = None,
            include_checks: bool = True, limit: int | None = None) -> list[Submission]:
    """Submissions, newest first.

    ``wilayah``: only those sent for one of these wilayah, or whose reporting
    units include one of them (a dinas sees its puskesmas' uploads and the CLI
    imports touching them); ``None`` is every submission (admin). ``username``
    adds the user's own submissions.
    """
    q = select(submissions).order_by(submissions.c.at.desc(), submissions.c.id.desc())
    if not include_checks:
        q = q.where(submissions.c.check_only.is_(False))
    if wilayah is None and limit:
        q = q.limit(limit)  # the admin's page: the newest only (the demo alone holds thousands)
    rows = _rows(db, q)
    if wilayah is not None:
        wanted = [w for w in wilayah if w]

        def inside(code) -> bool:
            return any(code == w or str(code).startswith(w + ".") for w in wanted)

        rows = [r for r in rows if (r.wilayah and inside(r.wilayah)) or any(inside(u) for u in (r.units or []))
                or (username is not None and r.username == username)]
    return rows[:limit] if limit else rows


def get(db: OpsDb, submission_id: int) -> Submission | None:
    found = _rows(db, select(submissions).where(submissions.c.id == submission_id))
    return found[0] if found else None


def arrivals(db: OpsDb, username: str | None = None) -> pd.DataFrame:
    """Arrivals of reports for :func:`reports.timeliness.report_status`: ``wilayah, jenis, periode, diterima``.

    Every saved indicator or case import counts as the arrival of the reports
    its rows hold: one per ``[unit, periode]`` pair of ``pasangan`` (``indikator``
    for months, ``w2`` for weeks); checks and refused imports do not count. A
    row recorded before the pairs were kept (migration ``0005_pasangan``) has
    none: it counts for each of its reporting units and each of its periods,
    as it always did (which overstates a file mixing units and periods).
    ``username``: only the submissions sent by that account.
    """
    c = submissions.c
    # only what an arrival needs (the dashboard asks often); units and periods as their JSON text, decoded only
    # for a row without pairs: decoding the JSON is most of the time this read takes
    q = select(c.kind, c.diterima, cast(c.units, Text), cast(c.periods, Text), c.pasangan).where(
        c.status == "ok", c.check_only.is_(False), or_(c.kind == "indicators", c.kind == "cases"))
    if username is not None:
        q = q.where(c.username == username)
    with db.begin() as conn:
        found = conn.execute(q).all()
    out = []
    for kind, diterima, units, periods, pasangan in found:
        jenis, diterima = ("indikator" if kind == "indicators" else "w2"), as_utc(diterima)
        if pasangan is not None:
            out += [(unit, jenis, periode, diterima) for unit, periode in pasangan]
        else:
            units, periods = json.loads(units or "null") or [], json.loads(periods or "null") or []
            out += [(unit, jenis, periode, diterima) for unit in units for periode in periods]
    frame = pd.DataFrame(out, columns=["wilayah", "jenis", "periode", "diterima"])
    frame["diterima"] = pd.to_datetime(frame["diterima"], utc=True)
    return frame


def version(db: OpsDb) -> int:
    """The id of the newest submission (0 with none): rows are only ever appended, so a cache of
    :func:`arrivals` keyed by it is right until the next submission."""
    with db.begin() as conn:
        return int(conn.execute(select(func.max(submissions.c.id))).scalar() or 0)


def _rows(db: OpsDb, q) -> list[Submission]:
    with db.begin() as conn:
        found = conn.execute(q).mappings().all()
    return [Submission(**{**dict(r), "at": as_utc(r["at"]), "diterima": as_utc(r["diterima"])}) for r in found]

"""Alert response in the operational database: the alerts raised, and the steps taken on them.

An alert is recorded once, when an import (or the demo build) first produces
it (:func:`register_alerts`), with the time it was raised. A step
(:func:`take_step`) is appended, checked against the alert's latest step in
the same transaction (:func:`surveillance.response.check_step`); steps are
never changed (the database refuses an UPDATE or DELETE of one). Who may
take a step is decided before, in :mod:`access.respond` (see
:func:`mapdata.responses.act`, the one door for the command line and the page).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from opsdb.schema import alert_steps, raised_alerts
from opsdb.store import OpsDb, utc_now
from surveillance.response import STEP_COLUMNS, StepRefused, check_step, step_summary
from texts import t

RAISED_COLUMNS = ["id", "jenis", "penyakit", "minggu", "kode_desa", "desa", "severity", "raised_at", "submission_id"]
_CHUNK = 5000
UNTIMED = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""``raised_at`` of an alert recorded when first acted on, never by an import: when it was raised is unknown.
:func:`raised` reads it back as ``NaT``. (A stand-in, as the column is NOT NULL; nothing real is raised in 1970.)"""


def register_alerts(db: OpsDb, alerts: pd.DataFrame, raised_at: datetime | pd.Series,
                    submission_id: int | None = None) -> list[str]:
    """Record the alerts of ``alerts`` (:func:`surveillance.response.alert_table`) not recorded yet.

    Parameters
    ----------
    alerts : the answerable alerts (``id, jenis, penyakit, minggu, kode_desa, desa, severity``).
    raised_at : when they were raised (one time with a zone, or one per row: the demo).
    submission_id : the import that raised them.

    Returns
    -------
    The ids recorded now, in the order of ``alerts`` (an alert recorded before
    keeps its first raised time).
    """
    if not len(alerts):
        return []
    times = _raised_times(alerts, raised_at)
    known = _known_ids(db, alerts)
    fresh = ~alerts["id"].isin(known).to_numpy()
    if not fresh.any():
        return []
    new = alerts.loc[fresh]
    names = ["id", "jenis", "penyakit", "minggu", "kode_desa", "severity"]
    columns = [new[c].astype(str).tolist() for c in names]  # column-wise: to_dict() boxes every Arrow string slowly
    desa = [[str(d) for d in codes] for codes in new["desa"].tolist()]
    rows = [{"id": i, "jenis": j, "penyakit": p, "minggu": m, "kode_desa": k, "severity": sev, "desa": codes,
             "raised_at": at, "submission_id": submission_id}
            for i, j, p, m, k, sev, codes, at in zip(*columns, desa, times[fresh])]
    with db.begin() as conn:
        stmt = _insert_ignoring_duplicates(db, raised_alerts)
        for start in range(0, len(rows), _CHUNK):
            conn.execute(stmt, rows[start:start + _CHUNK])
    return [r["id"] for r in rows]


def _raised_times(alerts: pd.DataFrame, raised_at) -> list[datetime]:
    if isinstance(raised_at, datetime):
        if raised_at.tzinfo is None:
            raise ValueError("raised_at needs a time zone (a naive time would be read as UTC)")
        return pd.Series([raised_at.astimezone(timezone.utc)] * len(alerts), dtype=object).to_numpy()
    stamps = pd.to_datetime(pd.Series(raised_at), utc=True)
    if len(stamps) != len(alerts):
        raise ValueError("raised_at: one time, or one per alert")
    return pd.Series([s.to_pydatetime() for s in stamps], dtype=object).to_numpy()


def _known_ids(db: OpsDb, alerts: pd.DataFrame) -> set[str]:
    """Ids already recorded among the weeks of ``alerts`` (an index look-up per week)."""
    weeks = sorted(set(alerts["minggu"].astype(str)))
    known = set()
    with db.begin() as conn:
        for start in range(0, len(weeks), 500):
            q = select(raised_alerts.c.id).where(raised_alerts.c.minggu.in_(weeks[start:start + 500]))
            known.update(conn.execute(q).scalars())
    return known


def _insert_ignoring_duplicates(db: OpsDb, table):
    """INSERT that skips a row another process recorded a moment ago (two imports at once)."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["id"])
    if db.engine.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["id"])
    return insert(table)


def raised(db: OpsDb, ids: list[str] | None = None, weeks: list[str] | None = None,
           columns: list[str] | None = None) -> pd.DataFrame:
    """Recorded alerts (``columns``, default :data:`RAISED_COLUMNS`; ``raised_at`` in UTC, ``NaT`` when
    :data:`UNTIMED`): all, or those of ``ids`` or ``weeks``."""
    columns = list(columns or RAISED_COLUMNS)
    q = select(*[raised_alerts.c[c] for c in columns])
    if ids is None and weeks is None:
        rows = _all(db, q)
    else:
        col, values = (raised_alerts.c.id, ids) if ids is not None else (raised_alerts.c.minggu, weeks)
        rows = _all_in(db, q, col, list(values))
    out = pd.DataFrame(rows, columns=columns)
    if "raised_at" in out:
        out["raised_at"] = pd.to_datetime(out["raised_at"], utc=True)
        out.loc[out["raised_at"] == pd.Timestamp(UNTIMED), "raised_at"] = pd.NaT  # raise time unknown
    return out


def steps(db: OpsDb, alert_ids: list[str] | None = None) -> pd.DataFrame:
    """The steps (:data:`surveillance.response.STEP_COLUMNS`, ``waktu`` in UTC), by alert and order."""
    q = select(alert_steps.c.alert_id, alert_steps.c.urutan, alert_steps.c.status, alert_steps.c.verdict,
               alert_steps.c.hasil, alert_steps.c.catatan, alert_steps.c.username, alert_steps.c.at.label("waktu"))
    q = q.order_by(alert_steps.c.alert_id, alert_steps.c.urutan)
    if alert_ids is None:
        out = pd.DataFrame(_all(db, q), columns=STEP_COLUMNS)
    elif len(alert_ids) > _WHOLE_TABLE:  # one read of every step beats many look-ups (the list of every week)
        out = pd.DataFrame(_all(db, q), columns=STEP_COLUMNS)
        out = out[out["alert_id"].isin(set(alert_ids))].reset_index(drop=True)
    else:
        out = pd.DataFrame(_all_in(db, q, alert_steps.c.alert_id, list(alert_ids)), columns=STEP_COLUMNS)
    out["urutan"] = out["urutan"].astype("int64")
    out["waktu"] = pd.to_datetime(out["waktu"], utc=True)
    for col in ("verdict", "hasil", "catatan"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


_WHOLE_TABLE = 2000
_IN_CHUNK = 500


def _all(db: OpsDb, q) -> list[tuple]:
    with db.begin() as conn:
        return [tuple(r) for r in conn.execute(q).all()]


def _all_in(db: OpsDb, q, col, values: list) -> list[tuple]:
    """Rows of ``q`` whose ``col`` is one of ``values`` (in chunks: one statement holds only so many parameters)."""
    rows = []
    with db.begin() as conn:
        for start in range(0, len(values), _IN_CHUNK):
            rows += [tuple(r) for r in conn.execute(q.where(col.in_(values[start:start + _IN_CHUNK]))).all()]
    return rows


def take_step(db: OpsDb, alert_id: str, status: str, username: str, verdict: str | None = None,
              hasil: str | None = None, catatan: str | None = None, at: datetime | None = None,
              lang: str = "id") -> dict:
    """Append one step to alert ``alert_id`` as ``username``; returns it (a :data:`STEP_COLUMNS` dict).

    Checked against the alert's latest step in the same transaction; raises
    :class:`surveillance.response.StepRefused` for an unknown alert, a step not
    allowed from its state (:func:`surveillance.response.check_step`), or when
    someone else appended a step at the same moment (``alasan`` ``bersamaan``).
    Permission is the caller's (:func:`mapdata.responses.act`).
    """
    at = (at or utc_now()).astimezone(timezone.utc)
    try:
        with db.begin() as conn:
            if conn.execute(select(raised_alerts.c.id).where(raised_alerts.c.id == alert_id)).first() is None:
                raise StepRefused(t("respon_tidak_dikenal", lang, id=alert_id), "tidak_dikenal")
            q = select(alert_steps.c.alert_id, alert_steps.c.urutan, alert_steps.c.status, alert_steps.c.verdict,
                       alert_steps.c.hasil, alert_steps.c.username, alert_steps.c.at.label("waktu")
                       ).where(alert_steps.c.alert_id == alert_id)
            before = pd.DataFrame(conn.execute(q).mappings().all(),
                                  columns=["alert_id", "urutan", "status", "verdict", "hasil", "username", "waktu"])
            if len(before):
                last = step_summary(before.assign(catatan=None)).iloc[0]
                current, current_verdict = last["status"], last["verdict"]
            else:
                current, current_verdict = "baru", None
            step = check_step(current, current_verdict, status, verdict, hasil, catatan, lang)
            # the place after the step the check read: a step stored since takes it first (unique), and ours is refused
            urutan = int(before["urutan"].max()) + 1 if len(before) else 1
            row = {"alert_id": alert_id, "urutan": urutan, "status": step.status, "verdict": step.verdict,
                   "hasil": step.hasil, "catatan": step.catatan, "username": str(username)[:64], "at": at}
            conn.execute(insert(alert_steps).values(**row))
    except IntegrityError:
        raise StepRefused(t("respon_bersamaan", lang, id=alert_id), "bersamaan") from None
    return {**{k: v for k, v in row.items() if k != "at"}, "waktu": at}


def record_steps(db: OpsDb, rows: list[dict]) -> int:
    """Append many prepared steps at once (the demo's generated ones): ``alert_id, urutan, status, verdict,
    hasil, catatan, username, at`` each. Not checked: the caller built them along the allowed transitions."""
    if not rows:
        return 0
    with db.begin() as conn:
        for start in range(0, len(rows), _CHUNK):
            conn.execute(insert(alert_steps), rows[start:start + _CHUNK])
    return len(rows)


def state_version(db: OpsDb, weeks: list[str] | None = None) -> tuple:
    """A value that changes whenever a step is taken, or an alert of ``weeks`` recorded (the page's cache key).

    ``(the last step's id, how many alerts of weeks are recorded)``: steps are
    insert-only, so the first changes with every step and never returns to an
    earlier value; the second catches an alert recorded without a step (one
    first acted on, whose step was then refused). Two index look-ups.
    """
    from sqlalchemy import func

    last = select(func.max(alert_steps.c.id)).scalar_subquery()
    counted = select(func.count()).select_from(raised_alerts)
    if weeks is not None:
        counted = counted.where(raised_alerts.c.minggu.in_(sorted(set(weeks))))
    with db.begin() as conn:
        row = conn.execute(select(last, counted.scalar_subquery())).one()
    return (row[0] or 0, int(row[1]))

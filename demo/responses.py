"""Generated responses to the demo's alerts, so its 24-hour figures are not empty (synthetic, and said to be so).

Each alert is raised on the Monday after its week (the weekly import), early
morning UTC with a few minutes' spread. Steps are drawn per alert: most are
verified, each puskesmas with its own share on time (so the figures differ
between puskesmas), most verdicts ``benar``; a real rise is mostly
investigated and later closed (a few as KLB), a data error mostly closed at
once. Every generated step is taken by the account ``contoh`` with a note
saying it was generated, and none lies after the demo's "now" (:func:`demo_now`):
the latest week's alerts are partly still ``baru``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd

from surveillance.weeks import week_start

USERNAME = "contoh"
NOTE = "Langkah contoh, dibuat otomatis (data sintetis)"


def demo_now(end_week: str) -> datetime:
    """The demo's "now": Tuesday noon (UTC) after its last week, a day and a half after that week's import."""
    return _monday_after(end_week) + timedelta(hours=36)


def _monday_after(week: str) -> datetime:
    start = week_start(week)
    return datetime(start.year, start.month, start.day, tzinfo=timezone.utc) + timedelta(days=7)


def raised_times(alerts: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """The Monday after each alert's week, 00:00-03:00 UTC (07:00-10:00 WIB), when the weekly import came in."""
    mondays = {w: _monday_after(w) for w in alerts["minggu"].unique()}
    minutes = rng.integers(0, 180, len(alerts))
    return pd.Series([mondays[w] + timedelta(minutes=int(m)) for w, m in zip(alerts["minggu"], minutes)],
                     index=alerts.index, dtype=object)


def generated_steps(alerts: pd.DataFrame, raised: pd.Series, wilayah_kerja: pd.DataFrame, now: datetime,
                    rng: np.random.Generator) -> list[dict]:
    """Steps along the allowed transitions, none after ``now`` (rows for :func:`opsdb.responses.record_steps`)."""
    n = len(alerts)
    if not n:
        return []
    owner = dict(zip(wilayah_kerja["kode_desa"].astype(str), wilayah_kerja["kode_puskesmas"].astype(str)))
    units = sorted(set(owner.values()))
    on_time_share = dict(zip(units, rng.uniform(0.45, 0.95, len(units))))  # each puskesmas its own habit
    share = np.array([on_time_share.get(owner.get(str(desa[0])), 0.7) for desa in alerts["desa"]])
    verified = rng.random(n) < 0.93
    quick = rng.random(n) < share
    verify_h = np.where(quick, rng.gamma(2.0, 4.0, n).clip(0.2, 23.5), rng.uniform(24.5, 120.0, n))
    benar = rng.random(n) < 0.85
    respond = rng.random(n) < 0.8
    respond_h = rng.uniform(4.0, 48.0, n)
    close = rng.random(n) < 0.9
    close_h = rng.uniform(2.0, 14.0, n) * 24.0
    klb = rng.random(n) < 0.08
    close_salah = rng.random(n) < 0.8
    close_salah_h = rng.uniform(0.5, 24.0, n)
    rows = []
    for i, (alert_id, at) in enumerate(zip(alerts["id"], raised)):
        if not verified[i]:
            continue
        steps = [("diverifikasi", "benar" if benar[i] else "salah", None, at + timedelta(hours=float(verify_h[i])))]
        t = steps[-1][3]
        if benar[i] and respond[i]:
            t = t + timedelta(hours=float(respond_h[i]))
            steps.append(("respon", None, None, t))
            if close[i]:
                steps.append(("selesai", None, "klb" if klb[i] else "bukan_klb", t + timedelta(hours=float(close_h[i]))))
        elif not benar[i] and close_salah[i]:
            steps.append(("selesai", None, "bukan_klb", t + timedelta(hours=float(close_salah_h[i]))))
        for urutan, (status, verdict, hasil, when) in enumerate(steps, start=1):
            if when > now:
                break
            rows.append({"alert_id": alert_id, "urutan": urutan, "status": status, "verdict": verdict, "hasil": hasil,
                         "catatan": NOTE, "username": USERNAME, "at": when})
    return rows


def record_demo_responses(db, workspace, end_week: str, seed: int) -> dict:
    """Record the demo snapshot's alerts as raised and their generated steps (only for alerts new to ``db``).

    A demo rebuilt into the same workspace keeps the steps already there (the
    same seed and weeks give the same ids).
    """
    from opsdb import responses
    from puskesmas.table import WILAYAH_KERJA_FILE
    from surveillance import read_alerts, read_clusters
    from surveillance.response import alert_table

    table = alert_table(read_alerts(workspace), read_clusters(workspace, all_weeks=True))
    rng = np.random.default_rng([seed, 12])
    raised = raised_times(table, rng)
    new = responses.register_alerts(db, table, raised)
    fresh = table["id"].isin(set(new)).to_numpy()
    wk = (workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
          if workspace.has(WILAYAH_KERJA_FILE) else pd.DataFrame(columns=["kode_puskesmas", "kode_desa"]))
    rows = generated_steps(table.loc[fresh], raised[fresh], wk, demo_now(end_week), rng)
    responses.record_steps(db, rows)
    return {"alerts": len(new), "steps": len(rows)}

"""Generated report submissions, so the demo's report views are not all 0 % (synthetic, and said to be so).

Every puskesmas of the demo's wilayah kerja sends the W2 of each of the
demo's case weeks and the monthly indicator report of each of its months,
each with its own habit: most send nearly every report and mostly before
the deadline (SKDR's: the Tuesday after the week, 12:00 WIB; the 5th of the
next month, 23:59 WIB, :mod:`reports.timeliness`), :data:`POOR` of them
send fewer and mostly late, and a few weeks (a holiday) are late for many.
Arrivals fall in office hours. Nothing arrives after the demo's "now"
(:func:`demo.responses.demo_now`): the latest week's late reports have not
come yet. Every generated submission is sent by the account ``contoh`` with
a note saying it was generated; the same seed and periods give the same
arrivals.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from reports.timeliness import Tenggat

USERNAME = "contoh"
NOTE = "Kiriman contoh, dibuat otomatis (data sintetis)"

POOR = 2
"""Puskesmas that send systematically fewer reports, and late: the map has something to show."""

LIBUR = 0.04
"""Share of weeks (a holiday) when many puskesmas send the W2 late."""

COLUMNS = ["wilayah", "jenis", "periode", "diterima"]


def habits(units: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """Per puskesmas: ``kirim`` (chance a report is sent at all) and ``tepat`` (chance a sent one is on time).

    :data:`POOR` of them, drawn at random, send 50-70 % and less than half on time; the others 88-99.5 %,
    78-97 % on time.
    """
    n = len(units)
    kirim, tepat = rng.uniform(0.88, 0.995, n), rng.uniform(0.78, 0.97, n)
    poor = rng.choice(n, size=min(POOR, n), replace=False) if n else np.array([], dtype=int)
    kirim[poor], tepat[poor] = rng.uniform(0.5, 0.7, len(poor)), rng.uniform(0.25, 0.45, len(poor))
    return pd.DataFrame({"wilayah": units, "kirim": kirim, "tepat": tepat})


def generated_arrivals(units: list[str], weeks: list[str], months: list[str], now: datetime, seed: int,
                       tenggat: Tenggat = Tenggat()) -> pd.DataFrame:
    """The arrivals the demo records: ``wilayah, jenis, periode, diterima`` (UTC), one row per report sent.

    Parameters
    ----------
    units : the puskesmas codes (``kode_puskesmas``).
    weeks : the ISO weeks of the W2 (``jenis="w2"``).
    months : the months (``YYYY-MM``) of the indicator report (``jenis="indikator"``).
    now : the demo's "now": a report arriving later is left out (not sent yet).
    seed : the demo's seed; the same seed and arguments give the same rows.
    tenggat : the deadlines the habits are drawn around.
    """
    rng = np.random.default_rng([seed, 13])
    units = sorted(map(str, units))
    habit = habits(units, rng)
    holiday = {w for w in weeks if rng.random() < LIBUR}
    frames = []
    for jenis, periods in (("w2", list(weeks)), ("indikator", list(months))):
        if not units or not periods:
            continue
        grid = pd.MultiIndex.from_product([units, periods], names=["wilayah", "periode"]).to_frame(index=False)
        grid = grid.merge(habit, on="wilayah")
        on_time = grid["tepat"].to_numpy()
        if jenis == "w2":
            on_time = np.where(grid["periode"].isin(holiday), on_time * 0.4, on_time)
        else:  # a month gives more slack than a week: sent a little more often
            grid["kirim"] = grid["kirim"].clip(upper=0.97) + 0.02
        sent = rng.random(len(grid)) < grid["kirim"].to_numpy()
        late = rng.random(len(grid)) >= on_time
        grid = grid.assign(jenis=jenis, diterima=_arrivals(grid["periode"], jenis, late, tenggat, rng))
        frames.append(grid.loc[sent, COLUMNS])
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    out["diterima"] = pd.to_datetime(out["diterima"], utc=True)
    return out.loc[out["diterima"] <= pd.Timestamp(now)].reset_index(drop=True)


OFFICE = (7 * 60 + 30, 16 * 60 + 30)
"""Office hours, minutes after midnight (local)."""


def _arrivals(periods: pd.Series, jenis: str, late: np.ndarray, tenggat: Tenggat, rng: np.random.Generator) -> pd.Series:
    """Arrival times (UTC) around each period's deadline, in office hours.

    On time: the W2 on the Sunday to the Tuesday morning before its noon
    deadline (mostly the Monday), the monthly report on the 1st to the 5th.
    Late: the W2 often the same afternoon, otherwise days after (most within a
    week, a few weeks).
    """
    n = len(periods)
    deadline = {p: tenggat.batas(jenis, p) for p in periods.unique()}
    day0 = periods.map({p: d.normalize() for p, d in deadline.items()})  # the deadline's day, local midnight
    due = periods.map({p: (d - d.normalize()).total_seconds() / 60 for p, d in deadline.items()}).to_numpy(float)
    u, same_day = rng.random(n), rng.random(n) < 0.3
    if jenis == "w2":
        back = rng.choice([2, 1, 0], size=n, p=[0.08, 0.57, 0.35])
    else:
        back = rng.integers(0, 5, n)
    days_late = 1 + np.minimum(rng.gamma(1.3, 2.5, n), 30).astype(int)
    start = -1440.0 * back + OFFICE[0]
    minutes = start + (np.minimum(due, -1440.0 * back + OFFICE[1]) - start) * u
    afternoon = late & same_day & (jenis == "w2") & (due + 5 < OFFICE[1])
    minutes = np.where(afternoon, due + 5 + (OFFICE[1] - due - 5) * u, minutes)
    minutes = np.where(late & ~afternoon, 1440.0 * days_late + OFFICE[0] + (OFFICE[1] - OFFICE[0]) * u, minutes)
    local = pd.DatetimeIndex(day0)
    times = local + pd.to_timedelta(np.round(minutes * 60), unit="s")  # whole seconds, as a clock records
    return pd.Series(times, index=periods.index).dt.tz_convert("UTC")


def submission_rows(arrivals: pd.DataFrame, desa_per_unit: dict[str, int]) -> list[dict]:
    """Rows for :func:`opsdb.submissions.record_many`: one saved W2 (``cases``) or indicator import per arrival,
    sent from the web by ``contoh`` for its puskesmas, recorded when it arrived; rows read = the puskesmas's desa.
    Each holds one unit and one period: its one pair (``pasangan``) is given as it is."""
    rows = []
    for r in arrivals.itertuples(index=False):
        at = r.diterima.to_pydatetime()
        n = desa_per_unit.get(r.wilayah)
        w2 = r.jenis == "w2"
        rows.append({"channel": "web", "kind": "cases" if w2 else "indicators", "status": "ok", "at": at,
                     "diterima": at, "username": USERNAME, "wilayah": r.wilayah, "units": [r.wilayah],
                     "periods": [r.periode], "pasangan": [[r.wilayah, r.periode]], "rows_read": n, "rows_imported": n,
                     "rows_rejected": 0, "rows_outside": 0,
                     "file_name": f"{'W2' if w2 else 'laporan_bulanan'}_{r.wilayah}_{r.periode}.xlsx", "message": NOTE})
    return rows


def record_demo_reports(db, wilayah_kerja: pd.DataFrame, weeks: list[str], months: list[str], now: datetime,
                        seed: int) -> int:
    """Record the generated submissions of the demo's puskesmas (:func:`generated_arrivals`); returns how many.

    Only reports ``contoh`` has not sent yet are added: a demo rebuilt into
    the same workspace keeps the history already there (the same seed and
    periods give the same rows; a later end week adds its new weeks).
    """
    from opsdb import submissions

    units = sorted(set(wilayah_kerja["kode_puskesmas"].astype(str)))
    arrivals = generated_arrivals(units, weeks, months, now, seed)
    had = submissions.arrivals(db, username=USERNAME)
    if len(had):
        known = set(zip(had["wilayah"], had["jenis"], had["periode"]))
        fresh = [k not in known for k in zip(arrivals["wilayah"], arrivals["jenis"], arrivals["periode"])]
        arrivals = arrivals.loc[fresh]
    desa = wilayah_kerja.groupby(wilayah_kerja["kode_puskesmas"].astype(str))["kode_desa"].nunique()
    return submissions.record_many(db, submission_rows(arrivals, {k: int(v) for k, v in desa.items()}))

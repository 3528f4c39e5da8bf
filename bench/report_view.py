"""Cost of the report views (``mapdata.laporan``): a map answer, the table and the rapor of the W2 view.

Usage: ``python bench/report_view.py [--repeat N] [--weeks W]``. On a fresh demo
workspace (400 desa, 32 puskesmas, weekly cases) with W weeks of W2 arrivals
and a year of monthly recaps recorded in its operational database (one
submission per puskesmas and period, as the upload page records them), it
times, per request, what a report view asks: the URL resolved (the view's
periods), the map's payload at the top and at a kabupaten, the ranked table and
the rapor, and the arrivals read from the database alone; "warm" with the
arrivals memoised under the submission version, "after a submission" with one
more submission recorded first (the arrivals read again, the figures worked out
again; the recording itself not timed). Prints median milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_ms  # noqa: E402



def _record_arrivals(db, units: list[str], weeks: list[str], months: list[str]) -> int:
    """One W2 per unit and week (most on time, some late, a few missing) and one recap per unit and month."""
    from opsdb import submissions
    from surveillance.weeks import week_start

    n = 0
    for i, unit in enumerate(units):
        for j, week in enumerate(weeks):
            if (i + j) % 11 == 0:
                continue  # not sent
            day = week_start(week) + timedelta(days=8 if (i * j) % 7 else 9)  # Tuesday, or Wednesday: late
            submissions.record(db, channel="web", kind="cases", status="ok", units=[unit], periods=[week],
                               pasangan=[[unit, week]],
                               diterima=datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc))
            n += 1
        for month in months:
            y, m = int(month[:4]) + int(month[5:]) // 12, int(month[5:]) % 12 + 1
            submissions.record(db, channel="web", kind="indicators", status="ok", units=[unit], periods=[month],
                               pasangan=[[unit, month]], diterima=datetime(y, m, 3, 2, 0, tzinfo=timezone.utc))
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=52)
    args = parser.parse_args()

    from demo import build_demo_workspace
    from mapdata import laporan
    from mapdata.store import MapDataCache
    from mapdata.view import current_state, map_payload, table_rows
    from opsdb import OpsDb, submissions
    from puskesmas import WILAYAH_KERJA_FILE
    from surveillance.weeks import shift_week, week_of_date, week_range

    root = Path(tempfile.mkdtemp()) / "ws"
    ws = build_demo_workspace(root, seed=0, progress=None)
    db = OpsDb.for_workspace(ws.root)
    units = sorted(set(ws.read_table(WILAYAH_KERJA_FILE)["kode_puskesmas"]))
    last = shift_week(week_of_date(datetime.now(timezone.utc).date()), -2)
    weeks = week_range(last, args.weeks)
    import pandas as pd

    from surveillance.weeks import week_start

    months = list(pd.period_range(end=pd.Period(week_start(last), "M") - 1, periods=12, freq="M").strftime("%Y-%m"))
    n = _record_arrivals(db, units, weeks, months)
    print(f"demo: {len(units)} puskesmas, {n} submissions ({args.weeks} weeks of W2, {len(months)} months of recaps)")
    print(f"{'arrivals() read':<32} {median_ms(lambda: submissions.arrivals(db), args.repeat):6.1f} ms")

    md = MapDataCache(ops=lambda: db).get(ws.root)
    kab = sorted(md.areas.loc[md.areas["level"] == "kabkota", "kode"])[0]
    for name, search in (("W2, top", f"?indikator=lapor_w2&periode={last}"),
                         (f"W2, {kab} by puskesmas", f"?wilayah={kab}&jalur=puskesmas&indikator=lapor_w2&periode={last}"),
                         ("monthly recap, top", f"?indikator=tepat_bulanan&periode={months[-1]}"),
                         ("case data, top", "?indikator=lapor_kasus")):

            def ask():
                state = current_state(md, search)
                map_payload(md, state)
                table_rows(md, state)
                laporan.report_card(md, state, state.wilayah)

            ask()
            warm = median_ms(ask, args.repeat)

            times = []
            for _ in range(max(3, args.repeat // 2)):
                submissions.record(db, channel="web", kind="cases", status="ok", units=[units[0]], periods=[last],
                                   pasangan=[[units[0], last]], diterima=datetime.now(timezone.utc))
                times.append(median_ms(ask, 1))
            print(f"{name:<32} warm {warm:6.1f} ms   after a submission {statistics.median(times):6.1f} ms")


if __name__ == "__main__":
    main()

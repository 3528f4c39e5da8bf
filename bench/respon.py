"""How long alert response takes on the demo's alerts (about 11,800 answerable alerts, three years).

Run: .venv/bin/python bench/respon.py [--repeat 3] [--database-url URL]
Builds the demo once (seed 0, end week 2026-W47), then times with a fresh
operational database per repeat: the alert table from the snapshot, recording
every alert as raised, the demo's generated steps (what the demo build adds),
one import's recording when every alert is known already, the alert list with
states (the page's read), the figures per puskesmas, and one step through the
door (permission, transition check, insert, audit).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from access.actor import Actor
    from demo import build_demo_workspace
    from demo.responses import demo_now, generated_steps, raised_times
    from mapdata import responses as door
    from mapdata.store import load_mapdata
    from mapdata.view import alert_list, current_state
    from opsdb import OpsDb
    from opsdb import responses as store
    from surveillance import read_alerts, read_clusters
    from surveillance.response import alert_table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: a SQLite file per repeat)")
    args = parser.parse_args()
    import numpy as np

    times: dict[str, list[float]] = {}
    counts: list[int] = []
    shown: list[int] = []

    def timed(name, fn):
        start = time.perf_counter()
        out = fn()
        times.setdefault(name, []).append(time.perf_counter() - start)
        return out

    with tempfile.TemporaryDirectory() as tmp:
        ws = build_demo_workspace(Path(tmp) / "demo", seed=0, end_month="2026-10", end_week="2026-W47", progress=None)
        snap = ws.pinned()
        md = load_mapdata(ws)
        for i in range(args.repeat):
            db = OpsDb(args.database_url) if args.database_url else OpsDb(f"sqlite:///{tmp}/ops{i}.sqlite")
            table = timed("alert table", lambda: alert_table(read_alerts(snap), read_clusters(snap, all_weeks=True)))
            rng = np.random.default_rng(i)
            raised = raised_times(table, rng)
            timed("record 1st import", lambda: store.register_alerts(db, table, raised))
            rows = generated_steps(table, raised, md.wilayah_kerja, demo_now("2026-W47"), rng)
            timed("record demo steps", lambda: store.record_steps(db, rows))
            counts.append(len(rows))
            timed("record next import", lambda: store.register_alerts(db, table, raised.iloc[0]))
            md.clear_memo()
            timed("alert list (all weeks)", lambda: door.alert_states(md, db))
            timed("alert list (one week)", lambda: door.alert_states(md, db, week="2026-W47"))
            timed("figures per puskesmas", lambda: door.figures(md, db, by="puskesmas"))
            state = current_state(md, "")
            md.clear_memo()
            timed("panel list", lambda: alert_list(md, state, db))
            md.clear_memo()
            listed = timed("panel list, filter on", lambda: alert_list(md, state, db, only_baru=True))
            shown.append(len(listed["rows"]) + listed["lainnya"])
            open_ = door.alert_states(md, db, week="2026-W47")
            target = open_.loc[open_["status"] == "baru", "id"].iloc[0]
            timed("one step (act)", lambda: door.act(md, db, Actor("bench", "admin"), target, "diverifikasi",
                                                     verdict="benar"))
            timed("panel list, filter on, after a step", lambda: alert_list(md, state, db, only_baru=True))
            db.dispose()
    print(f"demo alerts: {len(table)} answerable, {statistics.median(counts):.0f} generated steps; "
          f"{args.repeat} repeats; the filtered list holds {statistics.median(shown):.0f} alerts; "
          "median (min–max) seconds")
    for name, values in times.items():
        print(f"  {name:<36} {statistics.median(values):6.3f}  ({min(values):.3f}–{max(values):.3f})")


if __name__ == "__main__":
    main()

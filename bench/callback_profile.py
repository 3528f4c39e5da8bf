"""Where one step's server time goes: every callback of a drill or switch, in-process, no load.

Usage::

    python bench/callback_profile.py [NAME|PATH] [--users 12] [--rounds 2] [--cprofile 25]

Builds the app in this process and drives it through Flask's test client (no
HTTP, no other users) with :class:`tests.dash_requests.SimulatedUser`: the
page's own callback POSTs and geometry GETs. ``--users`` simulated users take
the paths of ``bench/load_test.py`` (start → … → a different desa each,
switching indicator at every level) one after the other, for ``--rounds``
rounds: the first round sees every area for the first time (as a cold
per-snapshot memo does), the second repeats the same views (as the load test's
second round does). Prints, per round and per callback: calls, median and p95
ms, total share of the step time, and median response bytes (as Dash sends
them: gzip where the app compresses). With ``--cprofile N``, also the ``N``
functions with the most cumulative time over the whole run.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_test import INDICATORS, paths_of  # noqa: E402
from tests.dash_requests import CallbackGraph, FlaskClient, SimulatedUser  # noqa: E402
from workspaces import DEFAULT_DIR, NAMES, ensure  # noqa: E402


def p95(xs):
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


class GzipClient(FlaskClient):
    """The test client asking for gzip, as a browser does (bytes are counted as sent)."""

    def post(self, url, json=None):
        return _GzipResp(self._c.post(url, json=json, headers={"Accept-Encoding": "gzip"}))


class _GzipResp:
    def __init__(self, r):
        self.status_code, self.content = r.status_code, r.data
        self._gz = r.headers.get("Content-Encoding") == "gzip"

    def json(self):
        return json.loads(gzip.decompress(self.content) if self._gz else self.content)


def walk(app, paths, rounds):
    """Per round: {callback name: [(ms, bytes), ...]} and the step totals."""
    graph = CallbackGraph(app.server.test_client().get("/_dash-dependencies").get_json())
    out = []
    for r in range(rounds):
        per = defaultdict(list)
        steps = []
        for i, path in enumerate(paths):
            user = SimulatedUser(GzipClient(app.server), graph)
            user.open("")
            for j, area in enumerate(path):
                for step in (user.drill(area), user.switch(INDICATORS[(i + r + j) % len(INDICATORS)])):
                    steps.append(sum(e.ms for e in step.exchanges))
                    for e in step.exchanges:
                        per[e.name].append((e.ms, e.nbytes))
        out.append((per, steps))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspace", nargs="?", default="demo")
    ap.add_argument("--users", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--cprofile", type=int, default=0, metavar="N", help="print the N top functions by cumulative time")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    import os

    from app import create_app
    from mapdata.store import MapDataCache
    from tests.dash_requests import as_admin

    path = ensure(args.workspace, args.dir) if args.workspace in NAMES else Path(args.workspace)
    paths = paths_of(MapDataCache().get(path), args.users)
    app = create_app(path, actor=as_admin)  # login is not what this profiles
    t = time.perf_counter()
    walk(app, paths[:1], 1)  # load the snapshot and the indicator tables (not counted)
    print(f"workspace {path}; warm-up {time.perf_counter() - t:.1f} s; load average {os.getloadavg()[0]:.1f} (2 cores, shared)")
    prof = cProfile.Profile() if args.cprofile else None
    if prof:
        prof.enable()
    result = walk(app, paths, args.rounds)
    if prof:
        prof.disable()
    for r, (per, steps) in enumerate(result, start=1):
        total = sum(ms for xs in per.values() for ms, _ in xs)
        print(f"\nround {r} ({'first sight of every view' if r == 1 else 'the same views again'}): {len(steps)} steps (drill + switch), "
              f"step median {statistics.median(steps):.0f} ms, p95 {p95(steps):.0f} ms")
        print(f"  {'callback':<24} {'calls':>5} {'median ms':>10} {'p95 ms':>8} {'share':>6} {'median KB':>10}")
        for name, xs in sorted(per.items(), key=lambda kv: -sum(ms for ms, _ in kv[1])):
            ms = [m for m, _ in xs]
            kb = [b / 1024 for _, b in xs]
            print(f"  {name:<24} {len(xs):>5} {statistics.median(ms):>10.1f} {p95(ms):>8.1f} "
                  f"{sum(ms) / total:>6.0%} {statistics.median(kb):>10.2f}")
    if prof:
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(args.cprofile)
        print(s.getvalue())


if __name__ == "__main__":
    main()

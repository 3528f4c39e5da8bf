"""Drill-down and indicator switch through real HTTP, against the naive way, per workspace.

Usage::

    python bench/drilldown.py [NAME|PATH ...] [--runs 7] [--dir /tmp/pws-bench]

NAMEs are those of ``bench/workspaces.py`` (``demo beltim jabar national``, the
default: all four, built on first use); a PATH is any workspace. The app is
served on 127.0.0.1 (werkzeug, threaded, in this process) and driven over HTTP by
:class:`tests.dash_requests.SimulatedUser`: the Dash ``_dash-update-component``
POSTs the page sends (action callback, then map, table, trend, rapor and alerts
callbacks) and the GET of the geometry route, as the browser would.

Each run opens the start view and drills one step per level (a different child
each run, so the per-snapshot memo does not hide the work: every area is seen
for the first time), switching indicator at the kabupaten/kota view. Per step kind
it prints median, p95 and min–max over the runs of:

- ``map ms``: action + map callback + geometry GET (what the map waits for);
- ``all ms``: every request of the step (the whole server work, side panels too);
- ``map KB``: bytes as sent (gzip where the server compresses; ``tests.dash_requests.wire_bytes``)
  of the map callback and the geometry (the map's own data); ``action KB``: the
  action callback's answer before them (the new URL: also on the map's path,
  so ``ratio with action`` counts it too); ``all KB``: every response;
- ``naive KB`` / ``naive ms``: the same view as a naive Dash app would send it: a
  plotly ``Choroplethmap`` figure with the children's full geometry (the
  ``boundaries/{level}.parquet`` shapes), re-sent whole in every callback,
  built and JSON-encoded as Dash encodes a figure (values not counted in its ms);
- ``ratio``: naive KB / map KB, and against a gzip-compressed naive response too.

Targets: drill into a kabupaten ≤ 150 ms p95 (map ms); indicator switch ≤ 20 KB
(map KB); ≥ 10× fewer bytes than the naive way. Times over loopback include the
HTTP round trip (an upper bound of server time); the machine is shared, so read
medians and ratios, not single values.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from geo.levels import level_of  # noqa: E402
from mapdata import areas  # noqa: E402
from mapdata.store import MapDataCache  # noqa: E402
from tests.browser_support import serving  # noqa: E402
from tests.dash_requests import as_admin  # noqa: E402  (login is not what this measures)
from tests.dash_requests import CallbackGraph, SimulatedUser, foreign_codes  # noqa: E402
from workspaces import DEFAULT_DIR, NAMES, ensure  # noqa: E402

SWITCH_INDICATORS = ["k1", "k6", "idl", "stunting", "dm", "ds"]


def p95(xs):
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


class Naive:
    """The naive Dash way: a plotly choropleth figure with full geometry in every callback."""

    def __init__(self, md):
        self.md = md
        self.full = {}

    def _level(self, level):
        if level not in self.full:
            self.full[level] = self.md.workspace.read_geo(f"boundaries/{level}.parquet", columns=["kode", "nama", "induk", "geometry"])
        return self.full[level]

    def figure_json(self, area, values: dict) -> tuple[int, int, float]:
        """(raw bytes, gzip bytes, build+encode ms) of the figure showing ``area``'s children."""
        import plotly.graph_objects as go
        from plotly.io.json import to_json_plotly

        kids = areas.children(self.md, area)
        level = kids["level"].iloc[0]
        full = self._level(level)
        t = time.perf_counter()
        sel = full[full["kode"].isin(set(kids["kode"]))]
        gj = json.loads(sel[["kode", "nama", "geometry"]].to_json())
        fig = go.Figure(
            go.Choroplethmap(
                geojson=gj,
                locations=sel["kode"],
                featureidkey="properties.kode",
                z=[values.get(k) for k in sel["kode"]],
                text=sel["nama"],
            )
        )
        minx, miny, maxx, maxy = sel.total_bounds
        fig.update_layout(map={"bounds": {"west": minx, "east": maxx, "south": miny, "north": maxy}}, margin={"l": 0, "r": 0, "t": 0, "b": 0})
        body = to_json_plotly({"response": {"pws-map": {"figure": fig.to_plotly_json()}}, "multi": True}).encode()
        ms = (time.perf_counter() - t) * 1000
        return len(body), len(gzip.compress(body, 6)), ms


def values_of(step) -> dict:
    """Area code → value shown, from the map callback's hideout (for the naive figure's ``z``)."""
    hide = ((step.map_response or {}).get("pws-areas") or {}).get("hideout") or {}
    return {k: i for i, k in enumerate(hide.get("warna", {}))}


def step_name(area, kind):
    if kind == "switch":
        return f"indicator switch at {level_of(area) if area else 'Indonesia'}"
    return f"drill into {level_of(area)}"


def bench_workspace(path: Path, runs: int) -> dict:
    md = MapDataCache().get(path)
    naive = Naive(md)
    start = areas.start_area(md)
    rows = defaultdict(lambda: defaultdict(list))
    leaks = []
    import httpx

    with serving(path, actor=as_admin) as base, httpx.Client(base_url=base, timeout=120) as client:
        graph = CallbackGraph(client.get("/_dash-dependencies").json())
        user = SimulatedUser(client, graph)
        t = time.perf_counter()
        first = user.open("")
        print(f"  first page open (cold snapshot load, all callbacks): {(time.perf_counter() - t) * 1000:.0f} ms, {first.nbytes / 1024:.0f} KB")
        for run in range(runs):
            user.open("")
            area = start
            switched = False
            while True:
                kids = areas.children(md, area)
                if not len(kids):
                    break
                codes = sorted(kids["kode"])
                area = codes[(run * 7919) % len(codes)]  # a different child each run
                steps = [("drill", user.drill(area))]
                if level_of(area) == "kabkota" and not switched:
                    steps.append(("switch", user.switch(SWITCH_INDICATORS[run % len(SWITCH_INDICATORS)])))
                    switched = True
                for kind, step in steps:
                    bad = foreign_codes(step, area) + [f"HTTP {e.status} {e.name}" for e in step.errors]
                    if bad:
                        leaks.append((area, kind, bad[:3]))
                    r = rows[step_name(area, kind)]
                    r["map ms"].append(step.ms_of("pws-aksi.data") + step.ms_of("pws-areas.url") + step.ms_of("geometry"))
                    r["all ms"].append(sum(e.ms for e in step.exchanges))
                    map_bytes = step.bytes_of("pws-areas.url") + step.bytes_of("geometry")
                    r["map callback KB"].append(step.bytes_of("pws-areas.url") / 1024)
                    r["geometry KB"].append(step.bytes_of("geometry") / 1024)
                    r["map callback ms"].append(step.ms_of("pws-areas.url"))
                    r["map KB"].append(map_bytes / 1024)
                    action_bytes = step.bytes_of("pws-aksi.data")
                    r["action KB"].append(action_bytes / 1024)
                    r["all KB"].append(step.nbytes / 1024)
                    # the view drawn, the naive way: the children of the area (at a desa, its kecamatan's children)
                    view = area if level_of(area) != "desa" else area.rsplit(".", 1)[0]
                    raw, gz, ms = naive.figure_json(view, values_of(step))
                    r["naive KB"].append(raw / 1024)
                    r["naive gzip KB"].append(gz / 1024)
                    r["naive ms"].append(ms)
                    r["ratio"].append(raw / max(map_bytes, 1))
                    r["ratio vs gzip"].append(gz / max(map_bytes, 1))
                    r["ratio with action"].append(raw / max(map_bytes + action_bytes, 1))
                if level_of(area) == "desa":
                    break
    return {"rows": rows, "leaks": leaks}


def report(name: str, result: dict) -> None:
    cols = ["map ms", "map callback ms", "all ms", "map KB", "map callback KB", "geometry KB", "action KB", "all KB",
            "naive KB", "naive gzip KB", "naive ms", "ratio", "ratio vs gzip", "ratio with action"]
    for step, r in result["rows"].items():
        print(f"  {step} (n={len(r[cols[0]])})")
        for c in cols:
            xs = r[c]
            print(f"    {c:<16} median {statistics.median(xs):8.1f}   p95 {p95(xs):8.1f}   min-max {min(xs):.1f}-{max(xs):.1f}")
    ours = sum(sum(r["map KB"]) for r in result["rows"].values())
    naive = sum(sum(r["naive KB"]) for r in result["rows"].values())
    action = sum(sum(r["action KB"]) for r in result["rows"].values())
    print(f"  whole runs (every drill step and the switch): map {ours:.0f} KB vs naive {naive:.0f} KB → {naive / ours:.1f}× fewer bytes"
          f" ({naive / (ours + action):.1f}× with the action answers, {action:.0f} KB)")
    if result["leaks"]:
        print(f"  WRONG ANSWERS: {result['leaks'][:5]}")
    else:
        print("  every answer belonged to the area asked for")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspaces", nargs="*", default=list(NAMES))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    import os

    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    for w in args.workspaces:
        path = ensure(w, args.dir) if w in NAMES else Path(w)
        print(f"\n== {w} ({path})")
        report(w, bench_workspace(path, args.runs))


if __name__ == "__main__":
    main()

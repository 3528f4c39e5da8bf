"""Time, in headless Chromium, every drill step and an indicator switch as the user sees them.

Usage: ``python bench/browser_timing.py [NAME|PATH ...] [--runs N]`` (NAMEs from
``bench/workspaces.py``: ``demo beltim jabar national``; default ``demo``).
Each run starts at the start view and clicks on the map down to a desa
(provinsi → kabupaten/kota → kecamatan → desa, from the workspace's top level),
a different child each run (among the three with the largest main shape, so the click lands inside it).
Drill: from the mouse click until the new area's children are drawn and styled.
Switch (at the kabupaten/kota view): from pressing "next indicator" until the map's
colours changed. Prints median and min–max in ms per step, and the geometry
requests per switch (expected 0).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from geo.levels import level_of  # noqa: E402
from mapdata import areas  # noqa: E402
from mapdata.store import MapDataCache  # noqa: E402
from tests.browser_support import CHROMIUM_ARGS, click_area, fill_colours, inner_point, serving, wait_for_areas  # noqa: E402
from tests.dash_requests import as_admin  # noqa: E402  (login is not what this measures)
from workspaces import DEFAULT_DIR, NAMES, ensure  # noqa: E402


def summary(name, ms):
    print(f"{name}: median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f}, n={len(ms)})")


def largest_children(md, kode, n=3):
    """Codes of the ``n`` children of ``kode`` with the largest main shape, largest first.

    Only children whose click point (the representative point :func:`click_area` uses)
    lies in their largest part: on a multi-island area it may fall on a speck off screen.
    """
    import shapely

    kids = list(areas.children(md, kode)["kode"])
    geom = md.display.drop_duplicates("kode").set_index("kode").geometry.reindex(kids)
    score = {}
    for k, g in geom.items():
        if g is None or g.is_empty:
            continue
        big = max(shapely.get_parts(g), key=lambda part: part.area)
        if big.contains(g.representative_point()):
            score[k] = big.area
    return sorted(score, key=score.get, reverse=True)[:n]


def on_map(page, md, kode: str) -> bool:
    """True when the click point of ``kode`` is on the map itself (not under the legend or a control)."""
    lat, lon = inner_point(md, kode)
    return page.evaluate(
        "([lat, lon]) => { const m = window.pws.mapIn(); const p = m.latLngToContainerPoint([lat, lon]);"
        " const box = m.getContainer().getBoundingClientRect();"
        " const el = document.elementFromPoint(box.left + p.x, box.top + p.y);"
        " return !!el && el.closest('.leaflet-container') === m.getContainer() && !el.closest('.leaflet-control'); }",
        [lat, lon],
    )


def settle(page) -> None:
    """Wait until the map stopped moving: a click computed during the fit animation can miss."""
    page.wait_for_function(
        "() => { const m = window.pws.mapIn(); return m && !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress); }"
    )
    page.wait_for_timeout(300)


def time_workspace(path: Path, runs: int, chromium: str) -> None:
    md = MapDataCache().get(path)
    start = areas.start_area(md)
    tops = set(areas.children(md, start)["kode"])

    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    steps: dict[str, list[float]] = {}
    with serving(path, actor=as_admin) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        geo = []
        page.on("request", lambda r: geo.append(r.url) if "/pws/geo/" in r.url else None)
        page.goto(url + "/")
        wait_for_areas(page, tops, timeout=120000)  # first load: the snapshot is read
        geo_per_switch = []
        for i in range(runs):
            # K1 → K6 on the switch: two indicators with values in every workspace built here
            page.goto(url + "/?indikator=k1")
            wait_for_areas(page, tops, timeout=60000)
            settle(page)
            area = start
            while True:
                kids = largest_children(md, area)
                if not kids or (area is not None and level_of(area) == "desa"):
                    break
                # a different child each run, skipping any whose click point is under the legend
                order = kids[i % len(kids):] + kids[: i % len(kids)]
                area = next((k for k in order if on_map(page, md, k)), order[0])
                settle(page)
                t = time.perf_counter()
                click_area(page, md, area)
                try:
                    wait_for_areas(page, set(areas.children(md, area)["kode"]), timeout=60000)
                except PlaywrightTimeout:
                    print(f"  run {i}: the click on {area} drew nothing within 60 s (missed the shape?); run stopped")
                    break
                steps.setdefault(f"drill into {level_of(area)} (click -> drawn and styled)", []).append((time.perf_counter() - t) * 1000)
                if level_of(area) == "kabkota":
                    before, n = fill_colours(page), len(geo)
                    t = time.perf_counter()
                    page.locator("#pws-key-next").click()
                    try:
                        page.wait_for_function(
                            "(old) => { const m = window.pws.mapIn(); let changed = false;"
                            " m.eachLayer(l => { if (l.feature && l.feature.properties.kode in old && l.options.fillColor !== old[l.feature.properties.kode]) changed = true; });"
                            " return changed; }",
                            arg=before,
                            timeout=30000,
                        )
                    except PlaywrightTimeout:
                        # e.g. both indicators without data here: every area stays "tidak ada data"
                        print(f"  run {i}: colours at {area} unchanged 30 s after the switch; not counted")
                        continue
                    steps.setdefault("indicator switch at kabkota (click -> colours changed)", []).append((time.perf_counter() - t) * 1000)
                    geo_per_switch.append(len(geo) - n)
        browser.close()
    for name, ms in steps.items():
        summary(name, ms)
    print(f"geometry requests per switch: {geo_per_switch}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspaces", nargs="*", default=["demo"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    import os

    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    for w in args.workspaces:
        path = ensure(w, args.dir) if w in NAMES else Path(w)
        print(f"\n== {w} ({path})")
        time_workspace(path, args.runs, args.chromium)


if __name__ == "__main__":
    main()

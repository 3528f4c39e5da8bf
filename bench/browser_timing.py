"""Time, in headless Chromium, a drill step and an indicator switch as the user sees them.

Usage: ``python bench/browser_timing.py [WORKSPACE] [--runs N]`` (default: a fresh demo).
Drill: from a click on a kabupaten until its kecamatan are drawn and styled.
Switch: from pressing "next indicator" until the map's colours changed.
Prints median and min–max in ms, and the geometry requests per switch (expected 0).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapdata import areas  # noqa: E402
from mapdata.store import MapDataCache  # noqa: E402
from tests.browser_support import CHROMIUM_ARGS, click_area, fill_colours, serving, wait_for_areas  # noqa: E402


def summary(name, ms):
    print(f"{name}: median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f}, n={len(ms)})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace", nargs="?")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    path = Path(args.workspace) if args.workspace else None
    if path is None:
        from demo import build_demo_workspace

        path = Path(tempfile.mkdtemp()) / "ws"
        build_demo_workspace(path, seed=0, progress=None)
    md = MapDataCache().get(path)
    start = areas.start_area(md)
    kabs = list(areas.children(md, start)["kode"])

    from playwright.sync_api import sync_playwright

    with serving(path) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        geo = []
        page.on("request", lambda r: geo.append(r.url) if "/pws/geo/" in r.url else None)
        page.goto(url + "/")
        wait_for_areas(page, set(kabs))
        drills, switches, geo_per_switch = [], [], []
        for i in range(args.runs):
            kab = kabs[i % len(kabs)]
            page.goto(url + "/")
            wait_for_areas(page, set(kabs))
            t = time.perf_counter()
            click_area(page, md, kab)
            wait_for_areas(page, set(areas.children(md, kab)["kode"]))
            drills.append((time.perf_counter() - t) * 1000)
            before, n = fill_colours(page), len(geo)
            t = time.perf_counter()
            page.locator("#pws-key-next").click()
            page.wait_for_function(
                "(old) => { const m = window.pws.leafletMap; let changed = false;"
                " m.eachLayer(l => { if (l.feature && l.feature.properties.kode in old && l.options.fillColor !== old[l.feature.properties.kode]) changed = true; });"
                " return changed; }",
                arg=before,
                timeout=15000,
            )
            switches.append((time.perf_counter() - t) * 1000)
            geo_per_switch.append(len(geo) - n)
        browser.close()
    summary("drill (click -> children drawn and styled)", drills)
    summary("indicator switch (click -> colours changed)", switches)
    print(f"geometry requests per switch: {geo_per_switch}")


if __name__ == "__main__":
    main()

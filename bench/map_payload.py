"""What travels per drill step and per indicator switch, and how long the server takes.

Usage: ``python bench/map_payload.py [WORKSPACE]`` (default: a fresh demo in a temp folder).
Prints bytes of geometry (raw and gzip) per level, bytes of the hideout, and the
median / min–max time of the map callback's work for a drill and for a switch.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from callbacks.view import map_outputs  # noqa: E402
from mapdata import areas, geojson  # noqa: E402
from mapdata.store import MapDataCache  # noqa: E402


def timed(fn, repeat=15):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times)


def main(path: Path | None) -> None:
    if path is None:
        from demo import build_demo_workspace

        path = Path(tempfile.mkdtemp()) / "ws"
        build_demo_workspace(path, seed=0, progress=None)
    cache = MapDataCache()
    t = time.perf_counter()
    md = cache.get(path)
    print(f"load snapshot: {(time.perf_counter() - t) * 1000:.0f} ms ({len(md.areas)} areas)")
    start = areas.start_area(md)
    chain = [start]
    while True:
        kids = areas.children(md, chain[-1])
        if kids["level"].iloc[0] == "desa" or len(chain) > 3:
            break
        chain.append(kids["kode"].iloc[0])
    print(f"{'area':<16}{'features':>9}{'raw KB':>9}{'gzip KB':>9}{'ratio':>7}{'encode ms (med, min-max)':>28}")
    for kode in chain:
        body = geojson.children_geojson(md, kode)
        gz = geojson.gzipped(body)
        med, lo, hi = timed(lambda: geojson.children_geojson(md, kode), 7)
        n = len(json.loads(body)["features"])
        print(f"{str(kode):<16}{n:>9}{len(body) / 1024:>9.1f}{len(gz) / 1024:>9.1f}{len(body) / len(gz):>7.1f}   {med:>7.1f} ({lo:.1f}-{hi:.1f})")
    kab = chain[min(1, len(chain) - 1)]
    t = time.perf_counter()
    map_outputs(f"?wilayah={kab}&indikator=k1", None, md)
    print(f"first indicator question (IndicatorQuery setup, once per snapshot): {(time.perf_counter() - t) * 1000:.0f} ms")

    def cold(search, url):
        md.clear_memo()  # measure the work, not the per-snapshot memo
        return map_outputs(search, url, md)

    drill = timed(lambda: cold(f"?wilayah={kab}&indikator=k1", None))
    url = map_outputs(f"?wilayah={kab}", None, md)[0]
    inds = ["k1", "k6", "idl", "stunting", "dm"]
    i = iter(range(10**6))
    switch = timed(lambda: cold(f"?wilayah={kab}&indikator={inds[next(i) % len(inds)]}", url))
    hide = map_outputs(f"?wilayah={kab}&indikator=k1&klasifikasi=quantiles", url, md)[1]
    print(f"hideout for {kab}: {len(json.dumps(hide, ensure_ascii=False).encode()) / 1024:.1f} KB")
    print(f"map callback, drill (geometry url + hideout): median {drill[0]:.1f} ms ({drill[1]:.1f}-{drill[2]:.1f})")
    print(f"map callback, indicator switch (hideout only): median {switch[0]:.1f} ms ({switch[1]:.1f}-{switch[2]:.1f})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)

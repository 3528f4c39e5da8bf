"""Speed of the early-warning computations; prints its figures (no assertions).

1. One real kabupaten (the largest with ≤ 400 desa in ../shared/data) × 156 weeks ×
   3 diseases of generated cases: everything the case import precomputes (SKDR
   rules, EARS C2, space-time scan with 999 permutations per disease,
   completeness). Target ≤ 10 s.
2. EARS C1, C2 and C3 for all 83,246 desa × 156 weeks. Target ≤ 30 s.

Run: ``python bench/bench_surveillance.py [--repeat 3] [--scan-model history]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from settings import SHARED_DATA  # noqa: E402
from surveillance.demo import generate_weekly_cases  # noqa: E402
from surveillance.pipeline import Settings, precompute  # noqa: E402
from surveillance.temporal import get_method  # noqa: E402

DESA_FILE = SHARED_DATA / "boundaries" / "indonesia_desa_simplified.parquet"


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return result, times


def fmt(times):
    return f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, n={len(times)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scan-model", default=Settings.scan_model, choices=("permutation", "history"),
                    help="space-time scan of the precomputation (Settings.scan_model)")
    args = ap.parse_args()
    if not DESA_FILE.exists():
        sys.exit(f"needs {DESA_FILE} (../shared/data)")

    desa_all = gpd.read_parquet(DESA_FILE)
    sizes = desa_all["kode"].str[:5].value_counts()
    kab = sizes[sizes <= 400].index[0]
    desa = desa_all[desa_all["kode"].str.startswith(kab + ".")].copy()
    desa["induk"] = desa["kode"].str[:8]
    fas = pd.DataFrame({"id": [f"PY-{k}-{m}" for k in desa["kode"] for m in (1, 2, 3)], "jenis": "posyandu",
                        "kode_desa": [k for k in desa["kode"] for _ in (1, 2, 3)]})
    t = time.perf_counter()
    kasus = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=156, seed=0)
    print(f"kabupaten {kab}: {len(desa)} desa, {len(fas)} posyandu, {len(kasus):,} case rows "
          f"(generated in {time.perf_counter() - t:.1f} s)")
    settings = Settings(scan_model=args.scan_model)
    tables, times = timed(lambda: precompute(kasus, desa, fasilitas=fas, settings=settings), args.repeat)
    print(f"  all methods (SKDR + EARS C2 + {args.scan_model} scan 999 permutations × 3 diseases + completeness): "
          f"{fmt(times)}  [target ≤ 10 s]")
    top = tables["klaster"].iloc[0]
    print(f"  most likely cluster: {top['penyakit']}, {len(top['kode_desa'])} desa, p = {top['p']:.3f}; "
          f"{len(tables['peringatan']):,} alert rows")

    n = len(desa_all)
    rng = np.random.default_rng(0)
    counts = rng.poisson(rng.gamma(2.0, 1.0, (n, 1)), (n, 156)).astype(float)
    counts[rng.random(counts.shape) < 0.05] = np.nan  # missing reports
    total = []
    for name in ("ears_c1", "ears_c2", "ears_c3"):
        method = get_method(name, min_sigma=1.0)
        res, times = timed(lambda: method.run(counts), args.repeat)
        total.append(statistics.median(times))
        print(f"  {name} on {n:,} desa × 156 weeks: {fmt(times)}; {int(res.alarm.sum()):,} alarms")
    print(f"EARS C1 + C2 + C3, all {n:,} desa × 156 weeks: {sum(total):.2f} s (sum of medians)  [target ≤ 30 s]")


if __name__ == "__main__":
    main()

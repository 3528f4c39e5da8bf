"""Benchmark: import and map queries on every desa of Indonesia.

All 83,246 desa of ../shared/data/boundaries/indonesia_desa_simplified.parquet ×
24 months × 20 indicators of generated values (about 40 million rows) are written
as one Parquet file and imported into a temporary workspace; then the map's
questions are timed many times:

* national → provinsi (``children(None, ...)``, 38 rows),
* kabupaten → kecamatan and kecamatan → desa (direct children),
* kabupaten → desa (``children(kab, ..., level="desa")``, every desa of a kabupaten).

Boundaries are built cheaply: the desa table (codes and names, no geometry work)
plus its kecamatan, kabupaten/kota and provinsi derived by code prefix, named
from ``wilayah/kode_wilayah.csv``. Targets: import ≤ 60 s, a map query ≤ 50 ms median.

Run: ``/work/venv/bin/python bench/bench_indicators.py [--reps 200] [--keep DIR]``;
again on a kept workspace, questions only: ``... --queries-only DIR``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.levels import LEVELS, parent_code  # noqa: E402
from indicators.catalogue import load_catalogue  # noqa: E402
from indicators.importer import import_indicators  # noqa: E402
from indicators.query import IndicatorQuery  # noqa: E402
from settings import SHARED_DATA  # noqa: E402
from workspace import Workspace  # noqa: E402

MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]


def build_boundaries(ws: Workspace) -> np.ndarray:
    desa = pq.read_table(SHARED_DATA / "boundaries/indonesia_desa_simplified.parquet", columns=["kode", "nama"]).to_pandas()
    names = pd.read_csv(SHARED_DATA / "wilayah/kode_wilayah.csv", dtype=str).set_index("kode")["nama"]
    desa = desa.sort_values("kode").reset_index(drop=True)
    with ws.transaction("boundaries") as tx:
        codes = desa["kode"].to_numpy(dtype=str)
        for depth, level in reversed(list(enumerate(LEVELS))):
            if level == "desa":
                frame = desa.assign(induk=[parent_code(k) for k in codes])
            else:
                width = [2, 5, 8][depth]
                kode = pd.unique(pd.Series(codes).str[:width])
                frame = pd.DataFrame({"kode": kode, "nama": [names.get(k, k) for k in kode],
                                      "induk": [parent_code(k) for k in kode]})
            tx.write_table(f"boundaries/{level}.parquet", frame)  # plain Parquet: indicators read kode/nama/induk only
        tx.manifest["boundaries"] = {"levels": {}, "source": "bench (no geometry)", "demo": False}
    return codes


def generate(codes: np.ndarray, indicators: list[str], out: Path, seed: int = 1) -> int:
    """Write desa × month × indicator rows in file order desa, month, indicator (not the store's order)."""
    rng = np.random.default_rng(seed)
    n_desa, n_month, n_ind = len(codes), len(MONTHS), len(indicators)
    writer = None
    total = 0
    chunk = 5000
    for start in range(0, n_desa, chunk):
        idx = np.arange(start, min(start + chunk, n_desa))
        n = len(idx) * n_month * n_ind
        d = np.repeat(idx, n_month * n_ind)
        m = np.tile(np.repeat(np.arange(n_month), n_ind), len(idx))
        i = np.tile(np.arange(n_ind), len(idx) * n_month)
        penyebut = rng.integers(5, 400, n).astype(float)
        pembilang = np.floor(penyebut * rng.uniform(0.0, 1.0, n) * (0.1 + 0.9 * (i % 2)))
        table = pa.table({
            "kode_desa": pa.DictionaryArray.from_arrays(pa.array(d.astype(np.int32)), pa.array(codes)),
            "periode": pa.DictionaryArray.from_arrays(pa.array(m.astype(np.int32)), pa.array(MONTHS)),
            "indikator": pa.DictionaryArray.from_arrays(pa.array(i.astype(np.int32)), pa.array(indicators)),
            "pembilang": pembilang, "penyebut": penyebut,
        })
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema, compression="zstd")
        writer.write_table(table)
        total += n
    writer.close()
    return total


def timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"{name:<34} n={len(ms):4d}  median {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--keep", help="keep the workspace in this folder")
    parser.add_argument("--queries-only", metavar="DIR", help="time the questions on a workspace kept by --keep")
    args = parser.parse_args()
    if args.queries_only:
        ws = Workspace(args.queries_only)
        codes = pq.read_table(ws.path("boundaries/desa.parquet"), columns=["kode"]).column("kode").to_numpy(zero_copy_only=False)
        time_questions(ws, np.asarray(codes, dtype=str), list(load_catalogue().index[:20]), args.reps)
        return
    tmp = Path(tempfile.mkdtemp(prefix="pws-bench-"))
    try:
        ws = Workspace(Path(args.keep) if args.keep else tmp / "ws")
        t = time.perf_counter()
        codes = build_boundaries(ws)
        print(f"boundaries: {len(codes)} desa, {time.perf_counter() - t:.1f} s", flush=True)
        indicators = list(load_catalogue().index[:20])
        data = tmp / "nilai_generated.parquet"
        t = time.perf_counter()
        rows = generate(codes, indicators, data)
        print(f"generated: {rows:,} rows ({data.stat().st_size / 1e6:.0f} MB Parquet) in {time.perf_counter() - t:.1f} s", flush=True)
        t, cpu = time.perf_counter(), time.process_time()
        report = import_indicators(ws, data, progress=lambda m: print(f"  {time.perf_counter() - t:6.1f} s  {m}", flush=True))
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
        print(f"IMPORT: {report.rows_imported:,} rows in {took:.1f} s wall, {cpu:.1f} s CPU (target ≤ 60 s); "
              f"rejected {report.rejected_count}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(the machine is shared: CPU seconds say what the import itself costs)", flush=True)
        time_questions(ws, codes, indicators, args.reps)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def time_questions(ws: Workspace, codes: np.ndarray, indicators: list[str], reps: int) -> None:
    """Median and p95 of the map's questions on random areas, indicators and months."""
    q = IndicatorQuery(ws)
    rng = np.random.default_rng(7)
    kabs = sorted({c[:5] for c in codes})
    kecs = sorted({c[:8] for c in codes})
    pick = lambda seq: seq[rng.integers(len(seq))]  # noqa: E731
    t = time.perf_counter()
    q.children(None, indicators[0], MONTHS[-1])
    print(f"first question (loads areas): {(time.perf_counter() - t) * 1000:.0f} ms")
    r = reps
    print(summary("national → provinsi", timed(lambda: q.children(None, pick(indicators), pick(MONTHS)), r)))
    print(summary("national → provinsi (quantiles)", timed(lambda: q.children(None, pick(indicators), pick(MONTHS), skema="quantiles"), r)))
    print(summary("kabupaten → kecamatan", timed(lambda: q.children(pick(kabs), pick(indicators), pick(MONTHS)), r)))
    print(summary("kabupaten → desa", timed(lambda: q.children(pick(kabs), pick(indicators), pick(MONTHS), level="desa"), r)))
    print(summary("kabupaten → desa (fisher_jenks)", timed(lambda: q.children(pick(kabs), pick(indicators), pick(MONTHS), skema="fisher_jenks", level="desa"), r)))
    print(summary("kecamatan → desa", timed(lambda: q.children(pick(kecs), pick(indicators), pick(MONTHS)), r)))
    print(summary("series (kabupaten, 24 months)", timed(lambda: q.series(pick(kabs), pick(indicators)), max(20, r // 4))))
    print(summary("rapor (desa, 20 indicators)", timed(lambda: q.rapor(pick(list(codes)), pick(MONTHS)), max(20, r // 4))))


if __name__ == "__main__":
    main()

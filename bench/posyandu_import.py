"""Posyandu import at the scale of a province: Jawa Barat's 5,957 desa, 4 points each.

Run: /work/venv/bin/python bench/posyandu_import.py [--per-desa 4] [--repeat 3]
Needs ../shared/data. Prints the median and spread of the import wall time and
the report's counts (2 % of the points are given a wrong desa code, 1 % swapped
coordinates, 0.5 % are moved out to sea).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilities import import_facilities  # noqa: E402
from geo.codes import normalise_kode_series  # noqa: E402
from settings import SHARED_DATA  # noqa: E402
from workspace.store import Workspace  # noqa: E402


def _points(desa: gpd.GeoDataFrame, per_desa: int, rng: np.random.Generator) -> pd.DataFrame:
    points = desa.geometry.sample_points(per_desa, rng=rng).explode(index_parts=False)
    frame = pd.DataFrame(
        {"id": [f"P{i:06d}" for i in range(len(points))], "nama": "Posyandu", "jenis": "posyandu",
         "lat": points.y.to_numpy(), "lon": points.x.to_numpy(), "kode_desa": desa.loc[points.index, "kode"].to_numpy()}
    )
    n = len(frame)
    wrong = rng.choice(n, n // 50, replace=False)
    frame.loc[wrong, "kode_desa"] = rng.permutation(frame.loc[wrong, "kode_desa"].to_numpy())
    swap = rng.choice(n, n // 100, replace=False)
    frame.loc[swap, ["lat", "lon"]] = frame.loc[swap, ["lon", "lat"]].to_numpy()
    sea = rng.choice(n, n // 200, replace=False)
    frame.loc[sea, "lat"] = -9.5  # in the Indian Ocean south of Java
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-desa", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    desa = gpd.read_file(SHARED_DATA / "boundaries" / "desa_32_jawa_barat.gpkg")
    desa["kode"] = normalise_kode_series(desa["kode"])
    desa = desa.dropna(subset=["kode"]).dissolve("kode", as_index=False)
    rng = np.random.default_rng(0)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "ws")
        with ws.transaction("boundaries") as tx:
            tx.write_table("boundaries/desa.parquet", desa[["kode", "nama", "geometry"]])
        path = Path(tmp) / "posyandu.csv"
        _points(desa, args.per_desa, rng).to_csv(path, index=False)
        for _ in range(args.repeat):
            start = time.perf_counter()
            report = import_facilities(ws, path)
            times.append(time.perf_counter() - start)
    print(f"import posyandu: {report['rows']} points into {len(desa)} desa; median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s")
    print({k: len(v) if isinstance(v, list) else v for k, v in report.items() if k not in ("file", "columns", "snapshot")})


if __name__ == "__main__":
    main()

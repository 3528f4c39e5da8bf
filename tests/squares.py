"""A tiny hand-made workspace of squares, per the workspace contract.

Province ``99`` (fictional) is the unit square [0, 4] x [0, 2] split into two
kabupaten (99.01 west, 99.02 east), each into two kecamatan (columns of width
1), each into two desa (bottom and top unit squares). So every desa is a
1 x 1 square and its bounds are known by hand::

    y=2 +--------+--------+--------+--------+
        |01.01.  |01.02.  |02.01.  |02.02.  |
        |  2002  |  2002  |  2002  |  2002  |
    y=1 +--------+--------+--------+--------+
        |  2001  |  2001  |  2001  |  2001  |
    y=0 +--------+--------+--------+--------+
       x=0      x=1      x=2      x=3      x=4

Facilities: two posyandu and one pustu in desa 99.01.01.2001, a puskesmas in
99.01.01.2002.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from workspace.store import Workspace


def desa_frame() -> gpd.GeoDataFrame:
    rows = []
    for kab in (1, 2):
        for kec in (1, 2):
            x0 = (kab - 1) * 2 + (kec - 1)
            for d in (1, 2):
                kode = f"99.{kab:02d}.{kec:02d}.{2000 + d}"
                rows.append({"kode": kode, "nama": f"Desa {kab}{kec}{d}", "induk": kode.rsplit(".", 1)[0],
                             "geometry": box(x0, d - 1, x0 + 1, d)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def levels_from_desa(desa: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """Dissolve desa squares up to kecamatan, kabupaten and provinsi."""
    out = {"desa": desa}
    names = {"kecamatan": "Kecamatan", "kabkota": "Kabupaten", "provinsi": "Provinsi"}
    child = desa
    for level in ("kecamatan", "kabkota", "provinsi"):
        g = child.dissolve(by="induk", as_index=False)[["induk", "geometry"]].rename(columns={"induk": "kode"})
        g["nama"] = names[level] + " " + g["kode"]
        g["induk"] = g["kode"].map(lambda k: k.rsplit(".", 1)[0] if "." in k else None)
        out[level] = g[["kode", "nama", "induk", "geometry"]]
        child = out[level]
    return out


def fasilitas_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["P1", "P2", "T1", "K1"],
            "nama": ["Posyandu Mawar", "Posyandu Melati", "Pustu Satu", "Puskesmas Satu"],
            "jenis": ["posyandu", "posyandu", "pustu", "puskesmas"],
            "kode_desa": ["99.01.01.2001", "99.01.01.2001", "99.01.01.2001", "99.01.01.2002"],
            "lat": [0.25, 0.75, 0.5, 1.5],
            "lon": [0.25, 0.75, 0.5, 0.5],
            "ilp_aktif": [True, False, True, True],
            "lapor_bulan_ini": [True, True, False, True],
        }
    )


def nilai_frame() -> pd.DataFrame:
    """Balita ditimbang (``ds``, monthly, target 85 %) in two desa of kecamatan 99.01.01.

    Desa 2001: 40/50 in January, 45/50 in February (80 % → 90 %: on target, rising: baik).
    Desa 2002: 30/50, then 20/50 (60 % → 40 %: below, falling: jelek).
    Kecamatan 99.01.01 in February: (45 + 20) / (50 + 50) = 65 % (below, falling from 70 %: jelek).
    Every other desa has no row: missing, not zero.
    """
    return pd.DataFrame(
        {
            "kode_desa": ["99.01.01.2001", "99.01.01.2001", "99.01.01.2002", "99.01.01.2002"],
            "periode": ["2025-01", "2025-02", "2025-01", "2025-02"],
            "indikator": ["ds"] * 4,
            "pembilang": [40.0, 45.0, 30.0, 20.0],
            "penyebut": [50.0] * 4,
        }
    )


def build_squares_workspace(root: Path, demo: bool = True, nilai: bool = False) -> Workspace:
    """Write the squares workspace at ``root`` and return it."""
    ws = Workspace(root)
    layers = levels_from_desa(desa_frame())
    with ws.transaction("boundaries") as tx:
        for level, g in layers.items():
            tx.write_table(f"boundaries/{level}.parquet", g)
            tx.write_table(f"boundaries/{level}_display.parquet", g[["kode", "geometry"]])
        tx.write_table("fasilitas.parquet", fasilitas_frame())
        if nilai:
            tx.write_table("indikator/nilai.parquet", nilai_frame())
        tx.manifest["boundaries"] = {"levels": {k: len(v) for k, v in layers.items()}, "source": "uji (kotak)", "demo": demo}
        tx.manifest["demo"] = demo
    return ws

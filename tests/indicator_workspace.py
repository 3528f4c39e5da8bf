"""A tiny hand-made workspace for the indicator tests: squares with known codes.

Provinsi 19 holds kabupaten 19.06 (kecamatan 19.06.01 with desa 2001-2003,
kecamatan 19.06.02 with desa 2001) and 19.05 (kecamatan 19.05.01, desa 2001).
Provinsi 32 holds 32.16 > 32.16.01 > desa 32.16.01.2001.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo.levels import LEVELS, parent_code
from workspace import Workspace

DESA = {
    "19.06.01.2001": "Kelubi",
    "19.06.01.2002": "Lalang",
    "19.06.01.2003": "Mentawak",
    "19.06.02.2001": "Gantung",
    "19.05.01.2001": "Air Batu",
    "32.16.01.2001": "Sukamaju",
}
NAMES = {
    "19": "Kepulauan Bangka Belitung", "32": "Jawa Barat",
    "19.06": "Kabupaten Belitung Timur", "19.05": "Kabupaten Belitung", "32.16": "Kabupaten Bekasi",
    "19.06.01": "Manggar", "19.06.02": "Gantung", "19.05.01": "Tanjung Pandan", "32.16.01": "Tarumajaya",
}


def _frame(codes: list[str]) -> gpd.GeoDataFrame:
    rows = []
    for i, kode in enumerate(sorted(codes)):
        rows.append({"kode": kode, "nama": DESA.get(kode) or NAMES[kode], "induk": parent_code(kode),
                     "geometry": box(i, 0, i + 1, 1)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def make_workspace(root) -> Workspace:
    """Write boundaries for every level (hand-made unit squares) and return the workspace."""
    ws = Workspace(root)
    codes = {level: set() for level in LEVELS}
    for kode in DESA:
        parts = kode.split(".")
        for depth, level in enumerate(LEVELS):
            codes[level].add(".".join(parts[: depth + 1]))
    with ws.transaction("boundaries") as tx:
        for level in LEVELS:
            frame = _frame(sorted(codes[level]))
            tx.write_table(f"boundaries/{level}.parquet", frame)
            tx.write_table(f"boundaries/{level}_display.parquet", frame[["kode", "geometry"]])
        tx.manifest["boundaries"] = {"levels": {lv: len(codes[lv]) for lv in LEVELS}, "source": "test squares", "demo": False}
    return ws


def long_rows(rows: list[tuple]) -> pd.DataFrame:
    """Rows (kode_desa, periode, indikator, pembilang, penyebut) as a frame."""
    return pd.DataFrame(rows, columns=["kode_desa", "periode", "indikator", "pembilang", "penyebut"])

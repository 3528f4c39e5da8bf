"""A workspace from the real Belitung Timur desa shapefile plus generated indicators.

Boundaries go through the geo module's API (derive the upper levels by code,
coverage-simplify for display, write with the manifest); facilities and monthly
indicator values are generated with the demo's generators, so the numbers are
synthetic while the map is real. ``manifest["demo"]`` stays False (real boundaries).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.codelist import codelist_names, read_codelist
from geo.codes import normalise_kode_series
from geo.hierarchy import derive_levels
from geo.simplify import simplify_for_display
from geo.store import write_boundaries
from settings import DATA_DIR
from workspace.store import Workspace

KELUBI = "19.06.01.2004"


def build_belitung_timur(shared_data: Path, root: Path, end_month: str = "2025-10") -> Workspace:
    """Write the Belitung Timur workspace at ``root`` and return it."""
    from demo import facilities as demo_facilities
    from demo import indicators as demo_indicators
    from demo import population

    desa = gpd.read_file(shared_data / "boundaries" / "shp" / "desa_1906_belitung_timur.shp")
    desa["kode"] = normalise_kode_series(desa["kode"])
    names = codelist_names(read_codelist(shared_data / "wilayah" / "kode_wilayah.csv"))
    levels = derive_levels(desa[["kode", "nama", "geometry"]], names=names)
    display = simplify_for_display(levels)

    rng = np.random.default_rng(0)
    d = levels["desa"].copy()
    d["kelurahan"] = d["kode"].str[-4] == "1"
    inner = d.geometry.representative_point()
    d["x"], d["y"] = inner.x, inner.y
    profile = population.desa_profile(rng, d)
    fasilitas = demo_facilities.demo_facilities(rng, d, profile)
    catalogue = pd.read_csv(DATA_DIR / "indikator.csv", dtype={"id": str})
    months = demo_indicators.month_range(end_month, n_months=12)
    nilai = demo_indicators.indicator_values(rng, profile, fasilitas, catalogue, months)

    ws = Workspace(root)
    with ws.transaction("belitung timur") as tx:
        write_boundaries(tx, levels, display, source="desa_1906_belitung_timur.shp (cahyadsn/wilayah_boundaries)")
        tx.write_table("fasilitas.parquet", fasilitas)
        tx.write_table("indikator/nilai.parquet", nilai)
    return ws

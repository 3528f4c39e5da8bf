"""A workspace from the real Belitung Timur desa shapefile plus generated indicators.

Boundaries go through geo's import (``python app.py import boundaries`` does the
same: repair, derive the upper levels by code with names from the code list,
coverage-simplify, write atomically); facilities and a year of monthly indicator
values are generated with the demo's generators in a second transaction, so the
numbers are synthetic while the map is real. ``manifest["demo"]`` stays False.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from settings import DATA_DIR
from workspace.store import Workspace

KELUBI = "19.06.01.2004"


def build_belitung_timur(shared_data: Path, root: Path, end_month: str = "2025-10") -> Workspace:
    """Write the Belitung Timur workspace at ``root`` and return it."""
    from demo import facilities as demo_facilities
    from demo import indicators as demo_indicators
    from demo import population
    from geo.importer import import_boundaries

    import_boundaries(
        shared_data / "boundaries" / "shp" / "desa_1906_belitung_timur.shp",
        root,
        codes=shared_data / "wilayah" / "kode_wilayah.csv",
    )
    ws = Workspace(root)
    desa = ws.read_geo("boundaries/desa.parquet")
    rng = np.random.default_rng(0)
    desa["kelurahan"] = desa["kode"].str[-4] == "1"  # 1xxx = kelurahan, 2xxx = desa
    inner = desa.geometry.representative_point()
    desa["x"], desa["y"] = inner.x, inner.y
    profile = population.desa_profile(rng, desa)
    fasilitas = demo_facilities.demo_facilities(rng, desa, profile)
    catalogue = pd.read_csv(DATA_DIR / "indikator.csv", dtype={"id": str})
    months = demo_indicators.month_range(end_month, n_months=12)
    nilai = demo_indicators.indicator_values(rng, profile, fasilitas, catalogue, months)
    with ws.transaction("generated indicators") as tx:
        tx.write_table("fasilitas.parquet", fasilitas)
        tx.write_table("indikator/nilai.parquet", nilai)
    return ws


def belitung_timur_boundaries(shared_data: Path, root: Path) -> Workspace:
    """Only the real Belitung Timur desa (no generated values): for imports of field files."""
    from geo.importer import import_boundaries

    import_boundaries(shared_data / "boundaries" / "shp" / "desa_1906_belitung_timur.shp", root,
                      codes=shared_data / "wilayah" / "kode_wilayah.csv")
    return Workspace(root)

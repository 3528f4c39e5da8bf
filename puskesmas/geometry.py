"""Each wilayah kerja's geometry: its desa dissolved, and a display copy simplified as a coverage."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.hierarchy import dissolve_groups
from geo.levels import ancestor_code
from geo.simplify import simplify_for_display

LEVEL = "puskesmas"
"""Name of the level (files ``boundaries/puskesmas.parquet`` and ``..._display.parquet``)."""
FULL_FILE = f"boundaries/{LEVEL}.parquet"
DISPLAY_FILE = f"boundaries/{LEVEL}_display.parquet"


def wilayah_geometry(table: pd.DataFrame, desa: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Full and display geometry of every puskesmas in ``table``.

    Parameters
    ----------
    table : the wilayah kerja (``kode_puskesmas``, ``nama_puskesmas``, ``kode_desa``).
    desa : the workspace's desa, ``kode`` and ``geometry`` (full geometry).

    Returns
    -------
    full : ``kode`` (the ``kode_puskesmas``), ``nama``, ``induk`` (its kabupaten/kota),
        ``geometry``, sorted by ``kode``, like an administrative level.
    display : ``kode``, ``geometry`` simplified as one coverage (neighbouring
        wilayah still meet exactly).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> desa = gpd.GeoDataFrame({"kode": ["19.06.01.2001", "19.06.01.2002", "19.06.02.2001"]},
    ...                         geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 2, 2)], crs=4326)
    >>> table = pd.DataFrame({"kode_puskesmas": ["P2", "P1", "P1"], "nama_puskesmas": ["Dua", "Satu", "Satu"],
    ...                       "kode_desa": ["19.06.01.2001", "19.06.01.2002", "19.06.02.2001"]})
    >>> full, display = wilayah_geometry(table, desa)
    >>> full[["kode", "nama", "induk"]].values.tolist(), [round(g.area, 6) for g in full.geometry]
    ([['P1', 'Satu', '19.06'], ['P2', 'Dua', '19.06']], [3.0, 1.0])
    """
    geom_of = dict(zip(desa["kode"], desa.geometry.to_numpy()))
    geoms = np.array([geom_of[k] for k in table["kode_desa"]], dtype=object)
    codes, merged = dissolve_groups(geoms, table["kode_puskesmas"].to_numpy(dtype=object))
    first = table.drop_duplicates("kode_puskesmas").set_index("kode_puskesmas")
    full = gpd.GeoDataFrame(
        {
            "kode": codes,
            "nama": [first.at[k, "nama_puskesmas"] for k in codes],
            "induk": [ancestor_code(first.at[k, "kode_desa"], "kabkota") for k in codes],
        },
        geometry=merged,
        crs=4326,
    )
    display = simplify_for_display({LEVEL: full})[LEVEL]
    return full, display

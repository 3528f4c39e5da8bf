"""The four boundary levels of the demo, full and simplified for display.

Until the shared hierarchy and simplification functions of :mod:`geo` are
available, the levels are dissolved here directly from the desa (their borders
nest exactly, so a coverage union is exact).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.levels import LEVELS, ancestor_code, parent_code

# Display tolerance per level, in degrees (~1 px at the zoom each level is drawn at).
DISPLAY_TOLERANCE = {"provinsi": 0.004, "kabkota": 0.002, "kecamatan": 0.001, "desa": 0.0004}


def boundary_levels(desa: gpd.GeoDataFrame, upper_names: pd.DataFrame) -> dict[str, gpd.GeoDataFrame]:
    """``kode, nama, induk, geometry`` for every level, dissolved up from ``desa``.

    Parameters
    ----------
    desa : desa with ``kode``, ``nama``, ``geometry``.
    upper_names : ``kode, nama`` of the areas above desa.
    """
    name_of = dict(zip(upper_names["kode"], upper_names["nama"]))
    out = {"desa": _layer(desa["kode"], desa["nama"], desa.geometry.values)}
    for level in LEVELS[:-1]:
        codes = desa["kode"].map(lambda k: ancestor_code(k, level))
        groups = desa.geometry.groupby(codes.to_numpy(), sort=True)
        kode = list(groups.groups)
        geoms = [shapely.coverage_union_all(g.values) for _, g in groups]
        out[level] = _layer(pd.Series(kode), pd.Series([name_of.get(k, k) for k in kode]), geoms)
    return {level: out[level] for level in LEVELS}


def _layer(kode: pd.Series, nama: pd.Series, geoms) -> gpd.GeoDataFrame:
    kode = pd.Series(kode).reset_index(drop=True)
    return gpd.GeoDataFrame(
        {"kode": kode, "nama": pd.Series(nama).reset_index(drop=True), "induk": kode.map(parent_code)},
        geometry=list(geoms),
        crs="EPSG:4326",
    )


def display_levels(levels: dict[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """``kode, geometry`` per level, simplified for the screen without gaps between neighbours."""
    out = {}
    for level, frame in levels.items():
        simple = shapely.coverage_simplify(frame.geometry.values, DISPLAY_TOLERANCE[level])
        out[level] = gpd.GeoDataFrame({"kode": frame["kode"].to_numpy()}, geometry=simple, crs="EPSG:4326")
    return out

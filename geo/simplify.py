"""Lighter geometry for drawing on screen, without gaps between neighbours.

Each level is simplified as one *coverage* (``shapely.coverage_simplify``, GEOS
Visvalingam–Whyatt on shared edges): an edge shared by two desa is simplified
once and used by both, so neighbours still meet exactly — no gaps, no slivers.
The full geometry stays in ``boundaries/{level}.parquet`` for analysis.

Tolerances, in degrees (EPSG:4326; 0.0001° ≈ 11 m at the equator), are chosen
so the simplification is under about one screen pixel at the zoom where that
level is drawn in a map about 1,000 px wide:

=========  ===========  =======================================  ==========
level      tolerance    typical view                             m / pixel
=========  ===========  =======================================  ==========
provinsi   0.01° ≈ 1 km  Indonesia, ~5,000 km across               ~5,000
kabkota    0.002° ≈ 220 m one provinsi, ~300–1,000 km across       ~300–1,000
kecamatan  0.0005° ≈ 55 m one kabupaten, ~50–150 km across         ~50–150
desa       0.0001° ≈ 11 m one kecamatan or kabupaten, 10–100 km     ~10–100
=========  ===========  =======================================  ==========

GEOS's coverage tolerance is the square root of the area (triangle) a removed
vertex may cut off, so these distances are of the same order as the largest
shift of an edge on screen. Small islands are kept (coverage simplification
never drops a polygon), which matters in Kepulauan provinces.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.levels import LEVELS

TOLERANCE: dict[str, float] = {
    "provinsi": 0.01,
    "kabkota": 0.002,
    "kecamatan": 0.0005,
    "desa": 0.0001,
}
"""Display tolerance per level, in degrees (see the module docstring for why)."""


def simplify_for_display(
    levels: dict[str, gpd.GeoDataFrame],
    tolerances: dict[str, float] | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """Coverage-preserving simplification of every level, for the map.

    Parameters
    ----------
    levels : level → GeoDataFrame with ``kode`` and polygonal ``geometry`` in
        EPSG:4326 (as from :func:`geo.hierarchy.derive_levels`).
    tolerances : level → tolerance in degrees, overriding :data:`TOLERANCE`.

    Returns
    -------
    dict level → GeoDataFrame with columns ``kode`` and ``geometry`` (same rows,
    same order), for each level given.

    Examples
    --------
    >>> from shapely.geometry import Polygon
    >>> wiggly = Polygon([(0, 0), (1, 0), (1, 0.5), (1.00001, 0.6), (1, 1), (0, 1)])
    >>> right = Polygon([(1, 0), (2, 0), (2, 1), (1, 1), (1.00001, 0.6), (1, 0.5)])
    >>> desa = gpd.GeoDataFrame({"kode": ["a", "b"]}, geometry=[wiggly, right], crs=4326)
    >>> out = simplify_for_display({"desa": desa}, {"desa": 0.01})["desa"]
    >>> [len(g.exterior.coords) for g in out.geometry], round(out.union_all().area, 9)
    ([5, 5], 2.0)
    """
    tol = {**TOLERANCE, **(tolerances or {})}
    out = {}
    for level in [lv for lv in LEVELS if lv in levels] + [lv for lv in levels if lv not in LEVELS]:
        frame = levels[level]
        geoms = _polygonal(frame.geometry.to_numpy())
        simplified = shapely.coverage_simplify(geoms, tol[level]) if len(geoms) else geoms
        out[level] = gpd.GeoDataFrame(
            {"kode": frame["kode"].to_numpy()},
            geometry=_still_valid(simplified, geoms),
            crs=frame.crs or 4326,
        )
    return out


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Polygons only: coverage simplification refuses collections and lines."""
    geoms = np.asarray(geoms, dtype=object).copy()
    kinds = shapely.get_type_id(geoms)
    for i in np.flatnonzero((kinds != 3) & (kinds != 6)):
        parts = [p for p in shapely.get_parts(geoms[i]) if shapely.get_type_id(p) in (3, 6)]
        geoms[i] = shapely.MultiPolygon(_flatten(parts)) if parts else shapely.Polygon()
    return geoms


def _flatten(parts):
    for p in parts:
        if shapely.get_type_id(p) == 6:
            yield from shapely.get_parts(p)
        else:
            yield p


def _still_valid(simplified: np.ndarray, original: np.ndarray) -> np.ndarray:
    """Repair the rare invalid output (inputs that were not a clean coverage)."""
    bad = ~shapely.is_valid(simplified)
    if bad.any():
        fixed = shapely.make_valid(simplified[bad])
        simplified = simplified.copy()
        simplified[bad] = _polygonal(fixed)
    empty = shapely.is_empty(simplified) & ~shapely.is_empty(original)
    if empty.any():  # never lose an area from the map: fall back to the full geometry
        simplified = simplified.copy()
        simplified[empty] = original[empty]
    return simplified

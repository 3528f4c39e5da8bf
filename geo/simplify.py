"""Lighter geometry for drawing on screen, without gaps between neighbours.

Each level is simplified as one *coverage* (``shapely.coverage_simplify``, GEOS
Visvalingam–Whyatt on shared edges): an edge shared by two desa is simplified
once and used by both, so neighbours still meet exactly — no gaps, no slivers.
The full geometry stays in ``boundaries/{level}.parquet`` for analysis.

Tolerances are in degrees (EPSG:4326; 0.0001° ≈ 11 m at the equator). GEOS
removes a vertex when the triangle it makes with its neighbours has an area
under tolerance², so a vertex between neighbours ``b`` apart moves the line by
at most ``2·tolerance²/b`` — about two tolerances for the shortest segments and
far less for long ones. A tolerance of about one screen pixel, at the zoom
where the level is drawn in a map about 1,000 px wide, therefore changes what
the eye sees by a pixel or two and no more:

=========  ===============  ======================================  ============
level      tolerance        drawn when showing                      metres/pixel
=========  ===============  ======================================  ============
provinsi   0.02° ≈ 2.2 km   Indonesia, ~5,000 km across             ~5,000
kabkota    0.005° ≈ 550 m   one provinsi, ~300–1,000 km across      ~300–1,000
kecamatan  0.001° ≈ 110 m   one kabupaten/kota, ~30–150 km across   ~30–150
desa       0.0002° ≈ 22 m   one kecamatan or kabupaten, 10–100 km   ~10–100
=========  ===============  ======================================  ============

Coverage simplification never drops a polygon (small islands stay, which
matters in the Kepulauan provinces). A field layer whose neighbours do not meet
exactly is not a clean coverage; its existing slivers stay as they were and the
rare invalid output is repaired with ``make_valid``. (``coverage_clean`` would
snap them shut but costs about a minute on the national layer.)
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.levels import LEVELS
from texts.message import Message

TOLERANCE: dict[str, float] = {
    "provinsi": 0.02,
    "kabkota": 0.005,
    "kecamatan": 0.001,
    "desa": 0.0002,
    "puskesmas": 0.001,  # wilayah kerja: drawn with one kabupaten, like kecamatan
}
"""Display tolerance per level, in degrees (see the module docstring for why)."""


SAMPLE_ABOVE = 10_000
"""A level with more areas than this is first simplified on a sample (see below)."""
SAMPLE_BLOCK = 700
WORTH = 0.01
"""Skip a level whose sample loses under this share of its vertices."""


def simplify_for_display(
    levels: dict[str, gpd.GeoDataFrame],
    tolerances: dict[str, float] | None = None,
    notes: list[str] | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """Coverage-preserving simplification of every level, for the map.

    Parameters
    ----------
    levels : level → GeoDataFrame with ``kode`` and polygonal ``geometry`` in
        EPSG:4326 (as from :func:`geo.hierarchy.derive_levels`).
    tolerances : level → tolerance in degrees, overriding :data:`TOLERANCE`.
    notes : optional list that receives a sentence for each level left as it was.

    A layer already generalised beyond the tolerance (the national 50 m desa
    file loses 0.01 % of its vertices at 0.0002°) would cost 13 s for nothing:
    a level of more than :data:`SAMPLE_ABOVE` areas is first simplified on three
    blocks of :data:`SAMPLE_BLOCK` neighbouring areas (rows in code order), and
    if they lose under :data:`WORTH` of their vertices the full geometry is the
    display geometry (unchanged, so still gap-free).

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
        if len(geoms) == 0:
            simplified = geoms
        elif len(geoms) > SAMPLE_ABOVE and (share := _sample_share_removed(geoms, tol[level])) < WORTH:
            simplified = geoms
            if notes is not None:
                notes.append(Message("catatan_tanpa_penyederhanaan", level=level, toleransi=tol[level],
                                     persen=f"{share:.2%}"))
        else:
            simplified = shapely.coverage_simplify(geoms, tol[level])
        out[level] = gpd.GeoDataFrame(
            {"kode": frame["kode"].to_numpy()},
            geometry=simplified if simplified is geoms else _still_valid(simplified, geoms),
            crs=frame.crs or 4326,
        )
    return out


def _sample_share_removed(geoms: np.ndarray, tolerance: float) -> float:
    """Share of vertices coverage simplification removes from three blocks of neighbours."""
    n = len(geoms)
    starts = [0, max(0, n // 2 - SAMPLE_BLOCK // 2), max(0, n - SAMPLE_BLOCK)]
    before = after = 0
    for start in starts:
        block = geoms[start : start + SAMPLE_BLOCK]
        before += int(shapely.get_num_coordinates(block).sum())
        after += int(shapely.get_num_coordinates(shapely.coverage_simplify(block, tolerance)).sum())
    return 1 - after / before if before else 0.0


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

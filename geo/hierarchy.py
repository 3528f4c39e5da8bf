"""The province → desa hierarchy, derived from desa by their Kemendagri code prefixes.

A kecamatan is the union of the desa whose codes start with its code, a
kabupaten/kota the union of its kecamatan, a provinsi the union of its
kabupaten/kota. Dissolving level by level (desa → kecamatan → kabkota →
provinsi) unions a few thousand polygons at each step instead of 80,000 at the
top. A level the user supplies (say a national provinsi layer) replaces the
derived geometry of that level.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.levels import LEVELS, ancestor_code, parent_code
from texts.message import Message

COLUMNS = ["kode", "nama", "induk", "geometry"]


def derive_levels(
    desa: gpd.GeoDataFrame,
    names: dict[str, str] | None = None,
    supplied: dict[str, gpd.GeoDataFrame] | None = None,
    *,
    problems: dict | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """All four levels from clean desa polygons.

    Parameters
    ----------
    desa : GeoDataFrame with ``kode`` (dotted desa codes, unique), ``nama`` and
        ``geometry`` (valid polygons, EPSG:4326). Use :mod:`geo.repair` first on
        field data.
    names : dotted code → name (e.g. :func:`geo.codelist.codelist_names`) for the
        derived levels, and for desa without a name. A code missing here is shown as
        its own code.
    supplied : level → GeoDataFrame with ``kode`` (dotted, of that level),
        optionally ``nama``, and ``geometry``: used instead of the derived geometry
        of that level. Its areas with no desa in ``desa`` are kept (a national
        layer stays national); an area that has desa but is missing from the
        supplied layer gets the derived geometry, so every desa has a parent.
    problems : optional dict that receives, for each supplied level,
        ``{"without_desa": [codes], "derived_instead": [codes]}``.
    progress : optional callable receiving one-line progress messages.

    Returns
    -------
    dict level → GeoDataFrame with columns ``kode``, ``nama``, ``induk`` (parent's
    code, ``None`` for provinsi), ``geometry``, EPSG:4326, sorted by ``kode``,
    for every level in :data:`geo.levels.LEVELS`.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> desa = gpd.GeoDataFrame({"kode": ["19.06.01.2001", "19.06.01.2002", "19.06.02.2001"],
    ...                          "nama": ["A", "B", "C"]},
    ...                         geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 2, 2)], crs=4326)
    >>> levels = derive_levels(desa, names={"19.06": "Belitung Timur"})
    >>> {level: len(g) for level, g in levels.items()}
    {'provinsi': 1, 'kabkota': 1, 'kecamatan': 2, 'desa': 3}
    >>> levels["kecamatan"][["kode", "nama", "induk"]].values.tolist()
    [['19.06.01', '19.06.01', '19.06'], ['19.06.02', '19.06.02', '19.06']]
    >>> levels["kabkota"].nama.tolist(), shapely.area(levels["provinsi"].geometry.values).tolist()
    (['Belitung Timur'], [4.0])
    """
    names = names or {}
    supplied = supplied or {}
    say = progress or (lambda message: None)
    unknown = set(supplied) - set(LEVELS[:-1])
    if unknown:
        raise ValueError(f"supplied levels must be among {LEVELS[:-1]}, got {sorted(unknown)}")

    out: dict[str, gpd.GeoDataFrame] = {"desa": _desa_level(desa, names)}
    below = out["desa"]
    for level in reversed(LEVELS[:-1]):  # kecamatan, kabkota, provinsi
        say(Message("proses_melebur", n=f"{len(below):,}", bawah=LEVELS[LEVELS.index(level) + 1], level=level))
        derived = _dissolve_up(below, level, names)
        if level in supplied:
            derived = _use_supplied(derived, supplied[level], level, names, problems)
        out[level] = derived
        below = derived
    return {level: out[level] for level in LEVELS}


def _desa_level(desa: gpd.GeoDataFrame, names: dict[str, str]) -> gpd.GeoDataFrame:
    """Desa with ``induk`` and a name for every row, in code order."""
    kode = desa["kode"].astype(object)
    if "nama" in desa:
        nama = desa["nama"].astype(object).where(desa["nama"].notna(), None)
    else:
        nama = pd.Series([None] * len(desa), index=desa.index, dtype=object)
    nama = [n if isinstance(n, str) and n.strip() else names.get(k, k) for k, n in zip(kode, nama)]
    frame = gpd.GeoDataFrame(
        {"kode": kode.to_numpy(), "nama": nama, "induk": [parent_code(k) for k in kode]},
        geometry=desa.geometry.to_crs(4326).to_numpy() if desa.crs else desa.geometry.to_numpy(),
        crs=4326,
    )
    return frame.sort_values("kode", ignore_index=True)


def _dissolve_up(below: gpd.GeoDataFrame, level: str, names: dict[str, str]) -> gpd.GeoDataFrame:
    """Union the areas of the level below by their ancestor code at ``level``."""
    keys = np.array([ancestor_code(k, level) for k in below["kode"]], dtype=object)
    codes, geoms = dissolve_groups(below.geometry.to_numpy(), keys)
    return gpd.GeoDataFrame(
        {
            "kode": codes,
            "nama": [names.get(k, k) for k in codes],
            "induk": [parent_code(k) for k in codes],
        },
        geometry=geoms,
        crs=4326,
    )


def dissolve_groups(geoms: np.ndarray, keys: np.ndarray) -> tuple[list, np.ndarray]:
    """Union ``geoms`` sharing a key: the sorted distinct keys and one polygonal geometry each.

    Used for the administrative levels and for groupings the codes do not tell
    (a puskesmas wilayah kerja); slivers under :data:`GAP_AREA` are filled.

    >>> from shapely.geometry import box
    >>> codes, merged = dissolve_groups(np.array([box(0, 0, 1, 1), box(5, 5, 6, 6), box(1, 0, 2, 1)]),
    ...                                 np.array(["b", "a", "b"], dtype=object))
    >>> codes, shapely.area(merged).tolist()
    (['a', 'b'], [1.0, 2.0])
    """
    keys = np.asarray(keys, dtype=object)
    order = np.argsort(keys, kind="stable")
    keys_sorted = keys[order]
    geoms = np.asarray(geoms, dtype=object)[order]
    starts = np.flatnonzero(np.r_[True, keys_sorted[1:] != keys_sorted[:-1]])
    ends = np.r_[starts[1:], len(keys_sorted)]
    codes = keys_sorted[starts].tolist()
    # disjoint_subset_union_all: same union, but islands and other separate pieces are not
    # overlaid with each other (2-3x faster on Maluku or Kepulauan Riau, never slower here)
    merged = [shapely.disjoint_subset_union_all(geoms[s:e]) if e - s > 1 else geoms[s] for s, e in zip(starts, ends)]
    return codes, fill_small_holes(_polygonal(np.array(merged, dtype=object)))


GAP_AREA = 1e-6
"""Holes smaller than this (degrees², about 1.2 ha) in a derived area are filled.

Field desa layers rarely meet exactly: a union of neighbours keeps the slivers
between them as thousands of tiny holes (32,000 in Jawa Tengah's provinsi from
the national file), which are not places and make every further union slow. A
real enclave — a kota inside its kabupaten, a desa of another kecamatan — is
far larger than 1.2 ha, so it stays a hole."""


def fill_small_holes(geoms: np.ndarray, min_area: float = GAP_AREA) -> np.ndarray:
    """Remove interior rings smaller than ``min_area`` from polygonal geometries.

    Vectorised over all parts and rings, so a national level costs a second.

    >>> from shapely.geometry import Polygon
    >>> outer = [(0, 0), (10, 0), (10, 10), (0, 10)]
    >>> small, big = [(1, 1), (1, 1.001), (1.001, 1)], [(5, 5), (5, 7), (7, 7), (7, 5)]
    >>> [len(g.interiors) for g in fill_small_holes(np.array([Polygon(outer, [small, big])]))]
    [1]
    """
    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    if len(geoms) == 0:
        return out
    all_parts, all_of = shapely.get_parts(geoms, return_index=True)
    holed = np.unique(all_of[shapely.get_num_interior_rings(all_parts) > 0])
    if len(holed) == 0:
        return out
    parts, part_of = shapely.get_parts(geoms[holed], return_index=True)
    solid = ~shapely.is_empty(parts)
    parts, part_of = parts[solid], part_of[solid]
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    is_shell = np.r_[True, ring_of[1:] != ring_of[:-1]]
    keep = is_shell | (shapely.area(shapely.polygons(rings)) >= min_area)
    polygons = shapely.polygons(rings[keep], indices=ring_of[keep])
    counts = np.bincount(part_of, minlength=len(holed))
    first = np.r_[0, np.cumsum(counts)[:-1]]
    single = counts == 1
    out[holed[single]] = polygons[first[single]]
    multi = np.flatnonzero(counts > 1)
    if len(multi):
        in_multi = np.isin(part_of, multi)
        out[holed[multi]] = shapely.multipolygons(polygons[in_multi], indices=np.searchsorted(multi, part_of[in_multi]))
    return out


def _use_supplied(
    derived: gpd.GeoDataFrame,
    given: gpd.GeoDataFrame,
    level: str,
    names: dict[str, str],
    problems: dict | None,
) -> gpd.GeoDataFrame:
    """Supplied geometry where it exists, derived geometry for areas it lacks."""
    given = given.to_crs(4326) if given.crs else given.set_crs(4326)
    given_codes = given["kode"].astype(object)
    if "nama" in given:
        given_names = [
            n if isinstance(n, str) and n.strip() else names.get(k, k) for k, n in zip(given_codes, given["nama"])
        ]
    else:
        given_names = [names.get(k, k) for k in given_codes]
    taken = gpd.GeoDataFrame(
        {"kode": given_codes.to_numpy(), "nama": given_names, "induk": [parent_code(k) for k in given_codes]},
        geometry=given.geometry.to_numpy(),
        crs=4326,
    )
    have = set(given_codes)
    with_desa = set(derived["kode"])
    fallback = derived[~derived["kode"].isin(have)]
    if problems is not None:
        problems[level] = {
            "without_desa": sorted(have - with_desa),
            "derived_instead": sorted(fallback["kode"]),
        }
    frame = pd.concat([taken, fallback], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=4326).sort_values("kode", ignore_index=True)


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Keep only the polygonal part of each geometry (a union can leave slivers of lines)."""
    kinds = shapely.get_type_id(geoms)
    odd = np.flatnonzero((kinds != 3) & (kinds != 6))
    for i in odd:
        parts = [p for p in shapely.get_parts(geoms[i]) if shapely.get_type_id(p) in (3, 6)]
        geoms[i] = shapely.union_all(parts) if parts else shapely.Polygon()
    return geoms


def level_counts(levels: dict[str, gpd.GeoDataFrame]) -> dict[str, int]:
    """Number of areas per level, top down."""
    return {level: int(len(levels[level])) for level in LEVELS if level in levels}

"""Repairing a layer read from the field, and saying what was done to every row.

Rows are numbered from 1 in file order (the first feature is row 1), as a GIS
officer sees them in QGIS's attribute table. What happens:

- a missing code → ``missing_code``, row dropped;
- a value that is not a Kemendagri code of the level (``190601200``, ``19.06.01``
  in a desa file) → ``invalid_code``, row dropped — never guessed;
- no geometry, an empty one, one with no polygon in it, or one with coordinates
  that are not numbers (NaN) → ``empty``, dropped;
- an invalid geometry → ``make_valid``, listed in ``repaired`` with GEOS's reason;
- points or lines inside a geometry collection → dropped, listed in ``repaired``;
- several rows with one code → one MultiPolygon, listed in ``duplicates``;
- a code absent from the official code list (when given) → kept, listed in
  ``not_in_codelist``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import normalise_kode_series
from geo.levels import LEVEL_LABELS, LEVELS, level_of
from texts.message import Message

PROBLEM_KEYS = ("repaired", "empty", "missing_code", "invalid_code", "duplicates", "not_in_codelist")
_POLYGONAL = (3, 6)  # shapely type ids of Polygon, MultiPolygon
_TYPE_NAMES = {0: "Point", 1: "LineString", 2: "LinearRing", 3: "Polygon", 4: "MultiPoint",
               5: "MultiLineString", 6: "MultiPolygon", 7: "GeometryCollection"}


def clean_layer(
    frame: gpd.GeoDataFrame,
    code_column: str,
    name_column: str | None = None,
    level: str = "desa",
    known_codes: set[str] | None = None,
) -> tuple[gpd.GeoDataFrame, dict]:
    """Valid, uniquely coded polygons of one level, and the report of what was done.

    Parameters
    ----------
    frame : features as read (EPSG:4326), in file order.
    code_column, name_column : columns holding the code and the name (see
        :mod:`geo.columns`); without a name column ``nama`` is ``None``.
    level : the level the codes must be of.
    known_codes : the official codes (of any level); codes of ``level`` absent
        from it are reported in ``not_in_codelist``.

    Returns
    -------
    (GeoDataFrame ``kode, nama, geometry`` in EPSG:4326 sorted by code, report)
    where report holds ``features`` (rows read), ``kept`` (areas out) and the
    lists :data:`PROBLEM_KEYS`, each entry naming its row(s) and code.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> f = gpd.GeoDataFrame({"kd": ["1906012004", "xx", "1906012004"], "nm": ["Kelubi", "?", "Kelubi"]},
    ...                      geometry=[box(0, 0, 1, 1), box(1, 1, 2, 2), box(5, 5, 6, 6)], crs=4326)
    >>> out, report = clean_layer(f, "kd", "nm")
    >>> out.kode.tolist(), out.geometry[0].geom_type, report["invalid_code"]
    (['19.06.01.2004'], 'MultiPolygon', [{'row': 2, 'value': 'xx', 'nama': '?', 'problem': 'bukan kode Kemendagri'}])
    >>> report["duplicates"]
    [{'kode': '19.06.01.2004', 'rows': [1, 3], 'nama': ['Kelubi']}]
    """
    n = len(frame)
    rows = np.arange(1, n + 1)
    raw_codes = frame[code_column].reset_index(drop=True)
    names = _names(frame, name_column)
    report: dict = {"features": int(n), **{key: [] for key in PROBLEM_KEYS}}

    kode = normalise_kode_series(raw_codes)
    missing = raw_codes.isna().to_numpy() | (raw_codes.astype(str).str.strip() == "").to_numpy()
    depth = LEVELS.index(level) + 1
    wrong_level = np.array([k is not None and k.count(".") + 1 != depth for k in kode])
    invalid = ~missing & (kode.isna().to_numpy() | wrong_level)
    for i in np.flatnonzero(missing):
        report["missing_code"].append({"row": int(rows[i]), "nama": names[i]})
    for i in np.flatnonzero(invalid):
        k = kode.iloc[i]
        problem = Message("geo_bukan_kode") if k is None else Message(
            "geo_kode_tingkat_lain", tingkat=LEVEL_LABELS[level_of(k)].lower(), harus=LEVEL_LABELS[level].lower())
        report["invalid_code"].append({"row": int(rows[i]), "value": _plain(raw_codes.iloc[i]), "nama": names[i],
                                       "problem": problem})
    keep = ~(missing | invalid)

    geoms = np.asarray(frame.geometry.to_numpy(), dtype=object).copy()
    geoms = _repair_geometries(geoms, keep, rows, kode, report)
    usable = keep & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))

    idx = np.flatnonzero(usable)
    codes = kode.to_numpy()[idx]
    out_geoms, out_codes, out_names = _merge_duplicates(codes, geoms[idx], [names[i] for i in idx], rows[idx], report)
    result = gpd.GeoDataFrame({"kode": out_codes, "nama": out_names}, geometry=out_geoms, crs=4326)
    result = result.sort_values("kode", ignore_index=True)
    if known_codes is not None:
        first_row = {}
        for k, r in zip(codes, rows[idx]):
            first_row.setdefault(k, int(r))
        for k, nm in zip(result["kode"], result["nama"]):
            if k not in known_codes:
                report["not_in_codelist"].append({"row": first_row[k], "kode": k, "nama": nm})
        report["not_in_codelist"].sort(key=lambda e: e["row"])
    report["kept"] = int(len(result))
    return result, report


def _names(frame: pd.DataFrame, name_column: str | None) -> list[str | None]:
    if name_column is None:
        return [None] * len(frame)
    return [v.strip() if isinstance(v, str) and v.strip() else None for v in frame[name_column].astype(object)]


def _plain(value):
    """A JSON-friendly copy of a raw cell value."""
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value if isinstance(value, (str, int, float)) or value is None else str(value)


def _repair_geometries(geoms: np.ndarray, keep: np.ndarray, rows: np.ndarray, kode: pd.Series, report: dict) -> np.ndarray:
    """make_valid the invalid, drop non-polygon parts, report empties (only for rows kept)."""
    present = ~shapely.is_missing(geoms)
    if shapely.has_z(geoms[present]).any():
        geoms[present] = shapely.force_2d(geoms[present])
    # NaN or infinite coordinates make GEOS raise (make_valid, dissolve): such a
    # geometry cannot be drawn or repaired, so it goes as empty, said as such.
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    not_numbers = np.zeros(len(geoms), bool)
    not_numbers[np.unique(owner[~np.isfinite(coords).all(axis=1)])] = True
    for i in np.flatnonzero(keep & not_numbers):
        report["empty"].append({"row": int(rows[i]), "kode": kode.iloc[i],
                                "problem": Message("geo_koordinat_bukan_angka")})
    geoms[not_numbers] = None
    for i in np.flatnonzero(keep & ~not_numbers & (~present | shapely.is_empty(geoms))):
        report["empty"].append({"row": int(rows[i]), "kode": kode.iloc[i], "problem": Message("geo_tanpa_geometri")})
    present &= ~not_numbers
    check = keep & present & ~shapely.is_empty(geoms)
    invalid = check & ~shapely.is_valid(geoms)
    for i in np.flatnonzero(invalid):
        reason = shapely.is_valid_reason(geoms[i])
        geoms[i] = shapely.make_valid(geoms[i])
        report["repaired"].append({"row": int(rows[i]), "kode": kode.iloc[i], "problem": Message("geo_geometri_tidak_sah", sebab=reason),
                                   "action": Message("geo_diperbaiki_make_valid")})
    kinds = shapely.get_type_id(geoms)
    for i in np.flatnonzero(check & ~np.isin(kinds, _POLYGONAL)):
        parts = shapely.get_parts(geoms[i])
        polygons = [p for p in parts if shapely.get_type_id(p) in _POLYGONAL and not p.is_empty]
        dropped = [_TYPE_NAMES[int(shapely.get_type_id(p))] for p in parts if shapely.get_type_id(p) not in _POLYGONAL]
        if not polygons:
            report["empty"].append({"row": int(rows[i]), "kode": kode.iloc[i],
                                    "problem": Message("geo_tanpa_poligon", jenis=", ".join(sorted(set(dropped))) or "-")})
            geoms[i] = None
            continue
        geoms[i] = _as_polygonal(polygons)
        report["repaired"].append({"row": int(rows[i]), "kode": kode.iloc[i],
                                   "problem": Message("geo_bagian_bukan_poligon", jenis=", ".join(sorted(dropped))),
                                   "action": Message("geo_bagian_dibuang", n=len(dropped))})
    report["repaired"].sort(key=lambda e: (e["row"], e["problem"]))
    report["empty"].sort(key=lambda e: e["row"])
    return geoms


def _as_polygonal(polygons: list) -> shapely.Geometry:
    flat = [q for p in polygons for q in (shapely.get_parts(p) if shapely.get_type_id(p) == 6 else [p])]
    if len(flat) == 1:
        return flat[0]
    merged = shapely.union_all(flat)  # parts of a collection may touch or overlap
    return merged if shapely.get_type_id(merged) in _POLYGONAL else shapely.MultiPolygon(flat)


def _merge_duplicates(codes, geoms, names, rows, report):
    """One row per code; several rows with one code become one MultiPolygon."""
    frame = pd.DataFrame({"kode": codes, "i": np.arange(len(codes))})
    counts = frame["kode"].value_counts()
    repeated = set(counts.index[counts > 1])
    if not repeated:
        return geoms, list(codes), list(names)
    first_of = {}
    groups: dict[str, list[int]] = {}
    for i, k in enumerate(codes):
        if k in repeated:
            groups.setdefault(k, []).append(i)
        first_of.setdefault(k, i)
    out_g, out_k, out_n = [], [], []
    for i, k in enumerate(codes):
        if first_of[k] != i:
            continue
        if k not in repeated:
            out_g.append(geoms[i]); out_k.append(k); out_n.append(names[i])
            continue
        members = groups[k]
        merged = shapely.union_all([geoms[j] for j in members])
        merged = shapely.MultiPolygon(list(shapely.get_parts(merged))) if merged.geom_type == "Polygon" else merged
        distinct = list(dict.fromkeys(names[j] for j in members if names[j]))
        out_g.append(merged); out_k.append(k); out_n.append(distinct[0] if distinct else None)
        report["duplicates"].append({"kode": k, "rows": [int(rows[j]) for j in members], "nama": distinct})
    report["duplicates"].sort(key=lambda e: e["rows"][0])
    return np.array(out_g, dtype=object), out_k, out_n

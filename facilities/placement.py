"""Check facility rows and place each point in its desa.

Decisions (the import report lists every case by row):

* **Coordinates decide the desa.** A point is placed in the desa whose polygon
  contains it. When the file also declares a desa code and it differs, the point
  still goes to the desa it lies in (GPS taken at the posyandu is more reliable
  than a code copied into a spreadsheet) and the row is listed under
  ``desa_mismatch`` with both codes, so the declared code can be checked.
* A point **outside every desa** is not imported (it cannot be shown in any desa);
  the report gives the nearest desa and the distance, to help fix it.
* **Bad coordinates** (empty, not a number, beyond ±90/±180, not a point in a
  GeoJSON) are not imported. Latitude and longitude **swapped** — unambiguous in
  Indonesia, whose longitudes (95–141) and latitudes (−11–6) never overlap — are
  swapped back, imported, and listed under ``swapped_coordinates``.
* A row without an id, a repeated id (the first is kept) or an unknown ``jenis`` is
  not imported. A file without a ``jenis`` column is a list of posyandu.
* Status columns (``ilp_aktif``, ``lapor_bulan_ini``) accept ya/tidak, y/n, 1/0,
  true/false, aktif/tidak aktif, sudah/belum; an empty or other value is ``False`` and
  listed under ``unknown_status``; an absent column is ``False`` for every row.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import normalise_kode_series

JENIS = ("posyandu", "pustu", "puskesmas")
_JENIS_SYNONYMS = {
    "posyandu": "posyandu",
    "posyandu ilp": "posyandu",
    "pos pelayanan terpadu": "posyandu",
    "pustu": "pustu",
    "puskesmas pembantu": "pustu",
    "pos kesehatan desa": "pustu",  # under ILP, poskesdes become pustu
    "poskesdes": "pustu",
    "puskesmas": "puskesmas",
    "pkm": "puskesmas",
}
_TRUE = {"ya", "y", "1", "true", "t", "aktif", "sudah", "yes", "benar"}
_FALSE = {"tidak", "t", "n", "0", "false", "f", "tidak aktif", "belum", "no", "salah", "tdk"}
_TRUE.discard("t")  # 't' means 'tidak' in Indonesian forms and 'true' in exports: treat as unknown
_FALSE.discard("t")

# Indonesia's frame, generously: what a swapped pair would fall outside of.
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.0, 141.5)

FASILITAS_COLUMNS = ["id", "nama", "jenis", "kode_desa", "lat", "lon", "ilp_aktif", "lapor_bulan_ini"]


def _number(value) -> float:
    """A coordinate as written: ``-2.85``, ``"-2,85"`` (Indonesian decimal comma), ``" 107.9 "``.

    >>> _number("-2,85"), _number(" 107.9 "), _number("utara")
    (-2.85, 107.9, nan)
    """
    if value is None:
        return np.nan
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"[-+]?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return np.nan


def _in_indonesia(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    return (lat >= LAT_RANGE[0]) & (lat <= LAT_RANGE[1]) & (lon >= LON_RANGE[0]) & (lon <= LON_RANGE[1])


def _status(values: pd.Series | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(value, understood) per row; an absent column is False and understood."""
    if values is None:
        return np.zeros(n, bool), np.ones(n, bool)
    text = values.map(lambda v: str(v).strip().lower() if v is not None and v == v else "")
    text = text.str.replace(r"\.0$", "", regex=True)
    return text.isin(_TRUE).to_numpy(), text.isin(_TRUE | _FALSE).to_numpy()


def place_facilities(rows: pd.DataFrame, desa: gpd.GeoDataFrame) -> tuple[pd.DataFrame, dict]:
    """Check ``rows`` and place each point in the desa that contains it.

    Parameters
    ----------
    rows : output of :func:`facilities.readers.read_facility_file` (``baris`` and the
        standard columns found).
    desa : the workspace's desa (``kode``, ``geometry``, EPSG:4326).

    Returns
    -------
    fasilitas : the accepted rows in the ``fasilitas.parquet`` layout.
    report : dict with ``rows``, ``imported``, ``by_jenis`` and one list per problem
        (``bad_coordinates``, ``swapped_coordinates``, ``outside_desa``,
        ``desa_mismatch``, ``invalid_desa_code``, ``missing_id``, ``duplicate_id``,
        ``unknown_jenis``, ``unknown_status``), each item naming the file ``row``.
    """
    n = len(rows)
    report: dict = {"rows": n}
    rows = rows.reset_index(drop=True)
    ok = np.ones(n, bool)
    baris = rows["baris"].to_numpy()
    ids = rows["id"].map(lambda v: "" if v is None or v != v else str(v).strip().removesuffix(".0"))

    report["missing_id"] = [{"row": int(b)} for b in baris[ids == ""]]
    ok &= (ids != "").to_numpy()
    dup = ids.duplicated() & (ids != "")
    report["duplicate_id"] = [
        {"row": int(b), "id": i, "first_row": int(baris[(ids == i).to_numpy()][0])} for b, i in zip(baris[dup], ids[dup])
    ]
    ok &= ~dup.to_numpy()

    jenis, jenis_ok = _jenis(rows.get("jenis"), n)
    report["unknown_jenis"] = [
        {"row": int(b), "id": i, "jenis": str(v)}
        for b, i, v, good in zip(baris, ids, rows.get("jenis", pd.Series([None] * n)), jenis_ok)
        if not good
    ]
    ok &= jenis_ok

    lat, lon, coord_ok, bad, swapped = _coordinates(rows, ids)
    report["bad_coordinates"] = bad
    report["swapped_coordinates"] = swapped
    ok &= coord_ok

    declared = normalise_kode_series(rows["kode_desa"]) if "kode_desa" in rows else pd.Series([None] * n, dtype=object)
    raw_declared = rows["kode_desa"] if "kode_desa" in rows else pd.Series([None] * n)
    has_raw = raw_declared.map(lambda v: v is not None and v == v and str(v).strip() != "")
    bad_code = has_raw & declared.isna()
    report["invalid_desa_code"] = [
        {"row": int(b), "id": i, "kode_desa": str(v)} for b, i, v in zip(baris[bad_code], ids[bad_code], raw_declared[bad_code])
    ]

    found = _desa_of(lat, lon, coord_ok, declared, desa)
    outside = coord_ok & found.isna().to_numpy()
    report["outside_desa"] = _outside_report(baris[outside], ids[outside], lat[outside], lon[outside], desa)
    ok &= ~outside

    known = set(desa["kode"])
    mismatch = ok & declared.notna().to_numpy() & (declared != found).to_numpy()
    report["desa_mismatch"] = [
        {"row": int(b), "id": i, "kode_desa_file": d, "kode_desa": f, "file_code_exists": d in known}
        for b, i, d, f in zip(baris[mismatch], ids[mismatch], declared[mismatch], found[mismatch])
    ]

    nama = rows["nama"] if "nama" in rows else pd.Series([None] * n)
    nama = nama.map(lambda v: "" if v is None or v != v else str(v).strip())
    ilp, ilp_ok = _status(rows.get("ilp_aktif"), n)
    lapor, lapor_ok = _status(rows.get("lapor_bulan_ini"), n)
    report["unknown_status"] = [
        {"row": int(b), "id": i, "column": col, "value": str(v)}
        for col, good, values in (("ilp_aktif", ilp_ok, rows.get("ilp_aktif")), ("lapor_bulan_ini", lapor_ok, rows.get("lapor_bulan_ini")))
        for b, i, v, g, keep in zip(baris, ids, values if values is not None else [None] * n, good, ok)
        if keep and not g
    ]

    fasilitas = pd.DataFrame(
        {
            "id": ids.to_numpy(object),
            "nama": np.where(nama == "", ids, nama).astype(object),
            "jenis": jenis.astype(object),
            "kode_desa": found.to_numpy(object),
            "lat": lat,
            "lon": lon,
            "ilp_aktif": ilp,
            "lapor_bulan_ini": lapor,
        }
    )[ok].reset_index(drop=True)
    report["imported"] = int(len(fasilitas))
    report["by_jenis"] = {j: int((fasilitas["jenis"] == j).sum()) for j in JENIS if (fasilitas["jenis"] == j).any()}
    report["columns"] = sorted(c for c in rows.columns if c not in ("baris", "_geometri"))
    return fasilitas[FASILITAS_COLUMNS], report


def _jenis(values: pd.Series | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Standard ``jenis`` per row and whether it was understood (no column: posyandu)."""
    if values is None:
        return np.full(n, "posyandu", dtype=object), np.ones(n, bool)
    text = values.map(lambda v: re.sub(r"\s+", " ", str(v).strip().lower()) if v is not None and v == v else "")
    mapped = text.map(_JENIS_SYNONYMS)
    return mapped.fillna("").to_numpy(object), mapped.notna().to_numpy()


def _coordinates(rows: pd.DataFrame, ids: pd.Series):
    """Parsed lat/lon, which are usable, and the bad and swapped rows for the report."""
    lat = rows["lat"].map(_number).to_numpy(float, copy=True)
    lon = rows["lon"].map(_number).to_numpy(float, copy=True)
    from_geojson = "_geometri" in rows
    geometry = rows["_geometri"] if from_geojson else pd.Series([None] * len(rows))
    bad, swapped = [], []
    ok = np.ones(len(rows), bool)
    for k, (b, i, y, x, g) in enumerate(zip(rows["baris"], ids, lat, lon, geometry)):
        if from_geojson and (g is None or g != g):
            problem = "feature has no geometry"
        elif from_geojson and g != "Point":
            problem = f"geometry is a {g}, not a point"
        elif not np.isfinite(y) or not np.isfinite(x):
            problem = "latitude or longitude empty or not a number"
        elif _in_indonesia(np.array([x]), np.array([y]))[0] and not _in_indonesia(np.array([y]), np.array([x]))[0]:
            swapped.append({"row": int(b), "id": i, "lat": float(y), "lon": float(x)})
            lat[k], lon[k] = x, y
            continue
        elif abs(y) > 90 or abs(x) > 180:
            problem = "latitude beyond ±90 or longitude beyond ±180"
        else:
            continue
        bad.append({"row": int(b), "id": i, "lat": _json_float(y), "lon": _json_float(x), "problem": problem})
        ok[k] = False
    return lat, lon, ok, bad, swapped


def _json_float(v: float):
    return float(v) if np.isfinite(v) else None


def _desa_of(lat, lon, usable, declared: pd.Series, desa: gpd.GeoDataFrame) -> pd.Series:
    """Code of the desa containing each usable point (``None`` outside every desa).

    A point exactly on a border touches two desa: the declared one wins if it is
    one of them, else the lower code, so the answer never depends on row order.
    """
    idx = np.flatnonzero(usable)
    points = gpd.GeoDataFrame({"row": idx}, geometry=gpd.points_from_xy(lon[idx], lat[idx]), crs="EPSG:4326")
    joined = gpd.sjoin(points, desa[["kode", "geometry"]].to_crs(4326), predicate="intersects", how="inner")
    joined["declared"] = declared.to_numpy(object)[joined["row"].to_numpy()]
    joined["rank"] = (joined["kode"] != joined["declared"]).astype(int)
    best = joined.sort_values(["row", "rank", "kode"]).drop_duplicates("row")
    found = pd.Series([None] * len(declared), dtype=object)
    found.iloc[best["row"].to_numpy()] = best["kode"].to_numpy(object)
    return found


def _outside_report(baris, ids, lat, lon, desa: gpd.GeoDataFrame) -> list[dict]:
    """Rows outside every desa, with the nearest desa and the distance in metres."""
    if len(baris) == 0:
        return []
    points = gpd.GeoDataFrame(
        {"row": baris, "id": ids.to_numpy(object), "lat": lat, "lon": lon},
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )
    # metres in a local UTM zone of the desa (the points may be far off; fine for a hint)
    utm = desa.estimate_utm_crs()
    projected = points.to_crs(utm)
    # A point far from the desa's zone projects to infinity and sjoin_nearest would drop
    # it (the row then vanished from the report): measure those along the ellipsoid.
    finite = np.isfinite(projected.geometry.x.to_numpy()) & np.isfinite(projected.geometry.y.to_numpy())
    near = gpd.sjoin_nearest(projected[finite], desa[["kode", "geometry"]].to_crs(utm), distance_col="m")
    near = near.sort_values(["row", "kode"]).drop_duplicates("row")
    found = {int(r.row): (r.kode, round(float(r.m))) for r in near.itertuples()}
    found.update(_far_nearest(points[~finite], desa))
    return [
        {"row": int(b), "id": i, "lat": float(y), "lon": float(x),
         "nearest_desa": found.get(int(b), (None, None))[0], "distance_m": found.get(int(b), (None, None))[1]}
        for b, i, y, x in zip(baris, ids.to_numpy(object), lat, lon)
    ]


def _far_nearest(points: gpd.GeoDataFrame, desa: gpd.GeoDataFrame) -> dict[int, tuple[str, int]]:
    """Nearest desa (in degrees) and its geodesic distance in metres, for points far from every desa."""
    import warnings

    from pyproj import Geod

    if points.empty:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nearest in degrees is fine for naming the nearest desa
        near = gpd.sjoin_nearest(points, desa[["kode", "geometry"]].to_crs(4326))
    near = near.sort_values(["row", "kode"]).drop_duplicates("row")
    shapes = desa.to_crs(4326).set_index("kode").geometry
    out = {}
    for r in near.itertuples():
        line = shapely.shortest_line(r.geometry, shapes.loc[r.kode])
        (x1, y1), (x2, y2) = line.coords
        out[int(r.row)] = (r.kode, round(abs(Geod(ellps="WGS84").inv(x1, y1, x2, y2)[2])))
    return out

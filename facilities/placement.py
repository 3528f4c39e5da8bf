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
  A row without a name is named by its id.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.codes import normalise_kode_series
from texts.message import Message

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
    rows = rows.reset_index(drop=True)
    report: dict = {"rows": len(rows)}
    ids, ids_ok = _check_ids(rows, report)
    jenis, jenis_ok = _check_jenis(rows, ids, report)
    lat, lon, coord_ok, report["bad_coordinates"], report["swapped_coordinates"] = _coordinates(rows, ids)
    declared = _declared_codes(rows, ids, report)

    found = _desa_of(lat, lon, coord_ok, declared, desa)
    outside = coord_ok & found.isna().to_numpy()
    baris = rows["baris"].to_numpy()
    report["outside_desa"] = _outside_report(baris[outside], ids[outside], lat[outside], lon[outside], desa)
    ok = ids_ok & jenis_ok & coord_ok & ~outside
    report["desa_mismatch"] = _mismatches(baris, ids, declared, found, ok, set(desa["kode"]))
    ilp, lapor = _statuses(rows, ids, ok, report)

    fasilitas = pd.DataFrame(
        {
            "id": ids.to_numpy(object),
            "nama": _names(rows, ids),
            "jenis": jenis,
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


def _text(values: pd.Series | None, n: int) -> pd.Series:
    """Cell values as stripped text, ``""`` where empty (a missing column is all empty)."""
    if values is None:
        return pd.Series([""] * n, dtype=object)
    return values.map(lambda v: "" if v is None or v != v else str(v).strip()).astype(object)


def _check_ids(rows: pd.DataFrame, report: dict) -> tuple[pd.Series, np.ndarray]:
    """Facility ids as text (``101.0`` from Excel is ``101``); rows without one or repeating one fail."""
    ids = _text(rows["id"], len(rows)).map(lambda t: t.removesuffix(".0"))
    baris = rows["baris"].to_numpy()
    missing = (ids == "").to_numpy()
    dup = (ids.duplicated() & (ids != "")).to_numpy()
    first_row = dict(zip(ids[~ids.duplicated()], baris[~ids.duplicated().to_numpy()]))
    report["missing_id"] = [{"row": int(b)} for b in baris[missing]]
    report["duplicate_id"] = [{"row": int(b), "id": i, "first_row": int(first_row[i])} for b, i in zip(baris[dup], ids[dup])]
    return ids, ~missing & ~dup


def _check_jenis(rows: pd.DataFrame, ids: pd.Series, report: dict) -> tuple[np.ndarray, np.ndarray]:
    """Standard ``jenis`` per row; an unknown one fails (no column at all: posyandu)."""
    jenis, understood = _jenis(rows.get("jenis"), len(rows))
    raw = _text(rows.get("jenis"), len(rows))
    report["unknown_jenis"] = [
        {"row": int(b), "id": i, "jenis": v} for b, i, v, good in zip(rows["baris"], ids, raw, understood) if not good
    ]
    return jenis, understood


def _declared_codes(rows: pd.DataFrame, ids: pd.Series, report: dict) -> pd.Series:
    """The desa code each row declares, dotted; ``None`` when absent or not a desa code."""
    n = len(rows)
    if "kode_desa" not in rows:
        report["invalid_desa_code"] = []
        return pd.Series([None] * n, dtype=object)
    declared = normalise_kode_series(rows["kode_desa"])
    # a kecamatan or kabupaten code is a Kemendagri code but names no desa
    declared = declared.where(declared.map(lambda k: k is None or k.count(".") == 3), None)
    raw = _text(rows["kode_desa"], n)
    bad = ((raw != "") & declared.isna()).to_numpy()
    report["invalid_desa_code"] = [
        {"row": int(b), "id": i, "kode_desa": v} for b, i, v in zip(rows["baris"][bad], ids[bad], raw[bad])
    ]
    return declared


def _mismatches(baris, ids, declared: pd.Series, found: pd.Series, ok: np.ndarray, known: set) -> list[dict]:
    """Imported rows whose point lies in another desa than the code they declare."""
    mismatch = ok & declared.notna().to_numpy() & (declared != found).to_numpy()
    return [
        {"row": int(b), "id": i, "kode_desa_file": d, "kode_desa": f, "file_code_exists": d in known}
        for b, i, d, f in zip(baris[mismatch], ids[mismatch], declared[mismatch], found[mismatch])
    ]


def _statuses(rows: pd.DataFrame, ids: pd.Series, ok: np.ndarray, report: dict) -> tuple[np.ndarray, np.ndarray]:
    """``ilp_aktif`` and ``lapor_bulan_ini``; values not understood are False and reported (imported rows only)."""
    n = len(rows)
    out, unknown = [], []
    for column in ("ilp_aktif", "lapor_bulan_ini"):
        value, understood = _status(rows.get(column), n)
        raw = _text(rows.get(column), n)
        unknown += [
            {"row": int(b), "id": i, "column": column, "value": v}
            for b, i, v, good, keep in zip(rows["baris"], ids, raw, understood, ok)
            if keep and not good
        ]
        out.append(value)
    report["unknown_status"] = sorted(unknown, key=lambda u: u["row"])
    return out[0], out[1]


def _names(rows: pd.DataFrame, ids: pd.Series) -> np.ndarray:
    """Facility names; a row without one is named by its id."""
    nama = _text(rows.get("nama"), len(rows))
    return np.where(nama == "", ids, nama).astype(object)


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
            problem = Message("titik_tanpa_geometri")
        elif from_geojson and g != "Point":
            problem = Message("titik_bukan_point", jenis=g)
        elif not np.isfinite(y) or not np.isfinite(x):
            problem = Message("titik_bukan_angka")
        elif _in_indonesia(np.array([x]), np.array([y]))[0] and not _in_indonesia(np.array([y]), np.array([x]))[0]:
            swapped.append({"row": int(b), "id": i, "lat": float(y), "lon": float(x)})
            lat[k], lon[k] = x, y
            continue
        elif abs(y) > 1000 and abs(x) > 1000:
            problem = Message("titik_meter")
        elif abs(y) > 90 or abs(x) > 180:
            problem = Message("titik_di_luar_jangkauan")
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

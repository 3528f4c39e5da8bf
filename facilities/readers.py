"""Read a facility list (CSV, Excel, GeoJSON) into one standard table.

Field files name their columns in many ways (``kode_posyandu``, ``Latitude``,
``lng``, ``KD_DESA`` …). :data:`COLUMN_NAMES` lists the names recognised for each
standard column; the first match wins. Every row keeps ``baris``: its row number
as the user sees it (spreadsheet row, header = 1; GeoJSON feature number from 1).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from errors import PwsError
from tabular import read_table_file
from texts.message import Message

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "kode_posyandu", "id_posyandu", "kode_fasilitas", "id_fasilitas", "kd_posyandu", "kode_faskes", "kode"),
    "nama": ("nama", "nama_posyandu", "nama_fasilitas", "nama_faskes", "name", "posyandu"),
    "jenis": ("jenis", "type", "tipe", "jenis_fasilitas", "jenis_faskes", "kategori"),
    "lat": ("lat", "latitude", "lintang", "y", "koordinat_y"),
    "lon": ("lon", "lng", "long", "longitude", "bujur", "x", "koordinat_x"),
    "kode_desa": ("kode_desa", "kd_desa", "kdepum", "kode_kelurahan", "kode_desa_kelurahan", "iddesa", "kode_wilayah"),
    "ilp_aktif": ("ilp_aktif", "ilp", "status_ilp", "layanan_ilp"),
    "lapor_bulan_ini": ("lapor_bulan_ini", "lapor", "melapor", "sudah_lapor", "status_lapor"),
}
REQUIRED = ("id", "lat", "lon")


def _key(name: object) -> str:
    """Column name as compared: lower case, runs of non-alphanumerics as ``_``.

    >>> _key(" Kode Posyandu ")
    'kode_posyandu'
    """
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower()).strip("_")


def find_columns(columns, path: Path, need_coordinates: bool = True) -> dict[str, str]:
    """Map each standard column to the file's column that holds it.

    Raises :class:`PwsError` naming the accepted names when a required one is absent.
    """
    by_key = {}
    for c in columns:
        by_key.setdefault(_key(c), c)
    found = {}
    for standard, names in COLUMN_NAMES.items():
        for name in names:
            if name in by_key and by_key[name] not in found.values():
                found[standard] = by_key[name]
                break
    required = REQUIRED if need_coordinates else ("id",)
    missing = [c for c in required if c not in found]
    if missing:
        accepted = "; ".join(f"{c}: {', '.join(COLUMN_NAMES[c])}" for c in missing)
        raise PwsError("fasilitas_kolom_tidak_ada", path=path.name, hilang=", ".join(missing),
                       kolom=", ".join(map(str, columns)), diterima=accepted)
    return found


# A list of every posyandu, pustu and puskesmas in Indonesia (~320,000 rows) is ~30 MB.
MAX_TABLE_BYTES = 64 * 2**20


def _read_table(path: Path) -> tuple[pd.DataFrame, pd.Series]:
    frame, rows = read_table_file(
        path, max_bytes=MAX_TABLE_BYTES,
        too_big_hint=Message("fasilitas_saran_besar"),
    )
    return frame, pd.Series(rows, index=frame.index)


def _read_geojson(path: Path) -> tuple[pd.DataFrame, pd.Series]:
    import geopandas as gpd

    frame = gpd.read_file(path)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    geom = frame.geometry
    is_point = geom.notna() & ~geom.is_empty & (geom.geom_type == "Point")
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    # the point geometry is the location; lat/lon properties, if any, are ignored
    for c in [c for c in out.columns if _key(c) in COLUMN_NAMES["lat"] + COLUMN_NAMES["lon"]]:
        out = out.drop(columns=c)
    lat = np.full(len(out), np.nan)
    lon = np.full(len(out), np.nan)
    points = geom[is_point]
    lat[is_point.to_numpy()] = points.y.to_numpy()
    lon[is_point.to_numpy()] = points.x.to_numpy()
    out["lat"], out["lon"] = lat, lon
    out["_geometri"] = geom.geom_type.where(geom.notna(), None)
    return out, pd.Series(range(1, len(out) + 1), index=out.index)


READERS = {".csv": _read_table, ".txt": _read_table, ".xlsx": _read_table, ".geojson": _read_geojson, ".json": _read_geojson}


def read_facility_file(path: str | Path) -> pd.DataFrame:
    """Read ``path`` into the standard columns, raw values, one row per file row.

    Returns
    -------
    DataFrame with ``baris`` (row number in the file) and each standard column found
    (``id, nama, jenis, lat, lon, kode_desa, ilp_aktif, lapor_bulan_ini``), values as
    in the file (strings or numbers; checked by :func:`facilities.placement.place_facilities`).
    A GeoJSON's non-point features get ``lat``/``lon`` missing and their type in
    ``_geometri``.
    """
    path = Path(path)
    if not path.exists():
        raise PwsError("berkas_tidak_ada", path=path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise PwsError("fasilitas_jenis_berkas", path=path.name, suffix=path.suffix, pilihan=", ".join(sorted(READERS)))
    try:
        frame, baris = reader(path)
    except PwsError:
        raise
    except UnicodeDecodeError:
        raise PwsError("bukan_utf8", path=path.name) from None
    except Exception as exc:  # a damaged or mislabelled file: say so, not a traceback
        raise PwsError("fasilitas_tak_terbaca", path=path.name, suffix=path.suffix, sebab=exc) from None
    if frame.empty:
        raise PwsError("fasilitas_tanpa_baris", path=path.name)
    columns = find_columns([c for c in frame.columns if c != "_geometri"], path)
    out = pd.DataFrame({"baris": baris.to_numpy()})
    for standard, column in columns.items():
        out[standard] = frame[column].to_numpy()
    if "_geometri" in frame.columns:
        out["_geometri"] = frame["_geometri"].to_numpy()
    return out

"""What an uploaded file is: its type sniffed from its bytes, its kind guessed from its columns.

The name a browser sends is not trusted: the bytes say whether a file is an
``.xlsx`` workbook, a zip of a shapefile, GeoJSON, a GeoPackage, Parquet or
CSV text, and the upload is saved under a name with that suffix before any
importer reads it. The kind (see :data:`uploads.run.KINDS`) is then guessed
from the columns, and the sender may override it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from errors import PwsError

MAX_UPLOAD_BYTES = 20 * 2**20
"""Largest upload (20 MB: the .xlsx reader's own limit; a bigger CSV goes through the command line)."""

TYPES = {".xlsx": "Excel (.xlsx)", ".csv": "CSV", ".zip": "zip (shapefile)", ".geojson": "GeoJSON",
         ".gpkg": "GeoPackage", ".parquet": "Parquet"}


def sniff(head: bytes, whole: bytes | None = None) -> str:
    """The file suffix the bytes say (see :data:`TYPES`), from the first bytes (``whole``: all of a zip).

    >>> sniff(b"kode_desa,periode\\n19.06.01.2001,2026-09\\n")
    '.csv'
    >>> sniff(b"\\x7fELF\\x02\\x01")
    Traceback (most recent call last):
    ...
    errors.PwsError: Berkas ini bukan berkas tabel atau peta yang dibaca PWS-ILP (isinya data biner jenis lain). Kirim buku kerja Excel (.xlsx), CSV, GeoJSON, GeoPackage, Parquet atau shapefile dalam zip.
    """
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(whole if whole is not None else head)).namelist()
        except zipfile.BadZipFile:
            raise PwsError("unggah_zip_rusak") from None
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return ".xlsx"
        if any(n.lower().endswith(".shp") for n in names):
            return ".zip"
        raise PwsError("unggah_zip_lain")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise PwsError("unggah_xls_lama")
    if head.startswith(b"SQLite format 3\x00"):
        return ".gpkg"
    if head.startswith(b"PAR1"):
        return ".parquet"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{") and b'"type"' in head:
        return ".geojson"
    if b"\x00" in head or not _texty(head):
        raise PwsError("unggah_biner")
    return ".csv"


def _texty(head: bytes) -> bool:
    """Text has no control characters but tab and line ends (in any 8-bit or UTF-8 encoding)."""
    controls = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
    return not any(b in controls for b in head.translate(None, b"\t\r\n"))


_WIDE = re.compile(r"^[a-z0-9_]+_(num|den|pembilang|penyebut)$")


def detect_kind(path: str | Path) -> str | None:
    """The kind of a saved upload from its columns (``None`` when none fits; the sender then chooses).

    Indicators (long: ``indikator`` + ``pembilang``; wide: ``<id>_num``/``_den``
    or ``_pembilang``/``_penyebut``), cases (long: ``penyakit`` + ``jumlah``;
    or SKDR's W2 form), posyandu (``lat``/``lon`` or GeoJSON points),
    puskesmas table (``kode_puskesmas`` + ``kode_desa``), targets
    (``target_tahunan``), boundaries (a shapefile, GeoPackage, GeoParquet or
    GeoJSON of polygons).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".zip", ".gpkg", ".parquet"):
        return "boundaries"
    if suffix == ".geojson":
        return "posyandu" if b'"Point"' in path.read_bytes()[:200_000] else "boundaries"
    from tabular import read_table_file

    try:
        frame, _ = read_table_file(path)
        columns = {str(c).strip().lower() for c in frame.columns}
    except PwsError:
        columns = set()
    if {"indikator", "pembilang"} <= columns or any(_WIDE.match(c) for c in columns):
        return "indicators"
    if {"penyakit", "jumlah"} <= columns or {"minggu", "tempat"} <= columns:
        return "cases"
    if {"kode_puskesmas", "kode_desa"} <= columns:
        return "puskesmas"
    if "target_tahunan" in columns:
        return "targets"
    if ({"lat", "lon"} <= columns or {"latitude", "longitude"} <= columns) and "jenis" in columns:
        return "posyandu"
    if suffix == ".xlsx":
        from surveillance.w2 import is_w2

        if is_w2(path):
            return "cases"
    return None

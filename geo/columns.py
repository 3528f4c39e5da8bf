"""Finding the code and name columns among the names real boundary files use.

BIG's files write ``KDEPUM`` (Kemendagri desa code) and ``WADMKD`` / ``NAMOBJ``
(names); exports from dinas spreadsheets write ``kode_desa``, ``kd_desa``,
``iddesa``, ``nama_desa``... The match ignores case. When no name matches, the
code column is the one whose values are (almost) all Kemendagri codes of the
level wanted — never a column named for BPS, whose codes look alike but number
areas differently.
"""

from __future__ import annotations

import pandas as pd

from errors import PwsError
from geo.codes import normalise_kode_series
from texts.message import Message

CODE_NAMES = {
    "desa": ("kode_desa", "kd_desa", "kdepum", "kodedesa", "kode_kemendagri", "kode_kel", "kd_kel",
             "kode_kelurahan", "iddesa", "id_desa", "kode_wilayah", "kode", "kd", "code"),
    "kecamatan": ("kode_kecamatan", "kode_kec", "kd_kec", "kdcpum", "idkec", "id_kec", "kode_wilayah", "kode", "kd", "code"),
    "kabkota": ("kode_kabkota", "kode_kab", "kd_kab", "kdpkab", "idkab", "id_kab", "kode_wilayah", "kode", "kd", "code"),
    "provinsi": ("kode_provinsi", "kode_prov", "kd_prov", "kdppum", "idprov", "id_prov", "kode_wilayah", "kode", "kd", "code"),
}
NAME_NAMES = {
    "desa": ("nama_desa", "nm_desa", "wadmkd", "namobj", "nama_kel", "nama_kelurahan", "desa_kel", "desa",
             "kelurahan", "nama", "nm", "name"),
    "kecamatan": ("nama_kecamatan", "nama_kec", "nm_kec", "wadmkc", "namobj", "kecamatan", "nama", "nm", "name"),
    "kabkota": ("nama_kabkota", "nama_kab", "nm_kab", "wadmkk", "namobj", "kabupaten", "kabkota", "nama", "nm", "name"),
    "provinsi": ("nama_provinsi", "nama_prov", "nm_prov", "wadmpr", "namobj", "provinsi", "nama", "nm", "name"),
}
_DEPTH = {"provinsi": 1, "kabkota": 2, "kecamatan": 3, "desa": 4}


def find_code_column(frame: pd.DataFrame, level: str = "desa", given: str | None = None, source: str | None = None) -> str:
    """Name of the column holding the Kemendagri codes of ``level``.

    Parameters
    ----------
    frame : the attributes read from the file.
    level : the level whose codes are wanted.
    given : a column the user named (``--code-column``); matched ignoring case.
    source : the file's name, for messages.

    Examples
    --------
    >>> find_code_column(pd.DataFrame({"OBJECTID": [1], "KDEBPS": ["3216010001"], "KDEPUM": ["32.16.01.2001"]}))
    'KDEPUM'
    >>> find_code_column(pd.DataFrame({"id_bps": ["3216010001"], "x": ["3216012001"]}))
    'x'
    """
    columns = [c for c in frame.columns if c != getattr(frame, "_geometry_column_name", None) and c != "geometry"]
    if given is not None:
        return _named(columns, given, "--code-column", source)
    lower = {str(c).lower(): c for c in columns}
    for candidate in CODE_NAMES[level]:
        if candidate in lower:
            return lower[candidate]
    best, best_share = None, 0.0
    for column in columns:
        if "bps" in str(column).lower() or frame[column].dtype.kind in "bmMc":
            continue
        values = frame[column].dropna()
        if values.empty:
            continue
        sample = values.head(2000)
        dotted = normalise_kode_series(sample)
        share = float(dotted.map(lambda k: k is not None and k.count(".") + 1 == _DEPTH[level]).mean())
        if share > best_share:
            best, best_share = column, share
    if best is not None and best_share >= 0.8:
        return best
    raise PwsError("kolom_kode_tidak_ada", level=level, source=source or Message("berkas_itu"),
                   kolom=", ".join(map(str, columns)))


def find_name_column(frame: pd.DataFrame, level: str = "desa", given: str | None = None, source: str | None = None,
                     code_column: str | None = None) -> str | None:
    """Name of the column holding area names, or ``None`` when there is none.

    >>> find_name_column(pd.DataFrame({"KDEPUM": ["x"], "WADMKD": ["Kelubi"]}))
    'WADMKD'
    """
    columns = [c for c in frame.columns if c not in ("geometry", getattr(frame, "_geometry_column_name", None))]
    if given is not None:
        return _named(columns, given, "--name-column", source)
    lower = {str(c).lower(): c for c in columns if c != code_column}
    for candidate in NAME_NAMES[level]:
        if candidate in lower:
            return lower[candidate]
    return None


def _named(columns: list, given: str, option: str, source: str) -> str:
    for c in columns:
        if str(c) == given:
            return c
    for c in columns:
        if str(c).lower() == given.lower():
            return c
    raise PwsError("kolom_tidak_ada", option=option, given=repr(given), source=source or Message("berkas_itu"),
                   kolom=", ".join(map(str, columns)))

"""The column names field files use, read without a mapping file.

A puskesmas recap rarely says ``kode_desa,periode``: it says ``KDEPUM``,
``kd_desa`` or ``iddesa`` for the desa code (found as the boundary import finds
it, :func:`geo.columns.find_code_column`), and ``bulan`` (``9``, ``Sep``,
``September``, ``Agustus``, ``Agu``, ``Des``) with ``tahun`` for the month.
:func:`field_columns` turns such a table into the importer's own names before
the layout is detected, so everything after it is the one import path.

When ``bulan`` holds month names or numbers and there is no ``tahun`` column,
the year must be given (``--tahun``): a year is never guessed, because a recap
of December sent in January would land a year off.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa

from errors import PwsError
from geo.columns import find_code_column
from tabular.dates import parse_bulan

BULAN_NAMES = ("bulan", "bln", "month")
TAHUN_NAMES = ("tahun", "thn", "year")

def parse_tahun(value: object) -> int | None:
    """A four-digit year 2000–2100, or ``None``.

    >>> parse_tahun("2026"), parse_tahun(2026.0), parse_tahun("26")
    (2026, 2026, None)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", text):
        year = int(float(text))
        return year if 2000 <= year <= 2100 else None
    return None


def field_columns(table: pa.Table, tahun: int | None = None, source: str = "") -> tuple[pa.Table, dict[str, str]]:
    """Rename or derive ``kode_desa`` and ``periode`` from the names field files use.

    Parameters
    ----------
    table : the file read by the importer (lower-case column names, ``_``-prefixed
        helper columns).
    tahun : the year for a ``bulan`` column without ``tahun`` (``--tahun``).
    source : the file's name, for messages.

    Returns
    -------
    The table with ``kode_desa`` and ``periode`` where they could be found, and
    which file columns they came from (``{"kode_desa": "kdepum", "periode": "bulan+tahun"}``).
    """
    names = [c for c in table.column_names if not c.startswith("_")]
    used: dict[str, str] = {}
    if "kode_desa" not in names:
        code = _desa_code_column(table, names)
        if code is not None:
            table = table.rename_columns(["kode_desa" if c == code else c for c in table.column_names])
            used["kode_desa"] = code
    if "periode" not in names:
        bulan = next((c for c in BULAN_NAMES if c in names), None)
        if bulan is not None:
            year = next((c for c in TAHUN_NAMES if c in names), None)
            periode = _periode_from(table, bulan, year, tahun, source)
            table = table.append_column("periode", periode)
            used["periode"] = f"{bulan}+{year}" if year else (f"{bulan}+--tahun {tahun}" if tahun else bulan)
    return table, used


def _desa_code_column(table: pa.Table, names: list[str]) -> str | None:
    """The desa code column as the boundary import finds it, or ``None``."""
    head = table.select(names).slice(0, 2000).to_pandas() if names else pd.DataFrame()
    try:
        return find_code_column(head, "desa")
    except PwsError:
        return None


def _periode_from(table: pa.Table, bulan: str, year: str | None, tahun: int | None, source: str) -> pa.Array:
    """``YYYY-MM`` per row from bulan (+ tahun); an unreadable pair keeps its raw text, so the row is reported."""
    from indicators.importer import normalise_periode

    months = pd.Series(table.column(bulan).to_pylist(), dtype=object)
    years = pd.Series(table.column(year).to_pylist(), dtype=object) if year else None
    if years is None and tahun is None:
        # a bulan column that already holds whole periods (2026-09, a date) needs no year
        filled = months.dropna().unique()
        if len(filled) and all(normalise_periode(m) is not None and parse_bulan(m) is None for m in filled):
            return pa.array(months.tolist(), pa.string())
        raise PwsError("bulan_tanpa_tahun", source=source, kolom=repr(bulan))
    pairs = pd.DataFrame({"b": months, "t": years if years is not None else tahun})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs.astype(str)))
    out = []
    for b, t in uniques:
        month, y = parse_bulan(None if b in ("None", "nan") else b), parse_tahun(None if t in ("None", "nan") else t)
        if month is None and normalise_periode(b) is not None:
            out.append(normalise_periode(b))  # a whole period (2026-09) in the bulan column: tahun adds nothing
        else:
            out.append(f"{y:04d}-{month:02d}" if month and y else f"bulan={b} tahun={t}")
    return pa.array(np.asarray(out, dtype=object)[codes].tolist(), pa.string())

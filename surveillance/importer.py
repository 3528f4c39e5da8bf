"""Import weekly case counts (CSV or Excel) into ``kasus/mingguan.parquet``.

The file has one row per week × place × disease with a count. Columns (any case,
these names or their listed aliases):

=========  ==========================================================  ==========================
column     meaning                                                     aliases
=========  ==========================================================  ==========================
minggu     ISO week ``2026-W40`` or a date (assigned to its ISO week)  week, tanggal, date
tempat     desa code (any spelling) or facility id from fasilitas      kode_desa, posyandu, id_posyandu, kode, desa
penyakit   disease id, name or alias from ``data/penyakit.csv``        disease, diagnosis
jumlah     number of cases, a whole number ≥ 0                        kasus, count, n
=========  ==========================================================  ==========================

Each row ends up *matched* (imported), *unmatched* (the place is neither a
facility id in ``fasilitas.parquet`` nor a desa of the workspace) or *rejected*
(bad week, disease or count, or a duplicate), the last two listed by row number
(row 1 is the header) with the reason. A new file's report for a place and week
replaces the earlier one for that place and week; other weeks are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from errors import PwsError
from texts.message import Message
from geo.codes import normalise_kode
from surveillance.catalogue import disease_lookup
from surveillance.weeks import parse_week
from tabular import read_table_file

ALIASES = {
    "minggu": ("minggu", "week", "tanggal", "date", "minggu_epid"),
    "tempat": ("tempat", "kode_desa", "posyandu", "id_posyandu", "posyandu_id", "kode", "desa", "id_fasilitas"),
    "penyakit": ("penyakit", "disease", "diagnosis"),
    "jumlah": ("jumlah", "kasus", "count", "n", "jumlah_kasus"),
}
KASUS_COLUMNS = ["minggu", "kode_desa", "penyakit", "jumlah", "tempat"]


@dataclass
class CaseImport:
    """Outcome of reading a case file: the clean rows and the report."""

    file: str
    rows: pd.DataFrame  # KASUS_COLUMNS
    rows_read: int
    unmatched: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # what a form reader adds to the report (the W2's weeks and columns)

    @property
    def matched(self) -> int:
        """Rows imported."""
        return len(self.rows)

    def report(self) -> dict:
        """Plain-dict report (for ``--json`` and the log)."""
        weeks = sorted(self.rows["minggu"].unique()) if len(self.rows) else []
        sheet_order = {s["sheet"]: i for i, s in enumerate(self.extra.get("w2", []))}
        return {
            "file": self.file, "rows_read": self.rows_read, "matched": self.matched,
            "unmatched": len(self.unmatched), "rejected": len(self.rejected),
            "desa": int(self.rows["kode_desa"].nunique()) if len(self.rows) else 0,
            "weeks": [weeks[0], weeks[-1]] if weeks else [],
            "problems": sorted(self.unmatched + self.rejected, key=lambda p: (sheet_order.get(p.get("sheet"), 0), p["row"])),
            **self.extra,
        }


def read_case_file(path: str | Path, desa_codes, fasilitas: pd.DataFrame | None = None,
                   convention: str = "iso") -> CaseImport:
    """Read and check a case file against the workspace's desa and facilities.

    Parameters
    ----------
    path : CSV (comma or semicolon) or Excel (.xlsx) file.
    desa_codes : dotted codes of the workspace's desa (a place must be one of them).
    fasilitas : the workspace's facilities (id → kode_desa), optional.
    convention : how dates become weeks: ``"iso"`` or ``"skdr"`` (see :mod:`surveillance.weeks`).

    Raises
    ------
    PwsError
        The file cannot be read or lacks a column; says which and what to do.
    """
    path = Path(path)
    raw, baris = read_table_file(path)  # text cells, Excel dates as YYYY-MM-DD, file row numbers
    columns = _find_columns(raw, path)
    table = raw.rename(columns={v: k for k, v in columns.items()})[list(columns)]
    return _check_rows(table, path, set(desa_codes), fasilitas, convention, baris)


def _find_columns(raw: pd.DataFrame, path: Path) -> dict[str, str]:
    """Map each needed column to the file's header, or explain what is missing."""
    header = {str(c).strip().lower(): c for c in raw.columns}
    found, missing = {}, []
    for name, aliases in ALIASES.items():
        hit = next((header[a] for a in aliases if a in header), None)
        if hit is None:
            missing.append(Message("kolom_atau", kolom=name, lain=", ".join(aliases[1:])))
        else:
            found[name] = hit
    if missing:
        raise PwsError("kasus_kolom_tidak_ada", path=path, hilang=missing, kolom=", ".join(map(str, raw.columns)))
    return found


def _check_rows(table: pd.DataFrame, path: Path, desa_codes: set[str], fasilitas, convention, baris=None) -> CaseImport:
    """Classify every row: matched, unmatched (unknown place) or rejected (bad value).

    Each distinct cell value is checked once (a history file repeats the same
    weeks, places and diseases many times), then rows are classified with arrays;
    a row gets the first problem found, in the order week, disease, count, place.
    """
    facility_desa = {}
    if fasilitas is not None and len(fasilitas):
        facility_desa = dict(zip(fasilitas["id"].astype(str).str.strip(), fasilitas["kode_desa"]))
    table = table.reset_index(drop=True)
    rownum = np.asarray(baris) if baris is not None else np.arange(2, len(table) + 2)  # row 1 is the header
    blank = np.column_stack([_per_value(table[c], _blank).to_numpy(dtype=bool) for c in table.columns]).all(axis=1)
    table, rownum = table.loc[~blank].reset_index(drop=True), rownum[~blank]

    minggu = _per_value(table["minggu"], lambda v: parse_week(v, convention))
    lookup = disease_lookup()
    penyakit = _per_value(table["penyakit"], lambda v: lookup.get(str(v).strip().lower()) if not _blank(v) else None)
    jumlah = _per_value(table["jumlah"], _count)
    place_codes, places = pd.factorize(table["tempat"], use_na_sentinel=False)
    resolved = [_resolve_place(v, facility_desa, desa_codes) for v in places]
    status, place_info, tempat = (np.array([r[k] for r in resolved], dtype=object)[place_codes] for k in range(3))

    problems: list[tuple[int, str, str]] = []  # (row, kind, reason)
    ok = np.ones(len(table), dtype=bool)

    def flag(mask, kind, message):
        for i in np.flatnonzero(mask & ok):
            problems.append((int(rownum[i]), kind, message(i)))
        ok[mask] = False

    flag(minggu.isna().to_numpy(), "rejected", lambda i: Message("kasus_minggu_salah", nilai=repr(table["minggu"].iat[i])))
    flag(penyakit.isna().to_numpy(), "rejected",
         lambda i: Message("kasus_penyakit_tak_dikenal", nilai=repr(table["penyakit"].iat[i])))
    flag(jumlah.isna().to_numpy(), "rejected", lambda i: Message("kasus_jumlah_salah", nilai=repr(table["jumlah"].iat[i])))
    flag(status == "rejected", "rejected", lambda i: place_info[i])
    flag(status == "unmatched", "unmatched", lambda i: place_info[i])

    rows = pd.DataFrame({
        "minggu": minggu[ok].to_numpy(dtype=object), "kode_desa": place_info[ok],
        "penyakit": penyakit[ok].to_numpy(dtype=object), "jumlah": jumlah[ok].to_numpy(dtype="int64"),
        "tempat": tempat[ok],
    }, columns=KASUS_COLUMNS)
    ok_rows = rownum[ok]
    key = ["minggu", "tempat", "penyakit"]
    dup = rows.duplicated(key, keep="first").to_numpy()
    if dup.any():
        first = pd.Series(ok_rows).groupby([rows[k] for k in key]).transform("first").to_numpy()
        for i in np.flatnonzero(dup):
            problems.append((int(ok_rows[i]), "rejected", Message("kasus_duplikat", baris=first[i])))
        rows = rows.loc[~dup].reset_index(drop=True)
    rows["jumlah"] = rows["jumlah"].astype("int64")
    unmatched = [{"row": r, "reason": m} for r, k, m in sorted(problems) if k == "unmatched"]
    rejected = [{"row": r, "reason": m} for r, k, m in sorted(problems) if k == "rejected"]
    return CaseImport(str(path), rows, rows_read=len(table), unmatched=unmatched, rejected=rejected)


def _per_value(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)`` computing ``fn`` once per distinct value (``None`` results stay missing)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [fn(u) for u in uniques]
    return pd.Series(results[codes], index=values.index, dtype=object)


def _resolve_place(value, facility_desa: dict, desa_codes: set[str]) -> tuple:
    """(status, kode_desa — or the reason when not ok —, tempat): a facility id, else a desa code of the workspace."""
    if _blank(value):
        return ("rejected", Message("kasus_tempat_kosong"), None)
    tempat = str(value).strip()
    if tempat.endswith(".0") and tempat[:-2].isdigit() and tempat not in facility_desa:
        tempat = tempat[:-2]  # a numeric id that passed through Excel as a float
    if tempat in facility_desa:
        return ("ok", facility_desa[tempat], tempat)
    kode = normalise_kode(value)
    if kode is not None and kode.count(".") != 3:
        level = ("provinsi", "kabupaten/kota", "kecamatan")[kode.count(".")]
        return ("rejected", Message("kasus_tempat_tingkat", tempat=repr(tempat), level=level), None)
    if kode is None or kode not in desa_codes:
        what = Message("kode_desa_tak_ada_di_batas", kode=kode) if kode else Message("kasus_bukan_tempat")
        return ("unmatched", Message("kasus_tempat", tempat=repr(tempat), pesan=what), None)
    return ("ok", kode, kode)


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == ""


def _count(value) -> int | None:
    """A whole, non-negative count, or ``None``."""
    if _blank(value):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    if number < 0 or not number.is_integer():
        return None
    return int(number)


def merge_cases(existing: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """New reports replace earlier ones for the same place and week; everything else is kept.

    >>> old = pd.DataFrame({"minggu": ["2026-W01", "2026-W02"], "kode_desa": ["19.06.01.2004"] * 2,
    ...                     "penyakit": ["diare_akut", "suspek_dbd"], "jumlah": [3, 1], "tempat": ["P1", "P1"]})
    >>> new = pd.DataFrame({"minggu": ["2026-W02"], "kode_desa": ["19.06.01.2004"], "penyakit": ["diare_akut"],
    ...                     "jumlah": [5], "tempat": ["P1"]})
    >>> merge_cases(old, new)[["minggu", "penyakit", "jumlah"]].values.tolist()
    [['2026-W01', 'diare_akut', 3], ['2026-W02', 'diare_akut', 5]]
    """
    if existing is None or existing.empty:
        out = new
    else:
        replaced = pd.MultiIndex.from_frame(new[["minggu", "tempat"]].drop_duplicates())
        keep = ~pd.MultiIndex.from_frame(existing[["minggu", "tempat"]]).isin(replaced)
        out = pd.concat([existing.loc[keep, KASUS_COLUMNS], new[KASUS_COLUMNS]], ignore_index=True)
    out = out.sort_values(["minggu", "kode_desa", "tempat", "penyakit"]).reset_index(drop=True)
    out["jumlah"] = out["jumlah"].astype("int64")
    return out

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

    @property
    def matched(self) -> int:
        """Rows imported."""
        return len(self.rows)

    def report(self) -> dict:
        """Plain-dict report (for ``--json`` and the log)."""
        weeks = sorted(self.rows["minggu"].unique()) if len(self.rows) else []
        return {
            "file": self.file, "rows_read": self.rows_read, "matched": self.matched,
            "unmatched": len(self.unmatched), "rejected": len(self.rejected),
            "desa": int(self.rows["kode_desa"].nunique()) if len(self.rows) else 0,
            "weeks": [weeks[0], weeks[-1]] if weeks else [],
            "problems": sorted(self.unmatched + self.rejected, key=lambda p: p["row"]),
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
            missing.append(f"{name} (or {', '.join(aliases[1:])})")
        else:
            found[name] = hit
    if missing:
        raise PwsError(
            f"Case file {path} lacks column(s) {'; '.join(missing)}. The header has: "
            f"{', '.join(map(str, raw.columns))}. Rename the columns to minggu, tempat, penyakit, jumlah."
        )
    return found


def _check_rows(table: pd.DataFrame, path: Path, desa_codes: set[str], fasilitas, convention, baris=None) -> CaseImport:
    """Classify every row: matched, unmatched (unknown place) or rejected (bad value)."""
    facility_desa = {}
    if fasilitas is not None and len(fasilitas):
        facility_desa = dict(zip(fasilitas["id"].astype(str).str.strip(), fasilitas["kode_desa"]))
    diseases = disease_lookup()
    week_cache: dict = {}
    ok_rows, unmatched, rejected = [], [], []
    seen: dict[tuple, int] = {}
    numbers = baris if baris is not None else range(2, len(table) + 2)
    for i, rec in zip((int(n) for n in numbers), table.itertuples(index=False)):
        minggu_raw, tempat_raw, penyakit_raw, jumlah_raw = rec.minggu, rec.tempat, rec.penyakit, rec.jumlah
        if all(_blank(v) for v in (minggu_raw, tempat_raw, penyakit_raw, jumlah_raw)):
            continue  # empty line at the end of a spreadsheet
        key = minggu_raw if isinstance(minggu_raw, str) else repr(minggu_raw)
        if key not in week_cache:
            week_cache[key] = parse_week(minggu_raw, convention)
        minggu = week_cache[key]
        if minggu is None:
            rejected.append({"row": i, "reason": f"minggu {minggu_raw!r} is neither an ISO week like 2026-W40 nor a date"})
            continue
        penyakit = diseases.get(str(penyakit_raw).strip().lower())
        if penyakit is None:
            rejected.append({"row": i, "reason": f"unknown disease {penyakit_raw!r}; use an id or name from data/penyakit.csv"})
            continue
        jumlah = _count(jumlah_raw)
        if jumlah is None:
            rejected.append({"row": i, "reason": f"jumlah {jumlah_raw!r} is not a whole number ≥ 0 (write 0 for a week without cases)"})
            continue
        tempat = str(tempat_raw).strip()
        if _blank(tempat_raw):
            rejected.append({"row": i, "reason": "tempat is empty: give a desa code or posyandu id"})
            continue
        if tempat in facility_desa:
            kode_desa = facility_desa[tempat]
        else:
            kode = normalise_kode(tempat_raw)
            if kode is not None and kode.count(".") != 3:
                rejected.append({"row": i, "reason": f"tempat {tempat!r} is a {('provinsi', 'kabupaten/kota', 'kecamatan')[kode.count('.')]} code; cases need a desa code or posyandu id"})
                continue
            if kode is None or kode not in desa_codes:
                what = f"desa code {kode} is not in the workspace's boundaries" if kode else "not a posyandu id in fasilitas.parquet nor a desa code"
                unmatched.append({"row": i, "reason": f"tempat {tempat!r}: {what}"})
                continue
            kode_desa = tempat = kode
        dup_key = (minggu, tempat, penyakit)
        if dup_key in seen:
            rejected.append({"row": i, "reason": f"duplicate of row {seen[dup_key]} (same week, place and disease)"})
            continue
        seen[dup_key] = i
        ok_rows.append((minggu, kode_desa, penyakit, jumlah, tempat))
    rows = pd.DataFrame(ok_rows, columns=KASUS_COLUMNS)
    rows["jumlah"] = rows["jumlah"].astype("int64")
    return CaseImport(str(path), rows, rows_read=len(table), unmatched=unmatched, rejected=rejected)


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

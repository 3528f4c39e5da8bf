"""Weekly case table → desa × week arrays per disease, with missing weeks kept as ``NaN``.

A desa has *reported* a week when the case table has at least one row for that
desa and week (any disease, any posyandu). In a reported week a disease with no
row counts 0 (reports list the diseases seen); in a week without any row the
desa's counts are missing, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from surveillance.weeks import week_from_index, week_index_series


@dataclass
class CaseCube:
    """Counts per disease as (desa × week) arrays; ``NaN`` where the desa did not report."""

    desa: np.ndarray  # dotted desa codes, sorted
    weeks: list[str]  # consecutive ISO weeks, oldest first
    reported: np.ndarray  # bool (desa × week)
    counts: dict[str, np.ndarray]  # penyakit -> float (desa × week)

    def rows_of(self, codes) -> np.ndarray:
        """Row positions of the given desa codes (which must be in the cube)."""
        return np.searchsorted(self.desa, np.asarray(codes, dtype=object))

    def area_rows(self, kode: str) -> np.ndarray:
        """Rows of the desa inside an area (a desa, kecamatan, kabupaten or provinsi code)."""
        prefix = kode + "."
        mask = np.array([d == kode or d.startswith(prefix) for d in self.desa], dtype=bool)
        return np.flatnonzero(mask)


def build_cube(kasus: pd.DataFrame, penyakit: list[str] | None = None) -> CaseCube:
    """Arrange a ``kasus/mingguan`` table (minggu, kode_desa, penyakit, jumlah, ...) as a :class:`CaseCube`.

    >>> k = pd.DataFrame({"minggu": ["2026-W01", "2026-W03"], "kode_desa": ["19.06.01.2004"] * 2,
    ...                   "penyakit": ["diare_akut"] * 2, "jumlah": [4, 1]})
    >>> c = build_cube(k)
    >>> c.weeks, c.counts["diare_akut"].tolist()
    (['2026-W01', '2026-W02', '2026-W03'], [[4.0, nan, 1.0]])
    """
    diseases = sorted(set(penyakit or []) | set(kasus["penyakit"].unique()))
    if kasus.empty:
        return CaseCube(np.array([], dtype=object), [], np.zeros((0, 0), bool), {p: np.zeros((0, 0)) for p in diseases})
    week_idx = week_index_series(kasus["minggu"])
    first, last = int(week_idx.min()), int(week_idx.max())
    n_weeks = last - first + 1
    # factorize then sort the few distinct codes: much faster than np.unique on 500,000 strings
    codes, uniques = pd.factorize(kasus["kode_desa"])
    sort = np.argsort(np.asarray(uniques, dtype=object))
    desa_codes = np.asarray(uniques, dtype=object)[sort]
    desa_pos = np.empty(len(sort), dtype=np.int64)
    desa_pos[sort] = np.arange(len(sort))
    desa_pos = desa_pos[codes]
    col = week_idx - first
    flat = desa_pos * n_weeks + col
    reported = np.zeros(len(desa_codes) * n_weeks, dtype=bool)
    reported[flat] = True
    reported = reported.reshape(len(desa_codes), n_weeks)
    counts = {}
    values = kasus["jumlah"].to_numpy(dtype=float)
    disease_codes, disease_names = pd.factorize(kasus["penyakit"])
    for p in diseases:
        sel = disease_codes == (list(disease_names).index(p) if p in set(disease_names) else -2)
        arr = np.bincount(flat[sel], weights=values[sel], minlength=len(desa_codes) * n_weeks).reshape(len(desa_codes), n_weeks)
        counts[p] = np.where(reported, arr, np.nan)
    weeks = [week_from_index(i) for i in range(first, last + 1)]
    return CaseCube(desa_codes, weeks, reported, counts)


def area_series(cube: CaseCube, rows: np.ndarray, penyakit: str) -> np.ndarray:
    """Weekly sum over the given desa rows; ``NaN`` in weeks where none of them reported."""
    arr = cube.counts.get(penyakit)
    if arr is None or len(rows) == 0:
        return np.full(len(cube.weeks), np.nan)
    sub = arr[rows]
    any_report = cube.reported[rows].any(axis=0)
    return np.where(any_report, np.nansum(sub, axis=0), np.nan)

"""The dashboard's scan settings per kabupaten, in SaTScan's terms (``data/scan_settings.csv``).

One row without ``kode_kabkota`` holds the defaults; a kabupaten changes some of
them with a row of its own code, where an empty cell keeps the default. Columns
and the SaTScan parameter each one sets:

==================  ====================================================  =======
column              SaTScan parameter (or the dashboard's own)            default
==================  ====================================================  =======
maks_persen_kasus   MaxSpatialSizeInPopulationAtRisk (% of the cases)     50
maks_radius_km      MaxSpatialSizeInDistanceFromCenter (empty: no limit)  —
maks_desa           most desa in a circle (not in SaTScan)                5
min_minggu          MinimumTemporalClusterSize (weeks)                    1
maks_minggu         MaxTemporalSize (weeks, MaxTemporalSizeInterpretation=1)  4
min_kasus           MinimumCasesInHighRateClusters                        2
minggu_studi        the study period: the last N weeks (StartDate)        52
replikasi           MonteCarloReps                                        999
overdispersi        p of LLR / φ (not in SaTScan): ya / tidak             ya
alpha               a cluster signals at p ≤ alpha ...                    0.05
alpha_tinggi        ... severity ``tinggi`` at p ≤ alpha_tinggi           0.01
min_rasio           ... and observed ≥ min_rasio × expected               2
==================  ====================================================  =======

The scan itself is always prospective (clusters end at the latest week), by
week, high rates only, secondary clusters without geographical overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from errors import PwsError
from texts.message import Message
from settings import DATA_DIR
from surveillance.spacetime import ScanSettings

SCAN_SETTINGS_FILE = DATA_DIR / "scan_settings.csv"
COLUMNS = ["maks_persen_kasus", "maks_radius_km", "maks_desa", "min_minggu", "maks_minggu", "min_kasus",
           "minggu_studi", "replikasi", "overdispersi", "alpha", "alpha_tinggi", "min_rasio"]


@dataclass(frozen=True)
class ScanRule:
    """One kabupaten's scan: the window and inference settings, the study period and the signalling rule."""

    window: ScanSettings
    study_weeks: int
    alpha: float
    alpha_high: float
    min_ratio: float

    def signals(self, p: float, observed: float, expected: float) -> bool:
        """Whether a cluster signals: p ≤ alpha and observed ≥ min_ratio × expected."""
        return bool(p <= self.alpha and observed >= self.min_ratio * expected)


def load_scan_rules(path: str | Path | None = None) -> dict[str, ScanRule]:
    """The rules of a scan settings file by kabupaten code; ``""`` holds the defaults.

    Raises :class:`PwsError` naming the file, the row and what to fix.
    """
    path = Path(path) if path else SCAN_SETTINGS_FILE
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise PwsError("scan_tak_terbaca", path=path, sebab=exc) from None
    missing = {"kode_kabkota", *COLUMNS} - set(table.columns)
    if missing:
        raise PwsError("scan_kolom", path=path, hilang=", ".join(sorted(missing)))
    defaults = table[table["kode_kabkota"].str.strip() == ""]
    if len(defaults) != 1:
        raise PwsError("scan_bawaan", path=path, n=len(defaults))
    base = {c: defaults.iloc[0][c].strip() for c in COLUMNS}
    rules = {}
    for i, row in enumerate(table.to_dict("records"), start=2):  # row 1 is the header
        code = row["kode_kabkota"].strip()
        if code in rules:
            raise PwsError("scan_kabkota_ganda", where=Message("scan_baris", path=path, baris=i), kode=repr(code))
        values = {c: (row[c].strip() or base[c]) for c in COLUMNS}
        rules[code] = _rule(values, Message("scan_baris", path=path, baris=i))
    return rules


def rule_for(rules: dict[str, ScanRule], kode_kabkota: str) -> ScanRule:
    """The kabupaten's rule, or the defaults."""
    return rules.get(kode_kabkota, rules[""])


def _rule(v: dict[str, str], where) -> ScanRule:
    """One row's values as a ScanRule; PwsError naming the cell that is wrong."""
    def number(column, kind=float, low=None, high=None, empty_ok=False):
        text = v[column]
        if text == "" and empty_ok:
            return None
        try:
            value = kind(text)
        except ValueError:
            raise PwsError("scan_bukan_angka" if kind is float else "scan_bukan_bilangan", where=where, kolom=column,
                           nilai=repr(text)) from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise PwsError("scan_di_luar_rentang", where=where, kolom=column, bawah=low, atas=high, nilai=text)
        return value

    if v["overdispersi"].lower() not in ("ya", "tidak"):
        raise PwsError("harus_salah_satu", where=where, kolom="overdispersi", pilihan="'ya', 'tidak'",
                       nilai=repr(v["overdispersi"]))
    min_weeks = number("min_minggu", int, 1, 52)
    max_weeks = number("maks_minggu", int, min_weeks, 52)
    window = ScanSettings(
        max_share=number("maks_persen_kasus", float, 0.1, 100) / 100,
        max_radius_km=number("maks_radius_km", float, 0, 1000, empty_ok=True),
        max_locations=number("maks_desa", int, 1, 10_000, empty_ok=True),
        min_time=min_weeks, max_time=max_weeks, time_unit="week",
        min_cases=number("min_kasus", int, 1, 1000), prospective=True,
        replications=number("replikasi", int, 1, 99_999),
        overdispersion=v["overdispersi"].lower() == "ya",
    )
    return ScanRule(window=window, study_weeks=number("minggu_studi", int, max_weeks + 1, 520),
                    alpha=number("alpha", float, 0, 1), alpha_high=number("alpha_tinggi", float, 0, 1),
                    min_ratio=number("min_rasio", float, 0, 1000))

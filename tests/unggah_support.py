"""A small workspace with two puskesmas for the upload tests, and a mixed indicator workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicator_workspace import make_workspace

KELUBI_PKM = "P1906010101"
"""Puskesmas Kelubi: desa 19.06.01.2001 and .2002."""
LAIN_PKM = "P1906010202"
"""Puskesmas Lain: desa 19.06.01.2003 and 19.06.02.2001."""


def two_puskesmas_workspace(root: Path):
    from puskesmas import import_puskesmas

    ws = make_workspace(root)
    csv = Path(root).parent / "wilayah_kerja.csv"
    pd.DataFrame({
        "kode_puskesmas": [KELUBI_PKM, KELUBI_PKM, LAIN_PKM, LAIN_PKM],
        "nama_puskesmas": ["Puskesmas Kelubi"] * 2 + ["Puskesmas Lain"] * 2,
        "kode_desa": ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001"],
    }).to_csv(csv, index=False)
    import_puskesmas(ws, csv)
    return ws


def mixed_workbook(path: Path) -> Path:
    """Rows 2-3: Kelubi's own desa; row 4: Puskesmas Lain's desa; row 5: a bad row (penyebut negative)."""
    pd.DataFrame([
        ("19.06.01.2001", "2026-09", "k1", 7, 10),
        ("19.06.01.2002", "2026-09", "k1", 5, 10),
        ("19.06.01.2003", "2026-09", "k1", 9, 10),
        ("19.06.01.2002", "2026-09", "k4", 3, -2),
    ], columns=["kode_desa", "periode", "indikator", "pembilang", "penyebut"]).to_excel(path, index=False)
    return path

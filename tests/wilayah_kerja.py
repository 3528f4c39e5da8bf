"""Belitung Timur with puskesmas wilayah kerja: the real desa, a made-up but plausible table.

Kecamatan Manggar (19.06.01, nine desa) is split between two puskesmas; each
other kecamatan has one. The codes follow the Kemenkes form (``P`` + kecamatan
digits + a number) but are invented. Use :func:`build_belitung_timur_wilayah_kerja`
for a workspace, :data:`WILAYAH_KERJA` for the expected assignment.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from workspace.store import Workspace

MANGGAR = "P1906010101"
"""Puskesmas Manggar: the five western desa of kecamatan Manggar."""
LALANG = "P1906010202"
"""Puskesmas Lalang: the other four desa of kecamatan Manggar."""

_MANGGAR_DESA = ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.01.2004", "19.06.01.2006"]
_LALANG_DESA = ["19.06.01.2007", "19.06.01.2010", "19.06.01.2012", "19.06.01.2013"]
_ONE_PER_KECAMATAN = {
    "19.06.02": ("P1906020101", "Puskesmas Gantung"),
    "19.06.03": ("P1906030101", "Puskesmas Dendang"),
    "19.06.04": ("P1906040101", "Puskesmas Kelapa Kampit"),
    "19.06.05": ("P1906050101", "Puskesmas Damar"),
    "19.06.06": ("P1906060101", "Puskesmas Simpang Renggiang"),
    "19.06.07": ("P1906070101", "Puskesmas Simpang Pesak"),
}
PUSKESMAS_NAMES = {MANGGAR: "Puskesmas Manggar", LALANG: "Puskesmas Lalang",
                   **{k: n for k, n in _ONE_PER_KECAMATAN.values()}}


def wilayah_kerja(desa_codes) -> dict[str, str]:
    """``kode_desa → kode_puskesmas`` for the Belitung Timur desa ``desa_codes``."""
    out = {}
    for kode in desa_codes:
        if kode in _MANGGAR_DESA:
            out[kode] = MANGGAR
        elif kode in _LALANG_DESA:
            out[kode] = LALANG
        else:
            out[kode] = _ONE_PER_KECAMATAN[kode[:8]][0]
    return out


def wilayah_kerja_frame(desa_codes) -> pd.DataFrame:
    """The table as a dinas would write it: ``kode_puskesmas, nama_puskesmas, kode_desa`` (undotted)."""
    pairs = sorted(wilayah_kerja(desa_codes).items())
    return pd.DataFrame({
        "kode_puskesmas": [p for _, p in pairs],
        "nama_puskesmas": [PUSKESMAS_NAMES[p] for _, p in pairs],
        "kode_desa": [d.replace(".", "") for d, _ in pairs],
    })


def build_belitung_timur_wilayah_kerja(shared_data: Path, root: Path) -> Workspace:
    """The workspace of :func:`tests.realdata.build_belitung_timur` plus the wilayah kerja,
    imported through ``import puskesmas`` (the CSV is written beside the workspace)."""
    from puskesmas import import_puskesmas
    from tests.realdata import build_belitung_timur

    ws = build_belitung_timur(shared_data, Path(root))
    desa = ws.read_table("boundaries/desa.parquet", columns=["kode"])["kode"]
    csv = Path(root).parent / "wilayah_kerja.csv"
    wilayah_kerja_frame(desa).to_csv(csv, index=False)
    import_puskesmas(ws, csv)
    return ws

"""Workspaces for the scope tests: Belitung Timur with puskesmas wilayah kerja and cases, and the demo's.

Belitung Timur (``tests.realdata``: the real desa shapefile, generated values) gets

* a puskesmas table that splits kecamatan Manggar (19.06.01) between two
  puskesmas, and one wilayah kerja (Damar) that crosses a kecamatan border by
  taking one desa of Kelapa Kampit; every other kecamatan has one puskesmas;
* two years of generated weekly cases with their alerts and clusters (the
  demo's generator and the surveillance import path), so alerts, clusters and
  posyandu case counts are read paths the tests can try.

The puskesmas table goes in through ``import puskesmas`` (the table
:data:`access.actor.WILAYAH_KERJA_TABLE` and one dissolved area per puskesmas).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from access.actor import WILAYAH_KERJA_TABLE
from workspace.store import Workspace

MANGGAR = "19.06.01"
PKM_MANGGAR = "P1906010101"
PKM_LALANG = "P1906010102"
PKM_DAMAR = "P1906050101"
MANGGAR_DESA = {
    PKM_MANGGAR: ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.01.2004"],
    PKM_LALANG: ["19.06.01.2006", "19.06.01.2007", "19.06.01.2010", "19.06.01.2012", "19.06.01.2013"],
}
CROSSING = "19.06.04.2007"
"""Pembaharuan, a desa of Kelapa Kampit served by Puskesmas Damar."""


def wilayah_kerja_rows(desa_codes: list[str]) -> pd.DataFrame:
    """The Belitung Timur puskesmas table (one row per desa) for the desa the workspace holds."""
    rows = []
    for pkm, codes in MANGGAR_DESA.items():
        nama = "Puskesmas Manggar" if pkm == PKM_MANGGAR else "Puskesmas Lalang"
        rows += [(pkm, nama, k) for k in codes]
    for k in desa_codes:
        if k.startswith(MANGGAR + "."):
            continue
        kec = k[:8]
        if k == CROSSING or kec == "19.06.05":
            rows.append((PKM_DAMAR, "Puskesmas Damar", k))
        else:
            rows.append((f"P{kec.replace('.', '')}0101", f"Puskesmas {kec}", k))
    return pd.DataFrame(rows, columns=["kode_puskesmas", "nama_puskesmas", "kode_desa"])


def write_wilayah_kerja(ws: Workspace, table: pd.DataFrame) -> None:
    """Import the puskesmas table into ``ws`` through ``import puskesmas`` (the CSV is written beside it)."""
    from puskesmas import import_puskesmas

    csv = Path(ws.root).parent / f"{WILAYAH_KERJA_TABLE}.csv"
    table.to_csv(csv, index=False)
    import_puskesmas(ws, csv)


def add_cases(ws: Workspace, end_week: str = "2025-W40", n_weeks: int = 104, seed: int = 0) -> None:
    """Generated weekly cases and their alerts and clusters, through the surveillance import path."""
    from surveillance.api import write_cases
    from surveillance.demo import generate_weekly_cases

    desa = ws.read_geo("boundaries/desa.parquet", columns=["kode", "nama", "geometry"])
    kecamatan = pd.DataFrame(ws.read_geo("boundaries/kecamatan.parquet", columns=["kode", "nama", "geometry"])[["kode", "nama"]])
    fasilitas = ws.read_table("fasilitas.parquet")
    kasus = generate_weekly_cases(fasilitas, desa, end_week, n_weeks=n_weeks, seed=seed)
    with ws.transaction("generated cases") as tx:
        write_cases(tx, kasus, desa, kecamatan, fasilitas, keep_history=False)


def build_belitung_timur_scoped(shared_data: Path, root: Path) -> Workspace:
    """Belitung Timur with values, facilities, cases and the puskesmas table above."""
    from tests.realdata import build_belitung_timur

    ws = build_belitung_timur(shared_data, root)
    add_cases(ws)
    desa = ws.read_geo("boundaries/desa.parquet", columns=["kode", "geometry"])
    write_wilayah_kerja(ws, wilayah_kerja_rows(sorted(desa["kode"].astype(str))))
    return ws


def demo_wilayah_kerja(ws: Workspace) -> pd.DataFrame:
    """A puskesmas table for the demo when it has none: one puskesmas per kecamatan, the first one split in two."""
    desa = sorted(ws.read_geo("boundaries/desa.parquet", columns=["kode", "geometry"])["kode"].astype(str))
    rows = []
    first = desa[0][:8]
    in_first = [k for k in desa if k.startswith(first + ".")]
    half = len(in_first) // 2
    for i, k in enumerate(desa):
        kec = k[:8]
        pkm = f"P{kec.replace('.', '')}01" if not (kec == first and in_first.index(k) >= half) else f"P{kec.replace('.', '')}02"
        rows.append((pkm, f"Puskesmas {pkm}", k))
    return pd.DataFrame(rows, columns=["kode_puskesmas", "nama_puskesmas", "kode_desa"])

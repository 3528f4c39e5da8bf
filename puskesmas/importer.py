"""``import puskesmas``: the wilayah kerja table and its geometry into a workspace, all or nothing."""

from __future__ import annotations

from pathlib import Path

from errors import PwsError
from puskesmas.geometry import DISPLAY_FILE, FULL_FILE, wilayah_geometry
from puskesmas.table import WILAYAH_KERJA_FILE, check_wilayah_kerja, read_wilayah_kerja_file, summary
from texts.message import Message
from workspace.store import Workspace

FILES = (WILAYAH_KERJA_FILE, FULL_FILE, DISPLAY_FILE)
"""What this import owns in a snapshot."""


def import_puskesmas(workspace: Workspace, path: str | Path, check: bool = False) -> dict:
    """Read ``path``, check it against the workspace's desa, write the wilayah kerja.

    The file replaces any earlier wilayah kerja as a whole (it is the dinas's
    complete table, not an update). Nothing is written when no row can be
    assigned. With ``check``, nothing is written at all: the same report against
    the live snapshot's desa (an upload's first step).

    Returns
    -------
    The report of :func:`puskesmas.table.check_wilayah_kerja` plus ``file`` and
    ``snapshot``.
    """
    path = Path(path)
    if not workspace.has("boundaries/desa.parquet"):
        raise PwsError("ws_tanpa_desa", path=workspace.root)
    rows = read_wilayah_kerja_file(path)
    if check:
        desa = workspace.pinned().read_table("boundaries/desa.parquet", columns=["kode", "nama"])
        _, report = check_wilayah_kerja(rows, desa)
        return {"file": path.name, **report, "snapshot": workspace.snapshot_id}
    # Opened before reading the desa: they come from tx.base, the snapshot the commit is checked against.
    with workspace.transaction("puskesmas") as tx:
        desa = tx.base.read_geo("boundaries/desa.parquet", columns=["kode", "nama", "geometry"])
        report = write_wilayah_kerja(tx, desa, rows, source=path.name)
    report["snapshot"] = workspace.snapshot_id
    return report


def carry_over(tx, desa) -> str | None:
    """Keep the wilayah kerja through a boundary import: same table, geometry from the new desa.

    Rows whose desa the new boundaries no longer hold are dropped; without any
    row left the table and its geometry go. Returns a note for the boundary
    report, or ``None`` when the workspace had no wilayah kerja.
    """
    if not tx.base.has(WILAYAH_KERJA_FILE):
        return None
    table = tx.base.read_table(WILAYAH_KERJA_FILE)
    kept = table[table["kode_desa"].isin(set(desa["kode"]))].reset_index(drop=True)
    gone = len(table) - len(kept)
    if kept.empty:
        for name in FILES:
            tx.remove(name)
        tx.manifest.pop("wilayah_kerja", None)
        return Message("catatan_wk_dibuang")
    full, display = wilayah_geometry(kept, desa)
    tx.write_table(WILAYAH_KERJA_FILE, kept)
    tx.write_table(FULL_FILE, full)
    tx.write_table(DISPLAY_FILE, display)
    tx.manifest["wilayah_kerja"] = {**tx.manifest.get("wilayah_kerja", {}), "puskesmas": int(kept["kode_puskesmas"].nunique()),
                                    "desa": int(len(kept))}
    if gone:
        return Message("catatan_wk_desa_dibuang", n=gone)
    return None


def write_wilayah_kerja(tx, desa, rows, source: str) -> dict:
    """Check ``rows`` against ``desa`` (``kode, nama, geometry``) and write table and geometry into ``tx``.

    Also used by the demo, so both go through the same rules.
    """
    table, report = check_wilayah_kerja(rows, desa)
    report = {"file": source, **report}
    if table.empty:
        raise PwsError("pkm_tidak_ada_baris", path=source, n=report["rows"], ringkas=summary(report))
    full, display = wilayah_geometry(table, desa)
    tx.write_table(WILAYAH_KERJA_FILE, table)
    tx.write_table(FULL_FILE, full)
    tx.write_table(DISPLAY_FILE, display)
    tx.manifest["wilayah_kerja"] = {"puskesmas": report["puskesmas"], "desa": report["desa_assigned"],
                                    "source": source}
    return report

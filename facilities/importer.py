"""Import a facility file into a workspace: ``fasilitas.parquet``, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from errors import PwsError
from facilities.placement import FASILITAS_COLUMNS, place_facilities
from facilities.readers import read_facility_file
from texts.message import Message
from workspace.store import Workspace

KASUS = "kasus/mingguan.parquet"  # the weekly case table (workspace contract)

PROBLEMS = (
    "bad_coordinates",
    "swapped_coordinates",
    "outside_desa",
    "desa_mismatch",
    "invalid_desa_code",
    "missing_id",
    "duplicate_id",
    "unknown_jenis",
    "unknown_status",
)
"""Report lists, in the order a person fixing the file would read them."""


def import_facilities(workspace: Workspace, path: str | Path, check: bool = False) -> dict:
    """Read ``path``, place its points in the workspace's desa, write ``fasilitas.parquet``.

    The file replaces the workspace's facilities **of the kinds it holds**: a posyandu
    list replaces every posyandu and keeps the pustu and puskesmas imported before.
    Rows with problems are left out and listed (see :mod:`facilities.placement`).
    Nothing is written when no row can be imported. With ``check``, nothing is
    written at all: the same report against the live snapshot (an upload's first
    step), also when no row could be imported.

    Returns
    -------
    The report (see :func:`facilities.placement.place_facilities`), plus ``file``,
    ``replaced`` (facilities of those kinds before) and ``kept`` (of other kinds).
    """
    path = Path(path)
    if not workspace.has("boundaries/desa.parquet"):
        raise PwsError("ws_tanpa_desa", path=workspace.root)
    if check:
        report = _import_into(None, workspace.pinned(), path)
        report["snapshot"] = workspace.snapshot_id
        return report
    # Opened before reading: the desa and the facilities kept come from tx.base,
    # the snapshot this import's commit is checked against (no lost update).
    with workspace.transaction("fasilitas") as tx:
        report = _import_into(tx, tx.base, path)
    report["snapshot"] = workspace.snapshot_id
    return report


def _import_into(tx, base, path: Path) -> dict:
    """The facility import inside its transaction: ``base`` is the snapshot it builds on (``tx`` ``None``:
    only the report, nothing written)."""
    rows = read_facility_file(path)
    desa = base.read_geo("boundaries/desa.parquet", columns=["kode", "geometry"])
    fasilitas, report = place_facilities(rows, desa)
    report = {"file": str(path), **report}
    if fasilitas.empty and tx is None:
        return {**report, "replaced": {}, "kept": {}, "kasus": {"moved": [], "gone": []}}
    if fasilitas.empty:
        raise PwsError("tidak_ada_baris_diimpor", path=path.name, n=report["rows"], ringkas=summary(report))
    kinds = set(fasilitas["jenis"])
    if base.has("fasilitas.parquet"):
        before = base.read_table("fasilitas.parquet")
        kept = before[~before["jenis"].isin(kinds)]
        report["replaced"] = {j: int((before["jenis"] == j).sum()) for j in sorted(kinds)}
    else:
        kept = pd.DataFrame(columns=FASILITAS_COLUMNS)
        report["replaced"] = {}
    clash = sorted(set(kept["id"]) & set(fasilitas["id"]))
    if clash:
        raise PwsError("fasilitas_id_bentrok", path=path.name, ids=", ".join(clash[:5]) + (" …" if len(clash) > 5 else ""))
    report["kept"] = {j: int(v) for j, v in kept["jenis"].value_counts().sort_index().items()}
    report["kasus"] = stale_case_places(base, fasilitas, kinds)
    if tx is None:
        return report
    combined = pd.concat([kept.astype(fasilitas.dtypes.to_dict()), fasilitas], ignore_index=True) if len(kept) else fasilitas
    tx.write_table("fasilitas.parquet", combined[FASILITAS_COLUMNS])
    tx.manifest["fasilitas"] = {
        "counts": {j: int(v) for j, v in combined["jenis"].value_counts().sort_index().items()},
        "source": path.name,
    }
    return report


def stale_case_places(base, fasilitas: pd.DataFrame, kinds: set) -> dict:
    """Places of earlier case reports that this facility list moves to another desa or drops.

    Cases reported by a posyandu were counted in that posyandu's desa when they
    were imported; they are not moved silently (the alerts would change without
    a case import). Returns ``{"moved": [...], "gone": [...]}``, each item the
    place ``id``, its case ``rows`` and, for moved ones, ``dari``/``ke`` desa.
    """
    if not base.has(KASUS):
        return {"moved": [], "gone": []}
    kasus = base.read_table(KASUS, columns=["tempat", "kode_desa"])
    old_ids = set()
    if base.has("fasilitas.parquet"):
        before = base.read_table("fasilitas.parquet", columns=["id", "jenis"])
        old_ids = set(before.loc[before["jenis"].isin(kinds), "id"])
    by_place = kasus[kasus["tempat"].isin(old_ids)].groupby(["tempat", "kode_desa"]).size()
    now = dict(zip(fasilitas["id"], fasilitas["kode_desa"]))
    moved, gone = [], []
    for (tempat, kode_desa), rows in by_place.items():
        if tempat not in now:
            gone.append({"id": tempat, "rows": int(rows)})
        elif now[tempat] != kode_desa:
            moved.append({"id": tempat, "rows": int(rows), "dari": kode_desa, "ke": now[tempat]})
    return {"moved": moved, "gone": gone}


def summary(report: dict) -> list[Message] | Message:
    """How many rows fell into each problem list, for a message.

    >>> summary({"bad_coordinates": [{"row": 3}], "outside_desa": []})[0].text("en")
    '1 bad coordinates'
    """
    parts = [Message("geo_n_masalah", n=len(report[k]), masalah=Message("fasilitas_masalah_" + k))
             for k in PROBLEMS if report.get(k)]
    return parts or Message("geo_tanpa_masalah")

"""One import, whoever starts it: run the importer, record the submission, return the report."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from errors import PwsError
from texts.message import Message, to_stored

KINDS = ("indicators", "cases", "posyandu", "puskesmas", "targets", "boundaries")
"""What may be imported; ``puskesmas`` and ``dinas`` senders only the first two (their own reports)."""

SCOPED_KINDS = ("indicators", "cases")


@dataclass
class Outcome:
    """What one run did: the importer's report (a plain dict), counts, and the history row's id."""

    kind: str
    check: bool
    report: dict
    rows_read: int | None = None
    rows_imported: int | None = None
    rows_rejected: int | None = None
    rows_outside: int | None = None
    snapshot_before: str | None = None
    snapshot_after: str | None = None
    periods: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    submission_id: int | None = None

    def problems(self) -> list[dict]:
        """Every row not imported, as ``{"baris", "kode", "alasan", "luar"}`` (``luar``: outside the sender's
        wilayah), in row order: what a front end lists under the counts."""
        out = []
        if self.kind == "indicators":
            for r in self.report.get("rejected", []):
                out.append({"baris": r["baris"], "kode": r.get("kode_desa"), "alasan": r["alasan"],
                            "luar": _says(r["alasan"], "alasan_luar_wilayah")})
            for c in self.report.get("codes_without_desa", []):
                for baris in c["baris"]:
                    out.append({"baris": baris, "kode": c["kode_desa"], "alasan": Message("alasan_tanpa_desa"),
                                "luar": False})
        else:
            for p in self.report.get("problems", []):
                out.append({"baris": p.get("row") or None, "kode": p.get("kode_desa") or p.get("tempat") or p.get("value"),
                            "alasan": p.get("reason") or p.get("alasan") or "", "luar": bool(p.get("luar_wilayah"))})
            for key in ("outside", "unassigned", "bad_rows", "rejected_rows"):
                for p in self.report.get(key, []) if isinstance(self.report.get(key), list) else []:
                    out.append({"baris": p.get("row"), "kode": p.get("kode_desa"), "alasan": str(p), "luar": False})
        return sorted(out, key=lambda r: (r["baris"] is None, r["baris"] or 0))


def _says(reason, key: str) -> bool:
    """Whether a row's reason is, or joins, the message ``key`` (an indicator row has one or several reasons)."""
    parts = [reason, *getattr(reason, "params", {}).get("daftar", [])]
    return any(getattr(m, "key", None) == key for m in parts)


def file_facts(path: str | os.PathLike) -> tuple[int | None, str | None]:
    """(size in bytes, sha256 hex) of a file; ``(None, None)`` for a folder, ``FILE.gpkg#layer`` or a missing
    file (the importer says what is wrong with it)."""
    if not Path(path).is_file():
        return None, None
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def run_import(workspace, kind: str, path: str | os.PathLike, *, username: str | None, channel: str = "cli",
               wilayah: str | None = None, desa: set[str] | None = None, check: bool = False,
               diterima: datetime | None = None, file_name: str | None = None, db=None,
               progress=None, options: dict | None = None) -> Outcome:
    """Import (or only check, ``check=True``) ``path`` as ``kind`` and record it in the history.

    Parameters
    ----------
    workspace : :class:`workspace.Workspace`.
    kind : one of :data:`KINDS`.
    username, channel, wilayah : who sent it, how (``"cli"``/``"web"``), for which wilayah.
    desa : the sender's desa; rows of other desa are listed as outside and never
        imported (``None``: no limit, the admin and the command line).
    diterima : when the report arrived (a back-filled file); default now.
    file_name : the name the sender gave (an upload is saved under another name).
    db : the operational database (default: the workspace's).
    options : the importer's own options (``mapping``, ``tahun``, ``wilayah`` of a W2, ...).

    A refused import (:class:`PwsError`) is recorded as ``gagal`` with its reason, then raised again.
    """
    from opsdb import OpsDb, submissions

    if kind not in KINDS:
        raise PwsError("jenis_impor_tak_dikenal", jenis=repr(kind), pilihan=", ".join(KINDS))
    if desa is not None and kind not in SCOPED_KINDS:
        raise PwsError("impor_hanya_admin", jenis=kind)
    db = db or OpsDb.for_workspace(workspace.root)
    path = Path(path)
    size, sha = file_facts(path)
    before = workspace.snapshot_id
    common = dict(username=username, channel=channel, kind=kind, check_only=check, file_name=file_name or path.name,
                  size=size, sha256=sha, snapshot_before=before, wilayah=wilayah,
                  diterima=_utc(diterima))
    try:
        outcome = _IMPORTERS[kind](workspace, path, check, desa, progress, options or {})
    except PwsError as exc:
        submissions.record(db, status="gagal", message=to_stored(exc.message, limit=1000), snapshot_after=workspace.snapshot_id, **common)
        raise
    outcome.snapshot_before = before
    outcome.snapshot_after = before if check else workspace.snapshot_id
    if not check:
        outcome.units = _units(workspace, outcome.report.get("desa_kode", []))
    outcome.submission_id = submissions.record(
        db, status="ok", rows_read=outcome.rows_read, rows_imported=outcome.rows_imported,
        rows_rejected=outcome.rows_rejected, rows_outside=outcome.rows_outside,
        snapshot_after=outcome.snapshot_after, periods=outcome.periods or None, units=outcome.units or None, **common)
    return outcome


def rollback(workspace, snapshot_id: str, *, username: str | None, channel: str = "cli", db=None) -> dict:
    """Make the data of kept snapshot ``snapshot_id`` live again (:meth:`Workspace.rollback`) and record it.

    Recorded as a submission of kind ``rollback`` (``file_name`` is the snapshot
    rolled back to), refused or not, and in the audit log.
    """
    from opsdb import OpsDb, audit, submissions

    db = db or OpsDb.for_workspace(workspace.root)
    before = workspace.snapshot_id
    common = dict(username=username, channel=channel, kind="rollback", check_only=False, file_name=snapshot_id,
                  snapshot_before=before)
    try:
        after = workspace.rollback(snapshot_id)
    except PwsError as exc:
        submissions.record(db, status="gagal", message=to_stored(exc.message, limit=1000), snapshot_after=workspace.snapshot_id, **common)
        raise
    sid = submissions.record(db, status="ok", snapshot_after=after, **common)
    audit.record(db, "impor", username, None, {"what": "rollback", "snapshot": after, "ke": snapshot_id,
                                                "sebelumnya": before})
    return {"submission": sid, "rollback_ke": snapshot_id, "snapshot_before": before, "snapshot_after": after}


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _units(workspace, desa_codes: list[str]) -> list[str]:
    """The reporting units (puskesmas of the wilayah kerja table, else kecamatan) of these desa."""
    from puskesmas.table import WILAYAH_KERJA_FILE

    if not desa_codes:
        return []
    if workspace.has(WILAYAH_KERJA_FILE):
        table = workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
        return sorted(set(table.loc[table["kode_desa"].isin(set(desa_codes)), "kode_puskesmas"].astype(str)))
    return sorted({str(k).rsplit(".", 1)[0] for k in desa_codes})


# -- one importer per kind: the same functions the CLI commands call -------------------

def _indicators(ws, path, check, desa, progress, options) -> Outcome:
    from indicators.importer import import_indicators

    report = import_indicators(ws, path, mapping=options.get("mapping"), tahun=options.get("tahun"), check=check,
                               progress=progress, desa=desa).to_dict()
    return Outcome("indicators", check, report, rows_read=report["rows_read"], rows_imported=report["rows_imported"],
                   rows_rejected=report["rejected_count"] - report["rows_outside"] + report["rows_without_desa"],
                   rows_outside=report["rows_outside"], periods=list(report["periods"]))


def _cases(ws, path, check, desa, progress, options) -> Outcome:
    from surveillance.api import import_cases

    report = import_cases(ws, path, check=check, progress=progress, desa=desa, **options)
    outside = report.get("outside", 0)
    listed = sum(1 for p in report["problems"] if p.get("luar_wilayah"))  # one problem per desa outside
    return Outcome("cases", check, report, rows_read=report["rows_read"], rows_imported=report["matched"],
                   rows_rejected=report["rejected"] - listed + report["unmatched"], rows_outside=outside,
                   periods=list(report.get("minggu", [])))


def _posyandu(ws, path, check, desa, progress, options) -> Outcome:
    from facilities import import_facilities

    _no_check(check, "posyandu")
    report = import_facilities(ws, path)
    return Outcome("posyandu", check, report, rows_read=report["rows"], rows_imported=report["imported"])


def _puskesmas(ws, path, check, desa, progress, options) -> Outcome:
    from puskesmas import import_puskesmas

    _no_check(check, "puskesmas")
    report = import_puskesmas(ws, path)
    return Outcome("puskesmas", check, report, rows_read=report.get("rows_read", report.get("rows")))


def _targets(ws, path, check, desa, progress, options) -> Outcome:
    from indicators.catalogue import import_targets

    _no_check(check, "targets")
    merged = import_targets(ws, path)
    return Outcome("targets", check, {"target": len(merged), "rows": merged.to_dict(orient="records")},
                   rows_imported=len(merged))


def _boundaries(ws, path, check, desa, progress, options) -> Outcome:
    from geo.importer import import_boundaries

    _no_check(check, "boundaries")
    report = import_boundaries(path, ws.root, progress=progress, **options)  # makes the workspace when absent
    return Outcome("boundaries", check, report)


def _no_check(check: bool, kind: str) -> None:
    if check:
        raise PwsError("tanpa_periksa", jenis=kind)


_IMPORTERS = {"indicators": _indicators, "cases": _cases, "posyandu": _posyandu, "puskesmas": _puskesmas,
              "targets": _targets, "boundaries": _boundaries}

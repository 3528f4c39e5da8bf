"""One import, whoever starts it: run the importer, record the submission, return the report."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from errors import PwsError
from texts.message import to_stored

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
    pasangan: list[list[str]] = field(default_factory=list)  # [unit, periode]: the reports the saved rows hold
    submission_id: int | None = None

    def problems(self, lang: str = "id") -> list[dict]:
        """Every row not imported (or imported with a note), as ``{"baris", "kode", "alasan", "luar", "catatan"}``
        (``luar``: outside the sender's wilayah), in row order, in ``lang``: what a front end lists under the
        counts (:func:`uploads.problems.problem_rows`)."""
        from uploads.problems import problem_rows

        return problem_rows(self.kind, self.report, lang)


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
        submissions.record(db, status="gagal", message=to_stored(exc.message, limit=1000),
                           snapshot_after=workspace.snapshot_id, **common)
        raise
    outcome.snapshot_before = before
    outcome.snapshot_after = before if check else workspace.snapshot_id
    # which desa brought which period: large (desa × periods), so kept out of the report the sender reads
    desa_periode = outcome.report.pop("desa_periode", None) or {}
    if not check:
        outcome.units, outcome.pasangan = _units_and_pairs(workspace, desa_periode)
    outcome.submission_id = submissions.record(
        db, status="ok", rows_read=outcome.rows_read, rows_imported=outcome.rows_imported,
        rows_rejected=outcome.rows_rejected, rows_outside=outcome.rows_outside,
        snapshot_after=outcome.snapshot_after, periods=outcome.periods or None, units=outcome.units or None,
        pasangan=outcome.pasangan or None, **common)
    if kind == "cases" and not check:
        outcome.report["respon"] = raise_alerts(workspace, db, outcome, progress)
    return outcome


def raise_alerts(workspace, db, outcome: Outcome, progress=None) -> dict:
    """After a saved case import: record the alerts it raised first, and e-mail the notable new ones.

    Every answerable alert of the new snapshot not recorded yet is recorded as
    raised at the import's arrival time (``diterima``: the submission's, so a
    back-filled file dates its alerts when the report arrived); then
    :func:`notify.mail.notify_new_alerts`. The import is saved already:
    nothing here fails it (a problem is logged and returned under ``error``).

    Returns ``{"baru": number of alerts recorded now, "surel": {queued, sent, failed, error}, "error"}``.
    """
    import logging

    from notify.mail import notify_new_alerts
    from opsdb import responses, submissions
    from surveillance import read_alerts, read_clusters
    from surveillance.response import alert_table
    from workspace.store import PinnedWorkspace

    say = progress or (lambda m: None)
    result = {"baru": 0, "surel": None, "error": None}
    try:
        snapshot = PinnedWorkspace(workspace.root, outcome.snapshot_after)
        table = alert_table(read_alerts(snapshot), read_clusters(snapshot, all_weeks=True))
        raised_at = submissions.get(db, outcome.submission_id).diterima
        new_ids = responses.register_alerts(db, table, raised_at, submission_id=outcome.submission_id)
    except Exception as exc:  # noqa: BLE001 - the cases are saved; their alerts are recorded when first acted on
        logging.getLogger("pws.respon").warning("alerts of import %s not recorded: %s", outcome.submission_id, exc,
                                                exc_info=True)
        result["error"] = f"{type(exc).__name__}: {exc}"
        return result
    result["baru"] = len(new_ids)
    new = table[table["id"].isin(set(new_ids))]
    result["surel"] = notify_new_alerts(snapshot, db, new, weeks=outcome.periods or None, say=say)
    return result


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
        reason = rollback_refusal(workspace, snapshot_id)
        if reason == "snapshot_sudah_aktif":
            raise PwsError(reason, snapshot=snapshot_id)
        if reason is not None:
            raise PwsError(reason, snapshot=repr(snapshot_id), path=workspace.root,
                           kept=", ".join(workspace.snapshots()) or "-")
        after = workspace.rollback(snapshot_id)
    except PwsError as exc:
        submissions.record(db, status="gagal", message=to_stored(exc.message, limit=1000),
                           snapshot_after=workspace.snapshot_id, **common)
        raise
    sid = submissions.record(db, status="ok", snapshot_after=after, **common)
    audit.record(db, "impor", username, None, {"what": "rollback", "snapshot": after, "ke": snapshot_id,
                                                "sebelumnya": before})
    return {"submission": sid, "rollback_ke": snapshot_id, "snapshot_before": before, "snapshot_after": after}


def rollback_refusal(workspace, snapshot_id: str) -> str | None:
    """Why the workspace cannot be rolled back to ``snapshot_id``: the error key ``snapshot_tidak_disimpan``
    (not one of the kept snapshots: gone, unknown, or not a snapshot name at all) or ``snapshot_sudah_aktif``
    (the live one); ``None`` when it can. The upload page and the ``rollback`` command ask it alike."""
    if snapshot_id not in workspace.snapshots():
        return "snapshot_tidak_disimpan"
    if snapshot_id == workspace.snapshot_id:
        return "snapshot_sudah_aktif"
    return None


def kept_snapshots(workspace, rows: list) -> list[dict]:
    """The snapshots still kept, newest first: ``{"id", "live", "dibuat"}``, ``dibuat`` the saved submission
    (of ``rows``, :func:`opsdb.submissions.history`) that made it, or ``None`` (the demo, an import before the
    history was kept)."""
    made = {}
    for r in rows:
        if r.status == "ok" and not r.check_only and r.snapshot_after and r.snapshot_after != r.snapshot_before:
            made.setdefault(r.snapshot_after, r)
    live = workspace.snapshot_id
    return [{"id": sid, "live": sid == live, "dibuat": made.get(sid)} for sid in reversed(workspace.snapshots())]


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _units_and_pairs(workspace, desa_periode: dict[str, list[str]]) -> tuple[list[str], list[list[str]]]:
    """The reporting units (puskesmas of the wilayah kerja table, else kecamatan) of the imported desa, and the
    ``[unit, periode]`` pairs the rows hold (``desa_periode``: periode -> desa), both sorted.

    A desa outside every wilayah kerja reports for no unit (as before: it is nobody's report).
    """
    from puskesmas.table import WILAYAH_KERJA_FILE

    desa = {str(k) for codes in desa_periode.values() for k in codes}
    if not desa:
        return [], []
    if workspace.has(WILAYAH_KERJA_FILE):
        table = workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
        table = table.loc[table["kode_desa"].astype(str).isin(desa)]
        unit_of = dict(zip(table["kode_desa"].astype(str), table["kode_puskesmas"].astype(str)))
    else:
        unit_of = {k: k.rsplit(".", 1)[0] for k in desa}
    pairs = {(unit_of[k], str(p)) for p, codes in desa_periode.items() for k in map(str, codes) if k in unit_of}
    return sorted({u for u, _ in pairs}), [list(pair) for pair in sorted(pairs)]


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

    report = import_facilities(ws, path, check=check)
    return Outcome("posyandu", check, report, rows_read=report["rows"], rows_imported=report["imported"],
                   rows_rejected=report["rows"] - report["imported"])


def _puskesmas(ws, path, check, desa, progress, options) -> Outcome:
    from puskesmas import import_puskesmas

    report = import_puskesmas(ws, path, check=check)
    rejected = {p["row"] for key in ("missing_puskesmas", "invalid_puskesmas_code", "invalid_desa_code", "unknown_desa")
                for p in report[key]}
    rejected |= {r["row"] for c in report["claimed_twice"] for r in c["rows"]}
    rejected |= {b for c in report["crossing_kabupaten"] for b in c["rows"]}
    return Outcome("puskesmas", check, report, rows_read=report["rows"], rows_imported=report["desa_assigned"],
                   rows_rejected=len(rejected))


def _targets(ws, path, check, desa, progress, options) -> Outcome:
    from indicators.catalogue import check_targets, import_targets

    if check:
        report = check_targets(ws, path)
        bad = len({p["row"] for p in report["problems"]})
        return Outcome("targets", check, report, rows_read=report["rows"], rows_imported=len(report["new"]),
                       rows_rejected=bad)
    before = len(check_targets(ws, path)["new"])  # the file's rows, as the check counted them
    merged = import_targets(ws, path)
    return Outcome("targets", check, {"target": len(merged), "rows": merged.to_dict(orient="records")},
                   rows_read=before, rows_imported=before, rows_rejected=0)


def _boundaries(ws, path, check, desa, progress, options) -> Outcome:
    from geo.importer import check_boundaries, import_boundaries

    if check:
        report = check_boundaries(path, progress=progress, **options)
    else:
        report = import_boundaries(path, ws.root, progress=progress, **options)  # makes the workspace when absent
    return Outcome("boundaries", check, report, rows_read=report.get("features"), rows_imported=report.get("kept"),
                   rows_rejected=(report["features"] - report["kept"]) if "features" in report else None)


_IMPORTERS = {"indicators": _indicators, "cases": _cases, "posyandu": _posyandu, "puskesmas": _puskesmas,
              "targets": _targets, "boundaries": _boundaries}

"""``python app.py audit [--since DATE] [--json]``: the audit log; and the audit of every import."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from commands import add_workspace_option, print_json
from errors import PwsError
from texts.cli import ID as WORDS
from texts.cli import say


def register(commands, imports) -> None:
    p = commands.add_parser("audit", help="show the audit log (logins, exports, imports, account changes, alert steps taken or refused)")
    p.add_argument("--since", metavar="DATE", help="from this date or time on (UTC), e.g. 2026-12-01 or 2026-12-01T08:00")
    p.add_argument("--json", action="store_true", help="print the events as one JSON object")
    add_workspace_option(p)
    p.set_defaults(handler=_show)


def parse_since(text: str | None) -> datetime | None:
    """A ``--since`` value as a UTC time.

    >>> parse_since("2026-12-01")
    datetime.datetime(2026, 12, 1, 0, 0, tzinfo=datetime.timezone.utc)
    """
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise PwsError("bukan_tanggal", opsi="--since", nilai=repr(text)) from exc
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _show(args) -> int:
    from opsdb import OpsDb, audit

    found = audit.events(OpsDb.for_workspace(Path(args.workspace)), since=parse_since(args.since))
    if args.json:
        print_json({"events": [e.as_dict() for e in found]}, args.lang)
        return 0
    for e in found:
        detail = " ".join(f"{k}={v}" for k, v in (e.detail or {}).items())
        kind = say("audit_jenis_" + e.kind, args.lang) if "audit_jenis_" + e.kind in WORDS else e.kind
        print(f"{e.at:%Y-%m-%d %H:%M:%S}Z  {kind:<14} {e.username or '-':<20} {e.address or '-':<15} {detail}")
    if not found:
        print(say("audit_kosong_sejak", args.lang, sejak=args.since) if args.since else say("audit_kosong", args.lang))
    return 0


def record_import(args, status: int) -> None:
    """Audit an ``import`` run, whatever it imported (called by :func:`commands.main`)."""
    import sys

    from commands import cli_sender
    from opsdb import OpsDb, audit
    from workspace.store import Workspace

    detail = {"what": args.what, "file": str(getattr(args, "file", "") or ""), "status": status,
              "snapshot": Workspace(args.workspace).snapshot_id}
    if getattr(args, "check", False):
        detail["check"] = True  # read and judged only: nothing was written
    try:
        audit.record(OpsDb.for_workspace(Path(args.workspace)), "impor", cli_sender(args), None, detail)
    except Exception as exc:  # noqa: BLE001 - the import itself succeeded or failed already; say so, do not hide it
        print(say("audit_gagal", getattr(args, "lang", "id"), sebab=exc), file=sys.stderr)

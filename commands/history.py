"""The submission history and the admin's rollback.

* ``python app.py history [--workspace DIR] [--wilayah CODE] [--json]``
* ``python app.py rollback SNAPSHOT [--workspace DIR] [--user NAME] [--json]``
"""

from __future__ import annotations

from pathlib import Path

from commands import add_workspace_option, cli_sender, print_json


def register(commands, imports) -> None:
    """Add ``history`` and ``rollback``."""
    p = commands.add_parser("history", help="the submission history: every import, from the command line or the upload page")
    p.add_argument("--wilayah", metavar="CODE", default=None,
                   help="only submissions for this wilayah (a kode_puskesmas or an area code)")
    p.add_argument("--tanpa-periksa", dest="no_checks", action="store_true", help="leave out checks (nothing written)")
    add_workspace_option(p)
    p.add_argument("--json", action="store_true", help="print the submissions and the kept snapshots as JSON")
    p.set_defaults(handler=_history)

    r = commands.add_parser("rollback", help="make an earlier snapshot's data live again (a new snapshot; recorded)",
                            description="Rolls the workspace back to a snapshot still kept (see 'history'): a new "
                            "snapshot with that one's files, committed like an import, recorded in the history.")
    r.add_argument("snapshot", metavar="SNAPSHOT", help="the snapshot id (see 'python app.py history')")
    r.add_argument("--user", default=None, metavar="NAME", help="who rolls back (default: $PWS_USER, else cli:<OS user>)")
    add_workspace_option(r)
    r.add_argument("--json", action="store_true", help="print the result as JSON")
    r.set_defaults(handler=_rollback)


def _history(args) -> int:
    from opsdb import OpsDb, submissions
    from workspace import Workspace

    ws = Workspace(args.workspace)
    found = submissions.history(OpsDb.for_workspace(Path(args.workspace)),
                                wilayah=[args.wilayah] if args.wilayah else None, include_checks=not args.no_checks)
    kept = ws.snapshots()
    from commands.report import say
    from texts.message import message_text

    if args.json:
        rows = [{**s.as_dict(), "message": message_text(s.message, args.lang)} for s in found]
        print_json({"submissions": rows, "kept": kept, "live": ws.snapshot_id}, args.lang)
        return 0

    lang = getattr(args, "lang", "id")
    for s in found:
        counts = "" if s.rows_read is None and s.rows_imported is None else (
            say("kiriman_hitung", lang, read=_n(s.rows_read), imported=_n(s.rows_imported), rejected=_n(s.rows_rejected))
            + (say("kiriman_luar", lang, n=s.rows_outside) if s.rows_outside else ""))
        what = say("kiriman_periksa", lang) if s.check_only else _word("kiriman_jenis_", s.kind, lang)
        print(f"#{s.id:<5} {s.at:%Y-%m-%d %H:%M}Z {s.channel:<3} {s.username or '-':<18} {what:<11} "
              f"{_word('kiriman_status_', s.status, lang):<5} "
              f"{s.file_name or '-'}{counts}; snapshot {s.snapshot_before or '-'} → {s.snapshot_after or '-'}"
              + (f"; {message_text(s.message, lang)}" if s.message else ""))
    if not found:
        print(say("kiriman_kosong", lang))
    print(say("kiriman_snapshot", lang, kept=", ".join(kept) or "-", live=ws.snapshot_id or "-"))
    return 0


def _n(value) -> str:
    return "-" if value is None else str(value)


def _word(prefix: str, value: str, lang: str) -> str:
    """A kind or status in ``lang`` (texts.cli ``prefix + value``); one with no words yet as it is stored."""
    from texts.cli import STRINGS, say

    key = prefix + value
    return say(key, lang) if key in STRINGS["id"] else value


def _rollback(args) -> int:
    from commands.report import say
    from uploads.run import rollback
    from workspace import Workspace

    outcome = rollback(Workspace(args.workspace), args.snapshot, username=cli_sender(args), channel="cli")
    if args.json:
        print_json(outcome, args.lang)
    else:
        print(say("rollback_selesai", getattr(args, "lang", "id"), path=args.workspace, ke=args.snapshot,
                  after=outcome["snapshot_after"], before=outcome["snapshot_before"]))
    return 0


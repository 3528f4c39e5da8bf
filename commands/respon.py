"""``python app.py alert-status ID STATUS --user NAME`` and ``python app.py notify --retry``: answering alerts.

``alert-status`` takes one step on an alert as an account, through the same
door and permission rule as the page (:func:`mapdata.responses.act`);
``notify`` sends (again) the alert e-mails waiting in the outbox.
"""

from __future__ import annotations

from pathlib import Path

from commands import add_workspace_option, print_json


def register(commands, imports) -> None:
    """Add ``alert-status`` and ``notify``."""
    from surveillance.response import HASIL, STATES, VERDICTS

    p = commands.add_parser(
        "alert-status",
        help="take a step on an alert (verify, respond, close) as an account",
        description="Record the next step of an alert: diverifikasi (with --verdict benar: a real rise, or salah: "
        "a data error), respon (penyelidikan epidemiologi started), selesai (with --hasil klb or bukan_klb). "
        "The puskesmas of the desa, the dinas of its kabupaten and the admin may act; nobody else. "
        "'python app.py alerts --json' lists the ids.",
    )
    p.add_argument("id", metavar="ID", help="the alert's id, e.g. desa:2026-W47:diare_akut:29.01.06.2004, or the "
                   "a… digest an alert e-mail gives")
    p.add_argument("status", metavar="STATUS", help=f"the new state: {', '.join(STATES[1:])}")
    p.add_argument("--user", required=True, metavar="USERNAME", help="the account taking the step")
    p.add_argument("--verdict", choices=VERDICTS, default=None, help="with diverifikasi: benar (a real rise) or salah")
    p.add_argument("--hasil", choices=HASIL, default=None, help="with selesai: klb or bukan_klb")
    p.add_argument("--note", metavar="TEXT", default=None, help="a note kept with the step")
    p.add_argument("--json", action="store_true", help="print the step as one JSON object")
    add_workspace_option(p)
    p.set_defaults(handler=_alert_status)

    n = commands.add_parser(
        "notify",
        help="send the alert e-mails waiting in the outbox (or list them)",
        description="Alert e-mails are written after a case import raises a new high-severity alert or a new "
        "signalling cluster, and sent at once; one that could not be sent waits in the outbox and is tried "
        "again after the next import, or now with --retry.",
    )
    n.add_argument("--retry", action="store_true", help="send every waiting message now")
    n.add_argument("--json", action="store_true", help="print the result (or the outbox) as one JSON object")
    add_workspace_option(n)
    n.set_defaults(handler=_notify)


def _alert_status(args) -> int:
    from commands.report import say
    from mapdata.responses import act, actor_of
    from mapdata.store import load_mapdata
    from opsdb import OpsDb
    from texts import t
    from workspace.store import Workspace

    db = OpsDb.for_workspace(Path(args.workspace))
    actor = actor_of(db, args.user, args.lang)
    md = load_mapdata(Workspace(Path(args.workspace)))
    step = act(md, db, actor, args.id, args.status, verdict=args.verdict, hasil=args.hasil, note=args.note,
               lang=args.lang)
    if args.json:
        print_json({**step, "waktu": step["waktu"].isoformat()})
        return 0
    rincian = ""
    if step["verdict"]:
        rincian = say("respon_putusan", args.lang, putusan=t(f"putusan_{step['verdict']}", args.lang))
    if step["hasil"]:
        rincian += say("respon_hasil", args.lang, hasil=t(f"hasil_{step['hasil']}", args.lang))
    print(say("respon_dicatat", args.lang, id=step["alert_id"], status=t(f"status_{step['status']}", args.lang),
              rincian=rincian, username=step["username"], waktu=f"{step['waktu']:%Y-%m-%d %H:%M} UTC"))
    return 0


def _notify(args) -> int:
    from commands.report import say
    from notify.mail import SmtpSettings, outbox, pending, send_pending
    from opsdb import OpsDb

    db = OpsDb.for_workspace(Path(args.workspace))
    if not args.retry:
        rows = outbox(db)
        if args.json:
            print_json({"outbox": rows})
            return 0
        for r in rows:
            state = (say("surel_terkirim", args.lang, waktu=r["sent"]) if r["sent"]
                     else say("surel_menunggu", args.lang, n=r["attempts"], galat=r["last_error"] or "-"))
            print(f"{r['id']:>5}  {r['created'][:16]}  {r['recipient']:<32} {state}")
        if not rows:
            print(say("surel_kosong", args.lang))
        return 0
    smtp = SmtpSettings.from_settings()
    if not smtp.enabled:
        if args.json:
            print_json({"sent": 0, "failed": 0, "waiting": len(pending(db)), "error": "smtp not configured"})
        else:
            print(say("surel_mati", args.lang))
        return 1
    result = send_pending(db, smtp)
    waiting = len(pending(db))
    if args.json:
        print_json({**result, "waiting": waiting})
    else:
        print(say("surel_kirim", args.lang, sent=result["sent"], failed=result["failed"], waiting=waiting))
    return 0 if not result["failed"] else 1

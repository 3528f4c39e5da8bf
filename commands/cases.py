"""``python app.py import cases FILE`` and ``python app.py alerts``: weekly cases and early warning."""

from __future__ import annotations

import sys

from commands import add_workspace_option, print_json


def register(commands, imports) -> None:
    """Add ``import cases`` and ``alerts``."""
    p = imports.add_parser(
        "cases",
        help="import weekly case counts (CSV/.xlsx: minggu, tempat, penyakit, jumlah) and compute alerts",
        description="Import weekly case counts per desa or posyandu and precompute alerts, "
        "space-time clusters and completeness in the same workspace snapshot.",
    )
    p.add_argument("file", metavar="FILE",
                   help="CSV or .xlsx with columns minggu, tempat, penyakit, jumlah; or an SKDR W2 workbook (.xlsx)")
    add_workspace_option(p)
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.add_argument("--minggu-skdr", dest="skdr", action="store_true",
                   help="dates are SKDR report days (Sunday–Saturday weeks) instead of ISO Monday–Sunday")
    p.add_argument("--ambang", metavar="CSV", default=None,
                   help="the kabupaten's SKDR rules (columns as data/skdr_ambang.csv); default: the shipped rules")
    p.add_argument("--ganti", dest="replace", action="store_true",
                   help="replace all earlier case data instead of merging by place and week")
    p.add_argument("--wilayah", metavar="CODE", default=None,
                   help="W2 form: look desa names up in this wilayah (a kode_puskesmas, or a kecamatan/kabupaten code)")
    p.add_argument("--minggu", metavar="YYYY-Www", default=None,
                   help="W2 form: the week, for sheets whose header gives none")
    p.add_argument("--check", action="store_true", help="report only: read and judge every row, write nothing")
    p.set_defaults(handler=_import_cases)

    a = commands.add_parser("alerts", help="list early-warning alerts, newest first")
    add_workspace_option(a)
    a.add_argument("--week", metavar="W", default=None, help="only this ISO week, e.g. 2026-W40")
    a.add_argument("--json", action="store_true", help="print the alerts as JSON")
    a.set_defaults(handler=_alerts)


def _import_cases(args) -> int:
    from commands import run_cli_import
    from commands.report import say
    from texts.message import in_lang

    report = run_cli_import(args, "cases", {"convention": "skdr" if args.skdr else "iso", "replace": args.replace,
                                            "rules_file": args.ambang, "wilayah": args.wilayah,
                                            "minggu": _week_option(args.minggu)}, check=args.check).report
    lang = args.lang
    if args.json:
        print_json(report, lang)
        return 0
    print(say("kasus_ringkas", lang, file=report["file"], rows_read=report["rows_read"], matched=report["matched"],
              unmatched=report["unmatched"], rejected=report["rejected"]))
    if report["weeks"]:
        print(say("kasus_minggu", lang, dari=report["weeks"][0], sampai=report["weeks"][1], desa=report["desa"]))
    for sheet in report.get("w2", []):
        print(say("w2_lembar", lang, lembar=repr(sheet["sheet"]), minggu=sheet["minggu"] or "?",
                  puskesmas=sheet["puskesmas"] or "?", wilayah=sheet["wilayah"] or "?", n=len(sheet["penyakit"]))
              + (say("w2_dilewati", lang, kolom=", ".join(sheet["kolom_dilewati"])) if sheet["kolom_dilewati"] else "")
              + "".join(f"; {in_lang(note, lang)}" for note in sheet["catatan"]))
    if report.get("lembar_dilewati"):
        print(say("w2_lembar_dilewati", lang, lembar=", ".join(report["lembar_dilewati"])))
    for problem in report["problems"][:50]:
        print(say("baris", lang, row=problem["row"], reason=problem["reason"]))
    if len(report["problems"]) > 50:
        print(say("lagi", lang, n=len(report["problems"]) - 50))
    if args.check:
        print(say("hanya_periksa", lang))
    else:
        print(say("kasus_peringatan", lang, alerts=report["alerts"], clusters=report["clusters"]))
        respon = report.get("respon") or {}
        if respon.get("baru") is not None:
            surel = respon.get("surel") or {}
            print(say("kasus_respon", lang, baru=respon["baru"])
                  + (say("kasus_surel", lang, queued=surel["queued"], sent=surel["sent"], failed=surel["failed"])
                     if surel.get("queued") or surel.get("sent") or surel.get("failed") else "") + ".")
    return 0


def _week_option(text: str | None) -> str | None:
    from errors import PwsError
    from surveillance.weeks import parse_week

    if text is None:
        return None
    week = parse_week(text)
    if week is None:
        raise PwsError("bukan_minggu_iso", opsi="--minggu", nilai=repr(text))
    return week


def _alerts(args) -> int:
    """The alerts (one row per method), each with the id of the alert it is answered in and that alert's state."""
    import pandas as pd

    from commands.report import json_records, say
    from mapdata.responses import with_states
    from opsdb import OpsDb
    from surveillance.api import read_alerts, read_clusters
    from surveillance.response import alert_table, row_alert_ids
    from texts import t

    alerts = read_alerts(args.workspace, args.week)
    table = alert_table(read_alerts(args.workspace), read_clusters(args.workspace, all_weeks=True))
    if args.week is not None:
        table = table[table["minggu"].isin(set(alerts["minggu"]))]
    states = with_states(table, OpsDb.for_workspace(args.workspace)) if len(table) else None
    alerts["id"] = row_alert_ids(alerts, table)
    state_cols = ["status", "verdict", "hasil", "oleh", "waktu_status"]
    if states is not None:
        alerts = alerts.merge(states[["id", *state_cols]], on="id", how="left")
    else:
        alerts = alerts.assign(**{c: None for c in state_cols})
    alerts["status"] = alerts["status"].astype(object).where(alerts["status"].notna(), "baru")
    if args.json:
        def iso(values) -> list:
            return [None if v is None or pd.isna(v) else pd.Timestamp(v).isoformat() for v in values]

        plain = alerts.drop(columns=["score"]).assign(waktu_status=lambda f: iso(f["waktu_status"]))
        answerable = [] if states is None else json_records(states.drop(columns=["umur_jam"]).assign(
            **{c: iso(states[c]) for c in ("raised_at", "waktu_status", "diverifikasi_pada")}))
        print_json({"alerts": json_records(plain), "respon": answerable})
        return 0
    from surveillance.catalogue import disease_name

    lang = args.lang
    if alerts.empty:
        print(say("tanpa_peringatan", lang) + (say("pada_minggu", lang, minggu=args.week) if args.week else ""))
        return 0
    for r in alerts.itertuples(index=False):
        expected = "" if r.expected != r.expected else say("harapan", lang, n=f"{r.expected:.1f}")
        where = (say("di_wilayah", lang, wilayah=r.wilayah_aturan, kode=r.kode_wilayah_aturan)
                 if r.wilayah_aturan in ("puskesmas", "kecamatan") else "")
        print(say("peringatan", lang, minggu=r.minggu, tingkat=f"{say('keparahan_' + r.severity, lang):<6}",
                  desa=r.nama_desa or r.kode_desa, kode=r.kode_desa, kec=r.nama_kecamatan or r.kode_kecamatan,
                  penyakit=disease_name(r.penyakit, lang), n=f"{r.observed:g}", harapan=expected,
                  metode=f"{r.method}{where}", status=t(f"status_{r.status}", lang), id=r.id or ""))
    return 0

"""``python app.py brief --wilayah CODE``: the weekly brief (Ringkasan mingguan PWS) as text, JSON or A4 PDF."""

from __future__ import annotations

from pathlib import Path

from commands import add_workspace_option, print_json


def register(commands, imports) -> None:
    """Add ``brief``."""
    p = commands.add_parser(
        "brief",
        help="the weekly PWS brief of a kabupaten/kota, kecamatan or puskesmas",
        description="Ringkasan mingguan PWS: new alerts and clusters, verification within 24 hours, report "
        "completeness, indicators where most desa are behind target, the desa to visit first.",
    )
    p.add_argument("--wilayah", required=True, metavar="CODE",
                   help="kabupaten/kota or kecamatan code (29.01, 29.01.02) or a kode_puskesmas")
    p.add_argument("--week", metavar="W", default=None, help="ISO week, e.g. 2026-W40 (default: the latest week of the cases)")
    p.add_argument("--pdf", metavar="FILE", default=None, help="also write the brief as an A4 PDF")
    p.add_argument("--json", action="store_true", help="print the brief as one JSON object")
    p.add_argument("--diterima", metavar="FILE", default=None,
                   help="report arrivals (CSV/.xlsx: wilayah, jenis, periode, diterima), as 'python app.py reports' "
                   "reads them, instead of the submission history's (default)")
    p.add_argument("--bahasa", choices=("id", "en"), default=None,
                   help="language of the brief (default: the run's, --lang or PWS_LANG, else id)")
    add_workspace_option(p)
    p.set_defaults(handler=_brief)


def _brief(args) -> int:
    from mapdata.brief import build_brief, sections, title
    from mapdata.store import MapDataCache
    from opsdb import OpsDb

    lang = args.bahasa or args.lang
    db = OpsDb.for_workspace(Path(args.workspace))
    # the submission history's arrivals through the same door as the page's (MapData.report_arrivals)
    md = MapDataCache(ops=lambda: db).get(args.workspace)
    arrivals = _arrivals(args.diterima) if args.diterima else md.report_arrivals()
    brief = build_brief(md, args.wilayah, args.week, lang=lang, arrivals=arrivals, responses=_responses(md, db, args))
    if args.pdf:
        from mapdata.brief_pdf import brief_pdf

        Path(args.pdf).write_bytes(brief_pdf(md, brief, lang, db))
    if args.json:
        print_json(brief, lang)
        return 0
    print(title(brief, lang))
    for section in sections(brief, lang):
        print(f"\n== {section['judul']} ==")
        for line in section["kalimat"]:
            print(line)
        if section["tabel"]:
            print("  " + " | ".join(section["tabel"]["kolom"]))
            for row in section["tabel"]["baris"]:
                print("  " + " | ".join(str(c) for c in row))
    if args.pdf:
        print(f"\nPDF: {args.pdf}")
    return 0


def _responses(md, db, args) -> dict:
    """The recorded responses to the brief week's alerts: their states and the 24-hour share."""
    from mapdata.responses import responses
    from surveillance.weeks import parse_week

    week = (parse_week(args.week) if args.week else None) or md.latest_week()
    return responses(md, db, week=week)


def _arrivals(path: str):
    """The arrivals table of ``--diterima`` (column names as the reports command reads them)."""
    from tabular import read_table_file

    frame, _ = read_table_file(path)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame

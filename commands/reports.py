"""Report templates and reporting completeness.

* ``python app.py template indikator --wilayah CODE --periode YYYY-MM -o FILE [--workspace DIR]``
* ``python app.py template w2 --wilayah CODE --minggu YYYY-Www -o FILE [--workspace DIR]``
"""

from __future__ import annotations

from commands import add_workspace_option, print_json
from errors import PwsError


def register(commands, imports) -> None:
    """Add ``template``."""
    p = commands.add_parser("template", help="write an .xlsx report template for a puskesmas or area (indikator, w2)",
                            description="A template with the wilayah's desa filled in; filled in, it imports with "
                            "'import indicators' or 'import cases' and no mapping file.")
    p.add_argument("jenis", choices=["indikator", "w2"], help="indikator: the monthly ILP recap; w2: SKDR's weekly form")
    p.add_argument("--wilayah", required=True, metavar="CODE",
                   help="a kode_puskesmas of the wilayah kerja table, or an area code (kecamatan, kabupaten)")
    p.add_argument("--periode", metavar="YYYY-MM", default=None, help="the month (indikator)")
    p.add_argument("--minggu", metavar="YYYY-Www", default=None, help="the ISO week (w2)")
    p.add_argument("--indikator", metavar="ID", action="append", default=None,
                   help="only these indicators (repeatable; default: the whole catalogue)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .xlsx to write")
    add_workspace_option(p)
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(handler=_template)


def _template(args) -> int:
    from reports.templates import indicator_template, w2_template
    from workspace import Workspace

    ws = Workspace(args.workspace)
    if not ws.has("boundaries/desa.parquet"):
        raise PwsError(f"Workspace {args.workspace} has no desa boundaries: import boundaries first.")
    if args.jenis == "indikator":
        if not args.periode:
            raise PwsError("template indikator needs --periode YYYY-MM (the month of the report).")
        path = indicator_template(ws, args.wilayah, args.periode, args.output, indikator=args.indikator)
    else:
        if not args.minggu:
            raise PwsError("template w2 needs --minggu YYYY-Www (the ISO week of the report, e.g. 2026-W40).")
        path = w2_template(ws, args.wilayah, args.minggu, args.output)
    if args.json:
        print_json({"file": str(path), "jenis": args.jenis, "wilayah": args.wilayah})
    else:
        print(f"Templat {args.jenis} untuk {args.wilayah} ditulis ke {path}.")
    return 0

"""``python app.py import puskesmas FILE``: which desa each puskesmas serves (its wilayah kerja)."""

from __future__ import annotations

from commands import add_workspace_option, print_json
from texts.cli import say

def register(commands, imports) -> None:
    """Add ``import puskesmas``."""
    parser = imports.add_parser(
        "puskesmas",
        help="import the puskesmas wilayah kerja (CSV, .xlsx): one row per desa",
        description="Import which desa each puskesmas serves: columns kode_puskesmas, nama_puskesmas, kode_desa, "
        "optional lat/lon of the building. A desa claimed by two puskesmas goes to neither; the file replaces "
        "any earlier wilayah kerja.",
    )
    parser.add_argument("file", metavar="FILE", help="CSV or .xlsx file")
    add_workspace_option(parser)
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(handler=run)


def run(args) -> int:
    """Import the file and print the report."""
    from commands import run_cli_import
    from uploads.problems import problem_rows

    report = run_cli_import(args, "puskesmas").report
    lang = args.lang
    if args.json:
        print_json(report, lang)
        return 0
    print(say("pkm_ringkas", lang, file=report["file"], rows=report["rows"], puskesmas=report["puskesmas"],
              assigned=report["desa_assigned"], total=report["desa_total"]))
    for row in problem_rows("puskesmas", report, lang):  # the upload page lists the same rows, in the same words
        print(say("pkm_baris", lang, row=row["baris"], what=row["alasan"]))
    for p in report["crossing_kecamatan"]:
        print(say("pkm_crossing_kecamatan", lang, kode=p["kode_puskesmas"], nama=p["nama_puskesmas"],
                  kecamatan=", ".join(p["kecamatan"])))
    for p in report["other_names"]:
        print(say("pkm_other_names", lang, kode=p["kode_puskesmas"], also=", ".join(p["also"]), nama=repr(p["nama_puskesmas"])))
    for p in report["other_coordinates"]:
        print(say("pkm_other_coordinates", lang, kode=p["kode_puskesmas"], rows=", ".join(map(str, p["rows"])),
                  lat=p["lat"], lon=p["lon"]))
    without = report["without_puskesmas"]
    if without:
        listed = ", ".join(f"{d['kode']} {d['nama']}" for d in without[:20])
        print(say("pkm_tanpa_puskesmas", lang, n=len(without), daftar=listed + (" …" if len(without) > 20 else "")))
    return 0

"""``python app.py import posyandu FILE``: posyandu, pustu and puskesmas as points in their desa."""

from __future__ import annotations

from commands import add_workspace_option, print_json
from texts.cli import say


def register(commands, imports) -> None:
    """Add ``import posyandu``."""
    parser = imports.add_parser(
        "posyandu",
        help="import posyandu, pustu and puskesmas points (CSV, .xlsx, GeoJSON)",
        description="Import facility points: columns id, nama, jenis (posyandu/pustu/puskesmas), lat, lon "
        "(or GeoJSON points), optional kode_desa, ilp_aktif, lapor_bulan_ini. Each point is placed in the desa "
        "that contains it; the file replaces the workspace's facilities of the kinds it holds.",
    )
    parser.add_argument("file", metavar="FILE", help="CSV, .xlsx or GeoJSON file")
    add_workspace_option(parser)
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.set_defaults(handler=run)


def run(args) -> int:
    """Import the file and print the report."""
    from commands import run_cli_import
    from uploads.problems import problem_rows

    report = run_cli_import(args, "posyandu").report
    lang = args.lang
    if args.json:
        print_json(report, lang)
        return 0
    kinds = ", ".join(f"{n} {j}" for j, n in report["by_jenis"].items())
    print(say("fasilitas_ringkas", lang, file=report["file"], rows=report["rows"], imported=report["imported"], kinds=kinds))
    for row in problem_rows("posyandu", report, lang):  # the upload page lists the same rows, in the same words
        print(say("fasilitas_baris", lang, row=row["baris"], what=row["alasan"], id=f" ({row['kode']})" if row["kode"] else ""))
    moved, gone = report["kasus"]["moved"], report["kasus"]["gone"]
    if moved or gone:
        print(say("fasilitas_kasus_lama", lang, moved=len(moved), gone=len(gone)))
        for item in moved[:10]:
            print(say("fasilitas_kasus_pindah", lang, **item))
        for item in gone[:10]:
            print(say("fasilitas_kasus_hilang", lang, **item))
    return 0

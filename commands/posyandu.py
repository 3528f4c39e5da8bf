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
    from facilities.importer import PROBLEMS

    report = run_cli_import(args, "posyandu").report
    lang = args.lang
    if args.json:
        print_json(report, lang)
        return 0
    kinds = ", ".join(f"{n} {j}" for j, n in report["by_jenis"].items())
    print(say("fasilitas_ringkas", lang, file=report["file"], rows=report["rows"], imported=report["imported"], kinds=kinds))
    for key in PROBLEMS:
        for problem in report[key]:
            print(say("fasilitas_baris", lang, row=problem["row"], what=_describe(key, problem, lang),
                      id=f" ({problem['id']})" if problem.get("id") else ""))
    moved, gone = report["kasus"]["moved"], report["kasus"]["gone"]
    if moved or gone:
        print(say("fasilitas_kasus_lama", lang, moved=len(moved), gone=len(gone)))
        for item in moved[:10]:
            print(say("fasilitas_kasus_pindah", lang, **item))
        for item in gone[:10]:
            print(say("fasilitas_kasus_hilang", lang, **item))
    return 0


def _describe(key: str, problem: dict, lang: str) -> str:
    """One problem row of the facility report, in ``lang`` (texts.cli ``fasilitas_<key>``)."""
    problem = {k: "-" if v is None else v for k, v in problem.items()}  # an empty cell
    if key == "desa_mismatch":
        problem = {**problem, "catatan": "" if problem["file_code_exists"] else say("fasilitas_bukan_di_workspace", lang)}
    return say("fasilitas_" + key, lang, **problem)

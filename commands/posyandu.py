"""``python app.py import posyandu FILE``: posyandu, pustu and puskesmas as points in their desa."""

from __future__ import annotations

from commands import add_workspace_option, print_json

_DESCRIBE = {
    "bad_coordinates": lambda p: f"{p['problem']} (lat {p['lat']}, lon {p['lon']}): not imported",
    "swapped_coordinates": lambda p: f"latitude and longitude swapped (lat {p['lat']}, lon {p['lon']}): swapped back and imported",
    "outside_desa": lambda p: f"point ({p['lat']}, {p['lon']}) is outside every desa, {p['distance_m']} m from {p['nearest_desa']}: not imported",
    "desa_mismatch": lambda p: f"declared desa {p['kode_desa_file']}{'' if p['file_code_exists'] else ' (not in the workspace)'}, but the point lies in {p['kode_desa']}: placed in {p['kode_desa']}",
    "invalid_desa_code": lambda p: f"desa code {p['kode_desa']!r} is not a Kemendagri desa code: placed by its coordinates",
    "missing_id": lambda p: "no id: not imported",
    "duplicate_id": lambda p: f"id {p['id']} repeats row {p['first_row']}: not imported",
    "unknown_jenis": lambda p: f"unknown jenis {p['jenis']!r} (posyandu, pustu or puskesmas): not imported",
    "unknown_status": lambda p: f"{p['column']} {p['value']!r} not understood (ya/tidak): taken as tidak",
}


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
    from facilities import import_facilities
    from facilities.importer import PROBLEMS
    from workspace.store import Workspace

    report = import_facilities(Workspace(args.workspace), args.file)
    if args.json:
        print_json(report)
        return 0
    kinds = ", ".join(f"{n} {j}" for j, n in report["by_jenis"].items())
    from commands.report import say

    print(say("fasilitas_ringkas", args.lang, file=report["file"], rows=report["rows"], imported=report["imported"], kinds=kinds))
    for key in PROBLEMS:
        for problem in report[key]:
            print(say("fasilitas_baris", args.lang, row=problem["row"], what=_DESCRIBE[key](problem),
                      id=f" ({problem['id']})" if problem.get("id") else ""))
    moved, gone = report["kasus"]["moved"], report["kasus"]["gone"]
    if moved or gone:
        print(f"Earlier case reports: {len(moved)} place(s) now lie in another desa and {len(gone)} are no longer "
              "listed; their cases still count in the desa they were imported for. To re-attribute them, "
              "import the case files again with 'python app.py import cases FILE --ganti'.")
        for item in moved[:10]:
            print(f"  {item['id']}: {item['rows']} case rows counted in {item['dari']}, the place is now in {item['ke']}")
        for item in gone[:10]:
            print(f"  {item['id']}: {item['rows']} case rows, the place is not in this list")
    return 0

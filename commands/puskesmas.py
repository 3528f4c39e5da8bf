"""``python app.py import puskesmas FILE``: which desa each puskesmas serves (its wilayah kerja)."""

from __future__ import annotations

from commands import add_workspace_option, print_json

_DESCRIBE = {
    "missing_puskesmas": lambda p: f"no kode_puskesmas (desa {p['kode_desa']}): not imported",
    "invalid_puskesmas_code": lambda p: f"kode_puskesmas {p['kode_puskesmas']!r} cannot name a puskesmas (it needs a digit, no spaces or / ? # &, and must not be a Kemendagri code): not imported",
    "invalid_desa_code": lambda p: f"desa code {p['kode_desa']!r} is not a Kemendagri desa code: not imported",
    "unknown_desa": lambda p: f"desa {p['kode_desa']} is not in the workspace: not imported",
    "bad_coordinates": lambda p: f"building coordinates (lat {p['lat']}, lon {p['lon']}) not understood: imported without them",
}


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

    report = run_cli_import(args, "puskesmas").report
    if args.json:
        print_json(report)
        return 0
    print(f"{report['file']}: {report['rows']} rows, {report['puskesmas']} puskesmas serving "
          f"{report['desa_assigned']} of {report['desa_total']} desa.")
    for key, describe in _DESCRIBE.items():
        for p in report[key]:
            print(f"  row {p['row']}: {describe(p)}")
    for p in report["claimed_twice"]:
        rows = ", ".join(f"row {r['row']} ({r['kode_puskesmas']})" for r in p["rows"])
        print(f"  desa {p['kode_desa']} is claimed by {rows}: assigned to neither")
    for p in report["crossing_kabupaten"]:
        print(f"  {p['kode_puskesmas']} serves desa in {', '.join(p['kabupaten'])} (rows "
              f"{', '.join(map(str, p['rows']))}): a wilayah kerja must lie in one kabupaten/kota, not imported")
    for p in report["crossing_kecamatan"]:
        print(f"  note: {p['kode_puskesmas']} ({p['nama_puskesmas']}) serves desa in kecamatan "
              f"{', '.join(p['kecamatan'])}")
    for p in report["repeated_rows"]:
        print(f"  note: row {p['row']} repeats row {p['first_row']}")
    for p in report["other_names"]:
        print(f"  note: {p['kode_puskesmas']} is also named {', '.join(p['also'])}; kept {p['nama_puskesmas']!r}")
    for p in report["other_coordinates"]:
        print(f"  note: {p['kode_puskesmas']}: rows {', '.join(map(str, p['rows']))} give other coordinates; "
              f"kept ({p['lat']}, {p['lon']})")
    without = report["without_puskesmas"]
    if without:
        listed = ", ".join(f"{d['kode']} {d['nama']}" for d in without[:20])
        print(f"{len(without)} desa of the workspace have no puskesmas: {listed}{' …' if len(without) > 20 else ''}")
    return 0

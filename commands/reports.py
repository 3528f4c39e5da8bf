"""Report templates and reporting completeness.

* ``python app.py template indikator --wilayah CODE --periode YYYY-MM -o FILE [--workspace DIR]``
* ``python app.py template w2 --wilayah CODE --minggu YYYY-Www -o FILE [--workspace DIR]``
* ``python app.py completeness [--area CODE] [--diterima FILE] [--json] [--workspace DIR]``
"""

from __future__ import annotations

from commands import add_workspace_option, print_json
from commands.report import json_records, say
from errors import PwsError

SETTINGS_FILE = "pengaturan.json"
"""``reports.timeliness.SETTINGS_FILE`` (not imported: the parser is built without pandas)."""


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

    c = commands.add_parser("completeness", help="reporting completeness: desa case data per week, and puskesmas "
                            "reports arrived and on time (SKDR targets 90 %% / 80 %%)")
    c.add_argument("--area", metavar="CODE", default=None, help="only this area (default: the whole workspace)")
    c.add_argument("--minggu-terakhir", dest="weeks", type=int, default=8, metavar="N",
                   help="desa case completeness of the last N weeks (default 8)")
    c.add_argument("--diterima", metavar="FILE", default=None,
                   help="arrivals of reports (CSV/.xlsx: wilayah,jenis,periode,diterima; jenis w2 or indikator) "
                   "instead of the submission history (the default: each saved import's arrival time)")
    c.add_argument("--dari", metavar="PERIODE", default=None, help="first week (2026-W30) or month (2026-07) expected")
    c.add_argument("--sampai", metavar="PERIODE", default=None, help="last week or month expected")
    c.add_argument("--sekarang", metavar="DATETIME", default=None,
                   help="count only periods due by then (default: every period listed is due)")
    c.add_argument("--zona-waktu", dest="zone", metavar="ZONE", default=None,
                   help=f"WIB (default), WITA, WIT or an IANA name; else the workspace's {SETTINGS_FILE}")
    add_workspace_option(c)
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(handler=_completeness)


def _template(args) -> int:
    from reports.templates import indicator_template, w2_template
    from workspace import Workspace

    ws = Workspace(args.workspace)
    if not ws.has("boundaries/desa.parquet"):
        raise PwsError("ws_tanpa_desa", path=args.workspace)
    if args.jenis == "indikator":
        if not args.periode:
            raise PwsError("templat_perlu_periode")
        path = indicator_template(ws, args.wilayah, args.periode, args.output, indikator=args.indikator)
    else:
        if not args.minggu:
            raise PwsError("templat_perlu_minggu")
        path = w2_template(ws, args.wilayah, args.minggu, args.output)
    if args.json:
        print_json({"file": str(path), "jenis": args.jenis, "wilayah": args.wilayah}, args.lang)
    else:
        print(say("templat_ditulis", args.lang, jenis=args.jenis, wilayah=args.wilayah, path=path))
    return 0


def _completeness(args) -> int:
    import pandas as pd

    from geo.codes import normalise_kode
    from surveillance.api import completeness
    from workspace import Workspace

    ws = Workspace(args.workspace)
    if not ws.has("boundaries/desa.parquet"):
        raise PwsError("ws_tanpa_desa", path=args.workspace)
    area = None
    if args.area:
        area = normalise_kode(args.area)
        if area is None:
            raise PwsError("area_bukan_kode", nilai=repr(args.area))
    out: dict = {"area": area}
    if ws.has("kasus/kelengkapan.parquet"):
        weeks = completeness(ws, area, by="minggu").tail(max(args.weeks, 1))
        out["kasus_desa"] = json_records(weeks)
    else:
        out["kasus_desa"] = None
    frame, out["sumber_kedatangan"] = _arrivals(ws, args)
    out["laporan"] = _arrivals_part(ws, area, args, frame) if len(frame) else None
    out["belum_ada"] = None if len(frame) else say("kedatangan_belum_ada", args.lang)
    if args.json:
        print_json(out, args.lang)
        return 0
    _print_completeness(out, args.lang)
    return 0


def local_zone(ws, zone: str | None = None):
    """The workspace's local time zone (``pengaturan.json``, default WIB) as a ``ZoneInfo``."""
    return _tenggat(ws, zone).zone


def _tenggat(ws, zone: str | None):
    from reports.timeliness import tenggat_of

    return tenggat_of(ws.root, zone)


def _arrivals(ws, args):
    """(arrivals, where from): the ``--diterima`` file, else the submission history's saved imports."""
    from tabular import read_table_file

    if args.diterima:
        frame, _ = read_table_file(args.diterima)
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        return frame, str(args.diterima)
    from opsdb import OpsDb, submissions

    return submissions.arrivals(OpsDb.for_workspace(ws.root)), "riwayat kiriman"


def _arrivals_part(ws, area, args, frame) -> dict:
    """Arrived / on time per unit and period for each jenis in the arrivals."""
    from geo.codes import normalise_kode
    from reports.timeliness import report_status, reporting_units, summarise
    from surveillance.w2 import Places

    tenggat = _tenggat(ws, args.zone)
    places = Places.of_workspace(ws)
    units = reporting_units(places.desa, places.wilayah_kerja, places.kecamatan, area)
    if units["tingkat"].eq("kecamatan").all() and "wilayah" in frame.columns:
        frame["wilayah"] = [normalise_kode(w) or w for w in frame["wilayah"]]  # 190601 is 19.06.01
    result = {"tingkat": units["tingkat"].iloc[0] if len(units) else None, "zona_waktu": tenggat.zona_waktu,
              "jenis": {}}
    for jenis in ("w2", "indikator"):
        mine = frame.loc[frame["jenis"].astype(str).str.strip().str.lower() == jenis] if "jenis" in frame else frame.iloc[:0]
        periods = _periods(jenis, mine, args.dari, args.sampai)
        if not periods:
            continue
        table = report_status(frame, list(units["wilayah"]), periods, jenis, tenggat, sekarang=_when(args.sekarang))
        names = dict(zip(units["wilayah"], units["nama"]))
        per_unit = summarise(table)
        per_unit.insert(1, "nama", per_unit["wilayah"].map(names))
        result["jenis"][jenis] = {
            "periode": [periods[0], periods[-1]],
            "per_wilayah": json_records(per_unit), "per_periode": json_records(summarise(table, by="periode")),
            "rincian": json_records(table.astype({"batas": str, "diterima": str})),
            "wilayah_lain": table.attrs["lain"],
        }
    return result


def _periods(jenis: str, arrivals, first: str | None, last: str | None) -> list[str]:
    """The expected periods: --dari..--sampai when they are of this jenis (a week for w2, a month for
    indikator), else the span of the arrivals of that jenis."""
    from indicators.importer import normalise_periode
    from surveillance.weeks import parse_week, week_index, week_range

    parse = parse_week if jenis == "w2" else normalise_periode

    def given(text):
        return parse(text) if text and ("W" in text.upper()) == (jenis == "w2") else None

    seen = sorted({p for p in (parse(x) for x in arrivals["periode"]) if p}) if len(arrivals) else []
    lo = given(first) or (seen[0] if seen else None)
    hi = given(last) or (seen[-1] if seen else None)
    if lo is None or hi is None or lo > hi:
        return []
    if jenis == "w2":
        return week_range(hi, week_index(hi) - week_index(lo) + 1)
    months, (y, m) = [], (int(lo[:4]), int(lo[5:7]))
    while f"{y:04d}-{m:02d}" <= hi:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _when(text: str | None):
    import pandas as pd

    if not text:
        return None
    try:
        return pd.Timestamp(text)
    except ValueError:
        raise PwsError("bukan_waktu", opsi="--sekarang", nilai=repr(text), contoh="2026-10-06T12:00") from None


def _pct(value) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _print_completeness(out: dict, lang: str = "id") -> None:
    where = out["area"] or say("seluruh_workspace", lang)
    if out["kasus_desa"] is None:
        print(say("kelengkapan_tanpa_kasus", lang, wilayah=where))
    else:
        print(say("kelengkapan_kasus", lang, wilayah=where))
        for r in out["kasus_desa"]:
            print(say("kelengkapan_minggu", lang, minggu=r["minggu"], desa=f"{r['desa_lapor']}/{r['desa_total']}",
                      persen_desa=_pct(r["persen_desa"]), tempat=f"{r['tempat_lapor']}/{r['tempat_diharapkan']}",
                      persen_tempat=_pct(r["persen_tempat"])))
    if out["laporan"] is None:
        print(out["belum_ada"])
        return
    for jenis, part in out["laporan"]["jenis"].items():
        print(say("kelengkapan_jenis", lang, jenis=say("laporan_" + jenis, lang), dari=part["periode"][0],
                  sampai=part["periode"][1], tingkat=out["laporan"]["tingkat"], zona=out["laporan"]["zona_waktu"]))
        for r in part["per_wilayah"]:
            flag = (("" if r["lengkap_memenuhi"] else say("kurang_lengkap", lang))
                    + ("" if r["tepat_memenuhi"] else say("kurang_tepat", lang)))
            print(say("kelengkapan_wilayah", lang, wilayah=f"{r['wilayah']:<12}", nama=f"{str(r['nama'])[:24]:<24}",
                      tiba=f"{r['tiba']}/{r['diharapkan']}", persen=_pct(r["kelengkapan"]),
                      tepat=f"{r['tepat_waktu']}/{r['diharapkan']}", persen_tepat=_pct(r["ketepatan"])) + flag)
        if part["wilayah_lain"]:
            print(say("kelengkapan_lain", lang, daftar=", ".join(part["wilayah_lain"])))

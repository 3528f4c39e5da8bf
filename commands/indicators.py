"""Indicator commands: the catalogue, the map's numbers as a table, and imports.

* ``python app.py indicators [--json]``
* ``python app.py table --indicator ID --period YYYY-MM [--area CODE] [--scheme S] [--workspace DIR] [--json | --csv]``
* ``python app.py import indicators FILE [--mapping FILE] [--tahun YYYY] [--workspace DIR] [--json]``
* ``python app.py import targets FILE [--workspace DIR] [--json]``
"""

from __future__ import annotations

import math
import sys

from commands import add_workspace_option, print_json
from commands.report import json_records, say
from errors import PwsError


def register(commands, imports) -> None:
    """Add ``indicators``, ``table``, ``import indicators`` and ``import targets``."""
    p = commands.add_parser("indicators", help="list the ILP indicator catalogue")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_catalogue)

    p = commands.add_parser("table", help="one indicator for every child of an area: the numbers the map shows")
    p.add_argument("--indicator", required=True, metavar="ID", help="catalogue id (see 'python app.py indicators')")
    p.add_argument("--period", required=True, metavar="YYYY-MM")
    p.add_argument("--area", default=None, metavar="CODE", help="parent area code (default: Indonesia, i.e. the provinsi)")
    p.add_argument("--scheme", default="pws", help="map classes: pws (status), quantiles, fisher_jenks, equal_interval")
    p.add_argument("--k", type=int, default=5, help="number of classes for a classification scheme")
    add_workspace_option(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")
    p.set_defaults(handler=_table)

    p = imports.add_parser("indicators", help="import indicator values (CSV, .xlsx; long or wide form)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--mapping", default=None, metavar="FILE", help="mapping file: columns kolom,isi,indikator")
    p.add_argument("--tahun", type=int, default=None, metavar="YYYY",
                   help="the year of a 'bulan' column when the file has no 'tahun' column")
    p.add_argument("--check", action="store_true", help="report only: read and judge every row, write nothing")
    add_workspace_option(p)
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(handler=_import_indicators)

    p = imports.add_parser("targets", help="import a kabupaten's own annual targets (kode,indikator,target_tahunan)")
    p.add_argument("file", metavar="FILE")
    add_workspace_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_import_targets)


def _catalogue(args) -> int:
    from indicators.catalogue import load_catalogue

    cat = load_catalogue()
    if args.json:
        rows = []
        for ind, r in cat.iterrows():
            rows.append({"id": ind, "klaster": int(r["klaster"]), "klaster_nama": r["klaster_nama"], "nama": r["nama"],
                         "nama_en": r["nama_en"], "pembilang": r["pembilang"], "penyebut": r["penyebut"],
                         "satuan": r["satuan"], "target_tahunan": float(r["target_tahunan"]), "arah": r["arah"],
                         "periode": r["periode"], "target_prorata": bool(r["target_prorata"]), "sumber": r["sumber"]})
        print_json({"indikator": rows})
        return 0
    en = args.lang == "en"
    for klaster, group in cat.groupby("klaster", sort=True):
        print(say("katalog_klaster", args.lang, klaster=klaster, nama=group["klaster_nama_en" if en else "klaster_nama"].iloc[0]))
        for ind, r in group.iterrows():
            print(say("katalog_indikator", args.lang, id=f"{ind:<24}", nama=r["nama_en" if en else "nama"],
                      target=f"{r['target_tahunan']:g}", satuan=say("satuan_" + r["satuan"], args.lang),
                      arah=say("arah_" + r["arah"], args.lang), periode=say("periode_" + r["periode"], args.lang),
                      prorata=say("prorata", args.lang) if r["target_prorata"] else ""))
    return 0


def _table(args) -> int:
    from geo.codes import normalise_kode
    from indicators.query import IndicatorQuery
    from workspace import Workspace

    area = None
    if args.area:
        area = normalise_kode(args.area)
        if area is None:
            raise PwsError("area_bukan_kode", nilai=repr(args.area))
    if args.k < 1:
        raise PwsError("k_minimal", k=args.k)
    ws = Workspace(args.workspace)
    if not ws.exists():
        raise PwsError("ws_kosong_tabel", path=args.workspace)
    frame = IndicatorQuery(ws).children(area, args.indicator, args.period, skema=args.scheme, k=args.k)
    legend = frame.attrs["legend"]
    if args.csv:
        frame.to_csv(sys.stdout, index=False)
        return 0
    if args.json:
        print_json({"indikator": args.indicator, "periode": args.period, "area": area,
                    "tingkat": frame.attrs["tingkat"], "satuan": frame.attrs["satuan"],
                    "legend": {"skema": legend.skema, "bins": legend.bins, "labels": legend.labels},
                    "rows": json_records(frame)})
        return 0
    from texts import t

    lang = args.lang
    print(say("tabel_judul", lang, indikator=args.indicator, periode=args.period, tingkat=frame.attrs["tingkat"],
              area=area or "Indonesia", satuan=say("satuan_" + frame.attrs["satuan"], lang)))
    head = dict(zip(_TABLE_COLUMNS, say("tabel_kolom", lang).split()))
    print(f"{head['kode']:<14} {head['nama']:<28} {head['pembilang']:>11} {head['penyebut']:>11} {head['nilai']:>8} "
          f"{head['nilai_pws']:>9} {head['target']:>7} {head['status']:<18} {head['desa']:>9} {head['kelas']}")
    for r in frame.itertuples():
        status = t("status_" + r.status, lang) if r.status else "-"
        print(f"{r.kode:<14} {str(r.nama)[:28]:<28} {_fmt(r.pembilang):>11} {_fmt(r.penyebut):>11} {_fmt(r.nilai):>8} "
              f"{_fmt(r.nilai_pws):>9} {_fmt(r.target_bulan):>7} {status:<18} "
              f"{r.desa_dengan_data:>4}/{r.desa_total:<4} {r.kelas}")
    return 0


_TABLE_COLUMNS = ("kode", "nama", "pembilang", "penyebut", "nilai", "nilai_pws", "target", "status", "desa", "kelas")
"""The text table's columns, named in texts.cli ``tabel_kolom`` (one word each, in this order)."""


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.1f}" if not float(value).is_integer() else f"{value:.0f}"


def _import_indicators(args) -> int:
    from commands import run_cli_import
    from indicators.importer import ImportReport

    outcome = run_cli_import(args, "indicators", {"mapping": args.mapping, "tahun": args.tahun}, check=args.check)
    if args.json:
        print_json(outcome.report, args.lang)
    else:
        print(ImportReport(**outcome.report).to_text(args.lang))
        if args.check:
            print(say("hanya_periksa", args.lang))
    return 0


def _import_targets(args) -> int:
    from commands import run_cli_import

    outcome = run_cli_import(args, "targets")
    if args.json:
        print_json({"target": outcome.report["rows"]})
    else:
        print(say("target_tersimpan", args.lang, n=outcome.report["target"], path=args.workspace))
    return 0

"""A corpus of broken and awkward files through every tabular import's command line.

Each file is made in ``tmp_path`` by :mod:`broken_files` (the 200 MB one is sparse).
For every refusal the command exits 2, prints one paragraph naming the file and
what was wrong (and the row or cell where there is one), shows no traceback, and
leaves the workspace's live snapshot as it was. Awkward but readable files
(Latin-1 with a BOM, merged Excel headers, three ways of writing a date) import,
and their bad rows are reported at the row number the person sees.

The desa are the unit squares of :mod:`indicator_workspace`: desa number ``i`` (in
code order) covers longitude ``i``..``i+1``, latitude 0..1.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from broken_files import big_text_file, truncated, workbook, write_csv
from commands import build_parser, main
from errors import PwsError
from indicator_workspace import make_workspace

ROOT = Path(__file__).resolve().parents[1]
DESA = ["19.05.01.2001", "19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001", "32.16.01.2001"]

GOOD_HEADER = {
    "posyandu": ["id", "nama", "jenis", "lat", "lon"],
    "cases": ["minggu", "tempat", "penyakit", "jumlah"],
    "indicators": ["kode_desa", "periode", "indikator", "pembilang", "penyebut"],
}
GOOD_ROW = {
    "posyandu": ["P1", "Posyandu Melati", "posyandu", "0.5", "1.5"],
    "cases": ["2026-W40", "1906012001", "diare", "3"],
    "indicators": ["1906012001", "2026-10", "k1", "4", "52"],
}
NUMBER_COLUMN = {"posyandu": "lat", "cases": "jumlah", "indicators": "pembilang"}
KINDS = list(GOOD_HEADER)


def _has_import(what: str) -> bool:
    imports = next(a for a in build_parser()._subparsers._group_actions[0].choices["import"]._actions
                   if a.dest == "what")
    return what in imports.choices


def run(capsys, kind: str, path: Path, ws, *extra: str) -> tuple[int, str, str]:
    """``python app.py import KIND FILE --workspace WS``, in process; (exit status, stdout, stderr).

    Until ``import indicators`` is registered on the command line, the indicator
    import is called as the command would call it (PwsError → exit 2 and one line).
    """
    if kind == "indicators" and not _has_import("indicators"):
        from indicators.importer import import_indicators

        try:
            report = import_indicators(ws, path)
        except PwsError as exc:
            return 2, "", f"Error: {exc}\n"
        return 0, json.dumps(report.to_dict()) if "--json" in extra else report.to_text(), ""
    code = main(["import", kind, str(path), "--workspace", str(ws.root), *extra, "--lang", "en"])  # the messages checked are English
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path / "ws")


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(r) for r in rows) + "\n"


def assert_refused(result, ws, before: str, *fragments: str) -> None:
    code, out, err = result
    assert code == 2, (code, out, err)
    # progress lines may come first; the error is the last line, one paragraph
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("Error: "), err
    err = err.strip().splitlines()[-1]
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    assert ws.snapshot_id == before  # nothing changed


# -- refusals, the same for every importer ---------------------------------------------------

def _empty(tmp_path, kind):
    return tmp_path / "kosong.csv", ["kosong.csv", "empty"]


def _huge(tmp_path, kind):
    line = ",".join(GOOD_ROW[kind]) + "\n"
    path = big_text_file(tmp_path / "besar.csv", ",".join(GOOD_HEADER[kind]), line)
    return path, ["besar.csv", "200 MB", "MB this import reads at once"]


def _truncated_xlsx(tmp_path, kind):
    good = workbook(tmp_path / "utuh.xlsx", [GOOD_HEADER[kind], GOOD_ROW[kind]] * 1)
    return truncated(tmp_path / "potong.xlsx", good), ["potong.xlsx", "damaged or incomplete"]


def _uncached_formula(tmp_path, kind):
    col = GOOD_HEADER[kind].index(NUMBER_COLUMN[kind])
    row = list(GOOD_ROW[kind])
    row[col] = f"={'ABCDE'[col]}2+1"
    path = workbook(tmp_path / "rumus.xlsx", [GOOD_HEADER[kind], GOOD_ROW[kind], row])
    return path, ["rumus.xlsx", f"{'ABCDE'[col]}3 (={'ABCDE'[col]}2+1)", "row 3", "formula without a calculated value"]


def _csv_named_xlsx(tmp_path, kind):
    path = write_csv(tmp_path / "laporan.xlsx", _csv([GOOD_HEADER[kind], GOOD_ROW[kind]]))
    return path, ["laporan.xlsx", "not an .xlsx workbook", "rename it to .csv"]


def _header_only(tmp_path, kind):
    return write_csv(tmp_path / "kepala.csv", _csv([GOOD_HEADER[kind]])), ["kepala.csv"]


def _missing_column(tmp_path, kind):
    header = GOOD_HEADER[kind][:-1]
    return write_csv(tmp_path / "kurang.csv", _csv([header, GOOD_ROW[kind][:-1]])), ["kurang.csv", GOOD_HEADER[kind][-1]]


def _wrong_cell_count(tmp_path, kind):
    rows = [GOOD_HEADER[kind], GOOD_ROW[kind], GOOD_ROW[kind] + ["x", "y"]]
    return write_csv(tmp_path / "sel.csv", _csv(rows)), ["sel.csv", "row(s) 3", "different number of cells"]


REFUSALS = [_empty, _huge, _truncated_xlsx, _uncached_formula, _csv_named_xlsx, _header_only, _missing_column,
            _wrong_cell_count]


# (the indicator import reports rows with a wrong cell count one by one: tested below)
CASES = [(k, m) for k in KINDS for m in REFUSALS if not (k == "indicators" and m is _wrong_cell_count)]


@pytest.mark.parametrize("kind,make", CASES, ids=[f"{k}-{m.__name__.strip('_')}" for k, m in CASES])
def test_broken_file_is_refused_with_one_clear_paragraph_and_nothing_changes(tmp_path, capsys, ws, kind, make):
    path, fragments = make(tmp_path, kind)
    if make is _empty:
        path.write_bytes(b"")
    before = ws.snapshot_id
    assert_refused(run(capsys, kind, path, ws), ws, before, *fragments)


# -- awkward files that import ------------------------------------------------------------------

def test_posyandu_latin1_csv_with_bom_and_semicolons_keeps_its_names(tmp_path, capsys, ws):
    text = "id;nama;jenis;lat;lon\nP1;Posyandu Kenanga Ñ;posyandu;0.5;1.5\nP2;Posyandu Melati – Barat;posyandu;0.5;2.5\n"
    path = write_csv(tmp_path / "latin1.csv", text, encoding="cp1252", bom=True)
    code, out, err = run(capsys, "posyandu", path, ws)
    assert code == 0, err
    names = ws.read_table("fasilitas.parquet").set_index("id")["nama"]
    assert names.to_dict() == {"P1": "Posyandu Kenanga Ñ", "P2": "Posyandu Melati – Barat"}


def test_posyandu_nan_and_formula_coordinates_are_reported_by_row(tmp_path, capsys, ws):
    rows = [GOOD_HEADER["posyandu"], ["P1", "A", "posyandu", "0.5", "1.5"], ["P2", "B", "posyandu", "NaN", "nan"],
            ["P3", "C", "posyandu", "=D2", "1.5"], ["P4", "D", "posyandu", "inf", "2.5"]]
    code, out, err = run(capsys, "posyandu", write_csv(tmp_path / "nan.csv", _csv(rows)), ws, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 1
    assert sorted(p["row"] for p in report["bad_coordinates"]) == [3, 4, 5]


def test_posyandu_geojson_with_nan_and_empty_geometry_is_reported_by_feature(tmp_path, capsys, ws):
    features = [
        {"type": "Feature", "properties": {"id": "P1", "nama": "A", "jenis": "posyandu"},
         "geometry": {"type": "Point", "coordinates": [1.5, 0.5]}},
        {"type": "Feature", "properties": {"id": "P2", "nama": "B", "jenis": "posyandu"},
         "geometry": {"type": "Point", "coordinates": ["NaN", "NaN"]}},
        {"type": "Feature", "properties": {"id": "P3", "nama": "C", "jenis": "posyandu"}, "geometry": None},
    ]
    path = tmp_path / "titik.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    code, out, err = run(capsys, "posyandu", path, ws, "--json")
    assert code == 0 and "Traceback" not in err, err
    report = json.loads(out)
    assert report["imported"] == 1
    assert sorted(p["row"] for p in report["bad_coordinates"]) == [2, 3]


def test_posyandu_excel_with_title_and_merged_header(tmp_path, capsys, ws):
    path = workbook(tmp_path / "posyandu2.xlsx", [
        ["id", "nama", "jenis", "lat", "lon"],
        ["P1", "Melati", "posyandu", 0.5, 1.5],
        ["P2", "Mawar", "posyandu", 0.5, 99.0],
    ], merges=["A1:E1"], title="DATA POSYANDU KABUPATEN")
    code, out, err = run(capsys, "posyandu", path, ws, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 1
    assert [p["row"] for p in report["outside_desa"]] == [5]  # the sheet's row, below title and header


def test_cases_dates_in_three_formats_land_in_one_week_and_bad_rows_keep_their_numbers(tmp_path, capsys, ws):
    # 2026-10-05 is the Monday of ISO week 2026-W41; 46300 is its Excel serial number.
    def sheet(name, last_count):
        return workbook(tmp_path / name, [
            ["minggu", "tempat", "penyakit", "jumlah"],
            ["2026-10-05", "1906012001", "diare", 1],
            ["05/10/2026", "1906012002", "diare", 2],
            [datetime(2026, 10, 5), "1906012003", "diare", 3],
            [None, None, None, None],
            [46300, "1906022001", "diare", 4],
            ["5 Oktober", "1906022001", "ispa", 5],
            ["2026-W41", "1905012001", "diare", last_count],
        ], title="LAPORAN MINGGUAN W2", merges=["A1:D1"])

    path = sheet("kasus.xlsx", "=D2*2")
    before = ws.snapshot_id
    assert_refused(run(capsys, "cases", path, ws), ws, before, "kasus.xlsx", "D10 (=D2*2)")
    path = sheet("kasus2.xlsx", "tiga")
    code, out, err = run(capsys, "cases", path, ws, "--json")
    assert code == 0, err
    report = json.loads(out[out.index("{"):])
    assert report["matched"] == 4 and report["weeks"] == ["2026-W41", "2026-W41"]
    assert [(p["row"], p["reason"].split()[0]) for p in report["problems"]] == [(9, "minggu"), (10, "jumlah")]


def test_cases_blank_line_does_not_shift_later_row_numbers(tmp_path, capsys, ws):
    text = "minggu,tempat,penyakit,jumlah\n2026-W40,1906012001,diare,3\n\n2026-W40,1906012002,diare,-1\n"
    code, out, err = run(capsys, "cases", write_csv(tmp_path / "kosong.csv", text, encoding="cp1252", bom=True),
                         ws, "--json")
    assert code == 0, err
    report = json.loads(out[out.index("{"):])
    assert [p["row"] for p in report["problems"]] == [4]


def test_indicators_wide_excel_with_merged_group_headers_and_three_date_formats(tmp_path, capsys, ws):
    path = workbook(tmp_path / "k1.xlsx", [
        ["kode_desa", "periode", "K1", None, "K6", None],
        [None, None, "num", "den", "num", "den"],
        ["1906012001", "2026-10", 4, 52, 3, 52],
        ["1906012002", "05/10/2026", 5, 40, None, None],
        ["1906012003", datetime(2026, 10, 1), 6, 30, 7, 30],
        ["1906022001", 46300, 8, 4, 1, 10],
        ["1906022001", "Okt 2026", 1, 10, 1, 10],
    ], merges=["A1:F1", "A3:A4", "B3:B4", "C3:D3", "E3:F3"], title="CAKUPAN KIA")
    code, out, err = run(capsys, "indicators", path, ws, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["form"] == "lebar" and report["periods"] == ["2026-10"]
    rejected = sorted((r["baris"], r["indikator"], r["alasan"].split(" (")[0]) for r in report["rejected"])
    assert rejected == [(8, "k1", "pembilang greater than penyebut"),
                        (9, "k1", "periode not understood"), (9, "k6", "periode not understood")]
    nilai = ws.read_table("indikator/nilai.parquet")
    assert len(nilai) == 6  # rows 5 and 7: k1 and k6; row 6: k1 (its empty k6 pair is missing, not zero); row 8: k6
    assert set(nilai["periode"]) == {"2026-10"}


def test_indicators_csv_row_with_wrong_cell_count_is_reported_at_its_own_line(tmp_path, capsys, ws):
    text = ("kode_desa;periode;indikator;pembilang;penyebut\n1906012001;2026-10;k1;4;52\n"
            "1906012002;2026-10;k1;4,5;52\n1906012003;2026-10;k1;=D2;52\n")
    path = write_csv(tmp_path / "koma.csv", text.replace("4,5", "4;5"), encoding="cp1252", bom=True)
    code, out, err = run(capsys, "indicators", path, ws, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert sorted((r["baris"], r["alasan"]) for r in report["rejected"]) == [
        (3, "this row has a different number of cells than the header"), (4, "pembilang is not a number")]


# -- a real process: exit status, stderr, no traceback ----------------------------------------------

def _app(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "app.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_real_process_refuses_broken_files_with_exit_2_and_no_traceback(tmp_path, ws):
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    big = big_text_file(tmp_path / "besar.csv", "minggu,tempat,penyakit,jumlah", "2026-W40,1906012001,diare,3\n")
    formula = workbook(tmp_path / "rumus.xlsx", [GOOD_HEADER["posyandu"], ["P1", "A", "posyandu", "=1/2", "1.5"]])
    latin = write_csv(tmp_path / "nilai.xlsx", _csv([GOOD_HEADER["indicators"], GOOD_ROW["indicators"]]), encoding="cp1252")
    for kind, path, fragment in [("posyandu", empty, "empty"), ("cases", big, "200 MB"),
                                 ("posyandu", formula, "D2 (=1/2)"), ("indicators", latin, "not an .xlsx workbook")]:
        before = ws.snapshot_id
        done = _app("import", kind, str(path), "--workspace", str(ws.root), "--lang", "en")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and fragment in done.stderr and path.name in done.stderr
        assert ws.snapshot_id == before


def test_real_process_imports_a_latin1_file_and_reports_rows(tmp_path, ws):
    text = "id;nama;jenis;lat;lon\nP1;Posyandu Ñ;posyandu;0.5;1.5\nP2;Posyandu é;posyandu;nan;1.5\n"
    path = write_csv(tmp_path / "latin1.csv", text, encoding="cp1252", bom=True)
    done = _app("import", "posyandu", str(path), "--workspace", str(ws.root), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "row 3" in done.stdout
    assert ws.read_table("fasilitas.parquet")["nama"].tolist() == ["Posyandu Ñ"]


@pytest.mark.parametrize("kind", KINDS)
def test_json_mode_prints_the_error_as_one_json_object(tmp_path, capsys, ws, kind):
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    if kind == "indicators" and not _has_import("indicators"):
        pytest.skip("import indicators not on the command line yet")
    code, out, err = run(capsys, kind, path, ws, "--json")
    assert code == 2 and "Traceback" not in err
    assert "kosong.csv" in json.loads(out.strip().splitlines()[-1])["error"]

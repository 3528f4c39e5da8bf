"""Importing indicator files: good rows go in, each bad row is reported by its file row number."""

import json

import numpy as np
import pandas as pd
import pytest

from errors import PwsError
from indicator_workspace import long_rows, make_workspace
from indicators.importer import import_indicators, normalise_periode


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path / "ws")


def _nilai(ws):
    return ws.read_table("indikator/nilai.parquet").sort_values(["indikator", "kode_desa", "periode"]).reset_index(drop=True)


def test_messy_file_imports_good_rows_and_reports_bad_ones_by_row(ws, tmp_path):
    path = tmp_path / "laporan.csv"
    path.write_text(
        "kode_desa,periode,indikator,pembilang,penyebut\n"  # row 1
        "1906012001,2025-03,ds,9,10\n"                    # 2 good, undotted code
        "19 06 01 2002,2025-3,ds,1,90\n"                  # 3 good, spaced code, short month
        "1906019999,2025-03,ds,4,5\n"                     # 4 valid code, no such desa
        "1906012003,2025-03,ds,-2,10\n"                   # 5 negative
        "1906012003,Maret 2025,ds,2,10\n"                 # 6 bad period
        "1906022001,2025-03,k1,12,10\n"                   # 7 pembilang > penyebut for persen
        "1905012001,2025-03,dbd_ir,3,0\n"                 # 8 rate with penyebut 0
        "1905012001,2025-03,tidak_ada,1,2\n"              # 9 unknown indicator
        "1905012001,2025-03,dbd_ir,2,1\n",                # 10 good: events may exceed people for a rate
        encoding="utf-8",
    )
    report = import_indicators(ws, path)
    assert (report.rows_read, report.rows_matched, report.rows_imported) == (9, 8, 3)
    by_row = {r["baris"]: r["alasan"] for r in report.rejected}
    assert set(by_row) == {5, 6, 7, 8, 9}
    assert by_row[5] == "pembilang negatif"
    assert "periode" in by_row[6]
    assert "lebih besar" in by_row[7]
    assert "penyebut 0" in by_row[8]
    assert "katalog" in by_row[9]
    assert report.codes_without_desa == [{"kode_desa": "19.06.01.9999", "rows": 1, "baris": [4]}]
    assert (report.desa_with_data, report.desa_without_data, report.desa_total) == (3, 3, 6)
    assert report.desa_without_data_sample == ["19.06.01.2003", "19.06.02.2001", "32.16.01.2001"]
    nilai = _nilai(ws)
    assert nilai[["kode_desa", "periode", "indikator"]].values.tolist() == [
        ["19.05.01.2001", "2025-03", "dbd_ir"], ["19.06.01.2001", "2025-03", "ds"], ["19.06.01.2002", "2025-03", "ds"]]
    assert nilai["pembilang"].dtype == np.float64 and nilai["kode_desa"].map(type).eq(str).all()
    assert "baris 5" in report.to_text()


def test_malformed_row_keeps_later_row_numbers(ws, tmp_path):
    path = tmp_path / "rusak.csv"
    path.write_text("kode_desa;periode;indikator;pembilang;penyebut\n"
                    "1906012001;2025-03;ds;9;10\n"
                    "1906012002;2025-03;ds\n"
                    "1906012003;2025-03;ds;-1;10\n"
                    "1906022001;2025-03;ds;5,5;10\n", encoding="utf-8")
    report = import_indicators(ws, path)
    by_row = {r["baris"]: r["alasan"] for r in report.rejected}
    assert set(by_row) == {3, 4}
    assert "sel" in by_row[3] and by_row[4] == "pembilang negatif"
    assert _nilai(ws).set_index("kode_desa").loc["19.06.02.2001", "pembilang"] == 5.5  # decimal comma


def test_new_values_replace_old_for_the_same_key(ws, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    long_rows([("19.06.01.2001", "2025-03", "ds", 5, 10), ("19.06.01.2002", "2025-03", "ds", 1, 10)]).to_csv(first, index=False)
    long_rows([("1906012001", "2025-03", "ds", 7, 10), ("1906012001", "2025-04", "ds", 8, 10)]).to_csv(second, index=False)
    import_indicators(ws, first)
    report = import_indicators(ws, second)
    assert report.rows_replaced == 1
    nilai = _nilai(ws)
    assert nilai[["kode_desa", "periode", "pembilang"]].values.tolist() == [
        ["19.06.01.2001", "2025-03", 7.0], ["19.06.01.2001", "2025-04", 8.0], ["19.06.01.2002", "2025-03", 1.0]]


def test_repeated_key_in_one_file_last_row_wins_and_earlier_is_reported(ws, tmp_path):
    path = tmp_path / "dup.csv"
    long_rows([("1906012001", "2025-03", "ds", 5, 10), ("19.06.01.2001", "2025-03", "ds", 6, 10)]).to_csv(path, index=False)
    report = import_indicators(ws, path)
    assert [r["baris"] for r in report.rejected] == [2]
    assert _nilai(ws)["pembilang"].tolist() == [6.0]


def test_wide_form_with_mapping(ws, tmp_path):
    data, mapping = tmp_path / "lebar.csv", tmp_path / "peta.csv"
    data.write_text("desa,bulan,kunj1,bumil,timbang,balita\n"
                    "1906012001,2025-03,4,40,30,50\n"
                    "1906012002,2025-03,,,20,-1\n"   # K1 pair empty: missing, not an error; penyebut negative
                    "1906012003,2025-03,50,40,,\n", encoding="utf-8")  # K1 above its sasaran
    mapping.write_text("kolom,isi,indikator\ndesa,kode_desa,\nbulan,periode,\nkunj1,pembilang,k1\n"
                       "bumil,penyebut,k1\ntimbang,pembilang,ds\nbalita,penyebut,ds\n", encoding="utf-8")
    report = import_indicators(ws, data, mapping=mapping)
    assert report.form == "lebar"
    assert (report.rows_read, report.values_read, report.empty_values, report.rows_imported) == (3, 4, 2, 2)
    assert [(r["baris"], r["indikator"], r["alasan"]) for r in report.rejected] == [
        (3, "ds", "penyebut negatif"), (4, "k1", "pembilang lebih besar dari penyebut (tidak mungkin untuk persen)")]
    nilai = _nilai(ws)
    assert nilai[["kode_desa", "indikator", "pembilang", "penyebut"]].values.tolist() == [
        ["19.06.01.2001", "ds", 30.0, 50.0], ["19.06.01.2001", "k1", 4.0, 40.0]]


def test_wide_form_recognised_by_column_names(ws, tmp_path):
    path = tmp_path / "lebar.csv"
    path.write_text("kode_desa,periode,k1_num,k1_den,idl_pembilang,idl_penyebut\n1906012001,2025-03,4,40,3,10\n")
    report = import_indicators(ws, path)
    assert report.form == "lebar" and report.indicators == ["idl", "k1"]


def test_xlsx_with_numbers_and_dates(ws, tmp_path):
    path = tmp_path / "laporan.xlsx"
    frame = pd.DataFrame({"kode_desa": [1906012001, 1906012002, 1906012003],
                          "periode": [pd.Timestamp("2025-03-01"), "2025-03", "2025-03"],
                          "indikator": ["ds", "ds", "ds"], "pembilang": [9, 1, -3], "penyebut": [10, 90, 10]})
    frame.to_excel(path, index=False)
    report = import_indicators(ws, path)
    assert report.rows_imported == 2
    assert [(r["baris"], r["alasan"]) for r in report.rejected] == [(4, "pembilang negatif")]
    assert _nilai(ws)["kode_desa"].tolist() == ["19.06.01.2001", "19.06.01.2002"]


def test_failed_import_changes_nothing(ws, tmp_path):
    good = tmp_path / "good.csv"
    long_rows([("1906012001", "2025-03", "ds", 5, 10)]).to_csv(good, index=False)
    import_indicators(ws, good)
    before = (ws.snapshot_id, _nilai(ws).values.tolist())
    bad = tmp_path / "bad.csv"
    long_rows([("1906012001", "2025-03", "ds", -5, 10), ("1906012001", "bulan", "ds", 5, 10)]).to_csv(bad, index=False)
    with pytest.raises(PwsError, match="tidak ada baris yang bisa diimpor"):
        import_indicators(ws, bad)
    missing = tmp_path / "missing.csv"
    missing.write_text("kode,bulan\n1906012001,2025-03\n")
    with pytest.raises(PwsError, match="tidak ditemukan"):
        import_indicators(ws, missing)
    assert (ws.snapshot_id, _nilai(ws).values.tolist()) == before
    assert not list((ws.root / "snapshots").glob("*.partial"))


def test_interrupted_import_changes_nothing(ws, tmp_path, monkeypatch):
    good = tmp_path / "good.csv"
    long_rows([("1906012001", "2025-03", "ds", 5, 10)]).to_csv(good, index=False)
    import_indicators(ws, good)
    before = ws.snapshot_id
    import indicators.importer as importer

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(importer, "aggregate_arrays", boom)  # fails after nilai.parquet was written
    other = tmp_path / "other.csv"
    long_rows([("1906012001", "2025-03", "ds", 9, 10)]).to_csv(other, index=False)
    with pytest.raises(OSError):
        import_indicators(ws, other)
    assert ws.snapshot_id == before and _nilai(ws)["pembilang"].tolist() == [5.0]


def test_needs_boundaries(tmp_path):
    from workspace import Workspace

    path = tmp_path / "a.csv"
    long_rows([("1906012001", "2025-03", "ds", 5, 10)]).to_csv(path, index=False)
    with pytest.raises(PwsError, match="import boundaries"):
        import_indicators(Workspace(tmp_path / "empty"), path)


def test_report_is_json_ready(ws, tmp_path):
    path = tmp_path / "a.csv"
    long_rows([("1906012001", "2025-03", "ds", 5, 10)]).to_csv(path, index=False)
    json.dumps(import_indicators(ws, path).to_dict())


@pytest.mark.parametrize("text, expected", [("2025-03", "2025-03"), ("2025/3", "2025-03"), ("202503", "2025-03"),
                                            ("2025-03-15", "2025-03"), ("03-2025", None), ("2025-00", None), ("", None)])
def test_normalise_periode(text, expected):
    assert normalise_periode(text) == expected

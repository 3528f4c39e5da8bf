"""Indicator files with the column names field files use, imported without a mapping file."""

import json

import openpyxl
import pandas as pd
import pytest

import commands
from indicators.fieldcolumns import parse_bulan
from realdata import KELUBI

LALANG = "19.06.01.2006"


@pytest.fixture()
def ws(beltim_ws):
    return beltim_ws


def _import(capsys, ws, path, *extra):
    status = commands.main(["import", "indicators", str(path), "--workspace", str(ws.root), "--json", *extra])
    out = capsys.readouterr()
    return status, json.loads(out.out.strip().splitlines()[-1]) if out.out.strip() else None, out.err


def _nilai(ws):
    return ws.read_table("indikator/nilai.parquet").set_index(["kode_desa", "periode", "indikator"])


@pytest.mark.parametrize("text,month", [("Sep", 9), ("September", 9), ("sept", 9), ("Agustus", 8), ("Agu", 8),
                                        ("Agt", 8), ("Des", 12), ("December", 12), ("12", 12), ("Mei", 5),
                                        ("Nopember", 11), ("1.0", 1)])
def test_month_names_and_numbers(text, month):
    assert parse_bulan(text) == month


def test_kdepum_bulan_tahun_imports_without_mapping(ws, tmp_path, capsys):
    path = tmp_path / "rekap.csv"
    path.write_text("KDEPUM,bulan,tahun,k1_num,k1_den\n"
                    "1906012004,Sep,2026,4,50\n"
                    "1906012004,Agustus,2026,3,50\n"
                    "1906012006,Des,2025,7,70\n"
                    "1906012006,Foo,2026,1,10\n", encoding="utf-8")
    status, report, _ = _import(capsys, ws, path)
    assert status == 0
    assert report["rows_imported"] == 3
    assert report["kolom"] == {"kode_desa": "kdepum", "periode": "bulan+tahun"}
    assert [(r["baris"], r["alasan"]) for r in report["rejected"]] == [(5, "periode tidak terbaca (pakai YYYY-MM)")]
    nilai = _nilai(ws)
    assert nilai.loc[(KELUBI, "2026-09", "k1"), ["pembilang", "penyebut"]].tolist() == [4.0, 50.0]
    assert nilai.loc[(KELUBI, "2026-08", "k1"), "pembilang"] == 3.0
    assert nilai.loc[(LALANG, "2025-12", "k1"), "penyebut"] == 70.0
    assert len(nilai) == 3


def test_bulan_without_tahun_is_refused_then_taken_with_the_option(ws, tmp_path, capsys):
    path = tmp_path / "rekap.csv"
    path.write_text("KDEPUM,bulan,k1_num,k1_den\n1906012004,9,4,50\n", encoding="utf-8")
    status, report, err = _import(capsys, ws, path)
    assert status == 2 and "--tahun" in report["error"] and "tahun" in err
    assert not ws.has("indikator/nilai.parquet")  # nothing written
    status, report, _ = _import(capsys, ws, path, "--tahun", "2026")
    assert status == 0 and report["rows_imported"] == 1 and report["periods"] == ["2026-09"]


def test_bulan_holding_whole_periods_needs_no_year(ws, tmp_path, capsys):
    path = tmp_path / "rekap.csv"
    path.write_text("iddesa,bulan,k1_pembilang,k1_penyebut\n19.06.01.2004,2026-09,4,50\n", encoding="utf-8")
    status, report, _ = _import(capsys, ws, path)
    assert status == 0 and report["periods"] == ["2026-09"] and report["kolom"]["kode_desa"] == "iddesa"
    path.write_text("kode_desa,bulan,tahun,k1_pembilang,k1_penyebut\n19.06.01.2004,2026-10,2026,4,50\n", encoding="utf-8")
    status, report, _ = _import(capsys, ws, path)
    assert status == 0 and report["periods"] == ["2026-10"]


def test_xlsx_with_kd_desa_and_pembilang_penyebut(ws, tmp_path, capsys):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Rekap bulanan Puskesmas Manggar"])
    sheet.append(["kd_desa", "Bulan", "Tahun", "k1_pembilang", "k1_penyebut", "k6_pembilang", "k6_penyebut"])
    sheet.append(["1906012004", "Oktober", 2026, 5, 40, 2, 40])
    sheet.append([1906012006, "Okt", 2026, None, None, 1, 30])  # a number cell, and an empty pair (missing)
    path = tmp_path / "rekap.xlsx"
    wb.save(path)
    status, report, _ = _import(capsys, ws, path)
    assert status == 0, report
    assert report["rows_imported"] == 3 and report["empty_values"] == 1 and report["rejected_count"] == 0
    nilai = _nilai(ws)
    assert nilai.loc[(KELUBI, "2026-10", "k6"), "pembilang"] == 2.0
    assert nilai.loc[(LALANG, "2026-10", "k6"), "penyebut"] == 30.0
    assert (LALANG, "2026-10", "k1") not in nilai.index


def test_a_mapping_file_still_decides_when_given(ws, tmp_path, capsys):
    path = tmp_path / "rekap.csv"
    path.write_text("desa,bln,kunj,bumil\n1906012004,2026-09,4,50\n", encoding="utf-8")
    mapping = tmp_path / "map.csv"
    mapping.write_text("kolom,isi,indikator\ndesa,kode_desa,\nbln,periode,\nkunj,pembilang,k1\nbumil,penyebut,k1\n")
    status, report, _ = _import(capsys, ws, path, "--mapping", str(mapping))
    assert status == 0 and report["rows_imported"] == 1 and report["kolom"] == {}


def test_check_reports_the_same_rows_and_writes_nothing(ws, tmp_path, capsys):
    path = tmp_path / "rekap.csv"
    path.write_text("KDEPUM,bulan,tahun,k1_num,k1_den\n1906012004,Sep,2026,4,50\n1906012004,Sep,2026,9,5\n"
                    "3216012001,Sep,2026,1,2\n", encoding="utf-8")
    before = ws.snapshot_id
    status, checked, _ = _import(capsys, ws, path, "--check")
    assert status == 0 and ws.snapshot_id == before and not ws.has("indikator/nilai.parquet")
    status, imported, _ = _import(capsys, ws, path)
    assert status == 0 and ws.snapshot_id != before
    for key in ("rows_read", "rows_imported", "rejected", "codes_without_desa", "periods", "kolom"):
        assert checked[key] == imported[key], key
    assert [r["baris"] for r in checked["rejected"]] == [3] and checked["codes_without_desa_count"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("KDEPUM,bulan,tahun,k1_num,k1_den\n1906012004,Foo,2026,4,50\n", encoding="utf-8")
    status, report, _ = _import(capsys, ws, bad, "--check")  # nothing good: still a report, not an error
    assert status == 0 and report["rows_imported"] == 0 and report["rejected"][0]["baris"] == 2

"""Templates for a puskesmas or area: written with the wilayah's desa, filled in, imported with no mapping."""

import json

import openpyxl
import pandas as pd
import pytest

import commands
from realdata import KELUBI
from surveillance.catalogue import diseases

LALANG, BARU = "19.06.01.2006", "19.06.01.2007"


@pytest.fixture()
def ws(beltim_ws):
    return beltim_ws


def _run(capsys, *argv):
    status = commands.main(list(argv))
    out = capsys.readouterr()
    return status, json.loads(out.out.strip().splitlines()[-1])


def _rows_by_code(sheet, code_column: int) -> dict:
    return {sheet.cell(row=r, column=code_column).value: r for r in range(1, sheet.max_row + 1)
            if isinstance(sheet.cell(row=r, column=code_column).value, str)
            and sheet.cell(row=r, column=code_column).value.startswith("19.")}


def test_indicator_template_of_a_kecamatan_round_trips(ws, tmp_path, capsys):
    path = tmp_path / "laporan.xlsx"
    status, _ = _run(capsys, "template", "indikator", "--wilayah", "19.06.01", "--periode", "2026-09", "-o", str(path),
                     "--workspace", str(ws.root), "--json")
    assert status == 0
    wb = openpyxl.load_workbook(path)
    sheet = wb["Laporan"]
    rows = _rows_by_code(sheet, 1)
    assert len(rows) == 9 and KELUBI in rows  # the nine desa of kecamatan Manggar
    assert sheet.cell(row=rows[KELUBI], column=2).value == "Kelubi"
    assert sheet.cell(row=rows[KELUBI], column=3).value == "2026-09"
    header = {sheet.cell(row=2, column=c).value: c for c in range(4, sheet.max_column + 1) if sheet.cell(row=2, column=c).value}
    k1 = header["k1"]
    assert (sheet.cell(row=3, column=k1).value, sheet.cell(row=3, column=k1 + 1).value) == ("pembilang", "penyebut")
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.operator, validation.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert f"{openpyxl.utils.get_column_letter(k1)}{rows[KELUBI]}" in validation.sqref
    assert "A4" not in validation.sqref  # codes and names are not number cells

    sheet.cell(row=rows[KELUBI], column=k1, value=4)
    sheet.cell(row=rows[KELUBI], column=k1 + 1, value=50)
    sheet.cell(row=rows[LALANG], column=header["k6"], value=2)
    sheet.cell(row=rows[LALANG], column=header["k6"] + 1, value=30)
    wb.save(path)
    status, report = _run(capsys, "import", "indicators", str(path), "--workspace", str(ws.root), "--json")
    assert status == 0, report
    assert report["form"] == "lebar" and report["rows_imported"] == 2 and report["rejected_count"] == 0
    assert report["rows_read"] == 9 and report["empty_values"] == 9 * len(header) - 2
    nilai = ws.read_table("indikator/nilai.parquet").set_index(["kode_desa", "periode", "indikator"])
    assert nilai.loc[(KELUBI, "2026-09", "k1"), ["pembilang", "penyebut"]].tolist() == [4.0, 50.0]
    assert nilai.loc[(LALANG, "2026-09", "k6"), "penyebut"] == 30.0


def test_w2_template_of_a_puskesmas_round_trips(ws, tmp_path, capsys):
    with ws.transaction("wilayah kerja") as tx:
        tx.write_table("wilayah_kerja.parquet", pd.DataFrame({
            "kode_puskesmas": ["P1", "P1", "P2"], "nama_puskesmas": ["Manggar", "Manggar", "Lalang"],
            "kode_desa": [KELUBI, BARU, LALANG]}))
    path = tmp_path / "w2.xlsx"
    status, _ = _run(capsys, "template", "w2", "--wilayah", "P1", "--minggu", "2026-W40", "-o", str(path),
                     "--workspace", str(ws.root), "--json")
    assert status == 0
    wb = openpyxl.load_workbook(path)
    sheet = wb.active
    assert sheet["A2"].value == "Puskesmas : Manggar"
    assert sheet["A4"].value == "Tanggal 27/09/2026 s/d 03/10/2026"  # SKDR's Sunday to Saturday of ISO 2026-W40
    rows = _rows_by_code(sheet, 2)
    assert sorted(rows) == [KELUBI, BARU]
    names = {sheet.cell(row=6, column=c).value: c for c in range(4, sheet.max_column + 1)}
    assert len(names) == len(diseases())
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "whole" and validation.formula1 == "0"

    for c in names.values():
        sheet.cell(row=rows[KELUBI], column=c, value=0)
    sheet.cell(row=rows[KELUBI], column=names["A. Diare akut"], value=3)
    sheet.cell(row=rows[KELUBI], column=names["Y. Suspek HFMD"], value=1)
    wb.save(path)
    status, report = _run(capsys, "import", "cases", str(path), "--workspace", str(ws.root), "--json")
    assert status == 0, report
    assert report["w2"][0]["minggu"] == "2026-W40" and report["matched"] == len(diseases())
    # Baru left empty: it did not report
    assert [p["row"] for p in report["problems"]] == [rows[BARU]] and "tidak melapor" in report["problems"][0]["reason"]
    kasus = ws.read_table("kasus/mingguan.parquet").set_index(["minggu", "kode_desa", "penyakit"])["jumlah"]
    assert kasus[("2026-W40", KELUBI, "diare_akut")] == 3 and kasus[("2026-W40", KELUBI, "suspek_hfmd")] == 1
    assert kasus[("2026-W40", KELUBI, "ghpr")] == 0


def test_unknown_wilayah_and_missing_period_are_refused(ws, tmp_path, capsys):
    status, report = _run(capsys, "template", "w2", "--wilayah", "P9", "--minggu", "2026-W40", "-o",
                          str(tmp_path / "x.xlsx"), "--workspace", str(ws.root), "--json")
    assert status == 2 and "P9" in report["error"]
    status, report = _run(capsys, "template", "indikator", "--wilayah", "19.06.01", "-o",
                          str(tmp_path / "x.xlsx"), "--workspace", str(ws.root), "--json")
    assert status == 2 and "--periode" in report["error"]
    assert not (tmp_path / "x.xlsx").exists()

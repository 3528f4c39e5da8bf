"""SKDR W2 workbooks through ``python app.py import cases``: real desa names, merged headers, wilayah."""

import json
import shutil

import geopandas as gpd
import pandas as pd
import pytest

import commands
from realdata import KELUBI
from surveillance.w2 import read_week
from w2_forms import w2_workbook
from workspace import Workspace

LALANG, PADANG, GANTUNG, BARU = "19.06.01.2006", "19.06.01.2003", "19.06.02.2001", "19.06.01.2007"
DISEASES = ["Diare Akut", "Suspek Demam Dengue", "Pneumonia", "B. Malaria Konfirmasi", "ILI"]


@pytest.fixture()
def ws(beltim_ws):
    return beltim_ws


def _import(capsys, ws, path, *extra):
    # in English: the reasons checked below are the English texts (the default run says them in Indonesian)
    status = commands.main(["import", "cases", str(path), "--workspace", str(ws.root), "--json", "--lang", "en", *extra])
    out = capsys.readouterr()
    return status, json.loads(out.out.strip().splitlines()[-1])


def _counts(ws) -> dict:
    kasus = ws.read_table("kasus/mingguan.parquet")
    return {(r.minggu, r.kode_desa, r.penyakit): r.jumlah for r in kasus.itertuples()}


def test_w2_with_merged_headers_and_desa_names_imports_the_right_counts(ws, tmp_path, capsys):
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Manggar", week_lines=[["Minggu ke-", 40, "Tahun", 2026]], diseases=DISEASES,
                            rows=[["Kelubi", 3, None, 1, None, 2],
                                  ["Desa Lalang", 0, 2, None, None, None],
                                  ["BARU ", 0, 0, 0, 0, 0],
                                  ["Gantung", 5, 0, 0, 0, 0],       # a desa of kecamatan Gantung, not Manggar
                                  ["Tidak Ada", 1, 0, 0, 0, 0],     # no such desa
                                  ["Padang", 1, "dua", 0, 0, 0],    # an unreadable cell
                                  ["Buku Limau", None, None, None, None, None]])])  # did not report
    status, report = _import(capsys, ws, path)
    assert status == 0, report
    assert report["form"] == "W2" and report["matched"] == 15 and report["desa"] == 3
    sheet = report["w2"][0]
    assert (sheet["minggu"], sheet["puskesmas"], sheet["wilayah"]) == ("2026-W40", "Manggar", "19.06.01")
    assert sorted(sheet["penyakit"].values()) == ["diare_akut", "ili", "ispa_pneumonia", "malaria_konfirmasi", "suspek_dbd"]
    counts = _counts(ws)
    assert counts[("2026-W40", KELUBI, "diare_akut")] == 3
    assert counts[("2026-W40", KELUBI, "ispa_pneumonia")] == 1
    assert counts[("2026-W40", KELUBI, "suspek_dbd")] == 0  # blank in a row that reported: 0
    assert counts[("2026-W40", KELUBI, "ili")] == 2
    assert counts[("2026-W40", LALANG, "suspek_dbd")] == 2
    assert counts[("2026-W40", BARU, "diare_akut")] == 0
    assert not any(k[1] in (GANTUNG, PADANG) for k in counts)
    problems = {p["row"]: p for p in report["problems"]}
    # header lines 1-3, header 4-5: data from row 6
    assert set(problems) == {9, 10, 11, 12}
    assert "not a desa of 19.06.01" in problems[9]["reason"]
    assert "Gantung" in problems[9]["reason"] and GANTUNG in problems[9]["reason"]
    assert "Tidak Ada" in problems[10]["reason"]
    assert "'dua'" in problems[11]["reason"]
    assert "did not report" in problems[12]["reason"]
    assert report["unmatched"] == 2 and report["rejected"] == 2


def test_wilayah_kerja_table_limits_the_names(ws, tmp_path, capsys):
    table = pd.DataFrame({"kode_puskesmas": ["P1", "P1", "P2"], "nama_puskesmas": ["Manggar", "Manggar", "Lalang"],
                          "kode_desa": [KELUBI, BARU, LALANG]})
    with ws.transaction("wilayah kerja") as tx:
        tx.write_table("wilayah_kerja.parquet", table)
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="UPTD Puskesmas Manggar", week_lines=[["Minggu ke- 41 Tahun 2026"]],
                            diseases=DISEASES, rows=[["Kelubi", 1, 0, 0, 0, 0], ["Lalang", 2, 0, 0, 0, 0],
                                                     ["1906012007", 4, 0, 0, 0, 0]])])
    status, report = _import(capsys, ws, path)
    assert status == 0, report
    assert report["w2"][0]["wilayah"] == "Puskesmas Manggar (P1)"
    counts = _counts(ws)
    assert counts[("2026-W41", KELUBI, "diare_akut")] == 1 and counts[("2026-W41", BARU, "diare_akut")] == 4
    assert [p["row"] for p in report["problems"]] == [7] and "not a desa of Puskesmas Manggar" in report["problems"][0]["reason"]
    # --wilayah overrides the header: P2 serves Lalang only
    status, report = _import(capsys, ws, path, "--wilayah", "P2")
    assert status == 0 and report["matched"] == 5
    assert _counts(ws)[("2026-W41", LALANG, "diare_akut")] == 2


def test_one_sheet_per_week_with_date_ranges(ws, tmp_path, capsys):
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [
        dict(title="M40", puskesmas="Manggar", week_lines=[["Tanggal", "27/09/2026", "s/d", "03/10/2026"]],
             diseases=DISEASES, rows=[["Kelubi", 1, 0, 0, 0, 0]]),
        dict(title="M41", puskesmas="Manggar", week_lines=[["Tanggal 4 Oktober 2026 s/d 10 Oktober 2026"]],
             diseases=DISEASES, rows=[["Kelubi", 7, 0, 0, 0, 0], ["Kelubi", 1, 0, 0, 0, 0]]),
    ])
    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Catatan").append(["Dikirim oleh", "petugas surveilans"])
    wb.save(path)
    status, report = _import(capsys, ws, path)
    assert status == 0, report
    assert [s["sheet"] for s in report["w2"]] == ["M40", "M41"] and report["lembar_dilewati"] == ["Catatan"]
    counts = _counts(ws)
    assert counts[("2026-W40", KELUBI, "diare_akut")] == 1 and counts[("2026-W41", KELUBI, "diare_akut")] == 7
    assert [(p["sheet"], p["row"]) for p in report["problems"]] == [("M41", 7)]
    assert "already read" in report["problems"][0]["reason"]


def test_a_sheet_without_week_needs_the_option(ws, tmp_path, capsys):
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Manggar", week_lines=[], diseases=DISEASES, rows=[["Kelubi", 1, 0, 0, 0, 0]])])
    status, report = _import(capsys, ws, path)
    assert status == 2 and "gives no week" in report["error"] and "--minggu" in report["error"]
    status, report = _import(capsys, ws, path, "--minggu", "2026-W42")
    assert status == 0 and report["weeks"] == ["2026-W42", "2026-W42"]


def test_skdr_week_number_is_the_iso_week_of_its_monday():
    # Minggu ke-1 2027: Sunday 3 Jan to Saturday 9 Jan 2027; ISO 2027-W01 is Monday 4 Jan to Sunday 10 Jan
    assert read_week(["Minggu ke-1 Tahun 2027"]) == ("2027-W01", [])
    assert read_week(["03/01/2027 - 09/01/2027"]) == ("2027-W01", [])
    week, notes = read_week(["Minggu ke-2 Tahun 2027", "03/01/2027 - 09/01/2027"])
    assert week == "2027-W01" and notes and "tanggal dipakai" in notes[0]
    assert read_week(["Minggu ke-53 Tahun 2027"])[0] is None  # 2027 has 52 ISO weeks


@pytest.fixture(scope="module")
def sorkam(shared_data, tmp_path_factory):
    """Kecamatan Sorkam Barat (12.01.10): Kelurahan Sorkam Kanan (1001) and Desa Sorkam Kanan (2018)."""
    from geo.importer import import_boundaries

    root = tmp_path_factory.mktemp("sorkam")
    desa = gpd.read_parquet(shared_data / "boundaries" / "indonesia_desa_simplified.parquet",
                            filters=[("kode", ">=", "12.01.10."), ("kode", "<", "12.01.10.9")])
    assert (desa["nama"] == "Sorkam Kanan").sum() == 2
    desa.to_parquet(root / "desa.parquet")
    import_boundaries(root / "desa.parquet", root / "ws", codes=shared_data / "wilayah" / "kode_wilayah.csv")
    return Workspace(root / "ws")


def test_a_name_of_two_desa_in_the_wilayah_is_reported(sorkam, tmp_path, capsys):
    shutil.copytree(sorkam.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Sorkam Barat", week_lines=[["Minggu ke-40 Tahun 2026"]], diseases=DISEASES,
                            rows=[["Sorkam Kanan", 4, 0, 0, 0, 0], ["Kel. Sorkam Kanan", 2, 0, 0, 0, 0],
                                  ["Binasi", 1, 0, 0, 0, 0]])])
    status, report = _import(capsys, ws, path)
    assert status == 0, report
    (problem,) = report["problems"]
    assert problem["row"] == 6 and "ambiguous" in problem["reason"]
    assert "12.01.10.1001" in problem["reason"] and "12.01.10.2018" in problem["reason"]
    counts = _counts(ws)
    assert counts[("2026-W40", "12.01.10.1001", "diare_akut")] == 2
    assert ("2026-W40", "12.01.10.2018", "diare_akut") not in counts


def test_long_form_case_files_still_take_the_long_path(ws, tmp_path, capsys):
    path = tmp_path / "kasus.csv"
    path.write_text(f"minggu,tempat,penyakit,jumlah\n2026-W40,{KELUBI},Malaria konfirmasi,2\n"
                    f"2026-W40,{KELUBI},suspek HFMD,1\n", encoding="utf-8")
    status, report = _import(capsys, ws, path)
    assert status == 0 and "form" not in report and report["matched"] == 2
    assert _counts(ws)[("2026-W40", KELUBI, "suspek_hfmd")] == 1


def test_the_text_report_says_how_the_sheet_was_read(ws, tmp_path, capsys):
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Manggar", week_lines=[["Minggu ke-40 Tahun 2026"]],
                            diseases=DISEASES + ["Keterangan"], rows=[["Kelubi", 1, 0, 0, 0, 0, "baik"]])])
    assert commands.main(["import", "cases", str(path), "--workspace", str(ws.root)]) == 0
    out = capsys.readouterr().out
    assert "W2 lembar 'Minggu 1': minggu 2026-W40, puskesmas Manggar" in out and "dilewati: Keterangan" in out


def test_a_letter_line_under_the_disease_names_and_a_total_in_the_number_column(ws, tmp_path):
    import openpyxl

    from surveillance.w2 import Places, read_w2

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Puskesmas: Manggar", None, None, None])
    sheet.append(["Minggu ke", 40, "Tahun", 2026])
    sheet.append(["No", "Nama Desa/Kelurahan", "Jumlah kasus baru", None])
    sheet.append([None, None, "Diare akut", "Suspek HFMD"])
    sheet.append([None, None, "A", "Y"])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B5")
    sheet.merge_cells("C3:D3")
    sheet.append([1, "Kelubi", 2, 1])
    sheet.append(["JUMLAH", None, 2, 1])
    path = tmp_path / "w2.xlsx"
    wb.save(path)
    result = read_w2(path, Places.of_workspace(ws))
    assert result.rejected == [] and result.unmatched == []
    assert sorted(map(tuple, result.rows[["kode_desa", "penyakit", "jumlah"]].values.tolist())) == [
        (KELUBI, "diare_akut", 2), (KELUBI, "suspek_hfmd", 1)]


def test_check_reads_a_w2_and_writes_nothing(ws, tmp_path, capsys):
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Manggar", week_lines=[["Minggu ke-40 Tahun 2026"]], diseases=DISEASES,
                            rows=[["Kelubi", 3, 0, 0, 0, 0], ["Tidak Ada", 1, 0, 0, 0, 0]])])
    before = ws.snapshot_id
    status, report = _import(capsys, ws, path, "--check")
    assert status == 0 and ws.snapshot_id == before and not ws.has("kasus/mingguan.parquet")
    assert report["matched"] == 5 and [p["row"] for p in report["problems"]] == [7] and "alerts" not in report


def test_is_w2_tells_the_form_from_a_long_table(tmp_path):
    import openpyxl

    from surveillance.w2 import is_w2

    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Manggar", week_lines=[], diseases=DISEASES, rows=[["Kelubi", 1, 0, 0, 0, 0]])])
    wb = openpyxl.Workbook()
    wb.active.append(["minggu", "kode_desa", "penyakit", "jumlah"])
    wb.active.append(["2026-W40", KELUBI, "Diare akut", 3])
    wb.save(tmp_path / "long.xlsx")
    (tmp_path / "w2.csv").write_text("Desa,Diare akut\nKelubi,1\n", encoding="utf-8")
    assert is_w2(path) and not is_w2(tmp_path / "long.xlsx") and not is_w2(tmp_path / "w2.csv")


def test_a_workbook_neither_long_nor_w2_gets_the_long_forms_message(ws, tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["tanggal", "lokasi", "keterangan"])
    wb.active.append(["2026-10-01", "Kelubi", "banjir"])
    wb.save(tmp_path / "lain.xlsx")
    status, report = _import(capsys, ws, tmp_path / "lain.xlsx")
    assert status == 2 and "lacks column" in report["error"] and "minggu" in report["error"]

"""``python app.py completeness``: desa case completeness per week, and report arrivals against deadlines."""

import json

import pytest

import commands
from realdata import KELUBI
from w2_forms import w2_workbook

DISEASES = ["Diare akut", "ILI"]


@pytest.fixture()
def ws(beltim_ws):
    return beltim_ws


def _run(capsys, *argv):
    status = commands.main(list(argv))
    out = capsys.readouterr().out
    return status, out


def test_desa_case_completeness_per_week(ws, tmp_path, capsys):
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [
        dict(title="M40", puskesmas="Manggar", week_lines=[["Minggu ke-40 Tahun 2026"]], diseases=DISEASES,
             rows=[["Kelubi", 1, 0], ["Lalang", 0, 0], ["Padang", 2, 1]]),
        dict(title="M41", puskesmas="Manggar", week_lines=[["Minggu ke-41 Tahun 2026"]], diseases=DISEASES,
             rows=[["Kelubi", 1, 0], ["Lalang", None, None]]),  # Lalang and Padang did not report W41
    ])
    status, _ = _run(capsys, "import", "cases", str(path), "--workspace", str(ws.root), "--json")
    assert status == 0
    status, out = _run(capsys, "completeness", "--area", "190601", "--workspace", str(ws.root), "--json")
    assert status == 0
    result = json.loads(out)
    weeks = {r["minggu"]: r for r in result["kasus_desa"]}
    assert (weeks["2026-W40"]["desa_lapor"], weeks["2026-W40"]["desa_total"]) == (3, 3)
    assert (weeks["2026-W41"]["desa_lapor"], weeks["2026-W41"]["desa_total"]) == (1, 3)
    # the import itself is the arrival (recorded now, long after both deadlines), read from the history
    assert result["sumber_kedatangan"] == "riwayat kiriman" and result["belum_ada"] is None
    [manggar] = [r for r in result["laporan"]["jenis"]["w2"]["per_wilayah"] if r["wilayah"] == "19.06.01"]
    assert (manggar["diharapkan"], manggar["tiba"], manggar["tepat_waktu"]) == (2, 2, 0)
    status, out = _run(capsys, "completeness", "--workspace", str(ws.root))
    assert "2026-W41  desa melapor 1/3 (33%)" in out and "W2 mingguan 2026-W40 s/d 2026-W41" in out
    status, out = _run(capsys, "completeness", "--area", "19.06.02", "--workspace", str(ws.root), "--json")
    assert json.loads(out)["kasus_desa"] == []  # Gantung never reported: no reporting desa there


def test_without_saved_imports_completeness_says_there_are_no_arrivals(ws, capsys):
    status, out = _run(capsys, "completeness", "--workspace", str(ws.root), "--json")
    result = json.loads(out)
    assert status == 0 and result["laporan"] is None and "--diterima" in result["belum_ada"]


def test_report_arrivals_per_kecamatan_against_deadlines(ws, tmp_path, capsys):
    arrivals = tmp_path / "diterima.csv"
    arrivals.write_text("wilayah,jenis,periode,diterima\n"
                        "190601,w2,2026-W40,2026-10-06 11:00\n"
                        "19.06.01,w2,2026-W41,2026-10-13 12:30\n"
                        "19.06.02,w2,2026-W40,2026-10-05 09:00\n"
                        "19.06.01,indikator,2026-09,2026-10-03 10:00\n"
                        "P77,w2,2026-W40,2026-10-05 09:00\n", encoding="utf-8")
    status, out = _run(capsys, "completeness", "--area", "19.06", "--diterima", str(arrivals),
                       "--workspace", str(ws.root), "--json")
    assert status == 0, out
    part = json.loads(out)["laporan"]
    assert part["tingkat"] == "kecamatan" and part["zona_waktu"] == "Asia/Jakarta"
    w2 = part["jenis"]["w2"]
    assert w2["periode"] == ["2026-W40", "2026-W41"] and w2["wilayah_lain"] == ["P77"]
    units = {r["wilayah"]: r for r in w2["per_wilayah"]}
    assert len(units) == 7  # the seven kecamatan of Belitung Timur
    assert (units["19.06.01"]["tiba"], units["19.06.01"]["tepat_waktu"], units["19.06.01"]["kelengkapan"]) == (2, 1, 100.0)
    assert units["19.06.01"]["ketepatan"] == 50.0 and not units["19.06.01"]["tepat_memenuhi"]
    assert (units["19.06.02"]["tiba"], units["19.06.02"]["kelengkapan"]) == (1, 50.0)
    weeks = {r["periode"]: r for r in w2["per_periode"]}
    assert (weeks["2026-W40"]["tiba"], weeks["2026-W40"]["diharapkan"]) == (2, 7)
    monthly = {r["wilayah"]: r for r in part["jenis"]["indikator"]["per_wilayah"]}
    assert monthly["19.06.01"]["tepat_waktu"] == 1 and monthly["19.06.03"]["tiba"] == 0

    # in WITA the 12:30 arrival for W41 is still late, and --sekarang before W41's deadline leaves W41 out
    status, out = _run(capsys, "completeness", "--area", "19.06", "--diterima", str(arrivals), "--zona-waktu", "WITA",
                       "--sekarang", "2026-10-12T08:00", "--workspace", str(ws.root), "--json")
    w2 = json.loads(out)["laporan"]["jenis"]["w2"]
    units = {r["wilayah"]: r for r in w2["per_wilayah"]}
    assert (units["19.06.01"]["diharapkan"], units["19.06.01"]["tepat_waktu"]) == (1, 1)

    (ws.root / "pengaturan.json").write_text(json.dumps({"laporan": {"w2_jam": "13:00"}}), encoding="utf-8")
    status, out = _run(capsys, "completeness", "--area", "19.06", "--diterima", str(arrivals),
                       "--workspace", str(ws.root))
    assert status == 0
    line = next(x for x in out.splitlines() if x.strip().startswith("19.06.01") and "tiba 2/2" in x)
    assert "tepat waktu 2/2 (100%)" in line  # the workspace's own deadline, 13:00


def test_with_the_real_wilayah_kerja_units_are_puskesmas_and_w2_names_stay_in_theirs(ws, tmp_path, capsys):
    from puskesmas import import_puskesmas
    from wilayah_kerja import LALANG, MANGGAR, wilayah_kerja_frame

    csv = tmp_path / "wilayah_kerja.csv"
    wilayah_kerja_frame(ws.read_table("boundaries/desa.parquet", columns=["kode"])["kode"]).to_csv(csv, index=False)
    import_puskesmas(ws, csv)
    # Puskesmas Lalang's W2 by name: Baru is its desa, Kelubi is Puskesmas Manggar's (same kecamatan)
    path = tmp_path / "w2.xlsx"
    w2_workbook(path, [dict(puskesmas="Lalang", week_lines=[["Minggu ke-40 Tahun 2026"]], diseases=DISEASES,
                            rows=[["Baru", 2, 0], ["Kelubi", 1, 0]])])
    status, out = _run(capsys, "import", "cases", str(path), "--workspace", str(ws.root), "--json")
    report = json.loads(out)
    assert status == 0 and report["w2"][0]["wilayah"] == f"Puskesmas Lalang ({LALANG})"
    assert report["matched"] == 2 and [p["row"] for p in report["problems"]] == [7]
    assert "bukan desa di" in report["problems"][0]["reason"] and KELUBI in report["problems"][0]["reason"]

    arrivals = tmp_path / "diterima.csv"
    arrivals.write_text(f"wilayah,jenis,periode,diterima\n{LALANG},w2,2026-W40,2026-10-06 10:00\n"
                        f"{MANGGAR},w2,2026-W40,2026-10-07 10:00\n", encoding="utf-8")
    status, out = _run(capsys, "completeness", "--area", "19.06.01", "--diterima", str(arrivals),
                       "--workspace", str(ws.root), "--json")
    part = json.loads(out)["laporan"]
    assert part["tingkat"] == "puskesmas"
    units = {r["wilayah"]: r for r in part["jenis"]["w2"]["per_wilayah"]}
    assert set(units) == {MANGGAR, LALANG}  # kecamatan Manggar is served by two puskesmas

    template = tmp_path / "lalang.xlsx"
    status, _ = _run(capsys, "template", "w2", "--wilayah", LALANG, "--minggu", "2026-W41", "-o", str(template),
                     "--workspace", str(ws.root))
    import openpyxl

    sheet = openpyxl.load_workbook(template).active
    assert sheet["A2"].value == "Puskesmas : Lalang"
    assert sorted(sheet.cell(row=r, column=2).value for r in range(7, sheet.max_row + 1)) == [
        "19.06.01.2007", "19.06.01.2010", "19.06.01.2012", "19.06.01.2013"]
    assert (units[LALANG]["tepat_waktu"], units[MANGGAR]["tiba"], units[MANGGAR]["tepat_waktu"]) == (1, 1, 0)

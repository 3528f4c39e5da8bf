"""Case import through the CLI into a hand-made workspace, and the dashboard API on the result."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import surveillance
from commands import main
from surveillance.weeks import week_range
from workspace.store import Workspace

KEC = {"29.01.01": "Kecamatan Barat", "29.01.02": "Kecamatan Timur"}


def _desa_grid(side: int = 4) -> gpd.GeoDataFrame:
    """side × side square desa (0.02° each); left half in kecamatan 01, right half in 02."""
    rows = []
    for i in range(side):
        for j in range(side):
            kec = "29.01.01" if j < side // 2 else "29.01.02"
            rows.append((f"{kec}.2{i}{j:02d}", f"Desa {i}-{j}", kec, shapely.box(110 + 0.02 * j, -6 + 0.02 * i, 110.02 + 0.02 * j, -5.98 + 0.02 * i)))
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=["kode", "nama", "induk", "geometry"]), crs=4326)


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "ws")
    desa = _desa_grid()
    fas = pd.DataFrame({
        "id": [f"PY-{k[-4:]}-{m}" for k in desa["kode"] for m in (1, 2)], "nama": "Posyandu", "jenis": "posyandu",
        "kode_desa": [k for k in desa["kode"] for _ in (1, 2)], "lat": -6.0, "lon": 110.0, "ilp_aktif": True,
        "lapor_bulan_ini": True,
    })
    kec = gpd.GeoDataFrame({"kode": list(KEC), "nama": list(KEC.values()), "induk": "29.01"},
                           geometry=[shapely.box(0, 0, 1, 1)] * 2, crs=4326)
    with ws.transaction("boundaries") as tx:
        tx.write_table("boundaries/desa.parquet", desa)
        tx.write_table("boundaries/kecamatan.parquet", kec)
        tx.write_table("fasilitas.parquet", fas)
    return ws


def _history_csv(path, desa_codes, weeks, outbreak_desa=(), outbreak_weeks=()):
    rng = np.random.default_rng(3)
    lines = ["minggu,tempat,penyakit,jumlah"]
    for w in weeks:
        for k in desa_codes:
            n = int(rng.poisson(2))
            if k in outbreak_desa and w in outbreak_weeks:
                n += 12
            lines.append(f"{w},{k.replace('.', '')},diare,{n}")  # undotted codes, as spreadsheets write them
    path.write_text("\n".join(lines) + "\n")


def test_import_report_counts_rows_by_outcome(workspace, tmp_path, capsys):
    f = tmp_path / "kasus.csv"
    f.write_text(
        "Minggu,Tempat,Penyakit,Jumlah\n"
        "2026-W10,PY-2000-1,Diare akut,3\n"          # 2 posyandu id
        "2026-03-04,2901012001,ispa,2\n"              # 3 date in 2026-W10, undotted desa code
        "2026-W10,29.01.01.2999,diare,1\n"            # 4 desa not in the workspace -> unmatched
        "2026-W10,PY-9999-1,diare,1\n"                # 5 unknown posyandu -> unmatched
        "2026-W10,29.01.01,diare,1\n"                 # 6 kecamatan code -> rejected
        "minggu 10,PY-2000-1,diare,1\n"               # 7 bad week -> rejected
        "2026-W10,PY-2000-2,cacar,1\n"                # 8 unknown disease -> rejected
        "2026-W10,PY-2000-2,diare,-1\n"               # 9 negative -> rejected
        "2026-W10,PY-2000-2,diare,\n"                 # 10 empty count -> rejected
        "2026-W10,PY-2000-1,diare_akut,4\n"           # 11 duplicate of row 2 -> rejected
    )
    assert main(["import", "cases", str(f), "--workspace", str(workspace.root), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["rows_read"], report["matched"], report["unmatched"], report["rejected"]) == (10, 2, 2, 6)
    assert [p["row"] for p in report["problems"]] == [4, 5, 6, 7, 8, 9, 10, 11]
    assert "sama dengan baris 2" in report["problems"][-1]["reason"]
    assert "adalah kode kecamatan" in report["problems"][2]["reason"]
    kasus = workspace.read_table("kasus/mingguan.parquet")
    assert sorted(kasus[["minggu", "kode_desa", "penyakit", "jumlah", "tempat"]].values.tolist()) == [
        ["2026-W10", "29.01.01.2000", "diare_akut", 3, "PY-2000-1"],
        ["2026-W10", "29.01.01.2001", "ispa_pneumonia", 2, "29.01.01.2001"],
    ]
    assert kasus["jumlah"].dtype == np.int64
    assert workspace.manifest["kasus"]["minggu"] == ["2026-W10", "2026-W10"]


def test_failed_import_changes_nothing(workspace, tmp_path, capsys):
    before = workspace.snapshot_id
    bad = tmp_path / "bad.csv"
    bad.write_text("minggu,tempat,penyakit,jumlah\nxx,PY-2000-1,diare,1\n")
    assert main(["import", "cases", str(bad), "--workspace", str(workspace.root)]) == 2
    assert "Tidak ada baris" in capsys.readouterr().err
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("minggu,desa,jumlah\n2026-W10,2901012000,1\n")
    assert main(["import", "cases", str(nocol), "--workspace", str(workspace.root), "--json"]) == 2
    assert "penyakit" in json.loads(capsys.readouterr().out)["error"]
    assert workspace.snapshot_id == before


def test_outbreak_becomes_alerts_cluster_series_and_completeness(workspace, tmp_path, capsys):
    desa = workspace.read_geo("boundaries/desa.parquet")
    codes = list(desa["kode"])
    weeks = week_range("2026-W20", 40)
    outbreak = {"29.01.01.2000", "29.01.01.2001", "29.01.01.2100"}  # a corner desa and its two neighbours
    f = tmp_path / "riwayat.csv"
    _history_csv(f, codes, weeks, outbreak, weeks[-2:])
    assert main(["import", "cases", str(f), "--workspace", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert f"{40 * 16} baris dibaca, {40 * 16} cocok" in out  # Bahasa Indonesia unless --lang en

    clusters = surveillance.read_clusters(workspace)
    top = clusters.iloc[0]
    assert top["penyakit"] == "diare_akut" and top["p"] <= 0.01
    assert len(outbreak & set(top["kode_desa"])) >= 2
    assert top["minggu"][-1] == "2026-W20" and top["recurrence"] == pytest.approx(1 / top["p"])

    alerts = surveillance.read_alerts(workspace, week="2026-W20")
    assert list(alerts.columns[:10]) == ["kode_desa", "nama_desa", "kode_kecamatan", "nama_kecamatan", "penyakit",
                                         "nama_penyakit", "minggu", "observed", "expected", "upper"]
    flagged = set(alerts.loc[alerts["method"] == "Klaster ruang-waktu", "kode_desa"])
    assert len(flagged & outbreak) >= 2
    assert alerts["nama_kecamatan"].iloc[0] == "Kecamatan Barat"
    assert (alerts["severity"].iloc[0]) == "tinggi"
    everything = surveillance.read_alerts(workspace)
    assert everything["minggu"].is_monotonic_decreasing

    areas = surveillance.alert_areas(workspace, "kecamatan", week="2026-W20")
    barat = areas.set_index("kode").loc["29.01.01"]
    assert barat["severity"] == "tinggi" and "diare_akut" in barat["penyakit"]
    assert set(areas["kode"]) == {k[:8] for k in alerts["kode_desa"]}
    assert surveillance.alert_areas(workspace, "kabkota", week="2026-W20")["kode"].tolist() == ["29.01"]
    shapes = surveillance.cluster_shapes(workspace)
    union = desa.set_index("kode").loc[top["kode_desa"]].geometry.union_all()
    assert shapes.geometry.iloc[0].symmetric_difference(union).area < 1e-12

    places = surveillance.cases_by_place(workspace, week="2026-W20", kode="29.01.01.2000")
    kasus_now = workspace.read_table("kasus/mingguan.parquet")
    expected_n = kasus_now.query("minggu == '2026-W20' and kode_desa == '29.01.01.2000'")["jumlah"].sum()
    assert places["tempat"].tolist() == ["29.01.01.2000"] and places["diare_akut"].tolist() == [expected_n]

    series = surveillance.weekly_series(workspace, "29.01.01", "diare_akut")
    assert list(series.columns) == ["minggu", "jumlah", "expected", "upper", "alarm"]
    assert series["minggu"].tolist() == weeks
    kasus = workspace.read_table("kasus/mingguan.parquet")
    in_kec = kasus[kasus["kode_desa"].str.startswith("29.01.01.")]
    assert series["jumlah"].tolist() == in_kec.groupby("minggu")["jumlah"].sum().reindex(weeks).astype(float).tolist()
    assert bool(series["alarm"].iloc[-1]) or bool(series["alarm"].iloc[-2])

    # a later file with one desa's report for a new week: merged, and that week is incomplete
    later = tmp_path / "minggu21.csv"
    later.write_text("minggu,tempat,penyakit,jumlah\n2026-W21,2901012000,diare,1\n")
    assert main(["import", "cases", str(later), "--workspace", str(workspace.root)]) == 0
    capsys.readouterr()
    weekly = surveillance.completeness(workspace, "29.01")
    last = weekly.iloc[-1]
    assert (last["minggu"], last["desa_lapor"], last["desa_total"]) == ("2026-W21", 1, 16)
    assert weekly["persen_desa"].iloc[0] == 100.0
    per_desa = surveillance.completeness(workspace, "29.01.01.2000", by="desa")
    assert per_desa[["minggu_lapor", "minggu_total"]].values.tolist() == [[41, 41]]
    # W21: one desa reported so far, too few to scan; W20's clusters are kept
    assert surveillance.read_clusters(workspace, week="2026-W21").empty
    assert surveillance.read_clusters(workspace).empty  # the latest week, W21, has no cluster (yet)
    assert surveillance.read_clusters(workspace, week="2026-W20")["klaster_id"].tolist() == clusters["klaster_id"].tolist()
    s = surveillance.weekly_series(workspace, "29.01.02", "diare_akut")
    assert np.isnan(s["jumlah"].iloc[-1])  # nobody in kecamatan 02 reported W21: missing, not 0
    assert not s["alarm"].iloc[-1]

    assert main(["alerts", "--workspace", str(workspace.root), "--week", "2026-W20", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["alerts"]
    assert len(listed) == len(alerts) and listed[0]["kode_desa"] == alerts["kode_desa"].iloc[0]
    assert main(["alerts", "--workspace", str(workspace.root), "--week", "2026-W20"]) == 0
    assert "Diare akut" in capsys.readouterr().out


def test_readers_on_a_workspace_without_cases(workspace):
    assert surveillance.read_alerts(workspace).empty
    assert surveillance.read_clusters(workspace).empty
    assert surveillance.weekly_series(workspace, "29", "diare_akut").empty
    assert set(surveillance.diseases()["id"]) >= {"diare_akut", "ispa_pneumonia", "suspek_dbd"}


def test_excel_numbers_and_dates_and_the_skdr_week(tmp_path):
    from datetime import datetime

    from surveillance.importer import read_case_file

    path = tmp_path / "kasus.xlsx"
    pd.DataFrame({
        "Tanggal": [datetime(2026, 10, 4), datetime(2026, 10, 5)],  # a Sunday, then a Monday
        "Kode_Desa": [2901012000, 2901012000.0],  # Excel turned codes into numbers
        "Penyakit": ["DBD", "ISPA"],
        "Kasus": [2, 3.0],
    }).to_excel(path, index=False)
    codes = {"29.01.01.2000"}
    iso = read_case_file(path, codes)
    assert iso.rows[["minggu", "kode_desa", "penyakit", "jumlah"]].values.tolist() == [
        ["2026-W40", "29.01.01.2000", "suspek_dbd", 2], ["2026-W41", "29.01.01.2000", "ispa_pneumonia", 3]]
    skdr = read_case_file(path, codes, convention="skdr")  # SKDR weeks run Sunday to Saturday
    assert skdr.rows["minggu"].tolist() == ["2026-W41", "2026-W41"]


def test_kabupaten_rules_file_on_import(workspace, tmp_path, capsys):
    f = tmp_path / "kasus.csv"
    f.write_text("minggu,tempat,penyakit,jumlah\n2026-W10,2901012000,diare,3\n2026-W10,2901012001,diare,2\n")
    rules = tmp_path / "ambang.csv"
    rules.write_text("kode_kabkota,penyakit,aturan,nilai,minggu_pembanding,minimal,wilayah,catatan\n"
                     "29.01,diare_akut,ambang,3,,,desa,kabupaten: 3 kasus diare seminggu\n")
    assert main(["import", "cases", str(f), "--workspace", str(workspace.root), "--ambang", str(rules)]) == 0
    alerts = surveillance.read_alerts(workspace, week="2026-W10")
    assert alerts[["kode_desa", "observed", "method"]].values.tolist() == [["29.01.01.2000", 3.0, "SKDR ≥3 kasus"]]
    before = workspace.snapshot_id
    bad = tmp_path / "bad.csv"
    bad.write_text("kode_kabkota,penyakit\n29.01,diare_akut\n")
    assert main(["import", "cases", str(f), "--workspace", str(workspace.root), "--ambang", str(bad)]) == 2
    assert "tidak punya kolom" in capsys.readouterr().err and workspace.snapshot_id == before

"""Facility import on three hand-built square desa, answers worked out by hand.

Desa (lon × lat), all between lat -4.1 and -4.0:
    29.01.01.2001  110.0–110.1
    29.01.01.2002  110.1–110.2
    29.01.01.2003  110.2–110.3
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from commands import main
from errors import PwsError
from facilities import import_facilities, place_facilities, read_facility_file
from texts.message import said
from workspace.store import Workspace

CSV = """\
id,nama,jenis,lat,lon,kode_desa,ilp_aktif,lapor_bulan_ini
P1,Posyandu Melati,posyandu,-4.05,110.05,29.01.01.2001,ya,ya
P2,Posyandu Mawar,posyandu,-4.05,110.15,29.01.01.2001,tidak,ya
P3,Posyandu Laut,posyandu,-4.05,110.50,,ya,tidak
P4,Posyandu Kosong,posyandu,,110.05,,ya,ya
P5,Posyandu Jauh,posyandu,95,110.05,,ya,ya
P6,Posyandu Tertukar,posyandu,110.15,-4.05,29.01.01.2002,1,0
P7,Posyandu Utara,posyandu,utara,110.05,,ya,ya
S1,Pustu Sukamaju,Puskesmas Pembantu,-4.02,110.25,2901012003,ya,sudah
X1,Polindes Lama,polindes,-4.05,110.05,,ya,ya
P1,Posyandu Melati Lagi,posyandu,-4.06,110.06,,ya,ya
P8,Posyandu Koma,posyandu,"-4,05","110,25",29.01.01.2009,mungkin,ya
,Posyandu Tanpa Id,posyandu,-4.05,110.05,,ya,ya
P9,Posyandu Kode Kecamatan,posyandu,-4.07,110.07,29.01.01,tidak,belum
"""


@pytest.fixture
def squares(tmp_path) -> Workspace:
    desa = gpd.GeoDataFrame(
        {
            "kode": ["29.01.01.2001", "29.01.01.2002", "29.01.01.2003"],
            "nama": ["Satu", "Dua", "Tiga"],
            "induk": ["29.01.01"] * 3,
        },
        geometry=[box(110.0, -4.1, 110.1, -4.0), box(110.1, -4.1, 110.2, -4.0), box(110.2, -4.1, 110.3, -4.0)],
        crs="EPSG:4326",
    )
    ws = Workspace(tmp_path / "ws")
    with ws.transaction("boundaries") as tx:
        tx.write_table("boundaries/desa.parquet", desa)
    return ws


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "posyandu.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_hand_made_points_give_exactly_the_expected_report(squares, csv_file):
    report = import_facilities(squares, csv_file)
    assert report["rows"] == 13
    assert report["imported"] == 6  # P1, P2, P6, S1, P8, P9
    assert report["by_jenis"] == {"posyandu": 5, "pustu": 1}
    assert said(report["bad_coordinates"], "en") == [
        {"row": 5, "id": "P4", "lat": None, "lon": 110.05, "problem": "latitude or longitude empty or not a number"},
        {"row": 6, "id": "P5", "lat": 95.0, "lon": 110.05, "problem": "latitude beyond ±90 or longitude beyond ±180"},
        {"row": 8, "id": "P7", "lat": None, "lon": 110.05, "problem": "latitude or longitude empty or not a number"},
    ]
    assert report["swapped_coordinates"] == [{"row": 7, "id": "P6", "lat": 110.15, "lon": -4.05}]
    # 0.2° of longitude east of the last square at latitude 4° S is about 22.2 km
    [outside] = report["outside_desa"]
    assert {k: outside[k] for k in ("row", "id", "nearest_desa")} == {"row": 4, "id": "P3", "nearest_desa": "29.01.01.2003"}
    assert outside["distance_m"] == pytest.approx(22_200, rel=0.01)
    assert report["desa_mismatch"] == [
        {"row": 3, "id": "P2", "kode_desa_file": "29.01.01.2001", "kode_desa": "29.01.01.2002", "file_code_exists": True},
        {"row": 12, "id": "P8", "kode_desa_file": "29.01.01.2009", "kode_desa": "29.01.01.2003", "file_code_exists": False},
    ]
    assert report["invalid_desa_code"] == [{"row": 14, "id": "P9", "kode_desa": "29.01.01"}]
    assert report["missing_id"] == [{"row": 13}]
    assert report["duplicate_id"] == [{"row": 11, "id": "P1", "first_row": 2}]
    assert report["unknown_jenis"] == [{"row": 10, "id": "X1", "jenis": "polindes"}]
    assert report["unknown_status"] == [{"row": 12, "id": "P8", "column": "ilp_aktif", "value": "mungkin"}]

    written = squares.read_table("fasilitas.parquet").set_index("id")
    assert list(written.index) == ["P1", "P2", "P6", "S1", "P8", "P9"]
    assert written["kode_desa"].to_dict() == {
        "P1": "29.01.01.2001",
        "P2": "29.01.01.2002",  # the coordinates win over the declared code
        "P6": "29.01.01.2002",
        "S1": "29.01.01.2003",
        "P8": "29.01.01.2003",
        "P9": "29.01.01.2001",  # a kecamatan code names no desa: placed by its point
    }
    assert written.loc["P6", ["lat", "lon"]].tolist() == [-4.05, 110.15]  # swapped back
    assert written.loc["P8", ["lat", "lon"]].tolist() == [-4.05, 110.25]  # decimal comma
    assert written["jenis"].to_dict()["S1"] == "pustu"
    assert written["ilp_aktif"].tolist() == [True, False, True, True, False, False]
    assert written["lapor_bulan_ini"].tolist() == [True, True, False, True, True, False]
    assert squares.manifest["fasilitas"]["counts"] == {"posyandu": 5, "pustu": 1}


def test_a_point_on_a_shared_border_goes_to_its_declared_desa_else_the_lower_code(squares, tmp_path):
    path = tmp_path / "border.csv"
    path.write_text(
        "kode_posyandu,nama_posyandu,latitude,longitude,kd_desa\n"
        "B1,Di Batas,-4.05,110.1,2901012002\n"
        "B2,Di Batas Juga,-4.05,110.1,\n",
        encoding="utf-8",
    )
    report = import_facilities(squares, path)
    assert report["desa_mismatch"] == [] and report["outside_desa"] == []
    written = squares.read_table("fasilitas.parquet").set_index("id")
    assert written["kode_desa"].to_dict() == {"B1": "29.01.01.2002", "B2": "29.01.01.2001"}
    assert set(written["jenis"]) == {"posyandu"}  # no jenis column: a posyandu list


def test_excel_with_other_column_names(squares, tmp_path):
    path = tmp_path / "fasilitas.xlsx"
    pd.DataFrame(
        {
            "Kode Fasilitas": ["K1", "K2"],
            "Nama": ["Puskesmas Dua", "Posyandu Tiga"],
            "Jenis": ["PKM", "Posyandu"],
            "Lintang": [-4.05, -4.05],
            "Bujur": [110.15, 110.25],
            "KDEPUM": [2901012002.0, 2901012003.0],
        }
    ).to_excel(path, index=False)
    report = import_facilities(squares, path)
    assert report["imported"] == 2 and report["desa_mismatch"] == [] and report["invalid_desa_code"] == []
    written = squares.read_table("fasilitas.parquet")
    assert written[["id", "jenis", "kode_desa"]].values.tolist() == [
        ["K1", "puskesmas", "29.01.01.2002"],
        ["K2", "posyandu", "29.01.01.2003"],
    ]


def test_geojson_points_use_their_geometry_and_reject_other_shapes(squares, tmp_path):
    path = tmp_path / "posyandu.geojson"
    gpd.GeoDataFrame(
        {"id": ["G1", "G2", "G3"], "nama": ["Satu", "Garis", "Dua"], "type": ["posyandu", "posyandu", "pustu"], "lat": [0, 0, 0]},
        geometry=[Point(110.05, -4.05), LineString([(110.0, -4.0), (110.1, -4.1)]), Point(110.15, -4.05)],
        crs="EPSG:4326",
    ).to_file(path, driver="GeoJSON")
    report = import_facilities(squares, path)
    assert said(report["bad_coordinates"], "en") == [
        {"row": 2, "id": "G2", "lat": None, "lon": None, "problem": "geometry is a LineString, not a point"}
    ]
    written = squares.read_table("fasilitas.parquet")
    assert written[["id", "jenis", "kode_desa", "lat"]].values.tolist() == [
        ["G1", "posyandu", "29.01.01.2001", -4.05],
        ["G3", "pustu", "29.01.01.2002", -4.05],
    ]


def test_failed_import_leaves_the_workspace_unchanged(squares, csv_file, tmp_path):
    import_facilities(squares, csv_file)
    before = squares.snapshot_id
    table = squares.read_table("fasilitas.parquet")

    all_bad = tmp_path / "bad.csv"
    all_bad.write_text("id,lat,lon\nQ1,,\nQ2,-4.05,120.0\nQ3,9551234,612345\n", encoding="utf-8")
    with pytest.raises(PwsError, match=r"tidak satu pun dari 3 barisnya.*2 koordinat salah; 1 di luar semua desa.*Tidak ada yang diubah"):
        import_facilities(squares, all_bad)
    rows = read_facility_file(all_bad)
    _, report = place_facilities(rows, squares.read_geo("boundaries/desa.parquet"))
    assert report["bad_coordinates"][1]["problem"].text("en").startswith("coordinates look like metres")

    no_lon = tmp_path / "nolon.csv"
    no_lon.write_text("id,lat,bujur_x\nQ1,-4.05,110.05\n", encoding="utf-8")
    with pytest.raises(PwsError, match=r"tidak ada kolom untuk lon.*lng, long, longitude"):
        import_facilities(squares, no_lon)

    shapefile = tmp_path / "posyandu.shp"
    shapefile.write_bytes(b"")
    with pytest.raises(PwsError, match=r"berkas '\.shp' tidak bisa dibaca"):
        import_facilities(squares, shapefile)

    assert squares.snapshot_id == before
    pd.testing.assert_frame_equal(squares.read_table("fasilitas.parquet"), table)
    assert not list((squares.root / "snapshots").glob("*.partial"))


def test_a_posyandu_list_replaces_posyandu_and_keeps_the_other_kinds(squares, tmp_path):
    first = tmp_path / "all.csv"
    first.write_text(
        "id,jenis,lat,lon\nA,posyandu,-4.05,110.05\nB,pustu,-4.05,110.15\nC,puskesmas,-4.05,110.25\n", encoding="utf-8"
    )
    import_facilities(squares, first)
    second = tmp_path / "posyandu.csv"
    second.write_text("id,lat,lon\nD,-4.02,110.02\n", encoding="utf-8")
    report = import_facilities(squares, second)
    assert report["replaced"] == {"posyandu": 1}
    assert report["kept"] == {"puskesmas": 1, "pustu": 1}
    written = squares.read_table("fasilitas.parquet")
    assert sorted(written["id"]) == ["B", "C", "D"]


def test_import_needs_desa_boundaries(tmp_path, csv_file):
    with pytest.raises(PwsError, match="belum berisi batas desa"):
        import_facilities(Workspace(tmp_path / "empty"), csv_file)


def test_reader_numbers_rows_as_a_spreadsheet_does(csv_file):
    rows = read_facility_file(csv_file)
    assert rows["baris"].tolist() == list(range(2, 15))
    assert list(rows.columns) == ["baris", "id", "nama", "jenis", "lat", "lon", "kode_desa", "ilp_aktif", "lapor_bulan_ini"]


def test_semicolon_csv_as_indonesian_excel_writes_it(squares, tmp_path):
    path = tmp_path / "titik.csv"
    path.write_text("\ufeffID;Nama;Latitude;Longitude\nT1;Posyandu Dahlia;-4,05;110,05\n", encoding="utf-8")
    report = import_facilities(squares, path)
    assert report["imported"] == 1
    assert squares.read_table("fasilitas.parquet")[["lat", "lon", "kode_desa"]].values.tolist() == [
        [-4.05, 110.05, "29.01.01.2001"]
    ]


def test_demo_facilities_round_trip_through_a_csv(demo_workspace, tmp_path):
    """Exported demo facilities import back into the same desa without a single report."""
    ws = Workspace(tmp_path / "copy")
    with ws.transaction("boundaries") as tx:
        tx.write_table("boundaries/desa.parquet", demo_workspace.read_geo("boundaries/desa.parquet"))
    original = demo_workspace.read_table("fasilitas.parquet")
    path = tmp_path / "fasilitas.csv"
    original.assign(kode_desa=original["kode_desa"].str.replace(".", "")).to_csv(path, index=False)
    report = import_facilities(ws, path)
    assert report["imported"] == len(original)
    assert all(report[k] == [] for k in ("bad_coordinates", "outside_desa", "desa_mismatch", "unknown_status"))
    pd.testing.assert_frame_equal(ws.read_table("fasilitas.parquet"), original, check_dtype=False)


def test_cli_json_and_text(squares, csv_file, capsys):
    assert main(["import", "posyandu", str(csv_file), "--workspace", str(squares.root), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] == 6 and [p["row"] for p in report["desa_mismatch"]] == [3, 12]

    assert main(["import", "posyandu", str(csv_file), "--workspace", str(squares.root), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "13 rows, 6 imported (5 posyandu, 1 pustu)" in out
    assert "row 13: no id: not imported" in out
    assert "row 4 (P3): point (-4.05, 110.5) is outside every desa" in out
    assert "row 3 (P2): declared desa 29.01.01.2001, but the point lies in 29.01.01.2002: placed in 29.01.01.2002" in out

    missing = csv_file.with_name("nope.csv")
    assert main(["import", "posyandu", str(missing), "--workspace", str(squares.root), "--json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"error": f"{missing}: berkas tidak ditemukan. Periksa jalurnya."}
    assert "Traceback" not in captured.err


def test_posyandu_in_real_belitung_timur_desa(shared_data, tmp_path):
    """Real polygons: a point inside Desa Kelubi, one in the sea off Manggar, one with a stale code."""
    desa = gpd.read_file(shared_data / "boundaries" / "shp" / "desa_1906_belitung_timur.shp")
    ws = Workspace(tmp_path / "beltim")
    with ws.transaction("boundaries") as tx:
        tx.write_table("boundaries/desa.parquet", desa)
    kelubi = desa.loc[desa["kode"] == "19.06.01.2004", "geometry"].iloc[0].representative_point()
    padang = desa.loc[desa["kode"] == "19.06.01.2003", "geometry"].iloc[0].representative_point()
    path = tmp_path / "posyandu_beltim.csv"
    pd.DataFrame(
        {
            "kode_posyandu": ["K1", "K2", "K3"],
            "nama_posyandu": ["Posyandu Kelubi", "Posyandu Laut", "Posyandu Padang"],
            "latitude": [kelubi.y, -2.87, padang.y],
            "longitude": [kelubi.x, 108.40, padang.x],
            "kd_desa": ["1906012004", "1906012004", "1906012004"],
        }
    ).to_csv(path, index=False)
    report = import_facilities(ws, path)
    assert report["imported"] == 2
    assert [(o["row"], o["id"]) for o in report["outside_desa"]] == [(3, "K2")]
    assert [(m["row"], m["kode_desa"]) for m in report["desa_mismatch"]] == [(4, "19.06.01.2003")]
    written = ws.read_table("fasilitas.parquet")
    assert written[["id", "kode_desa"]].values.tolist() == [["K1", "19.06.01.2004"], ["K3", "19.06.01.2003"]]


def test_a_posyandu_moved_or_dropped_after_cases_were_imported_is_reported(squares, tmp_path, capsys):
    from surveillance import import_cases

    first = tmp_path / "posyandu.csv"
    first.write_text("id,lat,lon\nA,-4.05,110.05\nB,-4.05,110.15\nC,-4.05,110.25\n", encoding="utf-8")
    import_facilities(squares, first)
    cases = tmp_path / "kasus.csv"
    cases.write_text("minggu,tempat,penyakit,jumlah\n2026-W10,A,diare,2\n2026-W11,A,diare,1\n2026-W10,B,diare,3\n"
                     "2026-W10,C,diare,1\n", encoding="utf-8")
    import_cases(squares, cases)
    # A is corrected into desa 2002, B stays, C is no longer listed
    second = tmp_path / "posyandu2.csv"
    second.write_text("id,lat,lon\nA,-4.05,110.12\nB,-4.05,110.15\n", encoding="utf-8")
    assert main(["import", "posyandu", str(second), "--workspace", str(squares.root), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kasus"] == {
        "moved": [{"id": "A", "rows": 2, "dari": "29.01.01.2001", "ke": "29.01.01.2002"}],
        "gone": [{"id": "C", "rows": 1}],
    }
    assert main(["import", "posyandu", str(second), "--workspace", str(squares.root), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # A's cases still count in 2001; C already left the list in the first run
    assert "1 place(s) now lie in another desa and 0 are no longer listed" in out
    assert "--ganti" in out

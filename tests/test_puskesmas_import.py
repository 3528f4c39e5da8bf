"""``import puskesmas``: each rule on hand-made tables over hand-made squares, then the real Belitung Timur."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely

from commands import main
from puskesmas import WILAYAH_KERJA_FILE, import_puskesmas
from puskesmas.geometry import DISPLAY_FILE, FULL_FILE
from tests.indicator_workspace import make_workspace


@pytest.fixture
def squares(tmp_path):
    """Desa 19.06.01.2001-2003, 19.06.02.2001, 19.05.01.2001, 32.16.01.2001 as unit squares side by side."""
    return make_workspace(tmp_path / "ws")


def _csv(tmp_path, text: str, name="wk.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_puskesmas_their_desa_and_geometry(squares, tmp_path):
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa,lat,lon\n"
                          "P1,Puskesmas Satu,1906012001,-2.8,108.2\n"
                          "P1,Puskesmas Satu,19.06.01.2002,,\n"
                          "P2,Puskesmas Dua,19.06.01.2003,,\n"
                          "P2,Puskesmas Dua,19.06.02.2001,,\n")
    report = import_puskesmas(squares, path)
    table = squares.read_table(WILAYAH_KERJA_FILE)
    assert table[["kode_puskesmas", "kode_desa"]].values.tolist() == [
        ["P1", "19.06.01.2001"], ["P1", "19.06.01.2002"], ["P2", "19.06.01.2003"], ["P2", "19.06.02.2001"]]
    # the building point of P1, given once, is on each of its rows; P2 gave none
    assert table.loc[table.kode_puskesmas == "P1", "lat"].tolist() == [-2.8, -2.8]
    assert table.loc[table.kode_puskesmas == "P2", "lat"].isna().all()
    assert (report["puskesmas"], report["desa_assigned"], report["desa_total"]) == (2, 4, 6)
    assert [d["kode"] for d in report["without_puskesmas"]] == ["19.05.01.2001", "32.16.01.2001"]
    assert report["crossing_kecamatan"] == [
        {"kode_puskesmas": "P2", "nama_puskesmas": "Puskesmas Dua", "kecamatan": ["19.06.01", "19.06.02"]}]
    full = squares.read_geo(FULL_FILE)
    assert full[["kode", "nama", "induk"]].values.tolist() == [
        ["P1", "Puskesmas Satu", "19.06"], ["P2", "Puskesmas Dua", "19.06"]]
    # desa squares sit in code order: 19.05.01.2001 at x 0-1, 19.06.01.2001 at 1-2, ... 19.06.02.2001 at 4-5
    assert shapely.area(full.geometry.values).tolist() == [2.0, 2.0]
    assert full.geometry.iat[0].equals(shapely.box(1, 0, 3, 1))
    display = squares.read_geo(DISPLAY_FILE)
    assert display["kode"].tolist() == ["P1", "P2"]
    assert squares.manifest["wilayah_kerja"] == {"puskesmas": 2, "desa": 4, "source": "wk.csv"}


def test_a_desa_claimed_by_two_puskesmas_goes_to_neither(squares, tmp_path):
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa\n"
                          "P1,Satu,19.06.01.2001\n"
                          "P1,Satu,19.06.01.2002\n"
                          "P2,Dua,19.06.01.2003\n"
                          "P2,Dua,19.06.01.2002\n")
    report = import_puskesmas(squares, path)
    assert report["claimed_twice"] == [{"kode_desa": "19.06.01.2002", "rows": [
        {"row": 3, "kode_puskesmas": "P1"}, {"row": 5, "kode_puskesmas": "P2"}]}]
    table = squares.read_table(WILAYAH_KERJA_FILE)
    assert "19.06.01.2002" not in set(table["kode_desa"])
    assert "19.06.01.2002" in [d["kode"] for d in report["without_puskesmas"]]
    assert shapely.area(squares.read_geo(FULL_FILE).geometry.values).tolist() == [1.0, 1.0]


def test_the_same_row_twice_is_not_a_claim(squares, tmp_path):
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa\nP1,Satu,19.06.01.2001\nP1,Satu,1906012001\n")
    report = import_puskesmas(squares, path)
    assert report["claimed_twice"] == []
    assert report["repeated_rows"] == [
        {"row": 3, "first_row": 2, "kode_puskesmas": "P1", "kode_desa": "19.06.01.2001"}]
    assert squares.read_table(WILAYAH_KERJA_FILE)["kode_desa"].tolist() == ["19.06.01.2001"]


def test_bad_and_unknown_codes_are_reported_by_row(squares, tmp_path):
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa\n"
                          "P1,Satu,19.06.01.2001\n"
                          "P1,Satu,19.06.01.2999\n"
                          ",Tanpa kode,19.06.01.2002\n"
                          "P1,Satu,desa lalang\n"
                          "P1,Satu,19.06.01\n")
    report = import_puskesmas(squares, path)
    assert report["unknown_desa"] == [{"row": 3, "kode_puskesmas": "P1", "kode_desa": "19.06.01.2999"}]
    assert report["missing_puskesmas"] == [{"row": 4, "kode_desa": "19.06.01.2002"}]
    assert [(p["row"], p["kode_desa"]) for p in report["invalid_desa_code"]] == [(5, "desa lalang"), (6, "19.06.01")]
    assert report["desa_assigned"] == 1


def test_a_wilayah_across_kabupaten_is_not_imported(squares, tmp_path):
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa\n"
                          "P1,Satu,19.06.01.2001\nP9,Sembilan,19.06.01.2002\nP9,Sembilan,19.05.01.2001\n")
    report = import_puskesmas(squares, path)
    assert report["crossing_kabupaten"] == [{"kode_puskesmas": "P9", "kabupaten": ["19.05", "19.06"], "rows": [3, 4]}]
    assert squares.read_table(WILAYAH_KERJA_FILE)["kode_puskesmas"].unique().tolist() == ["P1"]


def test_other_spellings_and_xlsx(squares, tmp_path):
    frame = pd.DataFrame({"KD_PKM": ["P1", "P1"], "Nama PKM": ["Satu", "Satu lama"], "KDEPUM": ["1906012001", "1906012002"],
                          "Latitude": ["-2,8", "-2.9"], "Longitude": ["108.2", "108.2"]})
    path = tmp_path / "wk.xlsx"
    frame.to_excel(path, index=False)
    report = import_puskesmas(squares, path)
    assert report["desa_assigned"] == 2
    assert report["other_names"] == [{"kode_puskesmas": "P1", "nama_puskesmas": "Satu", "also": ["Satu lama"]}]
    assert report["other_coordinates"] == [{"kode_puskesmas": "P1", "lat": -2.8, "lon": 108.2, "rows": [3]}]


def test_nothing_assignable_changes_nothing_and_exits_2(squares, tmp_path, capsys):
    before = squares.snapshot_id
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa\nP1,Satu,11.01.01.2001\n")
    assert main(["import", "puskesmas", str(path), "--workspace", str(squares.root), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert "Tidak ada yang diubah" in out["error"]
    assert squares.snapshot_id == before
    assert not squares.has(WILAYAH_KERJA_FILE)


def test_a_file_without_a_puskesmas_column_is_refused(squares, tmp_path):
    path = _csv(tmp_path, "kode_desa,nama\n19.06.01.2001,Kelubi\n")
    assert main(["import", "puskesmas", str(path), "--workspace", str(squares.root)]) == 2


def test_cli_text_and_json(squares, tmp_path, capsys):
    path = _csv(tmp_path, "kode_puskesmas,nama_puskesmas,kode_desa\nP1,Satu,19.06.01.2001\nP2,Dua,19.06.01.2001\n"
                          "P2,Dua,19.06.01.2002\n")
    assert main(["import", "puskesmas", str(path), "--workspace", str(squares.root), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    claimed = "desa 19.06.01.2001 is claimed by more than one puskesmas (rows 2 (P1), 3 (P2)): assigned to neither"
    assert f"row 2: {claimed}" in text and f"row 3: {claimed}" in text  # each row, as the upload page lists them
    assert "5 desa of the workspace have no puskesmas" in text
    assert main(["import", "puskesmas", str(path), "--workspace", str(squares.root), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["puskesmas"] == 1 and report["snapshot"] == squares.snapshot_id


def test_belitung_timur_fixture_splits_manggar(shared_data, tmp_path):
    from tests.wilayah_kerja import LALANG, MANGGAR, build_belitung_timur_wilayah_kerja

    ws = build_belitung_timur_wilayah_kerja(shared_data, tmp_path / "ws")
    table = ws.read_table(WILAYAH_KERJA_FILE)
    assert len(table) == 39 and table["kode_desa"].is_unique
    manggar = table[table["kode_desa"].str.startswith("19.06.01.")]
    assert sorted(manggar["kode_puskesmas"].unique()) == [MANGGAR, LALANG]
    full = ws.read_geo(FULL_FILE)
    assert len(full) == 8 and set(full["induk"]) == {"19.06"}
    desa = ws.read_geo("boundaries/desa.parquet")
    # each wilayah covers exactly its desa (up to the filled slivers)
    for kode, geom in zip(full["kode"], full.geometry):
        mine = desa[desa["kode"].isin(table.loc[table.kode_puskesmas == kode, "kode_desa"])].union_all()
        assert abs(geom.area - mine.area) / mine.area < 1e-3
    display = ws.read_geo(DISPLAY_FILE)
    assert shapely.is_valid(display.geometry.values).all()
    assert shapely.get_num_coordinates(display.geometry.values).sum() < shapely.get_num_coordinates(full.geometry.values).sum()


def test_a_boundary_import_redraws_the_wilayah_kerja_from_the_new_desa(shared_data, tmp_path):
    from geo.importer import import_boundaries
    from tests.wilayah_kerja import build_belitung_timur_wilayah_kerja

    ws = build_belitung_timur_wilayah_kerja(shared_data, tmp_path / "ws")
    before = ws.read_table(WILAYAH_KERJA_FILE)
    # the same kabupaten without kecamatan Simpang Pesak (19.06.07)
    import geopandas as gpd

    desa = gpd.read_file(shared_data / "boundaries" / "shp" / "desa_1906_belitung_timur.shp")
    smaller = tmp_path / "smaller.gpkg"
    desa[~desa["kode"].str.startswith("19.06.07")].to_file(smaller)
    report = import_boundaries(smaller, ws.root)
    after = ws.read_table(WILAYAH_KERJA_FILE)
    assert len(after) == len(before) - 4
    assert "P1906070101" not in set(ws.read_geo(FULL_FILE)["kode"])
    assert any("4 desanya tidak ada di batas wilayah yang baru" in n for n in report["notes"])

"""Readers: every file kind the field hands over, coordinate systems, encodings, layers."""

from __future__ import annotations

import shutil
import zipfile

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import box

from errors import PwsError
from geo.readers import parse_crs, read_boundary_file


def _squares(crs=4326) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {"kode": ["19.06.01.2001", "19.06.01.2002"], "nama": ["Kelubì", "Lalang"]},
        geometry=[box(108.0, -3.0, 108.1, -2.9), box(108.1, -3.0, 108.2, -2.9)],
        crs=4326,
    )
    return frame.to_crs(crs)


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".shp"])
def test_each_format_reads_to_4326(tmp_path, suffix):
    path = tmp_path / f"desa{suffix}"
    frame = _squares(32748)
    frame.to_parquet(path) if suffix == ".parquet" else frame.to_file(path)
    got = read_boundary_file(path)
    assert got.frame.crs.to_epsg() == 4326
    assert got.declared_crs == "EPSG:32748"
    assert got.frame.kode.tolist() == ["19.06.01.2001", "19.06.01.2002"]
    assert got.frame.nama.tolist() == ["Kelubì", "Lalang"]
    assert got.frame.total_bounds == pytest.approx([108.0, -3.0, 108.2, -2.9], abs=1e-6)


def test_shapefile_without_prj_refused_naming_crs_then_read_with_it(tmp_path):
    path = tmp_path / "desa.shp"
    _squares(32748).to_file(path)
    (tmp_path / "desa.prj").unlink()
    with pytest.raises(PwsError, match=r"tidak punya berkas \.prj.*--crs"):
        read_boundary_file(path)
    got = read_boundary_file(path, crs="32748")
    assert got.declared_crs is None
    assert got.frame.total_bounds == pytest.approx([108.0, -3.0, 108.2, -2.9], abs=1e-6)


def test_wrong_crs_refused(tmp_path):
    path = tmp_path / "desa.shp"
    _squares(32748).to_file(path)
    with pytest.raises(PwsError, match="bukan bujur/lintang.*--crs"):
        read_boundary_file(path, crs=4326)  # metres taken for degrees
    with pytest.raises(PwsError, match="bukan sistem koordinat"):
        parse_crs("UTM48")


def test_latin1_dbf_decoded_by_its_cpg(tmp_path):
    path = tmp_path / "desa.shp"
    _squares().to_file(path, encoding="latin1")
    assert (tmp_path / "desa.cpg").read_text().strip().upper() in {"LATIN1", "ISO-8859-1", "88591"}
    assert b"Kelub\xec" in (tmp_path / "desa.dbf").read_bytes()  # really Latin-1 on disk
    assert read_boundary_file(path).frame.nama.tolist() == ["Kelubì", "Lalang"]


def test_folder_and_zip_with_subfolder(tmp_path, shared_data):
    src = shared_data / "boundaries" / "shp"
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for f in src.glob("desa_1906_belitung_timur.*"):
        shutil.copy(f, folder / f.name)
    assert len(read_boundary_file(folder).frame) == 39
    archive = tmp_path / "belitung.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in folder.iterdir():
            z.write(f, f"BATAS DESA/2025/{f.name}")
    got = read_boundary_file(archive)
    assert len(got.frame) == 39
    assert got.path.endswith("BATAS DESA/2025/desa_1906_belitung_timur.shp")


def test_folder_with_two_files_refused(tmp_path):
    _squares().to_file(tmp_path / "a.shp")
    _squares().to_file(tmp_path / "b.geojson")
    with pytest.raises(PwsError, match=r"berisi 2 berkas batas wilayah \(a\.shp, b\.geojson\)"):
        read_boundary_file(tmp_path)


def test_geopackage_layers(tmp_path):
    path = tmp_path / "batas.gpkg"
    _squares().to_file(path, layer="desa_2024")
    _squares().to_file(path, layer="desa_2025")
    with pytest.raises(PwsError, match=r"2 layer poligon \(desa_2024, desa_2025\).*#desa_2024"):
        read_boundary_file(path)
    assert read_boundary_file(f"{path}#desa_2025").layer == "desa_2025"
    with pytest.raises(PwsError, match="tidak punya layer 'desa_2026'"):
        read_boundary_file(f"{path}#desa_2026")

    named = tmp_path / "bertingkat.gpkg"
    _squares().to_file(named, layer="batas_kecamatan")
    _squares().to_file(named, layer="batas_desa")
    assert read_boundary_file(named).layer == "batas_desa"  # the layer named for desa
    assert read_boundary_file(named, level="kecamatan").layer == "batas_kecamatan"

    single = tmp_path / "satu.gpkg"
    _squares().to_file(single, layer="apa_saja")
    pyogrio.write_dataframe(_squares().drop(columns="geometry").assign(x=1), single, layer="tabel")  # no geometry
    assert read_boundary_file(single).layer == "apa_saja"


def test_unreadable_inputs(tmp_path):
    with pytest.raises(PwsError, match="tidak ada: periksa jalur"):
        read_boundary_file(tmp_path / "tidak_ada.shp")
    (tmp_path / "desa.csv").write_text("kode\n19\n")
    with pytest.raises(PwsError, match="jenis berkas '.csv' tidak didukung"):
        read_boundary_file(tmp_path / "desa.csv")
    (tmp_path / "rusak.zip").write_bytes(b"not a zip")
    with pytest.raises(PwsError, match="bukan berkas zip yang bisa dibaca"):
        read_boundary_file(tmp_path / "rusak.zip")
    (tmp_path / "rusak.geojson").write_text("{")
    with pytest.raises(PwsError, match="tidak bisa dibaca sebagai berkas batas"):
        read_boundary_file(tmp_path / "rusak.geojson")
    _squares().to_file(tmp_path / "x.shp")
    (tmp_path / "x.dbf").unlink()
    with pytest.raises(PwsError, match=r"tidak lengkap, \.dbf tidak ada"):
        read_boundary_file(tmp_path / "x.shp")


def test_dbf_without_cpg(tmp_path):
    latin = tmp_path / "latin.shp"
    _squares().to_file(latin, encoding="latin1")
    (tmp_path / "latin.cpg").unlink()
    assert read_boundary_file(latin).frame.nama.tolist() == ["Kelubì", "Lalang"]  # the DBF's language byte
    utf8 = tmp_path / "utf8.shp"
    _squares().to_file(utf8, encoding="UTF-8")
    (tmp_path / "utf8.cpg").unlink()
    got = read_boundary_file(utf8)
    assert got.frame.nama.tolist() == ["Kelubì", "Lalang"]
    assert any("dibaca sebagai UTF-8" in n for n in got.notes)
    assert any("read as UTF-8" in n.text("en") for n in got.notes)

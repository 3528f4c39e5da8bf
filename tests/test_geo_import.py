"""The boundary import end to end, against the real files in ../shared/data and via the CLI."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

import commands
import geo.importer
from geo.hierarchy import fill_small_holes
from geo.importer import check_boundaries, import_boundaries, prepare_boundaries
from geo.levels import LEVELS
from workspace import Workspace


@pytest.fixture(scope="module")
def files(shared_data):
    b = shared_data / "boundaries"
    return {
        "belitung": b / "shp" / "desa_1906_belitung_timur.shp",
        "bekasi": b / "shp" / "desa_3216_bekasi.zip",
        "jabar": b / "desa_32_jawa_barat.gpkg",
        "provinsi": b / "indonesia_provinsi.gpkg",
        "codes": shared_data / "wilayah" / "kode_wilayah.csv",
    }


def run_cli(capsys, *argv):
    # the messages these tests check are English: a run in English unless the test names its language
    argv = [str(a) for a in argv]
    status = commands.main(argv if "--lang" in argv else [*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return status, out, err


# -- Belitung Timur: shapefile, code list, CLI ------------------------------------------------------

def test_belitung_timur_import_via_cli(files, tmp_path, capsys):
    ws = tmp_path / "ws"
    status, out, err = run_cli(capsys, "import", "boundaries", files["belitung"], "--workspace", ws,
                               "--codes", files["codes"], "--json")
    assert status == 0
    report = json.loads(out)  # one JSON object on stdout, progress on stderr
    assert "dissolving" in err
    assert report["features"] == 39 and report["kept"] == 39
    assert report["levels"] == {"provinsi": 1, "kabkota": 1, "kecamatan": 7, "desa": 39}
    for key in ("repaired", "duplicates", "missing_code", "invalid_code", "not_in_codelist"):
        assert report[key] == [], key
    workspace = Workspace(ws)
    assert workspace.manifest["boundaries"] == {
        "levels": {"provinsi": 1, "kabkota": 1, "kecamatan": 7, "desa": 39},
        "source": "desa_1906_belitung_timur.shp",
        "demo": False,
    }
    desa = workspace.read_geo("boundaries/desa.parquet")
    kelubi = desa[desa.nama == "Kelubi"]
    assert kelubi.kode.tolist() == ["19.06.01.2004"] and kelubi.induk.tolist() == ["19.06.01"]
    kab = workspace.read_geo("boundaries/kabkota.parquet")
    assert kab[["kode", "nama", "induk"]].values.tolist() == [["19.06", "Kabupaten Belitung Timur", "19"]]
    kec = workspace.read_geo("boundaries/kecamatan.parquet")
    assert kec.kode.str.startswith("19.06.").all() and (kec.nama != kec.kode).all()  # names from the code list
    assert kec.set_index("kode").loc["19.06.01", "nama"] == "Manggar"
    prov = workspace.read_geo("boundaries/provinsi.parquet")
    assert prov.kode.tolist() == ["19"] and prov.induk.isna().all()
    # the kabupaten is the union of its desa, with the slivers between desa (< 1.2 ha) filled
    union = desa.geometry.union_all()
    assert kab.geometry[0].equals(fill_small_holes(np.array([union]))[0])
    assert kab.geometry[0].area == pytest.approx(union.area, rel=1e-4) and kab.geometry[0].area > union.area
    for level in LEVELS:
        shown = workspace.read_geo(f"boundaries/{level}_display.parquet")
        assert sorted(shown.kode) == sorted(workspace.read_geo(f"boundaries/{level}.parquet").kode)
    assert json.loads(workspace.path("boundaries/report.json").read_text())["features"] == 39


def test_check_prints_text_and_writes_nothing(files, tmp_path, capsys):
    ws = tmp_path / "ws"
    status, out, _ = run_cli(capsys, "check", files["belitung"], "--workspace", ws, "--lang", "id")
    assert status == 0  # Bahasa Indonesia (the default without --lang or PWS_LANG), all of it
    assert "fitur: 39" in out and "tingkat: provinsi 1, kabkota 1, kecamatan 7, desa 39" in out
    assert "Tidak ada yang ditulis" in out and "Sistem koordinat" in out
    assert not any(w in out for w in ("Nothing written", "Coordinate system", "features:", "levels:"))
    status, out, _ = run_cli(capsys, "check", files["belitung"], "--workspace", ws, "--lang", "en")
    assert status == 0
    assert "features: 39" in out and "levels: provinsi 1, kabkota 1, kecamatan 7, desa 39" in out
    assert "Nothing written" in out and "Tidak ada" not in out
    assert not ws.exists()


def test_bekasi_zip(files, capsys):
    status, out, _ = run_cli(capsys, "check", files["bekasi"], "--json")
    assert status == 0
    report = json.loads(out)
    assert report["kept"] == 187 and report["levels"]["desa"] == 187
    assert report["levels"]["kabkota"] == 1
    assert report["written"] is False


def test_supplied_provinsi_layer(files, tmp_path):
    report = import_boundaries(files["belitung"], tmp_path / "ws", level_files={"provinsi": files["provinsi"]})
    supplied = report["supplied"]["provinsi"]
    assert supplied["kept"] == 38 and supplied["derived_instead"] == []
    assert len(supplied["without_desa"]) == 37 and "19" not in supplied["without_desa"]
    prov = Workspace(tmp_path / "ws").read_geo("boundaries/provinsi.parquet").set_index("kode")
    national = gpd.read_file(files["provinsi"]).set_index("kode")
    assert len(prov) == 38
    assert prov.loc["19", "geometry"].equals(national.loc["19", "geometry"])  # supplied geometry, not dissolved


# -- fatal errors: one paragraph, exit 2, nothing lost ---------------------------------------------

def test_fatal_errors_exit_2_with_json_error(files, tmp_path, capsys):
    status, out, err = run_cli(capsys, "import", "boundaries", tmp_path / "tidak_ada.shp", "--workspace",
                               tmp_path / "ws", "--json")
    assert status == 2
    assert "does not exist" in json.loads(out)["error"] and err.strip().splitlines()[-1].startswith("Error:")

    for f in files["belitung"].parent.glob("desa_1906_belitung_timur.*"):
        if f.suffix != ".prj":
            (tmp_path / f.name).write_bytes(f.read_bytes())
    status, _, err = run_cli(capsys, "check", tmp_path / "desa_1906_belitung_timur.shp")
    assert status == 2 and "--crs" in err
    status, out, _ = run_cli(capsys, "check", tmp_path / "desa_1906_belitung_timur.shp", "--crs", "4326", "--json")
    assert status == 0 and json.loads(out)["kept"] == 39

    status, _, err = run_cli(capsys, "check", files["belitung"], "--level-file", "provinsi")
    assert status == 2 and "LEVEL=FILE" in err
    status, _, err = run_cli(capsys, "check", files["belitung"], "--level-file", f"desa={files['belitung']}")
    assert status == 2 and "provinsi, kabkota, kecamatan" in err
    status, _, err = run_cli(capsys, "check", files["belitung"], "--code-column", "KDEPUM")
    assert status == 2 and "--code-column 'KDEPUM'" in err


def test_no_usable_desa_is_fatal(tmp_path, capsys):
    frame = gpd.GeoDataFrame({"kode": ["19.06.01", "abc"]}, geometry=[shapely.box(0, 0, 1, 1)] * 2, crs=4326)
    frame.to_file(tmp_path / "kec.geojson")
    status, _, err = run_cli(capsys, "import", "boundaries", tmp_path / "kec.geojson", "--workspace", tmp_path / "ws")
    assert status == 2 and "none of its 2 features is a usable desa (2 invalid code)" in err
    assert not Workspace(tmp_path / "ws").exists()


def test_failed_import_leaves_previous_workspace(files, tmp_path, monkeypatch):
    ws = Workspace(tmp_path / "ws")
    import_boundaries(files["belitung"], ws.root)
    before = ws.snapshot_id
    real = geo.importer.write_boundaries

    def half_then_crash(tx, *args, **kwargs):
        real(tx, *args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(geo.importer, "write_boundaries", half_then_crash)
    with pytest.raises(RuntimeError, match="power cut"):
        import_boundaries(files["bekasi"], ws.root)
    assert ws.snapshot_id == before
    assert len(ws.read_geo("boundaries/desa.parquet")) == 39
    assert not list((ws.root / "snapshots").glob("*.partial"))


# -- Jawa Barat: one import shared by the module --------------------------------------------------

@pytest.fixture(scope="module")
def jabar(files, tmp_path_factory):
    ws = tmp_path_factory.mktemp("jabar") / "ws"
    report = import_boundaries(files["jabar"], ws, codes=files["codes"])
    return report, Workspace(ws)


def test_jawa_barat_all_levels(jabar):
    report, ws = jabar
    assert report["levels"] == {"provinsi": 1, "kabkota": 27, "kecamatan": 627, "desa": 5957}
    assert report["not_in_codelist"] == []
    kab = ws.read_geo("boundaries/kabkota.parquet").set_index("kode")
    assert kab.loc["32.16", "nama"] == "Kabupaten Bekasi"
    assert (kab.induk == "32").all()


def test_jawa_barat_display_nests_without_gaps(jabar):
    """Union of each kecamatan's simplified desa against the simplified kecamatan.

    Measured (tolerances desa 0.0002°, kecamatan 0.001°): symmetric difference
    relative to the kecamatan's area, median 1.0 %, 99th percentile 3.1 %, max 4.1 %;
    against the full kecamatan, max 0.13 % — the desa simplification opens no gaps.
    """
    _, ws = jabar
    desa_shown = ws.read_geo("boundaries/desa_display.parquet")
    kec_shown = ws.read_geo("boundaries/kecamatan_display.parquet").set_index("kode")
    kec_full = ws.read_geo("boundaries/kecamatan.parquet").set_index("kode")
    union = desa_shown.assign(kec=desa_shown.kode.str[:8]).dissolve("kec").loc[kec_full.index]
    area = shapely.area(kec_full.geometry.values)
    vs_shown = shapely.area(shapely.symmetric_difference(union.geometry.values, kec_shown.loc[kec_full.index].geometry.values)) / area
    vs_full = shapely.area(shapely.symmetric_difference(union.geometry.values, kec_full.geometry.values)) / area
    assert np.median(vs_shown) < 0.02 and vs_shown.max() < 0.06
    assert vs_full.max() < 0.005
    # neighbours in the display layer do not overlap (beyond what the source had)
    assert shapely.is_valid(desa_shown.geometry.values).all()
    assert shapely.get_num_coordinates(kec_shown.geometry.values).sum() < 0.5 * shapely.get_num_coordinates(kec_full.geometry.values).sum()


def test_utm_undotted_latin1_shapefile_imports_to_same_codes_and_names(files, tmp_path):
    original = gpd.read_file(files["jabar"])
    field = original.to_crs(32748)
    field["KDEPUM"] = field.pop("kode").str.replace(".", "", regex=False)
    names = original.nama.tolist()
    names[0], names[1] = names[0] + " Cibéber", "Ñusa " + names[1]  # a Latin-1 byte only where real names have one
    field["WADMKD"] = names
    field = field.drop(columns="nama")[["KDEPUM", "WADMKD", "geometry"]]
    path = tmp_path / "BATAS_DESA_UTM48S.shp"
    field.to_file(path, encoding="latin1")
    assert "Cib\xe9ber".encode("latin1") in (tmp_path / "BATAS_DESA_UTM48S.dbf").read_bytes()

    got = prepare_boundaries(path).desa.set_index("kode")
    want = original.assign(nama=names).set_index("kode")
    assert sorted(got.index) == sorted(want.index)
    assert got.nama.to_dict() == want.nama.to_dict()
    moved = shapely.area(shapely.symmetric_difference(got.geometry.values, want.loc[got.index].geometry.values))
    assert (moved / shapely.area(want.loc[got.index].geometry.values)).max() < 1e-6  # reprojected back in place


def test_check_counts_levels_without_dissolving(files):
    report = check_boundaries(files["jabar"])
    assert report["levels"] == {"provinsi": 1, "kabkota": 27, "kecamatan": 627, "desa": 5957}


def test_check_counts_match_import_with_supplied_level(files, tmp_path):
    checked = check_boundaries(files["belitung"], level_files={"provinsi": files["provinsi"]})
    assert checked["levels"] == {"provinsi": 38, "kabkota": 1, "kecamatan": 7, "desa": 39}


def test_hand_built_file_report_via_cli(tmp_path, capsys):
    from test_geo_repair import KNOWN, hand_built  # tests/ is on sys.path (pytest prepend import mode)

    path = tmp_path / "uji.gpkg"
    hand_built().to_file(path, layer="desa")
    codes = tmp_path / "kode.csv"
    codes.write_text("kode,nama,tingkat\n" + "".join(f"{k},Nama {k},x\n" for k in sorted(KNOWN)), encoding="utf-8")
    status, out, _ = run_cli(capsys, "import", "boundaries", path, "--workspace", tmp_path / "ws", "--codes", codes, "--json")
    assert status == 0
    report = json.loads(out)
    assert (report["code_column"], report["name_column"], report["layer"]) == ("KDEPUM", "WADMKD", "desa")
    assert report["features"] == 10 and report["kept"] == 5
    assert [e["row"] for e in report["repaired"]] == [2, 8]
    assert report["duplicates"] == [{"kode": "19.06.01.2003", "rows": [3, 6], "nama": ["Mekar"]}]
    assert report["missing_code"] == [{"row": 4, "nama": "Tanpa Kode"}]
    assert [(e["row"], e["value"]) for e in report["invalid_code"]] == [(5, "190601200"), (7, "19.06.01")]
    assert report["empty"] == [{"row": 9, "kode": "19.06.02.2002", "problem": "no geometry"}]
    assert report["not_in_codelist"] == [{"row": 10, "kode": "19.06.02.2099", "nama": "Baru"}]
    assert report["levels"] == {"provinsi": 1, "kabkota": 1, "kecamatan": 2, "desa": 5}
    kec = Workspace(tmp_path / "ws").read_geo("boundaries/kecamatan.parquet")
    assert kec.nama.tolist() == ["Nama 19.06.01", "Nama 19.06.02"]  # derived levels named from --codes

    status, out, _ = run_cli(capsys, "check", path)
    assert status == 0
    assert "row 2 19.06.01.2002 Lalang" not in out  # names are not in repaired entries, codes are
    assert "row 2 19.06.01.2002: invalid geometry (Self-intersection[1 1]) → repaired with make_valid" in out
    assert "19.06.01.2003 (Mekar): rows 3, 6 merged into one MultiPolygon" in out
    assert "row 5 '190601200' Salah: not a Kemendagri code" in out


def test_unexpected_failure_is_one_paragraph_and_workspace_unchanged(files, tmp_path, capsys, monkeypatch):
    ws = tmp_path / "ws"
    assert run_cli(capsys, "import", "boundaries", files["belitung"], "--workspace", ws)[0] == 0
    before = Workspace(ws).snapshot_id

    def broken(*args, **kwargs):
        raise shapely.errors.GEOSException("TopologyException: side location conflict")

    monkeypatch.setattr(geo.importer, "simplify_for_display", broken)
    status, out, err = run_cli(capsys, "import", "boundaries", files["bekasi"], "--workspace", ws, "--json")
    assert status == 2
    message = json.loads(out)["error"]
    assert "GEOSException: TopologyException" in message and f"The workspace {ws} is unchanged." in message
    assert "Traceback" not in err
    assert Workspace(ws).snapshot_id == before


def test_supplied_level_in_text_report(files, capsys):
    status, out, _ = run_cli(capsys, "check", files["belitung"], "--level-file", f"provinsi={files['provinsi']}")
    assert status == 0
    assert "Provinsi from " in out and ": 38 of 38 features used" in out
    assert "  without_desa: 37 (areas with no desa in the file, kept as supplied): 11, 12, 13," in out
    assert "levels: provinsi 38, kabkota 1, kecamatan 7, desa 39" in out

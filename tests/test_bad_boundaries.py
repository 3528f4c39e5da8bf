"""Broken boundary files through ``python app.py check`` / ``import boundaries``.

Every file is made in ``tmp_path`` from three hand-made desa squares (codes
19.06.01.2001, 19.06.01.2002, 19.06.02.2001). A refusal exits 2 with one paragraph
naming the file and what to do, never a traceback, and changes nothing; a file with
some unusable geometries imports the rest and lists those rows.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from broken_files import sparse_file, truncated
from commands import main
from workspace.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("geo.readers")


@pytest.fixture
def desa() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"kode": ["1906012001", "1906012002", "1906022001"], "nama": ["Kelubi", "Lalang", "Gantung"]},
        geometry=[shapely.box(x0, -3.0, x1, -2.9) for x0, x1 in [(108.0, 108.1), (108.1, 108.2), (108.2, 108.3)]],
        crs=4326)


def _shapefile(folder: Path, frame: gpd.GeoDataFrame) -> Path:
    folder.mkdir()
    frame.to_file(folder / "desa.shp")
    return folder / "desa.shp"


def _zip(path: Path, shp: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in shp.parent.iterdir():
            archive.write(f, f"BATAS_DESA/{f.name}")
        for name, data in (extra or {}).items():
            archive.writestr(f"BATAS_DESA/{name}", data)
    return path


def _nan_in_shp(shp: Path, value: float) -> Path:
    """Overwrite every coordinate equal to ``value`` in the .shp with NaN (GDAL refuses to write NaN)."""
    data = shp.read_bytes()
    shp.write_bytes(data[:100] + data[100:].replace(struct.pack("<d", value), struct.pack("<d", float("nan"))))
    return shp


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"])  # the messages checked are English
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(result, *fragments: str) -> None:
    code, out, err = result
    assert code == 2, (code, out, err)
    last = err.strip().splitlines()[-1]
    assert "Traceback" not in err and last.startswith("Error: "), err
    for fragment in fragments:
        assert fragment in last, (fragment, last)


# -- refused -------------------------------------------------------------------------------

def test_truncated_zip(tmp_path, capsys, desa):
    whole = _zip(tmp_path / "utuh.zip", _shapefile(tmp_path / "shp", desa))
    path = truncated(tmp_path / "potong.zip", whole)
    assert_refused(run(capsys, "check", str(path)), "potong.zip", "not a readable zip")


def test_shapefile_without_dbf(tmp_path, capsys, desa):
    shp = _shapefile(tmp_path / "shp", desa)
    shp.with_suffix(".dbf").unlink()
    assert_refused(run(capsys, "check", str(shp)), "desa.shp", ".dbf missing")


@pytest.mark.parametrize("prj,expected", [
    ('LOCAL_CS["Kampung grid",LOCAL_DATUM["kampung",0],UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]',
     "cannot be converted to longitude/latitude"),
    ('ENGCRS["Site",EDATUM["Site datum"],CS[Cartesian,2],AXIS["x",east],AXIS["y",north],LENGTHUNIT["metre",1]]',
     "names none that GDAL knows"),
    ('PROJCS["Bogus",GEOGCS["x"]]', "could not be read"),
])
def test_prj_of_an_unknown_crs_is_refused_and_names_crs_option(tmp_path, capsys, desa, prj, expected):
    shp = _shapefile(tmp_path / "shp", desa)
    shp.with_suffix(".prj").write_text(prj)
    code, out, err = run(capsys, "check", str(shp))
    assert_refused((code, out, err), "desa.shp", expected)
    if "could not be read" not in expected:
        assert "--crs" in err


@pytest.mark.parametrize("suffix", [".zip", ".shp", ".geojson", ".gpkg", ".parquet"])
def test_empty_file(tmp_path, capsys, suffix):
    path = tmp_path / f"kosong{suffix}"
    path.write_bytes(b"")
    assert_refused(run(capsys, "check", str(path)), f"kosong{suffix}")


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_200_mb_of_garbage_is_refused_quickly(tmp_path, capsys, suffix):
    path = sparse_file(tmp_path / f"besar{suffix}", head=b'{"type":"FeatureCollection","features":[')
    assert_refused(run(capsys, "check", str(path)), f"besar{suffix}")


def test_zip_unpacking_beyond_the_limit_is_refused_before_unpacking(tmp_path, capsys, desa, monkeypatch):
    import geo.readers

    path = _zip(tmp_path / "bom.zip", _shapefile(tmp_path / "shp", desa), {"isi.bin": b"\0" * (200 * 2**20)})
    assert path.stat().st_size < 2**20
    monkeypatch.setattr(geo.readers, "MAX_UNZIPPED_BYTES", 100 * 2**20)  # the real limit is 4 GB
    assert_refused(run(capsys, "check", str(path)), "bom.zip", "unpacks to 0.2 GB")


# -- imported around, problems by row -----------------------------------------------------------

def test_200_mb_zip_within_the_limit_is_read(tmp_path, capsys, desa):
    path = _zip(tmp_path / "besar.zip", _shapefile(tmp_path / "shp", desa), {"lampiran.bin": b"\0" * (200 * 2**20)})
    code, out, err = run(capsys, "check", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["levels"]["desa"] == 3


@pytest.mark.parametrize("how", ["shapefile", "geoparquet", "geojson"])
def test_geometry_with_nan_coordinates_is_listed_by_row_and_the_rest_imported(tmp_path, capsys, desa, how):
    if how == "shapefile":
        path = _nan_in_shp(_shapefile(tmp_path / "shp", desa), 108.2)  # desa 2's right edge, desa 3's left edge
        bad_rows = [2, 3]
    elif how == "geoparquet":
        frame = desa.copy()
        frame.loc[1, "geometry"] = shapely.Polygon([(108.1, -3), (float("nan"), -3), (108.2, -2.9), (108.1, -3)])
        path = tmp_path / "desa.parquet"
        frame.to_parquet(path)
        bad_rows = [2]
    else:
        text = desa.to_json().replace("108.2", "NaN", 2)  # bare NaN, as some exporters write it
        path = tmp_path / "desa.geojson"
        path.write_text(text)
        bad_rows = [2]
    ws = Workspace(tmp_path / "ws")
    code, out, err = run(capsys, "import", "boundaries", str(path), "--workspace", str(ws.root), "--json")
    assert code == 0 and "Traceback" not in err, err
    report = json.loads(out)
    assert [e["row"] for e in report["empty"]] == bad_rows
    assert report["levels"]["desa"] == 3 - len(bad_rows)
    assert len(ws.read_geo("boundaries/desa.parquet")) == 3 - len(bad_rows)


def test_every_geometry_unusable_is_refused_and_the_workspace_unchanged(tmp_path, capsys, desa):
    shp = _shapefile(tmp_path / "shp", desa)
    for x in (108.0, 108.1, 108.2, 108.3):
        _nan_in_shp(shp, x)
    ws = Workspace(tmp_path / "ws")
    assert_refused(run(capsys, "import", "boundaries", str(shp), "--workspace", str(ws.root)), "desa.shp", "3 empty")
    assert not ws.exists()


def test_real_process_no_traceback(tmp_path, desa):
    shp = _shapefile(tmp_path / "shp", desa)
    shp.with_suffix(".prj").write_text('LOCAL_CS["Kampung grid",LOCAL_DATUM["kampung",0],UNIT["metre",1]]')
    done = subprocess.run([sys.executable, str(ROOT / "app.py"), "import", "boundaries", str(shp),
                           "--workspace", str(tmp_path / "ws")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "desa.shp" in done.stderr

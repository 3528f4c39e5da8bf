"""The geo API the demo builder and the import share: hierarchy, display geometry, store, code list."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, box

from geo.codelist import codelist_names, read_codelist, read_codelist_names
from geo.hierarchy import derive_levels
from geo.levels import LEVELS
from geo.simplify import TOLERANCE, simplify_for_display
from geo.store import boundary_file, write_boundaries
from errors import PwsError
from workspace import Workspace


def _desa() -> gpd.GeoDataFrame:
    """Four unit squares in a 2×2 grid: two kecamatan of one kabupaten, plus one desa
    of another provinsi far away (x = 10)."""
    return gpd.GeoDataFrame(
        {
            "kode": ["19.06.01.2001", "19.06.01.2002", "19.06.02.2001", "19.06.02.1001", "32.16.01.2001"],
            "nama": ["Kelubi", "Lalang", "Gantung", "", "Sukatani"],
        },
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2), box(1, 1, 2, 2), box(10, 0, 11, 1)],
        crs=4326,
    )


def test_derive_levels_dissolves_on_code_prefixes():
    levels = derive_levels(_desa(), names={"19.06.02": "Gantung", "19": "Kepulauan Bangka Belitung"})
    assert list(levels) == list(LEVELS)
    assert {lv: len(g) for lv, g in levels.items()} == {"provinsi": 2, "kabkota": 2, "kecamatan": 3, "desa": 5}
    for lv, g in levels.items():
        assert list(g.columns) == ["kode", "nama", "induk", "geometry"]
        assert g.crs.to_epsg() == 4326
    kec = levels["kecamatan"].set_index("kode")
    assert kec.loc["19.06.01", "geometry"].equals(box(0, 0, 2, 1))
    assert kec.loc["19.06.02", "geometry"].equals(box(0, 1, 2, 2))
    assert kec.loc["19.06.01", "nama"] == "19.06.01"  # no name known: the code is shown
    assert kec.loc["19.06.02", "nama"] == "Gantung"
    assert kec.loc["19.06.02", "induk"] == "19.06"
    prov = levels["provinsi"].set_index("kode")
    assert prov.loc["19", "geometry"].equals(box(0, 0, 2, 2))
    assert prov.loc["19", "nama"] == "Kepulauan Bangka Belitung"
    assert prov["induk"].isna().all()
    desa = levels["desa"].set_index("kode")
    assert desa.loc["19.06.01.2001", "induk"] == "19.06.01"
    assert desa.loc["19.06.02.1001", "nama"] == "19.06.02.1001"  # empty name → code


def test_supplied_level_replaces_derived_geometry_and_reports_gaps():
    national = gpd.GeoDataFrame(
        {"kode": ["19", "51"], "nama": ["Babel (BIG)", "Bali"]},
        geometry=[box(-1, -1, 3, 3), box(20, 20, 21, 21)],
        crs=4326,
    )
    problems: dict = {}
    levels = derive_levels(_desa(), supplied={"provinsi": national}, problems=problems)
    prov = levels["provinsi"].set_index("kode")
    assert sorted(prov.index) == ["19", "32", "51"]
    assert prov.loc["19", "geometry"].equals(box(-1, -1, 3, 3))  # supplied geometry wins
    assert prov.loc["19", "nama"] == "Babel (BIG)"
    assert prov.loc["32", "geometry"].equals(box(10, 0, 11, 1))  # missing from the layer: derived
    assert problems == {"provinsi": {"without_desa": ["51"], "derived_instead": ["32"]}}


def test_simplify_keeps_shared_borders_shared():
    # A wiggly border between two desa: both sides must lose the same vertices.
    zig = [(1 + 0.001 * (i % 2), i / 20) for i in range(21)]
    left = Polygon([(0, 0), *zig, (0, 1)])
    right = Polygon([(2, 0), (2, 1), *reversed(zig)])
    levels = derive_levels(
        gpd.GeoDataFrame({"kode": ["19.06.01.2001", "19.06.01.2002"], "nama": ["A", "B"]}, geometry=[left, right], crs=4326)
    )
    display = simplify_for_display(levels, {"desa": 0.05})
    assert list(display) == list(LEVELS)
    out = display["desa"]
    assert list(out.columns) == ["kode", "geometry"]
    assert out.kode.tolist() == ["19.06.01.2001", "19.06.01.2002"]
    a, b = out.geometry
    assert shapely.get_num_coordinates(a) == 5  # the zigzag (amplitude 0.001, under the tolerance) is gone
    assert shapely.get_num_coordinates(simplify_for_display(levels)["desa"].geometry[0]) == 24  # kept at the default 0.0002
    assert a.intersection(b).area == pytest.approx(0, abs=1e-12)  # no overlap
    assert shapely.union_all([a, b]).area == pytest.approx(2.0, abs=1e-9)  # no gap
    assert TOLERANCE["desa"] < TOLERANCE["kecamatan"] < TOLERANCE["kabkota"] < TOLERANCE["provinsi"]


def test_write_boundaries_round_trip(tmp_path):
    levels = derive_levels(_desa())
    display = simplify_for_display(levels)
    ws = Workspace(tmp_path / "ws")
    with ws.transaction("boundaries") as tx:
        write_boundaries(tx, levels, display, source="uji.shp", report={"features": 5})
    assert ws.manifest["boundaries"] == {
        "levels": {"provinsi": 2, "kabkota": 2, "kecamatan": 3, "desa": 5},
        "source": "uji.shp",
        "demo": False,
    }
    assert "demo" not in ws.manifest
    for level in LEVELS:
        full = ws.read_geo(boundary_file(level))
        assert list(full.columns) == ["kode", "nama", "induk", "geometry"]
        assert full.crs.to_epsg() == 4326
        assert full.kode.tolist() == levels[level].kode.tolist()
        shown = ws.read_geo(boundary_file(level, display=True))
        assert list(shown.columns) == ["kode", "geometry"]
    assert ws.read_geo("boundaries/provinsi.parquet").induk.isna().all()
    assert ws.has("boundaries/report.json")


def test_write_boundaries_demo_flag_and_missing_level(tmp_path):
    levels = derive_levels(_desa())
    display = simplify_for_display(levels)
    ws = Workspace(tmp_path / "ws")
    with ws.transaction("demo") as tx:
        write_boundaries(tx, levels, display, source="demo", demo=True)
    assert ws.manifest["boundaries"]["demo"] is True and ws.manifest["demo"] is True
    with pytest.raises(ValueError, match="missing"):
        with ws.transaction("boundaries") as tx:
            write_boundaries(tx, {k: v for k, v in levels.items() if k != "desa"}, display, source="x")
    assert ws.manifest["boundaries"]["source"] == "demo"  # the failed write left the old snapshot live


def test_codelist_reads_dotted_and_undotted(tmp_path):
    path = tmp_path / "kode.csv"
    path.write_text("kode,nama,tingkat\n19,Kepulauan Bangka Belitung,provinsi\n1906,Kabupaten Belitung Timur,kabkota\n"
                    "19.06.01.2004,Kelubi,desa\n", encoding="utf-8")
    codes = read_codelist(path)
    assert codes.kode.tolist() == ["19", "19.06", "19.06.01.2004"]
    assert codes.tingkat.tolist() == ["provinsi", "kabkota", "desa"]
    assert read_codelist_names(path)["19.06"] == "Kabupaten Belitung Timur"


def test_codelist_refuses_bad_codes_and_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,nama\n19,Babel\n190601200,Kelubi?\n", encoding="utf-8")
    with pytest.raises(PwsError, match=r"baris 3 \('190601200'\)"):
        read_codelist(bad)
    cols = tmp_path / "cols.csv"
    cols.write_text("id,name\n19,Babel\n", encoding="utf-8")
    with pytest.raises(PwsError, match="perlu 'kode' dan 'nama'"):
        read_codelist(cols)
    with pytest.raises(PwsError, match="tidak ada: berikan jalur CSV"):
        read_codelist(tmp_path / "absent.csv")


def test_real_codelist(shared_data):
    codes = read_codelist(shared_data / "wilayah" / "kode_wilayah.csv")
    assert codes.tingkat.value_counts().to_dict() == {"desa": 83762, "kecamatan": 7285, "kabkota": 514, "provinsi": 38}
    names = codelist_names(codes)
    assert names["19.06.01.2004"] == "Kelubi"
    assert names["19.06"] == "Kabupaten Belitung Timur"


def test_fill_small_holes_keeps_enclaves_and_untouched_rows():
    from geo.hierarchy import fill_small_holes

    outer = [(0, 0), (1, 0), (1, 1), (0, 1)]
    sliver = [(0.5, 0.5), (0.5, 0.5005), (0.5005, 0.5)]  # 1.25e-7 deg²: a gap between desa
    enclave = [(0.1, 0.1), (0.1, 0.2), (0.2, 0.2), (0.2, 0.1)]  # 0.01 deg²: a kota inside its kabupaten
    geoms = np.array(
        [
            Polygon(outer, [sliver, enclave]),
            box(5, 5, 6, 6),
            shapely.MultiPolygon([Polygon(outer, [sliver]), box(2, 2, 3, 3)]),
            Polygon(),
        ],
        dtype=object,
    )
    out = fill_small_holes(geoms)
    assert out[0].equals(Polygon(outer, [enclave]))
    assert out[1] is geoms[1]
    assert out[2].equals(shapely.MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)]))
    assert out[3].is_empty


def test_simplify_skips_a_level_already_generalised(monkeypatch):
    import geo.simplify

    monkeypatch.setattr(geo.simplify, "SAMPLE_ABOVE", 100)
    monkeypatch.setattr(geo.simplify, "SAMPLE_BLOCK", 30)
    squares = gpd.GeoDataFrame({"kode": [f"k{i:03d}" for i in range(400)]},
                               geometry=[box(i % 20, i // 20, i % 20 + 1, i // 20 + 1) for i in range(400)], crs=4326)
    notes: list[str] = []
    out = simplify_for_display({"desa": squares}, {"desa": 0.5}, notes=notes)["desa"]
    assert list(out.geometry) == list(squares.geometry)  # nothing to remove: left as it was
    assert len(notes) == 1 and notes[0].text("en").startswith("desa: display geometry is the full geometry")
    # wiggly squares lose vertices in the sample, so the whole level is simplified
    wiggly = squares.assign(geometry=[Polygon([(x, y), (x + 0.5, y + 0.01), (x + 1, y), (x + 1, y + 1), (x, y + 1)])
                                      for x, y in ((i % 20, i // 20) for i in range(400))])
    notes = []
    out = simplify_for_display({"desa": wiggly}, {"desa": 0.5}, notes=notes)["desa"]
    assert notes == [] and shapely.get_num_coordinates(out.geometry.values).sum() < shapely.get_num_coordinates(wiggly.geometry.values).sum()

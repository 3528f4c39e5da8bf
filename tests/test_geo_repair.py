"""Hand-built geometries with answers worked out by hand: repairs, drops, merges, report."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, Point, Polygon, box

from errors import PwsError
from geo.columns import find_code_column, find_name_column
from geo.repair import clean_layer
from texts.message import said

BOWTIE = Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])  # self-intersects at (1, 1)


def hand_built() -> gpd.GeoDataFrame:
    """Ten rows, one of each case (row numbers are 1-based, as in QGIS)."""
    return gpd.GeoDataFrame(
        {
            "KDEPUM": [
                "1906012001",      # 1 a plain square
                "19.06.01.2002",   # 2 bow-tie → two triangles
                "1906012003",      # 3 first half of a duplicate
                None,              # 4 no code
                "190601200",       # 5 nine digits: not a code
                "1906012003",      # 6 second half of the duplicate
                "19.06.01",        # 7 a kecamatan code in a desa file
                "1906022001",      # 8 polygon + line in a collection
                "1906022002",      # 9 empty geometry
                "1906022099",      # 10 not in the code list
            ],
            "WADMKD": ["Kelubi", "Lalang", "Mekar", "Tanpa Kode", "Salah", "Mekar", "Manggar", "Gantung", "Kosong", "Baru"],
        },
        geometry=[
            box(0, 0, 1, 1),
            BOWTIE,
            box(10, 0, 11, 1),
            box(20, 0, 21, 1),
            box(30, 0, 31, 1),
            box(12, 0, 13, 1),
            box(40, 0, 41, 1),
            GeometryCollection([box(50, 0, 51, 1), LineString([(51, 0), (52, 0)])]),
            Polygon(),
            box(60, 0, 61, 1),
        ],
        crs=4326,
    )


KNOWN = {"19", "19.06", "19.06.01", "19.06.02", "19.06.01.2001", "19.06.01.2002", "19.06.01.2003",
         "19.06.02.2001", "19.06.02.2002"}


def test_hand_built_repairs_and_report():
    out, report = clean_layer(hand_built(), "KDEPUM", "WADMKD", known_codes=KNOWN)
    assert out.kode.tolist() == ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001", "19.06.02.2099"]
    assert out.nama.tolist() == ["Kelubi", "Lalang", "Mekar", "Gantung", "Baru"]
    assert report["features"] == 10 and report["kept"] == 5
    assert report["missing_code"] == [{"row": 4, "nama": "Tanpa Kode"}]
    assert said(report["invalid_code"], "en") == [  # the problems are said in the reader's language
        {"row": 5, "value": "190601200", "nama": "Salah", "problem": "not a Kemendagri code"},
        {"row": 7, "value": "19.06.01", "nama": "Manggar", "problem": "a kecamatan code, not a desa/kelurahan code"},
    ]
    assert report["invalid_code"][0]["problem"] == "bukan kode Kemendagri"  # Indonesian by default
    assert said(report["repaired"], "en") == [
        {"row": 2, "kode": "19.06.01.2002", "problem": "invalid geometry (Self-intersection[1 1])",
         "action": "repaired with make_valid"},
        {"row": 8, "kode": "19.06.02.2001", "problem": "non-polygon parts: LineString",
         "action": "dropped 1 non-polygon part(s)"},
    ]
    assert said(report["empty"], "en") == [{"row": 9, "kode": "19.06.02.2002", "problem": "no geometry"}]
    assert report["duplicates"] == [{"kode": "19.06.01.2003", "rows": [3, 6], "nama": ["Mekar"]}]
    assert report["not_in_codelist"] == [{"row": 10, "kode": "19.06.02.2099", "nama": "Baru"}]

    geom = dict(zip(out.kode, out.geometry))
    bowtie = geom["19.06.01.2002"]
    assert bowtie.geom_type == "MultiPolygon" and len(bowtie.geoms) == 2 and bowtie.area == pytest.approx(2.0)
    merged = geom["19.06.01.2003"]
    assert merged.geom_type == "MultiPolygon" and merged.equals(shapely.MultiPolygon([box(10, 0, 11, 1), box(12, 0, 13, 1)]))
    assert geom["19.06.02.2001"].equals(box(50, 0, 51, 1))
    assert shapely.is_valid(out.geometry.values).all()


def test_every_input_row_is_accounted_for():
    _, report = clean_layer(hand_built(), "KDEPUM", "WADMKD", known_codes=KNOWN)
    kept_rows = {1, 2, 3, 6, 8, 10}  # 3 and 6 become one area
    dropped = {e["row"] for key in ("missing_code", "invalid_code", "empty") for e in report[key]}
    assert kept_rows | dropped == set(range(1, 11)) and not kept_rows & dropped


def test_only_points_is_empty_and_adjacent_duplicates_still_multipolygon():
    frame = gpd.GeoDataFrame(
        {"kode": ["1906012001", "1906012002", "1906012002"]},
        geometry=[Point(0, 0), box(0, 0, 1, 1), box(1, 0, 2, 1)],
        crs=4326,
    )
    out, report = clean_layer(frame, "kode")
    assert said(report["empty"], "en") == [{"row": 1, "kode": "19.06.01.2001", "problem": "no polygon (only Point)"}]
    assert out.kode.tolist() == ["19.06.01.2002"]
    assert out.nama.tolist() == [None]
    assert out.geometry[0].geom_type == "MultiPolygon" and out.geometry[0].area == pytest.approx(2.0)
    assert report["duplicates"] == [{"kode": "19.06.01.2002", "rows": [2, 3], "nama": []}]


def test_numeric_codes_from_excel():
    frame = gpd.GeoDataFrame({"iddesa": [1906012004.0, 3216012001]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=4326)
    assert find_code_column(frame) == "iddesa"
    out, report = clean_layer(frame, "iddesa")
    assert out.kode.tolist() == ["19.06.01.2004", "32.16.01.2001"] and report["invalid_code"] == []


@pytest.mark.parametrize(
    ("columns", "code", "name"),
    [
        (["OBJECTID", "KDEBPS", "KDEPUM", "WADMKD", "NAMOBJ"], "KDEPUM", "WADMKD"),
        (["kode_desa", "nama_desa"], "kode_desa", "nama_desa"),
        (["kd_desa", "desa"], "kd_desa", "desa"),
        (["KODE_DESA", "NAMA_DESA"], "KODE_DESA", "NAMA_DESA"),
        (["iddesa", "namobj"], "iddesa", "namobj"),
        (["kode", "nama"], "kode", "nama"),
    ],
)
def test_columns_found_by_name(columns, code, name):
    frame = gpd.GeoDataFrame({c: ["1906012004"] for c in columns}, geometry=[box(0, 0, 1, 1)], crs=4326)
    assert find_code_column(frame) == code
    assert find_name_column(frame, code_column=code) == name


def test_code_column_found_by_content_but_never_bps():
    frame = gpd.GeoDataFrame(
        {"id_bps": ["3216010001", "3216010002"], "wilayah": ["3216012001", "3216012002"], "label": ["A", "B"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
        crs=4326,
    )
    assert find_code_column(frame) == "wilayah"
    assert find_name_column(frame, code_column="wilayah") is None
    with pytest.raises(PwsError, match="Tidak ada kolom kode desa Kemendagri.*--code-column"):
        find_code_column(frame.drop(columns="wilayah"))
    with pytest.raises(PwsError, match="--code-column 'kode'.*tidak punya kolom itu"):
        find_code_column(frame, given="kode")
    assert find_code_column(frame, given="WILAYAH") == "wilayah"

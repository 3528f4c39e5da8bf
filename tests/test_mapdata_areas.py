"""The map's data layer on the hand-made squares workspace (tests/squares.py)."""

from __future__ import annotations

import gzip
import json

import pytest

from mapdata import areas, geojson
from mapdata.store import MapDataCache
from tests.squares import build_squares_workspace


@pytest.fixture
def ws(tmp_path):
    return build_squares_workspace(tmp_path / "ws")


@pytest.fixture
def md(ws):
    return MapDataCache().get(ws.root)


def test_start_area_skips_the_lone_province(md):
    # one province only: open on its two kabupaten
    assert areas.start_area(md) == "99"
    assert list(areas.children(md, "99")["kode"]) == ["99.01", "99.02"]


def test_children_of_a_desa_is_the_desa_itself(md):
    assert list(areas.children(md, "99.01.02")["kode"]) == ["99.01.02.2001", "99.01.02.2002"]
    assert list(areas.children(md, "99.01.02.2002")["kode"]) == ["99.01.02.2002"]


def test_bounds_worked_by_hand(md):
    # kabupaten 99.02 is x in [2, 4], y in [0, 2]; its kecamatan 99.02.02 is x in [3, 4]
    assert areas.bounds(md, "99") == [[0.0, 0.0], [2.0, 4.0]]
    assert areas.bounds(md, "99.02.02") == [[0.0, 3.0], [2.0, 4.0]]
    assert areas.bounds(md, "99.02.02.2002") == [[1.0, 3.0], [2.0, 4.0]]


def test_breadcrumb_follows_the_codes(md):
    trail = areas.breadcrumb(md, "99.01.02.2001")
    assert [c["kode"] for c in trail] == [None, "99", "99.01", "99.01.02", "99.01.02.2001"]
    assert trail[2]["nama"] == "Kabupaten 99.01"
    assert trail[-1]["nama"] == "Desa 121"


def test_children_geojson_is_compact_and_complete(md):
    fc = json.loads(geojson.children_geojson(md, "99.02"))
    assert [f["properties"] for f in fc["features"]] == [
        {"kode": "99.02.01", "nama": "Kecamatan 99.02.01"},
        {"kode": "99.02.02", "nama": "Kecamatan 99.02.02"},
    ]
    # kecamatan 99.02.01 is the column x in [2, 3]
    xs = {round(x, 5) for ring in fc["features"][0]["geometry"]["coordinates"] for x, _ in ring}
    assert xs == {2.0, 3.0}


def test_gzip_round_trip_and_stable_etag(md):
    body = geojson.children_geojson(md, "99")
    assert gzip.decompress(geojson.gzipped(body)) == body
    assert geojson.gzipped(body) == geojson.gzipped(body)
    assert geojson.etag(body) == geojson.etag(geojson.children_geojson(md, "99"))
    assert geojson.etag(body) != geojson.etag(geojson.children_geojson(md, "99.01"))


def test_facilities_inside_an_area(md):
    fc = json.loads(geojson.facilities_geojson(md, "99.01.01"))
    assert sorted(f["properties"]["id"] for f in fc["features"]) == ["K1", "P1", "P2", "T1"]
    fc = json.loads(geojson.facilities_geojson(md, "99.01.01.2002"))
    assert [f["properties"]["jenis"] for f in fc["features"]] == ["puskesmas"]
    assert fc["features"][0]["geometry"]["coordinates"] == [0.5, 1.5]
    assert json.loads(geojson.facilities_geojson(md, "99.02"))["features"] == []
    assert geojson.count_facilities(md, "99.01") == 4
    assert geojson.count_facilities(md, None) == 0


def test_cache_loads_once_per_snapshot(ws):
    cache = MapDataCache()
    first = cache.get(ws.root)
    assert cache.get(ws.root) is first
    assert cache.loads == 1
    with ws.transaction("again") as tx:
        tx.manifest["demo"] = False
        tx.manifest["boundaries"]["demo"] = False
    second = cache.get(ws.root)
    assert second is not first and second.snapshot_id == ws.snapshot_id
    assert (first.demo, second.demo) == (True, False)
    assert cache.loads == 2

"""The facility list under the map (keyboard and screen-reader way to the points), on the squares."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from mapdata import geojson
from mapdata.facilities import facility_items
from mapdata.store import MapDataCache
from tests.squares import build_squares_workspace, fasilitas_frame


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    return MapDataCache().get(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws").root)


def test_kecamatan_lists_every_point_drawn_in_reading_order(md):
    items = facility_items(md, "99.01.01")
    # Desa 111 (2001) before Desa 112 (2002); in a desa the pustu before the posyandu, then by name
    assert [i["id"] for i in items] == ["T1", "P1", "P2", "K1"]
    assert items[0] == {
        "id": "T1",
        "lat": 0.5,
        "lon": 0.5,
        "label": "Pustu Satu, Pustu, desa Desa 111: Layanan ILP berjalan, Belum lapor bulan ini",
    }
    assert items[2]["label"] == "Posyandu Melati, Posyandu, desa Desa 111: Layanan ILP belum berjalan, Sudah lapor bulan ini"
    # the same points the map draws
    drawn = {f["properties"]["id"] for f in json.loads(geojson.facilities_geojson(md, "99.01.01"))["features"]}
    assert drawn == {i["id"] for i in items}


def test_desa_level_lists_only_that_desa_in_english(md):
    items = facility_items(md, "99.01.01.2002", "en")
    assert items == [
        {"id": "K1", "lat": 1.5, "lon": 0.5, "label": "Puskesmas Satu, Puskesmas, village Desa 112: ILP services running, Reported this month"}
    ]


def test_nothing_at_the_top_or_where_no_facility_lies(md):
    assert facility_items(md, None) == []
    assert facility_items(md, "99.02") == []


def test_unknown_status_is_said_not_turned_into_no(md):
    from dataclasses import replace

    f = fasilitas_frame()
    f = f.astype({"ilp_aktif": object, "lapor_bulan_ini": object})
    f.loc[f["id"] == "K1", "ilp_aktif"] = None
    f.loc[f["id"] == "K1", "lapor_bulan_ini"] = float("nan")
    f = pd.concat([f, f.iloc[[0]].assign(id="X1", lat=None)])  # no location: not drawn, not listed
    other = replace(md, fasilitas=f)
    assert [i["label"] for i in facility_items(other, "99.01.01.2002")] == [
        "Puskesmas Satu, Puskesmas, desa Desa 112: Status ILP tidak diketahui, Status lapor tidak diketahui"
    ]
    assert "X1" not in {i["id"] for i in facility_items(other, "99.01.01")}


def test_posyandu_carry_their_latest_week_cases_and_a_missing_report_is_said(demo_workspace):
    from mapdata.facilities import cases_text, disease_names, facility_cases

    demo = MapDataCache().get(demo_workspace.root)
    kasus = demo_workspace.read_table("kasus/mingguan.parquet")
    minggu = kasus["minggu"].max()
    posyandu = demo.fasilitas[demo.fasilitas["jenis"] == "posyandu"]
    desa = posyandu["kode_desa"].value_counts().index[0]
    week, cases = facility_cases(demo, desa)
    assert week == minggu
    latest = kasus[(kasus["minggu"] == minggu) & (kasus["kode_desa"] == desa)]
    expected = latest.groupby(["tempat", "penyakit"])["jumlah"].sum()
    assert cases == {tempat: {p: int(expected.get((tempat, p), 0)) for p in sorted(kasus["penyakit"].unique())}
                     for tempat in latest["tempat"].unique()}
    # on the map: the counts, or null for a posyandu that did not report that week
    drawn = {f["properties"]["id"]: f["properties"] for f in json.loads(geojson.facilities_geojson(demo, desa))["features"]}
    for pid in posyandu.loc[posyandu["kode_desa"] == desa, "id"]:
        assert drawn[pid]["minggu"] == minggu and drawn[pid]["kasus"] == cases.get(pid)
    assert all("kasus" not in p for p in drawn.values() if p["jenis"] != "posyandu")
    # in the list, read out with the label
    names = disease_names()
    for item in facility_items(demo, desa):
        if item["id"] in set(posyandu["id"]):
            assert item["label"].endswith("; " + cases_text(minggu, cases.get(item["id"]), names))
    assert cases_text(minggu, None, names) == f"Belum lapor kasus {minggu}"

"""The puskesmas path through the map: roll-up by sums, drill, switch, trend, alerts, exports.

Squares (tests/squares.py) with Balita ditimbang (``ds``, target 85 %) in three desa and a
wilayah kerja worked by hand:

- PA serves 99.01.01.2001 and 99.01.02.2001 (two kecamatan): January (40 + 10) / (50 + 50)
  = 50 %, February (45 + 30) / 100 = 75 %;
- PB serves 99.01.01.2002 and 99.01.02.2002: February 20/50 = 40 % from one desa of two;
- PC serves the four desa of kabupaten 99.02: no data.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from indicators.rollup import sum_by_group
from mapdata import areas
from mapdata.geojson import children_geojson
from mapdata.hideout import PWS_COLOURS
from mapdata.navigation import on_event
from mapdata.store import MapDataCache
from mapdata.view import current_state, map_payload, table_rows, trend_series
from mapdata.viewstate import to_query
from puskesmas import import_puskesmas
from tests.squares import build_squares_workspace, nilai_frame

WILAYAH_KERJA = """kode_puskesmas,nama_puskesmas,kode_desa
PA01,Puskesmas A,99.01.01.2001
PA01,Puskesmas A,99.01.02.2001
PB02,Puskesmas B,99.01.01.2002
PB02,Puskesmas B,99.01.02.2002
PC03,Puskesmas C,99.02.01.2001
PC03,Puskesmas C,99.02.01.2002
PC03,Puskesmas C,99.02.02.2001
PC03,Puskesmas C,99.02.02.2002
"""


def build(root, tmp):
    ws = build_squares_workspace(root, nilai=True)
    extra = pd.DataFrame({"kode_desa": ["99.01.02.2001"] * 2, "periode": ["2025-01", "2025-02"],
                          "indikator": ["ds"] * 2, "pembilang": [10.0, 30.0], "penyebut": [50.0, 50.0]})
    with ws.transaction("nilai") as tx:
        tx.write_table("indikator/nilai.parquet", pd.concat([nilai_frame(), extra], ignore_index=True))
    csv = tmp / "wk.csv"
    csv.write_text(WILAYAH_KERJA, encoding="utf-8")
    import_puskesmas(ws, csv)
    return ws


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pkm")
    return MapDataCache().get(build(tmp / "ws", tmp).root)


def test_sum_by_group_adds_numbers_and_counts_reporting_desa():
    rows = pd.DataFrame({"kode": ["a", "b", "a", "b", "c"], "periode": ["2025-01", "2025-01", "2025-02", "2025-02", "2025-02"],
                         "pembilang": [40.0, 10.0, 45.0, float("nan"), 7.0], "penyebut": [50.0, 50.0, 50.0, 50.0, 7.0],
                         "pembilang_kumulatif": [40.0, 10.0, 85.0, 10.0, 7.0], "penyebut_kumulatif": [50.0, 50.0, 50.0, 50.0, 7.0],
                         "desa_dengan_data": [1, 1, 1, 1, 1]})
    out = sum_by_group(rows, {"a": "P", "b": "P"})
    assert out["kode"].tolist() == ["P", "P"]
    assert out["pembilang"].tolist() == [50.0, 45.0]  # a missing pembilang adds nothing, it is not a zero row
    assert out["penyebut"].tolist() == [100.0, 100.0]
    assert out["pembilang_kumulatif"].tolist() == [50.0, 95.0]
    assert out["desa_dengan_data"].tolist() == [2.0, 2.0]


def test_kabupaten_on_the_puskesmas_path_shows_its_puskesmas_summed(md):
    p = map_payload(md, current_state(md, "?wilayah=99.01&indikator=ds&jalur=puskesmas"))
    assert [c["kode"] for c in p["children"]] == ["PA01", "PB02"]
    assert "75,0 % (75/100)" in p["hideout"]["tip"]["PA01"]
    assert "40,0 % (20/50)" in p["hideout"]["tip"]["PB02"]
    assert p["hideout"]["warna"]["PB02"] == PWS_COLOURS["jelek"]
    assert p["jalur"] == "puskesmas"
    # the administrative path at the same kabupaten still shows kecamatan
    admin = map_payload(md, current_state(md, "?wilayah=99.01&indikator=ds"))
    assert [c["kode"] for c in admin["children"]] == ["99.01.01", "99.01.02"]


def test_ranked_table_and_trend_of_a_puskesmas(md):
    rows = table_rows(md, current_state(md, "?wilayah=99.01&indikator=ds&jalur=puskesmas&bahasa=en"))
    assert [(r["kode"], r["nilai_teks"]) for r in rows] == [("PA01", "75.0 %"), ("PB02", "40.0 %")]
    series, title = trend_series(md, current_state(md, "?wilayah=99.01&indikator=ds&jalur=puskesmas&pilih=PA01"))
    assert series["nilai"].round(6).tolist() == [50.0, 75.0]
    assert "Puskesmas A" in title


def test_a_puskesmas_shows_its_desa_across_kecamatan(md):
    state = current_state(md, "?wilayah=99.01&indikator=ds&jalur=puskesmas")
    inside = on_event(md, state, "klik", "PA01")
    assert inside.wilayah == "PA01"
    p = map_payload(md, inside)
    assert [c["kode"] for c in p["children"]] == ["99.01.01.2001", "99.01.02.2001"]
    assert "90,0 % (45/50)" in p["hideout"]["tip"]["99.01.01.2001"]
    assert [t["kode"] for t in p["trail"]] == [None, "99", "99.01", "PA01"]
    desa = on_event(md, inside, "klik", "99.01.02.2001")
    assert [t["kode"] for t in areas.breadcrumb(md, desa.wilayah, desa.jalur)] == [None, "99", "99.01", "PA01", "99.01.02.2001"]
    assert on_event(md, desa, "naik").wilayah == "PA01"
    assert on_event(md, inside, "naik").wilayah == "99.01"


def test_the_switch_lives_in_the_url_and_meets_at_the_kabupaten(md):
    state = current_state(md, "?wilayah=99.01.01&indikator=ds")
    switched = on_event(md, state, "jalur", "puskesmas")
    assert (switched.wilayah, switched.jalur) == ("99.01", "puskesmas")
    assert "jalur=puskesmas" in to_query(switched)
    assert current_state(md, to_query(switched)) == switched
    back = on_event(md, current_state(md, "?wilayah=PA01&indikator=ds&jalur=puskesmas"), "jalur", "administrasi")
    assert (back.wilayah, back.jalur) == ("99.01", "administrasi")
    # a puskesmas in the URL is on the puskesmas path whatever the URL says
    assert current_state(md, "?wilayah=PA01").jalur == "puskesmas"


def test_geometry_of_the_puskesmas_is_their_dissolved_desa(md):
    features = json.loads(children_geojson(md, "99.01", "puskesmas"))["features"]
    assert [f["properties"]["kode"] for f in features] == ["PA01", "PB02"]
    from shapely.geometry import shape

    pa = shape(features[0]["geometry"])
    assert pa.bounds == (0.0, 0.0, 2.0, 1.0)  # the two bottom squares of kabupaten 99.01
    assert [f["properties"]["kode"] for f in json.loads(children_geojson(md, "99.01"))["features"]] == ["99.01.01", "99.01.02"]


def test_facilities_and_csv_export_at_puskesmas_level(md):
    from callbacks.export import download
    from mapdata.facilities import facilities_in

    # the squares' puskesmas point stands in 99.01.01.2002, served by PB02
    assert facilities_in(md, "PB02")["id"].tolist() == ["K1"]
    assert sorted(facilities_in(md, "PA01")["id"]) == ["P1", "P2", "T1"]
    sent = download("csv", "?wilayah=99.01&indikator=ds&jalur=puskesmas", md)
    assert "Puskesmas A" in sent["content"] and "Puskesmas B" in sent["content"]
    assert "99.01.01" not in sent["content"].replace("99.01.01.", "")
    xlsx = download("xlsx", "?wilayah=99.01&indikator=ds&jalur=puskesmas", md)
    png = download("png", "?wilayah=99.01&indikator=ds&jalur=puskesmas", md)
    import base64
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(base64.b64decode(xlsx["content"]))).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row}
    assert {"Puskesmas A", "Puskesmas B"} <= cells
    assert base64.b64decode(png["content"])[:8] == b"\x89PNG\r\n\x1a\n"
    admin_png = download("png", "?wilayah=99.01&indikator=ds", md)
    assert admin_png["content"] != png["content"]  # the puskesmas are drawn, not the kecamatan


def test_without_a_wilayah_kerja_the_path_is_administrative(tmp_path):
    md = MapDataCache().get(build_squares_workspace(tmp_path / "ws", nilai=True).root)
    state = current_state(md, "?wilayah=99.01&indikator=ds&jalur=puskesmas")
    assert state.jalur == "administrasi"
    assert [c["kode"] for c in map_payload(md, state)["children"]] == ["99.01.01", "99.01.02"]
    assert current_state(md, "?wilayah=PA01").wilayah != "PA01"


def test_belitung_timur_puskesmas_sums_match_the_kecamatan(shared_data, tmp_path):
    """A puskesmas serving a whole kecamatan has its numbers; two sharing Manggar add up to it."""
    from indicators.query import IndicatorQuery
    from tests.wilayah_kerja import LALANG, MANGGAR, build_belitung_timur_wilayah_kerja

    ws = build_belitung_timur_wilayah_kerja(shared_data, tmp_path / "ws")
    md = MapDataCache().get(ws.root)
    query = IndicatorQuery(ws)
    names = dict(zip(areas.children(md, "19.06", "puskesmas")["kode"], areas.children(md, "19.06", "puskesmas")["nama"]))
    group_of = areas.puskesmas_of(md)
    for indikator in ("k1", "ds"):
        pkm = query.groups("19.06", group_of, names, indikator, "2025-10").set_index("kode")
        kec = query.children("19.06", indikator, "2025-10").set_index("kode")
        cols = ["pembilang", "penyebut", "pembilang_kumulatif", "penyebut_kumulatif", "desa_dengan_data"]
        assert pkm.loc["P1906020101", cols].tolist() == pytest.approx(kec.loc["19.06.02", cols].tolist())
        assert pkm.loc["P1906020101", "status"] == kec.loc["19.06.02", "status"]
        both = pkm.loc[[MANGGAR, LALANG], cols].sum()
        assert both.tolist() == pytest.approx(kec.loc["19.06.01", cols].tolist())
        assert pkm.loc[MANGGAR, "desa_total"] == 5 and pkm.loc[LALANG, "desa_total"] == 4


def test_the_switch_is_offered_only_with_a_wilayah_kerja(md, tmp_path):
    from errors import InvalidRequest
    from layouts import ids
    from layouts.controls import jalur_switch
    from mapdata.options import page_options

    state = current_state(md, "?wilayah=99.01&jalur=puskesmas")
    shown = jalur_switch(page_options(md), state, "id")
    radio = next(c for c in shown.children if getattr(c, "id", None) == ids.JALUR)
    assert not shown.hidden and radio.value == "puskesmas"
    assert [o["label"] for o in radio.options] == ["Wilayah administrasi", "Wilayah kerja puskesmas"]
    plain = MapDataCache().get(build_squares_workspace(tmp_path / "plain").root)
    assert jalur_switch(page_options(plain), current_state(plain, ""), "en").hidden
    with pytest.raises(InvalidRequest):
        on_event(md, state, "jalur", {"value": "puskesmas"})

"""Callback functions called directly (no browser), on the squares workspace."""

from __future__ import annotations

import gzip
import io
import json

import pandas as pd
import pytest
from dash import no_update

from app import create_app
from access.actor import Actor
from callbacks import AppContext
from callbacks.export import download
from callbacks.page import render
from callbacks.state import apply, event_of
from callbacks.view import MAP_OUTPUTS, legend_digest, map_outputs
from layouts import ids
from mapdata.store import MapDataCache
from tests.dash_requests import as_admin
from tests.squares import build_squares_workspace


def trig(component_id, value):
    """``dash.ctx.triggered`` for one input that changed."""
    return [{"prop_id": f"{component_id}.n_clicks", "value": value}]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws")


ADMIN = Actor("admin", "admin")


@pytest.fixture
def ctx(ws):
    return AppContext(ws.root, MapDataCache(), actor=lambda: ADMIN)


def test_page_renders_once_per_language_and_mode(ctx):
    children, key, cls, lang = render("?wilayah=99.01", None, ctx)
    assert key["bahasa"] == "id" and cls == "pws-page" and lang == "id"
    assert render("?wilayah=99.01.02", key, ctx) == (no_update,) * 4  # a drill: no re-render
    children, key2, cls, lang = render("?wilayah=99.01&mode=presentasi&bahasa=en", key, ctx)
    assert key2["mode"] == "presentasi" and cls == "pws-page pws-presentasi" and lang == "en"


def test_drill_sends_geometry_and_hideout_together(ctx):
    md = ctx.data()
    out = map_outputs("?wilayah=99.01", None, md)
    assert set(out) == set(MAP_OUTPUTS)  # every output answered, by name
    url, hideout, viewport, title = out["url"], out["hideout"], out["viewport"], out["title"]
    fas_url, fas_legend_hidden, fas_list = out["facilities_url"], out["facility_legend_hidden"], out["facility_list"]
    picker, picked = out["child_options"], out["child_value"]
    assert url == f"/pws/geo/{md.snapshot_id}/99.01.pbf"
    # only what assets/pws.js reads: the legend travels as the legend's components
    assert set(hideout) >= {"warna", "tip", "nodata", "garis"} and "legend" not in hideout
    assert set(hideout) <= {"warna", "tip", "nodata", "garis", "waspada", "pilih"}
    assert viewport["bounds"] == [[0.0, 0.0], [2.0, 2.0]]
    assert fas_url is None and fas_legend_hidden is True and fas_list == []  # facilities only from kecamatan down
    assert "Kabupaten 99.01" in title
    assert picker == [{"label": "Kecamatan 99.01.01", "value": "99.01.01"}, {"label": "Kecamatan 99.01.02", "value": "99.01.02"}]
    assert picked is None


def test_same_area_sends_only_the_hideout(ctx):
    md = ctx.data()
    url = map_outputs("?wilayah=99.01", None, md)["url"]
    out = map_outputs("?wilayah=99.01&klasifikasi=quantiles", url, md)
    assert set(out) == set(MAP_OUTPUTS)
    unchanged = {"url", "viewport", "breadcrumb", "facilities_url", "facility_legend_hidden", "child_options",
                 "child_value", "facility_list"}
    assert {name for name, value in out.items() if value is no_update} == unchanged
    assert isinstance(out["hideout"], dict)


def test_legend_is_sent_only_when_it_differs_from_the_one_shown(ctx):
    md = ctx.data()
    first = map_outputs("?wilayah=99.01", None, md)
    legend, key = first["legend"], first["legend_key"]
    assert "tidak ada data" in str(legend) and isinstance(key, str)
    # drilling on with the PWS colours: same legend, not sent again
    down = map_outputs("?wilayah=99.01.01", first["url"], md, shown_legend=key)
    assert down["legend"] is no_update and down["legend_key"] is no_update
    assert down["url"] != first["url"]  # the geometry does change
    # a fresh page (empty store) gets it again; another indicator changes it
    assert legend_digest(map_outputs("?wilayah=99.01.01", first["url"], md, shown_legend=None)["legend"]) == key
    other = map_outputs("?wilayah=99.01&indikator=posyandu_ilp", first["url"], md, shown_legend=key)
    assert other["legend"] is not no_update and other["legend_key"] not in (key, no_update)


def test_facilities_at_kecamatan_level(ctx):
    md = ctx.data()
    out = map_outputs("?wilayah=99.01.01", None, md)
    assert out["facilities_url"] == f"/pws/fasilitas/{md.snapshot_id}/99.01.01.json"
    assert out["facility_legend_hidden"] is False  # the facility legend (in the page) is shown
    toggle, items = out["facility_list"]  # a drill sends the list's button only
    assert toggle.children == "Daftar fasilitas di peta (4)" and getattr(toggle, "aria-expanded") == "false"
    assert items.id == ids.FACILITY_ITEMS and items.children is None
    from callbacks.view import facility_list_output

    listed, expanded = facility_list_output(1, "?wilayah=99.01.01", md)  # the button pressed: the list
    assert expanded == "true"
    buttons = [li.children for li in listed[1].children]  # hint, list
    assert [b.children.split(",")[0] for b in buttons] == ["Pustu Satu", "Posyandu Mawar", "Posyandu Melati", "Puskesmas Satu"]
    assert buttons[3].type == "button" and getattr(buttons[3], "data-lat") == "1.5" and getattr(buttons[3], "data-id") == "K1"
    assert facility_list_output(2, "?wilayah=99.01.01", md) == ([], "false")  # pressed again: closed


def test_map_click_writes_the_drilled_area_to_the_url(ctx):
    search, key, klaster, options, indikator, *_ = apply("", None, trig(ids.CLICKED, {"kode": "99.02", "t": 1}), ctx.data())
    assert search == "?wilayah=99.02&indikator=lapor_lengkap"
    assert key["indikator"] == "lapor_lengkap"
    # the indicator controls already show this indicator: not sent again
    assert klaster is no_update and options is no_update and indikator is no_update


def test_an_indicator_change_sets_the_indicator_controls(ctx):
    search, key, klaster, options, indikator, *_ = apply("?wilayah=99.01", None, trig(ids.KEY_NEXT, 1), ctx.data())
    assert "indikator=posyandu_ilp" in search and indikator == "posyandu_ilp"
    assert klaster == 1 and [o["value"] for o in options] == ["lapor_lengkap", "posyandu_ilp"]
    # picking the klaster a second time still answers with its indicator list
    out = apply("?wilayah=99.01&indikator=lapor_lengkap", None, trig(ids.KLASTER, 1), ctx.data())
    assert out[2] == 1 and [o["value"] for o in out[3]] == ["lapor_lengkap", "posyandu_ilp"]


def test_the_area_picker_drills_like_a_click(ctx):
    search = apply("?wilayah=99.01", None, trig(ids.CHILD_PICKER, "99.01.02"), ctx.data())[0]
    assert search.startswith("?wilayah=99.01.02&")
    assert apply("?wilayah=99.01", None, trig(ids.CHILD_PICKER, None), ctx.data())[0] is no_update


def test_desa_level_shows_facility_legend_and_nothing_to_drill(ctx):
    out = map_outputs("?wilayah=99.01.01.2001", None, ctx.data())
    assert out["child_options"] == []
    assert out["facility_legend_hidden"] is False  # facility legend shown


def test_language_switch_keeps_the_page_key_so_the_page_rerenders(ctx):
    shown = {"bahasa": "id", "mode": "normal", "indikator": "lapor_lengkap", "periode": None, "klasifikasi": "pws"}
    search, key, *_ = apply("?wilayah=99.01", shown, trig(ids.BAHASA, "en"), ctx.data())
    assert "bahasa=en" in search
    assert key["bahasa"] == "id"  # differs from the URL: render_page will rebuild in English


def test_buttons_rendered_but_not_pressed_do_nothing(ctx):
    assert apply("", None, trig(ids.KEY_UP, None), ctx.data()) == (no_update,) * 7
    assert event_of(None, 3) is None


def test_csv_and_xlsx_exports_have_localized_headers(ctx):
    csv = download("csv", "?wilayah=99.01&bahasa=en", ctx.data())
    assert csv["filename"].endswith(".csv")
    assert csv["content"].splitlines()[0] == "No.,kode,Area,Achieved,Numerator,Denominator,Target,Status,Trend"
    xlsx = download("xlsx", "?wilayah=99.01", ctx.data())
    import base64

    frame = pd.read_excel(io.BytesIO(base64.b64decode(xlsx["content"])))
    assert list(frame.columns)[:3] == ["No.", "kode", "Wilayah"]


def test_png_export_is_a_png(ctx):
    png = download("png", "?wilayah=99.01", ctx.data())
    import base64

    data = base64.b64decode(png["content"])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert png["filename"].startswith("pws_kelengkapan")


def test_geometry_route_serves_geobuf_that_decodes_to_the_geojson(ws):
    import geobuf

    client = create_app(ws.root, actor=as_admin).server.test_client()
    sid = ws.snapshot_id
    r = client.get(f"/pws/geo/{sid}/99.pbf", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip"
    assert r.mimetype == "application/x-protobuf" and "immutable" in r.headers["Cache-Control"]
    decoded = geobuf.decode(gzip.decompress(r.data))
    as_json = json.loads(client.get(f"/pws/geo/{sid}/99.json").data)
    assert [f["properties"] for f in decoded["features"]] == [f["properties"] for f in as_json["features"]]
    assert [f["geometry"] for f in decoded["features"]] == [f["geometry"] for f in as_json["features"]]
    assert client.get(f"/pws/geo/{sid}/99.pbf", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
    assert client.get(f"/pws/geo/{sid}/98.pbf").status_code == 404


def test_geometry_route_caches_and_compresses(ws):
    app = create_app(ws.root, actor=as_admin)
    client = app.server.test_client()
    sid = ws.snapshot_id
    r = client.get(f"/pws/geo/{sid}/99.json", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip"
    assert "immutable" in r.headers["Cache-Control"]
    fc = json.loads(gzip.decompress(r.data))
    assert [f["properties"]["kode"] for f in fc["features"]] == ["99.01", "99.02"]
    again = client.get(f"/pws/geo/{sid}/99.json", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    assert client.get(f"/pws/geo/{sid}/98.json").status_code == 404
    assert client.get(f"/pws/geo/old-snapshot/99.json").status_code == 404
    fas = client.get(f"/pws/fasilitas/{sid}/99.01.01.2002.json")
    assert [f["properties"]["nama"] for f in json.loads(fas.data)["features"]] == ["Puskesmas Satu"]


def test_app_serves_assets_locally(ws):
    app = create_app(ws.root, actor=as_admin)
    html = app.server.test_client().get("/").data.decode()
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert "pws.js" in html and "pws.css" in html


def test_warm_up_loads_the_snapshot_in_the_background(ws):
    ctx = AppContext(ws.root, MapDataCache(), actor=lambda: ADMIN)
    ctx.warm_up().join(timeout=30)
    assert ctx.cache.loads == 1
    ctx.data()
    assert ctx.cache.loads == 1  # the request found it loaded


@pytest.mark.parametrize("actor", [as_admin, None], ids=["fixed actor", "with login"])
def test_warm_up_with_the_app_opens_the_start_page_without_error(ws, capsys, actor):
    app = create_app(ws.root, actor=actor)
    ctx = AppContext(ws.root, MapDataCache())
    ctx.warm_up(app).join(timeout=120)
    assert "not preloaded" not in capsys.readouterr().err  # it failed once, quietly, on the map's named outputs


def test_a_press_merged_with_a_freshly_rendered_button_still_counts(ctx):
    merged = [
        {"prop_id": '{"kode":"","type":"pws-crumb"}.n_clicks', "value": None},
        {"prop_id": f"{ids.KEY_NEXT}.n_clicks", "value": 1},
    ]
    search, *_ = apply("?wilayah=99.01&indikator=lapor_lengkap", None, merged, ctx.data())
    assert "indikator=posyandu_ilp" in search


def test_callback_answers_are_gzipped_when_the_client_accepts_it(ws):
    from tests.dash_requests import UPDATE, CallbackGraph, FlaskClient, SimulatedUser, payload

    app = create_app(ws.root, actor=as_admin)
    client = app.server.test_client()
    user = SimulatedUser(FlaskClient(app.server), CallbackGraph(client.get("/_dash-dependencies").get_json()))
    body = payload(user.page, user._values(), ["pws-location.search"])  # a fresh page: the whole body is rendered
    plain = client.post(UPDATE, json=body)
    packed = client.post(UPDATE, json=body, headers={"Accept-Encoding": "gzip, deflate"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.data)) == plain.get_json()
    assert len(packed.data) < len(plain.data) / 2


def test_small_answers_stay_plain_and_an_indicator_switch_answer_is_packed(ws):
    from tests.dash_requests import UPDATE, CallbackGraph, FlaskClient, SimulatedUser, payload

    from callbacks.compression import MIN_BYTES as GZIP_MIN_BYTES

    app = create_app(ws.root, actor=as_admin)
    client = app.server.test_client()
    user = SimulatedUser(FlaskClient(app.server), CallbackGraph(client.get("/_dash-dependencies").get_json()))
    user.open("")
    values = {**user._values(), (ids.INDIKATOR, "value"): "posyandu_ilp"}
    body = payload(user.action, values, [f"{ids.INDIKATOR}.value"])
    plain = client.post(UPDATE, json=body)
    packed = client.post(UPDATE, json=body, headers={"Accept-Encoding": "gzip"})
    assert len(plain.data) >= GZIP_MIN_BYTES and packed.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.data)) == plain.get_json()
    assert len(packed.data) < len(plain.data)
    # the rapor above desa level is a one-line hint: sent as it is
    body = payload(user.graph.by_output("pws-rapor.children"), user._values(), ["pws-location.search"])
    small = client.post(UPDATE, json=body, headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200 and len(small.data) < GZIP_MIN_BYTES
    assert "Content-Encoding" not in small.headers


def test_labels_travel_as_points_and_the_legend_says_what_they_are(ctx):
    md = ctx.data()
    off = map_outputs("?wilayah=99.01", None, md)
    assert off["labels"] == {"type": "FeatureCollection", "features": []}
    on = map_outputs("?wilayah=99.01&label=1", None, md)
    feats = on["labels"]["features"]
    # two kecamatan columns of 1 x 2 degrees: each label at its column's centre, name then value (no data: –)
    assert [(f["geometry"]["coordinates"], f["properties"]["teks"]) for f in feats] == [
        ([0.5, 1.0], ["Kecamatan 99.01.01", "–"]), ([1.5, 1.0], ["Kecamatan 99.01.02", "–"])]
    assert "Label: nama wilayah dan nilai" in json.dumps(on["legend"], default=str, ensure_ascii=False)


def test_the_label_and_comparison_controls_write_the_url(ctx):
    md = ctx.data()
    action, *_ = apply("?wilayah=99.01", None, [{"prop_id": f"{ids.LABEL}.n_clicks", "value": 1}], md)
    query = action if isinstance(action, str) else action["search"]
    assert query.startswith("?wilayah=99.01&") and query.endswith("&label=1")
    action, *_ = apply(query, None, [{"prop_id": f"{ids.LABEL}.n_clicks", "value": 2}], md)
    assert "label" not in (action if isinstance(action, str) else action["search"])
    assert map_outputs(query, None, md)["label_pressed"] == "true"


def test_the_png_download_draws_the_labels_when_they_are_on(ctx, monkeypatch):
    import callbacks.export as export

    seen = {}
    real = export.map_png

    def spy(geometry, hideout, **kw):
        seen["labels"] = kw.get("labels")
        return real(geometry, hideout, **kw)

    monkeypatch.setattr(export, "map_png", spy)
    download("png", "?wilayah=99.01", ctx.data())
    assert seen["labels"] is None
    png = download("png", "?wilayah=99.01&label=1", ctx.data())
    assert [lab["teks"][0] for lab in seen["labels"]] == ["Kecamatan 99.01.01", "Kecamatan 99.01.02"]
    assert png["content"]

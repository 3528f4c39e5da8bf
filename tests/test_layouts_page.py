"""Layout builders without a browser: ids, labels, languages, legend and breadcrumb."""

from __future__ import annotations

import json

import pytest

from layouts import ids
from layouts.map import breadcrumb, legend
from layouts.page import page, page_class
from texts import EN, ID, t
from mapdata.options import page_options
from mapdata.store import MapDataCache
from mapdata.view import current_state
from tests.squares import build_squares_workspace


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    return MapDataCache().get(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws").root)


def walk(component):
    """Every component in a tree (dicts from to_plotly_json)."""
    stack = [component]
    while stack:
        c = stack.pop()
        if isinstance(c, (list, tuple)):
            stack.extend(reversed(c))  # depth-first, in document order
            continue
        if c is None or isinstance(c, (str, int, float)):
            continue
        yield c
        children = getattr(c, "children", None)
        if children is not None:
            stack.append(children)
        for attr in ("layers",):
            if getattr(c, attr, None):
                stack.append(getattr(c, attr))


def texts(component) -> list[str]:
    out = []
    for c in walk(component):
        ch = getattr(c, "children", None)
        if isinstance(ch, str):
            out.append(ch)
        elif isinstance(ch, list):
            out.extend(x for x in ch if isinstance(x, str))
    return out


def test_english_keys_all_exist_in_indonesian():
    assert set(EN) <= set(ID)
    assert t("tidak_ada_data", "en") == "no data"


def test_page_ids_are_the_ones_in_ids_module(md):
    body = page(current_state(md, ""), page_options(md))
    found = {c.id for c in walk(body) if isinstance(getattr(c, "id", None), str)}
    for needed in (ids.MAP, ids.AREAS, ids.FACILITIES, ids.LEGEND, ids.INDIKATOR, ids.KLASTER, ids.PERIODE, ids.KLASIFIKASI, ids.TABLE, ids.TREND, ids.RAPOR, ids.DEMO_LABEL, ids.MODE_BUTTON, ids.KEY_UP):
        assert needed in found


def test_every_control_has_a_label_pointing_at_it(md):
    body = page(current_state(md, ""), page_options(md))
    labelled = {c.htmlFor for c in walk(body) if type(c).__name__ == "Label"}
    assert {ids.KLASTER, ids.INDIKATOR, ids.PERIODE, ids.KLASIFIKASI, ids.BAHASA} <= labelled


@pytest.mark.parametrize("lang,table", [("id", ID), ("en", {**ID, **EN})])
def test_page_text_comes_from_the_strings_of_its_language(md, lang, table):
    body = page(current_state(md, f"?bahasa={lang}"), page_options(md))
    allowed = set(table.values()) | {"⤴", "←", "→"} | {"●", "■", "✚", " "}  # key symbols, facility symbols
    stray = [s for s in texts(body) if s not in allowed]
    assert stray == []
    assert t("demo_label", lang) in texts(body)


def test_demo_label_only_for_demo_workspaces(md):
    opts = {**page_options(md), "demo": False}
    body = page(current_state(md, ""), opts)
    assert ids.DEMO_LABEL not in {getattr(c, "id", None) for c in walk(body)}


def test_map_uses_canvas_and_static_js_functions(md):
    body = page(current_state(md, ""), page_options(md))
    comps = {getattr(c, "id", None): c for c in walk(body)}
    assert comps[ids.MAP].preferCanvas is True
    assert comps[ids.AREAS].style == {"variable": "pws.map.style"}
    assert comps[ids.FACILITIES].cluster is True
    assert getattr(comps[ids.AREAS], "data", None) is None  # geometry only ever comes from url=
    assert comps[ids.AREAS].format == "geobuf"  # what the geometry route sends at that url


@pytest.mark.parametrize("lang,posyandu,aktif", [("id", "Posyandu", "Layanan ILP berjalan"), ("en", "Posyandu", "ILP services running")])
def test_facility_tooltip_labels_are_in_the_page_language(md, lang, posyandu, aktif):
    # static per language, so they are in the page, not in every drill's answer
    body = page(current_state(md, f"?bahasa={lang}"), page_options(md))
    hideout = {getattr(c, "id", None): c for c in walk(body)}[ids.FACILITIES].hideout
    assert hideout["jenis"]["posyandu"] == posyandu
    assert hideout["ilp"][1] == aktif
    fas_legend = {getattr(c, "id", None): c for c in walk(body)}[ids.FACILITY_LEGEND]
    assert fas_legend.hidden is True  # until the map shows facilities
    assert posyandu in texts(fas_legend)


def test_legend_rows_carry_exactly_the_hideout_colours():
    entries = [{"warna": "#111111", "label": "Baik"}, {"warna": "#d9d9d9", "label": "tidak ada data"}]
    rows = [c for c in walk(legend(entries, "K1", "id")) if type(c).__name__ == "Li"]
    assert [r.to_plotly_json()["props"]["data-warna"] for r in rows] == ["#111111", "#d9d9d9"]
    assert [r.children[0].style["backgroundColor"] for r in rows] == ["#111111", "#d9d9d9"]


def test_breadcrumb_buttons_up_to_the_current_area():
    trail = [{"kode": None, "nama": None}, {"kode": "99", "nama": "Prov"}, {"kode": "99.01", "nama": "Kab"}]
    nav = breadcrumb(trail, "en")
    js = json.loads(json.dumps(nav.to_plotly_json(), default=lambda o: o.to_plotly_json()))
    assert js["props"]["aria-label"] == "Area location"
    buttons = [c for c in walk(nav) if type(c).__name__ == "Button"]
    assert [b.id for b in buttons] == [ids.crumb(None), ids.crumb("99")]
    assert [b.children for b in buttons] == ["Indonesia", "Prov"]
    current = [c for c in walk(nav) if type(c).__name__ == "Span"]
    assert current[0].children == "Kab" and current[0].to_plotly_json()["props"]["aria-current"] == "page"


def test_presentation_class():
    assert page_class("presentasi") == "pws-page pws-presentasi"
    assert page_class("normal") == "pws-page"


def test_charts_carry_only_the_part_of_the_template_they_draw_with():
    import plotly.io as pio

    from layouts.panels import trend_figure, weekly_figure

    whole = pio.templates["plotly_white"].to_plotly_json()
    for fig in (weekly_figure(None, title="", lang="id"), trend_figure(None, title="x", satuan="persen", lang="en")):
        template = fig["layout"]["template"]
        assert template["layout"]["plot_bgcolor"] == whole["layout"]["plot_bgcolor"] == "white"
        assert template["layout"]["xaxis"] == whole["layout"]["xaxis"]  # same grid lines and colours
        assert "geo" not in template["layout"] and set(template["data"]) == {"scatter", "bar"}
        assert len(json.dumps(template)) < len(json.dumps(whole)) / 4

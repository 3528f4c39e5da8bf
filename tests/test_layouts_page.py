"""Layout builders without a browser: ids, labels, languages, legend and breadcrumb."""

from __future__ import annotations

import json
import re

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


def _svg_of(chart) -> str:
    from urllib.parse import unquote

    src = chart[0].src
    assert src.startswith("data:image/svg+xml")
    return unquote(src.split(",", 1)[1])


def test_trend_chart_of_one_month_has_a_month_label_and_a_target_line():
    # a workspace with one imported month: plotly drew "23:59:59.999" ticks and no target line
    import xml.etree.ElementTree as ET

    import pandas as pd

    from layouts.panels import trend_figure

    one = pd.DataFrame({"periode": ["2026-09"], "nilai": [61.5], "target_bulan": [70.0]})
    chart = trend_figure(one, title="Tren K1", satuan="persen", lang="id")
    svg = _svg_of(chart)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [e.text for e in root.iter(ns + "text")]
    assert "2026-09" in texts and not any(":" in (tx or "") for tx in texts)  # a month, not a clock time
    target_lines = [e for e in root.iter(ns + "line") if e.get("stroke-dasharray")]
    plot = [e for e in target_lines if e.get("stroke") == "#b2182b"]
    assert len(plot) >= 1 and float(plot[0].get("x2")) - float(plot[0].get("x1")) > 300  # across the plot
    assert len(list(root.iter(ns + "circle"))) == 1  # the month's value is a marker
    assert "61,5" in chart[0].alt and "70" in chart[0].alt  # the numbers for a screen reader


def test_trend_chart_joins_months_and_leaves_gaps():
    import xml.etree.ElementTree as ET

    import pandas as pd

    from layouts.panels import trend_figure

    months = pd.DataFrame({"periode": ["2026-01", "2026-02", "2026-03", "2026-04"], "nilai": [10.0, 20.0, None, 40.0],
                           "target_bulan": [8.0, 16.0, 24.0, 32.0]})
    root = ET.fromstring(_svg_of(trend_figure(months, title="t", satuan="persen", lang="en")))
    ns = "{http://www.w3.org/2000/svg}"
    lines = [e.get("points").split() for e in root.iter(ns + "polyline")]
    assert sorted(len(p) for p in lines) == [2, 4]  # values: Jan–Feb joined, Apr alone (a gap); target: 4 months
    assert len(list(root.iter(ns + "circle"))) == 3


def test_empty_charts_say_so():
    from layouts.panels import trend_figure, weekly_figure

    assert weekly_figure(None, title="", lang="id") == []
    chart = trend_figure(None, title="x", satuan="persen", lang="en")
    assert "No indicator data" in _svg_of(chart) and chart[0].alt


ROWS = [
    {"kode": "29.01.01", "peringkat": 1, "nama": "Bukit", "nilai": 80.0, "nilai_teks": "80,0 %", "rasio_teks": "8 / 10",
     "status": "baik", "status_teks": "Baik", "tren": "naik", "tren_teks": "▲ naik"},
    {"kode": "29.01.02", "peringkat": 2, "nama": "Alas", "nilai": 50.0, "nilai_teks": "50,0 %", "rasio_teks": "5 / 10",
     "status": "jelek", "status_teks": "Jelek", "tren": "turun", "tren_teks": "▼ turun"},
    {"kode": "29.01.03", "peringkat": None, "nama": "Cemara", "nilai": None, "nilai_teks": "–", "rasio_teks": "– / –",
     "status": None, "status_teks": "tidak ada data", "tren": None, "tren_teks": "–"},
]


def _as_sent(components):
    from plotly.utils import PlotlyJSONEncoder

    return json.loads(json.dumps(components, cls=PlotlyJSONEncoder))


def _headers(table) -> dict:
    heads = table[0]["props"]["children"][0]["props"]["children"]["props"]["children"]
    return {(h["props"]["children"]["props"].get("data-kolom") if isinstance(h["props"]["children"], dict) else None):
            h["props"].get("aria-sort") for h in heads}


def test_ranked_table_is_plain_html_with_a_button_per_area_and_aria_sort():
    from layouts.panels import table_view
    from tests.dash_requests import row_codes

    table = _as_sent(table_view(ROWS, sort=None, pilih="29.01.02", lang="id"))
    assert table[0]["type"] == "Table"
    assert row_codes(table) == ["29.01.01", "29.01.02", "29.01.03"]  # the ranking
    heads = _headers(table)
    assert heads["peringkat"] == "ascending" and heads["nilai"] is None and None in heads  # the ratio column does not sort
    pressed = re.findall(r'"aria-pressed": "(\w+)"[^{}]*"data-kode": "([\d.]+)"', json.dumps(table, sort_keys=True))
    assert sorted(pressed) == [("false", "29.01.01"), ("false", "29.01.03"), ("true", "29.01.02")]  # the selected row
    by_value = _as_sent(table_view(ROWS, sort={"kolom": "nilai", "naik": True}, pilih=None, lang="en"))
    assert row_codes(by_value) == ["29.01.02", "29.01.01", "29.01.03"]  # no data stays last
    assert _headers(by_value)["nilai"] == "ascending" and _headers(by_value)["peringkat"] is None
    by_name = _as_sent(table_view(ROWS, sort={"kolom": "nama", "naik": False}, pilih=None, lang="en"))
    assert row_codes(by_name) == ["29.01.03", "29.01.01", "29.01.02"] and _headers(by_name)["nama"] == "descending"
    assert "Sort by Area" in json.dumps(by_name)
    assert table_view([], sort=None, pilih=None, lang="id")[0].children == "Belum ada wilayah untuk diperingkat."


def test_chart_image_url_is_whole():
    # a raw "#" in a data: URL starts its fragment: the image ended at the first colour and did not draw
    import pandas as pd

    from layouts.panels import trend_figure

    chart = trend_figure(pd.DataFrame({"periode": ["2026-09"], "nilai": [61.5], "target_bulan": [70.0]}),
                         title="t", satuan="persen", lang="id")
    src = chart[0].src
    assert "#" not in src and "%23" in src and src.rstrip().endswith("%3C/svg%3E")

"""The page names what the first map needs, so the browser asks for it with the page's scripts.

Whether the browser really takes the preloaded answers (one request each) is
checked in a browser by ``tests/test_field_link.py``.
"""

from __future__ import annotations

import re

import pytest

from app import create_app
from tests.dash_requests import as_admin


@pytest.fixture(scope="module")
def demo_path(demo_workspace):
    return demo_workspace.root


@pytest.fixture(scope="module")
def client(demo_path):
    return create_app(demo_path, actor=as_admin).server.test_client()


def _preloads(html: str) -> list[str]:
    return re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin>', html)


def test_the_page_preloads_the_renderers_first_requests_in_its_head(client):
    html = client.get("/").get_data(as_text=True)
    head = html[: html.index("</head>")]
    assert {"/_dash-layout", "/_dash-dependencies"} <= set(_preloads(head))
    for url in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(url).status_code == 200


def _json(value) -> str:
    import json

    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def _ctx(path, actor):
    from callbacks import AppContext

    return AppContext(path, actor=lambda: actor)


def test_the_layout_carries_the_first_map_as_the_map_callback_answers_it(demo_path):
    # the first map was drawn only after the map callback's answer and then its geometry: two round trips
    from dash import no_update

    from access.actor import Actor
    from callbacks.page import first_layout
    from callbacks.view import MAP_OUTPUTS, map_outputs
    from layouts import ids

    ctx = _ctx(demo_path, Actor("dinas-uji", "dinas", "29.01"))
    search = "?indikator=k1"
    layout = first_layout(f"http://pws.example/{search}", "pws.example", ctx)
    answer = map_outputs(search, None, ctx.data(), db=ctx.ops())
    for name, (cid, prop) in MAP_OUTPUTS.items():
        shown = getattr(layout[cid], prop)
        if name == "viewport":  # applied as the map mounts, without a move's animation
            assert shown["bounds"] == answer["viewport"]["bounds"] and shown["options"]["animate"] is False
        else:
            assert _json(shown) == _json(answer[name]), name
    assert answer["url"].endswith("/29.01.pbf")  # the dinas's own kabupaten, nothing above it
    assert answer["hideout"] and answer["legend"]
    # the map callback's first call, from this page, sends neither the geometry URL nor the legend again
    again = map_outputs(search, layout[ids.AREAS].url, ctx.data(), shown_legend=layout[ids.LEGEND_KEY].data, db=ctx.ops())
    assert again["url"] is no_update and again["legend"] is no_update and again["viewport"] is no_update


def _props_of(tree, cid):
    """Props of the component ``cid`` in a layout as JSON (``None`` when absent)."""
    if isinstance(tree, list):
        return next(filter(None, (_props_of(t, cid) for t in tree)), None)
    if not isinstance(tree, dict) or "props" not in tree:
        return None
    if tree["props"].get("id") == cid:
        return tree["props"]
    return _props_of(tree["props"].get("children"), cid)


def test_the_page_preloads_the_geometry_of_its_first_map_and_nothing_for_nobody(demo_path):
    from access.actor import Actor
    from layouts import ids

    dinas = create_app(demo_path, actor=lambda: Actor("dinas-uji", "dinas", "29.02")).server.test_client()
    html = dinas.get("/?indikator=k1").get_data(as_text=True)
    geometry = [u for u in _preloads(html) if u.startswith("/pws/geo/")]
    assert len(geometry) == 1 and geometry[0].endswith("/29.02.pbf")
    layout = dinas.get("/_dash-layout", headers={"Referer": "http://localhost/?indikator=k1"}).get_json()
    assert _props_of(layout, ids.AREAS)["url"] == geometry[0]  # the layer asks for what was preloaded
    assert dinas.get(geometry[0]).status_code == 200
    brief = dinas.get("/?tampilan=ringkasan").get_data(as_text=True)
    assert not [u for u in _preloads(brief) if u.startswith("/pws/geo/")]  # the brief draws no map
    nobody = create_app(demo_path, actor=lambda: None).server.test_client().get("/").get_data(as_text=True)
    assert not [u for u in _preloads(nobody) if u.startswith("/pws/geo/")]


def test_a_page_asked_for_another_kabupaten_preloads_and_carries_only_the_users_own(demo_path):
    # the first map is built into the layout from the URL: a URL naming another kabupaten must not bring its data
    import json

    from access.actor import Actor
    from layouts import ids

    dinas = create_app(demo_path, actor=lambda: Actor("dinas-uji", "dinas", "29.02")).server.test_client()
    html = dinas.get("/?wilayah=29.01&indikator=k1").get_data(as_text=True)
    geometry = [u for u in _preloads(html) if u.startswith("/pws/geo/")]
    assert len(geometry) == 1 and geometry[0].endswith("/29.02.pbf")
    layout = dinas.get("/_dash-layout", headers={"Referer": "http://localhost/?wilayah=29.01&indikator=k1"}).get_json()
    assert _props_of(layout, ids.AREAS)["url"] == geometry[0]
    assert '"29.01.' not in json.dumps(layout)  # no kecamatan or desa code of the other kabupaten anywhere in it
    assert '"29.02.' in json.dumps(layout)  # while its own areas are there (the test can fail)

"""Crafted callback requests: values no control sends are refused with 400, never a 500."""

from __future__ import annotations

import pytest

from app import create_app
from layouts import ids
from tests.dash_requests import UPDATE, CallbackGraph, FlaskClient, SimulatedUser, as_admin, payload
from tests.squares import build_squares_workspace


@pytest.fixture(scope="module")
def user(tmp_path_factory):
    app = create_app(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws", nilai=True).root, actor=as_admin)
    client = app.server.test_client()
    user = SimulatedUser(FlaskClient(app.server), CallbackGraph(client.get("/_dash-dependencies").get_json()))
    user.open("?wilayah=99.01")
    user.client_raw = client
    return user


def _post(user, cb, changed: tuple[str, str], value, overrides=None):
    values = {**user._values(), changed: value, **(overrides or {})}
    return user.client_raw.post(UPDATE, json=payload(cb, values, [f"{changed[0]}.{changed[1]}"]))


def test_real_actions_still_answer(user):
    assert _post(user, user.action, (ids.KLASTER, "value"), 1).status_code in (200, 204)
    assert _post(user, user.action, (ids.CLICKED, "data"), {"kode": "99.01.01", "t": 1}).status_code == 200


@pytest.mark.parametrize("changed, value", [
    ((ids.KLASTER, "value"), "satu"),  # int(value) raised ValueError: 500
    ((ids.KLASTER, "value"), {"x": 1}),  # TypeError
    ((ids.CLICKED, "data"), {"kode": ["99.01.01"], "t": 1}),  # an unhashable code
    ((ids.CLICKED, "data"), [1, 2]),
    ((ids.TABLE_PICK, "data"), "99.01.01"),  # value.get on a string
    ((ids.TABLE_PICK, "data"), {"kode": ["99.01.01"], "t": 1}),  # an unhashable code
    ((ids.PERIODE, "value"), {"bulan": 3}),
    ((ids.BAHASA, "value"), ["id"]),
], ids=lambda v: repr(v))
def test_a_crafted_action_value_is_a_bad_request(user, changed, value):
    r = _post(user, user.action, changed, value)
    assert r.status_code == 400, r.get_data(as_text=True)[:300]


def test_a_crafted_search_or_store_is_a_bad_request(user):
    for cb in (user.map, user.page, user.graph.by_output(f"{ids.TABLE}.")):
        assert _post(user, cb, (ids.LOCATION, "search"), ["?wilayah=99.01"]).status_code == 400
    assert _post(user, user.action, (ids.KLASTER, "value"), 2, {(ids.PAGE_KEY, "data"): "bahasa"}).status_code == 400
    panels = user.graph.by_output(f"{ids.TABLE}.")
    assert _post(user, panels, (ids.LOCATION, "search"), "?wilayah=99.01",
                 {(ids.PANEL_KEYS, "data"): ["tabel"]}).status_code == 400
    for sort in (["nilai"], {"kolom": {"x": 1}}):  # the table sort store, as pws.js never writes it
        assert _post(user, panels, (ids.TABLE_SORT, "data"), sort).status_code == 400
    assert _post(user, panels, (ids.TABLE_SORT, "data"), {"kolom": "nama", "naik": False}).status_code == 200

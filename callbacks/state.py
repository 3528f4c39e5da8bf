"""User actions → the URL. The URL is the one source of the view state."""

from __future__ import annotations

import json

from dash import ALL, ClientsideFunction, Input, Output, State, ctx as dash_ctx, no_update

from errors import InvalidRequest
from layouts import ids
from layouts.controls import indicator_options, klaster_of, period_options
from mapdata.navigation import on_event
from mapdata.options import page_options
from mapdata.view import current_state, period_choices
from mapdata.viewstate import to_query

from .page import page_key

# input id -> the user action it stands for (see mapdata.navigation.on_event)
TRIGGERS = {
    ids.CLICKED: "klik",
    ids.CHILD_PICKER: "klik",
    ids.KLASTER: "klaster",
    ids.INDIKATOR: "indikator",
    ids.PERIODE: "periode",
    ids.KLASIFIKASI: "klasifikasi",
    ids.JALUR: "jalur",
    ids.LABEL: "label",
    ids.BANDING: "banding",
    ids.BAHASA: "bahasa",
    ids.MODE_BUTTON: "mode",
    ids.KEY_UP: "naik",
    ids.KEY_NEXT: "berikut",
    ids.KEY_PREV: "sebelum",
    ids.TABLE_PICK: "tabel",
}


def event_of(triggered_id, value) -> tuple[str, object] | None:
    """``(event, value)`` for a triggered input, or ``None`` for nothing to do.

    >>> event_of({"type": "pws-crumb", "kode": "19.06"}, 1)
    ('crumb', '19.06')
    >>> event_of("pws-clicked", {"kode": "19.06.01", "t": 5})
    ('klik', '19.06.01')
    >>> event_of("pws-key-up", None) is None
    True
    """
    if triggered_id is None or value in (None, 0):
        return None  # a button rendered, not pressed
    if isinstance(triggered_id, dict):
        return "crumb", triggered_id.get("kode") or None
    event = TRIGGERS.get(triggered_id)
    if event == "klik":
        return event, value.get("kode") if isinstance(value, dict) else value
    if event == "tabel":
        kode = value.get("kode") if isinstance(value, dict) else None
        if not isinstance(value, dict) or not isinstance(kode, (str, type(None))):
            raise InvalidRequest(f"a table pick is an object with the row's code, not {type(value).__name__}")
        return event, kode
    return (event, value) if event else None


def first_event(triggered: list[dict]) -> tuple[str, object] | None:
    """The user's action among the triggered inputs.

    Dash merges inputs that change while a call is pending into one call, so a
    button press can arrive together with, say, a breadcrumb button that was
    just rendered (value ``None``): take the first that is a real action.

    >>> first_event([{"prop_id": '{"kode":"","type":"pws-crumb"}.n_clicks', "value": None},
    ...              {"prop_id": "pws-key-next.n_clicks", "value": 1}])
    ('berikut', 1)
    """
    for trig in triggered:
        name = trig["prop_id"].rsplit(".", 1)[0]
        cid = json.loads(name) if name.startswith("{") else name
        found = event_of(cid or None, trig.get("value"))
        if found is not None:
            return found
    return None


def apply(search, shown, triggered, md):
    """New URL and control values after one action (the callback's whole body).

    ``triggered`` is ``dash.ctx.triggered``. Seven values: the URL and key (as
    :func:`action_data` carries them), the klaster value, the indicator's options
    and value, the period's options and value; the period picker changes only when
    the new indicator counts other periods (a report view's weeks, the months with data).
    """
    found = first_event(triggered)
    if found is None:
        return (no_update,) * 7
    state = current_state(md, search)
    new = on_event(md, state, *found)
    if shown is not None and not (isinstance(shown, dict) and {"bahasa", "mode"} <= set(shown)):
        raise InvalidRequest("the page key store holds something this page never wrote")
    shown = shown or page_key(state)
    options = page_options(md)
    klaster = klaster_of(options, new.indikator)
    # the rendered page keeps its language and mode; a change there re-renders it
    key = {**page_key(new), "bahasa": shown["bahasa"], "mode": shown["mode"]}
    query = to_query(new) if new != state else no_update
    if new.indikator == state.indikator and found[0] != "klaster":
        # a drill, a period, ...: the indicator controls already show this (saves a third of a drill's answer)
        return query, key, no_update, no_update, no_update, no_update, no_update
    choices = period_choices(md, new)
    same_periods = choices == period_choices(md, state)
    if not same_periods:  # the picker gets the period the new view resolves to (a month carried to its week, ...)
        new = current_state(md, to_query(new))
        key = {**page_key(new), "bahasa": shown["bahasa"], "mode": shown["mode"]}
        query = to_query(new)
    return (
        query,
        key,
        klaster,
        indicator_options(options, klaster, shown["bahasa"]),
        new.indikator,
        no_update if same_periods else period_options(choices),
        no_update if same_periods else new.periode,
    )


def action_data(query, key) -> dict:
    """What the action store carries to the URL and page key (``None`` for a part that stays)."""
    return {"search": None if query is no_update else query, "key": None if key is no_update else key}


def register(app, ctx) -> None:
    """Map click (code only, in the browser) and every control → the URL."""
    app.clientside_callback(
        ClientsideFunction(namespace="pws", function_name="clickedCode"),
        Output(ids.CLICKED, "data"),
        Input(ids.AREAS, "clickData"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        ClientsideFunction(namespace="pws", function_name="applyAction"),
        Output(ids.LOCATION, "search"),
        Output(ids.PAGE_KEY, "data", allow_duplicate=True),
        Input(ids.ACTION, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.ACTION, "data"),
        Output(ids.KLASTER, "value"),
        Output(ids.INDIKATOR, "options"),
        Output(ids.INDIKATOR, "value"),
        Output(ids.PERIODE, "options"),
        Output(ids.PERIODE, "value"),
        Input(ids.CLICKED, "data"),
        Input({"type": ids.CRUMB_TYPE, "kode": ALL}, "n_clicks"),
        Input(ids.CHILD_PICKER, "value"),
        Input(ids.KLASTER, "value"),
        Input(ids.INDIKATOR, "value"),
        Input(ids.PERIODE, "value"),
        Input(ids.KLASIFIKASI, "value"),
        Input(ids.JALUR, "value"),
        Input(ids.LABEL, "n_clicks"),
        Input(ids.BANDING, "value"),
        Input(ids.BAHASA, "value"),
        Input(ids.MODE_BUTTON, "n_clicks"),
        Input(ids.KEY_UP, "n_clicks"),
        Input(ids.KEY_NEXT, "n_clicks"),
        Input(ids.KEY_PREV, "n_clicks"),
        Input(ids.TABLE_PICK, "data"),
        State(ids.LOCATION, "search"),
        State(ids.PAGE_KEY, "data"),
        prevent_initial_call=True,
    )
    def on_action(*args):
        search, shown = args[-2], args[-1]
        query, key, *controls = apply(search, shown, dash_ctx.triggered, ctx.data())
        if query is no_update and key is no_update:
            return (no_update, *controls)
        return (action_data(query, key), *controls)

"""Alert response from the page: a step button opens the form, Save takes the step through :mod:`mapdata.responses`.

Permission is not checked here: :func:`mapdata.responses.act` checks it (the
same rule as the command line) and its refusal is shown as the message. After
a step the ``RESPON_DONE`` store changes, and the map and the panels redraw
from the states now recorded.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx as dash_ctx, no_update

from access.respond import NotYourAlert
from errors import InvalidRequest
from layouts import ids
from layouts.panels import form_parts
from mapdata import responses, waspada
from mapdata.view import current_state
from surveillance.response import STATES, StepRefused
from texts import t

FORM_OUTPUTS = ("pilih", "hidden", "judul", "putusan_hidden", "hasil_hidden", "putusan", "hasil_pilihan", "hasil",
                "catatan")
"""The form callback's outputs, in order (:func:`form_output` answers them as a dict)."""


def pressed(triggered: list[dict]) -> dict | str | None:
    """The step button (its id) or ``"batal"`` that was pressed among ``dash.ctx.triggered``; ``None`` for none.

    A button just drawn arrives with ``n_clicks`` ``None``: not a press.

    >>> pressed([{"prop_id": '{"alert":"a","status":"respon","tempat":"daftar","type":"pws-langkah"}.n_clicks', "value": 1}])
    {'alert': 'a', 'status': 'respon', 'tempat': 'daftar', 'type': 'pws-langkah'}
    >>> pressed([{"prop_id": "pws-respon-form-batal.n_clicks", "value": 2}]), pressed([{"prop_id": ".", "value": None}])
    ('batal', None)
    """
    import json

    for trig in triggered:
        if not trig.get("value"):
            continue
        name = trig["prop_id"].rsplit(".", 1)[0]
        if name == ids.RESPON_CANCEL:
            return "batal"
        if name.startswith("{"):
            found = json.loads(name)
            if found.get("type") == ids.STEP_TYPE:
                return found
    return None


def form_output(which, md, db, lang: str) -> dict:
    """The form after a press: opened for the alert and step of a step button, or closed (Cancel; an unknown alert)."""
    closed = dict.fromkeys(FORM_OUTPUTS, no_update) | {"pilih": None, "hidden": True}
    if which is None:
        return dict.fromkeys(FORM_OUTPUTS, no_update)
    if which == "batal":
        return closed
    alert, step = which.get("alert"), which.get("status")
    if not isinstance(alert, str) or step not in STATES:
        raise InvalidRequest("a step button's id holds an alert id and a state")
    row = waspada.listed_alert(md, db, alert, lang)
    if row is None or step not in [s["status"] for s in row["langkah"]]:
        return closed  # the list changed under the page (a new import, someone else's step): it redraws
    parts = form_parts(row, step, row["verdict"], lang)
    return {"pilih": {"alert": alert, "status": step}, "hidden": False, "judul": parts["judul"],
            "putusan_hidden": not parts["putusan"], "hasil_hidden": not parts["hasil"], "putusan": None,
            "hasil_pilihan": parts["hasil_pilihan"], "hasil": parts["hasil_nilai"], "catatan": ""}


def save_step(pilih, verdict, hasil, note, md, db, actor, lang: str, address: str | None = None) -> dict:
    """Take the step the form is for; what the page shows after it.

    Returns
    -------
    dict with ``pesan`` (what was recorded, or why not), ``ok``, and on
    success ``tercatat`` (``{"alert", "urutan"}``: the ``RESPON_DONE`` store, so
    the map and panels redraw).
    """
    if not (isinstance(pilih, dict) and isinstance(pilih.get("alert"), str) and pilih.get("status") in STATES):
        raise InvalidRequest("the response form's store holds something this page never wrote")
    for value in (verdict, hasil, note):
        if value is not None and not isinstance(value, str):
            raise InvalidRequest("the response form's fields hold text")
    ref, status = pilih["alert"], pilih["status"]
    row = waspada.listed_alert(md, db, ref, lang)
    # an alert of the user's list by its ref; anything else is passed on as an id, and act answers it (refused
    # outside the scope, unknown otherwise): the page never decides who may act
    alert = row["id"] if row else ref
    try:
        step = responses.act(md, db, actor, alert, status, verdict=verdict if status == "diverifikasi" else None,
                             hasil=hasil if status == "selesai" else None, note=note, lang=lang, address=address)
    except (NotYourAlert, StepRefused) as exc:
        return {"pesan": t("respon_tidak_tercatat", lang, alasan=str(exc)), "ok": False}
    return {"pesan": waspada.recorded_message(row, alert, step, lang), "ok": True,
            "tercatat": {"alert": ref, "urutan": int(step["urutan"])}}


def _address() -> str | None:
    from auth import client_address

    return client_address()


def register(app, ctx) -> None:
    """Step buttons and Cancel → the form; Save → the step, its message, and the redraw."""
    @app.callback(
        output=[Output(ids.RESPON_PILIH, "data"), Output(ids.RESPON_FORM, "hidden"),
                Output(ids.RESPON_FORM_TITLE, "children"), Output(ids.RESPON_VERDICT_BOX, "hidden"),
                Output(ids.RESPON_HASIL_BOX, "hidden"), Output(ids.RESPON_VERDICT, "value"),
                Output(ids.RESPON_HASIL, "options"), Output(ids.RESPON_HASIL, "value"), Output(ids.RESPON_NOTE, "value")],
        inputs=[Input({"type": ids.STEP_TYPE, "alert": ALL, "status": ALL, "tempat": ALL}, "n_clicks"),
                Input(ids.RESPON_CANCEL, "n_clicks")],
        state=[State(ids.LOCATION, "search")],
        prevent_initial_call=True,
    )
    def open_form(_steps, _cancel, search):
        md = ctx.data()
        out = form_output(pressed(dash_ctx.triggered), md, ctx.ops(), current_state(md, search).bahasa)
        return [out[name] for name in FORM_OUTPUTS]

    @app.callback(
        Output(ids.RESPON_MESSAGE, "children"),
        Output(ids.RESPON_MESSAGE, "className"),
        Output(ids.RESPON_DONE, "data"),
        Output(ids.RESPON_FORM, "hidden", allow_duplicate=True),
        Output(ids.RESPON_PILIH, "data", allow_duplicate=True),
        Input(ids.RESPON_SAVE, "n_clicks"),
        State(ids.RESPON_PILIH, "data"),
        State(ids.RESPON_VERDICT, "value"),
        State(ids.RESPON_HASIL, "value"),
        State(ids.RESPON_NOTE, "value"),
        State(ids.LOCATION, "search"),
        prevent_initial_call=True,
    )
    def save(n_clicks, pilih, verdict, hasil, note, search):
        if not n_clicks or pilih is None:
            return (no_update,) * 5
        md = ctx.data()
        lang = current_state(md, search).bahasa
        done = save_step(pilih, verdict, hasil, note, md, ctx.ops(), ctx.actor(), lang, _address())
        if not done["ok"]:
            # the form stays open with what was typed (fix and save again, or cancel); the list and map
            # redraw in case the refusal came from a step someone else took meanwhile
            return done["pesan"], "pws-respon-pesan pws-ditolak", {"ditolak": pilih.get("alert"), "n": n_clicks}, \
                no_update, no_update
        return done["pesan"], "pws-respon-pesan", done["tercatat"], True, None

"""URL → map: geometry URL and hideout together on a drill, hideout alone otherwise."""

from __future__ import annotations

import hashlib
import json

from dash import Input, Output, State, no_update
from plotly.utils import PlotlyJSONEncoder

from layouts import ids
from layouts.map import alert_outline_legend, breadcrumb, child_options, facility_list, facility_toggle, label_legend, legend
from mapdata import areas
from mapdata.facilities import facilities_in, facility_items
from mapdata.geojson import COORD_DECIMALS
from mapdata.hideout import browser_hideout
from mapdata.labels import labels_geojson
from mapdata.view import current_state, map_payload

from .routes import FAS_PREFIX, GEOJSON, geometry_path


def _rounded(bounds: list[list[float]]) -> list[list[float]]:
    """Bounds to 5 decimals (~1 m): the stored float's 15 digits only cost bytes.

    >>> _rounded([[-7.953525542999955, 110.81999800000006], [-7.8, 110.9]])
    [[-7.95353, 110.82], [-7.8, 110.9]]
    """
    return [[round(v, COORD_DECIMALS) for v in corner] for corner in bounds]


def legend_digest(children) -> str:
    """Short digest of legend components: equal for legends that render alike."""
    text = json.dumps(children, cls=PlotlyJSONEncoder, sort_keys=True)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


MAP_OUTPUTS = {
    "url": (ids.AREAS, "url"),
    "hideout": (ids.AREAS, "hideout"),
    "viewport": (ids.MAP, "viewport"),
    "legend": (ids.LEGEND_SCALE, "children"),
    "title": (ids.MAP_TITLE, "children"),
    "breadcrumb": (ids.BREADCRUMB, "children"),
    "facilities_url": (ids.FACILITIES, "url"),
    "facility_legend_hidden": (ids.FACILITY_LEGEND, "hidden"),
    "child_options": (ids.CHILD_PICKER, "options"),
    "child_value": (ids.CHILD_PICKER, "value"),
    "legend_key": (ids.LEGEND_KEY, "data"),
    "facility_list": (ids.FACILITY_LIST, "children"),
    "labels": (ids.LABELS, "data"),
    "label_pressed": (ids.LABEL, "aria-pressed"),
}
"""The map callback's outputs by name: :func:`map_outputs` answers a dict with these keys."""

ON_DRILL = ("viewport", "breadcrumb", "facilities_url", "facility_legend_hidden", "child_options", "child_value",
            "facility_list")
"""What changes only with the area (or snapshot); a switch in the same area leaves it as shown."""


def map_outputs(search, current_url, md, url_for=lambda p: p, shown_legend=None, db=None) -> dict:
    """The map callback's outputs, by the names of :data:`MAP_OUTPUTS`.

    Geometry (``url``), bounds, breadcrumb and facilities (points and their
    list) change only when the area (or snapshot) changes; indicator, period
    and classification changes send the hideout and legend alone. Only the styling part of the
    hideout travels (:func:`mapdata.hideout.browser_hideout`), and the legend
    only when it differs from the one shown (``shown_legend``, its
    :func:`legend_digest`): drilling with the PWS colours keeps the legend.
    ``db``: the operational database, whose recorded alert states decide the
    alert outlines (after a step, the same view answers the new hideout only).
    """
    state = current_state(md, search)
    p = map_payload(md, state, db)
    url = url_for(geometry_path(md.snapshot_id, p["area"], jalur=p["jalur"]))
    # facilities (layer, legend, list) from kecamatan down, and only where there are some to draw
    show_fas = (p["area"] is not None and areas.level(md, p["area"]) in ("kecamatan", areas.PUSKESMAS, "desa")
                and not facilities_in(md, p["area"]).empty)
    legend_children = legend(p["hideout"]["legend"], p["legend_title"], state.bahasa)
    legend_children += alert_outline_legend(state.bahasa, [k for k in ("waspada", "waspada_nyata") if p["hideout"].get(k)])
    if p["labels"]:
        legend_children.append(label_legend(state.bahasa, change=bool(state.banding)))
    digest = legend_digest(legend_children)
    if digest == shown_legend:
        legend_children = digest = no_update
    out = {"url": url, "hideout": browser_hideout(p["hideout"]), "legend": legend_children, "title": p["title"],
           "legend_key": digest, "labels": labels_geojson(p["labels"]),
           "label_pressed": "true" if state.label else "false"}
    if url == current_url:
        return out | {"url": no_update} | dict.fromkeys(ON_DRILL, no_update)
    fas_url = url_for(geometry_path(md.snapshot_id, p["area"], FAS_PREFIX, GEOJSON)) if show_fas else None
    drillable = [] if p["area"] is not None and areas.level(md, p["area"]) == "desa" else p["children"]
    return out | {
        "viewport": {"bounds": _rounded(p["bounds"]), "transition": "fitBounds", "options": {"padding": [12, 12]}},
        "breadcrumb": breadcrumb(p["trail"], state.bahasa),
        "facilities_url": fas_url,
        "facility_legend_hidden": not show_fas,
        "child_options": child_options(drillable),
        "child_value": None,
        "facility_list": facility_toggle(len(facility_items(md, p["area"], state.bahasa)) if show_fas else 0, state.bahasa),
    }


def facility_list_output(n_clicks, search, md):
    """The facility list and its button's ``aria-expanded``: open after an odd number of presses."""
    state = current_state(md, search)
    if not n_clicks or n_clicks % 2 == 0:
        return [], "false"
    return facility_list(facility_items(md, state.wilayah, state.bahasa), state.bahasa), "true"


def register(app, ctx) -> None:
    """URL → map layers, viewport, legend, breadcrumb and area picker."""
    @app.callback(
        output={name: Output(*target) for name, target in MAP_OUTPUTS.items()},
        inputs=[Input(ids.LOCATION, "search"), Input(ids.RENDERED, "data"), Input(ids.RESPON_DONE, "data")],
        state=[State(ids.AREAS, "url"), State(ids.LEGEND_KEY, "data")],
    )
    def update_map(search, _rendered, _step, current_url, shown_legend):
        return map_outputs(search, current_url, ctx.data(), app.get_relative_path, shown_legend, ctx.ops())

    @app.callback(
        Output(ids.FACILITY_ITEMS, "children"),
        Output(ids.FACILITY_TOGGLE, "aria-expanded"),
        Input(ids.FACILITY_TOGGLE, "n_clicks"),
        State(ids.LOCATION, "search"),
        prevent_initial_call=True,
    )
    def toggle_facilities(n_clicks, search):
        return facility_list_output(n_clicks, search, ctx.data())

"""The dash-leaflet map, its legend and the breadcrumb above it.

Styling happens in the browser: ``assets/pws.js`` defines ``window.pws.map``
functions that read colours and hover text from the layer's ``hideout``, so
switching indicator sends a small dict and no geometry.
"""

from __future__ import annotations

import dash_leaflet as dl
from dash import dcc, html

from . import ids
from texts import t

def _js(name: str) -> dict:
    """Reference to a function in assets/pws.js (``window.pws.map.<name>``)."""
    return {"variable": f"pws.map.{name}"}


def map_panel(lang: str, tile_url: str | None = None) -> html.Div:
    """Map with the areas layer, the facilities layer and the legend on top.

    ``url``, ``hideout`` and the viewport are filled by the map callback;
    the areas start empty so geometry and its hideout always arrive together.
    What depends only on the language (facility tooltip labels and legend)
    is here rather than in the callback's answers.
    """
    layers = []
    if tile_url:
        layers.append(dl.TileLayer(url=tile_url, maxZoom=18))
    layers += [
        dl.GeoJSON(
            id=ids.AREAS,
            format="geobuf",  # see mapdata.geojson: half the bytes of GeoJSON, decoded by dash-leaflet
            style=_js("style"),
            onEachFeature=_js("bindTip"),
            hideout={},
            bubblingMouseEvents=False,
        ),
        dl.GeoJSON(
            id=ids.FACILITIES,
            pointToLayer=_js("facility"),
            onEachFeature=_js("bindFacilityTip"),
            cluster=True,
            superClusterOptions={"radius": 22, "maxZoom": 14},
            hideout=facility_hideout(lang),  # the page is re-rendered when the language changes
        ),
        # area labels (mapdata.labels): points drawn as plain text, not interactive, hidden from screen readers
        dl.GeoJSON(id=ids.LABELS, pointToLayer=_js("areaLabel"), interactive=False),
    ]
    return html.Div(
        [
            html.H2(id=ids.MAP_TITLE, className="pws-map-title", **{"aria-live": "polite"}),
            html.Div(
                [
                    dl.Map(
                        layers,
                        id=ids.MAP,
                        preferCanvas=True,
                        center=[-2.5, 118],
                        zoom=5,
                        zoomSnap=0.25,
                        attributionControl=False,
                        className="pws-leaflet",
                    ),
                    html.Div(
                        [
                            html.Div(id=ids.LEGEND_SCALE),
                            dcc.Store(id=ids.LEGEND_KEY),  # re-created empty with the page: the legend is then sent
                            # in the page, not in every drill's answer: the map callback only unhides it
                            html.Div(facility_legend(lang), id=ids.FACILITY_LEGEND, hidden=True),
                        ],
                        id=ids.LEGEND,
                        className="pws-legend",
                        role="region",
                        **{"aria-label": t("legenda", lang)},
                    ),
                ],
                className="pws-map-wrap",
                role="region",
                **{"aria-label": t("peta_label", lang)},
            ),
            html.Div(id=ids.FACILITY_LIST, className="pws-fas-list"),  # filled by the map callback
        ],
        className="pws-map-panel",
    )


def legend(entries: list[dict], title: str, lang: str) -> list:
    """Legend rows built from the same colour list the map uses.

    ``entries`` is ``hideout["legend"]``: ``[{"warna", "label"}, ...]``.
    """
    return [
        html.H3(title, className="pws-legend-title"),
        html.Ul(
            [
                html.Li(
                    [html.Span(className="pws-swatch", style={"backgroundColor": e["warna"]}, **{"aria-hidden": "true"}), e["label"]],
                    className="pws-legend-row",
                    **{"data-warna": e["warna"]},
                )
                for e in entries
            ],
            className="pws-legend-list",
        ),
    ]


def facility_legend(lang: str) -> html.Div:
    """Symbols and colours of the facility points (shown from kecamatan level down)."""
    symbols = [("●", "posyandu"), ("■", "pustu"), ("✚", "puskesmas")]
    return html.Div(
        [
            html.H3(t("fasilitas_legenda", lang), className="pws-legend-title"),
            html.P(
                [html.Span([html.Span(sym, className=f"pws-fas-{j}", **{"aria-hidden": "true"}), " ", t(f"jenis_{j}", lang), " "]) for sym, j in symbols],
                className="pws-legend-fas",
            ),
            html.P(t("fasilitas_ok", lang), className="pws-fas-ok pws-legend-note"),
            html.P(t("fasilitas_warn", lang), className="pws-fas-warn pws-legend-note"),
        ]
    )


def facility_toggle(n: int, lang: str) -> list:
    """The facility list's disclosure button (``n`` facilities drawn; nothing when none).

    The list itself (names, status, a posyandu's cases: most of a drill's answer
    at kecamatan level) is sent only when the button opens it
    (:func:`facility_list`), so a drill carries one line.
    """
    if not n:
        return []
    return [
        html.Button(
            t("fasilitas_daftar", lang, n=n),
            id=ids.FACILITY_TOGGLE,
            type="button",
            className="pws-fas-toggle",
            **{"aria-expanded": "false", "aria-controls": ids.FACILITY_ITEMS},
        ),
        html.Div(id=ids.FACILITY_ITEMS),
    ]


def facility_list(items: list[dict], lang: str) -> list:
    """The facilities drawn on the map as a list of buttons (empty list: nothing).

    ``items`` is :func:`mapdata.facilities.facility_items`. Markers inside a
    cluster are not on the page, so this list is how a keyboard or screen
    reader reaches every point; Enter on a button shows it on the map
    (``assets/pws.js`` reads the ``data-*`` attributes).
    """
    if not items:
        return []
    return [
        html.P(t("fasilitas_daftar_petunjuk", lang), className="pws-fas-list-hint"),
        html.Ul(
            [
                html.Li(
                    html.Button(
                        it["label"],
                        type="button",
                        className="pws-fas-item",
                        **{"data-id": it["id"], "data-lat": str(it["lat"]), "data-lon": str(it["lon"])},
                    )
                )
                for it in items
            ],
        ),
    ]


def alert_outline_legend(lang: str, kinds=("waspada",)) -> list:
    """What each alert outline on the map means, for the ``kinds`` drawn (hideout keys ``waspada``, ``waspada_nyata``).

    Dashed red: a high-severity alert or cluster not verified yet; solid purple:
    verified as a real rise, or being answered (:mod:`mapdata.waspada`).
    """
    words = {"waspada": "legenda_waspada", "waspada_nyata": "legenda_waspada_nyata"}
    return [
        html.P(
            [html.Span(className=f"pws-swatch pws-swatch-{kind.replace('_', '-')}", **{"aria-hidden": "true"}),
             t(words[kind], lang)],
            className=f"pws-legend-row pws-legend-{kind.replace('_', '-')}",
        )
        for kind in ("waspada", "waspada_nyata") if kind in kinds
    ]


def label_legend(lang: str, change: bool = False) -> html.P:
    """What the labels on the map say (shown when they are on)."""
    return html.P(
        [html.Span("Aa", className="pws-swatch pws-swatch-label", **{"aria-hidden": "true"}),
         t("legenda_label_banding" if change else "legenda_label", lang)],
        className="pws-legend-row pws-legend-label",
    )


def child_options(children: list[dict]) -> list[dict]:
    """Options of the "go into area" picker: the areas drawn, by name."""
    return [{"label": c["nama"], "value": c["kode"]} for c in sorted(children, key=lambda c: c["nama"])]


def breadcrumb(trail: list[dict], lang: str) -> html.Nav:
    """Indonesia › provinsi › kabupaten › kecamatan › desa; all but the last are buttons."""
    items = []
    for i, c in enumerate(trail):
        name = c["nama"] if c["kode"] is not None else t("indonesia", lang)
        last = i == len(trail) - 1
        if last:
            items.append(html.Li(html.Span(name, **{"aria-current": "page"}), className="pws-crumb pws-crumb-current"))
        else:
            items.append(html.Li(html.Button(name, id=ids.crumb(c["kode"]), className="pws-crumb-button"), className="pws-crumb"))
    return html.Nav(html.Ol(items, className="pws-crumbs"), **{"aria-label": t("breadcrumb_label", lang)})


def facility_hideout(lang: str) -> dict:
    """Labels the facility tooltips need, in ``lang`` (``{minggu}`` is filled in by assets/pws.js)."""
    from mapdata.facilities import disease_names

    return {
        "jenis": {j: t(f"jenis_{j}", lang) for j in ("posyandu", "pustu", "puskesmas")},
        "ilp": [t("ilp_tidak", lang), t("ilp_aktif", lang)],
        "lapor": [t("lapor_tidak", lang), t("lapor_ya", lang)],
        "kasus": [t("kasus_belum_lapor", lang), t("kasus_minggu", lang)],
        "penyakit": disease_names(lang),
    }

"""The page: a static shell, and the page body rendered per language."""

from __future__ import annotations

from dash import dcc, html

from . import ids
from .controls import controls, header, key_buttons
from .map import map_panel
from .panels import alerts_panel, ranked_table, rapor_panel, trend_panel
from texts import t


INDEX_STRING = """<!DOCTYPE html>
<html lang="id">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""
"""Dash's page with a language (Bahasa Indonesia first; the page body carries its own ``lang``)."""


def shell(search: str | None = None, body: list | None = None, key: dict | None = None,
          mode: str = "normal", lang: str | None = None) -> html.Div:
    """What the server sends first: URL, stores, and the page body for ``search``.

    Without ``search`` (a first request whose URL the server does not know) the
    page is empty and rendered by a callback once the browser's location is
    known; with it, the body (``body``, its ``key``, ``mode`` and ``lang``) is
    already in the layout, which saves the first map a round trip.
    """
    return html.Div(
        [
            dcc.Location(id=ids.LOCATION, refresh=False, **({"search": search} if search is not None else {})),
            dcc.Store(id=ids.PAGE_KEY, data=key),
            dcc.Store(id=ids.CLICKED),
            html.Div(body, id=ids.PAGE, className=page_class(mode), **({"lang": lang} if lang else {})),
        ]
    )


def page(state, options: dict, tile_url: str | None = None, luar_wilayah: bool = False) -> list:
    """The page body for ``state`` (a :class:`mapdata.viewstate.ViewState`).

    ``options`` is :func:`mapdata.options.page_options`; ``luar_wilayah``: the
    link asked for an area outside the user's scope (a short message says the
    map opened the user's own area instead).
    """
    lang = state.bahasa
    side = [ranked_table(lang), trend_panel(), rapor_panel()]
    if options["has_alerts"]:
        side.append(alerts_panel(lang))
    return [
        dcc.Store(id=ids.RENDERED, data=lang),
        # outputs of the action and export callbacks live in the page with their buttons and
        # dropdowns: Dash then does not call them when the page is drawn (a round trip each,
        # and the map waited for the action's answer)
        dcc.Store(id=ids.ACTION),
        dcc.Download(id=ids.DOWNLOAD),
        dcc.Store(id=ids.PANEL_KEYS),  # emptied by a re-render, so the new panels are filled
        # alert response: the step the form is for, and the step just recorded (the map and panels redraw on it)
        dcc.Store(id=ids.RESPON_PILIH),
        dcc.Store(id=ids.RESPON_DONE),
        header(options, state, lang),
        html.Div(
            [
                html.Div(id=ids.BREADCRUMB, className="pws-breadcrumb"),
                html.Div(
                    [
                        html.Label(t("masuk_wilayah", lang), htmlFor=ids.CHILD_PICKER, className="pws-label"),
                        dcc.Dropdown(id=ids.CHILD_PICKER, options=[], value=None, placeholder=t("masuk_wilayah", lang)),
                    ],
                    className="pws-picker pws-child-picker",
                ),
            ],
            className="pws-nav-row",
        ),
        controls(options, state, lang),
        html.P(t("luar_wilayah", lang), id=ids.SCOPE_NOTICE, className="pws-notice", role="status") if luar_wilayah else None,
        html.P(t("tanpa_indikator", lang), id=ids.NOTICE, className="pws-notice", role="status") if not options["has_values"] else None,
        html.Main(
            [map_panel(lang, tile_url), html.Aside(side, className="pws-side")],
            className="pws-main",
        ),
        key_buttons(lang),
    ]


def page_class(mode: str) -> str:
    """CSS class of the page: presentation mode enlarges the map and the type."""
    return "pws-page pws-presentasi" if mode == "presentasi" else "pws-page"

"""The page: a static shell, and the page body rendered per language."""

from __future__ import annotations

from dash import dcc, html

from . import ids
from .controls import controls, header, key_buttons
from .map import map_panel
from .panels import alerts_panel, ranked_table, rapor_panel, trend_panel
from texts import t


def shell() -> html.Div:
    """What the server sends first: URL, stores, download, and an empty page.

    The body is rendered by a callback from the URL (so the language and the
    control values come from the link).
    """
    return html.Div(
        [
            dcc.Location(id=ids.LOCATION, refresh=False),
            dcc.Store(id=ids.PAGE_KEY),
            dcc.Store(id=ids.CLICKED),
            dcc.Download(id=ids.DOWNLOAD),
            html.Div(id=ids.PAGE, className="pws-page"),
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
        side.append(alerts_panel())
    return [
        dcc.Store(id=ids.RENDERED, data=lang),
        dcc.Store(id=ids.PANEL_KEYS),  # emptied by a re-render, so the new panels are filled
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

"""Render the page body from the URL: on load, and when language or mode change."""

from __future__ import annotations

from urllib.parse import urlsplit

from dash import Input, Output, State, no_update

from layouts import ids
from layouts.page import page, page_class, shell
from mapdata.brief import VIEW, requested
from mapdata.view import current_state, left_scope, view_options

from . import brief

PAGE_KEYS = ("bahasa", "mode", "indikator", "periode", "klasifikasi", "jalur")
"""View fields the rendered controls show: a URL that differs in one of them re-renders the page."""


def page_key(state) -> dict:
    """The part of the state the rendered page shows in its controls."""
    return {k: getattr(state, k) for k in PAGE_KEYS}


def render(search, shown, ctx):
    """``(children, shown key, class, lang)``; no re-render when the page already shows this view.

    ``?tampilan=ringkasan`` renders the weekly brief of the view's area instead of the map.
    """
    md = ctx.data()
    state = current_state(md, search)
    key = page_key(state)
    asked = requested(search)
    if asked is not None:
        key = brief_key(state, asked)
        if shown == key:
            return no_update, no_update, no_update, no_update
        return brief.body(md, state, asked["minggu"], ctx.ops()), key, page_class(state.mode), state.bahasa
    if shown == key:
        return no_update, no_update, no_update, no_update
    body = page(state, view_options(md, state), ctx.tile_url, luar_wilayah=left_scope(md, search))
    return body, key, page_class(state.mode), state.bahasa


def brief_key(state, asked: dict) -> dict:
    """The shown key of a brief page: another area or week renders it again."""
    return {**page_key(state), "tampilan": VIEW, "wilayah": state.wilayah, "minggu": asked["minggu"]}


def first_layout(referrer: str | None, host: str, ctx):
    """The page for the URL that asked for the layout (the ``Referer`` of ``/_dash-layout``).

    The page body then comes with the layout; ``dcc.Location`` finds the search
    it already holds and fires nothing, so the map's callback goes first.
    Without a referrer from this host: the empty shell, filled by
    :func:`render` once the browser sets the location.
    """
    if not referrer:
        return shell()
    parts = urlsplit(referrer)
    if parts.netloc != host:
        return shell()
    search = f"?{parts.query}" if parts.query else ""
    md = ctx.data()
    state = current_state(md, search)
    asked = requested(search)
    if asked is not None:  # the weekly brief comes with the layout too
        return shell(search=search, body=brief.body(md, state, asked["minggu"], ctx.ops()), key=brief_key(state, asked),
                     mode=state.mode, lang=state.bahasa)
    return shell(search=search, body=page(state, view_options(md, state), ctx.tile_url), key=page_key(state),
                 mode=state.mode, lang=state.bahasa)


def register(app, ctx) -> None:
    """URL → page body (re-rendered only when language, mode or a control differs)."""
    from flask import request

    app.layout = lambda: first_layout(request.referrer, request.host, ctx)

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.PAGE_KEY, "data"),
        Output(ids.PAGE, "className"),
        Output(ids.PAGE, "lang"),  # screen readers pronounce the page in its language
        Input(ids.LOCATION, "search"),
        State(ids.PAGE_KEY, "data"),
        prevent_initial_call=True,  # the layout has the body already (first_layout), or the location fires this
    )
    def render_page(search, shown):
        return render(search, shown, ctx)

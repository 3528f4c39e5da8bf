"""The weekly brief: its page body (``?tampilan=ringkasan``) and the PDF and map image routes.

Everything is read through ``ctx.data()``, so the brief holds only what the
user's scope allows; the routes sit under ``/pws/`` and are closed without a
session like every other data route.
"""

from __future__ import annotations

from flask import Response, request

from layouts.brief import brief_page
from mapdata import areas
from mapdata import brief as briefs
from mapdata.view import current_state
from mapdata.viewstate import to_query


def body(md, state, week: str | None, db=None) -> list:
    """The brief page for the URL's view (``week`` ``None``: the latest).

    ``db``: the operational database, for the alerts' recorded states and the
    24-hour verification share (without it every alert shows as ``baru``). The
    reports' arrivals come through ``md`` (its scope's, as the report views read them).
    """
    wilayah = briefs.page_area(md, state)
    lang = state.bahasa
    toggled = "normal" if state.mode == "presentasi" else "presentasi"
    query = briefs.link(state, wilayah, week)
    links = {"peta": to_query(state) or "?", "presentasi": briefs.link(state, wilayah, week, mode=toggled),
             "pdf": briefs.PDF_PATH + query, "gambar": briefs.MAP_PATH + query}
    if wilayah is None:
        kids = areas.children(md, state.wilayah)
        choices = [{"nama": n, "href": briefs.link(state, k, week)} for k, n in zip(kids["kode"], kids["nama"])
                   if areas.level(md, k) in briefs.LEVELS]
        return brief_page(None, [], state, links=links, choices=choices, demo=md.demo)
    brief = briefs.cached_brief(md, wilayah, week, lang, responses=_responses(md, db, week),
                                arrivals=md.report_arrivals())
    return brief_page(brief, briefs.sections(brief, lang), state, links=links, choices=[], demo=md.demo)


def _responses(md, db, week: str | None) -> dict | None:
    """The recorded responses to the brief week's alerts (:func:`mapdata.responses.responses`); ``None`` without ``db``."""
    if db is None:
        return None
    from mapdata.responses import responses

    return responses(md, db, week=week or md.latest_week())


def _asked(md, db=None):
    """``(state, wilayah, brief)`` of a route's query string; 404 when the view has no brief."""
    from flask import abort

    search = "?" + request.query_string.decode("utf-8", "replace")
    state = current_state(md, search)
    asked = briefs.requested(search) or {"minggu": None}
    wilayah = briefs.page_area(md, state)
    if wilayah is None:
        abort(404)
    return state, wilayah, briefs.cached_brief(md, wilayah, asked["minggu"], state.bahasa,
                                               responses=_responses(md, db, asked["minggu"]),
                                               arrivals=md.report_arrivals())


def register(app, ctx) -> None:
    """The PDF and map image routes."""
    from mapdata.brief_pdf import brief_map_png, brief_pdf

    server = app.server

    @server.route(briefs.PDF_PATH)
    def pws_brief_pdf():
        md = ctx.data()
        db = ctx.ops()
        state, wilayah, brief = _asked(md, db)
        pdf = brief_pdf(md, brief, state.bahasa, db)
        name = f"ringkasan_{wilayah}_{brief['minggu'] or ''}.pdf"
        ctx.record("ekspor", {"format": "pdf", "search": request.query_string.decode("utf-8", "replace"), "file": name})
        resp = Response(pdf, mimetype="application/pdf")
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        resp.headers["Cache-Control"] = "private, no-store"
        return resp

    @server.route(briefs.MAP_PATH)
    def pws_brief_map():
        md = ctx.data()
        state, wilayah, brief = _asked(md)  # the map needs no response figures: only the outlines' states
        png = brief_map_png(md, brief, state.bahasa, ctx.ops())
        if png is None:
            from flask import abort

            abort(404)
        resp = Response(png, mimetype="image/png")
        # asked again each time (a step taken on the dashboard changes the outlines), answered 304 when unchanged
        resp.headers["Cache-Control"] = "private, no-cache"
        resp.add_etag()
        return resp.make_conditional(request)

"""URL → side panels: ranked table, trend chart, rapor desa, alerts.

Each panel is rebuilt only when what it shows changed (:func:`mapdata.view.panel_keys`,
kept in the page): an indicator switch redraws the table and the trend, not
the alerts or the rapor desa; a step taken on an alert (``RESPON_DONE``)
redraws what shows states or response figures.
"""

from __future__ import annotations

from dash import Input, Output, State, no_update

from errors import InvalidRequest
from layouts import ids
from layouts.panels import alerts_list, alerts_title, rapor_card, report_card, table_view, trend_figure, weekly_figure
from mapdata import laporan, waspada
from mapdata.options import indicator_info, page_options
from mapdata.tables import grid_rows
from mapdata.viewstate import asked_alert
from mapdata.view import (alert_list, comparison_series, current_state, panel_keys, rapor, rapor_figures, report_rapor,
                          table_rows, trend_series)


def trend_output(search, md):
    """Figure of the selected (or current) area against its pro-rated target."""
    state = current_state(md, search)
    series, heading = trend_series(md, state)
    info = indicator_info(state.indikator)
    return trend_figure(
        series,
        title=heading,
        satuan=info.get("satuan", "persen"),
        lang=state.bahasa,
        colour_blind=state.mode == "presentasi",
        prorata=info.get("target_prorata") in (True, "ya"),
        pembanding=comparison_series(md, state),
        nilai_label=laporan.table_labels(state.indikator, state.bahasa)["nilai"] if laporan.is_view(state.indikator) else None,
    )


def rapor_output(search, md, db=None, now=None, version=None):
    """Rapor desa card (a hint above desa level), with the desa's alerts and the area's response figures;
    a report view's rapor of the area at any level.

    ``version``: the alert states' :func:`mapdata.waspada.version_key`, when the caller read it already.
    """
    state = current_state(md, search)
    card = report_rapor(md, state)
    if card is not None:
        return report_card(card, lang=state.bahasa)
    frame, desa = rapor(md, state)
    listing = (alert_list(md, state, db, desa=state.pilih or state.wilayah, now=now, version=version)
               if desa is not None else None)
    return rapor_card(frame, desa=desa, periode=state.periode, options=page_options(md), lang=state.bahasa,
                      waspada=listing, angka=rapor_figures(md, state, db, now, version))


def alerts_output(search, md, db=None, only_baru: bool = False, now=None, version=None):
    """The alert list's heading, the alerts inside the current area (first the one a link asks for), and the
    weekly case chart of the first one."""
    state = current_state(md, search)
    listing = alert_list(md, state, db, only_baru=only_baru, now=now, version=version, asked=asked_alert(search))
    series = listing["series"]
    chart = weekly_figure(None if series is None else series.tail(26), title=listing["grafik"] or "", lang=state.bahasa)
    return (alerts_title(listing["minggu"], state.bahasa, listing["dari"]),
            alerts_list(listing, lang=state.bahasa, only_baru=only_baru), chart)


def panels_output(search, shown, md, sort=None, db=None):
    """Table, trend figure, rapor card and their keys; ``no_update`` for a panel whose key is unchanged.

    ``shown`` is what the page's panel-keys store holds (``None`` on a fresh page);
    ``sort`` the table-sort store (part of the table's key); ``db`` the
    operational database (alert states and response figures: a step taken
    changes the keys of the table and of a desa's rapor).
    """
    state = current_state(md, search)
    versi = waspada.version_key(db, waspada.list_week(md))  # one query for the keys and every panel
    keys = panel_keys(md, state, versi)
    if shown is not None and not isinstance(shown, dict):
        raise InvalidRequest("the panel key store holds something this page never wrote")
    if sort is not None and not (isinstance(sort, dict) and isinstance(sort.get("kolom"), (str, type(None)))):
        raise InvalidRequest("the table sort store holds something this page never wrote")
    keys["tabel"] = [keys["tabel"], sort, state.pilih]
    shown = shown or {}
    if all(shown.get(name) == keys[name] for name in ("tabel", "tren", "rapor")):
        return (no_update,) * 4

    def fresh(name, build):
        return build() if shown.get(name) != keys[name] else no_update

    labels = laporan.table_labels(state.indikator, state.bahasa) if laporan.is_view(state.indikator) else None
    return (
        fresh("tabel", lambda: table_view(grid_rows(table_rows(md, state, db, version=versi)), sort=sort,
                                             pilih=state.pilih, lang=state.bahasa, banding=state.banding, labels=labels)),
        fresh("tren", lambda: trend_output(search, md)),
        fresh("rapor", lambda: rapor_output(search, md, db, version=versi)),
        {**shown, **{name: keys[name] for name in ("tabel", "tren", "rapor")}},
    )


def alerts_if_changed(search, shown, md, db=None, filter_clicks=None):
    """:func:`alerts_output`, its key and the filter's state, or ``no_update`` when the list shows this already.

    ``filter_clicks``: presses of the "belum diverifikasi" button (an odd number: on).
    """
    if filter_clicks is not None and not isinstance(filter_clicks, int):
        raise InvalidRequest("the filter button's n_clicks is a number")
    only_baru = bool(filter_clicks) and filter_clicks % 2 == 1
    asked = asked_alert(search)
    versi = waspada.version_key(db, waspada.listed_weeks(md, only_baru or asked is not None))  # a few weeks
    key = [*panel_keys(md, current_state(md, search), versi)["waspada"], only_baru, asked]
    if shown == key:
        return (no_update,) * 5
    return (*alerts_output(search, md, db, only_baru, version=versi), key, "true" if only_baru else "false")


def register(app, ctx) -> None:
    """URL → table, trend chart and rapor desa (one request); URL → alerts (another: the panel may be absent).

    Both wait for the map's answer (they take its title as an input): on a
    2-core server three callbacks at once made the map, what the user waits
    for, wait for the CPU the side panels used.
    """
    @app.callback(
        Output(ids.TABLE, "children"),
        Output(ids.TREND, "children"),
        Output(ids.RAPOR, "children"),
        Output(ids.PANEL_KEYS, "data"),
        Input(ids.LOCATION, "search"),
        Input(ids.RENDERED, "data"),
        Input(ids.TABLE_SORT, "data"),
        Input(ids.MAP_TITLE, "children"),  # after the map's answer: the map does not share the server with the panels
        Input(ids.RESPON_DONE, "data"),  # a step taken: the response figures and the desa's alerts change
        State(ids.PANEL_KEYS, "data"),
        prevent_initial_call=True,  # a new page: called once the map answered (its title), not before
    )
    def update_panels(search, _rendered, sort, _map_title, _step, shown):
        return panels_output(search, shown, ctx.data(), sort, ctx.ops())

    @app.callback(
        Output(ids.ALERT_TITLE, "children"),
        Output(ids.ALERTS, "children"),
        Output(ids.ALERT_CHART, "children"),
        Output(ids.ALERT_KEY, "data"),
        Output(ids.ALERT_FILTER, "aria-pressed"),
        Input(ids.LOCATION, "search"),
        Input(ids.RENDERED, "data"),
        Input(ids.MAP_TITLE, "children"),  # after the map's answer, as the panels
        Input(ids.RESPON_DONE, "data"),
        Input(ids.ALERT_FILTER, "n_clicks"),
        State(ids.ALERT_KEY, "data"),
        prevent_initial_call=True,
    )
    def update_alerts(search, _rendered, _map_title, _step, filter_clicks, shown):
        return alerts_if_changed(search, shown, ctx.data(), ctx.ops(), filter_clicks)

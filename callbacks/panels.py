"""URL → side panels: ranked table, trend chart, rapor desa, alerts.

Each panel is rebuilt only when what it shows changed (:func:`mapdata.view.panel_keys`,
kept in the page): an indicator switch redraws the table and the trend, not
the alerts or the rapor desa.
"""

from __future__ import annotations

from dash import Input, Output, State, no_update

from errors import InvalidRequest
from layouts import ids
from layouts.panels import alerts_list, rapor_card, report_card, table_view, trend_figure, weekly_figure
from mapdata import laporan
from mapdata.options import indicator_info, page_options
from mapdata.tables import grid_rows
from mapdata.view import (area_alerts, comparison_series, current_state, panel_keys, rapor, report_rapor, table_rows,
                          trend_series)
from texts import t


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


def rapor_output(search, md):
    """Rapor desa card (a hint above desa level); a report view's rapor of the area at any level."""
    state = current_state(md, search)
    card = report_rapor(md, state)
    if card is not None:
        return report_card(card, lang=state.bahasa)
    frame, desa = rapor(md, state)
    return rapor_card(frame, desa=desa, periode=state.periode, options=page_options(md), lang=state.bahasa)


def alerts_output(search, md):
    """Alerts inside the current area and the weekly case chart of the first one."""
    state = current_state(md, search)
    alerts, series = area_alerts(md, state.wilayah)
    if series is None:
        return alerts_list(alerts, minggu=None, lang=state.bahasa), weekly_figure(None, title="", lang=state.bahasa)
    first = alerts.iloc[0]
    title = t("waspada_grafik", state.bahasa, penyakit=first["nama_penyakit"], wilayah=first["nama_desa"])
    return (alerts_list(alerts, minggu=str(first["minggu"]), lang=state.bahasa),
            weekly_figure(series.tail(26), title=title, lang=state.bahasa))


def panels_output(search, shown, md, sort=None):
    """Table, trend figure, rapor card and their keys; ``no_update`` for a panel whose key is unchanged.

    ``shown`` is what the page's panel-keys store holds (``None`` on a fresh page);
    ``sort`` the table-sort store (part of the table's key).
    """
    state = current_state(md, search)
    keys = panel_keys(md, state)
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
        fresh("tabel", lambda: table_view(grid_rows(table_rows(md, state)), sort=sort, pilih=state.pilih, lang=state.bahasa,
                                             banding=state.banding, labels=labels)),
        fresh("tren", lambda: trend_output(search, md)),
        fresh("rapor", lambda: rapor_output(search, md)),
        {**shown, **{name: keys[name] for name in ("tabel", "tren", "rapor")}},
    )


def alerts_if_changed(search, shown, md):
    """:func:`alerts_output` and its key, or ``no_update`` when the list shows this area already."""
    key = panel_keys(md, current_state(md, search))["waspada"]
    if shown == key:
        return no_update, no_update, no_update
    return (*alerts_output(search, md), key)


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
        State(ids.PANEL_KEYS, "data"),
        prevent_initial_call=True,  # a new page: called once the map answered (its title), not before
    )
    def update_panels(search, _rendered, sort, _map_title, shown):
        return panels_output(search, shown, ctx.data(), sort)

    @app.callback(
        Output(ids.ALERTS, "children"),
        Output(ids.ALERT_CHART, "children"),
        Output(ids.ALERT_KEY, "data"),
        Input(ids.LOCATION, "search"),
        Input(ids.RENDERED, "data"),
        Input(ids.MAP_TITLE, "children"),  # after the map's answer, as the panels
        State(ids.ALERT_KEY, "data"),
        prevent_initial_call=True,
    )
    def update_alerts(search, _rendered, _map_title, shown):
        return alerts_if_changed(search, shown, ctx.data())

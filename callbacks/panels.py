"""URL → side panels: ranked table, trend chart, rapor desa, alerts."""

from __future__ import annotations

from dash import Input, Output

from layouts import ids
from layouts.panels import alerts_list, rapor_card, trend_figure, weekly_figure
from layouts.strings import t
from mapdata.options import indicator_info, page_options
from mapdata.view import current_state, rapor, read_alerts, table_rows, trend_series


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
    )


def rapor_output(search, md):
    """Rapor desa card (a hint above desa level)."""
    state = current_state(md, search)
    frame, desa = rapor(md, state)
    return rapor_card(frame, desa=desa, periode=state.periode, options=page_options(md), lang=state.bahasa)


def alerts_output(search, md):
    """Alerts inside the current area and the weekly case chart of the first one."""
    from surveillance import weekly_series

    state = current_state(md, search)
    alerts = read_alerts(md)
    if alerts is not None and len(alerts) and state.wilayah:
        codes = alerts["kode_desa"].astype(str)
        alerts = alerts[(codes == state.wilayah) | codes.str.startswith(state.wilayah + ".")]
    minggu = str(alerts["minggu"].iloc[0]) if alerts is not None and len(alerts) else None
    chart = weekly_figure(None, title="", lang=state.bahasa)
    if alerts is not None and len(alerts):
        first = alerts.iloc[0]
        kode, penyakit = first["kode_desa"], first["penyakit"]
        series = md.memo(("weekly", kode, penyakit), lambda: weekly_series(md.workspace, kode, penyakit))
        title = t("waspada_grafik", state.bahasa, penyakit=first["nama_penyakit"], wilayah=first["nama_desa"])
        chart = weekly_figure(series.tail(26), title=title, lang=state.bahasa)
    return alerts_list(alerts, minggu=minggu, lang=state.bahasa), chart


def register(app, ctx) -> None:
    """URL → table, trend chart, rapor desa and alerts."""
    @app.callback(Output(ids.TABLE, "rowData"), Input(ids.LOCATION, "search"), Input(ids.RENDERED, "data"))
    def update_table(search, _rendered):
        return table_rows(ctx.data(), current_state(ctx.data(), search))

    @app.callback(Output(ids.TREND, "figure"), Input(ids.LOCATION, "search"), Input(ids.RENDERED, "data"))
    def update_trend(search, _rendered):
        return trend_output(search, ctx.data())

    @app.callback(Output(ids.RAPOR, "children"), Input(ids.LOCATION, "search"), Input(ids.RENDERED, "data"))
    def update_rapor(search, _rendered):
        return rapor_output(search, ctx.data())

    @app.callback(
        Output(ids.ALERTS, "children"),
        Output(ids.ALERT_CHART, "figure"),
        Input(ids.LOCATION, "search"),
        Input(ids.RENDERED, "data"),
    )
    def update_alerts(search, _rendered):
        return alerts_output(search, ctx.data())

"""URL → side panels: ranked table, trend chart, rapor desa, alerts."""

from __future__ import annotations

from dash import Input, Output

from layouts import ids
from layouts.panels import alerts_list, rapor_card, trend_figure, weekly_figure
from layouts.strings import t
from mapdata import areas
from mapdata.options import indicator_info, page_options
from mapdata.view import current_state, rapor, read_alerts, table_rows, trend_series


def trend_output(search, md):
    """Figure of the selected (or current) area against its pro-rated target."""
    state = current_state(md, search)
    series, heading = trend_series(md, state)
    satuan = indicator_info(state.indikator).get("satuan", "persen")
    return trend_figure(series, title=heading, satuan=satuan, lang=state.bahasa, colour_blind=state.mode == "presentasi")


def rapor_output(search, md):
    """Rapor desa card (a hint above desa level)."""
    state = current_state(md, search)
    frame, desa = rapor(md, state)
    return rapor_card(frame, desa=desa, periode=state.periode, options=page_options(md), lang=state.bahasa)


def alerts_output(search, md):
    """Alert list and the weekly case chart of the first alert inside the current area."""
    state = current_state(md, search)
    alerts = read_alerts(md)
    names = dict(zip(md.areas["kode"], md.areas["nama"]))
    inside = alerts
    if alerts is not None and len(alerts) and state.wilayah:
        col = "kode_desa" if "kode_desa" in alerts else "kode"
        codes = alerts[col].astype(str)
        inside = alerts[(codes == state.wilayah) | codes.str.startswith(state.wilayah + ".")]
    minggu = str(inside["minggu"].iloc[0]) if inside is not None and len(inside) and "minggu" in inside else None
    chart = weekly_figure(None, title="", lang=state.bahasa)
    if inside is not None and len(inside):
        first = inside.iloc[0]
        col = "kode_desa" if "kode_desa" in inside else "kode"
        from surveillance import weekly_series

        series = md.memo(("weekly", first[col], first["penyakit"]), lambda: weekly_series(md.workspace, first[col], first["penyakit"]))
        title = t("waspada_grafik", state.bahasa, penyakit=first["penyakit"], wilayah=areas.name_of(md, first[col]) or first[col])
        chart = weekly_figure(series, title=title, lang=state.bahasa)
    return alerts_list(inside, names=names, minggu=minggu, lang=state.bahasa), chart


def register(app, ctx) -> None:
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

"""Export buttons → dcc.Download: table CSV/XLSX, map PNG."""

from __future__ import annotations

from dash import Input, Output, State, ctx as dash_ctx, dcc, no_update

from layouts import ids
from mapdata import areas, laporan
from mapdata.export import file_stem, map_png, table_csv, table_xlsx
from mapdata.labels import export_labels
from mapdata.view import current_state, map_payload, table_rows


def download(which: str, search, md, db=None) -> dict:
    """``dcc.Download`` data for ``which`` in ``("csv", "xlsx", "png")``.

    ``db``: the operational database (the alert outlines' states; the table's response figures).
    """
    state = current_state(md, search)
    payload = map_payload(md, state, db)
    stem = file_stem(payload["title"])
    columns = laporan.export_columns(state.indikator) if laporan.is_view(state.indikator) else None
    if which == "csv":
        return dcc.send_string(table_csv(table_rows(md, state, db), state.bahasa, banding=state.banding,
                                         columns=columns), f"{stem}.csv")
    if which == "xlsx":
        return dcc.send_bytes(table_xlsx(table_rows(md, state, db), state.bahasa, banding=state.banding,
                                         columns=columns), f"{stem}.xlsx")
    kids = areas.children(md, state.wilayah, state.jalur)
    geometry = md.display.drop_duplicates("kode").merge(kids[["kode"]], on="kode")
    png = map_png(
        geometry,
        payload["hideout"],
        title=payload["title"],
        legend_title=payload["legend_title"],
        demo=md.demo,
        source=md.source,
        lang=state.bahasa,
        labels=export_labels(md, state.wilayah, state.jalur, payload["label_texts"], payload["bounds"])
        if state.label else None,
    )
    return dcc.send_bytes(png, f"{stem}.png")


def register(app, ctx) -> None:
    """Export buttons → downloads."""
    buttons = {ids.EXPORT_CSV: "csv", ids.EXPORT_XLSX: "xlsx", ids.EXPORT_PNG: "png"}

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT_CSV, "n_clicks"),
        Input(ids.EXPORT_XLSX, "n_clicks"),
        Input(ids.EXPORT_PNG, "n_clicks"),
        State(ids.LOCATION, "search"),
        prevent_initial_call=True,
    )
    def export(_csv, _xlsx, _png, search):
        if not dash_ctx.triggered or not dash_ctx.triggered[0]["value"]:
            return no_update
        which = buttons[dash_ctx.triggered_id]
        answer = download(which, search, ctx.data(), ctx.ops())
        ctx.record("ekspor", {"format": which, "search": search or "", "file": answer.get("filename")})
        return answer

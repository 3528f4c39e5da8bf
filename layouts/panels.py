"""Side panels: ranked table, trend chart, rapor desa card, alerts."""

from __future__ import annotations

from functools import lru_cache

import dash_ag_grid as dag
from dash import dcc, html

from mapdata.format import format_count, format_value, unit

from . import ids
from texts import t

MAX_ALERTS = 12
"""Alerts listed in the panel (the rest are counted; all are outlined on the map)."""

STATUS_CLASS = {"baik": "pws-st-baik", "kurang": "pws-st-kurang", "cukup": "pws-st-cukup", "jelek": "pws-st-jelek"}


def table_columns(lang: str) -> list[dict]:
    """Grid columns: numbers sort on raw values and show text with units."""
    return [
        {"field": "peringkat", "headerName": t("col_peringkat", lang), "width": 54, "type": "numericColumn"},
        {"field": "nama", "headerName": t("col_nama", lang), "flex": 1, "minWidth": 100},
        {
            "field": "nilai",
            "headerName": t("col_nilai", lang),
            "type": "numericColumn",
            "valueFormatter": {"function": "params.data.nilai_teks"},
            "width": 90,
        },
        {"field": "rasio_teks", "headerName": f"{t('col_pembilang', lang)} / {t('col_penyebut', lang)}", "width": 104, "sortable": False},
        {
            "field": "status_teks",
            "headerName": t("col_status", lang),
            "width": 84,
            "cellClassRules": {cls: f"params.data.status == '{s}'" for s, cls in STATUS_CLASS.items()},
        },
        {"field": "tren_teks", "headerName": t("col_tren", lang), "width": 86},
    ]


def ranked_table(lang: str) -> html.Section:
    """The ranked table (rows filled by a callback; a row click selects the area)."""
    return html.Section(
        [
            html.H2(t("tabel_judul", lang), className="pws-panel-title"),
            dag.AgGrid(
                id=ids.TABLE,
                columnDefs=table_columns(lang),
                rowData=[],
                defaultColDef={"sortable": True, "resizable": True},
                dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}, "domLayout": "autoHeight", "ensureDomOrder": True},
                getRowId="params.data.kode",
                className="ag-theme-alpine pws-grid",
                style={"width": "100%"},
            ),
        ],
        className="pws-panel pws-table-panel",
    )


CHART_TEMPLATE_LAYOUT = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor",
                         "plot_bgcolor", "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")
"""What a line or bar chart uses of plotly's ``plotly_white`` template (the rest is polar, 3-D, geo ...)."""


@lru_cache(maxsize=1)
def chart_template() -> dict:
    """The ``plotly_white`` template cut to what the panels' charts draw with.

    The whole template is 7 KB of JSON in every figure; the cartesian part
    the charts use is under 1 KB and looks the same. Read once per process
    from plotly's own template (a constant of the library, not user state);
    callers must not modify it.
    """
    import plotly.io as pio

    full = pio.templates["plotly_white"].to_plotly_json()
    layout = {k: full["layout"][k] for k in CHART_TEMPLATE_LAYOUT if k in full["layout"]}
    data = {k: full["data"][k] for k in ("scatter", "bar") if k in full["data"]}
    return {"layout": layout, "data": data}


def _numbers(values, digits: int = 3) -> list:
    """Plain floats for a chart axis, rounded (the hover text carries the exact value); NaN → gap."""
    return [None if v is None or v != v else round(float(v), digits) for v in values]


def trend_figure(series, *, title: str, satuan: str, lang: str, colour_blind: bool = False, prorata: bool = True,
                 pembanding=None) -> dict:
    """Monthly values of one area against the pro-rated monthly target, as a plotly figure dict.

    ``series`` has ``periode, nilai, target_bulan`` (``IndicatorQuery.series``);
    ``None`` or empty gives an empty figure with a message. ``prorata``: the
    target line is the annual target pro-rated by month (else a flat target).
    ``pembanding``: ``(name, series)`` of a comparison total (the kabupaten/kota
    holding the area), drawn as a grey dotted line. A plain dict, not a ``go.Figure``: validating a figure and its template cost
    ~50 ms a chart, and nothing here needs validating twice.
    """
    data, layout = [], {}
    if series is None or len(series) == 0:
        layout = {
            "annotations": [{"text": t("tren_kosong", lang), "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper"}],
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
        }
    else:
        periode = [str(p) for p in series["periode"]]
        data.append({
            "type": "scatter",
            "x": periode,
            "y": _numbers(series["nilai"]),
            "name": t("tren_nilai", lang),
            "mode": "lines+markers",
            "line": {"color": "#0072B2" if colour_blind else "#1a6e3f", "width": 3},
            "hovertext": [format_value(v, satuan, lang) for v in series["nilai"]],
            "hoverinfo": "x+text+name",
        })
        if "target_bulan" in series:
            data.append({
                "type": "scatter",
                "x": periode,
                "y": _numbers(series["target_bulan"]),
                "name": t("tren_target" if prorata else "target", lang),
                "mode": "lines",
                "line": {"color": "#D55E00" if colour_blind else "#b2182b", "dash": "dash", "width": 2},
                "hovertext": [format_value(v, satuan, lang) for v in series["target_bulan"]],
                "hoverinfo": "x+text+name",
            })
        if pembanding is not None:
            name, other = pembanding
            values = other.set_index("periode")["nilai"].reindex(periode)
            data.append({
                "type": "scatter",
                "x": periode,
                "y": _numbers(values),
                "name": t("tren_pembanding", lang, wilayah=name),
                "mode": "lines",
                "line": {"color": "#555555", "dash": "dot", "width": 2},
                "hovertext": [format_value(v, satuan, lang) for v in values],
                "hoverinfo": "x+text+name",
            })
    yaxis = layout.pop("yaxis", {})
    layout.update(
        title={"text": title, "font": {"size": 15}},
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
        height=280,
        legend={"orientation": "h", "y": -0.2},
        yaxis={**yaxis, "title": {"text": unit(satuan, lang) or t("tren_nilai", lang)}, "rangemode": "tozero"},
        template=chart_template(),
        separators=",." if lang == "id" else ".,",
    )
    return {"data": data, "layout": layout}


def empty_figure() -> dict:
    """A blank chart (the panels' charts before their callback fills them)."""
    return {"data": [], "layout": {"template": chart_template()}}


def trend_panel() -> html.Section:
    """Container of the trend chart."""
    return html.Section(dcc.Graph(id=ids.TREND, config={"displaylogo": False}, figure=empty_figure()), className="pws-panel pws-trend-panel")


def rapor_card(rapor, *, desa: str | None, periode: str | None, options: dict, lang: str) -> list:
    """Latest status of every catalogue indicator for one desa, grouped by klaster.

    ``rapor`` has ``indikator, nilai, status`` (``IndicatorQuery.rapor``);
    ``None`` when no desa is selected.
    """
    if rapor is None or desa is None:
        return [html.P(t("rapor_kosong", lang), className="pws-muted")]
    key = "nama_en" if lang == "en" else "nama"
    info = {ind["id"]: ind for ind in options["indikator"]}
    by_ind = {r["indikator"]: r for r in rapor.to_dict("records")}
    sections = []
    for k in options["klaster"]:
        items = []
        for ind_id, ind in info.items():
            if int(ind["klaster"]) != int(k["klaster"]):
                continue
            r = by_ind.get(ind_id, {})
            status = r.get("status") if isinstance(r.get("status"), str) else None
            items.append(
                html.Li(
                    [
                        html.Span(ind[key], className="pws-rapor-nama"),
                        html.Span(format_value(r.get("nilai_pws", r.get("nilai")), ind["satuan"], lang), className="pws-rapor-nilai"),
                        html.Span(
                            t(f"status_{status}", lang) if status else t("tidak_ada_data", lang),
                            className=f"pws-badge {STATUS_CLASS.get(status, 'pws-st-none')}",
                        ),
                    ],
                    className="pws-rapor-row",
                )
            )
        sections.append(html.Section([html.H4(f"{k['klaster']}. {k[key]}"), html.Ul(items, className="pws-rapor-list")]))
    return [html.H2(t("rapor_judul", lang, desa=desa, periode=periode or "–"), className="pws-panel-title"), *sections]


def rapor_panel() -> html.Section:
    """Container of the rapor desa card."""
    return html.Section(id=ids.RAPOR, className="pws-panel pws-rapor-panel", **{"aria-live": "polite"})


def alerts_list(alerts, *, minggu: str | None, lang: str) -> list:
    """Alerts of the week: desa (kecamatan), disease, cases, severity; a message when none.

    ``alerts`` is ``surveillance.read_alerts`` output (``nama_desa,
    nama_kecamatan, nama_penyakit, observed, severity``).
    """
    title = html.H2(t("waspada_judul", lang, minggu=minggu or "–"), className="pws-panel-title")
    if alerts is None or len(alerts) == 0:
        return [title, html.P(t("waspada_kosong", lang), className="pws-muted")]
    shown = alerts.drop_duplicates(["kode_desa", "penyakit"]).head(MAX_ALERTS)
    rule_area = _rule_areas(alerts)
    items = [
        html.Li(
            f"{r['nama_desa']} ({r['nama_kecamatan']}): {r['nama_penyakit']}, "
            f"{format_count(r['observed'], lang)} {t('kasus', lang)} · {t('keparahan_' + str(r['severity']), lang)}"
            + rule_area_text(rule_area.get((r["kode_desa"], r["penyakit"])), lang),
            className=f"pws-alert-row pws-alert-{r['severity']}",
        )
        for r in shown.to_dict("records")
    ]
    rest = alerts.drop_duplicates(["kode_desa", "penyakit"]).shape[0] - len(shown)
    more = html.P(t("waspada_lainnya", lang, n=rest), className="pws-muted") if rest > 0 else None
    return [title, html.Ul(items, className="pws-alert-list"), more]


def _rule_areas(alerts) -> dict:
    """``(kode_desa, penyakit) → (wilayah_aturan, kode)`` of the puskesmas-threshold alerts."""
    if "wilayah_aturan" not in alerts:
        return {}
    pkm = alerts[alerts["wilayah_aturan"].isin(["puskesmas", "kecamatan"])]
    return {(d, p): (w, k) for d, p, w, k in zip(pkm["kode_desa"], pkm["penyakit"], pkm["wilayah_aturan"],
                                                 pkm["kode_wilayah_aturan"])}


def rule_area_text(area: tuple | None, lang: str) -> str:
    """Where a puskesmas threshold was counted, for the alert line ("" for other alerts).

    >>> rule_area_text(("puskesmas", "P1906010202"), "id")
    ' · ambang puskesmas, wilayah kerja P1906010202'
    >>> rule_area_text(("kecamatan", "19.06.01"), "en")
    ' · puskesmas threshold, counted over kecamatan 19.06.01 (no working-area table)'
    """
    if area is None:
        return ""
    return " · " + t(f"aturan_{area[0]}", lang, kode=area[1])


def alerts_panel() -> html.Section:
    """Container of the alerts list and the weekly case chart."""
    return html.Section(
        [
            dcc.Store(id=ids.ALERT_KEY),
            html.Div(id=ids.ALERTS, role="status"),
            dcc.Graph(id=ids.ALERT_CHART, config={"displaylogo": False}, figure=empty_figure()),
        ],
        className="pws-panel pws-alert-panel",
    )


def weekly_figure(series, *, title: str, lang: str) -> dict:
    """Weekly case counts (``minggu, jumlah``) as bars, as a plotly figure dict; missing weeks stay gaps."""
    data = []
    if series is not None and len(series):
        minggu = [str(w) for w in series["minggu"]]
        data.append({"type": "bar", "x": minggu, "y": _numbers(series["jumlah"]), "name": t("kasus", lang),
                     "marker": {"color": "#b2182b"}})
        if "upper" in series:
            data.append({"type": "scatter", "x": minggu, "y": _numbers(series["upper"], 2), "name": t("batas_waspada", lang),
                         "mode": "lines", "line": {"dash": "dash", "color": "#444"}})
    layout = {"title": {"text": title, "font": {"size": 14}}, "height": 220,
              "margin": {"l": 40, "r": 10, "t": 36, "b": 30}, "template": chart_template()}
    return {"data": data, "layout": layout}

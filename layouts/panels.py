"""Side panels: ranked table, trend chart, rapor desa card, alerts."""

from __future__ import annotations

from dash import dcc, html

from mapdata.format import format_count, format_value, unit
from mapdata.laporan import KLASTER as REPORT_KLASTER
from mapdata.tables import SORT_KEYS, sort_rows

from texts import t

from . import ids
from .svgchart import Series, chart_svg, data_uri

MAX_ALERTS = 12
"""Alerts listed in the panel (the rest are counted; all are outlined on the map)."""

STATUS_CLASS = {"baik": "pws-st-baik", "kurang": "pws-st-kurang", "cukup": "pws-st-cukup", "jelek": "pws-st-jelek",
                "capai": "pws-st-capai", "belum_capai": "pws-st-belum-capai",
                # a report view's classes against SKDR's target (mapdata.laporan.STATUSES)
                "tercapai": "pws-st-tercapai", "mendekati": "pws-st-mendekati", "jauh": "pws-st-jauh",
                "belum_tempo": "pws-st-belum-tempo"}


TABLE_COLUMNS = (
    ("peringkat", "col_peringkat"),
    ("nama", "col_nama"),
    ("nilai", "col_nilai"),
    ("rasio", None),
    ("status", "col_status"),
    ("tren", "col_tren"),
)
"""The ranked table's columns: key (as :data:`mapdata.tables.SORT_KEYS` names it) and header string."""


def _header(kolom: str, label: str, sort: dict | None, lang: str) -> html.Th:
    """A column header: a sort button when the column sorts (``aria-sort`` says how it is sorted now)."""
    if kolom not in SORT_KEYS:
        return html.Th(label, scope="col")
    now = (sort or {}).get("kolom") or "peringkat"
    naik = bool((sort or {}).get("naik", True))
    attrs = {"aria-sort": ("ascending" if naik else "descending")} if now == kolom else {}
    mark = ("▲" if naik else "▼") if now == kolom else ""
    return html.Th(
        html.Button(
            [label, html.Span(mark, className="pws-urut-tanda", **{"aria-hidden": "true"})],
            type="button",
            className="pws-urut",
            title=t("urutkan", lang, kolom=label),
            **{"data-kolom": kolom, "data-naik": "1" if (now == kolom and naik) else "0"},
        ),
        scope="col",
        **attrs,
    )


REPORT_COLUMNS = (
    ("peringkat", "col_peringkat"),
    ("nama", "col_nama"),
    ("nilai", None),
    ("rasio", None),
    ("status", None),
    ("kedua", None),
)
"""A report view's columns (:mod:`mapdata.laporan`): the figure, its counts, its class against the target,
the other figure; headers from :func:`mapdata.laporan.table_labels`."""


def table_view(rows: list[dict], *, sort: dict | None, pilih: str | None, lang: str, banding: str | None = None,
               labels: dict[str, str] | None = None) -> list:
    """The ranked table as plain HTML: sortable headers, one row per area, its name a button.

    ``rows`` are :func:`mapdata.tables.grid_rows`; ``sort`` the table-sort store
    (``{"kolom", "naik"}`` or ``None`` for the ranking); ``pilih`` the selected
    area; ``banding`` the comparison month, which adds its value and the change
    (:data:`mapdata.tables.CHANGE_FIELDS`) after the value; ``labels`` the
    headers of a report view (:data:`REPORT_COLUMNS`). Pressing a name selects that area (``assets/pws.js`` puts its code
    in the :data:`ids.TABLE_PICK` store); no component library: a few KB
    instead of ag-grid's 2 MB, and every row is reachable by Tab.
    """
    if not rows:
        return [html.P(t("tabel_kosong", lang), className="pws-muted")]
    spec = REPORT_COLUMNS if labels is not None else TABLE_COLUMNS
    heads = {k: (t(key, lang) if key else f"{t('col_pembilang', lang)} / {t('col_penyebut', lang)}") for k, key in spec}
    heads |= labels or {}
    columns = [k for k, _ in spec]
    comparing = banding is not None and "perubahan" in rows[0]
    if comparing:  # the other month's value and the change, after the value
        heads |= {"nilai_banding": t("col_nilai_banding", lang, periode=banding), "perubahan": t("col_perubahan", lang)}
        columns[3:3] = ["nilai_banding", "perubahan"]
    head = html.Thead(html.Tr([_header(k, heads[k], sort, lang) for k in columns]))
    body = []
    for r in sort_rows(rows, (sort or {}).get("kolom"), (sort or {}).get("naik", True)):
        picked = r["kode"] == pilih
        body.append(html.Tr([_cell(k, r, picked) for k in columns],
                            **({"className": "pws-baris-pilih"} if picked else {})))
    return [html.Table([head, html.Tbody(body)], className="pws-tabel")]


def _cell(kolom: str, r: dict, picked: bool) -> html.Td:
    """One cell of a ranked row: the rank, the name as a button, the status coloured, else the column's text."""
    if kolom == "peringkat":
        return html.Td("" if r["peringkat"] is None else str(r["peringkat"]), className="pws-num")
    if kolom == "nama":
        return html.Td(html.Button(r["nama"], type="button", className="pws-baris",
                                   **{"data-kode": r["kode"], "aria-pressed": "true" if picked else "false"}))
    if kolom == "status":
        return html.Td(r["status_teks"], className=STATUS_CLASS.get(r["status"], "pws-st-none"))
    if kolom == "tren":
        return html.Td(r["tren_teks"])
    return html.Td(r.get(f"{kolom}_teks", ""), className="pws-num")


def ranked_table(lang: str) -> html.Section:
    """The ranked table (rows filled by a callback; a row's name button selects the area)."""
    return html.Section(
        [
            html.H2(t("tabel_judul", lang), className="pws-panel-title", id=f"{ids.TABLE}-judul"),
            dcc.Store(id=ids.TABLE_SORT),
            dcc.Store(id=ids.TABLE_PICK),
            html.Div(id=ids.TABLE, className="pws-tabel-wrap", role="region", **{"aria-labelledby": f"{ids.TABLE}-judul"}),
        ],
        className="pws-panel pws-table-panel",
    )


def _numbers(values) -> list:
    """Plain floats for a chart; NaN and ``None`` → a gap."""
    return [None if v is None or v != v else float(v) for v in values]


def _chart(svg: str, alt: str, ident: str | None = None):
    """An SVG chart as an image with its numbers as the text alternative."""
    return html.Img(src=data_uri(svg), alt=alt, className="pws-chart", **({"id": ident} if ident else {}))


def trend_figure(series, *, title: str, satuan: str, lang: str, colour_blind: bool = False, prorata: bool = True,
                 pembanding=None, nilai_label: str | None = None) -> list:
    """Monthly values of one area against the pro-rated monthly target, as an SVG chart.

    ``series`` has ``periode, nilai, target_bulan`` (``IndicatorQuery.series``);
    ``None`` or empty gives a chart saying so. Months are category labels (one
    month is one point, not a time axis); ``prorata``: the target line is the
    annual target pro-rated by month (else a flat target). ``pembanding``:
    ``(name, series)`` of a comparison total (the kabupaten/kota holding the
    area), drawn as a grey dashed line. ``nilai_label`` names the value line (default "Capaian").
    """
    if series is None or len(series) == 0:
        return [_chart(chart_svg([], [], title=title, lang=lang, height=280, empty_text=t("tren_kosong", lang)), t("tren_kosong", lang))]
    periode = [str(p) for p in series["periode"]]
    lines = [Series(nilai_label or t("tren_nilai", lang), _numbers(series["nilai"]), "#0072B2" if colour_blind else "#1a6e3f")]
    if "target_bulan" in series:
        lines.append(Series(t("tren_target" if prorata else "target", lang), _numbers(series["target_bulan"]),
                            "#D55E00" if colour_blind else "#b2182b", dashed=True))
    if pembanding is not None:
        name, other = pembanding
        compared = other.set_index("periode")["nilai"].reindex(periode)
        lines.append(Series(t("tren_pembanding", lang, wilayah=name), _numbers(compared), "#555555", dashed=True))
    svg = chart_svg(periode, lines, title=title, y_title=unit(satuan, lang) or t("tren_nilai", lang), lang=lang, height=280)
    parts = [f"{p}: {format_value(v, satuan, lang)}" for p, v in zip(periode, series["nilai"])]
    alt = f"{title}. {lines[0].name}: " + "; ".join(parts)
    if "target_bulan" in series:
        alt += f". {lines[1].name}: {format_value(series['target_bulan'].iloc[-1], satuan, lang)} ({periode[-1]})"
    return [_chart(svg, alt)]


def trend_panel() -> html.Section:
    """Container of the trend chart."""
    return html.Section(html.Div(id=ids.TREND), className="pws-panel pws-trend-panel")


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
        if int(k["klaster"]) == REPORT_KLASTER:  # the report views have their own rapor (report_card)
            continue
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


def report_card(card: dict, *, lang: str) -> list:
    """A report view's rapor of one area (:func:`mapdata.laporan.report_card`): each report's figures
    against its target, then the units whose W2 of the week has not arrived."""
    items = [
        html.Li(
            [
                html.Span(line["judul"], className="pws-rapor-nama"),
                html.Span(t(f"lapor_status_{line['status']}", lang) if line["status"] else t("tidak_ada_data", lang),
                          className=f"pws-badge {STATUS_CLASS.get(line['status'], 'pws-st-none')}"),
                html.Ul([html.Li(k) for k in line["kalimat"]], className="pws-rapor-kalimat"),
            ],
            className="pws-rapor-row pws-rapor-laporan",
        )
        for line in card["baris"]
    ]
    parts = [html.H2(t("lapor_rapor_judul", lang, wilayah=card["nama"]), className="pws-panel-title"),
             html.Ul(items, className="pws-rapor-list")]
    if card["belum"]:
        parts.append(html.P(t("lapor_rapor_belum", lang, minggu=card["minggu"], daftar=", ".join(card["belum"])),
                            className="pws-rapor-belum"))
    return parts


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
            html.Div(id=ids.ALERT_CHART),
        ],
        className="pws-panel pws-alert-panel",
    )


def weekly_figure(series, *, title: str, lang: str) -> list:
    """Weekly case counts (``minggu, jumlah``) as bars with the alert threshold, as an SVG chart; missing weeks stay gaps."""
    if series is None or not len(series):
        return []
    minggu = [str(w) for w in series["minggu"]]
    marks = [Series(t("kasus", lang), _numbers(series["jumlah"]), "#b2182b", bars=True)]
    if "upper" in series:
        marks.append(Series(t("batas_waspada", lang), _numbers(series["upper"]), "#444", dashed=True))
    svg = chart_svg(minggu, marks, title=title, lang=lang, height=220)
    alt = f"{title}: " + "; ".join(f"{w} {format_count(v, lang)}" for w, v in zip(minggu, series["jumlah"]))
    return [_chart(svg, alt)]

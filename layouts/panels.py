"""Side panels: ranked table, trend chart, rapor desa card, alerts."""

from __future__ import annotations

from dash import dcc, html

from mapdata.format import format_count, format_value, unit
from mapdata.laporan import KLASTER as REPORT_KLASTER
from mapdata.tables import SORT_KEYS, sort_rows

from texts import t

from . import ids
from .svgchart import Series, chart_svg, data_uri

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
    responding = "verif_24j" in rows[0]  # kabupaten/kota or puskesmas rows: the alert response figures, last
    if responding:
        heads |= {k: t(key, lang) for k, key in RESPON_COLUMNS}
        columns += [k for k, _ in RESPON_COLUMNS]
    head = html.Thead(html.Tr([_header(k, heads[k], sort, lang) for k in columns]))
    body = []
    for r in sort_rows(rows, (sort or {}).get("kolom"), (sort or {}).get("naik", True)):
        picked = r["kode"] == pilih
        body.append(html.Tr([_cell(k, r, picked) for k in columns],
                            **({"className": "pws-baris-pilih"} if picked else {})))
    return [html.Table([head, html.Tbody(body)], className="pws-tabel")]


def _cell(kolom: str, r: dict, picked: bool) -> html.Td:
    """One cell of a ranked row: the rank, the name as a button, the status coloured, the 24-hour share
    coloured against its target, else the column's text."""
    if kolom == "peringkat":
        return html.Td("" if r["peringkat"] is None else str(r["peringkat"]), className="pws-num")
    if kolom == "nama":
        return html.Td(html.Button(r["nama"], type="button", className="pws-baris",
                                   **{"data-kode": r["kode"], "aria-pressed": "true" if picked else "false"}))
    if kolom == "status":
        return html.Td(r["status_teks"], className=STATUS_CLASS.get(r["status"], "pws-st-none"))
    if kolom == "tren":
        return html.Td(r["tren_teks"])
    if kolom == "verif_24j":
        return html.Td([r["verif_24j_teks"], html.Span(f" ({r['verif_24j_catatan']})", className="pws-sr")
                        if r["verif_24j_catatan"] else None],
                       className=f"pws-num {STATUS_CLASS.get(r['verif_24j_status'], '')}".strip(),
                       title=r["verif_24j_catatan"] or None)
    return html.Td(r.get(f"{kolom}_teks", ""), className="pws-num")


RESPON_COLUMNS = (("verif_24j", "col_verif_24j"), ("median_verif", "col_median_verif"), ("direspon", "col_direspon"))
"""The alert response columns of the ranked table (rows of kabupaten/kota or puskesmas)."""


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


def rapor_card(rapor, *, desa: str | None, periode: str | None, options: dict, lang: str,
               waspada: dict | None = None, angka: list | None = None) -> list:
    """Latest status of every catalogue indicator for one desa, grouped by klaster; its alerts; response figures.

    ``rapor`` has ``indikator, nilai, status`` (``IndicatorQuery.rapor``);
    ``None`` when no desa is selected (a hint then, and the figures).
    ``waspada``: the desa's alerts of the week (:func:`mapdata.view.alert_list`
    with ``desa=``), each with its state and next steps; ``angka``: the alert
    response figures of the puskesmas and kabupaten/kota holding the area
    (:func:`mapdata.view.rapor_figures`).
    """
    figures = response_figures(angka, periode, lang)
    if rapor is None or desa is None:
        return [html.P(t("rapor_kosong", lang), className="pws-muted"), *figures]
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
    return [html.H2(t("rapor_judul", lang, desa=desa, periode=periode or "–"), className="pws-panel-title"), *sections,
            *desa_alerts(waspada, lang), *figures]


def desa_alerts(listing: dict | None, lang: str) -> list:
    """The desa's alerts in its panel: the same items (state, age, next steps) as the alert list."""
    if listing is None or listing["minggu"] is None:
        return []
    title = html.H3(t("rapor_waspada_judul", lang, minggu=listing["minggu"]))
    if not listing["rows"]:
        return [html.Section([title, html.P(t("rapor_waspada_kosong", lang), className="pws-muted")])]
    return [html.Section([title, html.Ul([alert_item(r, "rapor", lang) for r in listing["rows"]],
                                         className="pws-alert-list")], className="pws-rapor-waspada")]


def response_figures(angka: list | None, periode: str | None, lang: str) -> list:
    """The area panel's alert response figures: one sentence per puskesmas or kabupaten/kota."""
    from mapdata.waspada import figure_line

    if not angka:
        return []
    return [html.Section([html.H3(t("respon_angka_judul", lang, periode=periode or "–")),
                          html.Ul([html.Li(figure_line(name, row, lang)) for name, row in angka],
                                  className="pws-respon-angka")])]


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


def alerts_title(minggu: str | None, lang: str, dari: str | None = None) -> str:
    """The alert panel's heading: the week it lists (the weeks ``dari`` – ``minggu`` with the filter on)."""
    if dari:
        return t("waspada_judul_belum", lang, dari=dari, minggu=minggu or "–")
    return t("waspada_judul", lang, minggu=minggu or "–")


def alerts_list(listing: dict, *, lang: str, only_baru: bool = False) -> list:
    """The alerts of the week in the area, each with its state, age and next steps; a message when none.

    ``listing`` is :func:`mapdata.view.alert_list` (``rows``, ``lainnya``,
    ``semua``); ``only_baru``: the "belum diverifikasi" filter is on.
    """
    if not listing["rows"]:
        empty = "waspada_saring_kosong" if only_baru and listing["semua"] else "waspada_kosong"
        return [html.P(t(empty, lang), className="pws-muted")]
    items = [alert_item(r, "daftar", lang) for r in listing["rows"]]
    more = html.P(t("waspada_lainnya", lang, n=listing["lainnya"]), className="pws-muted") if listing["lainnya"] else None
    return [html.Ul(items, className="pws-alert-list"), more]


def alert_item(row: dict, tempat: str, lang: str) -> html.Li:
    """One alert: what and where, cases and severity, its state and age, and a button per next step.

    ``row`` is one of :func:`mapdata.waspada.list_rows`; ``tempat`` names the
    list holding it (ids stay unique when the list and the desa's panel show
    the same alert). The buttons are disabled where the user may not act.
    """
    steps = [
        html.Button(
            s["label"],
            id=ids.step_button(row["ref"], s["status"], tempat),
            type="button",
            className=f"pws-tombol-langkah pws-tombol-{s['status']}",
            disabled=not row["boleh"],
            title=None if row["boleh"] else t("waspada_hanya_lihat", lang),
            **{"aria-label": t("langkah_label", lang, langkah=s["label"], alert=row["judul"]),
               "data-alert": row["ref"], "data-langkah": s["status"]},
        )
        for s in row["langkah"]
    ]
    state = [html.Span(t("waspada_status", lang, status=row["status_teks"]),
                       className=f"pws-badge pws-respon-{row['status']}"), " · ", row["umur_teks"]]
    if row["oleh_teks"]:
        state += [" · ", row["oleh_teks"]]
    return html.Li(
        [
            html.Span(row["judul"], className="pws-alert-judul"),
            html.Span(row["rinci"], className="pws-alert-rinci"),
            html.Div([html.Span(state, className="pws-alert-status"), *steps], className="pws-langkah-baris"),
        ],
        className=f"pws-alert-row pws-alert-{row['severity']} pws-alert-{row['status']}"
                  + (" pws-alert-diminta" if row.get("diminta") else ""),  # the alert a link opened
        **{"data-alert": row["ref"], "data-status": row["status"]},
    )


def alerts_panel(lang: str) -> html.Section:
    """The alerts panel: heading, the "belum diverifikasi" filter, the list, the step form, its message, the chart.

    The form is one per page, hidden until a step button opens it for an
    alert (:func:`response_form`); the message region is read out by screen
    readers when a step is recorded or refused.
    """
    return html.Section(
        [
            dcc.Store(id=ids.ALERT_KEY),
            html.H2(id=ids.ALERT_TITLE, className="pws-panel-title"),
            html.Button(t("waspada_saring", lang), id=ids.ALERT_FILTER, type="button", className="pws-saring",
                        **{"aria-pressed": "false"}),
            html.Div(id=ids.ALERTS),
            response_form(lang),
            html.P(id=ids.RESPON_MESSAGE, className="pws-respon-pesan", role="status", tabIndex="-1",
                   **{"aria-live": "polite"}),
            html.Div(id=ids.ALERT_CHART),
        ],
        className="pws-panel pws-alert-panel",
        **{"aria-labelledby": ids.ALERT_TITLE},
    )


def response_form(lang: str) -> html.Div:
    """The step form: verdict (verifying), result (closing), an optional note, Save and Cancel.

    Hidden until a step button fills its heading and shows the fields that
    step takes (:func:`form_parts`); every field is always in the page so the
    Save callback can read them.
    """
    return html.Div(
        [
            html.H3(id=ids.RESPON_FORM_TITLE, className="pws-respon-judul", tabIndex="-1"),
            html.Fieldset(
                [html.Legend(t("respon_putusan", lang)),
                 dcc.RadioItems(id=ids.RESPON_VERDICT, options=_choices(("benar", "salah"), "putusan", lang),
                                value=None, className="pws-respon-pilihan")],
                id=ids.RESPON_VERDICT_BOX, hidden=True,
            ),
            html.Fieldset(
                [html.Legend(t("respon_hasil", lang)),
                 dcc.RadioItems(id=ids.RESPON_HASIL, options=_choices(("klb", "bukan_klb"), "hasil", lang),
                                value=None, className="pws-respon-pilihan")],
                id=ids.RESPON_HASIL_BOX, hidden=True,
            ),
            html.Label(t("respon_catatan", lang), htmlFor=ids.RESPON_NOTE, className="pws-label"),
            dcc.Textarea(id=ids.RESPON_NOTE, value="", maxLength=1000, rows=2, className="pws-respon-catatan"),
            html.Div(
                [html.Button(t("respon_simpan", lang), id=ids.RESPON_SAVE, type="button", className="pws-respon-simpan"),
                 html.Button(t("respon_batal", lang), id=ids.RESPON_CANCEL, type="button")],
                className="pws-langkah-baris",
            ),
        ],
        id=ids.RESPON_FORM,
        className="pws-respon-form",
        hidden=True,
        role="group",
        **{"aria-labelledby": ids.RESPON_FORM_TITLE},
    )


def _choices(values, prefix: str, lang: str) -> list[dict]:
    return [{"label": t(f"{prefix}_{v}", lang), "value": v} for v in values]


def form_parts(row: dict | None, step: str, verdict: str | None, lang: str) -> dict:
    """What the form shows for taking alert ``row`` to ``step``: heading, which fields, the choices of result.

    ``verdict`` is the alert's latest; after ``salah`` the only result is
    ``bukan_klb`` (a data error is no outbreak), chosen already.

    >>> p = form_parts({"judul": "Mekarmukti: Diare akut", "status_teks": "baru", "status": "baru"}, "diverifikasi", None, "id")
    >>> p["judul"], p["putusan"], p["hasil"]
    ('Verifikasi: Mekarmukti: Diare akut (status sekarang: baru)', True, False)
    """
    from mapdata.waspada import step_label

    status = row["status"] if row else "baru"
    title = t("langkah_judul", lang, langkah=step_label(step, status, lang), alert=row["judul"] if row else "–",
              status=row["status_teks"] if row else "–")
    after_salah = step == "selesai" and verdict == "salah"
    return {
        "judul": title,
        "putusan": step == "diverifikasi",
        "hasil": step == "selesai",
        "hasil_pilihan": _choices(("bukan_klb",) if after_salah else ("klb", "bukan_klb"), "hasil", lang),
        "hasil_nilai": "bukan_klb" if after_salah else None,
    }


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

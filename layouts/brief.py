"""The weekly brief page (``?tampilan=ringkasan``): components only, from :mod:`mapdata.brief`'s sections.

In presentation mode one section fills the screen; ← / → (``assets/pws.js``)
step between them, through the two buttons here so Tab + Enter works too.
"""

from __future__ import annotations

from dash import dcc, html

from texts import t

from . import ids

SECTION = "pws-brief-section"
SHOWN = "pws-aktif"
"""Class of the section shown in presentation mode (the browser moves it)."""


def brief_page(brief: dict | None, sections: list[dict], state, *, links: dict, choices: list[dict],
               demo: bool) -> list:
    """The page body.

    Parameters
    ----------
    brief : :func:`mapdata.brief.build_brief` (``None`` above kabupaten level: ``choices`` are offered).
    sections : :func:`mapdata.brief.sections`.
    links : ``peta`` (back to the map), ``presentasi`` (mode toggled), ``pdf``, ``gambar`` (the map PNG).
    choices : ``[{"nama", "href"}]`` briefs one may open instead (the kabupaten below the top).
    """
    lang = state.bahasa
    presenting = state.mode == "presentasi"
    heading = t("ringkasan_judul", lang)
    if brief is not None:
        heading = f"{heading}: {brief['wilayah']['nama'] or brief['wilayah']['kode']}"
    header = html.Header(
        [
            html.H1(heading, className="pws-title"),
            html.Span(t("demo_label", lang), id=ids.DEMO_LABEL, className="pws-demo-label", role="note") if demo else None,
            html.Div(
                [
                    dcc.Link(t("ringkasan_kembali", lang), href=links["peta"], className="pws-button"),
                    dcc.Link(t("presentasi_keluar" if presenting else "presentasi", lang), href=links["presentasi"],
                             className="pws-button"),
                    html.A(t("ringkasan_unduh_pdf", lang), href=links["pdf"], id=ids.BRIEF_PDF, className="pws-button",
                           download="") if brief is not None else None,
                    html.A(t("keluar", lang), href=f"/logout?bahasa={lang}", id=ids.LOGOUT, className="pws-button pws-logout"),
                ],
                className="pws-actions",
            ),
        ],
        id=ids.HEADER,
        className="pws-header",
    )
    if brief is None:
        return [header, html.Main(html.Ul([html.Li(dcc.Link(c["nama"], href=c["href"])) for c in choices]),
                                  id=ids.BRIEF, className="pws-brief")]
    first = html.Section(
        [
            html.H2(t("ringkasan_minggu", lang, minggu=brief["minggu"] or "–")),
            html.Img(src=links["gambar"], alt=t("ringkasan_peta", lang, indikator=brief["peta_nama"] or "–"),
                     className="pws-brief-map") if brief["peta_indikator"] else None,
        ],
        className=f"{SECTION} {SHOWN}",
    )
    body = [first] + [_section(s) for s in sections]
    n = len(body)
    keys = html.Div(
        [
            html.Button("←", id=ids.BRIEF_PREV, className="pws-key", title=t("ringkasan_sebelum", lang),
                        **{"aria-label": t("ringkasan_sebelum", lang)}),
            html.Span(t("ringkasan_bagian", lang, i=1, n=n), id=ids.BRIEF_POSITION, role="status",
                      **{"data-template": t("ringkasan_bagian", lang, i="{i}", n="{n}")}),
            html.Button("→", id=ids.BRIEF_NEXT, className="pws-key", title=t("ringkasan_berikut", lang),
                        **{"aria-label": t("ringkasan_berikut", lang)}),
        ],
        className="pws-brief-keys",
    )
    return [header, html.Main(body, id=ids.BRIEF, className="pws-brief"), keys]


def _section(section: dict) -> html.Section:
    table = section["tabel"]
    return html.Section(
        [html.H2(section["judul"])]
        + [html.P(line) for line in section["kalimat"]]
        + ([_table(table)] if table else []),
        className=SECTION,
        **{"data-bagian": section["id"]},
    )


def _table(table: dict) -> html.Table:
    return html.Table(
        [html.Thead(html.Tr([html.Th(c, scope="col") for c in table["kolom"]])),
         html.Tbody([html.Tr([html.Td(str(c)) for c in row]) for row in table["baris"]])],
        className="pws-brief-table",
    )

"""Pickers: klaster → indicator, period, classification, language; header buttons."""

from __future__ import annotations

from dash import dcc, html

from mapdata.brief import link as brief_link
from mapdata.viewstate import JALUR, LANGUAGES, SCHEMES

from . import ids
from texts import LANGUAGE_NAMES, t


def klaster_options(options: dict, lang: str) -> list[dict]:
    """Dropdown options for the five klaster, labelled in ``lang``."""
    key = "nama_en" if lang == "en" else "nama"
    return [{"label": f"{k['klaster']}. {k[key]}", "value": int(k["klaster"])} for k in options["klaster"]]


def indicator_options(options: dict, klaster: int | None, lang: str) -> list[dict]:
    """Indicators of one klaster (all when ``klaster`` is ``None``), labelled in ``lang``."""
    key = "nama_en" if lang == "en" else "nama"
    return [
        {"label": ind[key], "value": ind["id"]}
        for ind in options["indikator"]
        if klaster is None or int(ind["klaster"]) == int(klaster)
    ]


def klaster_of(options: dict, indikator: str | None) -> int | None:
    """The klaster an indicator belongs to."""
    for ind in options["indikator"]:
        if ind["id"] == indikator:
            return int(ind["klaster"])
    return None


def period_options(periods: list[str]) -> list[dict]:
    """Months (or a weekly report view's weeks), newest first."""
    return [{"label": p, "value": p} for p in reversed(periods)]


NO_BANDING = "-"
"""The comparison picker's "no comparison" value (a cleared dropdown sends nothing, which is no action)."""


def banding_options(periods: list[str], lang: str) -> list[dict]:
    """"tidak dibandingkan" first, then the months, newest first."""
    return [{"label": t("banding_tidak", lang), "value": NO_BANDING}] + period_options(periods)


def label_toggle(state, lang: str) -> html.Div:
    """A toggle button: area names and values written on the map (``label=1``; ``aria-pressed`` says which)."""
    return html.Div(
        html.Button(t("label_peta", lang), id=ids.LABEL, type="button", className="pws-button pws-label-toggle",
                    **{"aria-pressed": "true" if state.label else "false"}),
        className="pws-picker pws-picker-check",
    )


def scheme_options(lang: str) -> list[dict]:
    """PWS status colours first, then the mapclassify schemes."""
    return [{"label": t(f"skema_{s}", lang), "value": s} for s in SCHEMES]


def jalur_switch(options: dict, state, lang: str) -> html.Div:
    """"Wilayah administrasi" / "Wilayah kerja puskesmas": hidden (but present for the callback)
    when the workspace has no wilayah kerja table."""
    return html.Div(
        [
            html.Span(t("jalur", lang), id=ids.JALUR + "-label", className="pws-label"),
            dcc.RadioItems(
                id=ids.JALUR,
                options=[{"label": t(f"jalur_{j}", lang), "value": j} for j in JALUR],
                value=state.jalur,
                inline=True,
                className="pws-jalur",
                inputClassName="pws-jalur-input",
            ),
        ],
        className="pws-picker",
        role="radiogroup",
        hidden=not options.get("has_wilayah_kerja"),
        **{"aria-labelledby": ids.JALUR + "-label"},
    )


def _picker(label: str, component) -> html.Div:
    return html.Div([html.Label(label, htmlFor=component.id, className="pws-label"), component], className="pws-picker")


def controls(options: dict, state, lang: str) -> html.Div:
    """The row of pickers, each with a visible label tied to its control.

    The period picker offers ``options["periode_pilihan"]`` when given (:func:`mapdata.view.view_options`:
    a report view's weeks or months), else the months with data.
    """
    klaster = klaster_of(options, state.indikator)
    return html.Div(
        [
            _picker(t("klaster", lang), dcc.Dropdown(id=ids.KLASTER, options=klaster_options(options, lang), value=klaster, clearable=False)),
            _picker(
                t("indikator", lang),
                dcc.Dropdown(id=ids.INDIKATOR, options=indicator_options(options, klaster, lang), value=state.indikator, clearable=False),
            ),
            _picker(t("periode", lang), dcc.Dropdown(id=ids.PERIODE, options=period_options(options.get("periode_pilihan", options["periode"])),
                                                     value=state.periode, clearable=False)),
            _picker(t("klasifikasi", lang), dcc.Dropdown(id=ids.KLASIFIKASI, options=scheme_options(lang), value=state.klasifikasi, clearable=False)),
            _picker(t("banding", lang), dcc.Dropdown(id=ids.BANDING, options=banding_options(options["periode"], lang),
                                                     value=state.banding or NO_BANDING, clearable=False)),
            label_toggle(state, lang),
            jalur_switch(options, state, lang),
        ],
        className="pws-controls",
        role="group",
        **{"aria-label": t("indikator", lang)},
    )


def header(options: dict, state, lang: str) -> html.Header:
    """Title, "Data contoh" label, language switch, presentation and export buttons."""
    presenting = state.mode == "presentasi"
    return html.Header(
        [
            html.H1(t("app_title", lang), className="pws-title"),
            html.Span(t("demo_label", lang), id=ids.DEMO_LABEL, className="pws-demo-label", role="note")
            if options["demo"]
            else None,
            html.Div(
                [
                    html.Label(t("bahasa", lang), htmlFor=ids.BAHASA, className="pws-label"),
                    dcc.Dropdown(
                        id=ids.BAHASA,
                        options=[{"label": LANGUAGE_NAMES[c], "value": c} for c in LANGUAGES],
                        value=lang,
                        clearable=False,
                        searchable=False,
                        className="pws-bahasa",
                    ),
                    html.Button(
                        t("presentasi_keluar" if presenting else "presentasi", lang),
                        id=ids.MODE_BUTTON,
                        className="pws-button",
                        **{"aria-pressed": "true" if presenting else "false"},
                    ),
                    dcc.Link(t("ringkasan_buka", lang), href=brief_link(state), id=ids.BRIEF_OPEN, className="pws-button"),
                    html.Button(t("unduh_png", lang), id=ids.EXPORT_PNG, className="pws-button"),
                    html.Button(t("unduh_csv", lang), id=ids.EXPORT_CSV, className="pws-button"),
                    html.Button(t("unduh_xlsx", lang), id=ids.EXPORT_XLSX, className="pws-button"),
                    html.A(t("unggah_judul", lang), href=f"/unggah?bahasa={lang}", id=ids.UNGGAH, className="pws-button"),
                    html.A(t("keluar", lang), href=f"/logout?bahasa={lang}", id=ids.LOGOUT, className="pws-button pws-logout"),
                ],
                className="pws-actions",
            ),
        ],
        id=ids.HEADER,
        className="pws-header",
    )


def key_buttons(lang: str) -> html.Div:
    """Buttons the keyboard handler (assets/pws.js) presses: Esc, ← and →.

    Real buttons, reachable by Tab and named for screen readers, so the same
    actions work without the shortcut keys.
    """
    return html.Div(
        [
            html.Button("⤴", id=ids.KEY_UP, title=t("naik_tingkat", lang), className="pws-key", **{"aria-label": t("naik_tingkat", lang)}),
            html.Button("←", id=ids.KEY_PREV, title=t("indikator_sebelum", lang), className="pws-key", **{"aria-label": t("indikator_sebelum", lang)}),
            html.Button("→", id=ids.KEY_NEXT, title=t("indikator_berikut", lang), className="pws-key", **{"aria-label": t("indikator_berikut", lang)}),
        ],
        className="pws-keys",
    )

"""From a URL to what each panel shows: the glue between the data and the layouts.

Every function takes a loaded :class:`~mapdata.store.MapData` and a resolved
:class:`~mapdata.viewstate.ViewState` and returns plain values; callbacks
only pass these to layout builders.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from texts import t

from . import areas, laporan, waspada
from .compare import change_frame, change_hideout, change_unit, format_change
from .format import format_value, unit
from .hideout import LINE, LINE_CB, NODATA, NODATA_CB, build_hideout
from .labels import FONT_PX, VIEWPORT, label_points, placed_labels
from .options import indicator_info, page_options
from .store import MapData
from .tables import ranked_rows
from .viewstate import ViewState, parse_query, resolve

CLASSES = 5
"""Classes asked of a mapclassify scheme (fewer come back for degenerate data)."""


def current_state(md: MapData, search: str | None, sekarang=None) -> ViewState:
    """The URL's view, with defaults filled and unknown values dropped.

    A report view's periods and default period depend on the time (``sekarang``,
    default now): the latest week or month whose report is due.
    """
    opts = page_options(md)
    return resolve(
        parse_query(search),
        known=lambda k: areas.is_known(md, k),
        start=areas.start_area(md),
        indicators=[i["id"] for i in opts["indikator"]],
        periods=opts["periode"],
        data_periods=opts.get("periode_indikator"),
        parent=lambda k, jalur: areas.parent(md, k, jalur),
        jalur=lambda k, jalur: areas.jalur_at(md, k, jalur),
        own_periods=lambda ind: laporan.view_periods(md, ind, sekarang) if laporan.is_view(ind) else None,
    )


def period_choices(md: MapData, state: ViewState, sekarang=None) -> list[str]:
    """The periods the period picker offers for ``state``'s indicator: months with data, or a report view's own."""
    if laporan.is_view(state.indikator):
        return laporan.view_periods(md, state.indikator, sekarang)[0]
    return page_options(md)["periode"]


def view_options(md: MapData, state: ViewState) -> dict:
    """:func:`mapdata.options.page_options` with ``periode_pilihan``, the periods offered for ``state``."""
    return {**page_options(md), "periode_pilihan": period_choices(md, state)}


def left_scope(md: MapData, search: str | None) -> bool:
    """Whether the URL names an area (``wilayah`` or ``pilih``) that ``md`` does not show.

    With a scoped ``md`` that is an area outside the user's scope (or one that
    does not exist: the two are not told apart); :func:`current_state` then
    opens the user's own top area.
    """
    asked = parse_query(search)
    return any(k is not None and not areas.is_known(md, k) for k in (asked.wilayah, asked.pilih))


def values_frame(md: MapData, state: ViewState) -> pd.DataFrame | None:
    """Indicator values of the areas drawn at ``state.wilayah`` (``None`` without values).

    At a desa, the desa's own row (from its kecamatan's children).
    """
    query = md.indicator_query()
    if query is None or state.indikator is None or state.periode is None:
        return None
    w = state.wilayah
    at = areas.level(md, w)
    if at == areas.PUSKESMAS or (at == "kabkota" and areas.jalur_at(md, w, state.jalur) == areas.PUSKESMAS):
        return judged(puskesmas_values(md, query, state))
    at_desa = at == "desa"
    parent = w.rsplit(".", 1)[0] if at_desa else w
    key = ("children", parent, state.indikator, state.periode, state.klasifikasi)
    frame = md.memo(key, lambda: query.children(parent, state.indikator, state.periode, skema=state.klasifikasi, k=CLASSES))
    if at_desa:
        frame = frame[frame["kode"] == w]
    return judged(frame)


def puskesmas_values(md: MapData, query, state: ViewState) -> pd.DataFrame:
    """Values on the puskesmas path: each puskesmas of a kabupaten/kota, or the desa of one puskesmas.

    A puskesmas's numbers are the sums over its desa (never an average of
    percentages); the desa of one puskesmas are classed among themselves.
    """
    w = state.wilayah
    if areas.level(md, w) == areas.PUSKESMAS:
        kab = md.by_kode.at[w, "induk"]
        mine = areas.desa_of(md, w)
        group_of = {d: d for d in mine}
        names = {d: str(md.by_kode.at[d, "nama"]) for d in mine}
        tingkat = "desa"
    else:
        kab = w
        kids = areas.children(md, w, areas.PUSKESMAS)
        names = dict(zip(kids["kode"], kids["nama"]))
        group_of = {d: p for d, p in areas.puskesmas_of(md).items() if p in names}
        tingkat = areas.PUSKESMAS
    key = ("groups", w, state.indikator, state.periode, state.klasifikasi)
    return md.memo(key, lambda: query.groups(kab, group_of, names, state.indikator, state.periode,
                                             skema=state.klasifikasi, k=CLASSES, tingkat=tingkat))


def judged(frame: pd.DataFrame) -> pd.DataFrame:
    """The numbers PWS judges, under the names the map and table show.

    For a pro-rated coverage indicator (``target_prorata``) that is the
    year-to-date value with its cumulative numerator and denominator; for a
    monthly rate, the month's own. ``attrs`` (legend, satuan) are kept.
    """
    out = frame.copy()
    if frame.attrs.get("target_prorata"):
        out["pembilang"] = frame["pembilang_kumulatif"]
        out["penyebut"] = frame["penyebut_kumulatif"]
    if "nilai_pws" in frame:
        out["nilai"] = frame["nilai_pws"]
    out.attrs = dict(frame.attrs)
    return out


def legend_labels(frame: pd.DataFrame | None, lang: str = "id") -> list[str] | None:
    """Class labels the indicators module attached to a classified frame, if any.

    They are written the Indonesian way (``1.204,5``); English swaps the separators.
    """
    if frame is None:
        return None
    labels = getattr(frame.attrs.get("legend"), "labels", None)
    if not labels:
        return None
    return [swap_separators(x) for x in labels] if lang == "en" else list(labels)


def swap_separators(text: str) -> str:
    """Indonesian number text to English: decimal comma and thousands dot swapped.

    >>> swap_separators("1.204,5 – 2.000,0")
    '1,204.5 – 2,000.0'
    """
    return text.translate(str.maketrans({",": ".", ".": ","}))


def alert_outlines(md: MapData, db=None, week: str | None = None) -> dict[str, str]:
    """``kode_desa → outline`` (``"baru"``/``"nyata"``) of the alerts of the list's week (:mod:`mapdata.waspada`).

    ``db``: the operational database with the alerts' recorded states
    (``None``: every alert as never acted on: high-severity ones and clusters
    outlined ``baru``). Lower-severity alerts not verified stay in the alert
    list but are not outlined: on a real kabupaten they touch most kecamatan
    every week, and an outline on every area tells the meeting nothing.
    ``week``: another week's alerts (the weekly brief's map), by the same rule.
    """
    return waspada.desa_outlines(waspada.week_states(md, db, week or waspada.list_week(md)))


def read_alerts(md: MapData) -> pd.DataFrame | None:
    """Alerts of the latest week with any (``None`` without case data): :meth:`MapData.alerts`."""
    return md.alerts()


def panel_keys(md: MapData, state: ViewState, versi=None) -> dict:
    """What each side panel's content depends on, as JSON-able keys.

    The page keeps the keys of what it shows; a step that leaves a panel's key
    unchanged does not rebuild or resend it (an indicator switch leaves the
    alerts and the rapor desa as they are). The snapshot id is in every key, so
    a new import redraws them all; ``versi`` (:func:`mapdata.waspada.version_key`)
    changes when an alert response step is taken, which redraws the alert list,
    the table (its response figures) and a desa's rapor (its alerts).

    >>> from types import SimpleNamespace as NS
    >>> md = NS(snapshot_id="s1", by_kode=pd.DataFrame(index=pd.Index([], name="kode")))
    >>> a = panel_keys(md, ViewState(wilayah="19.06", indikator="k1", periode="2025-06"))
    >>> b = panel_keys(md, ViewState(wilayah="19.06", indikator="k6", periode="2025-06"))
    >>> [name for name in a if a[name] != b[name]]
    ['tabel', 'tren']
    """
    sid = md.snapshot_id
    area = state.pilih or state.wilayah  # the trend and the rapor follow a selected row
    if laporan.is_view(state.indikator):
        # a report view also changes with the submission history and the clock (a deadline passing)
        stamp = laporan.version(md)
        return {
            "tabel": [sid, state.wilayah, state.indikator, state.periode, state.bahasa, state.jalur, stamp],
            "tren": [sid, area, state.indikator, state.periode, state.bahasa, state.mode, stamp],
            "rapor": [sid, "laporan", area, state.indikator, state.periode, state.bahasa, stamp],
            "waspada": [sid, state.wilayah, state.bahasa],
        }
    rapor_desa = area if area is not None and areas.level(md, area) == "desa" else None
    return {
        "tabel": [sid, state.wilayah, state.indikator, state.periode, state.klasifikasi, state.bahasa, state.jalur,
                  state.banding, versi],
        "tren": [sid, area, state.indikator, state.bahasa, state.mode],
        # a desa's panel lists its alerts: redrawn after a step; above a desa its figures wait for the next move
        # (the panel is a live region: a screen reader would read it all again after every step)
        "rapor": [sid, rapor_desa or area, state.periode, state.bahasa, versi if rapor_desa else None],
        "waspada": [sid, state.wilayah, state.bahasa, versi],
    }


def area_alerts(md: MapData, wilayah: str | None) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Alerts of the latest week inside ``wilayah`` and the weekly cases behind the first one.

    Returns
    -------
    ``(alerts, series)``: :func:`read_alerts` rows of desa in the area (all of
    them at the top, ``None`` without case data), and
    ``surveillance.weekly_series`` of the first alert's desa and disease
    (``None`` when the area has no alert). Once per area and snapshot: the
    list does not change with the indicator, period or language.
    """
    def compute():
        alerts = read_alerts(md)
        if alerts is not None and len(alerts) and wilayah:
            alerts = alerts[areas.inside(md, wilayah, alerts["kode_desa"])].reset_index(drop=True)
        if alerts is None or not len(alerts):
            return alerts, None
        return alerts, md.weekly_series(alerts.at[0, "kode_desa"], alerts.at[0, "penyakit"])

    return md.memo(("area_alerts", wilayah), compute)


def map_payload(md: MapData, state: ViewState, db=None, alert_week: str | None = None) -> dict:
    """What the map callback sends.

    Returns
    -------
    dict with ``area`` (code or ``None``: the geometry URL's key), ``children``
    (``[{"kode", "nama"}]`` drawn), ``hideout``,
    ``bounds``, ``trail`` (breadcrumb), ``title`` and ``legend_title``;
    ``labels`` (placed for the screen, :func:`mapdata.labels.placed_labels`) and
    ``label_texts`` (the value or change written under each name, by code),
    both empty unless ``state.label``. With ``state.banding`` the hideout and
    legend are the change's (:func:`mapdata.compare.change_hideout`). ``db``:
    the operational database, whose recorded alert states decide the outlines
    (:func:`alert_outlines`; the hideout's ``waspada`` and ``waspada_nyata``),
    of the list's week or of ``alert_week``.
    """
    lang = state.bahasa
    info = indicator_info(state.indikator)
    satuan = info.get("satuan", "persen")
    kids = areas.children(md, state.wilayah, state.jalur)
    report = laporan.is_view(state.indikator)
    frame = laporan.report_frame(md, state) if report else values_frame(md, state)
    outlined = waspada.area_outlines(md, kids["kode"], alert_outlines(md, db, alert_week))
    colour_blind = state.mode == "presentasi"
    if report:
        hideout = laporan.report_hideout(frame, state.indikator, lang=lang, colour_blind=colour_blind,
                                         nodata=NODATA_CB if colour_blind else NODATA,
                                         garis=LINE_CB if colour_blind else LINE, waspada=outlined[waspada.OUTLINE_BARU],
                                         nyata=outlined[waspada.OUTLINE_NYATA], pilih=state.pilih)
        legend_heading = laporan.legend_title(state.indikator, lang)
    elif state.banding:
        frame = change_frame(frame, values_frame(md, replace(state, periode=state.banding, banding=None)))
        hideout = change_hideout(frame, satuan=satuan, arah=info.get("arah", "naik"), lang=lang,
                                 periode=state.periode, banding=state.banding, waspada=outlined[waspada.OUTLINE_BARU],
                                 nyata=outlined[waspada.OUTLINE_NYATA], pilih=state.pilih,
                                 garis=LINE_CB if colour_blind else LINE)
        legend_heading = t("perubahan_legenda", lang, dari=state.banding, ke=state.periode,
                           satuan=change_unit(satuan, lang) or "–")
    else:
        hideout = build_hideout(
            frame,
            skema=state.klasifikasi,
            satuan=satuan,
            arah=info.get("arah", "naik"),
            lang=lang,
            colour_blind=colour_blind,
            legend_labels=legend_labels(frame, lang) if state.klasifikasi != "pws" else None,
            waspada=outlined[waspada.OUTLINE_BARU],
            nyata=outlined[waspada.OUTLINE_NYATA],
            pilih=state.pilih,
        )
        legend_heading = legend_title(info, lang)
    bounds = areas.bounds(md, state.wilayah, state.jalur)
    texts = label_texts(frame, satuan, lang, change=bool(state.banding)) if state.label else {}
    labels = placed_labels(label_points(md, state.wilayah, state.jalur), texts, bounds,
                           viewport=VIEWPORT[state.mode], font_px=FONT_PX[state.mode]) if state.label else []
    return {
        "area": state.wilayah,
        "jalur": areas.jalur_at(md, state.wilayah, state.jalur),
        "children": kids[["kode", "nama"]].to_dict("records"),
        "hideout": hideout,
        "bounds": bounds,
        "trail": areas.breadcrumb(md, state.wilayah, state.jalur),
        "title": title(md, state),
        "legend_title": legend_heading,
        "labels": labels,
        "label_texts": texts,
    }


def label_texts(frame: pd.DataFrame | None, satuan: str, lang: str, change: bool = False) -> dict[str, str]:
    """What each area's label says under its name: the value, or the change (signed) when comparing.

    A change is written without its unit (short labels collide less); the legend's title gives it.
    """
    if frame is None:
        return {}
    if change:
        return {k: format_change(v, satuan, lang, with_unit=False) for k, v in zip(frame["kode"], frame["perubahan"])}
    return {k: format_value(v, satuan, lang) for k, v in zip(frame["kode"], frame["nilai"])}


def legend_title(info: dict, lang: str) -> str:
    """Indicator name with its unit, e.g. ``"Cakupan K1 ibu hamil (%)"``."""
    name = indicator_name(info, lang)
    if not name:
        return t("legenda", lang)
    u = unit(info.get("satuan", ""), lang)
    return f"{name} ({u})" if u else name


def indicator_name(info: dict, lang: str) -> str | None:
    """An indicator's name in ``lang``."""
    if not info:
        return None
    return str(info["nama_en"] if lang == "en" and info.get("nama_en") else info["nama"])


def title(md: MapData, state: ViewState) -> str:
    """``"<indicator> · <area> · <period>"`` for the map heading and the PNG (``<then> → <period>`` when comparing)."""
    lang = state.bahasa
    name = indicator_name(indicator_info(state.indikator), lang)
    area = areas.name_of(md, state.wilayah) or t("indonesia", lang)
    periode = f"{state.banding} → {state.periode}" if state.banding and state.periode else state.periode
    return " · ".join(p for p in (name, area, periode) if p)


def table_rows(md: MapData, state: ViewState, db=None, now=None, version=None) -> list[dict]:
    """Ranked rows of the areas on the map (with the other month's value and the change when comparing).

    With ``db`` and rows that are kabupaten/kota or puskesmas, each row also has
    the alert response figures of the table's month (:func:`mapdata.waspada.figure_fields`:
    verified within 24 hours against the target, median hours to verification,
    share answered). A report view's rows: :func:`mapdata.laporan.ranked_rows`.
    """
    if laporan.is_view(state.indikator):
        return laporan.ranked_rows(laporan.report_frame(md, state), state.indikator, state.bahasa)
    info = indicator_info(state.indikator)
    frame = values_frame(md, state)
    if state.banding:
        frame = change_frame(frame, values_frame(md, replace(state, periode=state.banding, banding=None)))
    rows = ranked_rows(frame, info.get("satuan", "persen"), info.get("arah", "naik"), state.bahasa)
    if rows and db is not None:
        codes = [r["kode"] for r in rows]
        found = waspada.figures_of(md, db, areas.level(md, codes[0]), codes, state.periode, now, version)
        if found is not None:
            rows = [r | waspada.figure_fields(found.get(r["kode"]), state.bahasa) for r in rows]
    return rows


def comparison_series(md: MapData, state: ViewState) -> tuple[str, pd.DataFrame] | None:
    """The kabupaten/kota total behind the trend's area, as a comparison line: ``(name, series)``.

    For an area below the kabupaten/kota (kecamatan, puskesmas, desa), the
    total of the kabupaten/kota holding it; ``None`` at or above that level,
    without values, or when the scope does not allow that total (a scope
    allows the totals of the areas above it: a puskesmas user sees its
    kabupaten's total, never its other desa).
    """
    area = state.pilih or state.wilayah
    query = md.indicator_query()
    if query is None or area is None or state.indikator is None or laporan.is_view(state.indikator):
        return None
    at = areas.level(md, area)
    if at == areas.PUSKESMAS:
        kab = md.by_kode.at[area, "induk"]
    elif at in ("kecamatan", "desa"):
        kab = ".".join(area.split(".")[:2])
    else:
        return None
    name = md.total_name(kab) if kab is not None else None
    if name is None:
        return None
    series = md.memo(("series", kab, state.indikator), lambda: query.series(kab, state.indikator))
    return name, series.assign(nilai=series["nilai_pws"])


def trend_series(md: MapData, state: ViewState) -> tuple[pd.DataFrame | None, str]:
    """Monthly series of the selected area (or the current one) and its chart title."""
    area = state.pilih or state.wilayah
    query = md.indicator_query()
    lang = state.bahasa
    name = indicator_name(indicator_info(state.indikator), lang) or ""
    heading = t("tren_judul", lang, indikator=name, wilayah=areas.name_of(md, area) or t("indonesia", lang))
    if laporan.is_view(state.indikator):
        return laporan.report_series(md, state, area), heading
    if query is None or area is None or state.indikator is None:
        return None, heading
    if areas.level(md, area) == areas.PUSKESMAS:
        kab, mine = md.by_kode.at[area, "induk"], areas.desa_of(md, area)
        series = md.memo(("series", area, state.indikator),
                         lambda: query.group_series(area, mine, state.indikator, target_kode=kab))
    else:
        series = md.memo(("series", area, state.indikator), lambda: query.series(area, state.indikator))
    return series.assign(nilai=series["nilai_pws"]), heading


def report_rapor(md: MapData, state: ViewState) -> dict | None:
    """A report view's rapor of the current (or selected) area (:func:`mapdata.laporan.report_card`), else ``None``."""
    if not laporan.is_view(state.indikator):
        return None
    return laporan.report_card(md, state, state.pilih or state.wilayah)


def rapor(md: MapData, state: ViewState) -> tuple[pd.DataFrame | None, str | None]:
    """Rapor desa of the current (or selected) desa, and the desa's name; ``(None, None)`` above desa level."""
    area = state.pilih or state.wilayah
    query = md.indicator_query()
    if query is None or area is None or areas.level(md, area) != "desa" or state.periode is None:
        return None, None
    return md.memo(("rapor", area, state.periode), lambda: query.rapor(area, state.periode)), areas.name_of(md, area)


def rapor_figures(md: MapData, state: ViewState, db=None, now=None, version=None) -> list[tuple[str, dict | None]]:
    """The area panel's response figures: ``(name, figures row or None)`` of the puskesmas and kabupaten/kota
    holding the current (or selected) area, for the table's month (:func:`mapdata.waspada.rapor_units`)."""
    if db is None or state.periode is None:
        return []
    out = []
    for kind, kode in waspada.rapor_units(md, state.pilih or state.wilayah):
        found = waspada.figures_of(md, db, kind, [kode], state.periode, now, version)
        if found is not None:
            out.append((areas.name_of(md, kode) or kode, found.get(kode)))
    return out


def alert_list(md: MapData, state: ViewState, db=None, *, only_baru: bool = False, desa: str | None = None,
               now=None, version=None, asked: str | None = None) -> dict:
    """The alerts of the list's week in the current area (or of one desa), with their state and next steps.

    With ``only_baru`` (the "belum diverifikasi" filter) the alerts still
    ``baru`` of the :func:`mapdata.waspada.recent_weeks` (the list's week and
    the few before it), most severe and then oldest first, each saying its
    week: last week's unverified alert stays in sight after a new import.
    ``asked``: the alert a link names (:func:`mapdata.viewstate.asked_alert`),
    listed first whatever its state when it is one of ``md``'s in the area
    and of those weeks (the e-mails' weeks); otherwise nothing changes.

    Kept per scope, area, filter, asked alert, language and state version
    (``version``: :func:`mapdata.waspada.version_key` of
    :func:`mapdata.waspada.listed_weeks`, with ``only_baru or asked``, read here
    when not given); the ages are written for ``now`` on every call.

    Returns
    -------
    dict with ``minggu`` (the week, ``None`` without cases), ``dari`` (the
    first week listed when several are, else ``None``), ``rows``
    (:func:`mapdata.waspada.list_rows`, at most :data:`MAX_LISTED`; the asked alert's with ``diminta``), ``lainnya``
    (how many more matched), ``semua`` (alerts of the weeks listed in the area
    before the "belum diverifikasi" filter) and ``series``/``grafik`` (the weekly
    cases of the first alert's desa and disease and its chart title; ``None`` without one).
    """
    week = waspada.list_week(md)
    if week is None:  # no case data: no alerts
        return {"minggu": None, "dari": None, "rows": [], "lainnya": 0, "semua": 0, "series": None, "grafik": None}
    backlog = only_baru and desa is None  # a desa's panel lists its alerts of the week
    asked = asked if desa is None else None
    weeks = waspada.listed_weeks(md, backlog or asked is not None)
    if version is None:
        version = waspada.version_key(db, weeks)
    where = ("desa", desa) if desa else ("wilayah", state.wilayah)

    def compute():
        states = waspada.recent_states(md, db, version) if backlog else waspada.week_states(md, db, week, version)
        every = waspada.ordered(waspada.pick(states, md, inside=None if desa else state.wilayah, desa=desa),
                                oldest_first=backlog)
        picked = every[every["status"] == "baru"] if only_baru else every
        named = picked.iloc[:0]
        if asked is not None:  # the alert a link names first, from the weeks the e-mails name
            recent = waspada.pick(waspada.recent_states(md, db, version), md, inside=state.wilayah)
            named = waspada.find_alert(recent, asked)
            picked = pd.concat([named, picked[~picked["id"].isin(named["id"])]])
        shown = picked.head(MAX_LISTED)
        shown_weeks = sorted(set(shown["minggu"])) or [week]
        names = pd.concat([md.week_alerts(w) for w in shown_weeks], ignore_index=True)
        rows = waspada.list_rows(shown, md, scope=getattr(md, "scope", None), lang=state.bahasa, now=now,
                                 names=names, with_week=backlog or shown_weeks != [week])
        if len(named):
            rows[0] = rows[0] | {"diminta": True}
        series = grafik = None
        if rows and desa is None:
            first = rows[0]
            series = md.weekly_series(first["kode_desa"], first["penyakit"])
            grafik = t("waspada_grafik", state.bahasa, penyakit=first["nama_penyakit"],
                       wilayah=areas.name_of(md, first["kode_desa"]) or first["kode_desa"])
        return {"minggu": week, "dari": weeks[0] if backlog else None, "rows": rows,
                "lainnya": max(len(picked) - len(rows), 0), "semua": len(every), "series": series, "grafik": grafik}

    key = ("waspada_daftar", week, waspada.db_name(db), str(version), where, only_baru, asked, state.bahasa)
    listing = md.memo(key, compute)
    return listing | {"rows": [r | {"umur_teks": waspada.umur_text(r["raised_at"], now, state.bahasa)}
                               for r in listing["rows"]]}


MAX_LISTED = 12
"""Alerts listed at once (the rest are counted; the filter narrows the list to those still waiting)."""

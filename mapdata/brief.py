"""The weekly brief ("Ringkasan mingguan PWS") of one wilayah and ISO week.

Built only from the questions the dashboard itself asks of a (scoped)
:class:`~mapdata.store.MapData`: the week's alerts and clusters, the case
import's weekly completeness, and each indicator's desa rows as the ranked
table judges them (:func:`mapdata.view.values_frame`). A scoped view gives a
brief of the desa in scope only. :func:`build_brief` returns plain JSON-able
values; :func:`sections` turns them into the sentences and tables the page,
the presentation and the PDF all show.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from urllib.parse import parse_qs, urlencode

import pandas as pd

from surveillance.catalogue import disease_name
from texts import t

from . import areas
from .options import catalogue, klaster_table
from .store import MapData
from .view import judged, puskesmas_values
from .viewstate import ViewState, to_query

BEHIND = ("cukup", "jelek", "belum_capai")
"""PWS statuses below the month's target (``belum_capai``: below it, trend not yet known)."""

OPEN_STATES = ("baru", "diverifikasi", "respon")
SEVERITY = ("tinggi", "sedang", "rendah")
METHOD_SCAN = "Klaster ruang-waktu"
"""``surveillance.pipeline.METHOD_SCAN`` (not imported: the pipeline pulls in the scan engine)."""
"""Alert states still asking for work (``selesai`` is closed)."""

LEVELS = ("kabkota", "kecamatan", areas.PUSKESMAS)
"""Wilayah a brief is written for."""

VIEW = "ringkasan"
"""``?tampilan=ringkasan`` opens the brief page of the URL's wilayah (``&minggu=2026-W40`` for a week)."""

PDF_PATH = "/pws/ringkasan.pdf"
MAP_PATH = "/pws/ringkasan/peta.png"
"""Routes of the brief's PDF and map image; the page's URL query follows them (behind the login, scoped)."""

VISIT_FIRST = 5
"""Desa listed under "kunjungi dulu"."""

PER_KLASTER = 3
"""Indicators named per klaster in the sentences."""


def week_month(week: str) -> str:
    """The month (``YYYY-MM``) holding the ISO week's Thursday.

    >>> week_month("2026-W47")
    '2026-11'
    >>> week_month("2026-W01")
    '2026-01'
    """
    from surveillance.weeks import week_start

    return (week_start(week) + timedelta(days=3)).strftime("%Y-%m")


def check_wilayah(md: MapData, wilayah: str) -> str:
    """The wilayah's level; a :class:`errors.PwsError` saying what to give for anything else."""
    from errors import PwsError

    if not areas.is_known(md, wilayah) or wilayah is None:
        raise PwsError("ringkasan_wilayah_tak_ada", wilayah=repr(wilayah))
    level = areas.level(md, wilayah)
    if level not in LEVELS:
        raise PwsError("ringkasan_tingkat", wilayah=wilayah, level=level)
    return level


def desa_in(md: MapData, wilayah: str) -> pd.DataFrame:
    """``kode, nama`` of the desa of ``wilayah`` the view holds (its scope), sorted by code."""
    desa = md.areas[md.areas["level"] == "desa"]
    desa = desa[areas.inside(md, wilayah, desa["kode"])]
    return desa[["kode", "nama"]].sort_values("kode").reset_index(drop=True)


def desa_values(md: MapData, wilayah: str, indikator: str, periode: str) -> pd.DataFrame:
    """Every desa of ``wilayah`` judged for one indicator and month, as the table judges it.

    A kabupaten's or kecamatan's desa come from the query's desa rows under it
    (the ranked table of each kecamatan shows the same rows), a puskesmas's from
    its wilayah kerja (:func:`mapdata.view.puskesmas_values`).
    """
    query = md.indicator_query()
    state = ViewState(wilayah=wilayah, indikator=indikator, periode=periode, klasifikasi="pws")
    if areas.level(md, wilayah) == areas.PUSKESMAS:
        return judged(puskesmas_values(md, query, state))
    frame = md.memo(("desa_rows", wilayah, indikator, periode),
                    lambda: query.children(wilayah, indikator, periode, level="desa"))
    return judged(frame)


def verified_24h_share(responses: dict | None, codes: set, week: str | None) -> float | None:
    """Percent of the week's alerts in ``codes`` verified within 24 hours of being raised.

    ``None`` without recorded responses, or when none of them is due yet
    (SKDR's figure, :func:`surveillance.response.verification_figures`).
    """
    if not responses or week is None or responses.get("alerts") is None:
        return None
    from surveillance.response import verification_figures

    table = responses["alerts"]
    touches = pd.Series([any(d in codes for d in desa) for desa in table["desa"]], index=table.index, dtype=bool)
    mine = table[(table["minggu"] == week) & touches]
    if not len(mine):
        return None
    share = verification_figures(mine, responses["steps"], now=responses.get("now")).at[0, "persen_24j"]
    return None if pd.isna(share) else round(float(share), 1)


def build_brief(md: MapData, wilayah: str, week: str | None = None, lang: str = "id",
                arrivals: pd.DataFrame | None = None, responses: dict | None = None, sekarang=None) -> dict:
    """The weekly brief of ``wilayah`` for ISO ``week`` (the latest week of the cases when ``None``).

    Returns
    -------
    dict (JSON-able) with ``wilayah`` ``{kode, nama, level}``, ``minggu``,
    ``periode`` and ``periode_lalu`` (the indicator months compared),
    ``alerts_new`` (the week's alerts with ``status``), ``clusters_new``,
    ``verified_24h_share`` (``None`` while no verification is recorded),
    ``completeness`` (``desa_lapor, desa_total, persen, tempat_lapor,
    tempat_diharapkan, persen_tempat``; ``None`` without cases), ``timeliness``
    (``None``: not measured yet), ``indicators_behind`` (every indicator:
    ``indikator, nama, klaster, desa_behind, desa_with_data, desa_behind_lalu,
    desa_with_data_lalu, mayoritas``), ``visit_first`` (desa, with ``jelek``
    indicator ids and ``open_alerts`` diseases), ``peta_indikator`` (the
    indicator the map shows), ``demo``, ``bahasa``; ``laporan_w2`` and
    ``laporan_bulanan`` (the week's W2 and the month's indicator report,
    :func:`report_figures`; ``None`` without ``arrivals``) and ``timeliness``
    (the W2's on-time share, ``None`` until it is due).

    ``arrivals``: ``wilayah, jenis, periode, diterima`` as :mod:`reports.timeliness`
    reads them: ``md.report_arrivals()`` (the submission history, cut to the
    scope) gives the figures of the map's ``lapor_*``/``tepat_*`` views.
    ``responses``: the recorded alert responses, ``{"alerts":
    respon.alert_table(...), "steps": the steps, "now": time}``; without them
    every alert is ``baru`` and the 24-hour share ``None``. ``sekarang``: now
    (default the clock), for which reports are due.
    """
    from errors import PwsError

    level = check_wilayah(md, wilayah)
    week = week or md.latest_week()
    if week is not None:
        from surveillance.weeks import parse_week

        parsed = parse_week(week)
        if parsed is None:
            raise PwsError("bukan_minggu_iso", opsi="--week", nilai=repr(week))
        week = parsed
    desa = desa_in(md, wilayah)
    codes = set(desa["kode"])
    periode, periode_lalu = _periods(md, week)
    behind, jelek_by_desa = _indicators(md, wilayah, codes, periode, periode_lalu, lang)
    brief = {
        "wilayah": {"kode": wilayah, "nama": areas.name_of(md, wilayah), "level": level},
        "minggu": week,
        "periode": periode,
        "periode_lalu": periode_lalu,
        "alerts_new": _alerts(md, codes, week),
        "clusters_new": _clusters(md, codes, week),
        "verified_24h_share": None,
        "completeness": _completeness(md, codes, week),
        "laporan_w2": None,
        "laporan_bulanan": None,
        "timeliness": None,
        "indicators_behind": behind,
        "desa": dict(zip(desa["kode"], desa["nama"])),
        "desa_jelek": jelek_by_desa,
        "visit_first": [],
        "peta_indikator": _worst(behind),
        "peta_nama": next((r["nama"] for r in behind if r["indikator"] == _worst(behind)), None),
        "demo": md.demo,
        "bahasa": lang,
    }
    return with_responses(with_reports(brief, md, arrivals, sekarang), responses)


def with_reports(brief: dict, md: MapData, arrivals: pd.DataFrame | None, sekarang=None) -> dict:
    """``brief`` with its week's W2 and its month's indicator report figures from ``arrivals`` (a new dict).

    Kept apart from :func:`build_brief` because arrivals change between
    snapshots: the page caches the brief per snapshot and applies them per request.
    """
    out = dict(brief)
    wilayah = brief["wilayah"]["kode"]
    if arrivals is not None:
        out["laporan_w2"] = report_figures(md, wilayah, "w2", brief["minggu"], arrivals, sekarang)
        out["laporan_bulanan"] = report_figures(md, wilayah, "indikator", brief["periode"], arrivals, sekarang)
    w2 = out["laporan_w2"]
    out["timeliness"] = w2["ketepatan"] if w2 and w2["jatuh_tempo"] else None
    return out


def report_figures(md: MapData, wilayah: str, jenis: str, periode: str | None, arrivals: pd.DataFrame,
                   sekarang=None) -> dict | None:
    """Completeness and timeliness of one report (``w2`` of a week, ``indikator`` of a month) in ``wilayah``.

    The units and the arithmetic of the map's report views (:mod:`mapdata.laporan`):
    the puskesmas (kecamatan without a wilayah kerja table) serving a desa of
    the wilayah, the workspace's deadlines, a report not due yet counted apart.

    Returns ``None`` without a period or a unit, else ``{jenis, periode, tingkat, batas (ISO), batas_lokal
    ("2026-10-06 12:00 WIB"), jatuh_tempo,
    unit, diharapkan, tiba, tepat_waktu, tiba_awal, kelengkapan, ketepatan (percent of the reports due;
    None before the deadline), target_kelengkapan, target_ketepatan, belum_tiba, terlambat (unit names)}``.
    """
    from reports.timeliness import report_status

    from . import laporan

    units = laporan.units_in(md, wilayah) if periode else []
    if not units:
        return None
    tenggat = md.report_tenggat()
    table = report_status(arrivals, units, [periode], jenis, tenggat, sekarang=laporan.now_in(tenggat, sekarang))
    s = laporan.sums(table)
    names = laporan.unit_names(md)
    kind = "w2" if jenis == "w2" else "bulanan"
    batas = table["batas"].iloc[0]
    return {"jenis": jenis, "periode": periode, "tingkat": "puskesmas" if md.reports_by_puskesmas else "kecamatan",
            "batas": batas.isoformat(), "batas_lokal": f"{batas:%Y-%m-%d %H:%M} {batas.tzname()}",
            "jatuh_tempo": bool(table["jatuh_tempo"].all()),
            "unit": s["unit"], "diharapkan": s["diharapkan"], "tiba": s["tiba"], "tepat_waktu": s["tepat_waktu"],
            "tiba_awal": s["tiba_awal"], "kelengkapan": _num(s["kelengkapan"]), "ketepatan": _num(s["ketepatan"]),
            "target_kelengkapan": laporan.VIEWS[f"lapor_{kind}"].target,
            "target_ketepatan": laporan.VIEWS[f"tepat_{kind}"].target,
            "belum_tiba": [names.get(u, u) for u in table.loc[~table["tiba"], "wilayah"]],
            "terlambat": [names.get(u, u) for u in table.loc[table["tiba"] & ~table["tepat_waktu"], "wilayah"]]}


def with_responses(brief: dict, responses: dict | None) -> dict:
    """``brief`` with the recorded alert states, the 24-hour share and the desa to visit first (a new dict).

    Kept apart from :func:`build_brief` because responses change between
    snapshots: the page caches the brief per snapshot and applies them per request.
    """
    states = _states(responses)
    out = dict(brief)
    out["alerts_new"] = [{**a, "status": states.get(("desa", a["kode_desa"], a["penyakit"], brief["minggu"]), "baru")}
                         for a in brief["alerts_new"]]
    out["clusters_new"] = [{**c, "status": states.get(("klaster", c["klaster_id"]), "baru")} for c in brief["clusters_new"]]
    out["verified_24h_share"] = verified_24h_share(responses, set(brief["desa"]), brief["minggu"])
    out["visit_first"] = _visit_first(brief["desa"], brief["desa_jelek"], out["alerts_new"])
    return out


def _alerts(md: MapData, codes: set, week: str | None) -> list[dict]:
    """The week's alerts of the wilayah's desa: one per desa × disease with every method that flagged it.

    Rows flagged by the space-time scan alone are answered through their cluster
    (``clusters_new``), as alert responses count them.
    """
    if week is None or md.latest_week() is None:
        return []
    table = md.week_alerts(week)
    table = table[table["kode_desa"].isin(codes)]
    out = []
    for (kode, penyakit), g in table.groupby(["kode_desa", "penyakit"], sort=False):
        if (g["method"] == METHOD_SCAN).all():
            continue
        out.append({"kode_desa": kode, "nama_desa": g["nama_desa"].iat[0], "penyakit": penyakit,
                    "nama_penyakit": g["nama_penyakit"].iat[0], "observed": _num(g["observed"].max()),
                    "expected": _num(g["expected"].max()), "methods": sorted(set(g["method"])),
                    "severity": min(g["severity"], key=SEVERITY.index),
                    "status": "baru"})
    out.sort(key=lambda a: (SEVERITY.index(a["severity"]), -(a["observed"] or 0), a["kode_desa"]))
    return out


def _states(responses: dict | None) -> dict:
    """``(jenis, kode_desa, penyakit, minggu)`` or ``("klaster", klaster_id)`` → recorded state."""
    if not responses or responses.get("alerts") is None or not len(responses["alerts"]):
        return {}
    out = {}
    for r in responses["alerts"].to_dict("records"):
        if r["jenis"] == "klaster":
            out[("klaster", r["klaster_id"])] = r["status"]
        else:
            out[("desa", r["kode_desa"], r["penyakit"], r["minggu"])] = r["status"]
    return out


def _clusters(md: MapData, codes: set, week: str | None) -> list[dict]:
    """Signalling clusters of the week touching the wilayah, with their desa in it only."""
    if week is None or md.latest_week() is None:
        return []
    from surveillance import diseases

    names = {str(d["id"]): (str(d["nama"]), str(d["nama_en"])) for d in diseases().to_dict("records")}
    out = []
    for r in md.week_clusters(week).to_dict("records"):
        mine = [k for k in r["kode_desa"] if k in codes]
        if mine:
            nama = names.get(r["penyakit"], (r["penyakit"],) * 2)
            out.append({"klaster_id": r["klaster_id"], "penyakit": r["penyakit"], "nama_penyakit": nama,
                        "kode_desa": mine,
                        "observed": _num(r["observed"]), "expected": _num(r["expected"]), "p": _num(r["p"]),
                        "status": "baru"})
    return out


def _completeness(md: MapData, codes: set, week: str | None) -> dict | None:
    """The case import's completeness of the week over the wilayah's reporting desa."""
    if week is None or md.latest_week() is None:
        return None
    rows = md.week_completeness(week)
    rows = rows[rows["kode_desa"].isin(codes)]
    desa_total, desa_lapor = int(len(rows)), int(rows["minggu_lapor"].sum())
    expected, reported = int(rows["tempat_diharapkan"].sum()), int(rows["tempat_lapor"].sum())
    return {"desa_lapor": desa_lapor, "desa_total": desa_total,
            "persen": round(100.0 * desa_lapor / desa_total, 1) if desa_total else None,
            "tempat_lapor": reported, "tempat_diharapkan": expected,
            "persen_tempat": round(100.0 * reported / expected, 1) if expected else None,
            "sumber": "kasus_mingguan"}


def _periods(md: MapData, week: str | None) -> tuple[str | None, str | None]:
    """The latest indicator month up to the week's month, and the month before it with data."""
    query = md.indicator_query()
    periods = [str(p) for p in query.periods()] if query is not None else []
    if not periods:
        return None, None
    upto = [p for p in periods if week is None or p <= week_month(week)] or periods[:1]
    return upto[-1], (upto[-2] if len(upto) > 1 else None)


def _indicators(md: MapData, wilayah: str, codes: set, periode: str | None, periode_lalu: str | None,
                lang: str) -> tuple[list[dict], dict[str, list[str]]]:
    """Desa behind target per indicator (this month and last), and each desa's *jelek* indicators."""
    if periode is None:
        return [], {}
    out, jelek = [], {}
    for ind in catalogue().to_dict("records"):
        now = _desa_status(md, wilayah, codes, ind["id"], periode)
        before = _desa_status(md, wilayah, codes, ind["id"], periode_lalu) if periode_lalu else None
        with_data, n_behind = int(now.notna().sum()), int(now.isin(BEHIND).sum())
        out.append({
            "indikator": ind["id"], "nama": str(ind["nama_en"] if lang == "en" else ind["nama"]),
            "klaster": int(ind["klaster"]),
            "desa_behind": n_behind, "desa_with_data": with_data,
            "desa_behind_lalu": int(before.isin(BEHIND).sum()) if before is not None else None,
            "desa_with_data_lalu": int(before.notna().sum()) if before is not None else None,
            "mayoritas": with_data > 0 and 2 * n_behind > with_data,
        })
        for kode in now.index[now == "jelek"]:
            jelek.setdefault(kode, []).append(ind["id"])
    return out, jelek


def _desa_status(md: MapData, wilayah: str, codes: set, indikator: str, periode: str) -> pd.Series:
    """PWS status by desa code (``None`` where the desa has no value), desa of the brief only."""
    frame = desa_values(md, wilayah, indikator, periode)
    frame = frame[frame["kode"].isin(codes)]
    return pd.Series(frame["status"].to_numpy(dtype=object), index=frame["kode"].to_numpy(), dtype=object)


def _visit_first(desa: dict[str, str], jelek: dict[str, list[str]], alerts: list[dict]) -> list[dict]:
    """Desa with the most *jelek* indicators plus open alerts, most first (ties: more alerts, then code)."""
    open_alerts: dict[str, list[str]] = {}
    for a in alerts:
        if a["status"] in OPEN_STATES:
            open_alerts.setdefault(a["kode_desa"], []).append(a["penyakit"])
    rows = []
    for kode, nama in desa.items():
        j, o = jelek.get(kode, []), open_alerts.get(kode, [])
        if j or o:
            rows.append({"kode": kode, "nama": nama, "jelek": j, "open_alerts": o, "skor": len(j) + len(o)})
    rows.sort(key=lambda r: (-r["skor"], -len(r["open_alerts"]), r["kode"]))
    return rows[:VISIT_FIRST]


def _worst(behind: list[dict]) -> str | None:
    """The indicator with the largest share of desa behind target (the brief's map)."""
    scored = [(r["desa_behind"] / r["desa_with_data"], r["indikator"]) for r in behind if r["desa_with_data"]]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _num(x) -> float | None:
    return None if x is None or pd.isna(x) else round(float(x), 2)


def cached_brief(md: MapData, wilayah: str, week: str | None, lang: str, responses: dict | None = None,
                 arrivals: pd.DataFrame | None = None, sekarang=None) -> dict:
    """:func:`build_brief` once per snapshot (and scope), wilayah, week and language; ``arrivals`` and
    ``responses`` applied each call (they change without a new snapshot)."""
    brief = md.memo(("brief", wilayah, week, lang), lambda: build_brief(md, wilayah, week, lang))
    return with_responses(with_reports(brief, md, arrivals, sekarang), responses)


# -- the page's URL ----------------------------------------------------------------
def requested(search: str | None) -> dict | None:
    """``{"minggu": week or None}`` when the URL asks for the brief, else ``None``.

    A week that is not an ISO week is dropped (the latest week is shown).

    >>> requested("?wilayah=29.01&tampilan=ringkasan&minggu=2026-W40")
    {'minggu': '2026-W40'}
    >>> requested("?wilayah=29.01&tampilan=ringkasan&minggu=kemarin"), requested("?wilayah=29.01")
    ({'minggu': None}, None)
    """
    from surveillance.weeks import parse_week

    q = parse_qs((search or "").lstrip("?"))
    if (q.get("tampilan") or [None])[0] != VIEW:
        return None
    week = (q.get("minggu") or [None])[0]
    return {"minggu": parse_week(week) if week else None}


def page_area(md: MapData, state: ViewState) -> str | None:
    """The wilayah a brief page shows: the view's area, or for a desa its kecamatan (its puskesmas on that path).

    ``None`` above the kabupaten/kota (the page then offers the kabupaten below).
    """
    w = state.wilayah
    if w is not None and areas.level(md, w) == "desa":
        w = areas.parent(md, w, state.jalur)
    return w if w is not None and areas.level(md, w) in LEVELS else None


def link(state: ViewState, wilayah: str | None = None, week: str | None = None, **fields) -> str:
    """URL query of the brief page for ``state`` (another ``wilayah``, ``week`` or view fields).

    >>> link(ViewState(wilayah="29.01", bahasa="en"), week="2026-W40", mode="presentasi")
    '?wilayah=29.01&mode=presentasi&bahasa=en&tampilan=ringkasan&minggu=2026-W40'
    """
    state = replace(state, pilih=None, **({"wilayah": wilayah} if wilayah else {}), **fields)
    extra = [("tampilan", VIEW)] + ([("minggu", week)] if week else [])
    query = to_query(state)
    return (query + "&" if query else "?") + urlencode(extra)


# -- words ---------------------------------------------------------------------------
def sections(brief: dict, lang: str = "id") -> list[dict]:
    """The brief as sections a meeting reads: ``{id, judul, kalimat: [str], tabel: {kolom, baris} | None}``.

    One list for the page, the presentation (a section per screen) and the PDF.
    """
    return [_section_alerts(brief, lang), _section_reports(brief, lang), _section_indicators(brief, lang),
            _section_visit(brief, lang)]


def _pct(x: float | None, lang: str) -> str:
    if x is None:
        return t("ringkasan_belum_ada_data", lang)
    text = f"{x:.1f} %"
    return text if lang == "en" else text.replace(".", ",")


def _section_alerts(brief: dict, lang: str) -> dict:
    alerts, clusters = brief["alerts_new"], brief["clusters_new"]
    high = sum(a["severity"] == "tinggi" for a in alerts)
    lines = [t("ringkasan_peringatan_baru", lang, n=len(alerts), tinggi=high),
             t("ringkasan_klaster_baru", lang, n=len(clusters)),
             t("ringkasan_verifikasi", lang, persen=_pct(brief["verified_24h_share"], lang))]
    for c in clusters:
        lines.append(t("ringkasan_klaster_satu", lang, penyakit=c["nama_penyakit"][lang == "en"], desa=len(c["kode_desa"]),
                       observed=_count(c["observed"]), expected=_count(c["expected"]),
                       status=t(f"status_{c['status']}", lang)))
    shown = sorted(alerts, key=lambda a: (a["severity"] != "tinggi", -(a["observed"] or 0)))[:12]
    table = {"kolom": [t("ringkasan_kol_desa", lang), t("ringkasan_kol_penyakit", lang),
                       t("ringkasan_kol_kasus", lang), t("ringkasan_kol_metode", lang), t("ringkasan_kol_tingkat", lang),
                       t("ringkasan_kol_status", lang)],
             "baris": [[a["nama_desa"], disease_name(a["penyakit"], lang), _count(a["observed"]), ", ".join(a["methods"]),
                        t(f"keparahan_{a['severity']}", lang), t(f"status_{a['status']}", lang)] for a in shown]} if shown else None
    return {"id": "peringatan", "judul": t("ringkasan_judul_peringatan", lang), "kalimat": lines, "tabel": table}


def _count(x) -> str:
    return "–" if x is None else f"{x:.0f}"


def _section_reports(brief: dict, lang: str) -> dict:
    """The W2 and the monthly report against SKDR's targets, then the case data's own completeness."""
    lines = []
    for key in ("laporan_w2", "laporan_bulanan"):
        lines += _report_lines(brief.get(key), lang)
    if not brief.get("laporan_w2"):
        lines.append(t("ringkasan_ketepatan", lang, persen=_pct(brief["timeliness"], lang)))
    c = brief["completeness"]
    if c is None:
        lines.append(t("ringkasan_tanpa_kasus", lang))
    else:
        lines += [t("ringkasan_kelengkapan", lang, lapor=c["desa_lapor"], total=c["desa_total"],
                    persen=_pct(c["persen"], lang)),
                  t("ringkasan_kelengkapan_tempat", lang, lapor=c["tempat_lapor"], total=c["tempat_diharapkan"],
                    persen=_pct(c["persen_tempat"], lang))]
    return {"id": "laporan", "judul": t("ringkasan_judul_laporan", lang), "kalimat": lines, "tabel": None}


def _report_lines(r: dict | None, lang: str) -> list[str]:
    """One report's figures against SKDR's targets in a sentence, then who has not sent it and who was late."""
    if not r:
        return []
    name = (t("ringkasan_laporan_w2", lang, minggu=r["periode"]) if r["jenis"] == "w2"
            else t("ringkasan_laporan_bulanan", lang, bulan=r["periode"]))
    if not r["jatuh_tempo"]:
        return [t("ringkasan_laporan_belum_tempo", lang, laporan=name, awal=r["tiba_awal"], total=r["unit"],
                  unit=r["tingkat"], batas=r["batas_lokal"])]
    lines = [t("ringkasan_laporan", lang, laporan=name, tiba=r["tiba"], total=r["diharapkan"], unit=r["tingkat"],
               lengkap=_pct(r["kelengkapan"], lang), target_lengkap=_pct0(r["target_kelengkapan"]),
               tepat=r["tepat_waktu"], persen=_pct(r["ketepatan"], lang), target_tepat=_pct0(r["target_ketepatan"]))]
    if r["belum_tiba"]:
        lines.append(t("ringkasan_laporan_belum_kirim", lang, daftar=", ".join(r["belum_tiba"])))
    if r["terlambat"]:
        lines.append(t("ringkasan_laporan_terlambat", lang, daftar=", ".join(r["terlambat"])))
    return lines


def _pct0(x: float) -> str:
    return f"{x:.0f} %"


def _section_indicators(brief: dict, lang: str) -> dict:
    lines, rows = [], []
    names = {int(k["klaster"]): str(k["nama_en"] if lang == "en" else k["nama"])
             for k in klaster_table().to_dict("records")}
    for klaster, name in sorted(names.items()):
        mine = [r for r in brief["indicators_behind"] if r["klaster"] == klaster]
        worst = sorted((r for r in mine if r["mayoritas"]),
                       key=lambda r: -r["desa_behind"] / r["desa_with_data"])
        if not worst:
            lines.append(t("ringkasan_klaster_aman", lang, klaster=name))
        for r in worst[:PER_KLASTER]:  # a meeting reads three; the table lists them all
            lines.append(t("ringkasan_di_bawah_target", lang, klaster=name, behind=r["desa_behind"],
                           total=r["desa_with_data"], indikator=r["nama"]) + " " + _change(r, lang))
        rows += [[name, r["nama"], f"{r['desa_behind']}/{r['desa_with_data']}",
                  "–" if r["desa_behind_lalu"] is None else f"{r['desa_behind_lalu']}/{r['desa_with_data_lalu']}"]
                 for r in mine if r["desa_with_data"]]
    head = t("ringkasan_periode", lang, periode=brief["periode"] or "–", lalu=brief["periode_lalu"] or "–")
    table = {"kolom": [t("klaster", lang), t("indikator", lang), t("ringkasan_kol_bulan_ini", lang),
                       t("ringkasan_kol_bulan_lalu", lang)], "baris": rows} if rows else None
    return {"id": "indikator", "judul": t("ringkasan_judul_indikator", lang), "kalimat": [head, *lines],
            "tabel": table}


def _change(r: dict, lang: str) -> str:
    """What changed since last month, in words."""
    if r["desa_behind_lalu"] is None:
        return t("ringkasan_lalu_tidak_ada", lang)
    diff = r["desa_behind"] - r["desa_behind_lalu"]
    if diff == 0:
        return t("ringkasan_lalu_sama", lang, n=r["desa_behind_lalu"])
    key = "ringkasan_lalu_naik" if diff > 0 else "ringkasan_lalu_turun"
    return t(key, lang, n=r["desa_behind_lalu"], selisih=abs(diff))


def _section_visit(brief: dict, lang: str) -> dict:
    names = {r["indikator"]: r["nama"] for r in brief["indicators_behind"]}
    rows, lines = [], []
    for d in brief["visit_first"]:
        why = []
        if d["jelek"]:
            why.append(t("ringkasan_alasan_jelek", lang, n=len(d["jelek"]),
                         daftar=", ".join(names.get(i, i) for i in d["jelek"][:4]) + (" …" if len(d["jelek"]) > 4 else "")))
        if d["open_alerts"]:
            why.append(t("ringkasan_alasan_peringatan", lang, n=len(d["open_alerts"]),
                         daftar=", ".join(disease_name(p, lang) for p in d["open_alerts"])))
        rows.append([d["nama"], d["kode"], "; ".join(why)])
    if not rows:
        lines.append(t("ringkasan_tidak_ada_kunjungan", lang))
    table = {"kolom": [t("ringkasan_kol_desa", lang), t("ringkasan_kol_kode", lang), t("ringkasan_kol_alasan", lang)],
             "baris": rows} if rows else None
    return {"id": "kunjungan", "judul": t("ringkasan_judul_kunjungan", lang), "kalimat": lines, "tabel": table}


def title(brief: dict, lang: str = "id") -> str:
    """``"Ringkasan mingguan PWS · <wilayah> · <week>"``."""
    return " · ".join([t("ringkasan_judul", lang), brief["wilayah"]["nama"] or brief["wilayah"]["kode"],
                       brief["minggu"] or "–"])

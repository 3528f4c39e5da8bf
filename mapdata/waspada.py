"""The alert list, the map's alert outline and the response figures, from the alerts' recorded states.

Plain functions over :func:`mapdata.responses.alert_states`-shaped frames (a
week's answerable alerts with their state) and the snapshot's areas; callbacks
pass their answers to :mod:`layouts`. States are read through
:mod:`mapdata.responses`, the one door, once per snapshot for every user and
cut to each scope (:meth:`MapData.shared_alerts`), under
:func:`opsdb.responses.state_version`, which changes with every step taken: a
step shows on the next request, and nothing is read twice between steps.

The list
    The alerts of the case data's latest week (:func:`list_week`); with the
    "belum diverifikasi" filter, the alerts still ``baru`` of that week and of
    the :data:`surveillance.response.RECENT_WEEKS` weeks before it
    (:func:`recent_weeks`): an alert nobody verified last week does not drop
    out of sight when a new week is imported.

The outline (two styles, :data:`OUTLINE_STYLE`)
    ``baru``: a high-severity desa alert or a signalling cluster of the week
    that nobody has verified yet (dashed red, the one outline drawn before
    states were recorded); ``nyata``: an alert of the week verified as a real
    rise (``diverifikasi``, verdict ``benar``) or under response (``respon``),
    of any severity: someone confirmed it, so it stays on the map (solid
    purple). Alerts found to be data errors (``salah``) or closed
    (``selesai``) are not outlined. An area holding both kinds is drawn
    ``baru``: what still waits for someone comes first.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd

from surveillance.response import alert_ref  # the page's name for an alert (here for the page's modules)
from texts import t

from . import areas
from .format import format_count, format_value

OUTLINE_BARU = "baru"
OUTLINE_NYATA = "nyata"
OUTLINE_STYLE = {
    OUTLINE_BARU: {"warna": "#b2182b", "garis": "6 4", "tebal": 3},
    OUTLINE_NYATA: {"warna": "#542788", "garis": None, "tebal": 3},
}
"""Colour, dash pattern (``None``: solid) and width in pixels of each outline; ``assets/pws.js`` draws the same."""

FIGURE_UNITS = {"kabkota": "kabupaten", areas.PUSKESMAS: "puskesmas"}
"""Area level → the ``by`` of :func:`surveillance.response.verification_figures` that counts per such area."""


# -- reading (cached per snapshot and scope, keyed by the state version) ------------------------
def list_week(md) -> str | None:
    """The week the alert list and the outline show: the case data's last week (``None`` without cases)."""
    return md.latest_week() if md.has_cases else None


def recent_weeks(md) -> list[str]:
    """The weeks the "belum diverifikasi" filter lists: :func:`list_week` and the
    :data:`~surveillance.response.RECENT_WEEKS` weeks before it, oldest first (empty without cases)."""
    from surveillance.response import RECENT_WEEKS
    from surveillance.weeks import week_range

    week = list_week(md)
    return week_range(week, RECENT_WEEKS + 1) if week is not None else []


def listed_weeks(md, only_baru: bool) -> list[str]:
    """The weeks the alert list reads: :func:`recent_weeks` with the filter on, else the list's week (or none)."""
    if only_baru:
        return recent_weeks(md)
    week = list_week(md)
    return [week] if week is not None else []


def recent_states(md, db, version=None) -> pd.DataFrame:
    """:func:`week_states` of the :func:`recent_weeks` at once (shared: do not modify).

    Those weeks' alerts (each week's own reads) with their states, read once
    per state version of those weeks for every user of the snapshot and cut
    to ``md``'s scope; ``version``: their :func:`version_key` when the caller
    holds it. ``db`` ``None``: every alert ``baru``.
    """
    weeks = recent_weeks(md)
    if not weeks:
        return week_states(md, db, None)

    def table(whole):  # one alert table of the weeks' reads: a table per week took four times as long
        from surveillance.response import alert_table

        return alert_table(pd.concat([whole.week_alerts(w) for w in weeks], ignore_index=True),
                           pd.concat([whole.week_clusters(w) for w in weeks], ignore_index=True))

    if db is None:
        return md.shared_alerts(("respon_tanpa_db", tuple(weeks)), lambda whole: _never_acted(table(whole)))
    from opsdb.responses import state_version

    from .responses import with_states

    version = tuple(version) if version is not None else state_version(db, weeks)
    return md.shared_alerts(("respon_minggu", tuple(weeks), db_name(db), version),
                            lambda whole: with_states(table(whole), db))


def week_states(md, db, week: str | None, version=None) -> pd.DataFrame:
    """:func:`mapdata.responses.alert_states` of one week, read once per state version (shared: do not modify).

    The week's alerts (:meth:`MapData.week_response_alerts`, that week's reads
    only) with their states (:func:`mapdata.responses.with_states`), read once
    per state version for the whole snapshot and cut to ``md``'s scope as
    :meth:`~mapdata.scoped.ScopedMapData.response_alerts` is
    (:meth:`~mapdata.store.MapData.shared_alerts`). ``version``: the week's
    :func:`version_key` when the caller holds it already (one query a request).

    ``db`` ``None`` (no operational database): every alert as never acted on
    (``baru``). The ages in ``umur_jam`` are those of the first read: use
    :func:`age_hours` for the age now.
    """
    if week is None:
        from surveillance.response import alert_table

        return _never_acted(alert_table(None, None))
    if db is None:
        return md.shared_alerts(("respon_tanpa_db", week), lambda whole: _never_acted(whole.week_response_alerts(week)))
    from opsdb.responses import state_version

    from .responses import with_states

    # an alert's state is the same whoever asks: read once for every user of the snapshot, cut to each scope
    version = tuple(version) if version is not None else state_version(db, [week])
    return md.shared_alerts(("respon_minggu", week, db_name(db), version),
                            lambda whole: with_states(whole.week_response_alerts(week), db))


def db_name(db) -> str | None:
    """Which database states came from, for cache keys (the snapshot's cache may serve more than one: tests, tools)."""
    return None if db is None else str(db.engine.url)


def _never_acted(table: pd.DataFrame) -> pd.DataFrame:
    """Alert rows as :func:`mapdata.responses.alert_states` gives them when nothing is recorded."""
    from surveillance import response as respon

    from .responses import LIST_COLUMNS

    out = respon.current_states(table.assign(raised_at=pd.NaT), None)
    out["umur_jam"] = float("nan")
    out["berikutnya"] = [list(respon.next_steps("baru")) for _ in range(len(out))]
    return out[LIST_COLUMNS].reset_index(drop=True)


def version_key(db, week: str | list[str] | None) -> list | None:
    """What a panel's key holds so that a step redraws it (``None`` without a database): the state version of
    the week (or of the weeks, :func:`listed_weeks`).

    One query; a callback reads it once and hands it on (``version=``). The
    response figures of other weeks are kept under it too: steps are what
    changes them between imports (an alert of another week first recorded by
    a refused step, from the command line, shows at the next step taken).
    """
    if db is None or not week:
        return None
    from opsdb.responses import state_version

    return list(state_version(db, [week] if isinstance(week, str) else list(week)))


# -- the outline -----------------------------------------------------------------------------
def outline_class(status: str, verdict: str | None) -> str | None:
    """Which outline an alert in ``status`` (with its latest ``verdict``) gets, before its severity is looked at.

    >>> [outline_class(s, v) for s, v in [("baru", None), ("diverifikasi", "benar"), ("respon", "benar"),
    ...                                   ("diverifikasi", "salah"), ("selesai", "benar")]]
    ['baru', 'nyata', 'nyata', None, None]
    """
    if status == "baru":
        return OUTLINE_BARU
    if (status == "diverifikasi" and verdict == "benar") or status == "respon":
        return OUTLINE_NYATA
    return None


def desa_outlines(states: pd.DataFrame) -> dict[str, str]:
    """``kode_desa → outline class`` of a week's alerts (:func:`week_states`).

    An unverified alert is outlined when it is high-severity or a cluster (the
    one-method alerts of a real kabupaten touch most kecamatan every week); a
    verified-real one whatever its severity. ``baru`` wins over ``nyata``.

    >>> states = pd.DataFrame({"jenis": ["desa", "desa", "desa", "klaster"], "severity": ["tinggi", "sedang", "sedang", "sedang"],
    ...     "desa": [["a"], ["b"], ["c"], ["c", "d"]], "status": ["baru", "baru", "respon", "baru"],
    ...     "verdict": [None, None, "benar", None]})
    >>> desa_outlines(states)
    {'a': 'baru', 'c': 'baru', 'd': 'baru'}
    >>> desa_outlines(states.iloc[:3])
    {'a': 'baru', 'c': 'nyata'}
    """
    out: dict[str, str] = {}
    for jenis, severity, desa, status, verdict in zip(states["jenis"], states["severity"], states["desa"],
                                                      states["status"], states["verdict"]):
        kind = outline_class(status, verdict)
        if kind == OUTLINE_BARU and not (jenis == "klaster" or severity == "tinggi"):
            kind = None
        if kind is None:
            continue
        for d in desa:
            if out.get(str(d)) != OUTLINE_BARU:
                out[str(d)] = kind
    return out


def area_outlines(md, codes, by_desa: dict[str, str]) -> dict[str, list[str]]:
    """The areas among ``codes`` drawn with each outline: ``{"baru": [...], "nyata": [...]}`` (sorted).

    An area gets the outline of the desa inside it, ``baru`` when any has it.
    """
    out = {OUTLINE_BARU: [], OUTLINE_NYATA: []}
    if not by_desa:
        return out
    desa = pd.Series(list(by_desa), dtype=object)
    kinds = np.array(list(by_desa.values()), dtype=object)
    for k in codes:  # one look at the desa per area, as when there was one outline
        found = kinds[areas.inside(md, k, desa)]
        if len(found):
            out[OUTLINE_BARU if (found == OUTLINE_BARU).any() else OUTLINE_NYATA].append(k)
    return {kind: sorted(v) for kind, v in out.items()}


# -- the list ---------------------------------------------------------------------------------
def age_hours(raised_at, now: datetime | None = None) -> float:
    """Hours from ``raised_at`` to ``now`` (NaN when not recorded)."""
    if raised_at is None or pd.isna(raised_at):
        return float("nan")
    now = pd.Timestamp(now or datetime.now(timezone.utc))
    now = now.tz_localize("UTC") if now.tzinfo is None else now
    return max((now - pd.Timestamp(raised_at)).total_seconds() / 3600.0, 0.0)


def age_text(hours, lang: str = "id") -> str | None:
    """Hours as people say an age: under an hour, whole hours up to two days, then whole days.

    >>> [age_text(h) for h in (0.4, 1.2, 5.9, 47.5, 49, 24 * 9)]
    ['< 1 jam', '1 jam', '5 jam', '47 jam', '2 hari', '9 hari']
    >>> age_text(30, "en"), age_text(24, "en"), age_text(float("nan")) is None
    ('30 hours', '24 hours', True)
    """
    if hours is None or (isinstance(hours, float) and math.isnan(hours)):
        return None
    if hours < 1:
        return t("umur_kurang_jam", lang)
    if hours < 48:
        n = int(hours)
        return t("umur_jam_1", lang) if n == 1 else t("umur_jam", lang, n=n)
    n = int(hours // 24)
    return t("umur_hari", lang, n=n)


def status_text(status: str, verdict: str | None, hasil: str | None, lang: str = "id") -> str:
    """The state in words, with the verdict or the result where it matters.

    >>> status_text("diverifikasi", "benar", None), status_text("selesai", "salah", "bukan_klb", "en")
    ('diverifikasi: benar (kenaikan nyata)', 'closed: no outbreak')
    """
    text = t(f"status_{status}", lang)
    if status == "diverifikasi" and verdict:
        return f"{text}: {t(f'putusan_{verdict}', lang)}"
    if status == "selesai" and hasil:
        return f"{text}: {t(f'hasil_{hasil}', lang)}"
    return text


def step_label(step: str, status: str, lang: str = "id") -> str:
    """The button text for taking an alert in ``status`` to ``step``.

    >>> step_label("diverifikasi", "baru"), step_label("diverifikasi", "diverifikasi"), step_label("respon", "diverifikasi", "en")
    ('Verifikasi', 'Ubah putusan', 'Start response')
    """
    if step == "diverifikasi" and status != "baru":
        return t("langkah_diverifikasi_ulang", lang)
    return t(f"langkah_{step}", lang)


def pick(states: pd.DataFrame, md, *, inside: str | None = None, desa: str | None = None,
         only_baru: bool = False) -> pd.DataFrame:
    """The alerts of ``states`` with a desa inside area ``inside``, or holding desa ``desa``; only ``baru`` ones on request."""
    rows = states
    if only_baru:
        rows = rows[rows["status"] == "baru"]
    if desa is not None:
        rows = rows.loc[np.array([desa in list(d) for d in rows["desa"]], dtype=bool)]
    elif inside is not None and len(rows):
        exploded = rows["desa"].explode()
        hit = pd.Series(areas.inside(md, inside, exploded.astype(str)), index=exploded.index)
        rows = rows[hit.groupby(level=0).any().reindex(rows.index, fill_value=False).to_numpy()]
    return rows


def find_alert(states: pd.DataFrame, ref: str) -> pd.DataFrame:
    """The rows of ``states`` named by ``ref``: its :func:`alert_ref`, or the alert id itself (empty: none)."""
    if not len(states):
        return states
    hit = (states["id"] == ref) | (states["id"].map(alert_ref) == ref)
    return states[hit.to_numpy()]


def listed_alert(md, db, ref: str, lang: str = "id") -> dict | None:
    """The alert the page names ``ref`` (or its id), as :func:`list_rows` gives it, with its latest ``verdict``;
    ``None`` when ``md`` does not list it: not of the list's week nor of the :func:`recent_weeks` (the filter's),
    or outside the scope."""
    found = find_alert(week_states(md, db, list_week(md)), ref)
    if not len(found):
        found = find_alert(recent_states(md, db), ref)
    if not len(found):
        return None
    row = list_rows(found, md, scope=getattr(md, "scope", None), lang=lang, names=md.week_alerts(found["minggu"].iat[0]))[0]
    return row | {"verdict": found["verdict"].iat[0]}


def ordered(states: pd.DataFrame, oldest_first: bool = False) -> pd.DataFrame:
    """The list's order: most severe first, a cluster before desa alerts of its severity, then the table's order;
    ``oldest_first`` (several weeks listed): within a severity, the oldest week first (waiting longest).

    >>> states = pd.DataFrame({"id": ["a", "b", "c", "d"], "jenis": ["desa", "klaster", "desa", "desa"],
    ...                        "severity": ["sedang", "tinggi", "tinggi", "tinggi"],
    ...                        "minggu": ["2026-W47", "2026-W47", "2026-W47", "2026-W45"]})
    >>> ordered(states)["id"].tolist(), ordered(states, oldest_first=True)["id"].tolist()
    (['b', 'c', 'd', 'a'], ['d', 'b', 'c', 'a'])
    """
    from surveillance.response import SEVERITY

    rank = pd.DataFrame({"r": states["severity"].map({s: i for i, s in enumerate(SEVERITY)}),
                         "w": states["minggu"] if oldest_first else "", "k": states["jenis"] != "klaster"},
                        index=states.index)
    return states.loc[rank.sort_values(["r", "w", "k"], kind="stable").index]


def list_rows(states: pd.DataFrame, md, *, scope=None, lang: str = "id", now: datetime | None = None,
              names: pd.DataFrame | None = None, with_week: bool = False) -> list[dict]:
    """One plain dict per alert of ``states`` (already :func:`pick`-ed), for the list and the desa's panel.

    Parameters
    ----------
    states : rows of :func:`week_states`.
    scope : the actor's :class:`access.scope.Scope`: a step is offered
        (``boleh``) only where :func:`access.respond.may_act` allows it
        (``None``: nowhere; taking the step checks again).
    names : the weeks' :func:`surveillance.read_alerts` rows (``md.week_alerts``):
        desa and kecamatan names, and where a puskesmas threshold was counted.
    with_week : ``rinci`` starts with the alert's week (a list of several weeks).

    Returns
    -------
    dicts with ``id``, ``ref`` (how the page names it: :func:`alert_ref`), ``minggu``,
    ``jenis, kode_desa`` (the desa, or a cluster's centre, or its first desa in
    scope), ``penyakit, nama_penyakit, severity, status, judul`` (desa or
    cluster, and disease), ``rinci`` (cases, severity, rule), ``status_teks``,
    ``raised_at``, ``umur_teks`` (its age at ``now``: :func:`umur_text`),
    ``oleh_teks``, ``boleh`` and ``langkah`` (``[{"status", "label"}]`` of the
    next steps).
    """
    from access.respond import may_act

    from .facilities import disease_names

    penyakit = disease_names(lang)
    place = _places(names)
    rules = _rule_areas(names)
    out = []
    for r in states.to_dict("records"):
        disease = penyakit.get(r["penyakit"], r["penyakit"])
        # a cluster cut to a scope may have lost its centre: name it after a desa the reader may see
        utama = r["kode_desa"] if r["kode_desa"] in list(r["desa"]) else (list(r["desa"]) or [r["kode_desa"]])[0]
        if r["jenis"] == "klaster":
            judul = t("waspada_klaster", lang, penyakit=disease, n=len(r["desa"]), pusat=_place(md, place, utama))
        else:
            judul = f"{_place(md, place, utama)}: {disease}"
        rinci = [t("waspada_minggu", lang, minggu=r["minggu"])] if with_week else []
        if _present(r["observed"]):
            rinci.append(f"{format_count(r['observed'], lang)} {t('kasus', lang)}")
        rinci.append(t("keparahan_" + str(r["severity"]), lang))
        rule = rules.get((r["kode_desa"], r["penyakit"], r["minggu"])) if r["jenis"] == "desa" else None
        if rule is not None:
            rinci.append(t(f"aturan_{rule[0]}", lang, kode=rule[1]))
        boleh = scope is not None and may_act(scope, r["desa"])
        out.append({
            "id": r["id"], "ref": alert_ref(r["id"]), "minggu": r["minggu"], "jenis": r["jenis"], "kode_desa": utama,
            "penyakit": r["penyakit"], "nama_penyakit": disease, "severity": r["severity"], "status": r["status"], "judul": judul, "rinci": " · ".join(rinci),
            "status_teks": status_text(r["status"], r["verdict"], r["hasil"], lang),
            "raised_at": r["raised_at"], "umur_teks": umur_text(r["raised_at"], now, lang),
            "oleh_teks": t("waspada_oleh", lang, oleh=r["oleh"]) if r["oleh"] else "",
            "boleh": boleh,
            "langkah": [{"status": s, "label": step_label(s, r["status"], lang)} for s in r["berikutnya"]],
        })
    return out


def umur_text(raised_at, now: datetime | None, lang: str = "id") -> str:
    """"muncul 5 jam lalu", or that the time raised was not recorded."""
    age = age_text(age_hours(raised_at, now), lang)
    return t("waspada_muncul", lang, umur=age) if age else t("waspada_muncul_tidak_tercatat", lang)


def _present(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _places(names: pd.DataFrame | None) -> dict[str, str]:
    """``kode_desa → "desa (kecamatan)"`` from the week's alert rows."""
    if names is None or not len(names):
        return {}
    return {k: f"{d} ({c})" for k, d, c in zip(names["kode_desa"], names["nama_desa"], names["nama_kecamatan"])}


def _place(md, place: dict, kode: str) -> str:
    return place.get(kode) or areas.name_of(md, kode) or kode


def _rule_areas(names: pd.DataFrame | None) -> dict:
    """``(kode_desa, penyakit, minggu) → (wilayah_aturan, kode)`` of the puskesmas-threshold alerts."""
    if names is None or "wilayah_aturan" not in names:
        return {}
    pkm = names[names["wilayah_aturan"].isin(["puskesmas", "kecamatan"])]
    return {(d, p, m): (w, k) for d, p, m, w, k in zip(pkm["kode_desa"], pkm["penyakit"], pkm["minggu"],
                                                       pkm["wilayah_aturan"], pkm["kode_wilayah_aturan"])}


def recorded_message(row: dict | None, alert_id: str, step: dict, lang: str = "id") -> str:
    """What the page says after a step: which alert, and its state now.

    >>> recorded_message({"judul": "Mekarmukti (Karang Harapan): Diare akut"}, "desa:x",
    ...                  {"status": "diverifikasi", "verdict": "benar", "hasil": None})
    'Tercatat: Mekarmukti (Karang Harapan): Diare akut kini berstatus diverifikasi: benar (kenaikan nyata).'
    """
    name = row["judul"] if row else alert_id
    return t("respon_tercatat", lang, alert=name, status=status_text(step["status"], step.get("verdict"),
                                                                     step.get("hasil"), lang))


# -- the figures (per puskesmas and kabupaten, per month) -----------------------------------------
def month_weeks(month: str) -> list[str]:
    """The ISO weeks of ``month`` (``YYYY-MM``): those whose Thursday falls in it (as the figures' ``bulan``).

    >>> month_weeks("2026-10")
    ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44']
    """
    from datetime import date

    year, mon = (int(x) for x in month.split("-"))
    day = date(year, mon, 1)
    day += timedelta(days=(3 - day.weekday()) % 7)  # the month's first Thursday
    weeks = []
    while day.month == mon:
        iso = day.isocalendar()
        weeks.append(f"{iso[0]}-W{iso[1]:02d}")
        day += timedelta(days=7)
    return weeks


def period_figures(md, db, by: str, periode: str | None, now: datetime | None = None,
                   version=None) -> pd.DataFrame | None:
    """:func:`surveillance.response.verification_figures` per ``by`` of the recorded alerts of month ``periode``.

    The alerts of the weeks of the month (:func:`month_weeks`, each week's own
    reads: :meth:`MapData.week_response_alerts`) through
    :func:`mapdata.responses.table_figures`. Kept per state version and hour
    (an alert's 24 hours fall due as time passes). ``None`` without a
    database, a period or cases.
    """
    if db is None or periode is None or not md.has_cases:
        return None
    from .responses import table_figures

    key, now = _figure_key(db, by, periode, now, version)

    def compute():
        table = pd.concat([md.week_response_alerts(w) for w in month_weeks(periode)], ignore_index=True)
        return table_figures(md, table, db, by=by, now=now.to_pydatetime())

    return md.memo(key, compute)


def _figure_key(db, by: str, periode: str, now, version) -> tuple[tuple, pd.Timestamp]:
    """The figures' cache key (state version, hour) and ``now`` as a UTC timestamp."""
    from opsdb.responses import state_version

    now = pd.Timestamp(now or datetime.now(timezone.utc))
    now = now.tz_localize("UTC") if now.tzinfo is None else now
    version = tuple(version) if version is not None else state_version(db, month_weeks(periode))
    return ("respon_angka", by, periode, db_name(db), version, now.floor("h")), now


def figures_of(md, db, kind: str, codes, periode: str | None, now: datetime | None = None,
               version=None) -> dict[str, dict] | None:
    """``kode → figures row`` (as a dict) of the areas ``codes``, all of level ``kind`` (``kabkota``/``puskesmas``).

    ``None`` when the level has no figures, or without a database, period or
    cases; an area without recorded alerts in the period is left out.
    """
    by = FIGURE_UNITS.get(kind)
    if by is None:
        return None
    if db is None or periode is None or not md.has_cases:
        return None
    key, now = _figure_key(db, by, periode, now, version)
    rows = md.memo(("baris",) + key, lambda: {str(r[by]): r for r in
                                             period_figures(md, db, by, periode, now, version).to_dict("records")})
    return {k: rows[k] for k in codes if k in rows}


def figure_fields(row: dict | None, lang: str = "id") -> dict:
    """A ranked-table row's response columns from one figures row (``None``: no alert recorded).

    >>> f = figure_fields({"persen_24j": 75.0, "target": 80.0, "capai_target": False, "median_jam": 5.5,
    ...                    "persen_respon": 50.0, "jumlah": 4})
    >>> f["verif_24j_teks"], f["median_verif_teks"], f["direspon_teks"], f["verif_24j_status"]
    ('75,0 %', '5 jam', '50,0 %', 'belum_capai')
    """
    if row is None:
        return {"verif_24j": None, "verif_24j_teks": "–", "verif_24j_status": None, "respon_target": None,
                "verif_24j_catatan": "", "median_verif": None, "median_verif_teks": "–", "direspon": None,
                "direspon_teks": "–"}
    pct = _num(row.get("persen_24j"))
    median = _num(row.get("median_jam"))
    answered = _num(row.get("persen_respon"))
    target = _num(row.get("target"))
    return {
        "verif_24j": pct,
        "verif_24j_teks": format_value(pct, "persen", lang),
        "verif_24j_status": None if pct is None else ("capai" if row.get("capai_target") else "belum_capai"),
        "respon_target": target,
        "verif_24j_catatan": t("respon_angka_target", lang, target=format_value(target, "persen", lang)) + ": " + t(
            "respon_angka_capai" if row.get("capai_target") else "respon_angka_belum", lang) if pct is not None else "",
        "median_verif": median,
        "median_verif_teks": age_text(median, lang) or "–",
        "direspon": answered,
        "direspon_teks": format_value(answered, "persen", lang),
    }


def figure_line(name: str, row: dict | None, lang: str = "id") -> str:
    """One sentence of the rapor: an area's figures for the period.

    >>> figure_line("Puskesmas A", {"persen_24j": 75.0, "target": 80.0, "capai_target": False, "median_jam": 30.0,
    ...                             "persen_respon": 50.0, "jumlah": 4})
    'Puskesmas A: 75,0 % diverifikasi ≤ 24 jam (target 80,0 %, belum tercapai); median 30 jam sampai verifikasi; 50,0 % direspon; 4 peringatan'
    """
    if row is None:
        return t("respon_angka_kosong", lang, wilayah=name)
    f = figure_fields(row, lang)
    met = "respon_angka_capai" if f["verif_24j_status"] == "capai" else "respon_angka_belum"
    return t("respon_angka_baris", lang, wilayah=name, persen=f["verif_24j_teks"],
             target=format_value(f["respon_target"], "persen", lang),
             capai=t(met, lang) if f["verif_24j"] is not None else "–", median=f["median_verif_teks"],
             respon=f["direspon_teks"], n=format_count(row.get("jumlah"), lang))


def rapor_units(md, area: str | None) -> list[tuple[str, str]]:
    """``[(level, kode)]`` whose figures the area's panel shows: the puskesmas and kabupaten/kota holding ``area``.

    A desa: its puskesmas (from the wilayah kerja) and its kabupaten/kota; a
    puskesmas: itself and its kabupaten/kota; a kecamatan or kabupaten/kota:
    the kabupaten/kota. Only areas the scope holds whole (a puskesmas user
    does not see its kabupaten's figures: they would count its own desa only).
    """
    if area is None:
        return []
    at = areas.level(md, area)
    units = []
    if at == "desa":
        pkm = areas.puskesmas_of(md).get(area)
        if pkm:
            units.append((areas.PUSKESMAS, pkm))
    elif at == areas.PUSKESMAS:
        units.append((areas.PUSKESMAS, area))
    if at == areas.PUSKESMAS:
        kab = str(md.by_kode.at[area, "induk"]) if area in md.by_kode.index else None
    elif at in ("desa", "kecamatan", "kabkota"):
        kab = ".".join(area.split(".")[:2])
    else:
        kab = None
    if kab:
        units.append(("kabkota", kab))
    return [(lv, k) for lv, k in units if _whole(md, k)]


def _whole(md, kode: str) -> bool:
    """Whether ``md`` holds area ``kode`` with every desa (not through a gateway, not only as a comparison total)."""
    scope = getattr(md, "scope", None)
    if kode not in md.by_kode.index:
        return False
    if scope is None or scope.everything:
        return True
    return kode in (scope.areas or ()) and kode not in scope.gateways


def _num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)

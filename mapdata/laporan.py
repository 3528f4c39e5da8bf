"""Completeness and timeliness of reports as views of the map: the ``lapor_*``/``tepat_*`` pseudo-indicators.

A view is chosen like an indicator (``?indikator=lapor_w2&periode=2026-W40``):
its own klaster in the picker (:data:`KLASTER`), its own periods (weeks for
the W2 and the case data, months for the indicator recap). The areas drawn
are coloured by the figure against SKDR's target (completeness ≥ 90 %,
timeliness ≥ 80 %), and the ranked table, the trend and the rapor show the
same numbers.

* **W2** (``lapor_w2``, ``tepat_w2``) and the **monthly indicator recap**
  (``lapor_bulanan``, ``tepat_bulanan``): the reporting units are the
  puskesmas of the wilayah kerja table, or the kecamatan where there is none
  (:func:`reports.timeliness.reporting_units`). An area's figure is over the
  units serving at least one of its desa: reports expected and received are
  summed, never percentages averaged. A desa shows its unit's report. The
  arrivals are the submission history's (:meth:`MapData.report_arrivals`,
  already cut to the scope by :class:`~mapdata.scoped.ScopedMapData`); the
  arithmetic is :mod:`reports.timeliness`'s, deadlines included.
* **Case data** (``lapor_kasus``): the case import's own table (per desa and
  week, reporting places that sent cases and places expected): an area's
  figure is the places that reported over the places expected, summed over its
  desa, with the desa that reported as the second figure.

Caching is explicit and on the snapshot (``md.memo``): what depends on the
snapshot alone (which unit serves which desa) under the snapshot; what
depends on the arrivals under the submission history's version
(:func:`opsdb.submissions.version`, asked at each call), the deadlines and the
minute (a deadline falls on a whole minute), so a new submission or a deadline
passing is seen by the next request. Nothing is kept per user or in a global.
"""

from __future__ import annotations

import calendar
import html
import math
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from texts import t

from . import areas
from .format import MISSING, format_count, format_number, format_value

KLASTER = 6
"""The klaster number of the report views in the klaster picker (ILP's are 1–5)."""

BAND = 20.0
"""Percentage points below the target that still count as "mendekati target" (near the target)."""

STATUSES = ("tercapai", "mendekati", "jauh", "belum_tempo")
"""Classes of an area: target reached, within :data:`BAND` of it, further below, nothing due yet."""

COLOURS = {"tercapai": "#1a9850", "mendekati": "#fee08b", "jauh": "#d73027", "belum_tempo": "#c6dbef"}
COLOURS_CB = {"tercapai": "#0072B2", "mendekati": "#E69F00", "jauh": "#D55E00", "belum_tempo": "#bbbbbb"}
"""Presentation mode: Okabe–Ito hues (see :data:`mapdata.hideout.PWS_COLOURS_CB`)."""

TREND_PERIODS = 12
"""Weeks or months in the trend chart of a report view."""

RAPOR_WEEKS = 8
"""Weeks summed in the rapor's "last weeks" line (SKDR reads completeness over weeks, not one week)."""

WEEKS_BACK, MONTHS_BACK = 26, 12
"""Periods offered before today even when no report has arrived yet (a week nobody reported is 0 %, not absent)."""

MAX_WEEKS, MAX_MONTHS = 156, 60
"""At most three years of weeks and five of months in the period picker."""

BELUM_SHOWN = 5
"""Units named as "not arrived" in a tooltip (the rapor names them all)."""


@dataclass(frozen=True)
class View:
    """One report view: which report (``w2``, ``indikator``, ``kasus``), which figure, its target."""

    id: str
    jenis: str
    ukuran: str  # "kelengkapan" (arrived / due) or "ketepatan" (on time / due)
    target: float

    @property
    def weekly(self) -> bool:
        return self.jenis in ("w2", "kasus")


VIEWS = {v.id: v for v in (
    View("lapor_w2", "w2", "kelengkapan", 90.0),
    View("tepat_w2", "w2", "ketepatan", 80.0),
    View("lapor_bulanan", "indikator", "kelengkapan", 90.0),
    View("tepat_bulanan", "indikator", "ketepatan", 80.0),
    View("lapor_kasus", "kasus", "kelengkapan", 90.0),
)}
"""The report views by id (the id is the URL's ``indikator``)."""

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_WEEK = re.compile(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$")


def is_view(indikator: str | None) -> bool:
    """Whether ``indikator`` names a report view rather than a catalogue indicator.

    >>> is_view("lapor_w2"), is_view("k1"), is_view(None)
    (True, False, False)
    """
    return indikator in VIEWS


def fits(indikator: str | None, periode) -> bool:
    """Whether ``periode`` is the kind of period ``indikator`` is shown by: an ISO week for the weekly
    views, a month for the monthly view and every catalogue indicator.

    >>> fits("lapor_w2", "2026-W40"), fits("lapor_w2", "2026-09"), fits("k1", "2026-09"), fits("k1", "2026-W40")
    (True, False, True, False)
    """
    if not isinstance(periode, str):
        return False
    weekly = is_view(indikator) and VIEWS[indikator].weekly
    return bool((_WEEK if weekly else _MONTH).match(periode))


def options(has_cases: bool = True) -> tuple[dict, list[dict]]:
    """The report klaster and its views as rows of the page's options (``klaster``, ``indikator`` lists).

    Names come from :mod:`texts` in both languages, as the catalogue's do; the
    case-data view only when the workspace has weekly cases.
    """
    klaster = {"klaster": KLASTER, "nama": t("lapor_klaster", "id"), "nama_en": t("lapor_klaster", "en")}
    rows = [{"id": v.id, "klaster": KLASTER, "nama": t(f"lapor_nama_{v.id}", "id"),
             "nama_en": t(f"lapor_nama_{v.id}", "en"), "satuan": "persen", "arah": "naik"}
            for v in VIEWS.values() if has_cases or v.jenis != "kasus"]
    return klaster, rows


# -- periods ---------------------------------------------------------------------------
def now_in(tenggat, sekarang=None) -> pd.Timestamp:
    """``sekarang`` (default: now) in the deadlines' zone."""
    now = pd.Timestamp.now(tz=tenggat.zone) if sekarang is None else pd.Timestamp(sekarang)
    return now.tz_localize(tenggat.zone) if now.tzinfo is None else now.tz_convert(tenggat.zone)


def view_periods(md, indikator: str, sekarang=None) -> tuple[list[str], str | None]:
    """``(periods oldest first, the default)`` a view offers.

    The case data: the weeks of the case import, the latest by default. The W2
    and the monthly recap: every week (month) from the first one any report or
    data is known for, and at least the last :data:`WEEKS_BACK` weeks
    (:data:`MONTHS_BACK` months), up to now; by default the latest whose
    deadline has passed (SKDR chases the reports due, not those still coming).
    """
    view = VIEWS[indikator]
    if view.jenis == "kasus":
        weeks = case_weeks(md)
        return weeks, (weeks[-1] if weeks else None)
    tenggat = md.report_tenggat()
    now = now_in(tenggat, sekarang)
    # every callback of a request resolves its URL: once per submission version, deadlines and minute
    key = ("laporan_periode", view.jenis, md.report_version(), tenggat, now.strftime("%Y-%m-%dT%H:%M"))
    return md.memo(key, lambda: _view_periods(md, view, tenggat, now))


def _view_periods(md, view: View, tenggat, now: pd.Timestamp) -> tuple[list[str], str | None]:
    from reports.timeliness import latest_due

    arrivals = md.report_arrivals()
    sent = set(arrivals.loc[arrivals["jenis"] == view.jenis, "periode"].astype(str).unique()) if len(arrivals) else set()
    if view.jenis == "w2":
        periods = _weeks(sent | set(case_weeks(md)), now)
    else:
        query = md.indicator_query()
        periods = _months(sent | set(query.periods() if query is not None else []), now)
    return periods, latest_due(view.jenis, periods, tenggat, now) or periods[-1]


def case_weeks(md) -> list[str]:
    """The weeks of the case import's completeness table, oldest first (once per snapshot and scope)."""
    return md.memo(("laporan_minggu_kasus",), lambda: sorted(md.case_completeness()["minggu"].unique()))


def _weeks(known: set, now: pd.Timestamp) -> list[str]:
    from surveillance.weeks import shift_week, week_index, week_of_date, week_range

    known = {w for w in known if _WEEK.match(str(w))}
    today = week_of_date(now.date())
    first = min(known | {shift_week(today, -(WEEKS_BACK - 1))}, key=week_index)
    last = max(known | {today}, key=week_index)
    n = min(week_index(last) - week_index(first) + 1, MAX_WEEKS)
    return week_range(last, n)


def _months(known: set, now: pd.Timestamp) -> list[str]:
    known = {m for m in known if _MONTH.match(str(m))}
    this = f"{now.year:04d}-{now.month:02d}"
    first = min(known | {_shift_month(this, -(MONTHS_BACK - 1))})
    last = max(known | {this})
    out = [last]
    while out[-1] > first and len(out) < MAX_MONTHS:
        out.append(_shift_month(out[-1], -1))
    return out[::-1]


def _shift_month(month: str, n: int) -> str:
    """``month`` moved by ``n`` months.

    >>> _shift_month("2026-01", -1), _shift_month("2026-12", 1)
    ('2025-12', '2027-01')
    """
    i = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def week_in_month(month: str) -> str:
    """The last ISO week whose Thursday lies in ``month`` (the W2 of a month's report).

    >>> week_in_month("2026-09"), week_in_month("2026-12")
    ('2026-W39', '2026-W53')
    """
    from surveillance.weeks import shift_week, week_of_date

    y, m = int(month[:4]), int(month[5:7])
    week = week_of_date(date(y, m, calendar.monthrange(y, m)[1]))
    return week if _week_month(week) == month else shift_week(week, -1)


def _week_month(week: str) -> str:
    from datetime import timedelta

    from surveillance.weeks import week_start

    return (week_start(week) + timedelta(days=3)).strftime("%Y-%m")


def carried_period(indikator: str, periode, periods: list[str]) -> str | None:
    """The period a switch between weekly and monthly views keeps: a week's month, a month's last week.

    ``None`` when ``periode`` says nothing about ``periods`` (the view's default applies).

    >>> carried_period("lapor_w2", "2026-09", ["2026-W38", "2026-W39", "2026-W40"])
    '2026-W39'
    >>> carried_period("k1", "2026-W40", ["2026-09", "2026-10"])
    '2026-10'
    """
    if not isinstance(periode, str):
        return None
    if _MONTH.match(periode) and is_view(indikator) and VIEWS[indikator].weekly:
        inside = [w for w in periods if _week_month(w) == periode]
        return inside[-1] if inside else None
    if _WEEK.match(periode) and not (is_view(indikator) and VIEWS[indikator].weekly):
        month = _week_month(periode)
        return month if month in periods else None
    return None


# -- who reports for which area ----------------------------------------------------------
def unit_of_desa(md) -> pd.DataFrame:
    """``kode_desa, wilayah``: the reporting unit of every desa the view holds (desa without one are left out).

    A puskesmas of the wilayah kerja table, or without that table the desa's kecamatan.
    """
    def compute():
        desa = md.areas.loc[md.areas["level"] == "desa", "kode"].astype(str)
        if md.reports_by_puskesmas:
            served = areas.puskesmas_of(md)
            units = desa.map(served)
        else:
            units = desa.str.rsplit(".", n=1).str[0]
        out = pd.DataFrame({"kode_desa": desa.to_numpy(), "wilayah": units.to_numpy()})
        return out.dropna().reset_index(drop=True)

    return md.memo(("laporan_unit_desa",), compute)


def unit_names(md) -> dict[str, str]:
    """Names of the reporting units: the puskesmas's (or the kecamatan's) as the areas hold them."""
    def compute():
        codes = set(unit_of_desa(md)["wilayah"])
        known = md.by_kode.index.intersection(list(codes))
        return {**{c: c for c in codes}, **md.by_kode.loc[known, "nama"].astype(str).to_dict()}

    return md.memo(("laporan_nama_unit",), compute)


def _child_of(md, kids: pd.DataFrame, desa: pd.Series) -> pd.Series:
    """The area drawn (``kids``) each desa code lies in, ``None`` outside all of them."""
    codes = desa.astype(str)
    drawn = set(kids["kode"])
    levels = set(kids["level"])
    if not drawn:
        return pd.Series([None] * len(codes), index=codes.index, dtype=object)
    if levels == {areas.PUSKESMAS}:
        child = codes.map(areas.puskesmas_of(md))
    elif levels == {"desa"}:
        child = codes
    else:
        from geo.levels import LEVELS

        depth = LEVELS.index(next(iter(levels))) + 1
        child = codes.str.split(".").str[:depth].str.join(".")
    return child.where(child.isin(drawn), None)


def _pairs(md, wilayah: str | None, jalur: str) -> pd.DataFrame:
    """``kode, wilayah``: each area drawn at ``wilayah`` with every unit serving one of its desa (distinct pairs)."""
    def compute():
        kids = areas.children(md, wilayah, jalur)
        units = unit_of_desa(md)
        child = _child_of(md, kids, units["kode_desa"])
        pairs = pd.DataFrame({"kode": child.to_numpy(), "wilayah": units["wilayah"].to_numpy()}).dropna()
        return pairs.drop_duplicates().reset_index(drop=True)

    return md.memo(("laporan_pasangan", wilayah, areas.jalur_at(md, wilayah, jalur)), compute)


def units_in(md, area: str | None) -> list[str]:
    """The reporting units serving at least one desa of ``area`` (every unit at the top)."""
    units = unit_of_desa(md)
    return sorted(set(units.loc[areas.inside(md, area, units["kode_desa"]), "wilayah"]))


# -- the figures ---------------------------------------------------------------------------
def unit_status(md, units: list[str], periods: list[str], jenis: str, sekarang=None) -> pd.DataFrame:
    """:func:`reports.timeliness.report_status` of ``units`` over ``periods``, the arrivals and deadlines of ``md``.

    Worked out once for every unit of the view and kept under the submission
    history's version, the deadlines and the minute (what it depends on: a
    deadline falls on a whole minute), then cut to ``units``: the map's and the
    panels' requests ask the same.
    """
    from reports.timeliness import report_status

    tenggat = md.report_tenggat()
    now = now_in(tenggat, sekarang)
    every = sorted(set(unit_of_desa(md)["wilayah"]))
    key = ("laporan_status", md.report_version(), tenggat, jenis, tuple(periods), now.strftime("%Y-%m-%dT%H:%M"))
    table = md.memo(key, lambda: report_status(md.report_arrivals(), every, periods, jenis, tenggat, sekarang=now))
    if set(units) == set(every):
        return table
    return table[table["wilayah"].isin(set(units))].reset_index(drop=True)


def sums(table: pd.DataFrame) -> dict:
    """Reports due, arrived (of those due), on time and the percentages of a :func:`unit_status` table.

    Early arrivals of a period not yet due are counted apart (``tiba_awal``): they are no percentage yet.

    >>> tbl = pd.DataFrame({"tiba": [True, True, False, True], "tepat_waktu": [True, False, False, True],
    ...                     "jatuh_tempo": [True, True, True, False]})
    >>> s = sums(tbl)
    >>> s["diharapkan"], s["tiba"], s["tepat_waktu"], round(s["kelengkapan"], 1), round(s["ketepatan"], 1), s["tiba_awal"]
    (3, 2, 1, 66.7, 33.3, 1)
    """
    due = table["jatuh_tempo"].to_numpy(dtype=bool)
    arrived = table["tiba"].to_numpy(dtype=bool)
    on_time = table["tepat_waktu"].to_numpy(dtype=bool)
    n_due = int(due.sum())
    out = {"diharapkan": n_due, "tiba": int((arrived & due).sum()), "tepat_waktu": int((on_time & due).sum()),
           "tiba_awal": int((arrived & ~due).sum()), "unit": int(len(table))}
    out["kelengkapan"] = 100.0 * out["tiba"] / n_due if n_due else math.nan
    out["ketepatan"] = 100.0 * out["tepat_waktu"] / n_due if n_due else math.nan
    return out


def classify(value, target: float, due: bool = True) -> str | None:
    """The class of a figure against its target (see :data:`STATUSES`); ``None`` without a figure.

    >>> [classify(v, 90.0) for v in (90.0, 75.0, 69.9, float("nan"))]
    ['tercapai', 'mendekati', 'jauh', None]
    >>> classify(float("nan"), 90.0, due=False)
    'belum_tempo'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None if due else "belum_tempo"
    if value >= target:
        return "tercapai"
    return "mendekati" if value >= target - BAND else "jauh"


FRAME_COLUMNS = ["kode", "nama", "unit", "diharapkan", "tiba", "tepat_waktu", "tiba_awal", "kelengkapan", "ketepatan",
                 "nilai", "pembilang", "penyebut", "target", "status", "belum", "desa_lapor", "desa_total"]


def report_frame(md, state, sekarang=None) -> pd.DataFrame:
    """One row per area drawn at ``state.wilayah`` with the view's figures (:data:`FRAME_COLUMNS`).

    ``nilai`` is the view's figure in percent (``kelengkapan`` or
    ``ketepatan``), ``pembilang``/``penyebut`` its counts (reports arrived or on
    time / reports due; places that reported / places expected for case
    data), ``status`` its class (:func:`classify`), ``belum`` the units whose
    report has not arrived. ``attrs["periode"]``, ``attrs["jatuh_tempo"]``.
    Shared between requests: do not modify.
    """
    view = VIEWS[state.indikator]
    if view.jenis == "kasus":
        key = ("laporan_kasus", state.wilayah, state.jalur, state.periode)
    else:  # the map's request and the panels' ask the same: once per submission version, deadlines and minute
        tenggat = md.report_tenggat()
        key = ("laporan_frame", view.id, state.wilayah, state.jalur, state.periode, md.report_version(), tenggat,
               now_in(tenggat, sekarang).strftime("%Y-%m-%dT%H:%M"))
    return md.memo(key, lambda: _report_frame(md, state, view, sekarang))


def _report_frame(md, state, view: View, sekarang) -> pd.DataFrame:
    kids = areas.children(md, state.wilayah, state.jalur)
    if view.jenis == "kasus":
        out = _case_frame(md, kids, state.periode)
    else:
        out = _unit_frame(md, state, kids, view, sekarang)
    out["target"] = view.target
    due = out.attrs.get("jatuh_tempo", True)
    out["status"] = [classify(v, view.target, due=due or not n) if n else None
                     for v, n in zip(out["nilai"], out["unit"])]
    out.attrs["periode"] = state.periode
    return out[FRAME_COLUMNS]


def _unit_frame(md, state, kids: pd.DataFrame, view: View, sekarang) -> pd.DataFrame:
    pairs = _pairs(md, state.wilayah, state.jalur)
    units = sorted(set(pairs["wilayah"]))
    table = unit_status(md, units, [state.periode], view.jenis, sekarang) if state.periode else None
    out = kids[["kode", "nama"]].copy()
    if table is None or not len(pairs):
        for col in ("unit", "diharapkan", "tiba", "tepat_waktu", "tiba_awal"):
            out[col] = 0
        out["kelengkapan"] = out["ketepatan"] = np.nan
        out["belum"] = [[] for _ in range(len(out))]
    else:
        # each area with each unit serving it: reports due, arrived and on time summed per area
        per = pairs.merge(table[["wilayah", "tiba", "tepat_waktu", "jatuh_tempo"]], on="wilayah", how="left")
        due = per["jatuh_tempo"].fillna(False).astype(bool)
        arrived, on_time = per["tiba"].fillna(False).astype(bool), per["tepat_waktu"].fillna(False).astype(bool)
        per = per.assign(unit=1, diharapkan=due.astype(int), tiba=(arrived & due).astype(int),
                         tepat_waktu=(on_time & due).astype(int), tiba_awal=(arrived & ~due).astype(int))
        g = per.groupby("kode")[["unit", "diharapkan", "tiba", "tepat_waktu", "tiba_awal"]].sum()
        names = unit_names(md)
        missing = per.loc[~arrived].groupby("kode")["wilayah"].agg(lambda w: [names.get(u, u) for u in sorted(w)])
        out = out.merge(g, left_on="kode", right_index=True, how="left")
        out[g.columns] = out[g.columns].fillna(0).astype(int)
        denominator = out["diharapkan"].where(out["diharapkan"] > 0)
        out["kelengkapan"] = 100.0 * out["tiba"] / denominator
        out["ketepatan"] = 100.0 * out["tepat_waktu"] / denominator
        out["belum"] = [missing.get(k, []) for k in out["kode"]]
    out["nilai"] = out[view.ukuran].astype(float)
    out["pembilang"] = out["tiba" if view.ukuran == "kelengkapan" else "tepat_waktu"]
    out["penyebut"] = out["diharapkan"]
    out["desa_lapor"] = out["desa_total"] = np.nan
    out.attrs["jatuh_tempo"] = bool(table["jatuh_tempo"].all()) if table is not None and len(table) else True
    if table is not None and len(table):
        out.attrs["batas"] = table["batas"].iloc[0]
    return out


def _case_frame(md, kids: pd.DataFrame, week: str | None) -> pd.DataFrame:
    rows = md.case_completeness()
    rows = rows.loc[rows["minggu"] == week] if week else rows.iloc[:0]
    child = _child_of(md, kids, rows["kode_desa"])
    rows = rows.assign(kode=child.to_numpy()).dropna(subset=["kode"])
    g = rows.groupby("kode").agg(tempat_lapor=("tempat_lapor", "sum"), tempat_diharapkan=("tempat_diharapkan", "sum"),
                                 desa_lapor=("lapor", "sum"), desa_total=("lapor", "size"))
    out = kids[["kode", "nama"]].merge(g, left_on="kode", right_index=True, how="left")
    expected = out["tempat_diharapkan"].where(out["tempat_diharapkan"] > 0)
    out["kelengkapan"] = 100.0 * out["tempat_lapor"] / expected
    out["ketepatan"] = np.nan
    out["nilai"] = out["kelengkapan"]
    out["pembilang"], out["penyebut"] = out["tempat_lapor"], out["tempat_diharapkan"]
    out["unit"] = out["desa_total"].fillna(0).astype(int)
    out["diharapkan"], out["tiba"] = out["tempat_diharapkan"], out["tempat_lapor"]
    out["tepat_waktu"] = out["tiba_awal"] = np.nan
    out["belum"] = [[] for _ in range(len(out))]
    out.attrs["jatuh_tempo"] = True
    return out.reset_index(drop=True)


# -- what the map, the table and the legend show ---------------------------------------------
def legend_title(indikator: str, lang: str) -> str:
    """``"Kelengkapan laporan W2 (%) · target ≥ 90 %"``: the figure, its unit, SKDR's target."""
    view = VIEWS[indikator]
    return t("lapor_legenda_judul", lang, nama=t(f"lapor_nama_{view.id}", lang), target=_pct0(view.target, lang))


def _pct0(x: float, lang: str) -> str:
    return f"{format_number(x, lang, 0)} %"


def legend_entries(indikator: str, statuses, lang: str, colour_blind: bool = False) -> list[dict]:
    """The three classes against the target (always, so the target is read off the legend), "nothing due
    yet" when an area is so, then "tidak ada data" (added by the caller, as for every legend)."""
    view = VIEWS[indikator]
    colours = COLOURS_CB if colour_blind else COLOURS
    low = view.target - BAND
    labels = {
        "tercapai": t("lapor_kelas_tercapai", lang, target=_pct0(view.target, lang)),
        "mendekati": t("lapor_kelas_mendekati", lang, bawah=_pct0(low, lang), target=_pct0(view.target, lang)),
        "jauh": t("lapor_kelas_jauh", lang, bawah=_pct0(low, lang)),
        "belum_tempo": t("lapor_kelas_belum_tempo", lang),
    }
    present = set(statuses)
    return [{"warna": colours[s], "label": labels[s], "status": s} for s in STATUSES
            if s != "belum_tempo" or s in present]


def report_hideout(frame: pd.DataFrame, indikator: str, *, lang: str, colour_blind: bool, nodata: str,
                   garis: str, waspada: list[str], pilih: str | None, nyata: list[str] | None = None) -> dict:
    """The map's hideout for a report view: the same keys as :func:`mapdata.hideout.build_hideout`."""
    colours = COLOURS_CB if colour_blind else COLOURS
    warna = {k: colours[s] for k, s in zip(frame["kode"], frame["status"]) if isinstance(s, str)}
    legend = [{"warna": e["warna"], "label": e["label"]} for e in
              legend_entries(indikator, [s for s in frame["status"] if isinstance(s, str)], lang, colour_blind)]
    legend.append({"warna": nodata, "label": t("tidak_ada_data", lang)})
    return {"warna": warna, "tip": tips(frame, indikator, lang), "nodata": nodata, "garis": garis,
            "waspada": sorted(waspada or []), "waspada_nyata": sorted(nyata or []), "pilih": pilih, "legend": legend}


def tips(frame: pd.DataFrame, indikator: str, lang: str) -> dict[str, str]:
    """Hover text under an area's name (HTML: names escaped)."""
    view = VIEWS[indikator]
    due = frame.attrs.get("jatuh_tempo", True)
    out = {}
    for r in frame.to_dict("records"):
        if not r["unit"]:
            out[r["kode"]] = html.escape(t("lapor_tanpa_unit" if view.jenis != "kasus" else "lapor_tanpa_kasus", lang))
            continue
        lines = [html.escape(line) for line in figure_lines(r, view, lang, due)]
        if r["belum"] and view.jenis != "kasus" and due:
            names = ", ".join(r["belum"][:BELUM_SHOWN]) + (" …" if len(r["belum"]) > BELUM_SHOWN else "")
            lines.append(html.escape(t("lapor_belum_tiba", lang, daftar=names)))
        out[r["kode"]] = "<br>".join(lines)
    return out


def figure_lines(r: dict, view: View, lang: str, due: bool = True) -> list[str]:
    """The figures of one area in words: completeness, timeliness (or desa reporting), the target."""
    if view.jenis == "kasus":
        return [t("lapor_kasus_tempat", lang, nilai=format_value(r["kelengkapan"], "persen", lang),
                  lapor=format_count(r["pembilang"], lang), total=format_count(r["penyebut"], lang)),
                t("lapor_kasus_desa", lang, lapor=format_count(r["desa_lapor"], lang),
                  total=format_count(r["desa_total"], lang)),
                t("lapor_target_kasus", lang, target=_pct0(view.target, lang))]
    if not due:
        return [t("lapor_belum_tempo_tip", lang, awal=format_count(r["tiba_awal"], lang),
                  total=format_count(r["unit"], lang))]
    return [t("lapor_lengkap", lang, nilai=format_value(r["kelengkapan"], "persen", lang),
              tiba=format_count(r["tiba"], lang), total=format_count(r["diharapkan"], lang)),
            t("lapor_tepat", lang, nilai=format_value(r["ketepatan"], "persen", lang),
              tepat=format_count(r["tepat_waktu"], lang), total=format_count(r["diharapkan"], lang)),
            t("lapor_target", lang)]


def ranked_rows(frame: pd.DataFrame, indikator: str, lang: str) -> list[dict]:
    """The ranked table's rows for a report view: the keys of :func:`mapdata.tables.ranked_rows`, plus
    ``kedua_teks`` (the other figure: timeliness, completeness, or the desa that reported)."""
    view = VIEWS[indikator]
    due = frame.attrs.get("jatuh_tempo", True)
    f = frame.sort_values("nilai", ascending=False, na_position="last", kind="stable")
    rows = []
    for rank, r in enumerate(f.to_dict("records"), start=1):
        has = not pd.isna(r["nilai"])
        status = r["status"] if isinstance(r["status"], str) else None
        rows.append({
            "kode": r["kode"], "peringkat": rank if has else None, "nama": r["nama"],
            "nilai": float(r["nilai"]) if has else None,
            "nilai_teks": format_value(r["nilai"], "persen", lang),
            "pembilang": _num(r["pembilang"]), "penyebut": _num(r["penyebut"]),
            "rasio_teks": (f"{format_count(r['pembilang'], lang)} / {format_count(r['penyebut'], lang)}"
                           if r["unit"] and (due or view.jenis == "kasus") else MISSING),
            "target": view.target, "target_teks": _pct0(view.target, lang),
            "status": status,
            "status_teks": t(f"lapor_status_{status}", lang) if status else t("tidak_ada_data", lang),
            "tren": None, "tren_teks": MISSING,
            "kedua_teks": _second(r, view, lang, due),
        })
    return rows


def _second(r: dict, view: View, lang: str, due: bool) -> str:
    if not r["unit"]:
        return MISSING
    if view.jenis == "kasus":
        return f"{format_count(r['desa_lapor'], lang)} / {format_count(r['desa_total'], lang)}"
    if not due:
        return t("lapor_awal", lang, n=format_count(r["tiba_awal"], lang))
    other = "ketepatan" if view.ukuran == "kelengkapan" else "kelengkapan"
    count = r["tepat_waktu"] if other == "ketepatan" else r["tiba"]
    return f"{format_value(r[other], 'persen', lang)} ({format_count(count, lang)} / {format_count(r['diharapkan'], lang)})"


def table_labels(indikator: str, lang: str) -> dict[str, str]:
    """Column headers of the ranked table for a report view (by :data:`layouts.panels.TABLE_COLUMNS` key)."""
    view = VIEWS[indikator]
    key = view.jenis if view.jenis == "kasus" else view.ukuran
    second = "kasus" if view.jenis == "kasus" else ("ketepatan" if view.ukuran == "kelengkapan" else "kelengkapan")
    return {"nilai": t(f"lapor_kol_nilai_{key}", lang), "rasio": t(f"lapor_kol_rasio_{key}", lang),
            "status": t("lapor_kol_status", lang, target=_pct0(view.target, lang)),
            "kedua": t(f"lapor_kol_kedua_{second}", lang)}


def export_columns(indikator: str) -> list[tuple[str, str]]:
    """``(row key, text key)`` of a report view's downloaded table (:func:`mapdata.tables.export_frame`)."""
    view = VIEWS[indikator]
    key = view.jenis if view.jenis == "kasus" else view.ukuran
    return [("peringkat", "col_peringkat"), ("kode", None), ("nama", "col_nama"), ("nilai", f"lapor_kol_nilai_{key}"),
            ("pembilang", f"lapor_ekspor_pembilang_{key}"), ("penyebut", f"lapor_ekspor_penyebut_{view.jenis}"),
            ("target", "lapor_ekspor_target"), ("status_teks", "col_status")]


def _num(x):
    return None if x is None or pd.isna(x) else float(x)


# -- the trend and the rapor of one area -------------------------------------------------------
def report_series(md, state, area: str | None, sekarang=None) -> pd.DataFrame:
    """``periode, nilai, target_bulan`` of ``area`` over the last :data:`TREND_PERIODS` periods up to
    ``state.periode`` (a period not due yet, or without units, is a gap)."""
    view = VIEWS[state.indikator]
    periods, _ = view_periods(md, view.id, sekarang)
    if state.periode in periods:
        periods = periods[: periods.index(state.periode) + 1]
    periods = periods[-TREND_PERIODS:]
    if view.jenis == "kasus":
        rows = md.case_completeness()
        rows = rows.loc[rows["minggu"].isin(periods) & areas.inside(md, area, rows["kode_desa"])]
        g = rows.groupby("minggu")[["tempat_lapor", "tempat_diharapkan"]].sum().reindex(periods)
        values = 100.0 * g["tempat_lapor"] / g["tempat_diharapkan"].where(g["tempat_diharapkan"] > 0)
    else:
        units = units_in(md, area)
        table = unit_status(md, units, periods, view.jenis, sekarang) if units and periods else None
        values = pd.Series(
            [sums(table.loc[table["periode"] == p])[view.ukuran] if table is not None else math.nan for p in periods],
            index=periods, dtype=float)
    return pd.DataFrame({"periode": periods, "nilai": values.to_numpy(dtype=float), "target_bulan": view.target})


def report_card(md, state, area: str | None, sekarang=None) -> dict:
    """The rapor of ``area`` for a report view: every report's figures in words, as plain values.

    ``{"nama", "baris": [{"judul", "kalimat": [str], "status"}], "belum": [unit names]}``: the W2
    of the view's week and of the last :data:`RAPOR_WEEKS` weeks, the monthly recap of its month,
    the case data of its week (with case data), and the units whose W2 of that week has not arrived.
    """
    lang = state.bahasa
    view = VIEWS[state.indikator]
    week, month = _card_periods(state.periode, view)
    units = units_in(md, area)
    names = unit_names(md)
    lines, missing = [], []
    if units and week:
        from surveillance.weeks import week_range

        last = unit_status(md, units, week_range(week, RAPOR_WEEKS), "w2", sekarang)
        one = last.loc[last["periode"] == week]
        s = sums(one)
        lines.append(_card_line(t("lapor_rapor_w2", lang, minggu=week), s, VIEWS["lapor_w2"], lang))
        s8 = sums(last)
        lines.append(_card_line(t("lapor_rapor_w2_n", lang, n=RAPOR_WEEKS, minggu=week), s8, VIEWS["lapor_w2"], lang))
        if s["diharapkan"]:
            missing = [names.get(u, u) for u, arrived in zip(one["wilayah"], one["tiba"]) if not arrived]
    if units and month:
        s = sums(unit_status(md, units, [month], "indikator", sekarang))
        lines.append(_card_line(t("lapor_rapor_bulanan", lang, bulan=month), s, VIEWS["lapor_bulanan"], lang))
    if week and len(md.case_completeness()):
        rows = md.case_completeness()
        rows = rows.loc[(rows["minggu"] == week) & areas.inside(md, area, rows["kode_desa"])]
        r = {"kelengkapan": (100.0 * rows["tempat_lapor"].sum() / rows["tempat_diharapkan"].sum()
                             if rows["tempat_diharapkan"].sum() else math.nan),
             "pembilang": int(rows["tempat_lapor"].sum()), "penyebut": int(rows["tempat_diharapkan"].sum()),
             "desa_lapor": int(rows["lapor"].sum()), "desa_total": int(len(rows))}
        status = classify(r["kelengkapan"], VIEWS["lapor_kasus"].target) if len(rows) else None
        lines.append({"judul": t("lapor_rapor_kasus", lang, minggu=week),
                      "kalimat": figure_lines(r, VIEWS["lapor_kasus"], lang) if len(rows) else [t("lapor_tanpa_kasus", lang)],
                      "status": status})
    if not units:
        lines.insert(0, {"judul": t("lapor_klaster", lang), "kalimat": [t("lapor_tanpa_unit", lang)], "status": None})
    return {"nama": areas.name_of(md, area) or t("indonesia", lang), "baris": lines, "belum": missing,
            "minggu": week}


def _card_periods(periode: str | None, view: View) -> tuple[str | None, str | None]:
    """The week and month a rapor shows for the view's period."""
    if not periode:
        return None, None
    if view.weekly:
        return periode, _week_month(periode)
    return week_in_month(periode), periode


def _card_line(judul: str, s: dict, view: View, lang: str) -> dict:
    due = s["diharapkan"] > 0
    r = {**s, "belum": []}
    return {"judul": judul, "kalimat": figure_lines(r, view, lang, due=due),
            "status": classify(s["kelengkapan"], view.target, due=due)}


def version(md, sekarang=None) -> list:
    """What a report view's panels depend on beyond the URL: the submission history's version and the minute
    (a deadline passing turns "not yet due" into a figure). Part of :func:`mapdata.view.panel_keys`."""
    return [md.report_version(), now_in(md.report_tenggat(), sekarang).strftime("%Y-%m-%dT%H:%M")]

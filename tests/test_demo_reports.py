"""The demo's generated report submissions, as the map's report views and the weekly brief show them.

The expected figures are counted here from the generator's rows
(:func:`demo.reports.generated_arrivals`, called with the demo's seed and
periods) against deadlines worked out by hand (the Tuesday after the ISO week,
12:00 WIB = 05:00 UTC; the 5th of the next month, 23:59 WIB = 16:59 UTC), not
through :mod:`reports.timeliness` or :mod:`mapdata.laporan`.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from commands import main
from demo.build import CASE_WEEKS
from demo.indicators import month_range
from demo.reports import NOTE, POOR, USERNAME, generated_arrivals, record_demo_reports
from demo.responses import demo_now
from mapdata import laporan
from mapdata.brief import build_brief, sections
from mapdata.store import MapDataCache
from mapdata.view import current_state
from opsdb import OpsDb, submissions
from surveillance.weeks import week_range

END_WEEK, END_MONTH = "2026-W47", "2026-10"  # the demo_workspace fixture's
KABUPATEN = "29.01"
WEEKS = week_range(END_WEEK, 12)[:-1]  # due weeks before the last, whose late reports have not come yet


def w2_deadline(week: str) -> datetime:
    """The Tuesday after the ISO week, 12:00 WIB."""
    monday = date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    return datetime.combine(monday + timedelta(days=8), datetime.min.time(), timezone.utc) + timedelta(hours=5)


def month_deadline(month: str) -> datetime:
    """The 5th of the next month, 23:59 WIB."""
    y, m = int(month[:4]), int(month[5:])
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return datetime(y, m, 5, 16, 59, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def db(demo_workspace):
    db = OpsDb.for_workspace(demo_workspace.root)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def md(demo_workspace, db):
    return MapDataCache(ops=lambda: db).get(demo_workspace.root)


@pytest.fixture(scope="module")
def wilayah_kerja(demo_workspace):
    return demo_workspace.pinned().read_table("wilayah_kerja.parquet", columns=["kode_puskesmas", "kode_desa"])


@pytest.fixture(scope="module")
def generated(wilayah_kerja) -> pd.DataFrame:
    """The generator's rows for the demo fixture (seed 0), with ``tepat`` worked out by hand."""
    units = sorted(set(wilayah_kerja["kode_puskesmas"]))
    rows = generated_arrivals(units, week_range(END_WEEK, CASE_WEEKS), month_range(END_MONTH), demo_now(END_WEEK), 0)
    deadline = [w2_deadline(p) if j == "w2" else month_deadline(p) for j, p in zip(rows["jenis"], rows["periode"])]
    return rows.assign(tepat=[d <= b for d, b in zip(rows["diterima"], deadline)])


def units_of(wilayah_kerja, kabupaten: str) -> set[str]:
    return set(wilayah_kerja.loc[wilayah_kerja["kode_desa"].str.startswith(kabupaten + "."), "kode_puskesmas"])


def poorest(generated) -> str:
    """The puskesmas that sent the fewest W2 (one of the generator's systematically poor ones)."""
    return generated[generated["jenis"] == "w2"].groupby("wilayah").size().idxmin()


def row(md, search: str, kode: str) -> pd.Series:
    return laporan.report_frame(md, current_state(md, search)).set_index("kode").loc[kode]


def test_every_generated_report_is_recorded_once_as_sent_by_contoh(db, generated, wilayah_kerja):
    history = submissions.history(db)
    assert len(history) == len(generated) > 5000
    assert {(s.username, s.channel, s.status, s.message) for s in history} == {(USERNAME, "web", "ok", NOTE)}
    assert "dibuat otomatis" in NOTE and "sintetis" in NOTE
    recorded = submissions.arrivals(db)
    assert sorted(zip(recorded["wilayah"], recorded["jenis"], recorded["periode"], recorded["diterima"])) == sorted(
        zip(generated["wilayah"], generated["jenis"], generated["periode"], generated["diterima"]))
    assert recorded["diterima"].max() <= demo_now(END_WEEK)
    assert set(recorded["wilayah"]) == set(wilayah_kerja["kode_puskesmas"])


@pytest.mark.parametrize("view", ["lapor_w2", "tepat_w2"])
def test_a_kabupatens_w2_figure_is_the_generated_count(md, generated, wilayah_kerja, view):
    units = units_of(wilayah_kerja, KABUPATEN)
    for week in WEEKS[-4:]:
        mine = generated[(generated["jenis"] == "w2") & (generated["periode"] == week) & generated["wilayah"].isin(units)]
        counted = mine["wilayah"].nunique() if view == "lapor_w2" else mine.loc[mine["tepat"], "wilayah"].nunique()
        got = row(md, f"?wilayah=29&indikator={view}&periode={week}", KABUPATEN)
        assert (got["diharapkan"], got["pembilang"]) == (len(units), counted)
        assert got["nilai"] == pytest.approx(100.0 * counted / len(units))


def test_a_poor_puskesmas_weeks_are_the_generated_ones(md, generated, wilayah_kerja):
    unit = poorest(generated)
    kabupaten = next(k for k in ("29.01", "29.02", "29.03") if unit in units_of(wilayah_kerja, k))
    sent = generated[(generated["jenis"] == "w2") & (generated["wilayah"] == unit)].set_index("periode")
    arrived = [row(md, f"?wilayah={kabupaten}&jalur=puskesmas&indikator=lapor_w2&periode={w}", unit)["tiba"] for w in WEEKS]
    on_time = [row(md, f"?wilayah={kabupaten}&jalur=puskesmas&indikator=tepat_w2&periode={w}", unit)["tepat_waktu"]
               for w in WEEKS]
    assert arrived == [int(w in sent.index) for w in WEEKS]
    assert on_time == [int(w in sent.index and bool(sent.at[w, "tepat"])) for w in WEEKS]
    # over the three years it is well below SKDR's targets, and most puskesmas are not
    share = generated[generated["jenis"] == "w2"].groupby("wilayah").size() / CASE_WEEKS
    assert share[unit] < 0.75 and share.median() > 0.9
    assert (share < 0.75).sum() == POOR


def test_the_report_views_are_not_all_zero(md):
    statuses, values = set(), []
    for view in ("lapor_w2", "tepat_w2"):
        for week in WEEKS:
            frame = laporan.report_frame(md, current_state(md, f"?wilayah=29&indikator={view}&periode={week}"))
            statuses |= set(frame["status"])
            values += list(frame["nilai"])
    assert min(values) > 0 and max(values) == 100.0 and len(set(values)) > 5
    assert {"tercapai", "mendekati"} <= statuses
    monthly = laporan.report_frame(md, current_state(md, f"?wilayah=29&indikator=lapor_bulanan&periode={END_MONTH}"))
    assert (monthly["nilai"] > 50).all() and monthly["diharapkan"].sum() == 32


def _brief_equals_view(brief: dict, frame_row: pd.Series, timeliness_row: pd.Series) -> None:
    w2 = brief["laporan_w2"]
    assert (w2["diharapkan"], w2["tiba"], w2["tepat_waktu"]) == (
        frame_row["diharapkan"], frame_row["tiba"], timeliness_row["tepat_waktu"])
    assert w2["kelengkapan"] == pytest.approx(frame_row["nilai"], abs=0.01)
    assert w2["ketepatan"] == pytest.approx(timeliness_row["nilai"], abs=0.01) == brief["timeliness"]


@pytest.mark.parametrize("which", ["kabupaten", "puskesmas"])
def test_the_briefs_report_figures_are_the_views(md, generated, wilayah_kerja, demo_workspace, which):
    unit = poorest(generated)
    kabupaten = KABUPATEN if which == "kabupaten" else next(
        k for k in ("29.01", "29.02", "29.03") if unit in units_of(wilayah_kerja, k))
    wilayah = KABUPATEN if which == "kabupaten" else unit
    where = "?wilayah=29" if which == "kabupaten" else f"?wilayah={kabupaten}&jalur=puskesmas"
    week = WEEKS[-2]
    brief = build_brief(md, wilayah, week, arrivals=md.report_arrivals())
    _brief_equals_view(brief, row(md, f"{where}&indikator=lapor_w2&periode={week}", wilayah),
                       row(md, f"{where}&indikator=tepat_w2&periode={week}", wilayah))
    month = brief["laporan_bulanan"]
    lengkap = row(md, f"{where}&indikator=lapor_bulanan&periode={brief['periode']}", wilayah)
    tepat = row(md, f"{where}&indikator=tepat_bulanan&periode={brief['periode']}", wilayah)
    assert (month["periode"], month["tiba"], month["tepat_waktu"], month["diharapkan"]) == (
        END_MONTH, lengkap["tiba"], tepat["tepat_waktu"], lengkap["diharapkan"])
    w2 = brief["laporan_w2"]
    text = "\n".join(line for s in sections(brief) for line in s["kalimat"])
    assert f"{w2['tiba']} dari {w2['diharapkan']} puskesmas mengirim W2 minggu {week} (" in text
    assert f"; {w2['tepat_waktu']} tepat waktu (" in text and "target ≥ 90 %" in text and "target ≥ 80 %" in text

    # the command line's JSON shows the same figures of the latest week
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["brief", "--wilayah", wilayah, "--json", "--workspace", str(demo_workspace.root)]) == 0
    got = json.loads(out.getvalue())
    assert got["minggu"] == END_WEEK
    _brief_equals_view(got, row(md, f"{where}&indikator=lapor_w2&periode={END_WEEK}", wilayah),
                       row(md, f"{where}&indikator=tepat_w2&periode={END_WEEK}", wilayah))


def test_a_puskesmas_user_gets_its_own_report_figures(md, generated, wilayah_kerja, demo_workspace, db):
    from access.actor import Actor

    unit = poorest(generated)
    mine = MapDataCache(ops=lambda: db).get(demo_workspace.root).for_actor(Actor("pkm", "puskesmas", unit))
    assert set(mine.report_arrivals()["wilayah"]) == {unit}
    own = build_brief(mine, unit, WEEKS[-1], arrivals=mine.report_arrivals())
    assert own["laporan_w2"] == build_brief(md, unit, WEEKS[-1], arrivals=md.report_arrivals())["laporan_w2"]


def test_the_pdf_tells_the_report_figures_with_their_targets(md):
    from pypdf import PdfReader

    from mapdata.brief_pdf import brief_pdf

    brief = build_brief(md, KABUPATEN, WEEKS[-1], arrivals=md.report_arrivals())
    raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(brief_pdf(md, brief, "id"))).pages)
    assert not re.search(r"\d\n%|≥\n", raw)  # a line never breaks inside "75,0 %" or "≥ 90 %"
    text = " ".join(raw.split())
    w2 = brief["laporan_w2"]
    assert f"{w2['tiba']} dari {w2['diharapkan']} puskesmas mengirim W2 minggu {WEEKS[-1]}" in text
    assert "target ≥ 90 %" in text and "tepat waktu" in text


# -- the generator alone --------------------------------------------------------------------
UNITS = [f"P{i:02d}" for i in range(30)]
GEN_WEEKS = week_range("2026-W40", 104)
GEN_MONTHS = month_range("2026-09", 24)
NOW = datetime(2026, 10, 7, tzinfo=timezone.utc)


def test_the_generator_is_deterministic_by_seed():
    a = generated_arrivals(UNITS, GEN_WEEKS, GEN_MONTHS, NOW, seed=3)
    assert a.equals(generated_arrivals(UNITS, GEN_WEEKS, GEN_MONTHS, NOW, seed=3))
    assert not a.equals(generated_arrivals(UNITS, GEN_WEEKS, GEN_MONTHS, NOW, seed=4))


def test_arrivals_are_plausible_office_hours_mostly_on_time_and_never_after_now():
    a = generated_arrivals(UNITS, GEN_WEEKS, GEN_MONTHS, NOW, seed=3)
    assert a["diterima"].max() <= NOW
    local = a["diterima"].dt.tz_convert("Asia/Jakarta")
    minutes = local.dt.hour * 60 + local.dt.minute
    assert ((minutes >= 7 * 60 + 30) & (minutes <= 16 * 60 + 30)).all()
    w2 = a[a["jenis"] == "w2"]
    deadline = w2["periode"].map({w: w2_deadline(w) for w in GEN_WEEKS})
    on_time = (w2["diterima"] <= deadline).to_numpy()
    # the last week's: only what arrived before now
    assert 0.85 < len(w2) / (len(UNITS) * len(GEN_WEEKS)) < 0.97
    assert 0.7 < on_time.mean() < 0.92 and (~on_time).sum() > 50
    assert (w2["diterima"] >= deadline - pd.Timedelta(days=3)).all()  # nobody sends a week's W2 before it ends
    late_days = (w2["diterima"] - deadline)[~on_time].dt.total_seconds() / 86400
    assert late_days.max() < 32 and np.median(late_days) < 7
    monthly = a[a["jenis"] == "indikator"]
    deadline = monthly["periode"].map({m: month_deadline(m) for m in GEN_MONTHS})
    first = monthly["periode"].map({m: datetime(int(m[:4]) + int(m[5:]) // 12, int(m[5:]) % 12 + 1, 1,
                                                tzinfo=timezone.utc) for m in GEN_MONTHS})
    assert (monthly["diterima"] >= first).all() and 0.7 < (monthly["diterima"] <= deadline).mean() < 0.95
    # each puskesmas its own habit: a few systematically poor, the rest near or above the targets
    share = w2.groupby("wilayah").size() / len(GEN_WEEKS)
    assert (share < 0.75).sum() == POOR and (share > 0.85).sum() >= len(UNITS) - POOR - 1


def test_record_keeps_what_is_there_and_adds_the_new_weeks(ops_db):
    wk = pd.DataFrame({"kode_puskesmas": ["P01", "P01", "P02"], "kode_desa": ["1.1.1.1", "1.1.1.2", "1.1.2.1"]})
    weeks = week_range("2026-W40", 20)
    n = record_demo_reports(ops_db, wk, weeks[:-4], GEN_MONTHS, NOW, seed=1)
    assert n == len(submissions.history(ops_db)) > 30
    assert record_demo_reports(ops_db, wk, weeks[:-4], GEN_MONTHS, NOW, seed=1) == 0  # a rebuild adds nothing
    later = datetime(2026, 11, 20, tzinfo=timezone.utc)
    added = record_demo_reports(ops_db, wk, weeks, GEN_MONTHS, later, seed=1)  # a later end week, a later "now"
    recorded = submissions.arrivals(ops_db)
    assert added == len(recorded) - n and set(weeks[-4:]) <= set(recorded["periode"])
    assert not recorded.duplicated(["wilayah", "jenis", "periode"]).any()
    [one] = [s for s in submissions.history(ops_db) if s.wilayah == "P01"][:1]
    assert (one.rows_read, one.units, one.username) == (2, ["P01"], USERNAME)
    assert submissions.arrivals(ops_db, username="someone else").empty

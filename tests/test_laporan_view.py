"""Reporting completeness and timeliness as views of the map (``mapdata.laporan``), on hand-made arrivals.

The workspace (``unggah_support``): kabupaten 19.06 with Puskesmas Kelubi (desa
19.06.01.2001 and .2002) and Puskesmas Lain (19.06.01.2003 in kecamatan Manggar,
19.06.02.2001 in kecamatan Gantung); kabupaten 19.05 and 32.16 have desa but no
puskesmas. So kecamatan Manggar is served by both puskesmas, Gantung by Lain
alone, and the kabupaten's figure must be the sum over its two puskesmas (not
the mean of its kecamatan's percentages).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import pytest

from access.actor import Actor
from mapdata import laporan
from mapdata.store import MapDataCache
from mapdata.view import current_state, map_payload, panel_keys, table_rows
from opsdb import OpsDb, submissions
from unggah_support import KELUBI_PKM, LAIN_PKM, two_puskesmas_workspace

# times are written in UTC: 05:00Z is 12:00 WIB
W40_DUE = datetime(2026, 10, 6, 5, 0, tzinfo=timezone.utc)  # Tuesday after 2026-W40, 12:00 WIB
AFTER = pd.Timestamp("2026-10-20 09:00", tz="Asia/Jakarta")
BEFORE = pd.Timestamp("2026-10-06 11:00", tz="Asia/Jakarta")  # W40 not due yet


@pytest.fixture()
def ws(tmp_path):
    return two_puskesmas_workspace(tmp_path / "ws")


@pytest.fixture()
def db(ws):
    return OpsDb.for_workspace(ws.root)


def _arrive(db, unit: str, periods: list[str], at: datetime, kind: str = "cases") -> None:
    submissions.record(db, channel="web", kind=kind, status="ok", units=[unit], periods=periods, diterima=at)


def _md(ws, db, actor=Actor("admin", "admin")):
    return MapDataCache(ops=lambda: db).get(ws.root).for_actor(actor)


def _frame(md, search: str, sekarang=AFTER) -> pd.DataFrame:
    state = current_state(md, search, sekarang=sekarang)
    return laporan.report_frame(md, state, sekarang=sekarang).set_index("kode")


def test_an_area_sums_the_reports_of_the_units_serving_it(ws, db):
    _arrive(db, KELUBI_PKM, ["2026-W40"], datetime(2026, 10, 6, 4, 0, tzinfo=timezone.utc))  # 11:00 WIB: on time
    _arrive(db, LAIN_PKM, ["2026-W41"], datetime(2026, 10, 13, 4, 0, tzinfo=timezone.utc))  # another week only
    md = _md(ws, db)
    kec = _frame(md, "?wilayah=19.06&indikator=lapor_w2&periode=2026-W40")
    # Manggar: Kelubi arrived, Lain not (1 of 2); Gantung: Lain not (0 of 1)
    assert kec.loc["19.06.01", ["unit", "diharapkan", "tiba", "tepat_waktu"]].tolist() == [2, 2, 1, 1]
    assert kec.loc["19.06.01", "kelengkapan"] == 50.0 and kec.loc["19.06.02", "kelengkapan"] == 0.0
    assert kec.loc["19.06.01", "belum"] == ["Puskesmas Lain"]
    assert kec["status"].tolist() == ["jauh", "jauh"]
    kab = _frame(md, "?wilayah=19&indikator=lapor_w2&periode=2026-W40")
    # the kabupaten: 1 of its 2 puskesmas (50 %), not the mean of 50 % and 0 % (25 %)
    assert kab.loc["19.06", ["diharapkan", "tiba"]].tolist() == [2, 1] and kab.loc["19.06", "kelengkapan"] == 50.0
    assert kab.loc["19.05", "unit"] == 0 and pd.isna(kab.loc["19.05", "status"])  # no puskesmas: no data, not 0 %
    desa = _frame(md, "?wilayah=19.06.01&indikator=lapor_w2&periode=2026-W40")
    assert desa["kelengkapan"].to_dict() == {"19.06.01.2001": 100.0, "19.06.01.2002": 100.0, "19.06.01.2003": 0.0}


def test_timeliness_view_and_the_deadline(ws, db):
    _arrive(db, KELUBI_PKM, ["2026-W40"], datetime(2026, 10, 6, 5, 1, tzinfo=timezone.utc))  # 12:01 WIB: late
    _arrive(db, LAIN_PKM, ["2026-W40"], W40_DUE)  # 12:00 WIB exactly: on time
    md = _md(ws, db)
    pkm = _frame(md, "?wilayah=19.06&jalur=puskesmas&indikator=tepat_w2&periode=2026-W40")
    assert pkm["nilai"].to_dict() == {KELUBI_PKM: 0.0, LAIN_PKM: 100.0}
    assert pkm["status"].to_dict() == {KELUBI_PKM: "jauh", LAIN_PKM: "tercapai"}
    complete = _frame(md, "?wilayah=19.06&jalur=puskesmas&indikator=lapor_w2&periode=2026-W40")
    assert complete["status"].tolist() == ["tercapai", "tercapai"]  # both arrived: complete, one late


def test_a_period_not_yet_due_has_no_percentage(ws, db):
    _arrive(db, KELUBI_PKM, ["2026-W40"], datetime(2026, 10, 5, 1, 0, tzinfo=timezone.utc))
    md = _md(ws, db)
    state = current_state(md, "?wilayah=19.06&jalur=puskesmas&indikator=lapor_w2&periode=2026-W40", sekarang=BEFORE)
    frame = laporan.report_frame(md, state, sekarang=BEFORE).set_index("kode")
    assert frame["status"].tolist() == ["belum_tempo", "belum_tempo"]
    assert frame["kelengkapan"].isna().all() and frame.loc[KELUBI_PKM, "tiba_awal"] == 1
    hideout = laporan.report_hideout(frame.reset_index(), "lapor_w2", lang="id", colour_blind=False, nodata="#d9d9d9",
                                     garis="#4d4d4d", waspada=[], pilih=None)
    assert [e["label"] for e in hideout["legend"]][-2:] == ["belum jatuh tempo", "tidak ada data"]
    assert "1 dari 1 laporan sudah tiba" in hideout["tip"][KELUBI_PKM]


def test_monthly_report_view_counts_indicator_imports(ws, db):
    _arrive(db, KELUBI_PKM, ["2026-09"], datetime(2026, 10, 5, 16, 0, tzinfo=timezone.utc), kind="indicators")  # 23:00
    _arrive(db, LAIN_PKM, ["2026-09"], datetime(2026, 10, 6, 2, 0, tzinfo=timezone.utc), kind="indicators")  # next day
    md = _md(ws, db)
    frame = _frame(md, "?wilayah=19&indikator=tepat_bulanan&periode=2026-09")
    assert frame.loc["19.06", ["diharapkan", "tiba", "tepat_waktu"]].tolist() == [2, 2, 1]
    assert frame.loc["19.06", "nilai"] == 50.0  # the timeliness view shows the on-time share
    assert _frame(md, "?wilayah=19&indikator=lapor_w2&periode=2026-W40").loc["19.06", "tiba"] == 0  # not a W2


def test_the_legend_states_the_target_and_the_unit(ws, db):
    md = _md(ws, db)
    payload = map_payload(md, current_state(md, "?wilayah=19.06&indikator=lapor_w2&periode=2026-W40"))
    assert payload["legend_title"] == "Kelengkapan laporan W2 (SKDR) (%) · target ≥ 90 %"
    labels = [e["label"] for e in payload["hideout"]["legend"]]
    assert labels == ["≥ 90 %: target tercapai", "70 % – < 90 %", "< 70 %", "tidak ada data"]
    en = map_payload(md, current_state(md, "?wilayah=19.06&indikator=tepat_w2&periode=2026-W40&bahasa=en"))
    assert en["legend_title"] == "W2 report timeliness (SKDR) (%) · target ≥ 80 %"
    assert [e["label"] for e in en["hideout"]["legend"]][:3] == ["≥ 80 %: target met", "60 % – < 80 %", "< 60 %"]


def test_a_puskesmas_sees_its_own_reports_and_no_other(ws, db):
    _arrive(db, KELUBI_PKM, ["2026-W40"], W40_DUE)
    _arrive(db, LAIN_PKM, ["2026-W40"], W40_DUE)
    mine = _md(ws, db, Actor("pkm", "puskesmas", KELUBI_PKM))
    assert set(mine.report_arrivals()["wilayah"]) == {KELUBI_PKM}
    frame = _frame(mine, "?indikator=lapor_w2&periode=2026-W40")
    assert set(frame.index) == {"19.06.01.2001", "19.06.01.2002"}  # its desa, each showing its own report
    card = laporan.report_card(mine, current_state(mine, "?indikator=lapor_w2&periode=2026-W40", sekarang=AFTER),
                               None, sekarang=AFTER)
    assert "Lain" not in str(card)
    other = _md(ws, db, Actor("dinas", "dinas", "19.05"))  # a kabupaten without puskesmas: nothing of 19.06
    assert other.report_arrivals().empty
    assert _frame(other, "?indikator=lapor_w2&periode=2026-W40")["unit"].sum() == 0


def test_the_table_and_the_rapor_say_the_same_figures(ws, db):
    _arrive(db, KELUBI_PKM, ["2026-W40"], W40_DUE)
    md = _md(ws, db)
    state = current_state(md, "?wilayah=19.06&jalur=puskesmas&indikator=lapor_w2&periode=2026-W40", sekarang=AFTER)
    rows = laporan.ranked_rows(laporan.report_frame(md, state, sekarang=AFTER), state.indikator, "id")
    assert [(r["nama"], r["nilai_teks"], r["rasio_teks"], r["status"]) for r in rows] == [
        ("Puskesmas Kelubi", "100,0 %", "1 / 1", "tercapai"), ("Puskesmas Lain", "0,0 %", "0 / 1", "jauh")]
    card = laporan.report_card(md, state, "19.06", sekarang=AFTER)
    assert card["baris"][0]["judul"] == "W2 minggu 2026-W40"
    assert card["baris"][0]["kalimat"][0] == "Kelengkapan: 50,0 % (1 dari 2 laporan tiba)"
    assert card["belum"] == ["Puskesmas Lain"]
    # the last 8 weeks: 1 of 16 reports
    assert card["baris"][1]["kalimat"][0] == "Kelengkapan: 6,2 % (1 dari 16 laporan tiba)"


def test_case_data_completeness_is_summed_over_desa(ws, db, tmp_path):
    from surveillance.api import import_cases

    rows = [(w, d, "diare", 2) for w in ("2026-W38", "2026-W39", "2026-W40")
            for d in ("19.06.01.2001", "19.06.01.2002", "19.06.01.2003") if (w, d) != ("2026-W40", "19.06.01.2003")]
    pd.DataFrame(rows, columns=["minggu", "tempat", "penyakit", "jumlah"]).to_csv(tmp_path / "kasus.csv", index=False)
    import_cases(ws, tmp_path / "kasus.csv")
    md = _md(ws, db)
    assert laporan.view_periods(md, "lapor_kasus") == (["2026-W38", "2026-W39", "2026-W40"], "2026-W40")
    kec = _frame(md, "?wilayah=19.06&indikator=lapor_kasus&periode=2026-W40")
    assert kec.loc["19.06.01", ["pembilang", "penyebut", "desa_lapor", "desa_total"]].tolist() == [2, 3, 2, 3]
    assert round(kec.loc["19.06.01", "nilai"], 1) == 66.7 and kec.loc["19.06.01", "status"] == "jauh"
    assert pd.isna(kec.loc["19.06.02", "status"])  # Gantung's desa never sent case data
    assert _frame(md, "?wilayah=19.06&indikator=lapor_kasus&periode=2026-W39").loc["19.06.01", "nilai"] == 100.0
    rows = table_rows(md, current_state(md, "?wilayah=19.06&indikator=lapor_kasus&periode=2026-W40"))
    assert rows[0]["kedua_teks"] == "2 / 3"  # desa that reported


def test_periods_default_to_the_latest_due_and_switching_keeps_the_time(ws, db):
    md = _md(ws, db)
    weeks, default = laporan.view_periods(md, "lapor_w2", sekarang=pd.Timestamp("2026-10-06 12:30", tz="Asia/Jakarta"))
    assert weeks[-1] == "2026-W41" and default == "2026-W40" and len(weeks) == laporan.WEEKS_BACK
    weeks, default = laporan.view_periods(md, "lapor_w2", sekarang=pd.Timestamp("2026-10-06 11:30", tz="Asia/Jakarta"))
    assert default == "2026-W39"  # W40 is due at noon
    months, default = laporan.view_periods(md, "lapor_bulanan", sekarang=pd.Timestamp("2026-10-05 10:00", tz="Asia/Jakarta"))
    assert months[-1] == "2026-10" and default == "2026-08"  # September's recap is due on 5 October, 23:59
    state = current_state(md, "?wilayah=19.06&indikator=lapor_w2&periode=2026-09", sekarang=AFTER)
    assert state.periode == "2026-W39"  # a month carried to its last week
    state = current_state(md, "?wilayah=19.06&indikator=lapor_bulanan&periode=2026-W40", sekarang=AFTER)
    assert state.periode == "2026-10" and state.banding is None


def test_panel_keys_of_a_report_view_follow_the_submission_history(ws, db):
    md = _md(ws, db)
    state = current_state(md, "?wilayah=19.06&indikator=lapor_w2&periode=2026-W40")
    before = panel_keys(md, state)
    _arrive(db, KELUBI_PKM, ["2026-W40"], W40_DUE)
    after = panel_keys(md, state)
    assert before["tabel"] != after["tabel"] and before["rapor"] != after["rapor"]
    assert before["waspada"] == after["waspada"]


# -- through the callbacks (no browser): the picker, the table, the rapor, the download -------------
def _ctx(ws):
    from callbacks import AppContext

    return AppContext(ws.root, MapDataCache(), actor=lambda: Actor("admin", "admin"))


def _trig(component_id, value, prop="value"):
    return [{"prop_id": f"{component_id}.{prop}", "value": value}]


def test_choosing_a_report_view_gives_the_period_picker_its_weeks(ws, db):
    from dash import no_update

    from callbacks.state import apply
    from layouts import ids

    ctx = _ctx(ws)
    search, key, klaster, options, indikator, periods, periode = apply(
        "?wilayah=19.06&indikator=k1&periode=2026-09", None, _trig(ids.INDIKATOR, "lapor_w2"), ctx.data())
    assert indikator == "lapor_w2" and klaster == laporan.KLASTER
    assert [o["value"] for o in options] == list(laporan.VIEWS)[:4]  # no case data here: no case view
    assert all(o["value"].startswith(("20", "19")) and "-W" in o["value"] for o in periods)
    assert periode == periods[[o["value"] for o in periods].index(periode)]["value"] and f"periode={periode}" in search
    # W2 → its timeliness: the same weeks, the picker is left as it is
    *_, periods2, periode2 = apply(search, None, _trig(ids.INDIKATOR, "tepat_w2"), ctx.data())
    assert periods2 is no_update and periode2 is no_update
    # a week sent by a picker that still shows the weeks, after going back to a monthly indicator: ignored
    search3, *_ = apply("?wilayah=19.06&indikator=k1&periode=2026-09", None, _trig(ids.PERIODE, "2026-W40"), ctx.data())
    assert search3 is no_update


def test_the_panels_and_the_download_of_a_report_view(ws, db):
    from callbacks.export import download
    from dash.development.base_component import Component

    from callbacks.panels import panels_output

    _arrive(db, KELUBI_PKM, ["2026-W40"], W40_DUE)
    ctx = _ctx(ws)
    search = "?wilayah=19.06&jalur=puskesmas&indikator=lapor_w2&periode=2026-W40"
    table, trend, rapor, keys = panels_output(search, None, ctx.data())

    def texts(node) -> list[str]:
        out = []
        if isinstance(node, str):
            return [node]
        if isinstance(node, (list, tuple)):
            for child in node:
                out += texts(child)
        elif isinstance(node, Component):
            out += texts(getattr(node, "children", None) or [])
        return out

    words = texts(table)
    assert ["Kelengkapan", "Tiba / diharapkan", "Target ≥ 90 %", "Ketepatan"] == [w for w in words if w in (
        "Kelengkapan", "Tiba / diharapkan", "Target ≥ 90 %", "Ketepatan")][:4]
    assert "Puskesmas Kelubi" in words and "100,0 %" in words and "1 / 1" in words and "Target tercapai" in words
    card = texts(rapor)
    assert card[0] == "Kelengkapan laporan: Kabupaten Belitung Timur"
    assert "Kelengkapan: 50,0 % (1 dari 2 laporan tiba)" in card
    assert any("belum tiba dari: Puskesmas Lain" in w for w in card)
    csv = download("csv", search + "&bahasa=en", ctx.data())["content"].splitlines()
    assert csv[0] == "No.,kode,Area,Completeness,Reports arrived,Reports expected,Target (%),Status"
    assert csv[1].startswith(f"1,{KELUBI_PKM},Puskesmas Kelubi,100.0,1.0,1.0,90.0,Target met")

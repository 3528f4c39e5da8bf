"""Completeness and timeliness arithmetic on hand-made arrival times (no workspace, no database)."""

from datetime import datetime, time

import numpy as np
import pandas as pd
import pytest

from errors import PwsError
from reports.timeliness import Tenggat, report_status, reporting_units, summarise


def _arrivals(rows):
    return pd.DataFrame(rows, columns=["wilayah", "jenis", "periode", "diterima"])


def test_w2_deadline_is_tuesday_noon_after_the_week():
    # 2026-W40: ISO Monday 28 Sep – Sunday 4 Oct; SKDR Sunday 27 Sep – Saturday 3 Oct
    assert Tenggat().batas("w2", "2026-W40") == pd.Timestamp("2026-10-06 12:00", tz="Asia/Jakarta")
    assert Tenggat().batas("w2", "2026-W53") == pd.Timestamp("2027-01-05 12:00", tz="Asia/Jakarta")
    later = Tenggat(w2_hari=3, w2_jam=time(8, 0), zona_waktu="WIT")
    assert later.batas("w2", "2026-W40") == pd.Timestamp("2026-10-07 08:00", tz="Asia/Jayapura")
    assert Tenggat().batas("indikator", "2026-09") == pd.Timestamp("2026-10-05 23:59", tz="Asia/Jakarta")
    assert Tenggat().batas("indikator", "2026-12") == pd.Timestamp("2027-01-05 23:59", tz="Asia/Jakarta")


def test_arrival_times_against_the_deadline():
    arrivals = _arrivals([
        ("P1", "w2", "2026-W40", "2026-10-06 11:59"),          # naive: WIB, a minute early
        ("P1", "w2", "2026-W40", "2026-10-08 09:00"),          # a correction later: the first arrival counts
        ("P2", "w2", "2026-W40", "2026-10-06 12:01"),          # a minute late
        ("P3", "w2", "2026-W40", "2026-10-06T05:00:00Z"),      # 12:00 WIB exactly: on time
        ("P4", "w2", "2026-W40", "2026-10-06T12:30:00+08:00"),  # 11:30 WIB
        ("P1", "indikator", "2026-09", "2026-10-01 08:00"),    # another jenis: not in the W2 table
        ("P9", "w2", "2026-W40", "2026-10-05 08:00"),          # not an expected unit
    ])
    table = report_status(arrivals, ["P1", "P2", "P3", "P4", "P5"], ["2026-W40"], "w2").set_index("wilayah")
    assert table["tiba"].tolist() == [True, True, True, True, False]
    assert table["tepat_waktu"].tolist() == [True, False, True, True, False]
    assert table.loc["P1", "diterima"] == pd.Timestamp("2026-10-06 11:59", tz="Asia/Jakarta")
    assert pd.isna(table.loc["P5", "diterima"])
    assert table.attrs["lain"] == ["P9"]
    (row,) = summarise(table.reset_index(), by="periode").to_dict("records")
    assert (row["diharapkan"], row["tiba"], row["tepat_waktu"]) == (5, 4, 3)
    assert (row["kelengkapan"], row["ketepatan"]) == (80.0, 60.0)
    assert (row["lengkap_memenuhi"], row["tepat_memenuhi"]) == (False, False)


def test_naive_times_are_read_in_the_workspace_zone():
    arrivals = _arrivals([("K1", "w2", "2026-W40", "2026-10-06 12:30")])
    assert not report_status(arrivals, ["K1"], ["2026-W40"], "w2")["tepat_waktu"].iloc[0]
    # the same clock time in Jayapura is 10:30 in Jakarta, but the deadline is Jayapura's noon: late as well
    wit = report_status(arrivals, ["K1"], ["2026-W40"], "w2", Tenggat(zona_waktu="WIT"))
    assert wit["diterima"].iloc[0] == pd.Timestamp("2026-10-06 12:30", tz="Asia/Jayapura")
    assert not wit["tepat_waktu"].iloc[0]
    aware = _arrivals([("K1", "w2", "2026-W40", "2026-10-06T12:30:00+07:00")])  # 14:30 WIT: late; 12:30 WIB: late
    assert not report_status(aware, ["K1"], ["2026-W40"], "w2", Tenggat(zona_waktu="WIT"))["tepat_waktu"].iloc[0]
    early = _arrivals([("K1", "w2", "2026-W40", "2026-10-06T09:30:00+07:00")])  # 11:30 WIT
    assert report_status(early, ["K1"], ["2026-W40"], "w2", Tenggat(zona_waktu="WIT"))["tepat_waktu"].iloc[0]


def test_skdr_targets_at_their_edges():
    units = [f"P{i}" for i in range(10)]
    on_time = [(u, "w2", "2026-W40", "2026-10-05 10:00") for u in units[:8]]
    late = [("P8", "w2", "2026-W40", "2026-10-07 10:00")]
    row = summarise(report_status(_arrivals(on_time + late), units, ["2026-W40"], "w2"), by="periode").iloc[0]
    assert (row["kelengkapan"], row["ketepatan"]) == (90.0, 80.0)  # exactly the targets: met
    assert row["lengkap_memenuhi"] and row["tepat_memenuhi"]
    row = summarise(report_status(_arrivals(on_time), units, ["2026-W40"], "w2"), by="periode").iloc[0]
    assert row["kelengkapan"] == 80.0 and not row["lengkap_memenuhi"] and row["tepat_memenuhi"]


def test_per_unit_over_weeks_and_periods_not_yet_due():
    arrivals = _arrivals([
        ("P1", "w2", "2026-W39", "2026-09-29 09:00"), ("P1", "w2", "2026-W40", "2026-10-06 09:00"),
        ("P1", "w2", "2026-W41", "2026-10-12 09:00"),  # early, before its deadline (13 Oct noon)
        ("P2", "w2", "2026-W39", "2026-10-01 09:00"),  # late
    ])
    weeks = ["2026-W39", "2026-W40", "2026-W41"]
    table = report_status(arrivals, ["P1", "P2"], weeks, "w2", sekarang=datetime(2026, 10, 12, 18, 0))
    assert table.loc[table["periode"] == "2026-W41", "jatuh_tempo"].tolist() == [False, False]
    per_unit = summarise(table).set_index("wilayah")
    assert per_unit.loc["P1", ["diharapkan", "tiba", "tepat_waktu"]].tolist() == [2, 2, 2]
    assert per_unit.loc["P2", ["diharapkan", "tiba", "tepat_waktu"]].tolist() == [2, 1, 0]
    assert (per_unit.loc["P2", "kelengkapan"], per_unit.loc["P2", "ketepatan"]) == (50.0, 0.0)
    per_week = summarise(table, by="periode").set_index("periode")
    assert per_week.loc["2026-W41", "diharapkan"] == 0 and np.isnan(per_week.loc["2026-W41", "kelengkapan"])
    assert not per_week.loc["2026-W41", "lengkap_memenuhi"]


def test_monthly_recap():
    arrivals = _arrivals([("19.06.01", "indikator", "2026-09", "2026-10-05 20:00"),
                          ("19.06.02", "indikator", "2026-09", "2026-10-06 08:00"),
                          ("19.06.01", "indikator", "2026-12", "2027-01-02 08:00")])
    table = report_status(arrivals, ["19.06.01", "19.06.02"], ["2026-09", "2026-12"], "indikator")
    got = {(r.wilayah, r.periode): (r.tiba, r.tepat_waktu) for r in table.itertuples()}
    assert got == {("19.06.01", "2026-09"): (True, True), ("19.06.02", "2026-09"): (True, False),
                   ("19.06.01", "2026-12"): (True, True), ("19.06.02", "2026-12"): (False, False)}


def test_settings_and_bad_input():
    t = Tenggat.from_settings({"zona_waktu": "WITA", "w2_jam": "10:00", "bulanan_tanggal": 10})
    assert t.batas("w2", "2026-W40") == pd.Timestamp("2026-10-06 10:00", tz="Asia/Makassar")
    assert t.batas("indikator", "2026-09").day == 10
    assert Tenggat(bulanan_tanggal=31).batas("indikator", "2027-01") == pd.Timestamp("2027-02-28 23:59", tz="Asia/Jakarta")
    assert Tenggat.from_settings({"w2_hari": "3"}).w2_hari == 3
    with pytest.raises(PwsError, match="tidak dikenal"):
        Tenggat.from_settings({"tenggat": 3})
    with pytest.raises(PwsError, match="HH:MM"):
        Tenggat.from_settings({"w2_jam": "siang"})
    with pytest.raises(PwsError, match="zona waktu"):
        Tenggat(zona_waktu="Mars/Base").batas("w2", "2026-W40")
    with pytest.raises(PwsError, match="tidak punya kolom"):
        report_status(pd.DataFrame({"wilayah": []}), ["P1"], ["2026-W40"], "w2")
    with pytest.raises(PwsError, match="jenis"):
        report_status(_arrivals([]), ["P1"], ["2026-W40"], "bulanan")


def test_reporting_units_are_puskesmas_or_else_kecamatan():
    desa = pd.DataFrame({"kode": ["19.06.01.2001", "19.06.01.2002", "19.06.02.2001", "19.05.01.2001"]})
    kecamatan = pd.DataFrame({"kode": ["19.06.01", "19.06.02", "19.05.01"], "nama": ["Manggar", "Gantung", "Tj Pandan"]})
    units = reporting_units(desa, None, kecamatan, "19.06")
    assert units[["wilayah", "nama", "tingkat"]].values.tolist() == [["19.06.01", "Manggar", "kecamatan"],
                                                                   ["19.06.02", "Gantung", "kecamatan"]]
    wk = pd.DataFrame({"kode_puskesmas": ["P1", "P1", "P2", "P3"], "nama_puskesmas": ["A", "A", "B", "C"],
                       "kode_desa": ["19.06.01.2001", "19.06.01.2002", "19.06.02.2001", "19.05.01.2001"]})
    units = reporting_units(desa, wk, kecamatan, "19.06")
    assert units[["wilayah", "nama", "tingkat"]].values.tolist() == [["P1", "A", "puskesmas"], ["P2", "B", "puskesmas"]]
    assert len(reporting_units(desa, wk, kecamatan)) == 3


def test_no_arrival_at_all_is_zero_percent_not_missing():
    table = report_status(_arrivals([]), ["P1", "P2"], ["2026-W40"], "w2")
    row = summarise(table, by="periode").iloc[0]
    assert (row["diharapkan"], row["tiba"], row["kelengkapan"], row["ketepatan"]) == (2, 0, 0.0, 0.0)

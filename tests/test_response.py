"""Alert response, the pure part: answerable alerts and their ids, states from steps, transitions, the 24-hour figures.

The figures are checked on hand-made timestamps whose answers are worked out
in the comments, not by running the code.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from errors import PwsError
from surveillance.response import (METHOD_SCAN, StepRefused, alert_table, check_step, current_states, load_targets,
                                   next_steps, verification_figures)

SCAN = METHOD_SCAN


def alerts_rows(rows):
    cols = ["kode_desa", "penyakit", "minggu", "method", "severity", "observed", "expected", "klaster_id"]
    return pd.DataFrame(rows, columns=cols)


def clusters_rows(rows):
    cols = ["klaster_id", "penyakit", "kode_desa", "pusat", "minggu_akhir", "observed", "expected", "p", "signifikan"]
    return pd.DataFrame(rows, columns=cols)


# -- the alerts -----------------------------------------------------------------------------
def test_one_alert_per_desa_disease_week_with_all_its_methods_and_scan_only_rows_through_the_cluster():
    a = alerts_rows([
        ("29.01.01.2001", "diare_akut", "2026-W47", "EARS C2", "rendah", 9.0, 2.0, None),
        ("29.01.01.2001", "diare_akut", "2026-W47", "SKDR ≥10 kasus", "tinggi", 11.0, None, None),
        ("29.01.01.2001", "diare_akut", "2026-W47", SCAN, "tinggi", 11.0, 3.0, "diare_akut:29.01:2026-W47:1"),
        ("29.01.01.2002", "diare_akut", "2026-W47", SCAN, "tinggi", 5.0, 1.0, "diare_akut:29.01:2026-W47:1"),
        ("29.01.01.2001", "diare_akut", "2026-W46", "EARS C2", "rendah", 7.0, 2.0, None),
        ("29.01.01.2001", "suspek_dbd", "2026-W47", "EARS C2", "rendah", 3.0, 0.5, None),
    ])
    k = clusters_rows([
        ("diare_akut:29.01:2026-W47:1", "diare_akut", ["29.01.01.2001", "29.01.01.2002"], "29.01.01.2001",
         "2026-W47", 16.0, 4.0, 0.001, True),
        ("diare_akut:29.01:2026-W47:2", "diare_akut", ["29.01.01.2003"], "29.01.01.2003", "2026-W47", 2.0, 1.0,
         0.4, False),
    ])
    table = alert_table(a, k)
    assert list(table["id"]) == [
        "desa:2026-W47:diare_akut:29.01.01.2001",  # newest week, highest severity first
        "desa:2026-W47:suspek_dbd:29.01.01.2001",
        "klaster:2026-W47:diare_akut:29.01.01.2001",  # the scan-only desa 2002 is answered through it
        "desa:2026-W46:diare_akut:29.01.01.2001",
    ]
    first = table.iloc[0]
    assert first["methods"] == sorted(["EARS C2", "SKDR ≥10 kasus", SCAN])
    assert first["severity"] == "tinggi" and first["observed"] == 11.0 and first["desa"] == ["29.01.01.2001"]
    cluster = table.iloc[2]
    assert (cluster["jenis"], cluster["kode_desa"], cluster["desa"], cluster["severity"], cluster["klaster_id"]) == (
        "klaster", "29.01.01.2001", ["29.01.01.2001", "29.01.01.2002"], "tinggi", "diare_akut:29.01:2026-W47:1")
    assert table.iloc[1]["severity"] == "rendah"


def test_a_cluster_keeps_its_id_when_the_scan_numbers_it_differently():
    """The scan numbers clusters by rank: another cluster appearing makes #1 into #2. The id does not move."""
    a = alerts_rows([])
    first = clusters_rows([("dbd:29.01:2026-W47:1", "suspek_dbd", ["29.01.01.2005"], "29.01.01.2005", "2026-W47",
                            9.0, 2.0, 0.01, True)])
    again = clusters_rows([
        ("dbd:29.01:2026-W47:1", "suspek_dbd", ["29.01.02.2001"], "29.01.02.2001", "2026-W47", 30.0, 3.0, 0.001, True),
        ("dbd:29.01:2026-W47:2", "suspek_dbd", ["29.01.01.2005"], "29.01.01.2005", "2026-W47", 9.0, 2.0, 0.01, True),
    ])
    before = alert_table(a, first).set_index("klaster_id")["id"]
    after = alert_table(a, again).set_index("klaster_id")["id"]
    assert before["dbd:29.01:2026-W47:1"] == after["dbd:29.01:2026-W47:2"] == "klaster:2026-W47:suspek_dbd:29.01.01.2005"
    assert after["dbd:29.01:2026-W47:1"] == "klaster:2026-W47:suspek_dbd:29.01.02.2001"


def test_no_alerts_give_an_empty_table_with_the_columns():
    table = alert_table(alerts_rows([]), clusters_rows([]))
    assert len(table) == 0 and "id" in table and "desa" in table


# -- states and steps ----------------------------------------------------------------------------
def steps_rows(rows):
    """(alert_id, urutan, status, verdict, hasil, username, time)"""
    return pd.DataFrame([{"alert_id": a, "urutan": n, "status": s, "verdict": v, "hasil": h, "catatan": None,
                          "username": u, "waktu": pd.Timestamp(w)} for a, n, s, v, h, u, w in rows])


def test_the_latest_step_wins_and_the_first_verification_dates_it():
    alerts = pd.DataFrame({"id": ["a", "b", "c"]})
    steps = steps_rows([
        ("a", 1, "diverifikasi", "salah", None, "ani", "2026-11-23T10:00Z"),
        ("a", 2, "diverifikasi", "benar", None, "budi", "2026-11-24T10:00Z"),  # the verdict corrected
        ("a", 3, "respon", None, None, "budi", "2026-11-24T12:00Z"),
        ("b", 1, "diverifikasi", "salah", None, "ani", "2026-11-23T09:00Z"),
        ("b", 2, "selesai", None, "bukan_klb", "ani", "2026-11-23T11:00Z"),
    ])
    out = current_states(alerts, steps).set_index("id")
    assert out.loc["a", ["status", "verdict", "oleh"]].tolist() == ["respon", "benar", "budi"]
    assert out.loc["a", "diverifikasi_pada"] == pd.Timestamp("2026-11-23T10:00Z")
    assert out.loc["b", ["status", "verdict", "hasil"]].tolist() == ["selesai", "salah", "bukan_klb"]
    assert out.loc["c", "status"] == "baru" and out.loc["c", "oleh"] is None


ALLOWED = [
    # (from, verdict, to, new verdict, hasil) → stored (verdict, hasil)
    ("baru", None, "diverifikasi", "benar", None, ("benar", None)),
    ("baru", None, "diverifikasi", "salah", None, ("salah", None)),
    ("diverifikasi", "benar", "respon", None, None, (None, None)),
    ("diverifikasi", "benar", "diverifikasi", "salah", None, ("salah", None)),
    ("diverifikasi", "salah", "diverifikasi", "benar", None, ("benar", None)),
    ("diverifikasi", "salah", "selesai", None, None, (None, "bukan_klb")),
    ("diverifikasi", "salah", "selesai", None, "bukan_klb", (None, "bukan_klb")),
    ("respon", "benar", "selesai", None, "klb", (None, "klb")),
    ("respon", "benar", "selesai", None, "bukan_klb", (None, "bukan_klb")),
]


@pytest.mark.parametrize("frm,verdict,to,new_verdict,hasil,stored", ALLOWED)
def test_every_allowed_step(frm, verdict, to, new_verdict, hasil, stored):
    step = check_step(frm, verdict, to, new_verdict, hasil, "  catatan  ")
    assert (step.status, step.verdict, step.hasil, step.catatan) == (to, *stored, "catatan")
    assert to in next_steps(frm, verdict)


REFUSED = [
    ("baru", None, "respon", None, None, "transisi"),
    ("baru", None, "selesai", None, "klb", "transisi"),
    ("baru", None, "diverifikasi", None, None, "putusan"),  # a verification needs a verdict
    ("baru", None, "diverifikasi", "mungkin", None, "putusan"),
    ("diverifikasi", "salah", "respon", None, None, "transisi"),  # a data error is not investigated
    ("diverifikasi", "salah", "selesai", None, "klb", "hasil"),  # nor an outbreak
    ("diverifikasi", "benar", "selesai", None, "klb", "transisi"),  # a real rise is investigated first
    ("diverifikasi", "benar", "respon", "benar", None, "putusan"),  # a verdict only with a verification
    ("respon", "benar", "selesai", None, None, "hasil"),  # closing needs a result
    ("respon", "benar", "selesai", None, "mungkin", "hasil"),
    ("respon", "benar", "diverifikasi", "salah", None, "transisi"),
    ("diverifikasi", "benar", "diverifikasi", "benar", "klb", "hasil"),  # a result only when closing
    ("selesai", "benar", "respon", None, None, "transisi"),  # closed is final
    ("baru", None, "baru", None, None, "status"),
    ("baru", None, "ditutup", None, None, "status"),
]


@pytest.mark.parametrize("frm,verdict,to,new_verdict,hasil,alasan", REFUSED)
def test_every_refused_step_says_why(frm, verdict, to, new_verdict, hasil, alasan):
    with pytest.raises(StepRefused) as caught:
        check_step(frm, verdict, to, new_verdict, hasil)
    assert caught.value.alasan == alasan
    assert isinstance(caught.value, PwsError)  # the command line prints it and exits non-zero


def test_refusals_in_one_language_each():
    with pytest.raises(StepRefused, match="tidak dapat langsung menjadi 'respon'; berikutnya: diverifikasi"):
        check_step("baru", None, "respon")
    with pytest.raises(StepRefused, match="cannot go to 'responding' directly; next: verified"):
        check_step("baru", None, "respon", lang="en")
    with pytest.raises(StepRefused, match="sudah selesai"):
        check_step("selesai", None, "respon")


# -- the figures --------------------------------------------------------------------------------
NOW = pd.Timestamp("2026-11-25T08:00Z")


def hand_made():
    """Six alerts; the figures are worked out by hand in the tests.

    ====  ===========  ===================  ========================  =====================
    id    kabupaten    raised               first verification        at NOW (11-25 08:00)
    ====  ===========  ===================  ========================  =====================
    A1    29.01        11-23 08:00          11-23 20:00 (12 h)        on time
    A2    29.01        11-23 08:00          11-24 14:00 (30 h)        late (re-verified later)
    A3    29.01        11-23 08:00          —                         48 h old: due, late
    A4    29.02        11-25 00:00          —                         8 h old: not due yet
    A5    29.02        11-24 10:00          11-24 16:00 (6 h)         on time, then respon
    A6    29.01+29.02  11-25 02:00          11-25 06:00 (4 h)         6 h old but verified: on time
    ====  ===========  ===================  ========================  =====================
    """
    alerts = pd.DataFrame({
        "id": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "minggu": ["2026-W47"] * 5 + ["2026-W48"],
        "desa": [["29.01.01.2001"], ["29.01.01.2002"], ["29.01.02.2001"], ["29.02.01.2001"], ["29.02.01.2002"],
                 ["29.01.01.2001", "29.02.01.2001"]],
        "raised_at": pd.to_datetime(["2026-11-23T08:00Z", "2026-11-23T08:00Z", "2026-11-23T08:00Z",
                                     "2026-11-25T00:00Z", "2026-11-24T10:00Z", "2026-11-25T02:00Z"]),
    })
    steps = steps_rows([
        ("A1", 1, "diverifikasi", "benar", None, "ani", "2026-11-23T20:00Z"),
        ("A2", 1, "diverifikasi", "salah", None, "ani", "2026-11-24T14:00Z"),
        ("A2", 2, "diverifikasi", "benar", None, "budi", "2026-11-24T18:00Z"),
        ("A5", 1, "diverifikasi", "benar", None, "ani", "2026-11-24T16:00Z"),
        ("A5", 2, "respon", None, None, "ani", "2026-11-24T17:00Z"),
        ("A6", 1, "diverifikasi", "benar", None, "ani", "2026-11-25T06:00Z"),
        ("X9", 1, "diverifikasi", "benar", None, "ani", "2026-11-20T06:00Z"),  # another alert's: ignored
    ])
    return alerts, steps


def test_the_24_hour_share_median_and_answered_share_over_all_alerts():
    alerts, steps = hand_made()
    row = verification_figures(alerts, steps, now=NOW).iloc[0]
    # due: A1 A2 A3 A5 A6 (A4 is 8 h old and unverified: not late yet); on time: A1 A5 A6 → 3/5
    assert (row["jumlah"], row["jatuh_tempo"], row["terverifikasi"], row["tepat_24j"]) == (6, 5, 4, 3)
    assert row["persen_24j"] == pytest.approx(60.0)
    # hours to the first verification: 12, 30, 6, 4 → median (6 + 12) / 2
    assert row["median_jam"] == pytest.approx(9.0)
    assert row["direspon"] == 1 and row["persen_respon"] == pytest.approx(100 / 6)
    assert row["target"] == 80.0 and not row["capai_target"]


def test_the_figures_per_kabupaten_count_a_cluster_in_each_of_its_kabupaten():
    alerts, steps = hand_made()
    out = verification_figures(alerts, steps, now=NOW, by="kabupaten").set_index("kabupaten")
    # 29.01: A1 A2 A3 A6, all due; on time A1 A6 → 50 %; hours 12, 30, 4 → median 12
    assert out.loc["29.01", ["jumlah", "jatuh_tempo", "tepat_24j"]].tolist() == [4, 4, 2]
    assert out.loc["29.01", "persen_24j"] == pytest.approx(50.0) and out.loc["29.01", "median_jam"] == pytest.approx(12.0)
    # 29.02: A4 (not due) A5 A6; on time A5 A6 → 100 %; hours 6, 4 → 5; answered A5 → 1/3
    assert out.loc["29.02", ["jumlah", "jatuh_tempo", "tepat_24j", "direspon"]].tolist() == [3, 2, 2, 1]
    assert out.loc["29.02", "persen_24j"] == pytest.approx(100.0) and out.loc["29.02", "median_jam"] == pytest.approx(5.0)
    assert bool(out.loc["29.02", "capai_target"]) and not bool(out.loc["29.01", "capai_target"])


def test_the_figures_per_puskesmas_and_week():
    alerts, steps = hand_made()
    wk = pd.DataFrame({"kode_puskesmas": ["P1", "P1", "P2", "P3", "P3"],
                       "kode_desa": ["29.01.01.2001", "29.01.01.2002", "29.01.02.2001", "29.02.01.2001", "29.02.01.2002"]})
    out = verification_figures(alerts, steps, now=NOW, by=["puskesmas", "minggu"], wilayah_kerja=wk)
    got = {(r["puskesmas"], r["minggu"]): (r["jumlah"], r["tepat_24j"], r["jatuh_tempo"]) for r in out.to_dict("records")}
    # P1: A1 A2 in W47 (1 on time of 2), A6 in W48; P2: A3 (late); P3: A4 A5 in W47 (A5 on time, A4 not due), A6 in W48
    assert got == {("P1", "2026-W47"): (2, 1, 2), ("P1", "2026-W48"): (1, 1, 1), ("P2", "2026-W47"): (1, 0, 1),
                   ("P3", "2026-W47"): (2, 1, 1), ("P3", "2026-W48"): (1, 1, 1)}
    with pytest.raises(ValueError, match="wilayah kerja"):
        verification_figures(alerts, steps, now=NOW, by="puskesmas")


def test_nothing_due_gives_no_share_and_a_verification_before_raising_counts_as_zero_hours():
    alerts = pd.DataFrame({"id": ["A", "B"], "minggu": ["2026-W47"] * 2, "desa": [["29.01.01.2001"]] * 2,
                           "raised_at": pd.to_datetime(["2026-11-25T07:00Z", "2026-11-25T06:00Z"])})
    row = verification_figures(alerts, steps_rows([]), now=NOW).iloc[0]
    assert row["jatuh_tempo"] == 0 and math.isnan(row["persen_24j"]) and math.isnan(row["median_jam"])
    # a back-filled import: recorded after someone had verified on paper
    early = steps_rows([("A", 1, "diverifikasi", "benar", None, "ani", "2026-11-25T05:00Z")])
    row = verification_figures(alerts, early, now=NOW).iloc[0]
    assert (row["jatuh_tempo"], row["tepat_24j"], row["median_jam"], row["persen_24j"]) == (1, 1, 0.0, 100.0)


def test_the_target_comes_from_the_data_file(tmp_path):
    assert load_targets()["target_persen"].tolist() == [80.0]
    own = tmp_path / "target.csv"
    own.write_text("kode_wilayah,target_persen\n,80\n29.02,90\n", encoding="utf-8")
    alerts, steps = hand_made()
    out = verification_figures(alerts, steps, now=NOW, by="kabupaten", targets=load_targets(own)).set_index("kabupaten")
    assert out["target"].to_dict() == {"29.01": 80.0, "29.02": 90.0}
    bad = tmp_path / "bad.csv"
    bad.write_text("kode_wilayah,target_persen\n,80\n29.02,sembilan puluh\n", encoding="utf-8")
    with pytest.raises(PwsError, match=r"bad.csv, baris 3: target_persen 'sembilan puluh' bukan persentase"):
        load_targets(bad)


def test_a_puskesmas_takes_the_target_of_its_kabupaten_or_provinsi_its_own_row_winning():
    alerts, steps = hand_made()
    wk = pd.DataFrame({"kode_puskesmas": ["P1", "P1", "P2", "P3", "P3"],
                       "kode_desa": ["29.01.01.2001", "29.01.01.2002", "29.01.02.2001", "29.02.01.2001", "29.02.01.2002"]})
    kab_only = pd.DataFrame({"kode_wilayah": ["29.02"], "target_persen": [90.0]})
    out = verification_figures(alerts, steps, now=NOW, by="puskesmas", wilayah_kerja=wk, targets=kab_only)
    assert out.set_index("puskesmas")["target"].to_dict() == {"P1": 80.0, "P2": 80.0, "P3": 90.0}
    rows = pd.DataFrame({"kode_wilayah": ["", "29", "29.02", "P2"], "target_persen": [70.0, 75.0, 90.0, 95.0]})
    out = verification_figures(alerts, steps, now=NOW, by="puskesmas", wilayah_kerja=wk, targets=rows)
    # P1 in 29.01 (no row): the provinsi's; P2 its own row over the provinsi's; P3 its kabupaten's
    assert out.set_index("puskesmas")["target"].to_dict() == {"P1": 75.0, "P2": 95.0, "P3": 90.0}

"""SKDR comparators, EARS options and missing weeks, with answers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from errors import PwsError
from surveillance.catalogue import load_skdr_rules, rules_for
from surveillance.temporal import METHODS, ears_c1, ears_c2, ears_c3, get_method, skdr_rise, skdr_threshold


def test_skdr_threshold_is_at_least():
    out = skdr_threshold([0, 1, 2, np.nan], nilai=2)
    assert out["alarm"].tolist() == [False, False, True, False]
    assert out["upper"].iloc[:3].tolist() == [2.0, 2.0, 2.0] and math.isnan(out["upper"].iloc[3])


def test_skdr_rise_twice_previous_period():
    # previous week rule: 2 -> 4 is a doubling (>= 2x, and >= minimal 2); 4 -> 7 is not; 0 -> 1 is below minimal
    out = skdr_rise([2, 4, 7, 0, 1, 3], nilai=2, minggu_pembanding=1, minimal=2)
    assert out["expected"].tolist()[1:] == [2, 4, 7, 0, 1]
    assert out["alarm"].tolist() == [False, True, False, False, False, True]
    # mean of three previous weeks: (2 + 4 + 3) / 3 = 3, so 6 alarms and 5 does not
    three = skdr_rise([2, 4, 3, 6, 2, 4, 3, 5], nilai=2, minggu_pembanding=3, minimal=2)
    assert three["expected"].iloc[3] == 3.0 and bool(three["alarm"].iloc[3])
    assert three["expected"].iloc[7] == 3.0 and not bool(three["alarm"].iloc[7])
    # a missing week in the comparison period: no comparison, no alarm
    gap = skdr_rise([1, np.nan, 1, 9], minggu_pembanding=2)
    assert math.isnan(gap["expected"].iloc[3]) and not gap["alarm"].iloc[3]


def test_ears_c1_by_hand():
    series = [1, 2, 3, 1, 2, 3, 2, 9]
    out = ears_c1(series)
    # mean 14/7 = 2; squared deviations 1+0+1+1+0+1+0 = 4, sd = sqrt(4/6); z(0.999) = 3.0902323
    upper = 2 + 3.090232306167813 * math.sqrt(4 / 6)
    assert out["upper"].iloc[7] == pytest.approx(upper) == pytest.approx(4.5231641)
    assert out["alarm"].tolist() == [False] * 7 + [True]
    assert out["upper"].iloc[:7].isna().all()


def test_ears_c2_uses_a_two_week_guard_band():
    series = [1, 2, 3, 1, 2, 3, 2, 50, 50, 4]
    out = ears_c2(series)
    base = np.array(series[:7], dtype=float)  # weeks t-9 .. t-3 for t = 9
    assert out["expected"].iloc[9] == pytest.approx(base.mean())
    assert out["expected"].iloc[:9].isna().all()


def test_min_sigma_stops_one_case_alarms_on_a_flat_zero_baseline():
    flat = [0] * 10 + [1]
    assert bool(ears_c2(flat)["alarm"].iloc[-1])  # R's earsC: sd 0, one case alarms
    assert not bool(ears_c2(flat, min_sigma=1.0)["alarm"].iloc[-1])
    assert bool(ears_c2([0] * 10 + [4], min_sigma=1.0)["alarm"].iloc[-1])  # 4 > 0 + 3.09 * 1


def test_missing_weeks_are_not_zero():
    y = [2, 2, np.nan, 3, 2, 2, 3, 2, np.nan]
    out = ears_c1(y)
    assert out["expected"].iloc[7] == pytest.approx(np.mean([2, 2, 3, 2, 2, 3]))  # six reported weeks
    assert not out["alarm"].iloc[8] and math.isnan(out["upper"].iloc[8]) is False
    # fewer than 3 reported baseline weeks: no bound
    sparse = ears_c1([np.nan] * 5 + [1, 1, 5])
    assert math.isnan(sparse["upper"].iloc[7])


def test_c3_alarms_on_the_two_previous_c2_excesses():
    y = [2, 3, 2, 3, 2, 3, 2, 3, 2, 12, 12, 2]
    out = ears_c3(y)
    # week 11: C2 of weeks 9 and 10 are large, so C3 alarms even though week 11 is back to 2
    assert bool(out["alarm"].iloc[11])
    assert out["score"].iloc[11] > 1.959963984540054


def test_registry_and_parameter_errors():
    assert set(METHODS) == {"ears_c1", "ears_c2", "ears_c3", "skdr_ambang", "skdr_kenaikan"}
    with pytest.raises(ValueError, match="valid names: ears_c1"):
        get_method("cusum")
    with pytest.raises(ValueError, match="baseline must be at least 3"):
        get_method("ears_c1", baseline=2)
    with pytest.raises(ValueError, match="cannot be negative"):
        ears_c1([1, -1, 2])


def test_skdr_rules_file_and_kabupaten_override(tmp_path):
    rules = load_skdr_rules()
    assert {r.penyakit for r in rules} >= {"diare_akut", "ispa_pneumonia", "suspek_dbd"}
    custom = tmp_path / "ambang.csv"
    custom.write_text(
        "kode_kabkota,penyakit,aturan,nilai,minggu_pembanding,minimal,wilayah,catatan\n"
        ",diare_akut,kenaikan,2,1,3,desa,nasional\n"
        "2901,diare_akut,ambang,8,,,desa,kabupaten sendiri\n"
    )
    rules = load_skdr_rules(custom)
    assert [r.aturan for r in rules_for(rules, "diare_akut", "29.01")] == ["ambang"]
    assert [r.aturan for r in rules_for(rules, "diare_akut", "29.02")] == ["kenaikan"]
    bad = tmp_path / "bad.csv"
    bad.write_text("kode_kabkota,penyakit,aturan,nilai,minggu_pembanding,minimal,wilayah\n,diare_akut,kali,2,1,3,desa\n")
    with pytest.raises(PwsError, match="baris 2: aturan harus salah satu dari ambang, kenaikan"):
        load_skdr_rules(bad)


def test_kecamatan_rule_sums_desa(tmp_path):
    from surveillance.cube import build_cube
    from surveillance.catalogue import SkdrRule
    from surveillance.pipeline import skdr_alerts

    # two desa of one kecamatan, 3 + 2 = 5 cases in week 2: a kecamatan threshold of 5 fires, listed for both desa
    kasus = pd.DataFrame({
        "minggu": ["2026-W01", "2026-W01", "2026-W02", "2026-W02"],
        "kode_desa": ["29.01.01.2001", "29.01.01.2002"] * 2,
        "penyakit": "suspek_dbd", "jumlah": [1, 1, 3, 2],
    })
    rule = SkdrRule("suspek_dbd", "ambang", 5, 1, 1, "kecamatan")
    out = skdr_alerts(build_cube(kasus), [rule])
    assert sorted(out[["kode_desa", "minggu", "observed"]].values.tolist()) == [
        ["29.01.01.2001", "2026-W02", 3.0], ["29.01.01.2002", "2026-W02", 2.0]]

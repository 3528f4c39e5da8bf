"""``python app.py scan`` on hand-made SaTScan files, and the scan settings file per kabupaten."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from commands import main
from errors import PwsError
from surveillance.satscan_files import load, read_parameters
from surveillance.scan_settings import load_scan_rules, rule_for

# four locations on a line, unevenly spaced (no ties: B and C are each other's nearest, 0.008° apart),
# one 50 km away; 10 days
GEO = "A\t-2.000\t108.0\nB\t-2.010\t108.0\nC\t-2.018\t108.0\nD\t-2.030\t108.0\nFAR\t-2.45\t108.0\n"
PRM = """[Input]
CaseFile=x.cas
StartDate=2026/1/1
EndDate=2026/1/10
CoordinatesType=1
PrecisionCaseTimes=3
[Analysis]
AnalysisType=4
ModelType=2
ScanAreas=1
TimeAggregationUnits=3
TimeAggregationLength=1
[Spatial Window]
MaxSpatialSizeInPopulationAtRisk=50
UseDistanceFromCenterOption=y
MaxSpatialSizeInDistanceFromCenter=2
[Temporal Window]
MinimumTemporalClusterSize=1
MaxTemporalSizeInterpretation=1
MaxTemporalSize=3
[Cluster Restrictions]
MinimumCasesInHighRateClusters=2
[Inference]
MonteCarloReps=99
[Output]
ResultsFile=whatever.txt
"""


def _cases() -> str:
    rows = []
    for day in range(1, 11):  # a steady background everywhere
        for loc in ("A", "B", "C", "D", "FAR"):
            rows.append(f"{loc}\t2\t2026/1/{day}")
    rows += [f"{loc}\t4\t2026/1/{day}" for loc in ("B", "C") for day in (9, 10)]  # B and C, the last two days
    return "\n".join(rows) + "\n"


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "x.cas").write_text(_cases())
    (tmp_path / "x.geo").write_text(GEO)
    (tmp_path / "x.prm").write_text(PRM)
    return tmp_path


def test_json_lists_the_cluster_with_its_numbers_by_hand(files, capsys):
    assert main(["scan", str(files / "x.cas"), str(files / "x.geo"), "--prm", str(files / "x.prm"), "--json"]) == 0
    clusters = json.loads(capsys.readouterr().out)
    top = clusters[0]
    assert sorted(top["locations"]) == ["B", "C"] and top["start"] == "2026-01-09" and top["end"] == "2026-01-10"
    # C = 100 + 16 = 116 cases; B and C have 28 each (≤ 50 %: 58); the last two days hold 2 · (10 + 8) = 36:
    # μ = 56 · 36 / 116, c = 2 · 2 · 2 + 16 = 24 (B alone, or one day, gives a smaller LLR)
    total, c, mu = 116, 24, 56 * 36 / 116
    llr = c * math.log(c / mu) + (total - c) * math.log((total - c) / (total - mu))
    assert top["observed"] == c and top["expected"] == pytest.approx(mu) and top["llr"] == pytest.approx(llr)
    assert top["radius_km"] == pytest.approx(0.008 * math.pi / 180 * 6367, rel=1e-6)
    assert top["ratio"] == pytest.approx(c / mu)
    assert 0 < top["p"] <= 1 and top["recurrence"] == pytest.approx(1 / top["p"])
    assert all(set(k) >= {"locations", "observed", "expected", "llr", "p", "start", "end"} for k in clusters)
    # the 2 km limit: no circle reaches FAR
    assert all("FAR" not in k["locations"] or k["locations"] == ["FAR"] for k in clusters)


def test_text_output_reads_like_satscan(files, capsys):
    # in English, SaTScan's own labels; in Indonesian (the default), the same fields in Indonesian
    assert main(["scan", str(files / "x.cas"), str(files / "x.geo"), "--prm", str(files / "x.prm"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "1.Location IDs included.: " in out and "Time frame............: 2026/01/09 to 2026/01/10" in out
    assert "Test statistic........: " in out and "Recurrence interval...: " in out
    assert main(["scan", str(files / "x.cas"), str(files / "x.geo"), "--prm", str(files / "x.prm")]) == 0
    out = capsys.readouterr().out
    assert "1.ID lokasi termasuk.....: " in out and "Rentang waktu...........: 2026/01/09 s/d 2026/01/10" in out


@pytest.mark.parametrize("setting, value", [
    ("ModelType", "0"), ("ScanAreas", "3"), ("SpatialWindowShapeType", "1"), ("AdjustForWeeklyTrends", "y"),
    ("CriteriaForReportingSecondaryClusters", "5"), ("PValueReportType", "3"), ("IncludeClusters", "1"),
])
def test_an_unsupported_setting_is_refused_by_name(files, capsys, setting, value):
    (files / "bad.prm").write_text(PRM + f"[More]\n{setting}={value}\n")
    assert main(["scan", str(files / "x.cas"), str(files / "x.geo"), "--prm", str(files / "bad.prm")]) == 2
    assert f"{setting}={value}" in capsys.readouterr().err
    # the same setting at the value the engine implements is accepted
    good = {"ModelType": "2", "ScanAreas": "1", "SpatialWindowShapeType": "0", "AdjustForWeeklyTrends": "n",
            "CriteriaForReportingSecondaryClusters": "0", "PValueReportType": "0", "IncludeClusters": "0"}
    (files / "ok.prm").write_text(PRM + f"[More]\n{setting}={good[setting]}\n")
    read_parameters(files / "ok.prm")


def test_an_unknown_setting_that_is_switched_on_is_refused(files):
    (files / "new.prm").write_text(PRM + "[Future]\nSomethingNew=y\nSomethingOff=n\n")
    with pytest.raises(PwsError, match="SomethingNew=y") as err:
        read_parameters(files / "new.prm")
    assert "SomethingOff" not in str(err.value)


def test_bad_case_files_are_reported_with_the_line(files):
    (files / "late.cas").write_text(_cases() + "A\t1\t2026/1/11\n")
    with pytest.raises(PwsError, match="di luar periode studi"):
        load(files / "late.cas", files / "x.geo", files / "x.prm")
    (files / "nowhere.cas").write_text("Z\t1\t2026/1/3\n")
    with pytest.raises(PwsError, match="tidak punya koordinat: Z"):
        load(files / "nowhere.cas", files / "x.geo", files / "x.prm")
    (files / "cov.cas").write_text("A\t1\t2026/1/3\tmale\n")
    with pytest.raises(PwsError, match="baris 1.*kovariat"):
        load(files / "cov.cas", files / "x.geo", files / "x.prm")


def test_week_units_are_counted_back_from_the_end_date(files):
    text = PRM.replace("TimeAggregationLength=1", "TimeAggregationLength=7").replace("EndDate=2026/1/10", "EndDate=2026/1/14")
    (files / "week.prm").write_text(text)
    data = load(files / "x.cas", files / "x.geo", files / "week.prm")
    # 14 days = 2 weeks: 1–7 and 8–14
    assert [str(d) for d in data.unit_starts] == ["2026-01-01", "2026-01-08"] and str(data.unit_end(1)) == "2026-01-14"
    assert data.settings.time_unit == "week" and data.counts.sum() == 116
    np.testing.assert_array_equal(data.counts[0], [14, 6])  # A: days 1–7, then 8–10


def test_shipped_scan_settings_keep_the_dashboards_scan():
    rule = rule_for(load_scan_rules(), "19.06")  # no row of its own: the defaults
    w = rule.window
    assert (w.max_share, w.max_locations, w.max_radius_km, w.min_time, w.max_time) == (0.5, 5, None, 1, 4)
    assert (w.min_cases, w.replications, w.overdispersion, w.prospective, w.time_unit) == (2, 999, True, True, "week")
    assert (rule.study_weeks, rule.alpha, rule.alpha_high, rule.min_ratio) == (52, 0.05, 0.01, 2.0)
    assert rule.signals(0.04, 10, 5) and not rule.signals(0.04, 9, 5) and not rule.signals(0.06, 10, 5)


def test_a_kabupaten_row_overrides_only_its_own_cells(tmp_path):
    from settings import DATA_DIR

    text = (DATA_DIR / "scan_settings.csv").read_text().rstrip("\n")
    (tmp_path / "s.csv").write_text(text + "\n19.06,,3,,,2,,,,tidak,0.01,,,\"Belitung Timur: 3 km, 2 minggu\"\n")
    rules = load_scan_rules(tmp_path / "s.csv")
    own, other = rule_for(rules, "19.06"), rule_for(rules, "19.01")
    assert own.window.max_radius_km == 3 and own.window.max_time == 2 and not own.window.overdispersion
    assert own.alpha == 0.01 and own.window.max_locations == 5 and own.study_weeks == 52
    assert other == rules[""] and other.window.max_radius_km is None
    (tmp_path / "bad.csv").write_text(text + "\n19.06,,,,,two,,,,,,,,\n")
    with pytest.raises(PwsError, match="baris 3: maks_minggu harus bilangan bulat"):
        load_scan_rules(tmp_path / "bad.csv")

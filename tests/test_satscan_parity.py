"""The space-time permutation scan agrees with SaTScan itself on SaTScan's NYCfever sample.

Three analyses of ``../shared/data/satscan`` (see its README): SaTScan 9.4.4's
prospective run and 10.0.2's retrospective run (both ≤ 50 % of cases, ≤ 50 % of
the study period; their results files) and the parameter file's own run (3 km,
1–7 days; the README's table). The parameter file is edited only in the
settings that differ between the runs, and read through the same reader as
``python app.py scan``.

Deterministic results must be equal: the clusters in SaTScan's order, their
locations (in SaTScan's order: by distance from the centre), centre, radius and
expected cases to the printed precision, time frame, observed cases, and the
LLR to 1e-6. p comes from random replications on both sides; how it is judged:
see :func:`p_agrees`. Fewer replications than SaTScan's 999 keep CI fast
(``REPLICATIONS``); the judgement accounts for both counts.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from commands.scan import satscan_number
from surveillance import satscan_files, spacetime
from tests.conftest import _need

# replications per analysis in the test (SaTScan used 999, or 141 when its sequential test stopped early)
REPLICATIONS = {"prospective": 499, "retrospective": 199, "prm": 999}


def p_agrees(p_ours: float, r_ours: int, p_satscan: float, r_satscan: int, z: float = 3.29) -> bool:
    """Whether two Monte Carlo p-values can estimate the same p.

    Each ``p = (1 + k) / (R + 1)`` counts the replications ``k`` at least as
    extreme; with the true p estimated from both runs together (``p̄``), the
    difference of the two estimates has sd ``√(p̄(1−p̄)(1/R₁ + 1/R₂))``. They
    agree when the difference is within ``z`` sd (3.29: two-sided 0.001 per
    cluster, so the 14 comparisons rarely fail by chance) plus the p-value's
    own resolution ``1/(R+1)`` on each side.

    >>> p_agrees(0.02, 199, 0.020, 999), p_agrees(0.30, 199, 0.020, 999)
    (True, False)
    """
    k_ours, k_satscan = p_ours * (r_ours + 1) - 1, p_satscan * (r_satscan + 1) - 1
    pooled = min(max((k_ours + k_satscan + 1) / (r_ours + r_satscan + 1), 1e-3), 1 - 1e-3)
    sd = math.sqrt(pooled * (1 - pooled) * (1 / r_ours + 1 / r_satscan))
    return abs(p_ours - p_satscan) <= z * sd + 1 / (r_ours + 1) + 1 / (r_satscan + 1)


@pytest.fixture(scope="module")
def satscan_dir(shared_data):
    """``../shared/data/satscan`` (skips without it; required in CI)."""
    folder = shared_data / "satscan"
    _need((folder / "NYCfever.cas").exists(), f"SaTScan's NYCfever sample not found in {folder}")
    return folder


def _parameter_file(satscan_dir, tmp_path, changes: dict[str, str]):
    """The sample's .prm with some settings changed, written to ``tmp_path``."""
    text = (satscan_dir / "NYCSpaceTimePermutation.prm").read_text()
    for key, value in changes.items():
        text, n = re.subn(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
        assert n == 1, key
    path = tmp_path / "run.prm"
    path.write_text(text)
    return path


WHOLE_WINDOWS = {"UseDistanceFromCenterOption": "n", "MaxTemporalSizeInterpretation": "0", "MaxTemporalSize": "50"}
RUNS = {
    "prospective": ("NYCfever_prospective_satscan-9.4.4.txt", {**WHOLE_WINDOWS, "AnalysisType": "4"}, 141),
    "retrospective": ("NYCfever_retrospective_satscan-10.0.2.txt", {**WHOLE_WINDOWS, "AnalysisType": "3"}, 999),
}


def parse_results(path) -> list[dict]:
    """The clusters of a SaTScan results file (printed strings kept for the precision)."""
    text = path.read_text()
    body = text.split("CLUSTERS DETECTED", 1)[1].split("_____", 1)[0]
    clusters = []
    for block in re.split(r"\n(?=\d+\.Location IDs)", body.strip()):
        ids_part = block.split("Coordinates / radius")[0].split(":", 1)[1]
        fields = dict(re.findall(r"^\s+([A-Z][A-Za-z /-]+?)\.*: (.+)$", block, flags=re.M))
        coords = re.match(r"\(([\d.]+) ([NS]), ([\d.]+) ([EW])\) / ([\d.]+) km", fields["Coordinates / radius"])
        start, end = fields["Time frame"].split(" to ")
        clusters.append({
            "locations": [x.strip() for x in ids_part.replace("\n", " ").split(",")],
            "lat": coords[1], "lon": coords[3], "radius": coords[5],
            "start": start, "end": end, "observed": int(fields["Number of cases"]),
            "expected": fields["Expected cases"], "ratio": fields["Observed / expected"],
            "llr": float(fields["Test statistic"]), "p": float(fields["P-value"]),
        })
    return clusters


def parse_readme_table(path) -> list[dict]:
    """The README's table of the parameter file's own run (3 km, 7 days)."""
    clusters = []
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].isdigit():
            first, last = cells[2].replace("–", "-").split("-") if "–" in cells[2] else (cells[2], cells[2])
            clusters.append({
                "locations": [x.strip() for x in cells[1].split(",")],
                "start": "2001/" + first, "end": "2001/" + last, "observed": int(cells[3]),
                "expected": cells[4], "llr": float(cells[5]),
            })
    return clusters


def _run(satscan_dir, prm, replications):
    data = satscan_files.load(satscan_dir / "NYCfever.cas", satscan_dir / "NYCfever.geo", prm, replications)
    return data, spacetime.scan(data.counts, data.lat, data.lon, data.settings)


def _day(date) -> str:
    return f"{date.year}/{date.month}/{date.day}"


def _assert_same_clusters(data, ours, theirs, with_geometry=True):
    assert len(ours) >= len(theirs), f"{len(ours)} clusters found, SaTScan reports {len(theirs)}"
    for n, (mine, its) in enumerate(zip(ours.itertuples(index=False), theirs), start=1):
        where = f"cluster {n}"
        assert [data.locations[i] for i in mine.locations] == its["locations"], where
        assert _day(data.unit_starts[mine.start]) == its["start"].replace("/0", "/"), where
        assert _day(data.unit_end(mine.end)) == its["end"].replace("/0", "/"), where
        assert int(mine.observed) == its["observed"], where
        assert satscan_number(mine.expected) == its["expected"], where
        assert abs(mine.llr - its["llr"]) <= 1e-6, where
        if with_geometry:
            assert f"{data.lat[mine.centre]:.6f}" == its["lat"], where
            assert f"{abs(data.lon[mine.centre]):.6f}" == its["lon"], where
            assert (f"{mine.radius_km:.2f}" if mine.radius_km > 0 else "0") == its["radius"], where


@pytest.mark.parametrize("run", sorted(RUNS))
def test_clusters_and_p_equal_satscan_results_files(satscan_dir, tmp_path, run):
    results_file, changes, satscan_replications = RUNS[run]
    theirs = parse_results(satscan_dir / results_file)
    data, ours = _run(satscan_dir, _parameter_file(satscan_dir, tmp_path, changes), REPLICATIONS[run])
    assert data.settings.prospective == (run == "prospective")
    assert data.settings.max_radius_km is None and data.settings.longest_window(24) == 12
    _assert_same_clusters(data, ours, theirs)
    for n, (mine, its) in enumerate(zip(ours.itertuples(index=False), theirs), start=1):
        assert p_agrees(mine.p, REPLICATIONS[run], its["p"], satscan_replications), (
            f"cluster {n}: p {mine.p:.3f} ({REPLICATIONS[run]} replications) vs SaTScan's {its['p']}")


def test_parameter_file_run_equals_the_readme_table(satscan_dir):
    theirs = parse_readme_table(satscan_dir / "README.md")
    assert len(theirs) == 3
    data, ours = _run(satscan_dir, satscan_dir / "NYCSpaceTimePermutation.prm", REPLICATIONS["prm"])
    assert data.settings.max_radius_km == 3 and data.settings.max_time == 7 and data.settings.prospective
    _assert_same_clusters(data, ours, theirs, with_geometry=False)
    assert (ours["radius_km"].iloc[:3] <= 3).all()
    # SaTScan published this run as a map with three clusters: the fourth has p = 1 (not listed)
    assert (ours["p"].iloc[:3] < 1).all() and (len(ours) == 3 or ours["p"].iloc[3] == 1.0)


def test_prospective_windows_all_end_at_the_last_day_and_retrospective_ones_need_not(satscan_dir, tmp_path):
    retro = _parameter_file(satscan_dir, tmp_path, {**WHOLE_WINDOWS, "AnalysisType": "3"})
    data, ours = _run(satscan_dir, retro, 9)
    assert (ours["end"] < data.counts.shape[1] - 1).any()
    data, ours = _run(satscan_dir, satscan_dir / "NYCSpaceTimePermutation.prm", 9)
    np.testing.assert_array_equal(ours["end"].to_numpy(), np.full(len(ours), data.counts.shape[1] - 1))
    assert (ours["n_units"] <= 7).all()

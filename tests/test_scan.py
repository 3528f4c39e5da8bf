"""Space-time permutation scan: LLR by brute force, calibration under the null, power, circles and ties."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from surveillance import spacetime
from surveillance.scan import dispersion, neighbour_order, scan_clusters
from surveillance.spacetime import ScanSettings, null_maxima


def _grid(side: int, jitter_seed: int = 3) -> np.ndarray:
    """A side × side grid of desa centroids 1 km apart, jittered so no two distances tie."""
    rng = np.random.default_rng(jitter_seed)
    xy = np.array(list(itertools.product(range(side), range(side))), dtype=float)
    return xy + rng.uniform(-0.05, 0.05, xy.shape)


def _brute_force_llrs(counts, xy, max_neighbours, max_weeks, max_share):
    """Every cylinder's LLR from the definitions, with loops and math.log only."""
    n, t = counts.shape
    total = counts.sum()
    c_z = [sum(counts[z]) for z in range(n)]
    c_t = [sum(counts[:, w]) for w in range(t)]
    out = {}
    for centre in range(n):
        by_distance = sorted(range(n), key=lambda z: math.dist(xy[centre], xy[z]))
        for k in range(1, max_neighbours + 1):
            zone = by_distance[:k]
            if sum(c_z[z] for z in zone) > max_share * total:
                break
            for d in range(1, max_weeks + 1):
                weeks = range(t - d, t)
                c = sum(counts[z, w] for z in zone for w in weeks)
                mu = sum(c_z[z] * c_t[w] / total for z in zone for w in weeks)
                if c > mu:
                    llr = c * math.log(c / mu) + ((total - c) * math.log((total - c) / (total - mu)) if total > c else 0.0)
                else:
                    llr = 0.0
                out[(centre, k, d)] = llr
    return out


def test_llr_of_every_cylinder_equals_brute_force():
    rng = np.random.default_rng(7)
    xy = _grid(3)
    counts = rng.poisson(3, (9, 6)).astype(float)
    counts[[4, 5], -1] += 6  # something to find
    settings = ScanSettings(max_locations=4, max_time=3, max_share=0.5, min_cases=1, replications=9)
    table, _, circles, starts, ends, cyl, _ = spacetime._prepare(counts, xy, settings, sphere=False)
    fast = cyl.llr(cyl.observed(table[:, cyl.first_unit:]))
    brute = _brute_force_llrs(counts, xy, max_neighbours=4, max_weeks=3, max_share=0.5)
    assert len(brute) > 50 and len(circles.centre) == len(brute) // 3  # every desa has cases: no circle left out
    for i, (centre, size) in enumerate(zip(circles.centre, circles.size)):
        for w, (start, end) in enumerate(zip(starts, ends)):
            assert end == 5
            assert fast[i, w] == pytest.approx(brute[(centre, size, end - start + 1)], rel=1e-9, abs=1e-9)
    # and the most likely cluster is the brute-force maximum
    result = scan_clusters(counts, xy, max_neighbours=4, max_weeks=3, n_permutations=99, min_cases=1)
    assert result["llr"].iloc[0] == pytest.approx(max(brute.values()), rel=1e-9)


def test_hand_worked_two_desa_example():
    # desa A: 2, 2, 6 cases; desa B: 2, 2, 2 (weeks 1..3). C = 16, C_A = 10, C_week3 = 8.
    # Cylinder {A} × {week 3}: c = 6, mu = 10 * 8 / 16 = 5,
    # LLR = 6 ln(6/5) + 10 ln(10/11) = 0.140854...
    counts = np.array([[2, 2, 6], [2, 2, 2]], dtype=float)
    xy = np.array([[0.0, 0.0], [1.0, 0.0]])
    result = scan_clusters(counts, xy, max_neighbours=1, max_weeks=1, n_permutations=9, max_share=1.0)
    expected_llr = 6 * math.log(6 / 5) + 10 * math.log(10 / 11)
    assert result["desa"].iloc[0] == [0]
    assert result[["observed", "expected"]].iloc[0].tolist() == [6.0, 5.0]
    assert result["llr"].iloc[0] == pytest.approx(expected_llr, rel=1e-9)


def test_permutations_keep_location_and_unit_totals():
    rng = np.random.default_rng(0)
    counts = rng.poisson(2, (12, 10)).astype(float)
    recent = spacetime._replicate_tables(counts, 6, 50, rng)  # the last 4 units only
    np.testing.assert_array_equal(recent.sum(axis=1), np.tile(counts.sum(axis=0)[6:], (50, 1)))
    assert (recent.sum(axis=2) <= counts.sum(axis=1)).all()
    whole = spacetime._replicate_tables(counts, 0, 20, rng)  # the whole table: both margins kept exactly
    np.testing.assert_array_equal(whole.sum(axis=1), np.tile(counts.sum(axis=0), (20, 1)))
    np.testing.assert_array_equal(whole.sum(axis=2), np.tile(counts.sum(axis=1), (20, 1)))
    assert not (whole == counts).all(axis=(1, 2)).any()
    # a location's expected share of a unit is C_z C_t / C: the mean over many draws comes close
    many = spacetime._replicate_tables(counts, 6, 2000, rng).mean(axis=0)
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)[6:]) / counts.sum()
    assert np.abs(many - expected).max() < 0.15


def test_locations_at_the_same_distance_enter_a_circle_together():
    # a centre with four desa 1 km away (a cross) and one 2 km away: circles of 1, 5 and 6 desa
    xy = np.array([[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [2, 0]], dtype=float)
    counts = np.ones((6, 4))
    settings = ScanSettings(max_share=1.0, max_time=1)
    circles = spacetime.build_circles(xy, counts.sum(axis=1), settings, sphere=False)
    assert sorted(circles.size[circles.centre == 0].tolist()) == [1, 5, 6]
    # at most 3 desa: the cross does not fit, so the centre alone
    small = spacetime.build_circles(xy, counts.sum(axis=1), settings.with_(max_locations=3), sphere=False)
    assert small.size[small.centre == 0].tolist() == [1]
    # at most 1.5 km: the cross, not the far desa
    near = spacetime.build_circles(xy, counts.sum(axis=1), settings.with_(max_radius_km=1.5), sphere=False)
    assert near.size[near.centre == 0].tolist() == [1, 5] and near.radius_km.max() <= 1.5


def test_locations_with_the_same_coordinates_are_one_location():
    # rows 0 and 2 share a point: their cases are one location's, and a cluster lists both
    xy = np.array([[0, 0], [5, 0], [0, 0], [10, 0]], dtype=float)
    counts = np.array([[0, 0, 3], [1, 1, 1], [0, 0, 3], [2, 2, 1]], dtype=float)
    found = spacetime.scan_cartesian(counts, xy, ScanSettings(max_share=0.6, replications=19))
    assert sorted(found["locations"].iloc[0]) == [0, 2] and found["observed"].iloc[0] == 6
    assert found["radius_km"].iloc[0] == 0


def test_min_cases_leaves_single_case_cylinders_out():
    xy = np.array([[0, 0], [5, 0], [10, 0]], dtype=float)
    counts = np.array([[0, 0, 1], [3, 3, 0], [3, 3, 0]], dtype=float)
    one = spacetime.scan_cartesian(counts, xy, ScanSettings(max_share=0.5, min_cases=1, replications=9))
    two = spacetime.scan_cartesian(counts, xy, ScanSettings(max_share=0.5, min_cases=2, replications=9))
    assert one["observed"].iloc[0] == 1 and (two["observed"] >= 2).all()


def test_secondary_clusters_are_each_centres_best_and_do_not_overlap():
    rng = np.random.default_rng(3)
    xy = _grid(6)
    counts = rng.poisson(2.0, (36, 10)).astype(float)
    counts[[0, 1], -1] += 8
    counts[[34, 35], -1] += 8
    found = spacetime.scan_cartesian(counts, xy, ScanSettings(max_locations=4, max_time=3, replications=19))
    seen = set()
    for locs in found["locations"]:
        assert not seen & set(locs)
        seen |= set(locs)
    assert found["llr"].is_monotonic_decreasing
    assert {0, 1} & set(found["locations"].iloc[0]) or {34, 35} & set(found["locations"].iloc[0])
    assert any({34, 35} & set(locs) for locs in found["locations"]) and any({0, 1} & set(locs) for locs in found["locations"])


def test_great_circle_radius_of_a_known_distance():
    # one degree of latitude on SaTScan's 6,367 km sphere: 111.125 km
    lat, lon = np.array([0.0, 1.0]), np.array([0.0, 0.0])
    counts = np.array([[0, 4], [1, 0]], dtype=float)
    found = spacetime.scan(counts, lat, lon, ScanSettings(max_share=1.0, min_cases=1, replications=9))
    circles = spacetime.build_circles(spacetime.unit_vectors(lat, lon), counts.sum(axis=1), ScanSettings(max_share=1.0))
    assert circles.radius_km.max() == pytest.approx(6367 * math.pi / 180, rel=1e-9)
    assert found["locations"].iloc[0] == [0]


def test_p_below_005_about_5_percent_under_the_null():
    """Under no space-time interaction, P(p < 0.05) should be 0.05 (p from (1 + k)/(R + 1)).

    300 null data sets of 25 desa × 20 weeks (Poisson, mean 2, no interaction), 99
    permutations each (p resolution 0.01: p < 0.05 means the data's LLR ranks in the
    top 4 of 100). Rejections ~ Binomial(300, 0.04..0.05): mean 12–15, sd ≈ 3.6. We
    accept 4..27 rejections (0.013–0.09), the 99.9 % binomial range around 0.05, so
    the test fails for a miscalibrated p (e.g. forgetting the +1, an expected count
    that ignores the permutation, or a p that is always small) but not by chance.
    """
    xy = _grid(5)
    order = neighbour_order(xy, 5)
    rng = np.random.default_rng(2024)
    rejections = 0
    replicates = 300
    for r in range(replicates):
        counts = rng.poisson(2.0, (25, 20)).astype(float)
        result = scan_clusters(counts, xy, max_neighbours=5, max_weeks=2, n_permutations=99, seed=r, max_clusters=1)
        rejections += bool(len(result) and result["p"].iloc[0] < 0.05)
    assert order.shape == (25, 5)
    print(f"null rejections at 0.05: {rejections}/{replicates}")
    assert 4 <= rejections <= 27, rejections


def test_injected_cluster_is_found_with_its_desa_and_weeks():
    rng = np.random.default_rng(11)
    xy = _grid(8)  # 64 desa
    counts = rng.poisson(3.0, (64, 52)).astype(float)
    order = neighbour_order(xy, 3)
    outbreak = order[27, :3]  # a desa and its two nearest neighbours
    counts[outbreak, -2:] = rng.poisson(9.0, (3, 2))  # 3 × baseline for 2 weeks
    result = scan_clusters(counts, xy, max_neighbours=10, n_permutations=999, seed=1)
    top = result.iloc[0]
    assert top["p"] <= 0.01
    # the dashboard's over-dispersion-adjusted p finds it too (Poisson data: φ ≈ 1)
    adjusted = scan_clusters(counts, xy, max_neighbours=10, n_permutations=999, seed=1, overdispersion=True)
    assert adjusted["p"].iloc[0] <= 0.01 and adjusted["desa"].iloc[0] == top["desa"]
    assert 1.0 <= adjusted["phi"].iloc[0] < 1.2
    assert top["recurrence"] >= 100
    found = set(top["desa"])
    assert len(found & set(outbreak.tolist())) >= 2 and len(found) <= 6
    assert top["n_weeks"] in (1, 2, 3)
    assert top["observed"] > 2 * top["expected"]
    # secondary clusters never share a desa with the most likely one
    for other in result["desa"].iloc[1:]:
        assert not found & set(other)


def test_dispersion_is_pearson_chi2_over_df_by_hand():
    # expected 3 in every cell: χ² = 4 · (5 − 3)² / 3 = 16/3, df = (2 − 1)(2 − 1) = 1
    assert dispersion(np.array([[1.0, 5.0], [5.0, 1.0]])) == pytest.approx(16 / 3)
    # a desa and a week without cases carry no information: same answer with them added
    padded = np.array([[1.0, 5.0, 0.0], [5.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    assert dispersion(padded) == pytest.approx(16 / 3)
    # less variation than Poisson is not used to make p smaller
    assert dispersion(np.full((3, 4), 2.0)) == 1.0


def test_overdispersion_adjustment_turns_a_borderline_cluster_off():
    """Gamma-Poisson counts (no cluster) whose most likely cluster passes the old rule but not the new one.

    25 desa × 20 weeks, each cell Poisson(3 · Gamma(2, 0.5)): variance 3 + 9/2 per cell, so φ
    is about 2.5. The plain permutation p (Poisson null) calls desa 15 and 10 in the latest week
    (10 cases, 3.1 expected) a cluster at p = 0.045; divided by φ its LLR ranks far down the same
    null distribution, and the cluster no longer signals.
    """
    rng0 = np.random.default_rng(3)
    xy = np.array(list(itertools.product(range(5), range(5))), dtype=float) + rng0.uniform(-0.05, 0.05, (25, 2))
    rng = np.random.default_rng(37)
    counts = rng.poisson(3.0 * rng.gamma(2.0, 0.5, (25, 20))).astype(float)
    kw = dict(max_neighbours=4, max_weeks=2, n_permutations=199, seed=0, max_clusters=1)
    top = scan_clusters(counts, xy, overdispersion=True, **kw).iloc[0]
    assert sorted(top["desa"]) == [10, 15] and top["n_weeks"] == 1 and top["observed"] == 10
    # φ from the definition, with loops
    total, c_z, c_t = counts.sum(), counts.sum(axis=1), counts.sum(axis=0)
    chi2 = sum((counts[z, t] - c_z[z] * c_t[t] / total) ** 2 / (c_z[z] * c_t[t] / total)
               for z in range(25) for t in range(20))
    assert top["phi"] == pytest.approx(chi2 / (24 * 19)) and top["phi"] > 2
    # the old rule signals: Poisson p ≤ 0.05 and at least twice the expected cases
    assert top["p_poisson"] <= 0.05 and top["observed"] >= 2 * top["expected"]
    # the new p ranks LLR / φ in the same permutation null: well above 0.05
    null = null_maxima(counts, xy, ScanSettings(max_locations=4, max_time=2, replications=199, seed=0))
    assert top["p"] == pytest.approx((1 + np.count_nonzero(null >= top["llr"] / top["phi"])) / 200)
    assert top["p"] > 0.05
    # without the adjustment p is the Poisson one
    plain = scan_clusters(counts, xy, **kw).iloc[0]
    assert plain["p"] == top["p_poisson"]


def test_null_distribution_is_reproducible_with_a_seed():
    rng = np.random.default_rng(5)
    counts = rng.poisson(2, (16, 12)).astype(float)
    settings = ScanSettings(max_locations=4, max_time=4, replications=30, seed=9)
    a = null_maxima(counts, _grid(4), settings)
    b = null_maxima(counts, _grid(4), settings)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, null_maxima(counts, _grid(4), settings.with_(seed=10)))
    assert (a >= 0).all() and a.std() > 0


def test_scan_rejects_bad_input_with_a_reason():
    with pytest.raises(ValueError, match="one pair per location"):
        scan_clusters(np.ones((3, 4)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="whole, non-negative"):
        scan_clusters(-np.ones((2, 4)), np.zeros((2, 2)))
    assert scan_clusters(np.zeros((2, 4)), np.zeros((2, 2))).empty

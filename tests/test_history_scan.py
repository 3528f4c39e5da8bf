"""Space-time scan with expected counts from each desa's own history: hand-worked LLR, missing weeks, null rate, power."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from surveillance.scan import history_dispersion, history_rates, history_scan_clusters, neighbour_order


def _grid(side: int, jitter_seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(jitter_seed)
    xy = np.array(list(itertools.product(range(side), range(side))), dtype=float)
    return xy + rng.uniform(-0.05, 0.05, xy.shape)


def test_hand_worked_two_desa_one_week_window():
    # history (4 weeks): desa A 2, 2, 2, 2 (8 cases), desa B 1, 1, 1, 1 (4 cases); r̄ = 12 / 8 = 3/2
    # r_A = (8 + 3/2) / 5 = 19/10, r_B = (4 + 3/2) / 5 = 11/10
    # window week: A 6, B 2 -> C_W = 8, expected A = 8 · 19/30 = 76/15, B = 8 · 11/30 = 44/15
    # {A}: LLR = 6 ln(6 / (76/15)) + 2 ln(2 / (44/15))
    counts = np.array([[2, 2, 2, 2, 6], [1, 1, 1, 1, 2]], dtype=float)
    xy = np.array([[0.0, 0.0], [1.0, 0.0]])
    np.testing.assert_allclose(history_rates(counts[:, :4]), [1.9, 1.1])
    top = history_scan_clusters(counts, xy, max_neighbours=1, max_weeks=1, n_permutations=9,
                                overdispersion=False).iloc[0]
    assert top["desa"] == [0] and top["n_weeks"] == 1 and top["observed"] == 6
    assert top["expected"] == pytest.approx(76 / 15)
    assert top["llr"] == pytest.approx(6 * math.log(6 / (76 / 15)) + 2 * math.log(2 / (44 / 15)), rel=1e-9)


def test_a_desa_without_report_has_neither_observed_nor_expected_cases():
    # three desa, equal histories (rate 2); in the window week desa 2 did not report.
    # The week's 9 cases are expected on desa 0 and 1 only (4.5 each); desa 0 has 7.
    counts = np.array([[2, 2, 2, 2, 7], [2, 2, 2, 2, 2], [2, 2, 2, 2, np.nan]], dtype=float)
    xy = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 0.0]])
    res = history_scan_clusters(counts, xy, max_neighbours=1, max_weeks=1, n_permutations=9, overdispersion=False)
    top = res.iloc[0]
    assert top["desa"] == [0] and top["observed"] == 7 and top["expected"] == pytest.approx(4.5)
    assert all(d != [2] for d in res["desa"])  # no cylinder of the silent desa alone can be an excess


def test_history_dispersion_leaves_missing_cells_out():
    # A: 1, 5, 3, —  B: 5, 1, 3, 3: rates A 3, B 3; week factors (6/6, 6/6, 6/6, 3/3) -> μ = 3 everywhere
    # χ² = (4 + 4 + 0 + 4 + 4 + 0 + 0) / 3 = 16/3, df = 7 cells − 2 − 4 + 1 = 2 -> φ = 8/3
    history = np.array([[1, 5, 3, np.nan], [5, 1, 3, 3]], dtype=float)
    assert history_dispersion(history) == pytest.approx(8 / 3)


def test_p_below_005_about_5_percent_under_the_null_with_missing_weeks():
    """300 null tables (25 desa with their own Poisson rates, 20 weeks, 5 % of cells not reported).

    Rejections at p < 0.05 with 99 replicates ~ Binomial(300, 0.04..0.05); 4..27 is
    the 99.9 % range (see the permutation scan's test): a p that ignores the desa's
    own rates, counts a missing week as 0, or forgets the +1 fails it.
    """
    xy = _grid(5)
    rng = np.random.default_rng(2024)
    rejections = 0
    for r in range(300):
        rate = rng.gamma(4.0, 0.5, (25, 1))
        counts = rng.poisson(rate * np.ones((25, 20))).astype(float)
        counts[rng.random(counts.shape) < 0.05] = np.nan
        res = history_scan_clusters(counts, xy, max_neighbours=5, max_weeks=2, n_permutations=99, seed=r,
                                    max_clusters=1, overdispersion=False)
        rejections += bool(len(res) and res["p"].iloc[0] < 0.05)
    print(f"null rejections at 0.05: {rejections}/300")
    assert 4 <= rejections <= 27, rejections


def test_injected_cluster_is_found_and_does_not_raise_its_own_baseline():
    rng = np.random.default_rng(11)
    xy = _grid(8)
    counts = rng.poisson(3.0, (64, 52)).astype(float)
    outbreak = neighbour_order(xy, 3)[27]
    counts[outbreak, -2:] = rng.poisson(9.0, (3, 2))
    top = history_scan_clusters(counts, xy, n_permutations=999, seed=1).iloc[0]
    members = top["desa"]
    assert len(set(members) & set(outbreak.tolist())) >= 2 and len(members) <= 5 and top["n_weeks"] in (1, 2)
    assert top["p"] <= 0.01 and top["observed"] > 2 * top["expected"]
    # expected: each window week's cases shared by the history rates (no missing cells here)
    rates = history_rates(counts[:, :-4])
    window = counts[:, -top["n_weeks"]:].sum()
    assert top["expected"] == pytest.approx(window * rates[members].sum() / rates.sum())
    # the permutation model's expected for the same cylinder counts the outbreak in the desa totals: larger
    perm_expected = counts[members].sum() * window / counts.sum()
    assert perm_expected > 1.05 * top["expected"]


def test_history_scan_rejects_bad_input():
    with pytest.raises(ValueError, match="at least 5 weeks"):
        history_scan_clusters(np.ones((3, 4)), np.zeros((3, 2)), max_weeks=1)
    with pytest.raises(ValueError, match="whole, non-negative"):
        history_scan_clusters(np.full((2, 8), 0.5), np.zeros((2, 2)))
    assert history_scan_clusters(np.zeros((2, 8)), np.array([[0.0, 0.0], [1.0, 0.0]]), max_weeks=2).empty

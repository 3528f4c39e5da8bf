"""Space-time clusters of desa × week tables: the dashboard's permutation scan and the history scan.

:func:`scan_clusters` is the space-time permutation scan of
:mod:`surveillance.spacetime` (SaTScan's, checked against SaTScan in
``tests/test_satscan_parity.py``) in the dashboard's vocabulary: desa, weeks,
at most ``max_neighbours`` desa per circle, windows of the last 1 …
``max_weeks`` weeks (prospective), and with ``overdispersion`` the p of LLR / φ
(φ = :func:`dispersion`: Pearson χ² / df of the desa × week table under no
space-time interaction, as in quasi-Poisson regression). Why φ: real weekly
counts vary more than Poisson around ``C_z C_t / C`` and the permutation null,
which is Poisson-like, then makes p far too small (φ = 1.15 multiplies false
signals by about 3 in ``bench/eval_alerts.py``). Which cluster is most likely
does not change; only its p does.

Weeks without a report count as 0 in the permutation scan (it needs a full
table): a desa that stops or starts reporting inside the study period can look
like a cluster, so read clusters together with the completeness table. The
workspace precomputation scans only the desa that reported the latest week.

:func:`history_scan_clusters` is an expectation-based variant (each desa's
expected share of a window week's cases from its own earlier weeks, missing
desa-weeks kept apart from 0, Monte Carlo null by multinomial redraws); it is
compared with the permutation scan in ``bench/eval_alerts.py`` and is not the
dashboard's default (see surveillance/README.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from surveillance.spacetime import ScanSettings, dispersion, scan_cartesian

__all__ = ["dispersion", "history_scan_clusters", "llr_poisson_permutation", "neighbour_order", "scan_clusters"]


def neighbour_order(xy: np.ndarray, max_neighbours: int) -> np.ndarray:
    """For each desa, itself and its nearest desa by centroid distance: (n, k) indices (a k-d tree query).

    Ties are broken by index, so results are reproducible.

    >>> neighbour_order(np.array([[0.0, 0.0], [3.0, 0.0], [1.0, 0.0]]), 2).tolist()
    [[0, 2], [1, 2], [2, 0]]
    """
    xy = np.asarray(xy, dtype=float)
    n = len(xy)
    k = int(min(max_neighbours, n))
    dist, idx = cKDTree(xy).query(xy, k=n)  # all, so that ties at the k-th distance are ordered by index
    dist, idx = dist.reshape(n, -1), idx.reshape(n, -1)
    dist = np.where(idx == np.arange(n)[:, None], -1.0, dist)  # the centre first even if another desa shares its point
    order = np.lexsort((idx, dist), axis=1)
    return np.take_along_axis(idx, order, axis=1)[:, :k]


def llr_poisson_permutation(c: np.ndarray, mu: np.ndarray, total: float) -> np.ndarray:
    """Log-likelihood ratio of the space-time permutation model; 0 where ``c <= mu``.

    >>> round(float(llr_poisson_permutation(np.array(10.0), np.array(4.0), 100.0)), 4)
    3.3544
    """
    c = np.asarray(c, dtype=float)
    mu = np.asarray(mu, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = c * np.log(c / mu)
        rest = total - c
        outside = np.where(rest > 0, rest * np.log(rest / (total - mu)), 0.0)
        llr = inside + outside
    return np.where((c > mu) & (mu > 0), llr, 0.0)


def scan_clusters(counts, xy, *, max_neighbours: int | None = 5, max_share: float = 0.5, max_weeks: int = 4,
                  n_permutations: int = 999, seed: int = 0, max_clusters: int = 10, min_cases: int = 2,
                  max_radius_km: float | None = None, overdispersion: bool = False) -> pd.DataFrame:
    """Prospective space-time permutation scan of a desa × week count table (SaTScan's, planar km).

    Parameters
    ----------
    counts : (n_desa, n_weeks) cases, oldest week first, the study period (e.g. the
        last 52 weeks); ``NaN`` (not reported) counts as 0.
    xy : (n_desa, 2) centroid coordinates in km.
    max_neighbours : most desa in a circle (the centre included); None = no limit.
    max_share, max_radius_km, min_cases : SaTScan's spatial limits and minimum cases (:class:`ScanSettings`).
    max_weeks : longest window, ending at the latest week (1 … max_weeks).
    n_permutations : Monte Carlo replications (999 gives p down to 0.001).
    seed : seed of the replications (the same data and seed give the same p).
    max_clusters : most clusters reported (the most likely plus secondary ones).
    overdispersion : rank ``llr / φ`` in the null instead of ``llr``.

    Returns
    -------
    DataFrame, one row per cluster, most likely first: ``desa`` (row indices,
    centre first), ``n_weeks``, ``observed``, ``expected``, ``llr``, ``p``,
    ``recurrence`` (weeks, 1/p), ``radius`` (km), ``phi``, ``p_poisson``.
    """
    if max_weeks < 1 or n_permutations < 1 or not 0 < max_share <= 1:
        raise ValueError("max_neighbours, max_weeks and n_permutations must be ≥ 1 and max_share in (0, 1]")
    settings = ScanSettings(max_share=max_share, max_radius_km=max_radius_km, max_locations=max_neighbours,
                            max_time=max_weeks, time_unit="week", min_cases=min_cases, prospective=True,
                            replications=n_permutations, seed=seed, max_clusters=max_clusters,
                            overdispersion=overdispersion)
    found = scan_cartesian(counts, xy, settings)
    return found.rename(columns={"locations": "desa", "n_units": "n_weeks", "radius_km": "radius"})[
        ["desa", "n_weeks", "observed", "expected", "llr", "p", "recurrence", "radius", "phi", "p_poisson"]]


def _cluster_table(picked, order, xy, llr, observed, expected, null, phi, overdispersion, columns) -> pd.DataFrame:
    """One row per picked cylinder ``(centre, neighbours, weeks - 1)``, p ranked in the null maxima ``null``.

    ``p_poisson`` ranks the LLR itself; ``p`` ranks LLR / φ when ``overdispersion``.
    """
    n_permutations = len(null)

    def p_value(value):
        return (1 + np.count_nonzero(null >= value - 1e-9 * max(1.0, value))) / (n_permutations + 1)

    rows = []
    for i, k, w in picked:
        members = order[i, : k + 1]
        value = float(llr[i, k, w])
        p_poisson = p_value(value)
        p = p_value(value / phi) if overdispersion else p_poisson
        rows.append({
            "desa": members.tolist(), "n_weeks": w + 1, "observed": float(observed[i, k, w]),
            "expected": float(expected[i, k, w]), "llr": value, "p": p, "recurrence": 1.0 / p,
            "radius": float(np.sqrt(((xy[members] - xy[i]) ** 2).sum(axis=1)).max()),
            "phi": phi, "p_poisson": p_poisson,
        })
    return pd.DataFrame(rows, columns=columns)


def _non_overlapping(llr: np.ndarray, order: np.ndarray, max_clusters: int) -> list[tuple[int, int, int]]:
    """Best cylinders by LLR whose desa do not overlap a better one: (centre, k, d) triples."""
    flat = np.flatnonzero(llr > 0)
    if flat.size == 0:
        return []
    best = flat[np.argsort(-llr.ravel()[flat], kind="stable")]
    used = np.zeros(order.shape[0], dtype=bool)
    picked, seen = [], set()
    for f in best:
        i, k, d = np.unravel_index(f, llr.shape)
        if (i, k) in seen:
            continue
        seen.add((i, k))
        members = order[i, : k + 1]
        if used[members].any():
            continue
        used[members] = True
        picked.append((int(i), int(k), int(d)))
        if len(picked) >= max_clusters or used.all():
            break
    return picked


def project_km(lon, lat) -> np.ndarray:
    """Longitude/latitude to kilometres on a local equirectangular plane (fine within a kabupaten)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    lat0 = np.deg2rad(np.nanmean(lat)) if len(lat) else 0.0
    return np.column_stack([lon * 111.32 * np.cos(lat0), lat * 110.57])


# -- space-time scan with expected counts from each desa's own history ----------------
def history_rates(history: np.ndarray) -> np.ndarray:
    """Each desa's weekly rate from its reported history weeks, shrunk by one pseudo-week at the overall rate.

    ``r_z = (C_z + r̄) / (n_z + 1)``, with ``C_z`` the desa's cases in its ``n_z``
    reported weeks (``NaN`` = not reported) and ``r̄`` all cases over all reported
    desa-weeks. The pseudo-week gives a desa with no case (or no report) in its
    history a small positive rate, so one case there is not an infinite excess.

    >>> history_rates(np.array([[2.0, 4.0, np.nan], [0.0, 0.0, 0.0]]))   # r̄ = 6 / 5 = 1.2
    array([2.4, 0.3])
    """
    history = np.asarray(history, dtype=float)
    reported = np.isfinite(history)
    cases = np.nansum(history, axis=1)
    weeks = reported.sum(axis=1)
    overall = cases.sum() / max(1, weeks.sum())
    return (cases + overall) / (weeks + 1.0)


def history_dispersion(history: np.ndarray) -> float:
    """Pearson χ² / df of the reported cells of a desa × week history table (floored at 1).

    Expected count of a reported cell: ``r_z f_t`` with ``r_z`` the desa's mean over
    its reported weeks and ``f_t = C_t / Σ_z r_z`` over the desa that reported week t
    (no space-time interaction, missing cells left out); df = reported cells −
    desa − weeks + 1. Without missing cells this is :func:`dispersion`.

    >>> history_dispersion(np.array([[1.0, 5.0], [5.0, 1.0]]))   # = dispersion(): 16 / 3
    5.333333333333333
    """
    history = np.asarray(history, dtype=float)
    reported = np.isfinite(history)
    keep_rows = np.nansum(history, axis=1) > 0
    history, reported = history[keep_rows], reported[keep_rows]
    keep_cols = np.nansum(history, axis=0) > 0
    history, reported = history[:, keep_cols], reported[:, keep_cols]
    n, t = history.shape
    if n < 2 or t < 2:
        return 1.0
    rate = np.nansum(history, axis=1) / reported.sum(axis=1)
    factor = np.nansum(history, axis=0) / (reported * rate[:, None]).sum(axis=0)
    mu = rate[:, None] * factor[None, :]
    chi2 = float(np.where(reported, (np.nan_to_num(history) - mu) ** 2 / mu, 0.0).sum())
    df = int(reported.sum()) - n - t + 1
    return max(1.0, chi2 / df) if df > 0 else 1.0


def history_window(counts: np.ndarray, max_weeks: int) -> tuple[np.ndarray, np.ndarray]:
    """Observed and expected cases per desa in each of the last ``max_weeks`` weeks (latest first).

    Expected: each week's cases (over the desa that reported it) shared in proportion
    to the desa's :func:`history_rates` of the weeks before the window; a desa-week
    without a report has 0 observed and 0 expected.

    >>> obs, exp = history_window(np.array([[1.0, 3.0, 6.0], [1.0, 1.0, 2.0], [2.0, 2.0, np.nan]]), 1)
    >>> obs.ravel().tolist(), exp.ravel().round(3).tolist()   # rates 17/9, 11/9, 17/9; 8 · 17/28, 8 · 11/28
    ([6.0, 2.0, 0.0], [4.857, 3.143, 0.0])
    """
    counts = np.asarray(counts, dtype=float)
    rates = history_rates(counts[:, :-max_weeks])
    window = counts[:, -max_weeks:][:, ::-1]
    reported = np.isfinite(window)
    observed = np.where(reported, np.round(np.nan_to_num(window)), 0.0)
    weight = reported * rates[:, None]
    totals = weight.sum(axis=0)
    share = np.divide(weight, totals, out=np.zeros_like(weight), where=totals > 0)
    return observed, share * observed.sum(axis=0)


class _HistoryCylinders:
    """Cylinders of :func:`history_scan_clusters`: expected counts fixed, window totals fixed."""

    def __init__(self, expected_cells: np.ndarray, order: np.ndarray, rates: np.ndarray, max_share: float):
        self.order = order
        d = expected_cells.shape[1]
        self.n_weeks = d
        self.cells = expected_cells  # (n, d), latest week first
        self.window_totals = np.cumsum(expected_cells.sum(axis=0))  # C_W of the last 1..d weeks (= observed totals)
        space = np.cumsum(rates[order], axis=1)
        self.allowed = space <= max_share * rates.sum()
        self.allowed[:, 0] = True
        self.expected = np.cumsum(np.cumsum(expected_cells, axis=1)[order], axis=1)  # (n, k, d)
        totals = self.window_totals[None, None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            self.log_mu = np.log(self.expected)
            self.log_rest = np.log(totals - self.expected)
        self.int_totals = np.rint(self.window_totals).astype(np.int64)
        whole = np.arange(int(self.int_totals[-1]) + 1 if d else 1, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.xlogx = np.where(whole > 0, whole * np.log(whole), 0.0)
        self.valid = self.allowed[:, :, None] & (self.expected > 0) & (self.expected < totals)

    def observed(self, recent: np.ndarray) -> np.ndarray:
        """Cylinder counts from (..., n, d) per-desa counts of the last 1..d weeks (cumulated)."""
        return np.cumsum(recent[..., self.order, :], axis=-2)

    def llr(self, observed: np.ndarray) -> np.ndarray:
        """Conditional Poisson LLR given each window's total; 0 where not allowed or not an excess."""
        c = np.rint(observed).astype(np.int64)
        rest = self.int_totals - c
        with np.errstate(invalid="ignore"):
            value = self.xlogx[c] + self.xlogx[np.maximum(rest, 0)] - c * self.log_mu - rest * self.log_rest
        value[~(self.valid & (c > self.expected))] = 0.0
        return value


def history_scan_clusters(counts, xy, *, max_neighbours: int = 5, max_share: float = 0.5, max_weeks: int = 4,
                          n_permutations: int = 999, seed: int = 0, max_clusters: int = 10,
                          overdispersion: bool = True) -> pd.DataFrame:
    """Prospective space-time scan whose expected counts come from each desa's own history.

    An expectation-based variant of the space-time scan (in the spirit of Neill et
    al. 2005, conditioned on each week's total like Kulldorff's Poisson model):

    * the last ``max_weeks`` weeks are the *window*; the weeks before are the
      desa's *history*, which never contains the weeks being judged (an outbreak
      does not raise its own baseline, as it does in the permutation model's
      ``C_z``);
    * each desa's weekly rate ``r_z`` is its mean over its reported history weeks
      (:func:`history_rates`); a window week's cases ``C_t`` (over the desa that
      reported it) are expected to fall on those desa in proportion to ``r_z``:
      ``b_zt = C_t r_z / Σ_{z reported t} r_z``. A desa-week without a report has
      neither observed nor expected cases, so a desa missing the latest week is
      still scanned in its other weeks and neither hides nor fakes a cluster;
    * cylinders are a desa and its nearest neighbours (at most ``max_share`` of the
      summed rates) over the last 1 … ``max_weeks`` weeks; LLR of a cylinder with
      ``c`` cases of the window's ``C_W``, ``μ`` expected:
      ``c ln(c/μ) + (C_W − c) ln((C_W − c)/(C_W − μ))`` when ``c > μ``;
    * p: each window week's cases are redrawn ``n_permutations`` times as a
      multinomial over the desa that reported it with probabilities ``∝ r_z``
      (Monte Carlo under "no cluster"), the largest LLR of each replicate kept,
      ``p = (1 + #{null ≥ LLR}) / (R + 1)``; with ``overdispersion`` the cluster's
      LLR is divided by ``φ`` = :func:`history_dispersion` of the history first
      (quasi-likelihood, as in :func:`scan_clusters`).

    Parameters and result columns as :func:`scan_clusters`, except that ``NaN``
    in ``counts`` means *not reported* and is kept apart from 0; the table needs
    at least ``max_weeks + 4`` weeks.
    """
    counts = np.asarray(counts, dtype=float)
    xy = np.asarray(xy, dtype=float)
    if counts.ndim != 2:
        raise ValueError("counts must be a desa × week table")
    if xy.shape != (counts.shape[0], 2):
        raise ValueError(f"xy must hold one (x, y) pair per desa: expected {(counts.shape[0], 2)}, got {xy.shape}")
    finite = counts[np.isfinite(counts)]
    if (finite < 0).any() or not np.allclose(finite, np.round(finite)):
        raise ValueError("counts must be whole, non-negative numbers of cases (NaN = not reported)")
    if max_neighbours < 1 or max_weeks < 1 or n_permutations < 1 or not 0 < max_share <= 1:
        raise ValueError("max_neighbours, max_weeks and n_permutations must be ≥ 1 and max_share in (0, 1]")
    if counts.shape[1] < max_weeks + 4:
        raise ValueError(f"need at least {max_weeks + 4} weeks: {max_weeks} to scan and the rest as history")
    columns = ["desa", "n_weeks", "observed", "expected", "llr", "p", "recurrence", "radius", "phi", "p_poisson"]
    d = max_weeks
    history = counts[:, :-d]
    rates = history_rates(history)
    obs_cells, exp_cells = history_window(counts, d)
    week_cases = obs_cells.sum(axis=0)
    share = np.divide(exp_cells, week_cases, out=np.zeros_like(exp_cells), where=week_cases > 0)
    if week_cases.sum() == 0:
        return pd.DataFrame(columns=columns)
    order = neighbour_order(xy, max_neighbours)
    cyl = _HistoryCylinders(exp_cells, order, rates, max_share)
    observed = cyl.observed(np.cumsum(obs_cells, axis=1))
    llr = cyl.llr(observed)
    picked = _non_overlapping(llr, order, max_clusters)
    if not picked:
        return pd.DataFrame(columns=columns)
    rng = np.random.default_rng(seed)
    null = np.empty(n_permutations)
    batch = 64
    for start in range(0, n_permutations, batch):
        m = min(batch, n_permutations - start)
        drawn = np.zeros((m, len(rates), d))
        for j in range(d):
            if week_cases[j] > 0:
                drawn[:, :, j] = rng.multinomial(int(week_cases[j]), share[:, j], size=m)
        null[start : start + m] = cyl.llr(cyl.observed(np.cumsum(drawn, axis=2))).reshape(m, -1).max(axis=1)
    phi = history_dispersion(history)
    return _cluster_table(picked, order, xy, llr, observed, cyl.expected, null, phi, overdispersion, columns)

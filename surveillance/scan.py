"""Space-time clusters: prospective space-time permutation scan (Kulldorff et al. 2005) and Gi* hot spots.

The scan statistic, as SaTScan's space-time permutation model runs it each week
for the latest data:

* **Cylinders**: a centre desa and its nearest neighbours by centroid distance
  (1, 2, … up to ``max_neighbours`` desa, and at most ``max_share`` of all cases
  in the study period), over the last 1 … ``max_weeks`` weeks (prospective: every
  cylinder ends at the latest week).
* **Expected** count of a cylinder Z × T under "no space-time interaction":
  ``μ = Σ_{z∈Z} Σ_{t∈T} C_z · C_t / C`` with C_z the desa's cases over the study
  period, C_t the week's cases over all desa and C the total.
* **LLR** = ``c ln(c/μ) + (C−c) ln((C−c)/(C−μ))`` when ``c > μ``, else 0
  (only excesses are scanned for).
* **p-value**: the data's week labels are permuted (each case keeps its desa and
  gets a random week, which keeps every C_z and C_t), the largest LLR of each
  permuted data set is recorded, and ``p = (1 + #{null max ≥ LLR}) / (R + 1)``.
  Secondary clusters are the next best cylinders that share no desa with a
  better one; their p uses the same null distribution of maxima (as SaTScan).
* **Recurrence interval**: with one analysis a week, ``1 / p`` weeks: how often
  a cluster this strong would appear by chance.

Weeks without a report count as 0 in the scan (the permutation model needs a
full table): a desa that stops or starts reporting inside the study period can
look like a cluster, so read clusters together with the completeness table. The
workspace precomputation scans only the desa that reported the latest week.

Permutations are drawn without listing cases: the cases landing in the latest
week are a multivariate hypergeometric draw from the desa totals, the week
before from what remains, and so on, so each permutation costs O(desa).
Cylinder counts are cumulative sums over the neighbour order, evaluated for a
batch of permutations at once with numpy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def neighbour_order(xy: np.ndarray, max_neighbours: int) -> np.ndarray:
    """For each desa, itself and its nearest desa by centroid distance: (n, k) indices.

    Ties are broken by index (a stable sort), so results are reproducible.
    """
    n = len(xy)
    k = int(min(max_neighbours, n))
    d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    d2[np.arange(n), np.arange(n)] = -1.0  # the centre comes first even if another desa shares its centroid
    return np.argsort(d2, axis=1, kind="stable")[:, :k]


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


class _Cylinders:
    """Everything about the cylinders that does not change under permutation."""

    def __init__(self, counts: np.ndarray, order: np.ndarray, max_weeks: int, max_share: float):
        self.order = order
        self.total = float(counts.sum())
        self.desa_totals = counts.sum(axis=1)  # C_z
        self.week_totals = counts.sum(axis=0)  # C_t
        d = min(max_weeks, counts.shape[1])
        self.n_weeks = d
        # M_d: cases in the last d weeks over all desa
        self.recent_totals = np.cumsum(self.week_totals[::-1][:d])
        space = np.cumsum(self.desa_totals[order], axis=1)  # (n, k) cases of each circle, study period
        self.allowed = space <= max_share * self.total
        self.allowed[:, 0] = True  # a single desa is always a candidate
        with np.errstate(invalid="ignore", divide="ignore"):
            self.expected = space[:, :, None] * self.recent_totals[None, None, :] / self.total
            # LLR = c ln c − c ln μ + (C−c) ln(C−c) − (C−c) ln(C−μ): the μ logs are fixed under
            # permutation and x ln x of whole counts is a table lookup, so no log per permutation
            self.log_mu = np.log(self.expected)
            self.log_rest = np.log(self.total - self.expected)
        whole = np.arange(int(round(self.total)) + 1, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.xlogx = np.where(whole > 0, whole * np.log(whole), 0.0)
        self.valid = self.allowed[:, :, None] & (self.expected > 0) & (self.expected < self.total)

    def observed(self, recent: np.ndarray) -> np.ndarray:
        """Cylinder counts from per-desa counts of the last 1..d weeks; ``recent`` is (..., n, d)."""
        gathered = recent[..., self.order, :]  # (..., n, k, d)
        return np.cumsum(gathered, axis=-2)

    def llr(self, observed: np.ndarray) -> np.ndarray:
        """LLR of every cylinder (0 where not allowed or not an excess), same shape as ``observed``."""
        c = np.rint(observed).astype(np.int64)
        rest = int(round(self.total)) - c
        with np.errstate(invalid="ignore"):
            value = self.xlogx[c]
            value += self.xlogx[rest]
            value -= c * self.log_mu
            value -= rest * self.log_rest
        value[~(self.valid & (c > self.expected))] = 0.0
        return value


def _recent_counts(counts: np.ndarray, d: int) -> np.ndarray:
    """(n, d): each desa's cases in the last 1, 2, …, d weeks."""
    return np.cumsum(counts[:, ::-1][:, :d], axis=1)


def _permuted_recent(desa_totals: np.ndarray, week_totals_recent: np.ndarray, n: int, rng) -> np.ndarray:
    """(n_perm, n_desa, d) recent counts after permuting week labels among all cases.

    The cases of the latest week are a multivariate hypergeometric draw from the
    desa totals, the week before a draw from what remains, and so on. Each draw is
    made desa by desa as conditional hypergeometric draws, vectorised over the
    ``n`` permutations (one numpy call per desa and week).
    """
    d = len(week_totals_recent)
    out = np.zeros((len(desa_totals), d, n))
    remaining = np.repeat(desa_totals.astype(np.int64)[:, None], n, axis=1)  # desa × permutation
    active = np.flatnonzero(desa_totals > 0)  # desa without cases never draw any
    for j in range(d):  # latest week first
        to_draw = np.full(n, int(week_totals_recent[j]), dtype=np.int64)
        pool = remaining[active].sum(axis=0)
        for i in active:
            good = remaining[i]
            pool -= good
            draw = rng.hypergeometric(good, pool, to_draw)
            to_draw -= draw
            remaining[i] = good - draw
            out[i, j] = draw
    return np.cumsum(out, axis=1).transpose(2, 0, 1)


def null_max_llr(counts: np.ndarray, order: np.ndarray, max_weeks: int = 4, max_share: float = 0.5,
                 n_permutations: int = 999, seed: int = 0, batch: int = 64) -> np.ndarray:
    """Largest LLR of each of ``n_permutations`` week-label permutations of ``counts``."""
    cyl = _Cylinders(counts, order, max_weeks, max_share)
    rng = np.random.default_rng(seed)
    week_recent = counts.sum(axis=0)[::-1][: cyl.n_weeks]
    recent = _permuted_recent(cyl.desa_totals, week_recent, n_permutations, rng)
    out = np.empty(n_permutations)
    for start in range(0, n_permutations, batch):
        block = recent[start : start + batch]
        out[start : start + len(block)] = cyl.llr(cyl.observed(block)).reshape(len(block), -1).max(axis=1)
    return out


def scan_clusters(counts, xy, *, max_neighbours: int = 10, max_share: float = 0.5, max_weeks: int = 4,
                  n_permutations: int = 999, seed: int = 0, max_clusters: int = 10) -> pd.DataFrame:
    """Prospective space-time permutation scan of a desa × week count table.

    Parameters
    ----------
    counts : (n_desa, n_weeks) cases, oldest week first, the study period (e.g. the
        last 52 weeks); ``NaN`` (not reported) counts as 0.
    xy : (n_desa, 2) centroid coordinates in a metric unit (km).
    max_neighbours : most desa in a cylinder (the centre included).
    max_share : most of the study period's cases inside a cylinder's desa.
    max_weeks : longest window, ending at the latest week (1 … max_weeks).
    n_permutations : Monte Carlo replicates (999 gives p down to 0.001).
    seed : seed of the permutations (the same data and seed give the same p).
    max_clusters : most clusters reported (the most likely plus secondary ones).

    Returns
    -------
    DataFrame, one row per cluster, most likely first: ``desa`` (list of row
    indices, centre first), ``n_weeks`` (window length), ``observed``,
    ``expected``, ``llr``, ``p``, ``recurrence`` (weeks), ``radius`` (xy units).
    Empty when there is no cylinder with more cases than expected.
    """
    counts, xy = _validate(counts, xy, max_neighbours, max_share, max_weeks, n_permutations)
    columns = ["desa", "n_weeks", "observed", "expected", "llr", "p", "recurrence", "radius"]
    if counts.sum() == 0:
        return pd.DataFrame(columns=columns)
    order = neighbour_order(xy, max_neighbours)
    cyl = _Cylinders(counts, order, max_weeks, max_share)
    observed = cyl.observed(_recent_counts(counts, cyl.n_weeks))
    llr = cyl.llr(observed)
    picked = _non_overlapping(llr, order, max_clusters)
    if not picked:
        return pd.DataFrame(columns=columns)
    null = null_max_llr(counts, order, max_weeks, max_share, n_permutations, seed)
    rows = []
    for i, k, d in picked:
        members = order[i, : k + 1]
        value = float(llr[i, k, d])
        p = (1 + np.count_nonzero(null >= value - 1e-9 * max(1.0, value))) / (n_permutations + 1)
        rows.append({
            "desa": members.tolist(), "n_weeks": d + 1, "observed": float(observed[i, k, d]),
            "expected": float(cyl.expected[i, k, d]), "llr": value, "p": p, "recurrence": 1.0 / p,
            "radius": float(np.sqrt(((xy[members] - xy[i]) ** 2).sum(axis=1)).max()),
        })
    return pd.DataFrame(rows, columns=columns)


def _validate(counts, xy, max_neighbours, max_share, max_weeks, n_permutations):
    """Arrays of the right shapes; a ValueError saying what is wrong otherwise."""
    counts = np.nan_to_num(np.asarray(counts, dtype=float), nan=0.0)
    xy = np.asarray(xy, dtype=float)
    if counts.ndim != 2:
        raise ValueError("counts must be a desa × week table")
    if xy.shape != (counts.shape[0], 2):
        raise ValueError(f"xy must hold one (x, y) pair per desa: expected {(counts.shape[0], 2)}, got {xy.shape}")
    if (counts < 0).any() or not np.allclose(counts, np.round(counts)):
        raise ValueError("counts must be whole, non-negative numbers of cases")
    if max_neighbours < 1 or max_weeks < 1 or n_permutations < 1 or not 0 < max_share <= 1:
        raise ValueError("max_neighbours, max_weeks and n_permutations must be ≥ 1 and max_share in (0, 1]")
    return np.round(counts), xy


def _non_overlapping(llr: np.ndarray, order: np.ndarray, max_clusters: int) -> list[tuple[int, int, int]]:
    """Best cylinders by LLR whose desa do not overlap a better one: (centre, k, d) triples."""
    flat = np.flatnonzero(llr > 0)
    if flat.size == 0:
        return []
    # for each (centre, k) the best window only: other windows overlap it in space
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


def gi_star_hotspots(values, xy, k: int = 8, alpha: float = 0.05) -> pd.DataFrame:
    """Getis-Ord Gi* of one week's counts per desa (esda), with k-nearest-neighbour weights.

    Parameters
    ----------
    values : counts per desa (``NaN`` = not reported, counted as 0 here).
    xy : (n, 2) centroid coordinates in a metric unit.
    k : neighbours in the weights (libpysal KNN), capped at n − 1.
    alpha : two-sided level for ``hotspot`` (z > 0) and ``coldspot``.

    Returns
    -------
    DataFrame with ``gi_z`` (standardised Gi*), ``p`` (normal approximation),
    ``hotspot``, ``coldspot``, in the input order.
    """
    from esda.getisord import G_Local
    from libpysal.weights import KNN

    y = np.nan_to_num(np.asarray(values, dtype=float))
    n = len(y)
    if n < 3 or y.sum() == 0 or np.all(y == y[0]):
        return pd.DataFrame({"gi_z": np.zeros(n), "p": np.ones(n), "hotspot": False, "coldspot": False})
    w = KNN.from_array(np.asarray(xy, dtype=float), k=min(k, n - 1))
    g = G_Local(y, w, transform="B", permutations=0, star=True)
    z = np.asarray(g.Zs, dtype=float)
    p = 2 * np.asarray(g.p_norm, dtype=float)  # esda's p_norm is one-sided
    p = np.minimum(p, 1.0)
    return pd.DataFrame({"gi_z": z, "p": p, "hotspot": (z > 0) & (p < alpha), "coldspot": (z < 0) & (p < alpha)})


def project_km(lon, lat) -> np.ndarray:
    """Longitude/latitude to kilometres on a local equirectangular plane (fine within a kabupaten)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    lat0 = np.deg2rad(np.nanmean(lat)) if len(lat) else 0.0
    return np.column_stack([lon * 111.32 * np.cos(lat0), lat * 110.57])

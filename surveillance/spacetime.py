"""The space-time permutation scan in SaTScan's terms (Kulldorff et al. 2005; SaTScan's model 2).

Input: a location × time-unit table of cases and each location's latitude and
longitude. The scan, as SaTScan runs it:

* **Locations** with identical coordinates are one location (SaTScan combines
  them and lists all their ids).
* **Circles**: around each location, the locations by great-circle distance
  from it (on SaTScan's sphere of radius 6,367 km), growing one distance at a
  time: locations at the same distance enter together. A circle may hold at
  most ``max_share`` of all cases (SaTScan's "maximum spatial size in population
  at risk": in this model the population is the cases), reach at most
  ``max_radius_km``, and, outside SaTScan, hold at most ``max_locations``.
* **Windows**: ``min_time`` … ``max_time`` time units; prospective: every
  window ends at the last unit; retrospective: any window in the study period.
* **Expected** cases of a cylinder (circle Z × window T):
  ``μ = C_Z · C_T / C`` (no space-time interaction).
* **LLR** (SaTScan's test statistic):
  ``c ln(c/μ) + (C−c) ln((C−c)/(C−μ))`` for high rates (``c > μ``) with at
  least ``min_cases`` cases, else 0.
* **Clusters**: each centre's best cylinder (the first of equal ones, smallest
  circle first), ranked by LLR; a secondary cluster shares no location with a
  better one (SaTScan's "no geographical overlap").
* **p**: the time units of all cases are permuted (every location's and every
  unit's total is kept), the largest LLR of each replication is recorded, and
  ``p = (1 + #{replications ≥ LLR}) / (R + 1)`` for every cluster (SaTScan's
  results file stops before clusters with p = 1; ``python app.py scan`` does too).
* **Recurrence interval** (prospective): ``1 / p`` time units.

Where the dashboard differs from SaTScan (``max_locations``,
``overdispersion``) see surveillance/README.md.

The circles come from one spatial index (a k-d tree on 3-D points of the
sphere, where straight-line distance orders locations as great-circle distance
does). Replications draw only what they need: for a prospective scan, the
cases of the last ``max_time`` units as successive multivariate hypergeometric
draws from the location totals; for a retrospective one, a shuffle of the
cases' time units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.spatial import cKDTree

EARTH_RADIUS_KM = 6367.0  # SaTScan's sphere, so that radii print as SaTScan prints them

CLUSTER_COLUMNS = [
    "locations", "centre", "radius_km", "start", "end", "n_units", "observed", "expected", "llr",
    "p", "recurrence", "phi", "p_poisson",
]


@dataclass(frozen=True)
class ScanSettings:
    """The scan's window and inference settings, named as SaTScan names them.

    Attributes
    ----------
    max_share : MaxSpatialSizeInPopulationAtRisk / 100 (the share of all cases a circle may hold); None = no limit.
    max_radius_km : MaxSpatialSizeInDistanceFromCenter when UseDistanceFromCenterOption=y; None = no limit.
    max_locations : most locations in a circle; not a SaTScan setting (None there).
    min_time, max_time : MinimumTemporalClusterSize and MaxTemporalSize in time units.
    max_time_share : MaxTemporalSize as a share of the study period, used when ``max_time`` is None.
    time_unit : "day" or "week" (the unit of the table; the scan itself only counts units).
    min_cases : MinimumCasesInHighRateClusters.
    prospective : AnalysisType 4 (True) or 3 (False).
    replications : MonteCarloReps.
    seed : seed of the replications.
    max_clusters : most clusters reported; None = all with p < 1.
    overdispersion : rank LLR / φ instead of LLR (the dashboard's quasi-likelihood p; not SaTScan).
    """

    max_share: float | None = 0.5
    max_radius_km: float | None = None
    max_locations: int | None = None
    min_time: int = 1
    max_time: int | None = None
    max_time_share: float = 0.5
    time_unit: str = "day"
    min_cases: int = 2
    prospective: bool = True
    replications: int = 999
    seed: int = 0
    max_clusters: int | None = None
    overdispersion: bool = False

    def with_(self, **changes) -> "ScanSettings":
        """A copy with some settings changed."""
        return replace(self, **changes)

    def longest_window(self, n_units: int) -> int:
        """The longest window in time units for a study period of ``n_units``."""
        if self.max_time is not None:
            return int(min(self.max_time, n_units))
        return max(1, int(np.floor(self.max_time_share * n_units + 1e-9)))


def unit_vectors(lat, lon) -> np.ndarray:
    """(n, 3) points on the unit sphere for latitudes and longitudes in degrees."""
    lat, lon = np.deg2rad(np.asarray(lat, dtype=float)), np.deg2rad(np.asarray(lon, dtype=float))
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def chord_to_km(chord) -> np.ndarray:
    """Great-circle distance (km) of a straight-line distance between unit-sphere points.

    >>> round(float(chord_to_km(2.0)), 1)   # antipodes: half the circumference
    20002.5
    """
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(np.asarray(chord, dtype=float) / 2, 0, 1))


def km_to_chord(km) -> np.ndarray:
    """Straight-line distance between unit-sphere points that are ``km`` apart on the sphere."""
    return 2 * np.sin(np.asarray(km, dtype=float) / (2 * EARTH_RADIUS_KM))


def combine_locations(coordinates) -> tuple[np.ndarray, list[np.ndarray]]:
    """Locations with identical coordinates as one: (group of each input row, rows of each group).

    Groups keep the order of their first row.

    >>> combine_locations([[1.0, 5.0], [2.0, 6.0], [1.0, 5.0]])[0].tolist()
    [0, 1, 0]
    """
    pairs = np.asarray(coordinates, dtype=float)
    _, first, inverse = np.unique(pairs, axis=0, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))  # groups numbered by first appearance
    group = rank[inverse.ravel()]
    members = [np.flatnonzero(group == g) for g in range(len(first))]
    return group, members


@dataclass
class Circles:
    """Every allowed circle: its centre, its locations (nearest first) and radius.

    ``members[i]`` lists the locations of circle i; circles with the same
    case-bearing locations as a smaller circle of the same centre are left out
    (they have the same counts, and SaTScan keeps the first of equal clusters).
    """

    centre: np.ndarray
    size: np.ndarray
    radius_km: np.ndarray
    order: list[np.ndarray]  # per centre: locations by distance
    index: sparse.csr_matrix  # (n_circles, n_locations) 0/1 membership


def build_circles(points: np.ndarray, location_cases: np.ndarray, settings: ScanSettings,
                  sphere: bool = True) -> Circles:
    """The circles of the scan around each location, from one k-d tree of the locations.

    Parameters
    ----------
    points : (n, 3) unit-sphere points (``sphere``) or (n, 2) planar km of the (combined) locations.
    location_cases : (n,) each location's cases over the study period.
    settings : ``max_share``, ``max_radius_km``, ``max_locations``.
    sphere : whether ``points`` are on the unit sphere (distances are then great-circle km).
    """
    to_km = chord_to_km if sphere else (lambda d: np.asarray(d, dtype=float))
    from_km = km_to_chord if sphere else (lambda d: np.asarray(d, dtype=float))
    n = len(points)
    tree = cKDTree(points)
    total = float(location_cases.sum())
    k = n if settings.max_locations is None else min(n, settings.max_locations + 1)  # +1: see ties at the edge
    limit = np.inf if settings.max_radius_km is None else float(from_km(settings.max_radius_km)) * (1 + 1e-12)
    dist, idx = tree.query(points, k=k, distance_upper_bound=limit)
    dist, idx = np.atleast_2d(dist).reshape(n, -1), np.atleast_2d(idx).reshape(n, -1)
    centres, sizes, radii, orders, rows = [], [], [], [], []
    for c in range(n):
        found = idx[c] < n
        d, nb = dist[c, found], idx[c, found]
        # a stable order by distance, the centre first even if another location shares its point
        d = np.where(nb == c, -1.0, d)
        o = np.lexsort((nb, d))
        d, nb = np.maximum(d[o], 0.0), nb[o]
        orders.append(nb)
        cum = np.cumsum(location_cases[nb])
        last_cases = -1.0
        for m in range(1, len(nb) + 1):
            if m < len(nb) and d[m] - d[m - 1] <= 1e-12:
                continue  # a circle takes every location at its radius
            if settings.max_locations is not None and m > settings.max_locations:
                break
            if settings.max_share is not None and cum[m - 1] > settings.max_share * total + 1e-9:
                break
            if cum[m - 1] == last_cases:
                continue  # no new case-bearing location: the smaller circle already has these counts
            last_cases = cum[m - 1]
            centres.append(c)
            sizes.append(m)
            radii.append(float(to_km(d[m - 1])))
            rows.append(nb[:m])
    lengths = [len(r) for r in rows]
    index = sparse.csr_matrix((np.ones(sum(lengths)), np.concatenate(rows) if rows else np.zeros(0, dtype=int),
                               np.concatenate([[0], np.cumsum(lengths)])), shape=(len(rows), n))
    return Circles(np.asarray(centres, dtype=int), np.asarray(sizes, dtype=int), np.asarray(radii), orders, index)


def windows(n_units: int, settings: ScanSettings) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) unit indices (end inclusive) of every temporal window."""
    longest = settings.longest_window(n_units)
    lengths = np.arange(settings.min_time, longest + 1)
    if settings.prospective:
        return n_units - lengths, np.full(len(lengths), n_units - 1)
    starts, ends = [], []
    for length in lengths:
        s = np.arange(0, n_units - length + 1)
        starts.append(s)
        ends.append(s + length - 1)
    if not starts:
        return np.array([], dtype=int), np.array([], dtype=int)
    return np.concatenate(starts), np.concatenate(ends)


class _Cylinders:
    """Expected counts and the fixed parts of the LLR of every circle × window.

    ``index`` is the circles' 0/1 membership of the locations that have cases
    (``active``); locations without cases never change a count.
    """

    def __init__(self, counts: np.ndarray, index: np.ndarray, active: np.ndarray, starts: np.ndarray,
                 ends: np.ndarray, min_cases: int):
        self.total = int(counts.sum())
        self.active = active
        self.first_unit = int(starts.min()) if len(starts) else 0
        self.starts, self.ends = starts - self.first_unit, ends - self.first_unit
        self.index = index
        circle_cases = index @ counts[active].sum(axis=1)  # C_Z
        unit_cases = counts.sum(axis=0)
        cum = np.concatenate([[0.0], np.cumsum(unit_cases)])
        window_cases = cum[ends + 1] - cum[starts]  # C_T
        self.expected = np.outer(circle_cases, window_cases) / max(self.total, 1)
        # LLR = x ln x + (C−x) ln(C−x) − C ln(C−μ) − x (ln μ − ln(C−μ)) with x the cylinder's cases:
        # one table lookup and one multiply-add per cylinder and replication
        whole = np.arange(self.total + 1, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            xlogx = np.where(whole > 0, whole * np.log(whole), 0.0)
            log_mu = np.log(self.expected)
            log_rest = np.where(self.expected < self.total, np.log(self.total - self.expected), 0.0)
        self.table = xlogx + xlogx[::-1]
        self.offset = -self.total * log_rest
        self.slope = log_mu - log_rest
        # a high rate with at least min_cases cases: x ≥ this (a cylinder without expected cases never counts)
        least = np.maximum(np.floor(self.expected + 1e-9) + 1, max(1, int(min_cases)))
        self.least = np.where(self.expected > 0, least, self.total + 1).astype(np.int32)
        # windows grouped by length, each group's starts consecutive: sums by slicing, not gathering
        self.groups = []
        for length in np.unique(self.ends - self.starts + 1):
            cols = np.flatnonzero(self.ends - self.starts + 1 == length)
            self.groups.append((int(length), int(self.starts[cols].min()), int(self.starts[cols].max()), cols))

    def observed(self, unit_counts: np.ndarray) -> np.ndarray:
        """Cylinder counts (..., circles, windows) from location × unit counts (..., n, units)."""
        counts = unit_counts[..., self.active, :]
        if counts.ndim == 2:
            per_circle = self.index @ counts
        else:  # (batch, locations, units): one sparse product for the whole batch
            b, n, u = counts.shape
            per_circle = (self.index @ counts.transpose(1, 0, 2).reshape(n, b * u)).reshape(-1, b, u).transpose(1, 0, 2)
        per_circle = np.rint(per_circle).astype(np.int32)
        cum = np.concatenate([np.zeros(per_circle.shape[:-1] + (1,), dtype=np.int32),
                              np.cumsum(per_circle, axis=-1, dtype=np.int32)], axis=-1)
        out = np.empty(per_circle.shape[:-1] + (len(self.starts),), dtype=np.int32)
        for length, first, last, cols in self.groups:
            out[..., cols] = cum[..., first + length : last + length + 1] - cum[..., first : last + 1]
        return out

    def llr(self, observed: np.ndarray) -> np.ndarray:
        """LLR of every cylinder; 0 unless a high rate with at least ``min_cases`` cases."""
        value = self.table[observed]
        value += self.offset
        with np.errstate(invalid="ignore"):
            value -= observed * self.slope
        return np.where(observed >= self.least, value, 0.0)


def dispersion(counts: np.ndarray) -> float:
    """Pearson χ² / df of a location × unit table under no space-time interaction (floored at 1).

    >>> dispersion(np.array([[4.0, 0.0], [0.0, 4.0]]))   # expected 2 each: χ² = 8, df = 1
    8.0
    """
    counts = np.asarray(counts, dtype=float)
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    n, t = counts.shape
    if n < 2 or t < 2:
        return 1.0
    mu = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / counts.sum()
    return max(1.0, float(((counts - mu) ** 2 / mu).sum()) / ((n - 1) * (t - 1)))


def _replicate_tables(counts: np.ndarray, first_unit: int, n: int, rng) -> np.ndarray:
    """(n, locations, units from ``first_unit``) tables with the cases' time units permuted.

    Only the units a window can touch are drawn: the cases that get those units'
    labels are a random subset (without replacement) of all cases, and the labels
    go to them in the subset's random order. Every location's and every unit's
    total is kept; a retrospective scan draws the whole table this way.
    """
    n_loc, n_units = counts.shape
    width = n_units - first_unit
    location_of_case = np.repeat(np.arange(n_loc), counts.sum(axis=1).astype(np.int64))
    labels = np.repeat(np.arange(width), counts[:, first_unit:].sum(axis=0).astype(np.int64))
    out = np.zeros((n, n_loc, width))
    for r in range(n):
        picked = rng.choice(len(location_of_case), size=len(labels), replace=False)
        out[r] = np.bincount(location_of_case[picked] * width + labels, minlength=n_loc * width).reshape(n_loc, width)
    return out


def null_max_llr(counts: np.ndarray, cylinders: _Cylinders, replications: int, seed: int) -> np.ndarray:
    """Largest LLR of each of ``replications`` permutations of the cases' time units."""
    rng = np.random.default_rng(seed)
    batch = int(np.clip(4_000_000 // max(1, cylinders.expected.size), 1, 64))  # bounded memory
    out = np.empty(replications)
    for start in range(0, replications, batch):
        m = min(batch, replications - start)
        tables = _replicate_tables(counts, cylinders.first_unit, m, rng)
        out[start : start + m] = cylinders.llr(cylinders.observed(tables)).reshape(m, -1).max(axis=1)
    return out


def scan(counts, lat, lon, settings: ScanSettings = ScanSettings()) -> pd.DataFrame:
    """Space-time permutation scan of a location × time-unit table (oldest unit first).

    Parameters
    ----------
    counts : (n_locations, n_units) whole cases; ``NaN`` counts as 0.
    lat, lon : each location's coordinates in degrees (distances: great-circle km).
    settings : the scan's settings (:class:`ScanSettings`).

    Returns
    -------
    DataFrame, one row per cluster, most likely first: ``locations`` (row
    indices, centre first, then by distance; rows sharing coordinates together),
    ``centre`` (row), ``radius_km``, ``start``, ``end`` (unit indices, end
    inclusive), ``n_units``, ``observed``, ``expected``, ``llr``, ``p``,
    ``recurrence`` (units, prospective only), ``phi`` (the table's dispersion),
    ``p_poisson`` (p of the LLR itself; ``p`` ranks LLR / φ when
    ``settings.overdispersion``).
    """
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    if lat.shape != lon.shape or lat.ndim != 1:
        raise ValueError("lat and lon must be one value per location each")
    if not (np.isfinite(lat).all() and np.isfinite(lon).all()) or (np.abs(lat) > 90).any() or (np.abs(lon) > 180).any():
        raise ValueError("latitude must be in [-90, 90] and longitude in [-180, 180]")
    return _scan(counts, np.column_stack([lat, lon]), settings, sphere=True)


def scan_cartesian(counts, xy, settings: ScanSettings = ScanSettings()) -> pd.DataFrame:
    """:func:`scan` with planar coordinates in km (SaTScan's Cartesian coordinates).

    >>> counts = np.array([[0, 0, 6], [0, 1, 0], [2, 2, 1], [3, 2, 1]])
    >>> found = scan_cartesian(counts, [[0, 0], [1, 0], [5, 5], [6, 5]], ScanSettings(replications=9))
    >>> row = found.iloc[0]   # 6 of location 0's 6 cases in the last of 3 units
    >>> row["locations"], int(row["start"]), int(row["end"]), float(row["observed"])
    ([0], 2, 2, 6.0)
    """
    return _scan(counts, np.asarray(xy, dtype=float), settings, sphere=False)


def null_maxima(counts, xy, settings: ScanSettings) -> np.ndarray:
    """The replications' largest LLRs of :func:`scan_cartesian` on the same data and settings (its p's null)."""
    prepared = _prepare(counts, np.asarray(xy, dtype=float), settings, sphere=False)
    if prepared is None:
        return np.zeros(settings.replications)
    table, _, _, _, _, _, null_cyl = prepared
    return null_max_llr(table, null_cyl, settings.replications, settings.seed)


def _prepare(counts, coordinates: np.ndarray, settings: ScanSettings, sphere: bool):
    """Combined locations, circles, windows and cylinders (None when there is nothing to scan)."""
    counts = _validate(counts, coordinates, settings)
    group, members = combine_locations(coordinates)
    table = np.zeros((len(members), counts.shape[1]))
    np.add.at(table, group, counts)
    if table.sum() == 0:
        return None
    first = coordinates[[m[0] for m in members]]
    points = unit_vectors(first[:, 0], first[:, 1]) if sphere else first
    circles = build_circles(points, table.sum(axis=1), settings, sphere=sphere)
    starts, ends = windows(table.shape[1], settings)
    if len(circles.centre) == 0 or len(starts) == 0:
        return None
    active = table.sum(axis=1) > 0
    index = circles.index[:, active]
    cyl = _Cylinders(table, index, active, starts, ends, settings.min_cases)
    # circles of different centres often hold the same case-bearing locations: the null needs each once
    null_cyl = _Cylinders(table, index[_distinct_rows(index)], active, starts, ends, settings.min_cases)
    return table, members, circles, starts, ends, cyl, null_cyl


def _distinct_rows(index: sparse.csr_matrix) -> np.ndarray:
    """The first of each set of identical rows of a 0/1 matrix."""
    index.sort_indices()
    first = {}
    for i in range(index.shape[0]):
        first.setdefault(index.indices[index.indptr[i] : index.indptr[i + 1]].tobytes(), i)
    return np.array(sorted(first.values()), dtype=int)


def _scan(counts, coordinates: np.ndarray, settings: ScanSettings, sphere: bool) -> pd.DataFrame:
    """The scan on (lat, lon) pairs (``sphere``) or planar km."""
    prepared = _prepare(counts, coordinates, settings, sphere)
    if prepared is None:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    table, members, circles, starts, ends, cyl, null_cyl = prepared
    observed = cyl.observed(table[:, cyl.first_unit:])
    llr = cyl.llr(observed)
    picked = _secondary_free(llr, circles, settings.max_clusters)
    if not picked:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    null = null_max_llr(table, null_cyl, settings.replications, settings.seed)
    phi = dispersion(table)
    return _cluster_table(picked, circles, members, starts, ends, observed, cyl.expected, llr, null, phi, settings)


def _validate(counts, coordinates, settings):
    """The count table; a ValueError saying what is wrong with the input otherwise."""
    counts = np.nan_to_num(np.asarray(counts, dtype=float), nan=0.0)
    if counts.ndim != 2:
        raise ValueError("counts must be a location × time-unit table")
    if coordinates.shape != (counts.shape[0], 2):
        raise ValueError(f"coordinates must be one pair per location: expected {(counts.shape[0], 2)}, "
                         f"got {coordinates.shape}")
    if not np.isfinite(coordinates).all():
        raise ValueError("coordinates must be finite numbers")
    if (counts < 0).any() or not np.allclose(counts, np.round(counts)):
        raise ValueError("counts must be whole, non-negative numbers of cases")
    if settings.max_share is not None and not 0 < settings.max_share <= 1:
        raise ValueError("max_share must be in (0, 1]")
    if settings.max_radius_km is not None and settings.max_radius_km < 0:
        raise ValueError("max_radius_km must be ≥ 0")
    if settings.min_time < 1 or (settings.max_time is not None and settings.max_time < settings.min_time):
        raise ValueError("min_time must be ≥ 1 and max_time ≥ min_time")
    if settings.replications < 1:
        raise ValueError("replications must be ≥ 1")
    if settings.max_locations is not None and settings.max_locations < 1:
        raise ValueError("max_locations must be ≥ 1")
    return np.round(counts)


def _secondary_free(llr: np.ndarray, circles: Circles, max_clusters: int | None) -> list[tuple[int, int]]:
    """Each centre's best cylinder, best first, without geographical overlap: (circle, window) pairs."""
    if llr.size == 0 or not (llr > 0).any():
        return []
    best_window = llr.argmax(axis=1)  # first of equal windows
    best = llr[np.arange(len(llr)), best_window]
    picked_per_centre = {}
    for i in np.flatnonzero(best > 0):  # circles in order: smallest first within a centre
        c = circles.centre[i]
        if c not in picked_per_centre or best[i] > best[picked_per_centre[c]]:
            picked_per_centre[c] = i
    tops = np.array(sorted(picked_per_centre.values()))
    # equal LLR: fewer locations first, as SaTScan ranks them (its NYCfever output shows it)
    value = np.round(best[tops], 9)
    tops = tops[np.lexsort((circles.centre[tops], circles.size[tops], -value))]
    used = np.zeros(circles.index.shape[1], dtype=bool)
    picked = []
    for i in tops:
        inside = circles.index.indices[circles.index.indptr[i] : circles.index.indptr[i + 1]]
        if used[inside].any():
            continue
        used[inside] = True
        picked.append((int(i), int(best_window[i])))
        if max_clusters is not None and len(picked) >= max_clusters:
            break
    return picked


def _cluster_table(picked, circles, members, starts, ends, observed, expected, llr, null, phi, settings) -> pd.DataFrame:
    """One row per picked cylinder, p ranked among the replications' maxima ``null``."""
    n = len(null)

    def p_value(value):
        return (1 + np.count_nonzero(null >= value - 1e-9 * max(1.0, value))) / (n + 1)

    rows = []
    for i, w in picked:
        value = float(llr[i, w])
        p_poisson = p_value(value)
        p = p_value(value / phi) if settings.overdispersion else p_poisson
        centre = int(circles.centre[i])
        locs = circles.order[centre][: circles.size[i]]
        rows.append({
            "locations": [int(r) for g in locs for r in members[g]], "centre": int(members[centre][0]),
            "radius_km": float(circles.radius_km[i]), "start": int(starts[w]), "end": int(ends[w]),
            "n_units": int(ends[w] - starts[w] + 1), "observed": float(observed[i, w]),
            "expected": float(expected[i, w]), "llr": value, "p": p,
            "recurrence": 1.0 / p if settings.prospective else np.nan, "phi": phi, "p_poisson": p_poisson,
        })
    return pd.DataFrame(rows, columns=CLUSTER_COLUMNS)

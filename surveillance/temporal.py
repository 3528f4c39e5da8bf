"""Temporal alert methods on weekly count series: CDC EARS C1/C2/C3 and SKDR rules.

Every method is a plain function on a count series (oldest week first) that
returns, per week, the ``expected`` count, the ``upper`` bound, ``alarm`` and a
``score``. They share one procedure (:class:`AlertMethod`: validate → bounds →
alarm → assemble); each method overrides one hook, :meth:`AlertMethod._bounds`.
The same objects run on a 2-D array (one row per desa) for speed, which is how
the workspace precomputation and the benchmarks call them.

Missing weeks (no report) are ``NaN``, never zero: a missing week gets no bound
and no alarm, and baselines use the weeks that were reported (at least 3 of
them). With complete series this is exactly R's ``surveillance::earsC``.

One case after seven empty weeks alarms in R's earsC (sd 0); a floor on the
standard deviation stops that:

>>> bool(ears_c1([0, 0, 0, 0, 0, 0, 0, 1]).alarm.iloc[-1])
True
>>> last = ears_c1([0, 0, 0, 0, 0, 0, 0, 1], min_sigma=0.5).iloc[-1]
>>> float(last.expected), round(float(last.upper), 3), bool(last.alarm)
(0.0, 1.545, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

MIN_BASELINE_WEEKS = 3  # earsC refuses baselines shorter than 3


@dataclass
class AlertResult:
    """Per-week output of an alert method; arrays shaped like the input counts."""

    expected: np.ndarray
    upper: np.ndarray
    alarm: np.ndarray
    score: np.ndarray

    def frame(self, row: int = 0) -> pd.DataFrame:
        """One series' result as a DataFrame (columns expected, upper, alarm, score)."""
        return pd.DataFrame(
            {"expected": self.expected[row], "upper": self.upper[row], "alarm": self.alarm[row], "score": self.score[row]}
        )


class AlertMethod:
    """One base for all alert methods: the procedure lives here, variants override :meth:`_bounds`.

    Parameters are set by the subclass's constructor. ``inclusive`` says whether
    an alarm is ``count >= upper`` (SKDR thresholds are stated "at least") or
    EARS's strict ``count > upper``.
    """

    name = "base"
    label = "base"
    inclusive = False

    chunk_rows = 8192  # bounds the temporary arrays for the national table (83,000 desa)

    def run(self, counts) -> AlertResult:
        """Run on a 1-D series or a 2-D array (series × weeks); ``NaN`` = missing week."""
        y = self._validate(counts)
        if len(y) <= self.chunk_rows:
            expected, upper, score = self._bounds(y)
            return AlertResult(expected, upper, self._alarm(y, upper), score)
        out = AlertResult(np.empty(y.shape), np.empty(y.shape), np.empty(y.shape, dtype=bool), np.empty(y.shape))
        for start in range(0, len(y), self.chunk_rows):
            block = slice(start, start + self.chunk_rows)
            expected, upper, score = self._bounds(y[block])
            out.expected[block], out.upper[block], out.score[block] = expected, upper, score
            out.alarm[block] = self._alarm(y[block], upper)
        return out

    def __call__(self, counts) -> pd.DataFrame:
        """Run on one series and return a DataFrame with expected, upper, alarm, score."""
        y = np.asarray(counts, dtype=float)
        if y.ndim != 1:
            raise ValueError("an alert method called as a function takes one series; use .run() for a 2-D array")
        return self.run(y).frame()

    # -- steps -------------------------------------------------------------------
    def _validate(self, counts) -> np.ndarray:
        """Counts as a float 2-D array; negative counts are an error."""
        y = np.array(counts, dtype=float, ndmin=2)
        if y.ndim != 2:
            raise ValueError(f"counts must be a series or a 2-D array, got {y.ndim} dimensions")
        if np.nanmin(y, initial=0.0) < 0:
            raise ValueError("weekly counts cannot be negative")
        return y

    def _bounds(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Hook: (expected, upper, score) per week; ``NaN`` where the method says nothing."""
        raise NotImplementedError

    def _alarm(self, y: np.ndarray, upper: np.ndarray) -> np.ndarray:
        """Alarm where the count passes the bound; no alarm where either is missing."""
        with np.errstate(invalid="ignore"):
            hit = y >= upper if self.inclusive else y > upper
        return hit & np.isfinite(y) & ~np.isnan(upper)


# -- rolling baseline statistics ---------------------------------------------------
def _rolling_mean_sd(y: np.ndarray, baseline: int, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, sample sd and count of reported weeks over ``y[t-lag-baseline+1 .. t-lag]``.

    Uses cumulative sums of counts and squares; for integer counts every sum is
    exact in float64, and the variance numerator ``n·Σx² − (Σx)²`` is computed
    in integers, so a flat baseline has sd exactly 0, as in R.
    """
    n_series, n_weeks = y.shape
    ok = np.isfinite(y)
    v = np.where(ok, y, 0.0)
    zeros = np.zeros((n_series, 1))
    c1 = np.concatenate([zeros, np.cumsum(v, axis=1)], axis=1)
    c2 = np.concatenate([zeros, np.cumsum(v * v, axis=1)], axis=1)
    cn = np.concatenate([zeros, np.cumsum(ok, axis=1, dtype=float)], axis=1)
    mean = np.full(y.shape, np.nan)
    sd = np.full(y.shape, np.nan)
    n = np.zeros(y.shape)
    first = lag + baseline - 1  # first week with a full window
    if first >= n_weeks:
        return mean, sd, n
    hi = np.arange(first, n_weeks) - lag + 1  # window is [hi - baseline, hi)
    lo = hi - baseline
    s1 = c1[:, hi] - c1[:, lo]
    s2 = c2[:, hi] - c2[:, lo]
    k = cn[:, hi] - cn[:, lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        m = s1 / k
        var = (k * s2 - s1 * s1) / (k * (k - 1))
    enough = k >= MIN_BASELINE_WEEKS
    mean[:, first:] = np.where(enough, m, np.nan)
    sd[:, first:] = np.where(enough, np.sqrt(np.maximum(var, 0.0)), np.nan)
    n[:, first:] = k
    return mean, sd, n


class EarsMethod(AlertMethod):
    """CDC EARS C1/C2/C3 with the semantics of R ``surveillance::earsC``.

    Parameters
    ----------
    baseline : weeks in the reference window (R default 7).
    alpha : one-sided level; R defaults 0.001 for C1 and C2, 0.025 for C3.
    min_sigma : floor for the baseline standard deviation (R's ``minSigma``, 0
        by default). With 0 a flat zero baseline has sd 0 and a single case
        alarms; the dashboard uses a floor so that it does not.
    """

    lag = 0
    default_alpha = 0.001

    def __init__(self, baseline: int = 7, alpha: float | None = None, min_sigma: float = 0.0):
        if baseline < MIN_BASELINE_WEEKS:
            raise ValueError(f"EARS baseline must be at least {MIN_BASELINE_WEEKS} weeks, got {baseline}")
        if min_sigma < 0:
            raise ValueError(f"min_sigma must be zero or positive, got {min_sigma}")
        self.baseline = baseline
        self.alpha = self.default_alpha if alpha is None else alpha
        if not 0 < self.alpha < 1:
            raise ValueError(f"alpha must be between 0 and 1, got {self.alpha}")
        self.min_sigma = float(min_sigma)
        self.z = NormalDist().inv_cdf(1 - self.alpha)

    def _baseline(self, y):
        mean, sd, _ = _rolling_mean_sd(y, self.baseline, self.lag + 1)
        return mean, np.maximum(sd, self.min_sigma)  # np.maximum keeps NaN, like R's pmax

    def _bounds(self, y):
        mean, sigma = self._baseline(y)
        upper = mean + self.z * sigma
        with np.errstate(invalid="ignore", divide="ignore"):
            score = (y - mean) / sigma
        return mean, upper, score


class EarsC1(EarsMethod):
    """EARS C1: baseline the 7 weeks just before the current week."""

    name, label, lag = "ears_c1", "EARS C1", 0


class EarsC2(EarsMethod):
    """EARS C2: baseline weeks t-9 .. t-3 (a 2-week guard band before the current week)."""

    name, label, lag = "ears_c2", "EARS C2", 2


class EarsC3(EarsMethod):
    """EARS C3 as R computes it.

    With C2(t) = (y_t − mean_t)/sd_t on the C2 baseline, R sets
    ``upper_t = max(0, y_t + sd_t · (z − max(0, C2(t−1) − 1) − max(0, C2(t−2) − 1)))``
    (z for alpha 0.025). So C3 alarms at week t when the C2 excesses over 1 of the two
    previous weeks add up to more than z; the score is that sum.
    """

    name, label, lag = "ears_c3", "EARS C3", 2
    default_alpha = 0.025

    def _bounds(self, y):
        mean, sigma = self._baseline(y)
        with np.errstate(invalid="ignore", divide="ignore"):
            c2 = (y - mean) / sigma
        excess = np.maximum(c2 - 1.0, 0.0)  # NaN stays NaN, as pmax in R
        cum = np.full(y.shape, np.nan)
        cum[:, 2:] = excess[:, :-2] + excess[:, 1:-1]
        with np.errstate(invalid="ignore"):
            upper = np.maximum(y + sigma * (self.z - cum), 0.0)
        return mean, upper, cum


# -- SKDR rules ---------------------------------------------------------------------
class SkdrThreshold(AlertMethod):
    """SKDR fixed weekly threshold: alarm when the week's count is at least ``nilai``."""

    name, label, inclusive = "skdr_ambang", "SKDR ambang", True

    def __init__(self, nilai: float = 1.0):
        if not nilai > 0:
            raise ValueError(f"an SKDR threshold must be positive, got {nilai}")
        self.nilai = float(nilai)

    def _bounds(self, y):
        upper = np.where(np.isfinite(y), self.nilai, np.nan)
        expected = np.full(y.shape, np.nan)
        return expected, upper, y / self.nilai


class SkdrRise(AlertMethod):
    """SKDR rise rule: alarm when the week's count is at least ``nilai`` times the previous period.

    Parameters
    ----------
    nilai : the factor (2 = "two times or more").
    minggu_pembanding : weeks in the previous period; its mean is the comparison
        (1 = the previous week, 3 = the mean of the three previous weeks).
    minimal : least count for an alarm, so that 0 → 1 is not "a doubling".
    """

    name, label, inclusive = "skdr_kenaikan", "SKDR kenaikan", True

    def __init__(self, nilai: float = 2.0, minggu_pembanding: int = 1, minimal: float = 2.0):
        if not nilai > 1:
            raise ValueError(f"an SKDR rise factor must be above 1, got {nilai}")
        if minggu_pembanding < 1:
            raise ValueError("minggu_pembanding must be at least 1 week")
        self.nilai, self.weeks, self.minimal = float(nilai), int(minggu_pembanding), float(minimal)

    def _bounds(self, y):
        n_series, n_weeks = y.shape
        expected = np.full(y.shape, np.nan)
        if n_weeks > self.weeks:
            win = np.lib.stride_tricks.sliding_window_view(y, self.weeks, axis=1)[:, :-1]
            expected[:, self.weeks :] = win.mean(axis=2)  # any missing week in the period: no comparison
        upper = np.maximum(self.nilai * expected, self.minimal)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = y / np.maximum(expected, 1.0)
        return expected, upper, score


# -- registry ------------------------------------------------------------------------
METHODS: dict[str, type[AlertMethod]] = {
    cls.name: cls for cls in (EarsC1, EarsC2, EarsC3, SkdrThreshold, SkdrRise)
}


def get_method(name: str, **params) -> AlertMethod:
    """An alert method by registry name, with its parameters.

    >>> get_method("ears_c2", min_sigma=1).label
    'EARS C2'
    >>> get_method("ears_c4")
    Traceback (most recent call last):
    ...
    ValueError: unknown alert method 'ears_c4'; valid names: ears_c1, ears_c2, ears_c3, skdr_ambang, skdr_kenaikan
    """
    try:
        cls = METHODS[name]
    except KeyError:
        raise ValueError(f"unknown alert method {name!r}; valid names: {', '.join(METHODS)}") from None
    return cls(**params)


def ears_c1(counts, baseline: int = 7, alpha: float = 0.001, min_sigma: float = 0.0) -> pd.DataFrame:
    """EARS C1 on one weekly series: DataFrame of expected, upper, alarm, score per week."""
    return EarsC1(baseline, alpha, min_sigma)(counts)


def ears_c2(counts, baseline: int = 7, alpha: float = 0.001, min_sigma: float = 0.0) -> pd.DataFrame:
    """EARS C2 on one weekly series (baseline t-9..t-3)."""
    return EarsC2(baseline, alpha, min_sigma)(counts)


def ears_c3(counts, baseline: int = 7, alpha: float = 0.025, min_sigma: float = 0.0) -> pd.DataFrame:
    """EARS C3 on one weekly series (R's cumulated C2 excesses)."""
    return EarsC3(baseline, alpha, min_sigma)(counts)


def skdr_threshold(counts, nilai: float = 1.0) -> pd.DataFrame:
    """SKDR fixed threshold on one weekly series (alarm when count ≥ ``nilai``)."""
    return SkdrThreshold(nilai)(counts)


def skdr_rise(counts, nilai: float = 2.0, minggu_pembanding: int = 1, minimal: float = 2.0) -> pd.DataFrame:
    """SKDR "at least ``nilai`` times the previous period" on one weekly series."""
    return SkdrRise(nilai, minggu_pembanding, minimal)(counts)

"""Map classes for a choropleth, through a registry of ``mapclassify`` schemes.

``classify(values, "quantiles", k=5)`` returns a :class:`Classification`:
a class per value (``-1`` = no data), the upper bin edges, and legend labels in
Indonesian number format. Real desa data is often degenerate, so each case is
handled on purpose rather than left to the library:

* all missing: every class is -1, no bins, no labels;
* all values equal (all zero included): one class 0 whose label is the value;
* fewer distinct values than ``k``: one class per distinct value;
* ties that make quantile edges repeat: repeated edges are merged, so no empty class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import warnings

import mapclassify
import numpy as np

_FISHER_MAX = 100
"""Above this many values Fisher-Jenks runs on that many evenly spaced quantiles of the data
(deterministic): mapclassify's Fisher-Jenks is O(n²k) pure Python without numba, and a map
question must stay within tens of milliseconds."""


def _fisher_jenks(values: np.ndarray, k: int) -> np.ndarray:
    if len(values) > _FISHER_MAX:
        values = np.quantile(values, np.linspace(0, 1, _FISHER_MAX))  # deterministic, keeps the shape
    return mapclassify.FisherJenks(values, k=k).bins


SCHEMES = {
    "quantiles": lambda v, k: mapclassify.Quantiles(v, k=k).bins,
    "fisher_jenks": _fisher_jenks,
    "equal_interval": lambda v, k: mapclassify.EqualInterval(v, k=k).bins,
}
"""Scheme name → function(values, k) returning upper bin edges."""

SCHEME_ALIASES = {"natural_breaks": "fisher_jenks"}
"""Old names still accepted (links and scripts written before), mapped to the scheme they ran.

``natural_breaks`` was Fisher-Jenks under another name, not Jenks-Caspall (mapclassify's
``NaturalBreaks``, a seeded k-means): offering both named one computation twice."""

SCHEME_LABELS = {
    "quantiles": "Kuantil",
    "fisher_jenks": "Natural breaks (Fisher-Jenks)",
    "equal_interval": "Interval sama",
}


@dataclass
class Classification:
    """Result of :func:`classify`.

    Attributes
    ----------
    classes : int array, one per value; ``-1`` where the value is missing.
    bins : upper edges of the classes (class i holds ``bins[i-1] < v <= bins[i]``).
    labels : legend text per class, e.g. ``"10,0 – 25,5"``.
    scheme, k : what was asked for (``k`` may exceed ``len(bins)`` for degenerate data).
    """

    classes: np.ndarray
    bins: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    scheme: str = "quantiles"
    k: int = 5


def format_number(value: float, digits: int = 1) -> str:
    """Indonesian number format: ``1.234,5``.

    >>> format_number(1234.5), format_number(0.0), format_number(12.0, 0)
    ('1.234,5', '0', '12')
    """
    if value == 0:
        return "0"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _digits(bins: np.ndarray) -> int:
    """Fewest decimals (at most 2) that show every edge exactly, else 2."""
    for d in (0, 1, 2):
        if all(abs(float(b) - round(float(b), d)) < 1e-9 for b in bins):
            return d
    return 2


def classify(values, scheme: str = "quantiles", k: int = 5) -> Classification:
    """Classify ``values`` for a choropleth.

    Parameters
    ----------
    values : numbers; NaN, None and ±inf are missing.
    scheme : a key of :data:`SCHEMES`.
    k : wanted number of classes (≥ 1).

    Examples
    --------
    >>> c = classify([1, 2, 3, 4, None], "equal_interval", k=3)
    >>> c.classes.tolist(), c.labels
    ([0, 0, 1, 2, -1], ['1 – 2', '2 – 3', '3 – 4'])
    >>> classify([0.5, 1.25, 2.0, 7.75], "equal_interval", k=2).labels
    ['0,50 – 4,12', '4,12 – 7,75']
    >>> classify([0, 0, 0]).labels
    ['0']
    >>> classify([None, None]).classes.tolist()
    [-1, -1]
    """
    scheme = SCHEME_ALIASES.get(scheme, scheme)
    if scheme not in SCHEMES:
        raise ValueError(f"unknown classification scheme {scheme!r}; use one of {', '.join(sorted(SCHEMES))}")
    if int(k) < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    k = int(k)
    arr = np.array([np.nan if v is None else v for v in np.asarray(values, dtype=object).ravel()], dtype=float)
    known = np.isfinite(arr)
    classes = np.full(arr.shape, -1, dtype=int)
    if not known.any():
        return Classification(classes, [], [], scheme, k)
    present = arr[known]
    distinct = np.unique(present)
    if len(distinct) <= k:
        # One class per value: nothing to estimate, and equal values stay together.
        bins = distinct
        classes[known] = np.searchsorted(bins, present, side="left")
        digits = _digits(bins)
        labels = [format_number(float(b), digits) for b in bins]
        return Classification(classes, [float(b) for b in bins], labels, scheme, k)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")  # the pure-Python path is fine for our sizes
        warnings.filterwarnings("ignore", message="Not enough unique values")  # ties: repeated edges are merged below
        bins = np.unique(np.asarray(SCHEMES[scheme](present, k), dtype=float))
    bins[-1] = max(bins[-1], present.max())
    classes[known] = np.minimum(np.searchsorted(bins, present, side="left"), len(bins) - 1)
    lows = np.concatenate([[present.min()], bins[:-1]])
    digits = _digits(np.concatenate([[present.min()], bins]))
    labels = [f"{format_number(float(lo), digits)} – {format_number(float(hi), digits)}" for lo, hi in zip(lows, bins)]
    return Classification(classes, [float(b) for b in bins], labels, scheme, k)

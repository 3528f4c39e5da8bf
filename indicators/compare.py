"""Two periods compared: the change of an indicator and its diverging classes.

The change is ``now - before`` in the indicator's own unit (percentage points
for a percentage); it is missing where either period lacks a value, never 0.
Classes are symmetric around 0: an odd number ``k`` of classes, the middle
one holding "about no change" (``-step/2 .. +step/2``), each side ``(k-1)/2``
classes of width ``step``, the outermost open-ended. ``step`` is a round
number (1, 2, 2.5 or 5 times a power of ten) chosen so the largest change
falls in the outermost class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .classify import format_number

NICE = (1.0, 2.0, 2.5, 5.0, 10.0)


@dataclass
class ChangeClasses:
    """Result of :func:`change_classes`.

    Attributes
    ----------
    classes : int array, one per change: ``0`` the largest fall … ``k-1`` the
        largest rise, ``(k-1)//2`` about no change; ``-1`` missing.
    edges : the ``k-1`` inner edges, symmetric around 0 (class i holds
        ``edges[i-1] <= v < edges[i]``; the middle class also holds its upper edge's
        negative counterpart, so it is ``-step/2 <= v <= step/2``).
    labels : legend text per class, lowest first.
    step : class width.
    """

    classes: np.ndarray
    edges: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    step: float = 1.0


def difference(now, before) -> np.ndarray:
    """``now - before`` element-wise; NaN where either is missing.

    >>> difference([50.0, 40.0, None, 10.0], [45.0, 42.5, 30.0, None]).tolist()
    [5.0, -2.5, nan, nan]
    """
    a = _floats(now)
    b = _floats(before)
    if a.shape != b.shape:
        raise ValueError(f"the two periods must have one value per area each, not {a.shape[0]} and {b.shape[0]}")
    out = a - b
    out[~(np.isfinite(a) & np.isfinite(b))] = np.nan
    return out


def nice_step(largest: float, k: int) -> float:
    """A round class width such that ``largest`` (≥ 0) lies in the outermost class of ``k``.

    The outermost class starts at ``step * (k - 2) / 2``; with no change at
    all the step is 1 (one unit).

    >>> nice_step(10.0, 5), nice_step(3.0, 5), nice_step(0.0, 5), nice_step(0.4, 5)
    (5.0, 2.0, 1.0, 0.2)
    """
    half = (k - 2) / 2  # outermost edge = half * step
    if largest <= 0:
        return 1.0
    if half <= 0:  # k == 1: one class holds everything
        return 2.0 * largest
    raw = largest / (half + 1.0)  # the largest change sits about half a class into the outermost one
    exp = math.floor(math.log10(raw))
    for m in NICE:
        step = m * 10.0 ** exp
        if step >= raw - 1e-12:
            return float(step) if step >= 1 else round(step, 10)
    return 10.0 ** (exp + 1)


def change_classes(change, k: int = 5, lang: str = "id", unit: str = "") -> ChangeClasses:
    """Symmetric diverging classes of ``change`` (see the module docstring).

    Examples
    --------
    >>> c = change_classes([-10.0, -3.0, 0.0, 2.0, 8.0, None], k=5)
    >>> c.step, c.edges, c.classes.tolist()
    (5.0, [-7.5, -2.5, 2.5, 7.5], [0, 1, 2, 2, 4, -1])
    >>> c.labels
    ['< -7,5', '-7,5 – -2,5', '-2,5 – 2,5', '2,5 – 7,5', '> 7,5']
    """
    if int(k) < 1 or int(k) % 2 == 0:
        raise ValueError(f"k must be an odd number of classes (one around 0), not {k}")
    k = int(k)
    values = _floats(change)
    known = np.isfinite(values)
    largest = float(np.abs(values[known]).max()) if known.any() else 0.0
    step = nice_step(largest, k)
    half = (k - 1) // 2
    edges = [round(step * (i - half + 0.5), 10) for i in range(k - 1)]  # e.g. k=5: -1.5s, -0.5s, 0.5s, 1.5s
    classes = np.full(values.shape, -1, dtype=int)
    v = values[known]
    # symmetric: a change of exactly ±edge falls on the side nearer 0
    cls = np.where(v >= 0,
                   np.searchsorted(edges, v, side="left"),
                   np.searchsorted(edges, v, side="right"))
    classes[known] = cls
    return ChangeClasses(classes, edges, _labels(edges, lang, unit), step)


def _labels(edges: list[float], lang: str, unit: str) -> list[str]:
    """``< a``, ``a – b`` …, ``> z``; a single class reads "semua"/"all"."""
    if not edges:
        return ["semua" if lang == "id" else "all"]
    digits = 0 if all(float(e).is_integer() for e in edges) else (1 if all(round(e, 1) == e for e in edges) else 2)

    def num(x: float) -> str:
        text = format_number(x, digits) if x != 0 else "0"
        if lang == "en":
            text = text.translate(str.maketrans({",": ".", ".": ","}))
        return text

    suffix = f" {unit}" if unit else ""
    labels = [f"< {num(edges[0])}{suffix}"]
    labels += [f"{num(lo)} – {num(hi)}{suffix}" for lo, hi in zip(edges[:-1], edges[1:])]
    labels.append(f"> {num(edges[-1])}{suffix}")
    return labels


def _floats(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in np.asarray(values, dtype=object).ravel()], dtype=float)

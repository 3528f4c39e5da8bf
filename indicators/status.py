"""PWS status: where an area stands against its target and which way it is moving.

Pemantauan Wilayah Setempat (PWS) judges each area every month on two things:

* **position**: the value PWS judges (``nilai_pws``) against the target for the
  month (``target_bulan``). For an indicator with ``target_prorata = ya``
  (coverage of an annual sasaran, e.g. K1) the judged value is the cumulative
  year-to-date coverage and the target is the annual target × month / 12 (80 % a
  year is 60 % by September). For ``target_prorata = tidak`` (a monthly rate,
  e.g. D/S) the judged value is the month's own value and the target is flat.
* **trend**: this month's value (``nilai``, the month on its own) against last
  month's. Cumulative coverage can only grow, so the trend always uses the
  monthly values, as in the PWS KIA guideline.

The four statuses (``arah = naik``, higher is better):

=============  ==========  ========
               rising      falling
=============  ==========  ========
≥ target       baik        kurang
< target       cukup       jelek
=============  ==========  ========

For ``arah = turun`` (lower is better, e.g. stunting, DBD incidence) both
comparisons turn around: "meets target" is ``nilai_pws ≤ target`` and
"improving" is a falling value.

Ties and gaps (the rule, stated once):

* exactly on target counts as meeting it (≥ for naik, ≤ for turun);
* a value equal to last month's (``tren = "tetap"``) is judged by position
  alone: meeting the target gives ``baik`` (holding on target is fine), missing
  it gives ``jelek`` (not closing the gap needs action);
* a month whose previous month has no value (``tren = None``: the desa did not
  report, the penyebut was 0, or no earlier month was imported) has no trend
  to judge, so the status says only what the data supports: ``capai`` (meets
  the target, trend not yet known) or ``belum_capai`` (below it, trend not yet
  known), never a made-up "improving" or "worsening". January is compared with
  December of the previous year when that month is present: a monthly value is
  a monthly value, whatever the year;
* no value this month gives no status (``None``), never a made-up one.

Values are compared with a relative tolerance of 1e-9 so that 0.1 + 0.2 is on a
target of 0.3.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STATUSES: tuple[str, ...] = ("baik", "kurang", "cukup", "jelek")
"""From best to worst: on target and improving, on target and worsening, below and improving, below and worsening."""
POSITION_ONLY: tuple[str, ...] = ("capai", "belum_capai")
"""No trend known yet (no earlier month): meets the target, below it."""
ALL_STATUSES: tuple[str, ...] = STATUSES + POSITION_ONLY

STATUS_LABELS = {
    "baik": "Baik (≥ target, membaik)",
    "kurang": "Kurang (≥ target, memburuk)",
    "cukup": "Cukup (< target, membaik)",
    "jelek": "Jelek (< target, memburuk)",
    "capai": "Capai target (≥ target, tren belum diketahui)",
    "belum_capai": "Belum capai target (< target, tren belum diketahui)",
}
TRENDS: tuple[str, ...] = ("naik", "turun", "tetap")
_RTOL = 1e-9


def target_bulan(target_tahunan, bulan, prorata: bool):
    """Target for month ``bulan`` (1-12).

    >>> target_bulan(80.0, 9, True)
    60.0
    >>> target_bulan(85.0, 9, False)
    85.0
    """
    annual = np.asarray(target_tahunan, dtype=float)
    out = annual * np.asarray(bulan, dtype=float) / 12.0 if prorata else annual
    return float(out) if np.ndim(out) == 0 else out


def _close(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b) <= _RTOL * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))


def trend(nilai, nilai_lalu) -> np.ndarray:
    """Which way the value moved: ``"naik"``, ``"turun"``, ``"tetap"`` or ``None`` (a side missing).

    >>> trend([5, 3, 4, float("nan")], [4, 4, 4, 4]).tolist()
    ['naik', 'turun', 'tetap', None]
    """
    now = np.asarray(nilai, dtype=float)
    before = np.asarray(nilai_lalu, dtype=float)
    out = np.full(now.shape, None, dtype=object)
    known = np.isfinite(now) & np.isfinite(before)
    same = known & _close(now, before)
    out[known & ~same & (now > before)] = "naik"
    out[known & ~same & (now < before)] = "turun"
    out[same] = "tetap"
    return out


def pws_status(nilai_pws, target, nilai, nilai_lalu, arah: str) -> tuple[np.ndarray, np.ndarray]:
    """PWS status and trend for arrays of areas (or months) of one indicator.

    Parameters
    ----------
    nilai_pws : the value judged against the target (cumulative for pro-rated indicators).
    target : the target for the month (same units).
    nilai, nilai_lalu : this month's and last month's own values, for the trend.
    arah : ``"naik"`` (higher is better) or ``"turun"`` (lower is better).

    Returns
    -------
    (status, tren) : object arrays; status in :data:`ALL_STATUSES` (one of
    :data:`POSITION_ONLY` where the trend is unknown) or ``None`` where
    ``nilai_pws`` is missing; tren in :data:`TRENDS` or ``None``.

    Examples
    --------
    Higher is better, target 60: above and rising, above and falling, below and
    rising, below and falling:

    >>> s, t = pws_status([70, 70, 50, 50], 60, [8, 6, 8, 6], [7, 7, 7, 7], "naik")
    >>> s.tolist()
    ['baik', 'kurang', 'cukup', 'jelek']
    >>> pws_status([10], 14, [10], [12], "turun")[0].tolist()  # lower is better: under target and falling
    ['baik']
    >>> pws_status([70, 50], 60, [8, 6], [float("nan")] * 2, "naik")[0].tolist()  # no earlier month
    ['capai', 'belum_capai']
    """
    if arah not in ("naik", "turun"):
        raise ValueError(f"arah must be 'naik' or 'turun', not {arah!r}")
    judged = np.atleast_1d(np.asarray(nilai_pws, dtype=float))
    goal = np.broadcast_to(np.asarray(target, dtype=float), judged.shape)
    tren = np.atleast_1d(trend(nilai, nilai_lalu))
    tren = np.broadcast_to(tren, judged.shape)
    on_target = _close(judged, goal)
    if arah == "naik":
        meets = (judged > goal) | on_target
        better, worse = tren == "naik", tren == "turun"
    else:
        meets = (judged < goal) | on_target
        better, worse = tren == "turun", tren == "naik"
    steady = tren == "tetap"  # judged by position alone
    unknown = ~better & ~worse & ~steady  # no earlier value: the position is all the data says
    status = np.full(judged.shape, None, dtype=object)
    status[meets & (better | steady)] = "baik"
    status[meets & worse] = "kurang"
    status[~meets & better] = "cukup"
    status[~meets & (worse | steady)] = "jelek"
    status[meets & unknown] = "capai"
    status[~meets & unknown] = "belum_capai"
    status[~np.isfinite(judged) | ~np.isfinite(goal)] = None
    return status, np.array(tren, dtype=object)


def legend_statuses(statuses) -> list[str]:
    """The statuses a legend lists for these areas' statuses.

    The four trend statuses together when any area has a trend (a legend that
    keeps its rows from view to view), and a position-only status only when
    some area has it: with a single month imported the legend says "meets /
    below target, trend not yet known" and nothing about improving.

    >>> legend_statuses(["capai", None, "belum_capai"])
    ['capai', 'belum_capai']
    >>> legend_statuses(["baik", "capai"])
    ['baik', 'kurang', 'cukup', 'jelek', 'capai']
    """
    present = {s for s in statuses if isinstance(s, str)}
    out = list(STATUSES) if present & set(STATUSES) else []
    return out + [s for s in POSITION_ONLY if s in present]


def status_frame(frame: pd.DataFrame, arah: str) -> pd.DataFrame:
    """Add ``status`` and ``tren`` to a frame with ``nilai_pws, target_bulan, nilai, nilai_lalu``."""
    status, tren = pws_status(frame["nilai_pws"], frame["target_bulan"], frame["nilai"], frame["nilai_lalu"], arah)
    out = frame.copy()
    out["status"] = status
    out["tren"] = tren
    return out

"""Generated weekly case counts for the built-in demo (synthetic, and said to be so).

Three diseases per posyandu: diare akut, ISPA/pneumonia and suspek DBD, with

* a baseline per posyandu that varies between desa (gamma-distributed),
* rainy-season seasonality (November to April; dengue peaks around February,
  diarrhoea and ISPA around January),
* over-dispersed noise (gamma-Poisson),
* missing reports: single weeks (about 4 %), some posyandu silent for several
  weeks, and more late reports in the latest week,
* one diarrhoea outbreak in a desa and its two nearest neighbours over the
  last two weeks (about 4× baseline), so the demo shows a real alert.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveillance.weeks import week_range, week_start

BASE_RATE = {"diare_akut": 0.8, "ispa_pneumonia": 1.5, "suspek_dbd": 0.12}  # cases / posyandu / week
SEASON = {"diare_akut": (0.35, 2), "ispa_pneumonia": (0.25, 52), "suspek_dbd": (0.7, 8)}  # amplitude, peak week
NOISE_SHAPE = 8.0  # gamma shape of the week-to-week noise (smaller = more over-dispersed)


def generate_weekly_cases(fasilitas: pd.DataFrame, desa, end_week: str, n_weeks: int = 156,
                          seed: int = 0, outbreak: bool = True) -> pd.DataFrame:
    """Synthetic weekly counts per posyandu in the ``kasus/mingguan`` schema.

    Parameters
    ----------
    fasilitas : facilities (``id``, ``jenis``, ``kode_desa``); posyandu report.
        A desa without a posyandu reports under its own desa code.
    desa : desa GeoDataFrame (``kode``, ``geometry``): which desa, and their
        neighbours for the outbreak.
    end_week : the latest week (``2026-W40``).
    n_weeks : number of weeks (156 = three years).
    seed : random seed (same inputs and seed, same table).
    outbreak : add the diarrhoea outbreak in the latest two weeks.

    Returns
    -------
    DataFrame[minggu, kode_desa, penyakit, jumlah, tempat]; a posyandu-week
    without a report has no rows (missing, not zero). ``attrs["klaster_demo"]``
    lists the outbreak desa and ``attrs["minggu_klaster"]`` its weeks.
    """
    rng = np.random.default_rng(seed)
    weeks = week_range(end_week, n_weeks)
    places = _reporting_places(fasilitas, desa)
    n_places = len(places)
    woy = np.array([week_start(w).isocalendar()[1] for w in weeks])
    reported = _reporting_mask(n_places, n_weeks, rng)
    desa_codes = places["kode_desa"].to_numpy()
    uniq_desa, desa_pos = np.unique(desa_codes, return_inverse=True)

    cluster_desa, cluster_weeks = [], []
    if outbreak and n_weeks >= 2:
        cluster_desa = _outbreak_desa(desa, set(uniq_desa), rng)
        cluster_weeks = weeks[-2:]
    frames = []
    for penyakit, rate in BASE_RATE.items():
        amp, peak = SEASON[penyakit]
        season = 1.0 + amp * np.cos(2 * np.pi * (woy - peak) / 52.0)
        desa_level = rng.gamma(4.0, 0.25, len(uniq_desa))[desa_pos]
        mean = rate * desa_level[:, None] * season[None, :]
        noisy = mean * rng.gamma(NOISE_SHAPE, 1.0 / NOISE_SHAPE, mean.shape)
        if penyakit == "diare_akut" and cluster_desa:
            hit = np.isin(desa_codes, cluster_desa)
            noisy[hit, -2:] = 4.0 * mean[hit, -2:] + 1.5
            reported[hit, -2:] = True  # the outbreak desa do report
        counts = rng.poisson(noisy)
        p_idx, w_idx = np.nonzero(reported)
        frames.append(pd.DataFrame({
            "minggu": np.asarray(weeks, dtype=object)[w_idx], "kode_desa": desa_codes[p_idx],
            "penyakit": penyakit, "jumlah": counts[p_idx, w_idx].astype("int64"),
            "tempat": places["tempat"].to_numpy()[p_idx],
        }))
    out = pd.concat(frames, ignore_index=True).sort_values(["minggu", "kode_desa", "tempat", "penyakit"])
    out = out.reset_index(drop=True)
    out.attrs["klaster_demo"] = list(cluster_desa)
    out.attrs["minggu_klaster"] = list(cluster_weeks)
    return out


def _reporting_places(fasilitas: pd.DataFrame, desa) -> pd.DataFrame:
    """Posyandu of the desa, plus the desa code itself for a desa without posyandu."""
    codes = set(desa["kode"])
    posyandu = fasilitas.loc[(fasilitas["jenis"] == "posyandu") & fasilitas["kode_desa"].isin(codes), ["id", "kode_desa"]]
    places = posyandu.rename(columns={"id": "tempat"}).astype({"tempat": str})
    without = sorted(codes - set(places["kode_desa"]))
    places = pd.concat([places, pd.DataFrame({"tempat": without, "kode_desa": without})], ignore_index=True)
    return places.sort_values(["kode_desa", "tempat"]).reset_index(drop=True)


def _reporting_mask(n_places: int, n_weeks: int, rng) -> np.ndarray:
    """True where a place reported: scattered misses, a few silent stretches, late latest week."""
    reported = rng.random((n_places, n_weeks)) > 0.04
    silent = np.flatnonzero(rng.random(n_places) < 0.05)
    for p in silent:
        length = int(rng.integers(4, 11))
        start = int(rng.integers(0, max(1, n_weeks - length)))
        reported[p, start : start + length] = False
    reported[:, -1] &= rng.random(n_places) > 0.08
    return reported


def _outbreak_desa(desa, reporting: set, rng) -> list[str]:
    """A desa near the middle of the area and its two nearest neighbours (by centroid)."""
    d = desa.loc[desa["kode"].isin(reporting)]
    if len(d) == 0:
        return []
    pts = d.geometry.representative_point()
    x, y = pts.x.to_numpy(), pts.y.to_numpy()
    centre = int(np.argmin((x - np.median(x)) ** 2 + (y - np.median(y)) ** 2))
    dist = (x - x[centre]) ** 2 + (y - y[centre]) ** 2
    nearest = np.argsort(dist, kind="stable")[: min(3, len(d))]
    return [str(c) for c in d["kode"].to_numpy()[nearest]]

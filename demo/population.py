"""Who lives in each demo desa, and how well its services run.

One table drives both the facilities and the indicator values, so a weak desa
is weak everywhere (few posyandu reporting, low coverage), as in the field.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WEAK_SHARE = 0.06  # share of desa that lag behind on almost everything


def desa_profile(rng: np.random.Generator, desa: pd.DataFrame) -> pd.DataFrame:
    """Population and a performance factor per desa.

    Parameters
    ----------
    desa : frame with ``kode`` and ``kelurahan`` (bool).

    Returns
    -------
    DataFrame ``kode_desa, penduduk (int), kinerja (float, ~0.45-1.1), lemah (bool)``:
    ``kinerja`` scales every coverage; ``lemah`` marks the few weak desa.
    """
    n = len(desa)
    urban = desa["kelurahan"].to_numpy(bool)
    median = np.where(urban, 7000.0, 2600.0)
    penduduk = np.round(median * rng.lognormal(0.0, 0.45, n)).astype(int).clip(400, None)
    # kecamatan share part of their performance (same puskesmas), desa add their own
    kec = desa["kode"].str.slice(0, 8).to_numpy()
    kec_effect = {k: rng.normal(0.0, 0.06) for k in sorted(set(kec))}
    kinerja = 0.93 + np.array([kec_effect[k] for k in kec]) + rng.normal(0.0, 0.06, n)
    lemah = np.zeros(n, dtype=bool)
    lemah[rng.choice(n, size=max(1, round(WEAK_SHARE * n)), replace=False)] = True
    kinerja = np.where(lemah, rng.uniform(0.45, 0.65, n), kinerja).clip(0.3, 1.1)
    return pd.DataFrame(
        {"kode_desa": desa["kode"].to_numpy(), "penduduk": penduduk, "kinerja": kinerja, "lemah": lemah}
    )

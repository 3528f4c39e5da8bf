"""Posyandu, pustu and puskesmas of the demo, as points inside their desa."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from demo import names

FASILITAS_COLUMNS = ["id", "nama", "jenis", "kode_desa", "lat", "lon", "ilp_aktif", "lapor_bulan_ini"]


def _points_in(rng: np.random.Generator, geom, n: int, near=None, spread=None) -> np.ndarray:
    """``n`` random points strictly inside ``geom`` (near ``near`` when given)."""
    shapely.prepare(geom)
    minx, miny, maxx, maxy = geom.bounds
    out = np.empty((0, 2))
    for _ in range(1000):
        if near is not None:
            cand = rng.normal(near, spread, (8 * n, 2))
        else:
            cand = rng.uniform((minx, miny), (maxx, maxy), (8 * n, 2))
        # rounded as stored (6 decimals, ~0.1 m) before testing, so the stored point is inside
        cand = np.round(cand, 6)
        cand = cand[shapely.contains_xy(geom, cand[:, 0], cand[:, 1])]
        out = np.vstack([out, cand])
        if len(out) >= n:
            return out[:n]
    raise RuntimeError("could not place points inside a desa")  # pragma: no cover


def _posyandu_count(penduduk: np.ndarray) -> np.ndarray:
    """2–5 posyandu per desa, more where more people live."""
    return np.clip(np.round(penduduk / 1800.0) + 1, 2, 5).astype(int)


def demo_facilities(rng: np.random.Generator, desa: gpd.GeoDataFrame, profile: pd.DataFrame) -> pd.DataFrame:
    """Every facility of the demo province.

    Parameters
    ----------
    desa : desa with ``kode, nama, induk, x, y, geometry`` (``x, y`` inside the desa).
    profile : :func:`demo.population.desa_profile` (``penduduk``, ``kinerja``).

    Returns
    -------
    DataFrame in the workspace's ``fasilitas.parquet`` layout. A puskesmas stands in
    the desa nearest its kecamatan's middle; every desa has one pustu and 2–5 posyandu.
    """
    prof = profile.set_index("kode_desa").loc[desa["kode"]]
    n_posyandu = _posyandu_count(prof["penduduk"].to_numpy())
    kinerja = prof["kinerja"].to_numpy()
    rows = []
    for i, d in enumerate(desa.itertuples(index=False)):
        digits = d.kode.replace(".", "")
        pts = _points_in(rng, d.geometry, n_posyandu[i] + 1)
        for j, (nama, (x, y)) in enumerate(zip(names.posyandu_names(rng, n_posyandu[i]), pts[1:]), start=1):
            rows.append(
                {
                    "id": f"PSY-{digits}-{j:02d}",
                    "nama": nama,
                    "jenis": "posyandu",
                    "kode_desa": d.kode,
                    "lat": y,
                    "lon": x,
                    "ilp_aktif": rng.uniform() < 0.85 * kinerja[i],
                    "lapor_bulan_ini": rng.uniform() < 0.97 * kinerja[i],
                }
            )
        x, y = pts[0]
        rows.append(_facility(f"PST-{digits}", f"Pustu {d.nama}", "pustu", d.kode, x, y, rng, kinerja[i]))
    for kec, group in desa.groupby("induk", sort=True):
        middle = group[["x", "y"]].to_numpy().mean(axis=0)
        host = group.iloc[int(np.argmin(np.hypot(*(group[["x", "y"]].to_numpy() - middle).T)))]
        (x, y), = _points_in(rng, host.geometry, 1, near=(host.x, host.y), spread=0.002)
        rows.append(_facility(f"PKM-{kec.replace('.', '')}", f"Puskesmas {host.nama}", "puskesmas", host.kode, x, y, rng, 1.0))
    return pd.DataFrame(rows, columns=FASILITAS_COLUMNS)


def _facility(fid, nama, jenis, kode_desa, x, y, rng, kinerja) -> dict:
    return {
        "id": fid,
        "nama": nama,
        "jenis": jenis,
        "kode_desa": kode_desa,
        "lat": y,
        "lon": x,
        "ilp_aktif": rng.uniform() < 0.9 * kinerja,
        "lapor_bulan_ini": rng.uniform() < 0.98 * kinerja,
    }

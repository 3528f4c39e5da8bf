"""The demo province's administrative areas: geometry, hierarchy, codes and names.

Codes follow the Kemendagri pattern under a provinsi code no real province uses
(:data:`PROVINSI_KODE`): kabupaten ``29.01``…, kecamatan ``29.01.01``…, and in each
kecamatan kelurahan ``1001``… (the town desa around a kabupaten's capital) and
desa ``2001``….
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from demo import geography, names

PROVINSI_KODE = "29"
"""Not a real province (real codes: 11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96)."""

KELURAHAN_RADIUS = 0.045  # degrees around a town centre whose desa are urban kelurahan


@dataclass(frozen=True)
class DemoSize:
    """How big the demo province is."""

    n_kabupaten: int = 3
    kecamatan_per_kabupaten: int = 10
    n_desa: int = 400


def build_desa(rng: np.random.Generator, size: DemoSize = DemoSize()) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Every desa of the demo province, and the names of the areas above them.

    Returns
    -------
    desa : GeoDataFrame ``kode, nama, induk, kelurahan (bool), x, y, geometry``
        (``x``, ``y`` a point inside the desa, its "centre").
    upper : DataFrame ``kode, nama`` for the provinsi, kabupaten and kecamatan.
    """
    land = geography.island_outline(rng)
    towns = geography.town_centres(rng, land, size.n_kabupaten)
    desa = geography.desa_polygons(rng, land, size.n_desa, towns)
    xy = desa[["x", "y"]].to_numpy()
    neighbours = geography.adjacency(desa.geometry)
    all_nodes = list(range(len(desa)))

    town_desa = [int(np.argmin(np.hypot(*(xy - t).T))) for t in towns]
    kab_of = geography.grow_regions(all_nodes, neighbours, xy, size.n_kabupaten, rng, starts=town_desa)
    kab = np.array([kab_of[i] for i in all_nodes])
    # kabupaten numbered west to east, as a reader of the map would guess
    kab_order = np.argsort([xy[kab == k, 0].mean() for k in range(size.n_kabupaten)])
    kab_number = {int(k): i + 1 for i, k in enumerate(kab_order)}

    kec_code = np.empty(len(desa), dtype=object)
    for k in range(size.n_kabupaten):
        nodes = [i for i in all_nodes if kab[i] == k]
        kec_of = geography.grow_regions(
            nodes, neighbours, xy, size.kecamatan_per_kabupaten, rng, starts=[town_desa[k]]
        )
        # kecamatan 01 holds the capital, the others numbered by distance from it
        dist = {
            r: np.hypot(*(xy[[i for i in nodes if kec_of[i] == r]].mean(axis=0) - towns[k]))
            for r in set(kec_of.values())
        }
        order = sorted(dist, key=lambda r: (r != kec_of[town_desa[k]], dist[r]))
        number = {r: j + 1 for j, r in enumerate(order)}
        for i in nodes:
            kec_code[i] = f"{PROVINSI_KODE}.{kab_number[k]:02d}.{number[kec_of[i]]:02d}"

    near_town = np.min([np.hypot(*(xy - t).T) for t in towns], axis=0) < KELURAHAN_RADIUS
    desa["induk"] = kec_code
    desa["kelurahan"] = near_town
    desa["kode"] = _desa_codes(desa)
    desa["nama"] = _desa_names(rng, desa)
    upper = _upper_names(rng, desa, size)
    desa = desa.sort_values("kode", ignore_index=True)
    return desa[["kode", "nama", "induk", "kelurahan", "x", "y", "geometry"]], upper


def _desa_codes(desa: pd.DataFrame) -> pd.Series:
    """Kelurahan 1001…, desa 2001… within each kecamatan, numbered west to east."""
    codes = pd.Series(index=desa.index, dtype=object)
    for (induk, kel), group in desa.groupby(["induk", "kelurahan"], sort=True):
        start = 1001 if kel else 2001
        for j, i in enumerate(group.sort_values("x").index):
            codes[i] = f"{induk}.{start + j}"
    return codes


def _desa_names(rng: np.random.Generator, desa: pd.DataFrame) -> pd.Series:
    """Distinct names within each kecamatan (they may repeat across kecamatan, as in real data)."""
    out = pd.Series(index=desa.index, dtype=object)
    for _, group in desa.sort_values("kode").groupby("induk", sort=True):
        out[group.index] = names.desa_names(rng, len(group))
    return out


def _upper_names(rng: np.random.Generator, desa: pd.DataFrame, size: DemoSize) -> pd.DataFrame:
    """Names of the provinsi, kabupaten and kecamatan."""
    kec_codes = sorted(desa["induk"].unique())
    kab_codes = sorted({k[:5] for k in kec_codes})
    kab_names = names.kabupaten_names(rng, len(kab_codes))
    rows = [{"kode": PROVINSI_KODE, "nama": names.PROVINSI}]
    rows += [{"kode": k, "nama": f"Kabupaten {n}"} for k, n in zip(kab_codes, kab_names)]
    kec_names = names.kecamatan_names(rng, len(kec_codes))
    rows += [{"kode": k, "nama": n} for k, n in zip(kec_codes, kec_names)]
    return pd.DataFrame(rows)

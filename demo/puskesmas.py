"""The demo's puskesmas and their wilayah kerja.

Most kecamatan have one puskesmas serving all their desa. The two largest
kecamatan of the first kabupaten have two each (split west/east), and the
puskesmas of the second kabupaten's capital kecamatan also serves one desa of a
neighbouring kecamatan, so the map shows a wilayah crossing a kecamatan border.
Each puskesmas has one facility point, whose ``id`` is its ``kode_puskesmas``.
Everything but the new points' exact place follows from the geometry.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from demo.facilities import _facility, _points_in


def _code(kecamatan: str, n: int) -> str:
    """Kemenkes-like code: ``P`` + kecamatan digits + a number, e.g. ``P2901010101``."""
    return f"P{kecamatan.replace('.', '')}{n:02d}{n:02d}"


def split_kecamatan(desa: gpd.GeoDataFrame) -> list[str]:
    """The two kecamatan with two puskesmas: the largest of the first kabupaten (by desa, then code)."""
    first_kab = min(k[:5] for k in desa["induk"])
    sizes = desa[desa["induk"].str.startswith(first_kab + ".")].groupby("induk").size()
    return sorted(sorted(sizes.index, key=lambda k: (-sizes[k], k))[:2])


def crossing_desa(desa: gpd.GeoDataFrame) -> tuple[str, str]:
    """``(kecamatan, kode_desa)``: the second kabupaten's capital kecamatan and the neighbouring desa it also serves.

    The desa is the lowest-coded one of another kecamatan of that kabupaten that
    touches the capital kecamatan, taken from a kecamatan that keeps at least two desa.
    """
    kabs = sorted({k[:5] for k in desa["induk"]})
    kec = f"{kabs[1 if len(kabs) > 1 else 0]}.01"
    home = desa[desa["induk"] == kec].geometry.union_all()
    sizes = desa.groupby("induk").size()
    near = desa[(desa["induk"] != kec) & (desa["induk"].str[:5] == kec[:5])
                & desa["induk"].map(lambda k: sizes[k] >= 3) & desa.geometry.intersects(home)]
    return kec, sorted(near["kode"])[0]


def demo_puskesmas(rng: np.random.Generator, desa: gpd.GeoDataFrame,
                   fasilitas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The wilayah kerja (as a dinas would write the file) and the facilities with one point per puskesmas.

    Parameters
    ----------
    desa : demo desa (``kode, nama, induk, x, y, geometry``).
    fasilitas : :func:`demo.facilities.demo_facilities`, one puskesmas point per kecamatan
        (``PKM-<kecamatan digits>``).

    Returns
    -------
    rows : ``baris, kode_puskesmas, nama_puskesmas, kode_desa, lat, lon``, one row per desa.
    fasilitas : the same facilities, puskesmas points re-identified by ``kode_puskesmas``
        plus a point for each second puskesmas.
    """
    is_pkm = fasilitas["jenis"] == "puskesmas"
    points = fasilitas[is_pkm].set_index("id")
    owner = {}
    names, extra = {}, []
    split = split_kecamatan(desa)
    for kec, group in desa.groupby("induk", sort=True):
        point = points.loc[f"PKM-{kec.replace('.', '')}"]
        first = _code(kec, 1)
        names[first] = (point["nama"], point["lat"], point["lon"])
        owner.update({k: first for k in group["kode"]})
        if kec not in split:
            continue
        # the half without the existing building gets the second puskesmas
        middle = group["x"].median()
        west = group["x"] <= middle
        host_is_west = bool(west[group["kode"] == point["kode_desa"]].iat[0])
        other = group[west != host_is_west]
        second = _code(kec, 2)
        owner.update({k: second for k in other["kode"]})
        centre = other[["x", "y"]].to_numpy().mean(axis=0)
        host = other.iloc[int(np.argmin(np.hypot(*(other[["x", "y"]].to_numpy() - centre).T)))]
        (x, y), = _points_in(rng, host.geometry, 1, near=(host.x, host.y), spread=0.002)
        row = _facility(second, f"Puskesmas {host.nama}", "puskesmas", host.kode, x, y, rng, 1.0)
        extra.append(row)
        names[second] = (row["nama"], y, x)
    kec, moved = crossing_desa(desa)
    owner[moved] = _code(kec, 1)
    renamed = fasilitas.copy()
    renamed.loc[is_pkm, "id"] = [f"P{i.removeprefix('PKM-')}0101" for i in fasilitas.loc[is_pkm, "id"]]
    renamed = pd.concat([renamed, pd.DataFrame(extra, columns=fasilitas.columns)], ignore_index=True)
    codes = sorted(owner)
    rows = pd.DataFrame({
        "baris": np.arange(2, len(codes) + 2),
        "kode_puskesmas": [owner[k] for k in codes],
        "nama_puskesmas": [names[owner[k]][0] for k in codes],
        "kode_desa": codes,
        "lat": [names[owner[k]][1] for k in codes],
        "lon": [names[owner[k]][2] for k in codes],
    })
    return rows, renamed

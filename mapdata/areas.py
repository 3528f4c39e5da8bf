"""Where we are in the hierarchy: children, breadcrumb trail, bounds.

An *area* is a Kemendagri code, a ``kode_puskesmas`` (its wilayah kerja), or
``None`` for the top ("Indonesia"). The map shows the children of the current
area; a desa has no children, so at a desa the map shows the desa itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.levels import LEVELS, level_of, parent_code

from .store import MapData


JALUR = ("administrasi", "puskesmas")
"""The two ways through the map: provinsi → kabupaten/kota → kecamatan → desa, or
kabupaten/kota → puskesmas (its wilayah kerja) → desa. Above the kabupaten both agree."""
ADMINISTRASI, PUSKESMAS = JALUR


def level(md: MapData, kode: str | None) -> str | None:
    """Level of an area: a Kemendagri level, ``"puskesmas"``, or ``None`` for the top.

    A puskesmas code says nothing about its level, so the loaded areas decide.
    """
    if kode is None:
        return None
    if kode in md.by_kode.index:
        return str(md.by_kode.at[kode, "level"])
    return level_of(kode)


def has_wilayah_kerja(md: MapData) -> bool:
    """True when the workspace has a puskesmas wilayah kerja table (the switch is offered)."""
    return bool(len(md.wilayah_kerja))


def jalur_at(md: MapData, kode: str | None, jalur: str) -> str:
    """The path in force: ``puskesmas`` only with a wilayah kerja table, and always at a puskesmas."""
    if not has_wilayah_kerja(md):
        return ADMINISTRASI
    return PUSKESMAS if jalur == PUSKESMAS or level(md, kode) == PUSKESMAS else ADMINISTRASI


def puskesmas_of(md: MapData) -> dict[str, str]:
    """``kode_desa → kode_puskesmas`` of the wilayah kerja (once per snapshot)."""
    wk = md.wilayah_kerja
    return md.memo(("puskesmas_of",), lambda: dict(zip(wk["kode_desa"], wk["kode_puskesmas"])))


def desa_of(md: MapData, kode: str) -> list[str]:
    """Desa codes of a puskesmas's wilayah kerja that the loaded areas hold, sorted."""
    def compute():
        wk = md.wilayah_kerja
        mine = wk.loc[wk["kode_puskesmas"] == kode, "kode_desa"]
        return sorted(k for k in mine if k in md.by_kode.index)

    return md.memo(("desa_of", kode), compute)


def inside(md: MapData, area: str | None, desa_codes: pd.Series) -> np.ndarray:
    """Which of ``desa_codes`` lie in ``area`` (every one at the top): by code prefix, or by wilayah kerja."""
    codes = desa_codes.astype(str)
    if area is None:
        return np.ones(len(codes), dtype=bool)
    if level(md, area) == PUSKESMAS:
        return codes.isin(set(desa_of(md, area))).to_numpy()
    return ((codes == area) | codes.str.startswith(area + ".")).to_numpy()


def children(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> pd.DataFrame:
    """Areas drawn when ``kode`` is the current area: ``kode, nama, level``.

    The top (``None``) shows the highest level the workspace holds; a desa shows
    itself; a kabupaten/kota shows its kecamatan, or its puskesmas on the
    puskesmas path; a puskesmas shows the desa of its wilayah kerja. Sorted by code.
    """
    a = md.areas
    at = level(md, kode)
    if kode is None:
        rows = a[a["level"] == md.levels[0]]
    elif at == "desa":
        rows = a[a["kode"] == kode]
    elif at == PUSKESMAS:
        rows = md.by_kode.loc[desa_of(md, kode)].reset_index()
    else:
        # grouped once per snapshot: scanning every area per call costs ~25 ms at national scale
        groups = md.memo(("induk_index",), lambda: a.groupby("induk", sort=False).indices)
        rows = a.iloc[groups.get(kode, [])]
        by_puskesmas = at == "kabkota" and jalur_at(md, kode, jalur) == PUSKESMAS
        rows = rows[(rows["level"] == PUSKESMAS) == by_puskesmas]
    return rows[["kode", "nama", "level"]].sort_values("kode").reset_index(drop=True)


def parent(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> str | None:
    """The area one step up on ``jalur``: a desa's puskesmas on the puskesmas path, a puskesmas's kabupaten/kota."""
    if kode is None:
        return None
    at = level(md, kode)
    if at == PUSKESMAS:
        return md.by_kode.at[kode, "induk"]
    if at == "desa" and jalur_at(md, kode, jalur) == PUSKESMAS and kode in puskesmas_of(md):
        return puskesmas_of(md)[kode]
    return parent_code(kode)


def start_area(md: MapData) -> str | None:
    """The area opened first: the top, or the single area below it while there is only one.

    A workspace holding one province (the demo, a single-district import)
    opens on that province's kabupaten rather than on a lone polygon.
    Found once per snapshot (every request resolves its URL against it). A
    scoped view opens on its actor's top area (:attr:`Scope.top <access.scope.Scope>`).
    """
    if md.top is not None and is_known(md, md.top):
        return md.top
    return md.memo(("start_area",), lambda: _start_area(md))


def _start_area(md: MapData) -> str | None:
    kode = None
    while True:
        kids = children(md, kode)
        if len(kids) != 1 or kids["level"].iloc[0] == "desa" or kids["kode"].iloc[0] == kode:
            return kode
        kode = kids["kode"].iloc[0]


def is_known(md: MapData, kode: str | None) -> bool:
    """True for ``None`` (the top) or a code present in the workspace."""
    return kode is None or kode in md.by_kode.index


def breadcrumb(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> list[dict]:
    """Trail from the top to ``kode``: ``[{"kode", "nama", "level"}, ...]``, along ``jalur``.

    The first entry is the top (``kode`` ``None``, ``nama`` ``None``: the
    layout names it "Indonesia" in the chosen language). Levels the workspace
    does not hold are skipped.
    """
    trail = [{"kode": None, "nama": None, "level": None}]
    chain = []
    k = kode
    while k is not None:
        if k in md.by_kode.index:
            chain.append({"kode": k, "nama": str(md.by_kode.at[k, "nama"]), "level": level(md, k)})
        k = parent(md, k, jalur)
    return trail + chain[::-1]


def bounds(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the areas drawn for ``kode``."""
    kids = md.by_kode.loc[children(md, kode, jalur)["kode"]]
    return [
        [float(kids["miny"].min()), float(kids["minx"].min())],
        [float(kids["maxy"].max()), float(kids["maxx"].max())],
    ]


def name_of(md: MapData, kode: str | None) -> str | None:
    """Name of an area (``None`` for the top or an unknown code)."""
    if kode is None or kode not in md.by_kode.index:
        return None
    return str(md.by_kode.at[kode, "nama"])


def level_index(kode: str | None) -> int:
    """Depth of an area: -1 for the top, 0 provinsi ... 3 desa."""
    return -1 if kode is None else LEVELS.index(level_of(kode))

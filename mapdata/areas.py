"""Where we are in the hierarchy: children, breadcrumb trail, bounds.

An *area* is a Kemendagri code, or ``None`` for the top ("Indonesia"). The map
shows the children of the current area; a desa has no children, so at a desa
the map shows the desa itself.
"""

from __future__ import annotations

import pandas as pd

from geo.levels import LEVELS, level_of, parent_code

from .store import MapData


def children(md: MapData, kode: str | None) -> pd.DataFrame:
    """Areas drawn when ``kode`` is the current area: ``kode, nama, level``.

    The top (``None``) shows the highest level the workspace holds; a desa shows
    itself. Sorted by code.
    """
    a = md.areas
    if kode is None:
        rows = a[a["level"] == md.levels[0]]
    elif level_of(kode) == "desa":
        rows = a[a["kode"] == kode]
    else:
        # grouped once per snapshot: scanning every area per call costs ~25 ms at national scale
        groups = md.memo(("induk_index",), lambda: a.groupby("induk", sort=False).indices)
        rows = a.iloc[groups.get(kode, [])]
    return rows[["kode", "nama", "level"]].sort_values("kode").reset_index(drop=True)


def start_area(md: MapData) -> str | None:
    """The area opened first: the top, or the single area below it while there is only one.

    A workspace holding one province (the demo, a single-district import)
    opens on that province's kabupaten rather than on a lone polygon.
    Found once per snapshot (every request resolves its URL against it).
    """
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


def breadcrumb(md: MapData, kode: str | None) -> list[dict]:
    """Trail from the top to ``kode``: ``[{"kode", "nama", "level"}, ...]``.

    The first entry is the top (``kode`` ``None``, ``nama`` ``None``: the
    layout names it "Indonesia" in the chosen language). Levels the workspace
    does not hold are skipped.
    """
    trail = [{"kode": None, "nama": None, "level": None}]
    chain = []
    k = kode
    while k is not None:
        if k in md.by_kode.index:
            chain.append({"kode": k, "nama": str(md.by_kode.at[k, "nama"]), "level": level_of(k)})
        k = parent_code(k)
    return trail + chain[::-1]


def bounds(md: MapData, kode: str | None) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the areas drawn for ``kode``."""
    kids = md.by_kode.loc[children(md, kode)["kode"]]
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

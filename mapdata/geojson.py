"""Compact GeoJSON of the areas drawn for one area, and of facility points.

Served from a Flask route (see ``callbacks.routes``) so that encoding stays out
of callbacks and the browser can cache it: the bytes depend only on the
snapshot and the area, so the URL carries the snapshot id and the ETag is a
hash of the bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json

import numpy as np
import shapely

from .areas import children
from .store import MapData

COORD_DECIMALS = 5
"""About 1 m at the equator: finer than any screen shows at desa zoom."""


def children_geojson(md: MapData, kode: str | None) -> bytes:
    """UTF-8 GeoJSON FeatureCollection of the display geometry drawn at ``kode``.

    Each feature has properties ``kode`` and ``nama`` only; values travel
    separately in the ``hideout``.
    """
    kids = children(md, kode)
    # indexed once per snapshot (~50 ms per call over the 90k national display rows)
    geom = md.memo(("display_by_kode",), lambda: md.display.drop_duplicates("kode").set_index("kode").geometry)
    shapes = geom.reindex(kids["kode"]).to_numpy()
    shapes = shapely.transform(shapes, lambda c: np.round(c, COORD_DECIMALS))
    texts = shapely.to_geojson(shapes)
    parts = []
    for (k, nama), g in zip(kids[["kode", "nama"]].itertuples(index=False), texts):
        if g is None:
            continue
        props = json.dumps({"kode": k, "nama": nama}, ensure_ascii=False, separators=(",", ":"))
        parts.append(f'{{"type":"Feature","id":"{k}","properties":{props},"geometry":{g}}}')
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode("utf-8")


def facilities_geojson(md: MapData, kode: str | None) -> bytes:
    """Point FeatureCollection of facilities inside ``kode`` (empty at the top).

    Properties: ``id, nama, jenis, kode_desa, ilp_aktif, lapor_bulan_ini``.
    """
    f = md.fasilitas
    if kode is None or f.empty:
        rows = f.iloc[0:0]
    else:
        kd = f["kode_desa"].astype(str)
        rows = f[(kd == kode) | kd.str.startswith(kode + ".")]
    rows = rows.dropna(subset=["lat", "lon"])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(r.lon), 6), round(float(r.lat), 6)]},
            "properties": {
                "id": str(r.id),
                "nama": str(r.nama),
                "jenis": str(r.jenis),
                "kode_desa": str(r.kode_desa),
                "ilp_aktif": bool(r.ilp_aktif) if r.ilp_aktif is not None and r.ilp_aktif == r.ilp_aktif else None,
                "lapor_bulan_ini": bool(r.lapor_bulan_ini)
                if r.lapor_bulan_ini is not None and r.lapor_bulan_ini == r.lapor_bulan_ini
                else None,
            },
        }
        for r in rows.itertuples(index=False)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def count_facilities(md: MapData, kode: str | None) -> int:
    """How many facilities lie inside ``kode`` (0 at the top)."""
    if kode is None or md.fasilitas.empty:
        return 0
    kd = md.fasilitas["kode_desa"].astype(str)
    return int(((kd == kode) | kd.str.startswith(kode + ".")).sum())


def etag(body: bytes) -> str:
    """Strong ETag of a response body (unquoted)."""
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def gzipped(body: bytes) -> bytes:
    """``body`` gzip-compressed (deterministic: no timestamp, so ETags stay stable)."""
    return gzip.compress(body, compresslevel=6, mtime=0)

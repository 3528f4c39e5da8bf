"""Compact geometry of the areas drawn for one area (geobuf and GeoJSON), and of facility points.

Served from a Flask route (see ``callbacks.routes``) so that encoding stays out
of callbacks and the browser can cache it: the bytes depend only on the
snapshot and the area, so the URL carries the snapshot id and the ETag is a
hash of the bytes.

The map loads the areas as geobuf (``dl.GeoJSON(format="geobuf")``, decoded by
dash-leaflet itself): coordinates as delta-encoded integers at the view's
pixel precision, about half the bytes of gzip GeoJSON once both are gzipped
(a Jawa Barat kabupaten's kecamatan 12.9 KB → 4.9 KB). TopoJSON was measured
too and lost: real display boundaries rarely share vertices exactly between
neighbours after simplification, so few borders are sent once, and its JSON
integers cost more than geobuf's varints (same view 8.5 KB).
"""

from __future__ import annotations

import gzip
import hashlib
import json

import geobuf
import numpy as np
import shapely

from .areas import ADMINISTRASI, children, inside
from .facilities import facilities_in, facility_cases
from .store import MapData

COORD_DECIMALS = 5
"""Most decimals ever sent: about 1 m at the equator, finer than any screen."""

MIN_DECIMALS = 2
"""Fewest decimals sent (about 1 km): a national view has ~5 km pixels."""

MAP_PIXELS = 1024
"""Width in pixels assumed for the map when it is fitted to a view (a wide screen)."""


def coord_decimals(extent: float) -> int:
    """Decimals of a degree that keep rounding within one screen pixel.

    The map is fitted to the area drawn, so one pixel is about
    ``extent / MAP_PIXELS`` degrees (Leaflet fits at a whole zoom, never finer).
    Rounding to ``d`` decimals moves a vertex at most ``0.5 * 10**-d`` degrees;
    take the fewest decimals for which that is at most one pixel.

    Parameters
    ----------
    extent : larger side, in degrees, of the bounds of what is drawn.

    Returns
    -------
    int between :data:`MIN_DECIMALS` and :data:`COORD_DECIMALS`.

    Examples
    --------
    >>> coord_decimals(46.0)   # Indonesia: 5 km pixels
    2
    >>> coord_decimals(0.7)    # a kabupaten: 75 m pixels, 3 decimals err 55 m
    3
    >>> coord_decimals(0.15)   # a kecamatan or a kota: 16 m pixels
    4
    >>> coord_decimals(0.0)    # a single point
    5
    """
    if not extent > 0:
        return COORD_DECIMALS
    pixel = extent / MAP_PIXELS
    d = int(np.ceil(np.log10(0.5 / pixel)))
    return int(min(COORD_DECIMALS, max(MIN_DECIMALS, d)))


def screen_decimals(shapes: np.ndarray) -> int:
    """:func:`coord_decimals` of the joint extent of ``shapes`` (missing ones ignored)."""
    present = shapes[~shapely.is_missing(shapes)]
    if len(present) == 0:
        return COORD_DECIMALS
    minx, miny, maxx, maxy = shapely.total_bounds(present)
    return coord_decimals(max(maxx - minx, maxy - miny))


def screen_geometry(shapes: np.ndarray, decimals: int | None = None) -> np.ndarray:
    """``shapes`` rounded to ``decimals`` (default :func:`screen_decimals`), still valid.

    Neighbours round their shared vertices alike, so the coverage stays gap
    free. Vertices that round onto their predecessor, and rings or parts that
    collapse below a pixel, are dropped (an area that would vanish whole keeps
    its rounded shape so it can still be clicked). Rounding can also fold a
    narrow part onto itself or make a ring touch itself, which ``simplify(0)``
    does not undo: those few shapes are snapped again with
    ``shapely.set_precision``, which repairs what snapping breaks (on every
    shape it would cost 5-14 times the time of a drill step's geometry).
    """
    if not (~shapely.is_missing(shapes)).any():
        return shapes
    d = screen_decimals(shapes) if decimals is None else decimals
    rounded = shapely.transform(shapes, lambda c: np.round(c, d))
    # tolerance 0: drops only repeated (and exactly collinear) vertices and collapsed rings
    thinned = shapely.simplify(rounded, 0.0, preserve_topology=False)
    broken = ~shapely.is_missing(thinned) & ~shapely.is_valid(thinned)
    if broken.any():
        thinned = thinned.copy()
        thinned[broken] = shapely.set_precision(shapes[broken], 10.0 ** -d)
    vanished = shapely.is_empty(thinned) & ~shapely.is_empty(rounded)
    return np.where(vanished, rounded, thinned)


def _drawn(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> tuple:
    """``(children frame, screen shapes, decimals)`` of what is drawn at ``kode`` on ``jalur``."""
    kids = children(md, kode, jalur)
    # indexed once per snapshot (~50 ms per call over the 90k national display rows)
    geom = md.memo(("display_by_kode",), lambda: md.display.drop_duplicates("kode").set_index("kode").geometry)
    shapes = geom.reindex(kids["kode"]).to_numpy()
    d = screen_decimals(shapes)
    return kids, screen_geometry(shapes, d), d


def children_geobuf(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> bytes:
    """Geobuf (protobuf) FeatureCollection of the display geometry drawn at ``kode``.

    What the map loads. Same features as :func:`children_geojson` without the
    feature ``id`` (the browser reads ``properties.kode``), coordinates stored
    as integers at the :func:`screen_decimals` precision, so the decoded
    coordinates are exactly the rounded ones.
    """
    kids, shapes, d = _drawn(md, kode, jalur)
    features = [
        {"type": "Feature", "properties": {"kode": k, "nama": nama}, "geometry": g.__geo_interface__}
        for (k, nama), g in zip(kids[["kode", "nama"]].itertuples(index=False), shapes)
        if g is not None
    ]
    return geobuf.encode({"type": "FeatureCollection", "features": features}, d)


def children_geojson(md: MapData, kode: str | None, jalur: str = ADMINISTRASI) -> bytes:
    """UTF-8 GeoJSON FeatureCollection of the display geometry drawn at ``kode``.

    Each feature has properties ``kode`` and ``nama`` only; values travel
    separately in the ``hideout``. (The map loads :func:`children_geobuf`;
    this is the same geometry for other clients.)
    """
    kids, shapes, _ = _drawn(md, kode, jalur)
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

    Properties: ``id, nama, jenis, kode_desa, ilp_aktif, lapor_bulan_ini``, and for a
    posyandu when there is case data ``minggu`` (the latest week) and ``kasus``
    (``{penyakit: n}`` that week, ``null`` when it did not report).
    """
    rows = facilities_in(md, kode)
    minggu, cases = facility_cases(md, kode)
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
                **({"minggu": minggu, "kasus": cases.get(str(r.id))} if minggu and r.jenis == "posyandu" else {}),
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
    return int(inside(md, kode, md.fasilitas["kode_desa"]).sum())


def etag(body: bytes) -> str:
    """Strong ETag of a response body (unquoted)."""
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def gzipped(body: bytes) -> bytes:
    """``body`` gzip-compressed (deterministic: no timestamp, so ETags stay stable)."""
    return gzip.compress(body, compresslevel=6, mtime=0)

"""Bytes of one map view's geometry in three encodings: GeoJSON, geobuf, TopoJSON.

Usage: ``python bench/geometry_encodings.py`` (the workspaces of
``bench/workspaces.py`` in ``/tmp/pws-bench``, built on first use).

For a few real views (a kabupaten's kecamatan, a kecamatan's desa, a
province's kabupaten, Indonesia's provinsi) it takes the geometry exactly as
the map is sent it (display shapes rounded to one screen pixel,
:mod:`mapdata.geojson`) and prints raw and gzip KB of:

- GeoJSON as the geometry route serves it (``children_geojson``);
- geobuf, what the map loads (``children_geobuf``; dash-leaflet decodes it);
- TopoJSON: shared borders as arcs sent once, quantized to the same grid and
  delta-encoded, from the small encoder below (a prototype for this
  comparison only: arcs are cut where a vertex's neighbours differ between
  rings and matched forwards or backwards).

Also the share of vertices that TopoJSON's arcs spare (1 - arc points /
ring points): borders shared vertex for vertex between neighbours.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from mapdata import areas, geojson  # noqa: E402
from mapdata.store import MapDataCache  # noqa: E402
from workspaces import DEFAULT_DIR, ensure  # noqa: E402

VIEWS = [
    ("demo", "29.02", "a kabupaten's kecamatan"),
    ("demo", "29.02.04", "a kecamatan's desa"),
    ("beltim", "19.06.01", "a kecamatan's desa"),
    ("jabar", "32.04", "a kabupaten's kecamatan (Kab. Bandung)"),
    ("jabar", "32.04.10", "a kecamatan's desa"),
    ("jabar", "32.73", "a kota's kecamatan (Bandung)"),
    ("national", None, "Indonesia's provinsi"),
    ("national", "32", "a province's kabupaten (Jawa Barat)"),
    ("national", "32.04", "a kabupaten's kecamatan"),
    ("national", "32.04.10", "a kecamatan's desa"),
]


def topojson(kodes, names, shapes, decimals: int) -> tuple[bytes, float]:
    """TopoJSON text of ``shapes`` (already on the ``decimals`` grid) and the share of points spared."""
    scale = 10.0**-decimals
    rings, feats = [], []
    for g in shapes:
        if g is None or g.is_empty:
            feats.append(None)
            continue
        polys = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
        parts = []
        for p in polys:
            ids = []
            for r in [p.exterior, *p.interiors]:
                ids.append(len(rings))
                rings.append(np.rint(shapely.get_coordinates(r) / scale).astype(np.int64)[:-1])
            parts.append(ids)  # one list of ring ids per polygon
        feats.append((g.geom_type, parts))
    x0, y0 = np.concatenate(rings).min(axis=0)
    keys = [(c[:, 0] - x0) * (1 << 31) + (c[:, 1] - y0) for c in rings]
    # a junction: a point met with two different (unordered) pairs of neighbours
    k = np.concatenate(keys)
    prev = np.concatenate([np.roll(r, 1) for r in keys])
    nxt = np.concatenate([np.roll(r, -1) for r in keys])
    triples = np.unique(np.stack([k, np.minimum(prev, nxt), np.maximum(prev, nxt)], 1), axis=0)
    point, count = np.unique(triples[:, 0], return_counts=True)
    junctions = set(point[count > 1].tolist())
    arcs, index = [], {}

    def arc_id(seq):
        t = tuple(seq)
        if t in index:
            return index[t]
        if t[::-1] in index:
            return ~index[t[::-1]]
        index[t] = len(arcs)
        arcs.append(seq)
        return index[t]

    ring_arcs = []
    for r in keys:
        pts = r.tolist()
        cuts = [i for i, v in enumerate(pts) if v in junctions]
        if not cuts:  # a ring touching no other: start at its smallest point
            i = int(np.argmin(r))
            ring_arcs.append([arc_id(pts[i:] + pts[:i] + [pts[i]])])
            continue
        s = cuts[0]
        loop = pts[s:] + pts[:s] + [pts[s]]
        ends = [c - s for c in cuts] + [len(pts)]
        ring_arcs.append([arc_id(loop[a : b + 1]) for a, b in zip(ends[:-1], ends[1:])])
    out_arcs = []
    for seq in arcs:
        a = np.array(seq, dtype=np.int64)
        xy = np.stack([a >> 31, a & ((1 << 31) - 1)], 1)
        out_arcs.append(np.diff(xy, axis=0, prepend=np.zeros((1, 2), np.int64)).tolist())
    geoms = []
    for kode, nama, f in zip(kodes, names, feats):
        if f is None:
            continue
        kind, parts = f
        coded = [[ring_arcs[r] for r in ids] for ids in parts]
        geoms.append({"type": kind, "arcs": coded[0] if kind == "Polygon" else coded, "properties": {"kode": kode, "nama": nama}})
    topo = {
        "type": "Topology",
        "transform": {"scale": [scale, scale], "translate": [float(x0 * scale), float(y0 * scale)]},
        "objects": {"a": {"type": "GeometryCollection", "geometries": geoms}},
        "arcs": out_arcs,
    }
    spared = 1 - sum(len(a) for a in arcs) / sum(len(r) + 1 for r in rings)
    return json.dumps(topo, separators=(",", ":"), ensure_ascii=False).encode(), spared


def kb(body: bytes) -> str:
    return f"{len(body) / 1024:6.1f} / {len(gzip.compress(body, 6, mtime=0)) / 1024:5.1f}"


def main() -> None:
    print("view                                              areas  dec   vertices | GeoJSON raw/gz KB | geobuf raw/gz KB (ms) | TopoJSON raw/gz KB (ms, spared)")
    cache = {}
    for name, kode, what in VIEWS:
        if name not in cache:
            cache[name] = MapDataCache().get(ensure(name, DEFAULT_DIR))
        md = cache[name]
        if not areas.is_known(md, kode):
            continue
        kids, shapes, d = geojson._drawn(md, kode)
        gj = geojson.children_geojson(md, kode)
        t = time.perf_counter()
        gb = geojson.children_geobuf(md, kode)
        gb_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        tj, spared = topojson(list(kids["kode"]), list(kids["nama"]), shapes, d)
        tj_ms = (time.perf_counter() - t) * 1000
        n = int(shapely.get_num_coordinates(shapes[~shapely.is_missing(shapes)]).sum())
        label = f"{name} {kode or 'top'}: {what}"
        print(f"{label:<50}{len(kids):5d}  {d:3d}  {n:9d} | {kb(gj)}    | {kb(gb)} ({gb_ms:4.0f})  | {kb(tj)} ({tj_ms:4.0f}, {spared:4.0%})")


if __name__ == "__main__":
    main()

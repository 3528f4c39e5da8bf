"""Synthetic but realistic-looking boundaries for the demo province.

The province is an island in the Java Sea, away from real land. Desa are the
Voronoi cells of jittered seed points, bent by a smooth displacement field so
their borders wander like real ones, and clipped to an irregular coastline;
kecamatan and kabupaten are contiguous groups of desa grown over the desa
adjacency graph, so every border nests exactly.

Everything here is geometry and codes only; names come from :mod:`demo.names`.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

# Centre of the island, in open sea between Kalimantan and the Karimunjawa islands.
CENTRE = (110.85, -4.35)
HALF_EXTENT = (0.62, 0.36)  # degrees (x, y) of the main island's "radius"
GRID = 1e-7  # coordinates snapped to this grid so shared borders are bit-identical


def _blob(rng: np.random.Generator, centre, radius, n_harmonics=24, roughness=0.22, n_points=720):
    """An irregular closed outline: a circle whose radius is a random Fourier series."""
    theta = np.linspace(0.0, 2 * np.pi, n_points, endpoint=False)
    k = np.arange(2, n_harmonics + 2)
    amp = roughness * rng.uniform(0.4, 1.0, k.size) / k**1.1
    phase = rng.uniform(0, 2 * np.pi, k.size)
    r = 1.0 + (amp[:, None] * np.cos(k[:, None] * theta[None, :] + phase[:, None])).sum(axis=0)
    r = np.clip(r, 0.35, None)
    x = centre[0] + radius[0] * r * np.cos(theta)
    y = centre[1] + radius[1] * r * np.sin(theta)
    return shapely.make_valid(shapely.Polygon(np.column_stack([x, y])))


def _warp(geoms: np.ndarray, rng: np.random.Generator, wavelength=0.05, strength=0.6) -> np.ndarray:
    """Bend geometries with one smooth displacement field of the plane.

    The same field moves both copies of a shared border identically, and its
    gradient is bounded by ``strength`` (< 1/sqrt(2)), so the map is one-to-one:
    neighbours stay neighbours without gaps or overlaps.
    """
    n = 6
    k = 2 * np.pi / (wavelength * rng.uniform(0.7, 1.6, n))
    ang = rng.uniform(0, 2 * np.pi, n)
    kx, ky = k * np.cos(ang), k * np.sin(ang)
    ph = rng.uniform(0, 2 * np.pi, (2, n))
    # sum(amp * k) = strength bounds each partial derivative: the warp never folds
    amp = strength / k.sum()

    def field(xy: np.ndarray) -> np.ndarray:
        arg = xy[:, :1] * kx + xy[:, 1:] * ky
        dx = (amp * np.sin(arg + ph[0])).sum(axis=1)
        dy = (amp * np.sin(arg + ph[1])).sum(axis=1)
        return xy + np.column_stack([dx, dy])

    return shapely.transform(geoms, field)


def island_outline(rng: np.random.Generator) -> shapely.MultiPolygon:
    """The province's land: one big irregular island and a few small ones off its coast."""
    main = _blob(rng, CENTRE, HALF_EXTENT, n_harmonics=40, roughness=0.3)
    parts = [main]
    for _ in range(3):
        # small islands a little offshore, along a random bearing
        bearing = rng.uniform(0, 2 * np.pi)
        dist = rng.uniform(1.08, 1.2)
        c = (CENTRE[0] + HALF_EXTENT[0] * dist * np.cos(bearing), CENTRE[1] + HALF_EXTENT[1] * dist * np.sin(bearing))
        size = rng.uniform(0.015, 0.04)
        parts.append(_blob(rng, c, (size * 1.3, size), n_harmonics=8, roughness=0.25, n_points=90))
    land = shapely.union_all(parts)
    land = shapely.segmentize(land, 0.004)
    land = _warp(np.array([land]), rng, wavelength=0.03, strength=0.9)[0]
    land = shapely.make_valid(shapely.set_precision(land, GRID))
    polys = [g for g in getattr(land, "geoms", [land]) if g.geom_type == "Polygon" and g.area > 1e-5]
    return shapely.MultiPolygon(polys)


def _seed_points(rng: np.random.Generator, land, n: int, towns: np.ndarray) -> np.ndarray:
    """``n`` points on the main island, denser near towns, spread by Lloyd-like repulsion."""
    main = max(land.geoms, key=lambda g: g.area)
    shapely.prepare(main)
    minx, miny, maxx, maxy = main.bounds
    pts = []
    while len(pts) < n:
        cand = rng.uniform((minx, miny), (maxx, maxy), (4 * n, 2))
        d = np.min(np.hypot(cand[:, None, 0] - towns[None, :, 0], cand[:, None, 1] - towns[None, :, 1]), axis=1)
        # intensity: 1 far out, ~6x in a town centre
        keep = rng.uniform(0, 1, len(cand)) < (1 + 5 * np.exp(-((d / 0.07) ** 2))) / 6
        cand = cand[keep]
        cand = cand[shapely.contains_xy(main, cand[:, 0], cand[:, 1])]
        pts.extend(cand.tolist())
    pts = np.array(pts[:n])
    # two relaxation steps: move each point to the centroid of its cell (Lloyd), keeps
    # density but avoids slivers
    for _ in range(2):
        cells = _voronoi_cells(pts, main)
        cent = shapely.get_coordinates(shapely.centroid(shapely.intersection(cells, main)))
        pts = 0.5 * pts + 0.5 * cent
    return pts


def _voronoi_cells(points: np.ndarray, extent) -> np.ndarray:
    """Voronoi cells of ``points`` in the order of the points."""
    mp = shapely.multipoints(points)
    env = shapely.box(*shapely.buffer(extent, 0.5).bounds)
    cells = np.array(shapely.voronoi_polygons(mp, extend_to=env, ordered=True).geoms)
    return cells


def town_centres(rng: np.random.Generator, land, n: int) -> np.ndarray:
    """``n`` town sites well inside the main island and far apart (farthest-point sampling)."""
    main = max(land.geoms, key=lambda g: g.area)
    inner = shapely.buffer(main, -0.08)
    shapely.prepare(inner)
    minx, miny, maxx, maxy = inner.bounds
    cand = rng.uniform((minx, miny), (maxx, maxy), (2000, 2))
    cand = cand[shapely.contains_xy(inner, cand[:, 0], cand[:, 1])]
    towns = [cand[0]]
    for _ in range(n - 1):
        d = np.min([np.hypot(*(cand - t).T) for t in towns], axis=0)
        towns.append(cand[int(np.argmax(d))])
    return np.array(towns)


def desa_polygons(rng: np.random.Generator, land, n_desa: int, towns: np.ndarray) -> gpd.GeoDataFrame:
    """Desa geometries, an exact coverage of ``land``, with their seed points.

    Returns
    -------
    GeoDataFrame with ``geometry`` and ``x``, ``y`` (the seed, inside its desa).
    """
    seeds = _seed_points(rng, land, n_desa, towns)
    cells = _voronoi_cells(seeds, land)
    cells = shapely.segmentize(cells, 0.0015)
    # a broad bend, then a finer wiggle (a composition of one-to-one maps stays one-to-one)
    cells = _warp(cells, rng, wavelength=0.05, strength=0.6)
    cells = _warp(cells, rng, wavelength=0.012, strength=0.5)
    cells = shapely.set_precision(cells, GRID)
    clipped = shapely.set_precision(shapely.intersection(cells, land), GRID)
    clipped = np.array([_polygonal(g) for g in clipped])
    return gpd.GeoDataFrame({"x": seeds[:, 0], "y": seeds[:, 1]}, geometry=clipped, crs="EPSG:4326")


def _polygonal(geom):
    """Keep only the polygon parts of an overlay result (drops stray lines and points)."""
    geom = shapely.make_valid(geom)
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
    if len(polys) == 1:
        return polys[0]
    return shapely.MultiPolygon(polys)


def adjacency(geoms: gpd.GeoSeries) -> list[set[int]]:
    """Neighbours of each polygon: those sharing a border of positive length."""
    tree = shapely.STRtree(geoms.values)
    left, right = tree.query(geoms.values, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    shared = shapely.length(shapely.intersection(geoms.values[left], geoms.values[right]))
    neighbours: list[set[int]] = [set() for _ in range(len(geoms))]
    for a, b in zip(left[shared > 1e-6], right[shared > 1e-6]):
        neighbours[a].add(b)
        neighbours[b].add(a)
    return neighbours


def grow_regions(
    nodes: list[int],
    neighbours: list[set[int]],
    xy: np.ndarray,
    n_regions: int,
    rng: np.random.Generator,
    starts: list[int] | None = None,
) -> dict[int, int]:
    """Split ``nodes`` into ``n_regions`` contiguous, compact, similar-sized groups.

    Region seeds are ``starts`` or else spread by farthest-point sampling; then the smallest region
    that still has an unassigned neighbour takes the one nearest its seed. Nodes
    cut off from every region (an islet with no land border) join the nearest one.

    Returns
    -------
    dict node -> region number (0 .. n_regions-1).
    """
    nodes = list(nodes)
    node_set = set(nodes)
    starts = list(starts or [nodes[int(rng.integers(len(nodes)))]])
    while len(starts) < n_regions:
        d = np.min([np.hypot(*(xy[nodes] - xy[s]).T) for s in starts], axis=0)
        starts.append(nodes[int(np.argmax(d))])
    region = {s: r for r, s in enumerate(starts)}
    size = [1] * n_regions
    members = [[s] for s in starts]
    while len(region) < len(nodes):
        progressed = False
        for r in np.argsort(size, kind="stable"):
            frontier = {n for m in members[r] for n in neighbours[m] if n in node_set and n not in region}
            if not frontier:
                continue
            centre = xy[members[r]].mean(axis=0)
            best = min(frontier, key=lambda n: (np.hypot(*(xy[n] - centre)), n))
            region[best] = r
            members[r].append(best)
            size[r] += 1
            progressed = True
            break
        if not progressed:  # islets: attach to the region with the nearest member
            for n in nodes:
                if n not in region:
                    r = min(range(n_regions), key=lambda r: np.min(np.hypot(*(xy[members[r]] - xy[n]).T)))
                    region[n] = r
                    members[r].append(n)
                    size[r] += 1
    return region

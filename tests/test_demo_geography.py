"""Building blocks of the demo's shapes and names, on hand-made inputs."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import box

from demo import geography, names


def test_regions_grow_from_their_starts_and_stay_balanced_on_a_path():
    # 0 - 1 - 2 - 3 - 4 - 5, regions started at both ends meet in the middle
    neighbours = [{1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4}]
    xy = np.array([[i, 0.0] for i in range(6)])
    region = geography.grow_regions(list(range(6)), neighbours, xy, 2, np.random.default_rng(0), starts=[0, 5])
    assert region == {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1}


def test_regions_are_contiguous_on_a_grid():
    side = 8
    cells = gpd.GeoSeries([box(i, j, i + 1, j + 1) for j in range(side) for i in range(side)])
    neighbours = geography.adjacency(cells)
    assert neighbours[0] == {1, side}  # a corner touches two cells by an edge (not the diagonal)
    xy = np.array([[c.centroid.x, c.centroid.y] for c in cells])
    region = geography.grow_regions(list(range(side * side)), neighbours, xy, 4, np.random.default_rng(1))
    sizes = np.bincount(list(region.values()))
    assert sizes.sum() == side * side and sizes.min() >= 8
    for r in range(4):
        members = {n for n, g in region.items() if g == r}
        seen, todo = set(), [next(iter(members))]
        while todo:  # flood fill inside the region
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo += [m for m in neighbours[n] if m in members]
        assert seen == members


def test_the_warp_is_smooth_and_small():
    rng = np.random.default_rng(0)
    square = np.array([box(0, 0, 0.1, 0.1).segmentize(0.01)])
    bent = geography._warp(square, rng, wavelength=0.05, strength=0.6)[0]
    shift = np.abs(np.asarray(bent.exterior.coords) - np.asarray(square[0].exterior.coords))
    # per axis at most strength / mean(k), and k >= 2 pi / (1.6 wavelength)
    assert 0 < shift.max() <= 0.6 * 1.6 * 0.05 / (2 * np.pi)
    assert bent.is_valid


def test_names_distinct_within_a_kecamatan_and_posyandu_numbered_when_repeated():
    rng = np.random.default_rng(3)
    desa = names.desa_names(rng, 40, taken={"Sukamaju"})
    assert len(set(desa)) == 40 and "Sukamaju" not in desa
    posyandu = names.posyandu_names(rng, 40)  # more than there are flowers
    assert len(set(posyandu)) == 40
    assert all(p.startswith("Posyandu ") for p in posyandu)

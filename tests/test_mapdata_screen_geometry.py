"""Screen geometry: rounded to the pixel, and still valid geometry."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import GeometryCollection, LineString, box

from mapdata.geojson import screen_decimals, screen_geometry


def test_a_part_that_rounds_to_a_point_is_dropped_not_left_invalid():
    # Kabupaten 96.01's real boundary is such a collection: rounding leaves zero-length lines,
    # which simplify(0) keeps and GEOS calls invalid ("too few points")
    shape = GeometryCollection([box(0, 0, 1, 1), LineString([(1.5, 0.5), (1.5004, 0.5003)])])
    rounded = shapely.simplify(shapely.transform(shape, lambda c: np.round(c, 3)), 0.0, preserve_topology=False)
    assert not rounded.is_valid  # what the old rounding gave
    out = screen_geometry(np.array([shape, box(1, 0, 2, 1), None], dtype=object), 3)
    assert out[0].is_valid and out[0].equals(box(0, 0, 1, 1))
    assert out[1].equals(box(1, 0, 2, 1)) and out[2] is None
    # shared vertices land on the same grid point: the neighbours still meet exactly
    assert out[0].intersection(out[1]).length == 1.0


def test_every_real_kabupaten_drawn_nationally_is_valid(shared_data):
    import geopandas as gpd

    shapes = gpd.read_file(shared_data / "boundaries" / "indonesia_kabkota.gpkg").geometry.to_numpy()
    out = screen_geometry(shapes)
    assert screen_decimals(shapes) == 2
    present = out[~shapely.is_missing(out)]
    assert len(present) == len(shapes)
    bad = [shapely.is_valid_reason(g) for g in present if not g.is_valid]
    assert bad == []

"""Map labels: where inside each area its label goes, and which labels fit.

Two pure steps, both without Dash or a browser:

* :func:`anchor_points` gives each polygon a point inside it (the pole of
  inaccessibility, ``shapely.ops.polylabel``, on the largest part of a
  MultiPolygon, or the centroid when that is nearly as deep inside): the
  centroid of a crescent-shaped desa can lie outside it.
* :func:`place_labels` keeps labels greedily by priority (largest area first)
  and drops every label whose box, estimated in screen pixels at the view's
  zoom, would overlap one already kept.

Screen pixels are Web Mercator pixels at a Leaflet zoom (256 px tiles), as
the map draws them; :func:`fit_zoom` gives the zoom at which Leaflet's
``fitBounds`` shows an area in a viewport of a given size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.ops import polylabel

TILE = 256
CHAR_WIDTH = 0.58
"""Average glyph width as a share of the font size (a sans-serif's digits and lower case)."""
LINE_HEIGHT = 1.25
CENTROID_DEPTH = 0.9
"""The centroid is the label point when it lies inside at this share of the pole's distance to the edge."""
PADDING = 2.0
"""Pixels kept free around each label box."""


@dataclass(frozen=True)
class Label:
    """A label to place: ``lines`` of text at ``(lon, lat)``; larger ``priority`` goes first."""

    kode: str
    lon: float
    lat: float
    lines: tuple[str, ...]
    priority: float = 0.0


def anchor_points(geometries, tolerance: float = 1e-3) -> list[tuple[float, float] | None]:
    """A point inside each polygon, ``(x, y)``, or ``None`` for a missing or empty geometry.

    ``tolerance`` is relative to each part's bounding box (so small desa and
    large kabupaten get the same precision).

    >>> from shapely.geometry import box
    >>> (x, y), missing = anchor_points([box(0, 0, 2, 2), None])
    >>> round(x, 6), round(y, 6), missing
    (1.0, 1.0, None)
    """
    out = []
    for g in geometries:
        if g is None or g.is_empty:
            out.append(None)
            continue
        part = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        if part.geom_type != "Polygon" or part.area == 0:
            p = g.point_on_surface()
        else:
            x0, y0, x1, y1 = part.bounds
            p = polylabel(part, tolerance=max(x1 - x0, y1 - y0) * tolerance)
            if not part.contains(p):  # polylabel can land on the boundary of a degenerate ring
                p = part.point_on_surface()
            c = part.centroid
            # polylabel's pole is one of many equally deep points in an elongated shape (a 1 x 2
            # rectangle: anywhere on its middle line); the centroid reads better when it is nearly as deep
            if part.contains(c) and part.exterior.distance(c) >= CENTROID_DEPTH * part.exterior.distance(p):
                p = c
        out.append((float(p.x), float(p.y)))
    return out


def to_pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates at ``zoom`` (y grows downwards, as on screen).

    >>> to_pixels(0.0, 0.0, 0)
    (128.0, 128.0)
    """
    scale = TILE * 2.0 ** zoom
    lat = max(min(lat, 85.05112878), -85.05112878)
    s = math.sin(math.radians(lat))
    x = (lon + 180.0) / 360.0 * scale
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return x, y


def fit_zoom(bounds, width: float, height: float, snap: float = 0.25, max_zoom: float = 18.0) -> float:
    """The zoom at which ``bounds`` ``[[south, west], [north, east]]`` fill a ``width`` × ``height`` viewport.

    Like Leaflet's ``fitBounds``: the largest zoom, rounded down to ``snap``,
    at which the whole box fits.

    >>> fit_zoom([[-1, -1], [1, 1]], 512, 512)
    8.25
    """
    (s, w), (n, e) = bounds
    x0, y0 = to_pixels(w, n, 0)
    x1, y1 = to_pixels(e, s, 0)
    dx, dy = max(x1 - x0, 1e-12), max(y1 - y0, 1e-12)
    z = math.log2(min(width / dx, height / dy))
    return min(max_zoom, math.floor(z / snap) * snap)


def label_box(label: Label, zoom: float, font_px: float) -> tuple[float, float, float, float]:
    """Estimated screen box ``(x0, y0, x1, y1)`` of a label centred on its point, padding included."""
    x, y = to_pixels(label.lon, label.lat, zoom)
    w = max((len(s) for s in label.lines), default=0) * CHAR_WIDTH * font_px
    h = len(label.lines) * LINE_HEIGHT * font_px
    return x - w / 2 - PADDING, y - h / 2 - PADDING, x + w / 2 + PADDING, y + h / 2 + PADDING


def place_labels(labels: list[Label], zoom: float, font_px: float = 12.0) -> list[Label]:
    """The labels that fit without overlapping, in priority order.

    Greedy: labels are taken by ``priority`` (highest first; ties by code, so
    the answer does not depend on input order) and each one whose box
    overlaps a box already kept is dropped.

    >>> a = Label("a", 0.0, 0.0, ("Desa A",), priority=2)
    >>> b = Label("b", 0.0001, 0.0, ("Desa B",), priority=1)
    >>> [x.kode for x in place_labels([b, a], zoom=10)]
    ['a']
    >>> [x.kode for x in place_labels([b, a], zoom=20)]
    ['a', 'b']
    """
    if font_px <= 0:
        raise ValueError(f"font_px must be positive, not {font_px}")
    kept, boxes = [], []
    for label in sorted(labels, key=lambda lab: (-lab.priority, lab.kode)):
        box = label_box(label, zoom, font_px)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        kept.append(label)
        boxes.append(box)
    return kept


def areas_for_priority(geometries) -> list[float]:
    """Planar area of each geometry in its own units (0 for a missing one): the default priority."""
    return [0.0 if g is None else float(shapely.area(g)) for g in geometries]

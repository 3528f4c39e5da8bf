"""Area labels for the map and the PNG: a point inside each area, and the labels that fit.

The label points of an area's children are computed once per snapshot and
area (:func:`label_points`, memoised); the text (name and value, or name and
change) and the greedy collision pass (:func:`geo.labels.place_labels`) run
per view, at the zoom the map opens with (Leaflet's ``fitBounds`` of the area
in a viewport of :data:`VIEWPORT` pixels) and the font size of the mode.
"""

from __future__ import annotations

import pandas as pd

from geo.labels import Label, anchor_points, areas_for_priority, fit_zoom, place_labels

from . import areas
from .store import MapData

VIEWPORT = {"normal": (760, 520), "presentasi": (1280, 760)}
"""Map size in CSS pixels the labels are placed for (about the map's box on a laptop and a projector)."""
FONT_PX = {"normal": 12.0, "presentasi": 18.0}
"""Label font size in CSS pixels (``assets/pws.css`` ``.pws-label``), per mode."""
EXPORT_VIEWPORT = (930, 740)
"""The PNG's map axes in pixels (a 10 × 8 inch figure at 120 dpi, less title and margins)."""
EXPORT_FONT_PT = 8.0
"""The PNG's label font size in points (at 120 dpi: 13.3 px)."""


def export_labels(md: MapData, wilayah: str | None, jalur: str, texts: dict[str, str], bounds,
                  dpi: int = 120) -> list[dict]:
    """The labels that fit on the PNG (placed again for its size and font, not the screen's)."""
    return placed_labels(label_points(md, wilayah, jalur), texts, bounds, viewport=EXPORT_VIEWPORT,
                         font_px=EXPORT_FONT_PT * dpi / 72)


def label_points(md: MapData, wilayah: str | None, jalur: str) -> pd.DataFrame:
    """``kode, nama, lon, lat, luas`` of the children drawn at ``wilayah``: a point inside each.

    From the display geometry (the shapes the map draws), once per snapshot,
    area and path. Areas without geometry are left out.
    """
    def compute():
        kids = areas.children(md, wilayah, jalur)
        geom = md.memo(("display_by_kode",), lambda: md.display.drop_duplicates("kode").set_index("kode").geometry)
        shapes = geom.reindex(kids["kode"]).to_numpy()
        points = anchor_points(shapes)
        rows = [{"kode": k, "nama": str(n), "lon": p[0], "lat": p[1], "luas": a}
                for k, n, p, a in zip(kids["kode"], kids["nama"], points, areas_for_priority(shapes)) if p is not None]
        return pd.DataFrame(rows, columns=["kode", "nama", "lon", "lat", "luas"])

    return md.memo(("label_points", wilayah, jalur), compute)


def placed_labels(points: pd.DataFrame, texts: dict[str, str], bounds, *, viewport: tuple[float, float],
                  font_px: float) -> list[dict]:
    """The labels that fit: ``[{"kode", "lat", "lon", "teks": [name, value]}]``, largest area first.

    Parameters
    ----------
    points : :func:`label_points`.
    texts : value text by code (``–`` where there is none: the name alone is then
        still useful, and says the area has no data).
    bounds : ``[[south, west], [north, east]]`` the map fits.
    viewport : ``(width, height)`` in pixels; ``font_px`` the label's font size there.
    """
    zoom = fit_zoom(bounds, *viewport)
    labels = [Label(r.kode, float(r.lon), float(r.lat), (r.nama, texts.get(r.kode, "–")), float(r.luas))
              for r in points.itertuples(index=False)]
    return [{"kode": lab.kode, "lat": round(lab.lat, 5), "lon": round(lab.lon, 5), "teks": list(lab.lines)}
            for lab in place_labels(labels, zoom, font_px)]


def labels_geojson(labels: list[dict]) -> dict:
    """The placed labels as a GeoJSON FeatureCollection of points (the browser's label layer).

    >>> labels_geojson([{"kode": "a", "lat": 1.0, "lon": 2.0, "teks": ["A", "5 %"]}])["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [2.0, 1.0]}
    """
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lab["lon"], lab["lat"]]},
         "properties": {"teks": lab["teks"]}}
        for lab in labels
    ]}

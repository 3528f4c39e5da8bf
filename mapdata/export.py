"""Downloads: the ranked table as CSV/XLSX, the map as a PNG (offline, matplotlib)."""

from __future__ import annotations

import io
import re

import pandas as pd

from texts import t

from .labels import EXPORT_FONT_PT as LABEL_FONT_PT
from .tables import export_frame
from .waspada import OUTLINE_BARU, OUTLINE_NYATA, OUTLINE_STYLE


def table_csv(rows: list[dict], lang: str, banding: str | None = None, columns=None) -> str:
    """The table as CSV text (UTF-8; numbers unformatted so spreadsheets can compute); ``columns`` as
    :func:`mapdata.tables.export_frame`'s."""
    return export_frame(rows, lang, banding, columns).to_csv(index=False)


def table_xlsx(rows: list[dict], lang: str, sheet: str = "PWS", banding: str | None = None, columns=None) -> bytes:
    """The table as an Excel workbook."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        export_frame(rows, lang, banding, columns).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


def file_stem(title: str) -> str:
    """A safe file name from a map title.

    >>> file_stem("Cakupan K1 · Kab. Contoh · 2025-06")
    'pws_cakupan-k1_kab-contoh_2025-06'
    """
    parts = [re.sub(r"[^0-9a-z]+", "-", p.lower()).strip("-") for p in title.split("·")]
    return "pws_" + "_".join(p for p in parts if p)


ALERT_OUTLINES = (
    ("waspada", OUTLINE_STYLE[OUTLINE_BARU], "legenda_waspada", "legenda_waspada_minggu"),
    ("waspada_nyata", OUTLINE_STYLE[OUTLINE_NYATA], "legenda_waspada_nyata", "legenda_waspada_nyata_minggu"),
)
"""The alert outlines the PNG draws: hideout key, style (:data:`mapdata.waspada.OUTLINE_STYLE`, as on
screen) and the legend's words, "this week" (the dashboard's map) or naming the week (a brief, which may be
of an older week); each is drawn and explained only when an area has it."""
PNG_LINE_SCALE = 2.2 / 3
"""Screen pixels of an outline → points of the PNG's line (3 px drew 2.2 pt before there were two)."""


def _linestyle(style: dict):
    """Matplotlib's dash pattern for a Leaflet ``dashArray`` such as ``"6 4"`` (``None``: solid)."""
    if not style["garis"]:
        return "-"
    return (0, tuple(float(x) * PNG_LINE_SCALE for x in style["garis"].split()))


def map_png(geometry, hideout: dict, *, title: str, legend_title: str, demo: bool, source: str, lang: str, dpi: int = 120,
            labels: list[dict] | None = None, alert_week: str | None = None) -> bytes:
    """The map as a PNG: areas coloured as on screen, title, legend, demo label and source.

    Parameters
    ----------
    geometry : GeoDataFrame ``kode, geometry`` of the areas drawn.
    hideout : the map's hideout (:func:`mapdata.hideout.build_hideout`), so
        the picture has exactly the screen's colours and legend.
    labels : placed labels (:func:`mapdata.labels.export_labels`) to write on the
        areas, or ``None``.
    alert_week : the ISO week of the alert outlines, named in the legend (a
        brief's); ``None``: "this week" (the dashboard's map).
    """
    fig = map_figure(geometry, hideout, title=title, legend_title=legend_title, demo=demo, source=source,
                     lang=lang, dpi=dpi, labels=labels, alert_week=alert_week)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def map_figure(geometry, hideout: dict, *, title: str, legend_title: str, demo: bool, source: str, lang: str,
               dpi: int = 120, labels: list[dict] | None = None, alert_week: str | None = None):
    """The :class:`matplotlib.figure.Figure` :func:`map_png` renders (tests read its text before rendering).

    Every mark drawn is in the legend: the classes and "tidak ada data", the
    alert outline when an area has one, and the labels when they are on
    (what they say, and that overlapping ones are left out).

    Built without ``pyplot``: pyplot keeps global state (current figure, figure
    registry) that is not thread-safe, and the server answers downloads on
    several threads. Each call owns its figure and Agg canvas.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PatchCollection
    from matplotlib import patheffects
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from shapely.plotting import patch_from_polygon

    fig = Figure(figsize=(10, 8), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    polygons = [(k, g) for k, g in zip(geometry["kode"], geometry.geometry)
                if g is not None and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon")]
    ax.add_collection(PatchCollection(
        [patch_from_polygon(g) for _, g in polygons],
        facecolors=[hideout["warna"].get(k, hideout["nodata"]) for k, _ in polygons],
        edgecolors=hideout.get("garis", "#4d4d4d"), linewidths=0.6,
    ))
    drawn = []  # the outlines drawn, for the legend
    for key, style, this_week, of_week in ALERT_OUTLINES:
        words = t(of_week, lang, minggu=alert_week) if alert_week else t(this_week, lang)
        codes = set(hideout.get(key, []))
        outlined = [patch_from_polygon(g) for k, g in polygons if k in codes]
        if outlined:
            ax.add_collection(PatchCollection(outlined, facecolors="none", edgecolors=style["warna"],
                                              linewidths=style["tebal"] * PNG_LINE_SCALE,
                                              linestyles=[_linestyle(style)], gid="outline:" + key))
            drawn.append((style, words))
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for lab in labels or []:
        ax.text(lab["lon"], lab["lat"], "\n".join(lab["teks"]), ha="center", va="center", fontsize=LABEL_FONT_PT,
                color="#111", path_effects=halo, gid="label:" + lab["kode"])
    ax.autoscale_view()
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_title(title, fontsize=14, fontweight="bold", loc="left")
    handles = [Patch(facecolor=e["warna"], edgecolor="#333", label=e["label"]) for e in hideout["legend"]]
    for style, words in drawn:
        handles.append(Patch(facecolor="none", edgecolor=style["warna"], linewidth=style["tebal"] * PNG_LINE_SCALE,
                             linestyle=_linestyle(style), label=words))
    if labels:
        note = "legenda_label_banding" if "satuan_perubahan" in hideout else "legenda_label"
        handles.append(Line2D([], [], linestyle="none", marker="$Aa$", markersize=12, color="#111",
                              label=t(note, lang)))
    ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9,
              title_fontsize=10, framealpha=0.95)
    caption = t("sumber_batas", lang, sumber=source or "–") + " · PWS-ILP"
    fig.text(0.01, 0.01, caption, fontsize=8, color="#333")
    if demo:
        fig.text(
            0.99, 0.97, t("demo_label", lang), ha="right", va="top", fontsize=12, fontweight="bold",
            bbox={"facecolor": "#ffe08a", "edgecolor": "#8a6d00", "boxstyle": "round,pad=0.3"},
        )
    return fig

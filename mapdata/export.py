"""Downloads: the ranked table as CSV/XLSX, the map as a PNG (offline, matplotlib)."""

from __future__ import annotations

import io
import re

import pandas as pd

from texts import t

from .tables import export_frame


def table_csv(rows: list[dict], lang: str) -> str:
    """The table as CSV text (UTF-8; numbers unformatted so spreadsheets can compute)."""
    return export_frame(rows, lang).to_csv(index=False)


def table_xlsx(rows: list[dict], lang: str, sheet: str = "PWS") -> bytes:
    """The table as an Excel workbook."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        export_frame(rows, lang).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


def file_stem(title: str) -> str:
    """A safe file name from a map title.

    >>> file_stem("Cakupan K1 · Kab. Contoh · 2025-06")
    'pws_cakupan-k1_kab-contoh_2025-06'
    """
    parts = [re.sub(r"[^0-9a-z]+", "-", p.lower()).strip("-") for p in title.split("·")]
    return "pws_" + "_".join(p for p in parts if p)


def map_png(geometry, hideout: dict, *, title: str, legend_title: str, demo: bool, source: str, lang: str, dpi: int = 120) -> bytes:
    """The map as a PNG: areas coloured as on screen, title, legend, demo label and source.

    Parameters
    ----------
    geometry : GeoDataFrame ``kode, geometry`` of the areas drawn.
    hideout : the map's hideout (:func:`mapdata.hideout.build_hideout`), so
        the picture has exactly the screen's colours and legend.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    colours = [hideout["warna"].get(k, hideout["nodata"]) for k in geometry["kode"]]
    fig, ax = plt.subplots(figsize=(10, 8), dpi=dpi)
    try:
        geometry.plot(ax=ax, color=colours, edgecolor=hideout.get("garis", "#4d4d4d"), linewidth=0.6)
        waspada = geometry[geometry["kode"].isin(hideout.get("waspada", []))]
        if len(waspada):
            waspada.boundary.plot(ax=ax, color="#b2182b", linewidth=2.2, linestyle="--")
        ax.set_axis_off()
        ax.set_aspect("equal")
        ax.set_title(title, fontsize=14, fontweight="bold", loc="left")
        handles = [Patch(facecolor=e["warna"], edgecolor="#333", label=e["label"]) for e in hideout["legend"]]
        ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, title_fontsize=10, framealpha=0.95)
        caption = t("sumber_batas", lang, sumber=source or "–") + " · PWS-ILP"
        fig.text(0.01, 0.01, caption, fontsize=8, color="#333")
        if demo:
            fig.text(
                0.99, 0.97, t("demo_label", lang), ha="right", va="top", fontsize=12, fontweight="bold",
                bbox={"facecolor": "#ffe08a", "edgecolor": "#8a6d00", "boxstyle": "round,pad=0.3"},
            )
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()
    finally:
        plt.close(fig)

"""The ``hideout`` sent to the browser: colours, hover text and legend by code.

Classification itself (status, classes, breaks) comes from
``indicators.query.IndicatorQuery.children``; this module only paints it:
a colour per class, hover text per area, and a legend that is built from the
same colour list, so the legend always matches the map.
"""

from __future__ import annotations

import math

import pandas as pd

from indicators.status import legend_statuses
from texts import t

from .format import format_count, format_value

PWS_COLOURS = {"baik": "#1a9850", "kurang": "#a6d96a", "cukup": "#fdae61", "jelek": "#d73027",
               "capai": "#74add1", "belum_capai": "#b2abd2"}
PWS_COLOURS_CB = {"baik": "#0072B2", "kurang": "#56B4E9", "cukup": "#E69F00", "jelek": "#D55E00",
                  "capai": "#009E73", "belum_capai": "#CC79A7"}
"""Trend unknown (``capai``, ``belum_capai``): blue and lilac, apart from the four trend colours."""
"""Presentation mode: Okabe–Ito hues, told apart with any colour vision."""

NODATA = "#d9d9d9"
NODATA_CB = "#ffffff"
LINE = "#4d4d4d"
LINE_CB = "#000000"


def palette(k: int, arah: str = "naik", colour_blind: bool = False) -> list[str]:
    """``k`` sequential colours from worst to best for the indicator's direction.

    ``arah="naik"`` (higher is better) runs light to dark green; ``"turun"``
    (lower is better, e.g. stunting) runs light to dark red, so dark always
    means "more". Presentation mode uses viridis (colour-blind safe).

    >>> palette(3)
    ['#f1fab5', '#62bb6e', '#00522e']
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    if k <= 0:
        return []
    name = "viridis_r" if colour_blind else ("YlGn" if arah == "naik" else "YlOrRd")
    cmap = colormaps[name]
    lo, hi = (0.0, 1.0) if colour_blind else (0.15, 0.95)
    steps = [lo + (hi - lo) * i / max(k - 1, 1) for i in range(k)] if k > 1 else [(lo + hi) / 2]
    return [to_hex(cmap(s)) for s in steps]


def build_hideout(
    frame: pd.DataFrame | None,
    *,
    skema: str = "pws",
    satuan: str = "persen",
    arah: str = "naik",
    lang: str = "id",
    colour_blind: bool = False,
    legend_labels: list[str] | None = None,
    waspada: list[str] | None = None,
    nyata: list[str] | None = None,
    pilih: str | None = None,
) -> dict:
    """Hideout payload for the choropleth.

    Parameters
    ----------
    frame : ``IndicatorQuery.children`` output (``kode, nilai, pembilang,
        penyebut, target_bulan, status, kelas``), or ``None`` when there are no
        indicator values (every area then gets the no-data colour).
    skema : ``"pws"`` colours by ``status``; any other scheme by ``kelas``
        (``-1`` = no data).
    legend_labels : class labels from the indicators module (scheme legends);
        when absent, each class is labelled with its value range.
    waspada : area codes with an early-warning alert inside not verified yet (dashed outline).
    nyata : area codes with an alert verified as a real rise or under response (solid outline).
    pilih : the selected area (outlined thicker).

    Returns
    -------
    dict with ``warna`` ({kode: colour}), ``tip`` ({kode: hover HTML below
    the area's name}; the browser puts the name, which it has from the
    geometry, on top, so names do not travel again with every restyle),
    ``nodata``, ``garis`` (line colour), ``waspada``, ``waspada_nyata``, ``pilih`` and ``legend``
    (list of ``{"warna", "label"}``; the last entry is "tidak ada data").
    """
    nodata = NODATA_CB if colour_blind else NODATA
    if frame is None or frame.empty:
        warna, legend, tip = {}, [], {}
    elif skema == "pws":
        colours = PWS_COLOURS_CB if colour_blind else PWS_COLOURS
        warna = {k: colours[s] for k, s in zip(frame["kode"], frame["status"]) if s in colours}
        legend = [{"warna": colours[s], "label": t(f"legenda_{s}", lang)} for s in legend_statuses(frame["status"])]
        tip = _tips(frame, satuan, lang)
    else:
        kelas = frame["kelas"].fillna(-1).astype(int)
        k = len(legend_labels) if legend_labels else int(kelas.max()) + 1
        colours = palette(k, arah, colour_blind)
        warna = {kode: colours[c] for kode, c in zip(frame["kode"], kelas) if 0 <= c < k}
        labels = legend_labels or _range_labels(frame, kelas, k, satuan, lang)
        legend = [{"warna": c, "label": lab} for c, lab in zip(colours, labels)]
        tip = _tips(frame, satuan, lang)
    legend.append({"warna": nodata, "label": t("tidak_ada_data", lang)})
    return {
        "warna": warna,
        "tip": tip,
        "nodata": nodata,
        "garis": LINE_CB if colour_blind else LINE,
        "waspada": sorted(waspada or []),
        "waspada_nyata": sorted(nyata or []),
        "pilih": pilih,
        "legend": legend,
    }


BROWSER_KEYS = ("warna", "tip", "nodata", "garis", "waspada", "waspada_nyata", "pilih")
"""What ``assets/pws.js`` reads from the hideout (the legend is drawn by the server)."""


def browser_hideout(hideout: dict) -> dict:
    """The part of :func:`build_hideout`'s payload that the map's style and tooltip read.

    Sent with every drill and restyle, so nothing else travels: the legend
    entries arrive as the legend's own components, and an empty alert list or
    no selection is left out (the style function's defaults).

    >>> browser_hideout({"warna": {}, "tip": {}, "nodata": "#d9d9d9", "garis": "#4d4d4d",
    ...                  "waspada": [], "waspada_nyata": [], "pilih": None, "legend": [{"warna": "#d9d9d9", "label": "-"}]})
    {'warna': {}, 'tip': {}, 'nodata': '#d9d9d9', 'garis': '#4d4d4d'}
    """
    return {k: hideout[k] for k in BROWSER_KEYS if hideout.get(k) not in (None, [])}


def _range_labels(frame: pd.DataFrame, kelas: pd.Series, k: int, satuan: str, lang: str) -> list[str]:
    """``min – max`` of the values in each class (an empty class shows ``–``)."""
    labels = []
    for c in range(k):
        v = frame.loc[kelas.to_numpy() == c, "nilai"]
        labels.append(f"{format_value(v.min(), satuan, lang)} – {format_value(v.max(), satuan, lang)}" if len(v) else "–")
    return labels


def _tips(frame: pd.DataFrame, satuan: str, lang: str) -> dict[str, str]:
    """Hover text under the name: value with unit, numerator/denominator, target, status."""
    tips = {}
    for r in frame.itertuples(index=False):
        status = r.status if isinstance(r.status, str) else None
        lines = [
            f"{format_value(r.nilai, satuan, lang)} ({format_count(r.pembilang, lang)}/{format_count(r.penyebut, lang)})",
            f"{t('target', lang)}: {format_value(getattr(r, 'target_bulan', None), satuan, lang)}",
            f"{t('status', lang)}: {t('status_' + status, lang) if status else t('tidak_ada_data', lang)}",
        ]
        tips[r.kode] = "<br>".join(lines)
    return tips


def _escape(text) -> str:
    s = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

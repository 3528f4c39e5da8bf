"""Two periods compared on the map and in the table: the change and its diverging legend.

The values are the same the map shows for each month (``view.values_frame``);
the arithmetic and the classes are :mod:`indicators.compare`'s.
"""

from __future__ import annotations

import math

import pandas as pd

from indicators.compare import change_classes, difference
from texts import t

from .format import format_number, format_value, unit

CHANGE_CLASSES = 5
NODATA_CHANGE = "#8c8c8c"
"""A mid grey: the diverging palette's middle is near white, so "no data" must not be light."""


def change_unit(satuan: str, lang: str) -> str:
    """The unit of a change: percentage points for a percentage, else the indicator's own unit.

    >>> change_unit("persen", "id"), change_unit("persen", "en")
    ('poin persen', 'percentage points')
    """
    return t("satuan_perubahan_persen", lang) if satuan == "persen" else unit(satuan, lang)


def format_change(x, satuan: str, lang: str, with_unit: bool = True) -> str:
    """A signed change with its unit, ``+5,0 poin persen``; ``–`` when missing.

    >>> format_change(5.0, "persen", "id"), format_change(-2.25, "persen", "en"), format_change(None, "persen", "id")
    ('+5,0 poin persen', '-2.2 percentage points', '–')
    >>> format_change(5.0, "persen", "id", with_unit=False)
    '+5,0'
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = format_number(x, lang, 0 if satuan == "jumlah" else 1)
    u = change_unit(satuan, lang) if with_unit else ""
    return ("+" if x > 0 else "") + text + (f" {u}" if u else "")


def change_frame(now: pd.DataFrame | None, before: pd.DataFrame | None) -> pd.DataFrame | None:
    """``now`` with ``nilai_banding`` (the other month's value) and ``perubahan`` (now − then) added.

    An area missing from ``before`` has no earlier value (its change is missing, never 0).
    """
    if now is None:
        return None
    then = before[["kode", "nilai"]].rename(columns={"nilai": "nilai_banding"}) if before is not None else \
        pd.DataFrame({"kode": pd.Series(dtype=object), "nilai_banding": pd.Series(dtype=float)})
    out = now.merge(then, on="kode", how="left")
    out["perubahan"] = difference(out["nilai"], out["nilai_banding"])
    out.attrs = dict(now.attrs)
    return out


def diverging_palette(k: int, arah: str = "naik") -> list[str]:
    """``k`` colours from the largest fall to the largest rise, ColorBrewer BrBG (colour-blind safe).

    Teal is always "better": a rise for an indicator where higher is better
    (``arah="naik"``), a fall where lower is better (``"turun"``), so the
    palette is reversed for the latter.

    >>> diverging_palette(3)
    ['#a6611a', '#f5f5f5', '#018571']
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    fixed = {3: ["#a6611a", "#f5f5f5", "#018571"], 5: ["#a6611a", "#dfc27d", "#f5f5f5", "#80cdc1", "#018571"]}
    colours = fixed.get(k) or [to_hex(colormaps["BrBG"](i / max(k - 1, 1))) for i in range(k)]
    return colours if arah == "naik" else list(reversed(colours))


def change_hideout(frame: pd.DataFrame | None, *, satuan: str, arah: str, lang: str, periode: str, banding: str,
                   waspada: list[str] | None = None, nyata: list[str] | None = None, pilih: str | None = None,
                   garis: str = "#4d4d4d") -> dict:
    """The hideout of a comparison map, the same keys as :func:`mapdata.hideout.build_hideout`'s.

    ``frame`` is :func:`change_frame`'s. The legend runs from the largest fall to
    the largest rise; the better end says so; "tidak ada data" is last.
    """
    u = change_unit(satuan, lang)
    if frame is None or frame.empty:
        classes = change_classes([], CHANGE_CLASSES, lang)
        warna, tip = {}, {}
    else:
        classes = change_classes(frame["perubahan"], CHANGE_CLASSES, lang)
        colours = diverging_palette(CHANGE_CLASSES, arah)
        warna = {k: colours[c] for k, c in zip(frame["kode"], classes.classes) if c >= 0}
        tip = {r.kode: "<br>".join([
            f"{periode}: {format_value(r.nilai, satuan, lang)}",
            f"{banding}: {format_value(r.nilai_banding, satuan, lang)}",
            f"{t('perubahan', lang)}: {format_change(r.perubahan, satuan, lang)}",
        ]) for r in frame.itertuples(index=False)}
    colours = diverging_palette(CHANGE_CLASSES, arah)
    labels = list(classes.labels)
    better, worse = (len(labels) - 1, 0) if arah == "naik" else (0, len(labels) - 1)
    labels[better] += f" ({t('perubahan_lebih_baik', lang)})"
    labels[worse] += f" ({t('perubahan_lebih_buruk', lang)})"
    legend = [{"warna": c, "label": lab} for c, lab in zip(colours, labels)]
    legend.append({"warna": NODATA_CHANGE, "label": t("tidak_ada_data", lang)})
    return {"warna": warna, "tip": tip, "nodata": NODATA_CHANGE, "garis": garis, "waspada": sorted(waspada or []),
            "waspada_nyata": sorted(nyata or []), "pilih": pilih, "legend": legend, "satuan_perubahan": u}

"""Small line and bar charts drawn as SVG text on the server.

The side panels' two charts were plotly figures: 4.7 MB of plotly.js for a
dozen points. An SVG of the same chart is 2–4 KB, drawn by the browser as an
image; the numbers are also in the chart's text alternative. Plain Python, no
Dash: values in, SVG text out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

WIDTH, PAD_L, PAD_R, PAD_T, PAD_B = 480, 52, 12, 34, 58
FONT = "DejaVu Sans, system-ui, sans-serif"
MAX_X_LABELS = 8


@dataclass(frozen=True)
class Series:
    """One line (or bar set) of a chart: a value per x label, ``None`` for a gap."""

    name: str
    values: list
    colour: str
    dashed: bool = False
    bars: bool = False


def nice_ticks(top: float, n: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top`` (about ``n`` steps).

    >>> nice_ticks(87.3)
    [0.0, 25.0, 50.0, 75.0, 100.0]
    >>> nice_ticks(0)
    [0.0, 1.0]
    """
    if not top or top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _num(v: float, lang: str) -> str:
    text = f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.1f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _present(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def chart_svg(labels: list[str], series: list[Series], *, title: str, y_title: str = "", lang: str = "id",
              height: int = 260, empty_text: str = "") -> str:
    """An SVG chart: x labels as categories (months or weeks, never a time axis), y from 0.

    Lines join present values (a missing value leaves a gap); a series with one
    value is a marker, and a dashed series with one value (a target) is drawn
    across the whole plot so it still reads as a line. Bars for ``bars`` series.
    ``empty_text`` is shown when there is nothing to draw.
    """
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, height - PAD_T - PAD_B
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
           f'font-family="{FONT}" font-size="11">',
           f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
           # a long title (indicator and area names) gets smaller type rather than being cut at the edges
           f'<text x="{WIDTH / 2:.0f}" y="18" text-anchor="middle" font-size="{min(14.0, 760 / max(len(title), 1)):.1f}" '
           f'font-weight="bold">{escape(title)}</text>']
    values = [v for s in series for v in s.values if _present(v)]
    if not labels or not values:
        out.append(f'<text x="{WIDTH / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" fill="#444">{escape(empty_text)}</text></svg>')
        return "".join(out)
    ticks = nice_ticks(max(values))
    top = ticks[-1] or 1.0
    n = len(labels)
    band = plot_w / n

    def x(i):
        return PAD_L + band * (i + 0.5)

    def y(v):
        return PAD_T + plot_h * (1 - v / top)

    for tv in ticks:  # grid and y labels
        out.append(f'<line x1="{PAD_L}" x2="{PAD_L + plot_w}" y1="{y(tv):.1f}" y2="{y(tv):.1f}" stroke="#e5e5e5"/>'
                   f'<text x="{PAD_L - 6}" y="{y(tv) + 4:.1f}" text-anchor="end" fill="#333">{_num(tv, lang)}</text>')
    if y_title:
        out.append(f'<text transform="translate(12 {PAD_T + plot_h / 2:.0f}) rotate(-90)" text-anchor="middle" fill="#333">{escape(y_title)}</text>')
    every = max(1, math.ceil(n / MAX_X_LABELS))
    for i, lab in enumerate(labels):
        if (n - 1 - i) % every == 0:  # counted back from the last period, which is always labelled, evenly spaced
            out.append(f'<text x="{x(i):.1f}" y="{PAD_T + plot_h + 15}" text-anchor="middle" fill="#333">{escape(str(lab))}</text>')
    out.append(f'<line x1="{PAD_L}" x2="{PAD_L + plot_w}" y1="{PAD_T + plot_h}" y2="{PAD_T + plot_h}" stroke="#555"/>')
    for s in series:
        out.extend(_draw(s, x, y, band, plot_w))
    out.extend(_legend(series, height))
    out.append("</svg>")
    return "".join(out)


def _draw(s: Series, x, y, band: float, plot_w: float) -> list[str]:
    """Marks of one series."""
    pts = [(i, v) for i, v in enumerate(s.values) if _present(v)]
    dash = ' stroke-dasharray="6 4"' if s.dashed else ""
    if s.bars:
        w = max(1.0, band * 0.7)
        return [f'<rect x="{x(i) - w / 2:.1f}" y="{y(v):.1f}" width="{w:.1f}" height="{max(0.0, y(0) - y(v)):.1f}" fill="{s.colour}"/>'
                for i, v in pts]
    if len(pts) == 1 and s.dashed:
        (_, v), = pts
        return [f'<line x1="{PAD_L}" x2="{PAD_L + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="{s.colour}" stroke-width="2"{dash}/>']
    marks, run = [], []
    for i, v in enumerate(s.values + [None]):
        if _present(v):
            run.append(f"{x(i):.1f},{y(v):.1f}")
        elif run:
            if len(run) > 1:
                marks.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{s.colour}" stroke-width="{2 if s.dashed else 3}"{dash}/>')
            run = []
    if not s.dashed:
        marks += [f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{s.colour}"/>' for i, v in pts]
    return marks


def _legend(series: list[Series], height: int) -> list[str]:
    out, cx = [], PAD_L
    for s in series:
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        yy = height - 14
        if s.bars:
            out.append(f'<rect x="{cx}" y="{yy - 6}" width="18" height="10" fill="{s.colour}"/>')
        else:
            out.append(f'<line x1="{cx}" x2="{cx + 18}" y1="{yy - 1}" y2="{yy - 1}" stroke="{s.colour}" stroke-width="3"{dash}/>')
        out.append(f'<text x="{cx + 24}" y="{yy + 3}" fill="#222">{escape(s.name)}</text>')
        cx += 24 + 7 * len(s.name) + 20
    return out


def data_uri(svg: str) -> str:
    """The SVG as a ``data:`` URL for an ``<img>`` (percent-encoded UTF-8: shorter than base64).

    ``#`` (colours) must be encoded: in a URL it starts the fragment and the image ends there.

    >>> data_uri('<svg fill="#fff"/>')
    'data:image/svg+xml;charset=utf-8,%3Csvg fill=%22%23fff%22/%3E'
    """
    return "data:image/svg+xml;charset=utf-8," + quote(svg, safe=" ,.:;=/()-_'")

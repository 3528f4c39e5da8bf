"""The weekly brief as an A4 PDF (reportlab): title, the map as the PNG export draws it, sections and tables.

Fonts are DejaVu Sans, embedded (TrueType subsets), from matplotlib's own
data folder: it is already a dependency (the PNG export), so the PDF needs no
system font and shows Indonesian names and "≥", "–" the same everywhere.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from texts import t

from . import areas, waspada
from .brief import sections, title
from .export import map_png
from .store import MapData
from .view import map_payload
from .viewstate import ViewState

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in (FONT, FONT_BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(_font_dir() / f"{name}.ttf")))


def brief_map_parts(md: MapData, brief: dict, lang: str, db=None) -> dict | None:
    """What :func:`mapdata.export.map_png` draws for the brief: its wilayah's map of the worst indicator (PWS
    status colours) with the alert outlines of the brief's week, as the dashboard draws them.

    ``db``: the operational database, whose recorded states tell unverified
    from verified-real alerts (:func:`mapdata.view.alert_outlines`; without it
    every high alert is drawn unverified). ``None`` when the brief has no map.
    """
    if brief["peta_indikator"] is None or brief["periode"] is None:
        return None
    wilayah = brief["wilayah"]["kode"]
    jalur = areas.PUSKESMAS if brief["wilayah"]["level"] == areas.PUSKESMAS else areas.ADMINISTRASI
    state = ViewState(wilayah=wilayah, indikator=brief["peta_indikator"], periode=brief["periode"],
                      klasifikasi="pws", bahasa=lang, jalur=jalur)
    payload = map_payload(md, state, db, alert_week=brief["minggu"])
    kids = areas.children(md, wilayah, jalur)
    geometry = md.display.drop_duplicates("kode").merge(kids[["kode"]], on="kode")
    return {"geometry": geometry, "hideout": payload["hideout"], "title": payload["title"],
            "legend_title": payload["legend_title"], "demo": md.demo, "source": md.source, "lang": lang,
            "alert_week": brief["minggu"]}


def brief_map_png(md: MapData, brief: dict, lang: str, db=None, dpi: int = 110) -> bytes | None:
    """:func:`brief_map_parts` as a PNG, drawn once per snapshot (and scope), wilayah, week, language and state
    version of the week's alerts (:func:`mapdata.waspada.version_key`: a step taken draws it again)."""
    version = waspada.version_key(db, brief["minggu"])
    key = ("brief_png", brief["wilayah"]["kode"], brief["minggu"], lang, dpi, waspada.db_name(db), str(version))

    def draw():
        parts = brief_map_parts(md, brief, lang, db)
        return None if parts is None else map_png(**parts, dpi=dpi)

    return md.memo(key, draw)


def brief_pdf(md: MapData, brief: dict, lang: str = "id", db=None) -> bytes:
    """The brief as A4 PDF bytes (fonts embedded); ``db`` the operational database (the map's alert outlines)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_fonts()
    base = ParagraphStyle("base", fontName=FONT, bulletFontName=FONT)  # the default bullet font is Helvetica
    body = ParagraphStyle("body", parent=base, fontSize=9.5, leading=12.5, spaceAfter=3)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=base, fontName=FONT, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10)
    w = brief["wilayah"]
    story = [Paragraph(_esc(t("ringkasan_judul", lang)), h1),
             Paragraph(_esc(f"{w['nama'] or w['kode']} ({w['kode']}) · {t('ringkasan_minggu', lang, minggu=brief['minggu'] or '–')}"), h2)]
    if brief["demo"]:
        story.append(Paragraph(_esc(t("demo_label", lang)), body))
    png = brief_map_png(md, brief, lang, db)
    if png is not None:
        width = 170 * mm
        story.append(Image(io.BytesIO(png), width=width, height=width * 0.8, kind="proportional"))
    for section in sections(brief, lang):
        story.append(Paragraph(_esc(section["judul"]), h2))
        story += [Paragraph(_esc(line), body) for line in section["kalimat"]]
        table = section["tabel"]
        if table:
            rows = [[Paragraph(_esc(c), head) for c in table["kolom"]]]
            rows += [[Paragraph(_esc(str(c)), cell) for c in row] for row in table["baris"]]
            grid = Table(rows, repeatRows=1, hAlign="LEFT")
            grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT),
                                      ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                                      ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [Spacer(1, 3), grid]
    buf = io.BytesIO()
    # initialFontName: the canvas would start in Helvetica, named in the file and not embedded
    doc = SimpleDocTemplate(buf, pagesize=A4, initialFontName=FONT, title=title(brief, lang), author="PWS-ILP",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm)
    doc.build(story)
    return buf.getvalue()


def _esc(text: str) -> str:
    """Plain text for a reportlab Paragraph (which reads a little XML); no line break inside "75,0 %" or
    "≥ 90 %" (no-break spaces: the DejaVu fonts have the glyph)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"(?<=\d) (?=%)|(?<=≥) ", "\u00a0", text)

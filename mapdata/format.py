"""Numbers as people in a dinas kesehatan read them: ``85,3 %``, ``1.204``.

Indonesian uses a decimal comma and a thousands dot; English the reverse.
Missing values print as an em dash, never as 0.
"""

from __future__ import annotations

import math

from texts import t

MISSING = "–"


def format_number(x, lang: str = "id", decimals: int = 1) -> str:
    """``x`` with the language's separators; ``–`` when missing.

    >>> format_number(1204.56, "id")
    '1.204,6'
    >>> format_number(1204.56, "en", 0)
    '1,205'
    >>> format_number(float("nan"))
    '–'
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return MISSING
    text = f"{float(x):,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def unit(satuan: str, lang: str = "id") -> str:
    """The unit written after a value (``%``, ``per 1.000``, nothing for counts)."""
    return t(f"unit_{satuan}", lang) if satuan in ("persen", "per_1000", "per_100000", "jumlah") else ""


def format_value(x, satuan: str, lang: str = "id") -> str:
    """A value with its unit.

    >>> format_value(85.31, "persen")
    '85,3 %'
    >>> format_value(12, "jumlah", "en")
    '12'
    >>> format_value(None, "persen")
    '–'
    """
    text = format_number(x, lang, 0 if satuan == "jumlah" else 1)
    u = unit(satuan, lang)
    return text if text == MISSING or not u else f"{text} {u}"


def format_count(x, lang: str = "id") -> str:
    """A whole number (numerator, denominator)."""
    return format_number(x, lang, 0)

"""Kemendagri codes as field files write them, normalised to the dotted form.

Spreadsheets write ``1906012004``, ``19.06.01.2004``, ``1906012004.0`` (a number
that passed through Excel) or ``19 06 01 2004``. All become ``19.06.01.2004``.
A value that cannot be a Kemendagri code is reported, never guessed: ``None``.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.levels import PART_WIDTHS

# ASCII digits only: str.isdigit and \d also accept "١٩" or "¹⁹", which are not codes.
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$", re.ASCII)
_UNDOTTED_LENGTHS = {2: 1, 4: 2, 6: 3, 10: 4}  # digits -> number of parts


def normalise_kode(value: object) -> str | None:
    """Return the dotted Kemendagri code for ``value``, or ``None`` if it is not one.

    >>> normalise_kode("1906012004")
    '19.06.01.2004'
    >>> normalise_kode(1906012004.0)
    '19.06.01.2004'
    >>> normalise_kode(" 19.06 ")
    '19.06'
    >>> normalise_kode("190601200") is None, normalise_kode("１９０６") is None
    (True, True)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    text = re.sub(r"[\s_\-/]+", ".", text)
    if _DOTTED.match(text):
        return text
    if text.isascii() and text.isdigit() and len(text) in _UNDOTTED_LENGTHS:
        parts, start = [], 0
        for width in PART_WIDTHS[: _UNDOTTED_LENGTHS[len(text)]]:
            parts.append(text[start : start + width])
            start += width
        return ".".join(parts)
    return None


def normalise_kode_series(values: pd.Series) -> pd.Series:
    """Vectorised :func:`normalise_kode`: dotted codes, ``None`` where missing or invalid.

    Distinct values are normalised once, so a column of 80,000 desa with repeated
    codes costs one pass over the distinct values.
    """
    as_object = values.astype(object)
    mapping = {u: normalise_kode(u) for u in as_object[as_object.notna()].unique()}
    dotted = [mapping.get(v) if v is not None and v == v else None for v in as_object.to_numpy()]
    return pd.Series(dotted, index=values.index, dtype=object)

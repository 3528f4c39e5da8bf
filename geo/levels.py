"""The four administrative levels and how their Kemendagri codes nest.

A dotted Kemendagri code tells its own level by its number of parts:
``19`` provinsi, ``19.06`` kabupaten/kota, ``19.06.01`` kecamatan,
``19.06.01.2004`` desa/kelurahan. A parent's code is a prefix of its children's.
"""

from __future__ import annotations

LEVELS: tuple[str, ...] = ("provinsi", "kabkota", "kecamatan", "desa")
"""Levels from the top down, named as in ``kode_wilayah.csv``'s ``tingkat`` column."""

LEVEL_LABELS = {
    "provinsi": "Provinsi",
    "kabkota": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
}

# Digits per dotted part, top down: 19 . 06 . 01 . 2004
PART_WIDTHS: tuple[int, ...] = (2, 2, 2, 4)
CODE_LENGTH = {level: len(".".join("0" * w for w in PART_WIDTHS[: i + 1])) for i, level in enumerate(LEVELS)}


def level_of(kode: str) -> str:
    """Level of a dotted code.

    >>> level_of("19.06.01")
    'kecamatan'
    """
    parts = kode.count(".") + 1
    if not 1 <= parts <= len(LEVELS):
        raise ValueError(f"not a dotted Kemendagri code: {kode!r}")
    return LEVELS[parts - 1]


def parent_code(kode: str) -> str | None:
    """Code of the area one level up, or ``None`` for a provinsi.

    >>> parent_code("19.06.01.2004")
    '19.06.01'
    """
    head, sep, _ = kode.rpartition(".")
    return head if sep else None


def ancestor_code(kode: str, level: str) -> str:
    """Code of the ancestor of ``kode`` at ``level`` (the code itself at its own level).

    >>> ancestor_code("19.06.01.2004", "kabkota")
    '19.06'
    """
    depth = LEVELS.index(level) + 1
    parts = kode.split(".")
    if depth > len(parts):
        raise ValueError(f"{kode!r} has no ancestor at level {level!r}")
    return ".".join(parts[:depth])


def child_level(level: str) -> str | None:
    """The level below ``level``, or ``None`` below desa."""
    i = LEVELS.index(level)
    return LEVELS[i + 1] if i + 1 < len(LEVELS) else None

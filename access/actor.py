"""The actor: who is asking. Made by the web login or the command line."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("admin", "dinas", "puskesmas")
"""``admin``: everything; ``dinas``: one provinsi or kabupaten/kota code;
``puskesmas``: the desa of one wilayah kerja (a ``kode_puskesmas``)."""

ACTIONS = ("lihat", "unggah", "verifikasi", "kelola")
"""See, send a report, act on an alert, manage accounts and imports."""

WILAYAH_KERJA_TABLE = "wilayah_kerja"
"""Workspace table of the puskesmas wilayah kerja: one row per desa, columns
``kode_puskesmas``, ``nama_puskesmas``, ``kode_desa`` (dotted), and the building's
``lat``/``lon`` when given (the same on every row of one puskesmas)."""


@dataclass(frozen=True)
class Actor:
    """A user as the data layer sees it.

    Parameters
    ----------
    username : the account name.
    role : one of :data:`ROLES`.
    wilayah : a provinsi or kabupaten/kota code for ``dinas``, a
        ``kode_puskesmas`` for ``puskesmas``, ``None`` for ``admin``.
    """

    username: str
    role: str
    wilayah: str | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}: use one of {', '.join(ROLES)}")
        if self.role != "admin" and not self.wilayah:
            raise ValueError(f"a {self.role} account needs a wilayah")

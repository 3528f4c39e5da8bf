"""What a sender may send and for which desa; which submissions it may see (no Flask, no Dash)."""

from __future__ import annotations

from access.actor import Actor
from puskesmas.table import WILAYAH_KERJA_FILE
from uploads.run import KINDS, SCOPED_KINDS


def allowed_kinds(actor: Actor) -> tuple[str, ...]:
    """``admin`` every kind; ``dinas`` and ``puskesmas`` their own monthly indicators and weekly cases."""
    return KINDS if actor.role == "admin" else SCOPED_KINDS


def sender_desa(actor: Actor, workspace) -> set[str] | None:
    """The desa whose rows ``actor`` may send (``None``: every desa, the admin).

    A puskesmas: the desa of its wilayah kerja; a dinas: the desa of its
    provinsi or kabupaten/kota. An unknown wilayah gives an empty set: nothing
    is imported (deny by default).
    """
    if actor.role == "admin":
        return None
    if actor.role == "puskesmas":
        if not workspace.has(WILAYAH_KERJA_FILE):
            return set()
        table = workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
        return set(table.loc[table["kode_puskesmas"].astype(str) == actor.wilayah, "kode_desa"].astype(str))
    codes = workspace.read_table("boundaries/desa.parquet", columns=["kode"])["kode"].astype(str)
    return {k for k in codes if k.startswith(actor.wilayah + ".")}


def history_wilayah(actor: Actor, workspace) -> list[str] | None:
    """The wilayah whose submissions ``actor`` sees (``None``: all, the admin).

    A dinas sees its area and every puskesmas serving desa in it; a puskesmas its own.
    """
    if actor.role == "admin":
        return None
    if actor.role == "puskesmas":
        return [actor.wilayah]
    out = [actor.wilayah]
    if workspace.has(WILAYAH_KERJA_FILE):
        table = workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
        inside = table["kode_desa"].astype(str).str.startswith(actor.wilayah + ".")
        out += sorted(set(table.loc[inside, "kode_puskesmas"].astype(str)))
    return out

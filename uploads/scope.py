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

    The desa of its scope (:func:`access.scope.scope_for`, the same scope every
    read is cut to): a puskesmas the desa of its wilayah kerja, a dinas those of
    its provinsi or kabupaten/kota. An unknown wilayah gives an empty set:
    nothing is imported (deny by default).
    """
    import pandas as pd

    from access.scope import scope_for
    from geo.levels import LEVELS
    from geo.store import boundary_file

    if actor.role == "admin":
        return None
    areas = pd.concat([workspace.read_table(boundary_file(level), columns=["kode"]).assign(level=level)
                       for level in LEVELS if workspace.has(boundary_file(level))], ignore_index=True)
    wilayah_kerja = (workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
                     if workspace.has(WILAYAH_KERJA_FILE) else None)
    return set(scope_for(actor, areas, wilayah_kerja).desa or ())


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


def may_roll_back(actor: Actor) -> bool:
    """Only the admin rolls the workspace back to an earlier snapshot (it changes every user's data)."""
    return actor.role == "admin"

"""What an actor may see: the desa of its wilayah and the areas made only of them.

Pure logic (no Dash, no Flask, no files): :func:`scope_for` turns an
:class:`~access.actor.Actor` and the workspace's area and wilayah-kerja tables
into a :class:`Scope`. The data access layer (:mod:`mapdata.scoped`) applies it
to every read, so a view that forgets to ask still gets only what the scope
holds (Datasette's design: permissions as a filter of the query, not a check in
each view). An actor that is nobody, or whose wilayah the workspace does not
hold, gets :data:`NOTHING`: deny by default.

Vocabulary
----------
desa in scope
    ``admin``: every desa; ``dinas``: the desa whose code starts with its
    provinsi/kabupaten code; ``puskesmas``: the desa of its wilayah kerja.
visible area
    A desa in scope, or an area (kecamatan, kabupaten/kota, provinsi, and a
    puskesmas wilayah kerja when the table is there) all of whose desa are in
    scope. Only visible areas are shown: names, codes, geometry, values.
top
    The area the actor's map opens on and never leaves upwards. For ``dinas``
    its own code. For ``puskesmas`` its own wilayah kerja when the workspace
    holds it as an area (``import puskesmas`` dissolves one per puskesmas),
    otherwise the smallest administrative area holding all its desa; when
    that area also holds other desa (a wilayah kerja that is half of a
    kecamatan) it is a *gateway*.
gateway
    An area between the top and a desa in scope that also holds desa outside
    (the top itself, or a kecamatan a wilayah kerja shares with another
    puskesmas). The map may stand on it, but it is drawn only as the union of
    its desa in scope and only its visible children are listed; its own
    numbers are a comparison total at most.
comparison (``above``)
    The areas from the provinsi down to the top, and the gateways, whose
    *totals* may be shown as a comparison line: a puskesmas user sees its
    kabupaten's total, not its geometry nor its other desa.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from geo.levels import parent_code

from .actor import Actor


class NoAccess(Exception):
    """The request has no actor, or asks for something outside its scope.

    The web layer answers it with 403 and no data.
    """


@dataclass(frozen=True)
class Scope:
    """The desa an actor may see and the areas built only of them.

    Attributes
    ----------
    desa : desa codes in scope (``None``: every desa, for ``admin``).
    areas : visible area codes, desa included (``None``: every area).
    top : the area the map opens on (``None``: the workspace's own start).
    above : comparison areas, top down: their totals may be shown, nothing else.
    gateways : areas the map may stand on that hold desa outside the scope too.
    """

    desa: frozenset[str] | None
    areas: frozenset[str] | None
    top: str | None = None
    above: tuple[str, ...] = ()
    gateways: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        """True for the admin scope (nothing is filtered)."""
        return self.desa is None

    @property
    def empty(self) -> bool:
        """True when nothing may be read."""
        return self.desa is not None and not self.desa

    @property
    def key(self) -> str:
        """Short stable key for caches: equal scopes share cached answers.

        >>> EVERYTHING.key, NOTHING.key
        ('semua', 'kosong')
        """
        if self.everything:
            return "semua"
        if self.empty:
            return "kosong"
        text = "|".join([self.top or "", *sorted(self.desa), "#", *sorted(self.areas), "#", *sorted(self.gateways)])
        return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()

    def shows(self, kode: str | None) -> bool:
        """Whether area ``kode`` is visible (its name, geometry, values may be shown).

        ``None`` (the top of the hierarchy) is visible to admin only.
        """
        if self.everything:
            return True
        return kode is not None and kode in self.areas

    def passes(self, kode: str | None) -> bool:
        """Whether the map may stand at ``kode``: a visible area or a gateway."""
        return self.shows(kode) or (kode is not None and kode in self.gateways)

    def has_desa(self, kode: str) -> bool:
        """Whether desa ``kode`` is in scope."""
        return self.everything or kode in self.desa

    def compares(self, kode: str | None) -> bool:
        """Whether the total of ``kode`` may be shown (visible, a comparison area or a gateway)."""
        return self.shows(kode) or (kode is not None and (kode in self.above or kode in self.gateways))

    def desa_mask(self, codes: pd.Series) -> pd.Series:
        """Boolean mask of ``codes`` (desa codes) that are in scope."""
        if self.everything:
            return pd.Series(True, index=codes.index)
        return codes.astype(str).isin(self.desa)


EVERYTHING = Scope(desa=None, areas=None)
"""The admin scope."""

NOTHING = Scope(desa=frozenset(), areas=frozenset())
"""The empty scope: nobody, an unknown role, a wilayah the workspace does not hold."""


def scope_for(actor: Actor | None, areas: pd.DataFrame, wilayah_kerja: pd.DataFrame | None = None) -> Scope:
    """The scope of ``actor`` over one workspace.

    Parameters
    ----------
    actor : who is asking (``None``: nobody → :data:`NOTHING`).
    areas : the workspace's areas, columns ``kode`` and ``level`` (desa rows
        have level ``"desa"``); other levels' rows name the areas that exist.
    wilayah_kerja : the puskesmas table (``kode_puskesmas``, ``kode_desa``), or
        ``None`` when the workspace has none.

    Examples
    --------
    >>> areas = pd.DataFrame({"kode": ["19", "19.06", "19.06.01", "19.06.01.2001", "19.06.01.2002"],
    ...                       "level": ["provinsi", "kabkota", "kecamatan", "desa", "desa"]})
    >>> wk = pd.DataFrame({"kode_puskesmas": ["P1", "P2"], "kode_desa": ["19.06.01.2001", "19.06.01.2002"]})
    >>> s = scope_for(Actor("ani", "puskesmas", "P1"), areas, wk)
    >>> sorted(s.desa), s.top, s.above, s.shows("19.06.01")
    (['19.06.01.2001'], '19.06.01.2001', ('19', '19.06', '19.06.01'), False)
    """
    if actor is None:
        return NOTHING
    if actor.role == "admin":
        return EVERYTHING
    all_desa = _desa_codes(areas)
    codes = set(areas["kode"].astype(str))
    if actor.role == "dinas":
        w = actor.wilayah
        if w is None or w not in codes or w in all_desa:
            return NOTHING  # a dinas account names a provinsi or kabupaten/kota the workspace holds
        mine = {k for k in all_desa if k.startswith(w + ".")}
        anchor = top = w
    elif actor.role == "puskesmas":
        mine = _wilayah_kerja_desa(wilayah_kerja, actor.wilayah) & all_desa
        anchor = _common_ancestor(mine)  # the smallest administrative area holding them
        top = actor.wilayah if actor.wilayah in codes else anchor
    else:
        return NOTHING
    if not mine:
        return NOTHING
    visible = _visible_areas(mine, all_desa, wilayah_kerja)
    return Scope(desa=frozenset(mine), areas=frozenset(visible), top=top, above=_above(anchor, visible),
                 gateways=frozenset(_gateways(mine, anchor, visible)))


def _desa_codes(areas: pd.DataFrame) -> set[str]:
    """Every desa code of the workspace."""
    return set(areas.loc[areas["level"] == "desa", "kode"].astype(str))


def _wilayah_kerja_desa(wilayah_kerja: pd.DataFrame | None, kode_puskesmas: str | None) -> set[str]:
    """Desa of one puskesmas (empty without a table or for an unknown puskesmas)."""
    if wilayah_kerja is None or wilayah_kerja.empty or not kode_puskesmas:
        return set()
    rows = wilayah_kerja[wilayah_kerja["kode_puskesmas"].astype(str) == str(kode_puskesmas)]
    return set(rows["kode_desa"].astype(str))


def _ancestors(kode: str):
    """Codes above ``kode``, nearest first (``19.06.01.2001`` → ``19.06.01``, ``19.06``, ``19``)."""
    k = parent_code(kode)
    while k is not None:
        yield k
        k = parent_code(k)


def _visible_areas(mine: set[str], all_desa: set[str], wilayah_kerja: pd.DataFrame | None) -> set[str]:
    """The desa in scope and every area all of whose desa are in scope.

    An area is counted by its desa: visible when as many of its desa are in
    scope as it holds. Puskesmas wilayah kerja are areas too (by their
    ``kode_puskesmas``).
    """
    held, seen = Counter(), Counter()
    for k in all_desa:
        held.update(_ancestors(k))
    for k in mine:
        seen.update(_ancestors(k))
    visible = set(mine) | {a for a, n in seen.items() if n == held[a]}
    if wilayah_kerja is not None and not wilayah_kerja.empty:
        per = wilayah_kerja.assign(kode_desa=wilayah_kerja["kode_desa"].astype(str)).groupby(
            wilayah_kerja["kode_puskesmas"].astype(str))["kode_desa"]
        visible |= {p for p, desa in per if set(desa) <= mine}
    return visible


def _gateways(mine: set[str], top: str | None, visible: set[str]) -> set[str]:
    """Areas from ``top`` down to each desa in scope that are not visible themselves."""
    out = set()
    for k in mine:
        for a in _ancestors(k):
            if top is not None and not (a == top or a.startswith(top + ".")):
                break
            if a not in visible:
                out.add(a)
    return out


def _common_ancestor(codes: set[str]) -> str | None:
    """The smallest area holding every code (the code itself for one desa; ``None`` across provinsi).

    >>> _common_ancestor({"19.06.01.2001", "19.06.02.2001"}), _common_ancestor({"19.06.01.2001"})
    ('19.06', '19.06.01.2001')
    """
    if not codes:
        return None
    split = [k.split(".") for k in codes]
    common = []
    for parts in zip(*split):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return ".".join(common) or None


def _above(top: str | None, visible: set[str]) -> tuple[str, ...]:
    """Comparison areas, top down: the top's ancestors, and the top itself when it is a gateway."""
    if top is None:
        return ()
    chain = list(_ancestors(top))[::-1]
    if top not in visible:
        chain.append(top)
    return tuple(chain)

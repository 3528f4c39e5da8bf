"""One snapshot as one actor may see it: the scope applied where the data is read.

:class:`ScopedMapData` answers every question :class:`~mapdata.store.MapData`
answers (the same attributes and methods, so every function of :mod:`mapdata`
takes either) but each answer is already cut to an :class:`access.scope.Scope`:

* ``areas`` / ``by_kode`` / ``levels``: visible areas, plus the actor's top
  area when it is a gateway (see :mod:`access.scope`); so the children, the
  area picker, the breadcrumb, bounds, the URL check and the geometry route
  know nothing else;
* ``display``: geometry of visible areas only (never a gateway's own outline);
* ``fasilitas`` and :meth:`cases_by_place`: points and counts of desa in scope;
* :meth:`indicator_query`: children rows of visible areas only, re-classified
  among themselves (the class breaks of a scheme are not drawn from areas
  outside); an area's monthly series only for a visible or comparison area;
  the rapor only for a desa in scope;
* :meth:`alerts`: rows of desa in scope; :meth:`weekly_series`: visible or
  comparison areas; :meth:`response_alerts`: answerable alerts with a desa in
  scope (a cluster's desa list cut to the scope);
* :meth:`report_arrivals`: arrivals of the reporting units serving desa in
  scope only (a puskesmas of the wilayah kerja, else a kecamatan), and
  :meth:`case_completeness`: rows of desa in scope;
* :meth:`clusters`: a cluster that touches the scope is kept with its desa in
  scope only; its figures over every desa (observed, expected, radius, centre)
  are kept only when all its desa are in scope (``sebagian`` False), otherwise
  blanked, because with one neighbour outside they would tell that neighbour's
  count. A cluster with no desa in scope is not there at all.

There is no ``workspace`` attribute: a read that does not go through these
accessors fails instead of answering unscoped. Derived frames are memoised on
the snapshot under ``("lingkup", scope.key, ...)``, so users with equal scopes
share them and different scopes never do; nothing is kept per user elsewhere.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from access.respond import cut_response_alerts
from access.scope import NoAccess, Scope
from geo.levels import LEVELS

from .store import MapData

CLUSTER_WIDE = ("observed", "expected", "llr", "radius_km", "pusat", "recurrence")
"""Cluster figures computed over every desa of the cluster: blanked when some lie outside the scope."""


class ScopedMapData:
    """A :class:`MapData` seen through ``scope`` (made by :meth:`MapData.scoped`)."""

    def __init__(self, base: MapData, scope: Scope):
        self._base = base
        self.scope = scope
        self.snapshot_id = base.snapshot_id
        self.manifest = base.manifest
        if scope.everything:
            self.areas, self.display, self.fasilitas = base.areas, base.display, base.fasilitas
            self.wilayah_kerja = base.wilayah_kerja
        else:
            # set look-ups (isin), not a Python call per row: ~90k areas at national scale
            self.areas = base.areas[base.areas["kode"].isin(scope.areas | scope.gateways)].reset_index(drop=True)
            display = base.display[base.display["kode"].isin(scope.areas)].drop_duplicates("kode")
            self.display, self.areas = _with_gateways(display, self.areas, scope)
            f = base.fasilitas
            self.fasilitas = f[scope.desa_mask(f["kode_desa"])].reset_index(drop=True) if len(f) else f
            wk = base.wilayah_kerja
            self.wilayah_kerja = wk[scope.desa_mask(wk["kode_desa"])].reset_index(drop=True) if len(wk) else wk

    # -- as MapData ------------------------------------------------------------
    @property
    def top(self) -> str | None:
        """The area the actor's map opens on (``None``: the workspace's own start)."""
        return self.scope.top

    @property
    def demo(self) -> bool:
        return self._base.demo

    @property
    def source(self) -> str:
        return self._base.source

    @cached_property
    def levels(self) -> list[str]:
        """Levels among the visible areas, top down."""
        present = set(self.areas["level"])
        return [lv for lv in LEVELS if lv in present]

    @cached_property
    def by_kode(self) -> pd.DataFrame:
        return self.areas.set_index("kode")

    def total_name(self, kode: str) -> str | None:
        """Name of a comparison area (visible, above the scope, or a gateway); ``None`` for any other."""
        if not self.scope.compares(kode):
            return None
        return self._base.total_name(kode)

    def memo(self, key: tuple, compute):
        """:meth:`MapData.memo` under this scope's key."""
        return self._base.memo(("lingkup", self.scope.key, *key), compute)

    def clear_memo(self) -> None:
        self._base.clear_memo()

    @property
    def has_cases(self) -> bool:
        return self._base.has_cases

    def indicator_query(self):
        """The snapshot's indicator query cut to the scope (``None`` without values)."""
        query = self._base.indicator_query()
        if query is None or self.scope.everything:
            return query
        return ScopedQuery(query, self.scope)

    # -- surveillance ----------------------------------------------------------
    def alerts(self) -> pd.DataFrame | None:
        """Latest week's alerts of desa in scope."""
        alerts = self._base.alerts()
        if alerts is None or self.scope.everything:
            return alerts
        return self.memo(("alerts",), lambda: alerts[self.scope.desa_mask(alerts["kode_desa"])].reset_index(drop=True))

    def clusters(self) -> pd.DataFrame:
        """Signalling clusters that touch the scope, with their desa in scope only (see the module)."""
        clusters = self._base.clusters()
        if self.scope.everything:
            return clusters
        return self.memo(("clusters",), lambda: cut_clusters(clusters, self.scope))

    def response_alerts(self) -> pd.DataFrame:
        """Answerable alerts with a desa in scope; a cluster's ``desa`` cut to those in scope (as :meth:`clusters`)."""
        table = self._base.response_alerts()
        if self.scope.everything:
            return table
        return self.memo(("response_alerts",), lambda: cut_response_alerts(table, self.scope))

    def week_response_alerts(self, week: str) -> pd.DataFrame:
        """One week's answerable alerts with a desa in scope, cut as :meth:`response_alerts` cuts them."""
        table = self._base.week_response_alerts(week)
        if self.scope.everything:
            return table
        return self.memo(("week_response_alerts", week), lambda: cut_response_alerts(table, self.scope))

    def shared_alerts(self, key: tuple, compute) -> pd.DataFrame:
        """:meth:`MapData.shared_alerts` of the whole snapshot, cut to the scope as :meth:`response_alerts` is.

        ``compute`` runs on the unscoped snapshot (once for every user); what
        it returns reaches this view only through :func:`cut_response_alerts`.
        """
        table = self._base.shared_alerts(key, compute)
        if self.scope.everything:
            return table
        return self.memo(("bersama",) + tuple(key), lambda: cut_response_alerts(table, self.scope))

    def weekly_series(self, kode: str, penyakit: str) -> pd.DataFrame:
        """Weekly cases of a visible area (or the total of a comparison area)."""
        if not self.scope.compares(kode):
            raise NoAccess(f"{kode} is outside the scope")
        return self._base.weekly_series(kode, penyakit)

    def cases_by_place(self, kode: str) -> pd.DataFrame:
        """The latest week's cases per reporting place inside ``kode``, desa in scope only."""
        table = self._base.cases_by_place(kode)
        if self.scope.everything or table.empty:
            return table
        return table[self.scope.desa_mask(table["kode_desa"])].reset_index(drop=True)

    # -- one week, for the weekly brief ------------------------------------------
    def latest_week(self) -> str | None:
        return self._base.latest_week()

    def week_alerts(self, week: str) -> pd.DataFrame:
        """One week's alerts of desa in scope."""
        alerts = self._base.week_alerts(week)
        if self.scope.everything:
            return alerts
        return self.memo(("week_alerts", week),
                         lambda: alerts[self.scope.desa_mask(alerts["kode_desa"])].reset_index(drop=True))

    def week_clusters(self, week: str) -> pd.DataFrame:
        """One week's signalling clusters touching the scope, with their desa in scope only."""
        clusters = self._base.week_clusters(week)
        if self.scope.everything:
            return clusters
        return self.memo(("week_clusters", week), lambda: cut_clusters(clusters, self.scope))

    def week_completeness(self, week: str) -> pd.DataFrame:
        """One week's reporting of desa in scope."""
        rows = self._base.week_completeness(week)
        if self.scope.everything:
            return rows
        return self.memo(("week_completeness", week),
                         lambda: rows[self.scope.desa_mask(rows["kode_desa"])].reset_index(drop=True))

    # -- reports ---------------------------------------------------------------------
    def case_completeness(self) -> pd.DataFrame:
        """The case import's completeness rows of desa in scope."""
        rows = self._base.case_completeness()
        if self.scope.everything:
            return rows
        return self.memo(("kelengkapan_kasus",),
                         lambda: rows[self.scope.desa_mask(rows["kode_desa"])].reset_index(drop=True))

    def report_arrivals(self) -> pd.DataFrame:
        """Arrivals of the reporting units that serve desa in scope (their own reports, nobody else's).

        A unit lies wholly inside or outside a scope: a wilayah kerja lies in
        one kabupaten/kota (``import puskesmas`` refuses one that crosses), a
        kecamatan too, and a puskesmas account's scope is its own wilayah kerja.
        """
        arrivals = self._base.report_arrivals()
        if self.scope.everything or not len(arrivals):
            return arrivals
        return arrivals[arrivals["wilayah"].astype(str).isin(self._units)].reset_index(drop=True)

    @property
    def reports_by_puskesmas(self) -> bool:
        """The workspace's, not the scope's: a scope without puskesmas in a workspace with the table has no unit."""
        return self._base.reports_by_puskesmas

    @cached_property
    def _units(self) -> frozenset[str]:
        """Reporting units serving desa in scope: puskesmas of the (scoped) wilayah kerja, else kecamatan."""
        if self.reports_by_puskesmas:
            return frozenset(self.wilayah_kerja["kode_puskesmas"].astype(str))
        return frozenset(k.rsplit(".", 1)[0] for k in self.scope.desa)

    def report_tenggat(self):
        return self._base.report_tenggat()

    def report_version(self) -> int:
        return self._base.report_version()

    def scoped(self, scope: Scope):
        raise TypeError("a scoped snapshot cannot be scoped again: scope the MapData")


def _with_gateways(display, areas: pd.DataFrame, scope: Scope):
    """Display rows of the gateways as the union of their desa in scope, and their bounds to match.

    A gateway is never drawn with its own outline (that would show the desa
    outside the scope it holds): the map draws, and fits to, only its desa in scope.
    """
    import geopandas as gpd
    import shapely

    if not scope.gateways:
        return display.reset_index(drop=True), areas
    desa = display[display["kode"].astype(str).isin(scope.desa)]
    rows = []
    for g in sorted(scope.gateways):
        inside = desa[desa["kode"].astype(str).str.startswith(g + ".")]
        if len(inside):
            rows.append({"kode": g, "geometry": shapely.union_all(inside.geometry.to_numpy())})
    if not rows:
        return display.reset_index(drop=True), areas
    extra = gpd.GeoDataFrame(rows, geometry="geometry", crs=display.crs)
    merged = gpd.GeoDataFrame(pd.concat([display, extra], ignore_index=True), geometry="geometry", crs=display.crs)
    bounds = extra.set_index("kode").geometry.bounds
    areas = areas.copy()
    at = areas["kode"].isin(bounds.index)
    for col in ("minx", "miny", "maxx", "maxy"):
        areas.loc[at, col] = areas.loc[at, "kode"].map(bounds[col]).to_numpy()
    return merged, areas


def cut_clusters(clusters: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """Clusters cut to ``scope``: desa lists inside it, cluster-wide figures only for whole clusters.

    Adds ``sebagian`` (True when some of the cluster's desa lie outside).
    """
    if clusters.empty:
        return clusters.assign(sebagian=pd.Series(dtype=bool))
    inside = clusters["kode_desa"].map(lambda codes: [k for k in codes if scope.has_desa(k)])
    whole = inside.map(len) == clusters["kode_desa"].map(len)
    out = clusters.assign(kode_desa=inside, sebagian=~whole)
    out = out[inside.map(len) > 0].copy()
    for col in CLUSTER_WIDE:
        if col in out:
            out[col] = out[col].astype(object).where(~out["sebagian"], None)
    return out.reset_index(drop=True)



class ScopedQuery:
    """An :class:`indicators.query.IndicatorQuery` whose answers stay inside a scope."""

    def __init__(self, query, scope: Scope):
        self._query = query
        self.scope = scope

    @property
    def catalogue(self) -> pd.DataFrame:
        return self._query.catalogue

    def periods(self) -> list[str]:
        return self._query.periods()

    def periods_of(self, indikator: str) -> list[str]:
        """Months with data for ``indikator`` in the whole workspace (as :meth:`periods`: months, no area's values)."""
        return self._query.periods_of(indikator)

    def children(self, parent_kode, indikator, periode, skema="pws", k=5, level=None) -> pd.DataFrame:
        """Child rows of visible areas only; a classification scheme's classes worked out among them."""
        frame = self._query.children(parent_kode, indikator, periode, skema=skema, k=k, level=level)
        keep = frame["kode"].astype(str).isin(self.scope.areas).to_numpy(dtype=bool)
        if keep.all():
            return frame
        out = frame[keep].reset_index(drop=True)
        out.attrs = dict(frame.attrs)
        if skema != "pws":
            _reclassify(out, skema, k)
        return out

    def groups(self, parent_kode, group_of: dict, names: dict, indikator, periode, skema="pws", k=5,
               tingkat="puskesmas") -> pd.DataFrame:
        """Sums over groups of desa (puskesmas): visible groups only, summed over desa in scope only."""
        names = {g: n for g, n in names.items() if self.scope.shows(g)}
        group_of = {d: g for d, g in group_of.items() if g in names and self.scope.has_desa(d)}
        return self._query.groups(parent_kode, group_of, names, indikator, periode, skema=skema, k=k, tingkat=tingkat)

    def group_series(self, kode: str, desa: list[str], indikator: str, target_kode: str | None = None) -> pd.DataFrame:
        """Monthly series of a visible group (a puskesmas wilayah kerja), over its desa in scope."""
        if not self.scope.shows(kode):
            raise NoAccess(f"{kode} is outside the scope")
        mine = [d for d in desa if self.scope.has_desa(d)]
        return self._query.group_series(kode, mine, indikator, target_kode=target_kode)

    def series(self, kode: str, indikator: str) -> pd.DataFrame:
        """Monthly series of a visible area, or the total of a comparison area."""
        if not self.scope.compares(kode):
            raise NoAccess(f"{kode} is outside the scope")
        return self._query.series(kode, indikator)

    def rapor(self, kode_desa: str, periode: str) -> pd.DataFrame:
        """Rapor of a desa in scope."""
        if not self.scope.has_desa(kode_desa):
            raise NoAccess(f"{kode_desa} is outside the scope")
        return self._query.rapor(kode_desa, periode)


def _reclassify(frame: pd.DataFrame, skema: str, k: int) -> None:
    """Classes and legend of ``frame`` from its own ``nilai_pws`` (in place)."""
    from indicators.classify import classify
    from indicators.query import Legend

    result = classify(np.asarray(frame["nilai_pws"], dtype=float), skema, k)
    frame["kelas"] = np.asarray(result.classes, dtype=np.int64)
    frame.attrs["legend"] = Legend(skema, k, result.bins, result.labels)

"""Load a workspace once per snapshot and hand out read-only views of it.

The web process keeps no per-user state: a :class:`MapDataCache` belongs to
the app (created in ``create_app``) and holds the loaded :class:`MapData` of
each workspace's live snapshot. A new import changes the snapshot id, so the
next request loads the new snapshot and the cache lets the old one go (a
request still answering from it keeps its own reference until it is done).

A :class:`MapData` holds its snapshot pinned (:class:`workspace.PinnedWorkspace`):
everything it answers, the lazily read indicator values and alerts included, comes
from that one snapshot, so an answer that overlaps an import never mixes two.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from geo.levels import LEVELS
from workspace.store import PinnedWorkspace, Workspace

MEMO_SIZE = 1024
"""Derived frames kept per snapshot (children values, series, rapor)."""

KASUS = "kasus/mingguan.parquet"
KELENGKAPAN = "kasus/kelengkapan.parquet"  # surveillance.api.KELENGKAPAN: desa × week, places reported and expected
ARRIVAL_COLUMNS = ["wilayah", "jenis", "periode", "diterima"]

FASILITAS_COLUMNS = ["id", "nama", "jenis", "kode_desa", "lat", "lon", "ilp_aktif", "lapor_bulan_ini"]


@dataclass
class MapData:
    """Everything the map needs from one snapshot, loaded once.

    Attributes
    ----------
    workspace : the snapshot these tables came from, pinned: every later read
        (indicator values, alerts, cases) goes here, never to the live workspace.
    snapshot_id : id of the snapshot these tables came from.
    areas : one row per area of every level present: ``kode, nama, induk,
        level, minx, miny, maxx, maxy`` (bounds of the full geometry); with a
        wilayah kerja table, also one row per puskesmas (level ``"puskesmas"``,
        ``induk`` its kabupaten/kota).
    display : GeoDataFrame ``kode, geometry`` of screen geometry, every level.
    fasilitas : facility table (may be empty).
    manifest : the snapshot's manifest.
    wilayah_kerja : ``kode_puskesmas, kode_desa`` (empty without the table): the
        puskesmas path's desa (see :mod:`mapdata.areas`).
    ops : opens the operational database (``None``: none, so no report arrivals);
        the app's :class:`MapDataCache` hands its own to every snapshot it loads.
    """

    workspace: PinnedWorkspace
    snapshot_id: str | None
    areas: pd.DataFrame
    display: Any
    fasilitas: pd.DataFrame
    manifest: dict
    wilayah_kerja: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"kode_puskesmas": pd.Series(dtype=object), "kode_desa": pd.Series(dtype=object)}))
    ops: Callable[[], Any] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def demo(self) -> bool:
        """True for the built-in synthetic demo (the UI labels it)."""
        return bool(self.manifest.get("demo") or self.manifest.get("boundaries", {}).get("demo"))

    @property
    def source(self) -> str:
        """Where the boundaries came from, for map captions."""
        return str(self.manifest.get("boundaries", {}).get("source") or "")

    @cached_property
    def levels(self) -> list[str]:
        """Levels this workspace holds, top down."""
        present = set(self.areas["level"])
        return [lv for lv in LEVELS if lv in present]

    @cached_property
    def by_kode(self) -> pd.DataFrame:
        """``areas`` indexed by ``kode`` for quick look-ups."""
        return self.areas.set_index("kode")

    def memo(self, key: tuple, compute):
        """``compute()`` once per ``key`` for this snapshot (small LRU of derived frames).

        The values are shared between requests: callers must not modify them.
        """
        with self._lock:
            memo = self.__dict__.setdefault("_memo", OrderedDict())
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = compute()
        with self._lock:
            memo[key] = value
            while len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
        return value

    def clear_memo(self) -> None:
        """Forget derived frames (benchmarks measure the uncached path with it)."""
        with self._lock:
            self.__dict__.pop("_memo", None)

    top = None
    """The area the map opens on when set (a scoped view sets its actor's; see :mod:`mapdata.scoped`)."""

    def total_name(self, kode: str) -> str | None:
        """Name of an area whose total may be shown as a comparison line (``None``: unknown)."""
        return str(self.by_kode.at[kode, "nama"]) if kode in self.by_kode.index else None

    @property
    def has_cases(self) -> bool:
        """Whether the snapshot holds weekly case data (alerts, clusters, posyandu counts)."""
        return self.workspace.has(KASUS)

    def alerts(self) -> pd.DataFrame | None:
        """Alerts of the latest week with any (``None`` without case data; shared: do not modify)."""
        if not self.has_cases:
            return None
        from surveillance import read_alerts

        def latest():
            alerts = read_alerts(self.workspace)
            return alerts[alerts["minggu"] == alerts["minggu"].max()].reset_index(drop=True) if len(alerts) else alerts

        return self.memo(("alerts",), latest)

    def clusters(self) -> pd.DataFrame:
        """Signalling space-time clusters of the latest week (``surveillance.read_clusters``)."""
        from surveillance import read_clusters

        return self.memo(("clusters",), lambda: read_clusters(self.workspace))

    def response_alerts(self) -> pd.DataFrame:
        """The answerable alerts of every week (:func:`surveillance.response.alert_table`; shared: do not modify).

        Empty (same columns) without case data.
        """
        from surveillance import read_alerts, read_clusters
        from surveillance.response import alert_table

        def compute():
            if not self.has_cases:
                return alert_table(None, None)
            return alert_table(read_alerts(self.workspace), read_clusters(self.workspace, all_weeks=True))

        return self.memo(("response_alerts",), compute)

    def week_response_alerts(self, week: str) -> pd.DataFrame:
        """The answerable alerts of one week: :meth:`response_alerts`' rows of ``week``, from that week's reads only.

        The map's alert outline needs the latest week's on its first draw;
        building every week's table first took most of a second on the demo.
        """
        from surveillance.response import alert_table

        return self.memo(("week_response_alerts", week),
                         lambda: alert_table(self.week_alerts(week), self.week_clusters(week)))

    def shared_alerts(self, key: tuple, compute) -> pd.DataFrame:
        """``compute(self)``: a table of answerable alerts (``desa``, ``observed``, ``expected`` and any per-alert
        columns), once per ``key`` for this snapshot; a scoped view cuts the same table to its scope.

        For facts that are the same whoever asks (an alert's recorded state):
        computed once for every user, not once per scope.
        """
        return self.memo(("bersama",) + tuple(key), lambda: compute(self))

    def weekly_series(self, kode: str, penyakit: str) -> pd.DataFrame:
        """Weekly cases of area ``kode`` for one disease (``surveillance.weekly_series``)."""
        from surveillance import weekly_series

        return self.memo(("weekly", kode, penyakit), lambda: weekly_series(self.workspace, kode, penyakit))

    def cases_by_place(self, kode: str) -> pd.DataFrame:
        """The latest week's cases per reporting place inside ``kode`` (``surveillance.cases_by_place``).

        Empty without case data. Read from the snapshot this object was loaded from.
        """
        from surveillance import cases_by_place

        def compute():
            if not self.workspace.has(KASUS):
                return pd.DataFrame(columns=["tempat", "kode_desa", "minggu"])
            return cases_by_place(self.workspace, kode=kode)

        return self.memo(("kasus_tempat_tabel", kode), compute)

    def scoped(self, scope):
        """This snapshot seen through ``scope`` (:class:`mapdata.scoped.ScopedMapData`), one per scope key."""
        from .scoped import ScopedMapData

        return self.memo(("lingkup", scope.key), lambda: ScopedMapData(self, scope))

    def for_actor(self, actor):
        """This snapshot as ``actor`` may see it.

        Raises :class:`access.scope.NoAccess` for nobody (``None``) and for an
        actor whose scope is empty (deny by default). The scope is worked out
        once per snapshot and actor.
        """
        from access.scope import NoAccess, scope_for

        if actor is None:
            raise NoAccess("no actor: log in first")
        scope = self.memo(("scope_for", actor.role, actor.wilayah),
                          lambda: scope_for(actor, self.areas[["kode", "level"]], self.wilayah_kerja))
        if scope.empty:
            raise NoAccess(f"{actor.username}: nothing in this workspace lies in wilayah {actor.wilayah!r}")
        return self.scoped(scope)

    def indicator_query(self):
        """The indicators module's query object for this snapshot, or ``None``.

        ``None`` when the workspace has no indicator values; the dashboard then
        shows boundaries only.
        """
        with self._lock:
            if "_query" not in self.__dict__:
                self.__dict__["_query"] = _make_query(self.workspace)
            return self.__dict__["_query"]

    # -- one week, for the weekly brief (a scoped view cuts these to its desa) --------
    def latest_week(self) -> str | None:
        """The last ISO week of the case data (``None`` without cases)."""
        return self.manifest.get("kasus", {}).get("minggu_terakhir")

    def week_alerts(self, week: str) -> pd.DataFrame:
        """Alerts of one ISO week (``surveillance.read_alerts``; empty without cases; shared: do not modify)."""
        from surveillance import read_alerts

        return self.memo(("week_alerts", week), lambda: read_alerts(self.workspace, week))

    def week_clusters(self, week: str) -> pd.DataFrame:
        """Signalling space-time clusters of the analysis of one week (``surveillance.read_clusters``)."""
        from surveillance import read_clusters

        return self.memo(("week_clusters", week), lambda: read_clusters(self.workspace, week))

    def week_completeness(self, week: str) -> pd.DataFrame:
        """Per desa: did it report in ``week``, places reported and expected (``surveillance.completeness``)."""
        from surveillance import completeness

        return self.memo(("week_completeness", week), lambda: completeness(self.workspace, None, by="desa", week=week))

    # -- reports: their arrivals and the case import's completeness (mapdata.laporan) ------
    @property
    def reports_by_puskesmas(self) -> bool:
        """Whether reports are counted per puskesmas (the workspace has a wilayah kerja table) rather
        than per kecamatan (:func:`reports.timeliness.reporting_units`)."""
        return bool(len(self.wilayah_kerja))

    def case_completeness(self) -> pd.DataFrame:
        """The case import's table: per desa and week ``tempat_lapor``, ``tempat_diharapkan``, ``lapor``
        (empty without case data; shared: do not modify)."""
        def read():
            if not self.workspace.has(KELENGKAPAN):
                return pd.DataFrame({"kode_desa": pd.Series(dtype=object), "minggu": pd.Series(dtype=object),
                                     "tempat_lapor": pd.Series(dtype="int64"),
                                     "tempat_diharapkan": pd.Series(dtype="int64"), "lapor": pd.Series(dtype=bool)})
            table = self.workspace.read_table(KELENGKAPAN)
            return table.assign(kode_desa=table["kode_desa"].astype(str), minggu=table["minggu"].astype(str))

        return self.memo(("kelengkapan_kasus",), read)

    def report_arrivals(self) -> pd.DataFrame:
        """Arrivals of reports, ``wilayah, jenis, periode, diterima`` (:func:`opsdb.submissions.arrivals`).

        Transactional rows, not snapshot data: memoised under the submission
        history's version (:func:`opsdb.submissions.version`, one small query
        per call), so the next submission is seen at once. Empty without an
        operational database.
        """
        if self.ops is None:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in ARRIVAL_COLUMNS})
        from opsdb import submissions

        db = self.ops()
        return self.memo(("kedatangan", submissions.version(db)), lambda: submissions.arrivals(db))

    def report_version(self) -> int:
        """The submission history's version (:func:`opsdb.submissions.version`; 0 without a database)."""
        if self.ops is None:
            return 0
        from opsdb import submissions

        return submissions.version(self.ops())

    def report_tenggat(self):
        """When reports are due here (:func:`reports.timeliness.tenggat_of`: the workspace's ``pengaturan.json``)."""
        from reports.timeliness import tenggat_of

        return tenggat_of(self.workspace.root)


def _make_query(workspace: PinnedWorkspace):
    if not workspace.has("indikator/nilai.parquet"):
        return None
    from indicators.query import IndicatorQuery

    return IndicatorQuery(workspace)


def load_mapdata(workspace: Workspace) -> MapData:
    """Read boundaries (all levels present), display geometry and facilities.

    Parameters
    ----------
    workspace : an existing workspace (raises :class:`errors.PwsError` if empty);
        its live snapshot is pinned once and everything is read from it.
    """
    import geopandas as gpd

    from puskesmas.geometry import LEVEL as PUSKESMAS
    from puskesmas.table import WILAYAH_KERJA_FILE

    workspace = workspace.pinned()
    sid = workspace.snapshot_id
    frames, displays = [], []
    with_puskesmas = workspace.has(WILAYAH_KERJA_FILE) and workspace.has(f"boundaries/{PUSKESMAS}.parquet")
    for level in LEVELS + ((PUSKESMAS,) if with_puskesmas else ()):
        name = f"boundaries/{level}.parquet"
        if not workspace.has(name):
            continue
        full = workspace.read_geo(name, columns=["kode", "nama", "induk", "geometry"])
        b = full.geometry.bounds
        frames.append(
            pd.DataFrame(
                {
                    "kode": full["kode"].astype(str),
                    "nama": full["nama"].astype(str),
                    "induk": full["induk"].astype("object").where(full["induk"].notna(), None),
                    "level": level,
                    "minx": b["minx"].to_numpy(),
                    "miny": b["miny"].to_numpy(),
                    "maxx": b["maxx"].to_numpy(),
                    "maxy": b["maxy"].to_numpy(),
                }
            )
        )
        disp_name = f"boundaries/{level}_display.parquet"
        disp = workspace.read_geo(disp_name, columns=["kode", "geometry"]) if workspace.has(disp_name) else full[["kode", "geometry"]]
        displays.append(disp)
    if not frames:
        from errors import PwsError

        raise PwsError("ws_tanpa_batas", path=workspace.root)
    areas = pd.concat(frames, ignore_index=True)
    display = gpd.GeoDataFrame(pd.concat(displays, ignore_index=True), geometry="geometry", crs="EPSG:4326")
    if workspace.has("fasilitas.parquet"):
        fasilitas = workspace.read_table("fasilitas.parquet")
    else:
        fasilitas = pd.DataFrame({c: pd.Series(dtype="object") for c in FASILITAS_COLUMNS})
    md = MapData(workspace, sid, areas, display, fasilitas, workspace.manifest)
    if with_puskesmas:
        md.wilayah_kerja = workspace.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
    return md


class MapDataCache:
    """The loaded live snapshot of each workspace; thread-safe, one per app.

    ``get`` checks the live snapshot id on every call (one small file read) so
    a new import is picked up at once. Only the live snapshot is kept: an older
    one is served by no later request, and holding it would keep a whole
    snapshot's geometry in every worker's memory.
    """

    def __init__(self, ops: Callable[[], Any] | None = None):
        self.ops = ops  # opens the operational database; handed to every snapshot loaded (MapData.ops)
        self._entries: dict[str, MapData] = {}
        self._lock = threading.Lock()
        self.loads = 0  # how many times a snapshot was read from disk (tests, benchmarks)

    def get(self, workspace_path: str | Path) -> MapData:
        """The loaded live snapshot of the workspace at ``workspace_path``."""
        snapshot = Workspace(Path(workspace_path).resolve()).pinned()
        root = str(snapshot.root)
        with self._lock:
            hit = self._entries.get(root)
            if hit is not None and hit.snapshot_id == snapshot.snapshot_id:
                return hit
        loaded = load_mapdata(snapshot)
        loaded.ops = self.ops
        with self._lock:
            self.loads += 1
            # replaces any older snapshot (a race leaving the older one is corrected by the next get)
            self._entries[root] = loaded
        return loaded

    def loaded(self) -> list[str | None]:
        """Snapshot ids held now (tests check that only what is served stays)."""
        with self._lock:
            return [md.snapshot_id for md in self._entries.values()]

    def clear(self) -> None:
        """Forget every loaded snapshot."""
        with self._lock:
            self._entries.clear()

"""Load a workspace once per snapshot and hand out read-only views of it.

The web process keeps no per-user state: a :class:`MapDataCache` belongs to
the app (created in ``create_app``) and maps ``(workspace path, snapshot_id)``
to a loaded :class:`MapData`. A new import changes the snapshot id, so the next
request loads the new snapshot; old entries fall out of the small LRU.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from geo.levels import LEVELS
from workspace.store import Workspace

MEMO_SIZE = 1024
"""Derived frames kept per snapshot (children values, series, rapor)."""

FASILITAS_COLUMNS = ["id", "nama", "jenis", "kode_desa", "lat", "lon", "ilp_aktif", "lapor_bulan_ini"]


@dataclass
class MapData:
    """Everything the map needs from one snapshot, loaded once.

    Attributes
    ----------
    workspace : the :class:`Workspace` (its live snapshot may move on; this
        object stays bound to ``snapshot_id``).
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
    """

    workspace: Workspace
    snapshot_id: str | None
    areas: pd.DataFrame
    display: Any
    fasilitas: pd.DataFrame
    manifest: dict
    wilayah_kerja: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"kode_puskesmas": pd.Series(dtype=object), "kode_desa": pd.Series(dtype=object)}))
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

    def indicator_query(self):
        """The indicators module's query object for this snapshot, or ``None``.

        ``None`` when the workspace has no indicator values; the dashboard then
        shows boundaries only.
        """
        with self._lock:
            if "_query" not in self.__dict__:
                self.__dict__["_query"] = _make_query(self.workspace)
            return self.__dict__["_query"]


def _make_query(workspace: Workspace):
    if not workspace.has("indikator/nilai.parquet"):
        return None
    from indicators.query import IndicatorQuery

    return IndicatorQuery(workspace)


def load_mapdata(workspace: Workspace) -> MapData:
    """Read boundaries (all levels present), display geometry and facilities.

    Parameters
    ----------
    workspace : an existing workspace (raises :class:`errors.PwsError` if empty).
    """
    import geopandas as gpd

    from puskesmas.geometry import LEVEL as PUSKESMAS
    from puskesmas.table import WILAYAH_KERJA_FILE

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

        raise PwsError(
            f"Workspace {workspace.root} has no boundaries: import them with "
            "'python app.py import boundaries FILE --workspace DIR'."
        )
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
    """Small LRU of loaded snapshots keyed by ``(workspace path, snapshot_id)``.

    Thread-safe; one per app. ``get`` checks the live snapshot id on every
    call (one small file read) so a new import is picked up at once.

    Parameters
    ----------
    maxsize : how many snapshots to keep loaded.
    """

    def __init__(self, maxsize: int = 4):
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple[str, str | None], MapData] = OrderedDict()
        self._lock = threading.Lock()
        self.loads = 0  # how many times a snapshot was read from disk (tests, benchmarks)

    def get(self, workspace_path: str | Path) -> MapData:
        """The loaded live snapshot of the workspace at ``workspace_path``."""
        ws = Workspace(Path(workspace_path).resolve())
        key = (str(ws.root), ws.snapshot_id)
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
                return hit
        loaded = load_mapdata(ws)
        if ws.snapshot_id != loaded.snapshot_id:
            # an import committed while we read: read again so the files match the key
            loaded = load_mapdata(ws)
            key = (str(ws.root), loaded.snapshot_id)
        with self._lock:
            self.loads += 1
            self._entries[key] = loaded
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return loaded

    def clear(self) -> None:
        """Forget every loaded snapshot."""
        with self._lock:
            self._entries.clear()

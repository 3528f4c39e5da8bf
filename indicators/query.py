"""Fast questions the map and the tables ask, answered by DuckDB over the workspace's Parquet.

:class:`IndicatorQuery` is cheap to construct (nothing is read until the first
question) and pinned to the snapshot that was live when it was made, so the
dashboard keeps one per ``Workspace.snapshot_id`` and drops it when an import
makes a new snapshot. It is safe to share between threads: each question runs on
its own DuckDB cursor.

Area levels read ``indikator/agregat.parquet`` (written by the import, sorted by
indikator, kode, periode so a question reads one or two row groups); the desa
level reads ``indikator/nilai.parquet`` directly. When the stored aggregates do
not belong to the nilai file (another tool wrote nilai without calling
:func:`indicators.importer.write_aggregates`), they are recomputed once in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from errors import PwsError
from geo.levels import LEVELS, child_level, level_of
from indicators.catalogue import TARGET_TABLE, load_catalogue
from indicators.classify import SCHEMES, classify
from indicators.rollup import AGGREGATE_TABLE, NILAI_TABLE, aggregate_sql, desa_cumulative_sql, katalog_frame, scale
from indicators.status import STATUS_LABELS, STATUSES, pws_status, target_bulan
from workspace import Workspace

CHILD_COLUMNS = [
    "kode", "nama", "pembilang", "penyebut", "nilai", "pembilang_kumulatif", "penyebut_kumulatif",
    "nilai_kumulatif", "nilai_pws", "target_bulan", "status", "tren", "desa_dengan_data", "desa_total", "kelas",
]
SKEMA_PWS = "pws"


def previous_month(periode: str) -> str:
    """The month before ``'YYYY-MM'``.

    >>> previous_month("2025-01"), previous_month("2025-10")
    ('2024-12', '2025-09')
    """
    year, month = int(periode[:4]), int(periode[5:7])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def _check_periode(periode: str) -> str:
    if not (isinstance(periode, str) and len(periode) == 7 and periode[4] == "-" and periode[:4].isdigit()
            and periode[5:].isdigit() and 1 <= int(periode[5:]) <= 12):
        raise PwsError(f"periode {periode!r} is not a month: write it as YYYY-MM (e.g. 2025-03).")
    return periode


@dataclass
class Legend:
    """How ``kelas`` reads: ``labels[i]`` for class i (``-1`` = no data); ``bins`` are upper edges (empty for PWS status)."""

    skema: str
    k: int
    bins: list[float]
    labels: list[str]


class IndicatorQuery:
    """Indicator values, PWS status and map classes of one workspace snapshot.

    Parameters
    ----------
    workspace : a :class:`workspace.Workspace` or its folder.
    catalogue : optional catalogue frame (default :func:`load_catalogue`).
    """

    def __init__(self, workspace: Workspace | str | Path, catalogue: pd.DataFrame | None = None):
        self.workspace = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
        self.snapshot_id = self.workspace.snapshot_id
        self._dir = self.workspace.snapshot_dir() if self.workspace.exists() else None
        self._catalogue = catalogue
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._areas: pd.DataFrame | None = None
        self._codes_by_level: dict[str, np.ndarray] = {}
        self._targets: pd.DataFrame | None = None
        self._agregat = ""
        self._periods: list[str] = []

    # -- setup, once, on the first question ----------------------------------------
    @property
    def catalogue(self) -> pd.DataFrame:
        """The indicator catalogue this query judges by."""
        if self._catalogue is None:
            self._catalogue = load_catalogue()
        return self._catalogue

    def _file(self, name: str) -> Path | None:
        if self._dir is None:
            return None
        p = self._dir / name
        return p if p.exists() else None

    def _ready(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None:
                self._setup()
            return self._con.cursor()

    def _setup(self) -> None:
        if self._file("boundaries/desa.parquet") is None:
            raise PwsError(f"Workspace {self.workspace.root} has no boundaries: import boundaries first "
                           f"('python app.py import boundaries FILE --workspace {self.workspace.root}').")
        con = duckdb.connect()
        con.execute("SET parquet_metadata_cache = true")
        frames = []
        for level in LEVELS:
            path = self._file(f"boundaries/{level}.parquet")
            if path is None:
                raise PwsError(f"Workspace {self.workspace.root} lacks boundaries/{level}.parquet; import boundaries again.")
            table = pq.read_table(path, columns=["kode", "nama", "induk"]).to_pandas()
            table["tingkat"] = level
            frames.append(table)
        areas = pd.concat(frames, ignore_index=True)
        desa = np.sort(areas.loc[areas["tingkat"] == "desa", "kode"].to_numpy(dtype=str))
        totals = []
        for kode, level in zip(areas["kode"], areas["tingkat"]):
            if level == "desa":
                totals.append(1)
            else:
                totals.append(int(np.searchsorted(desa, kode + "/") - np.searchsorted(desa, kode + ".")))
        areas["desa_total"] = totals
        areas = areas.sort_values(["tingkat", "kode"]).reset_index(drop=True)
        self._codes_by_level = {lv: areas.index[areas["tingkat"] == lv].to_numpy() for lv in LEVELS}
        self._areas = areas
        target = self._file(TARGET_TABLE)
        self._targets = pd.read_parquet(target) if target is not None else None
        con.register("katalog_df", katalog_frame(self.catalogue))
        con.execute("CREATE TABLE katalog AS SELECT * FROM katalog_df")  # a table: cursors do not see registered frames
        nilai = self._file(NILAI_TABLE)
        if nilai is None:
            con.execute("CREATE TABLE nilai (kode_desa VARCHAR, periode VARCHAR, indikator VARCHAR, pembilang DOUBLE, penyebut DOUBLE)")
            self._nilai = "nilai"
        else:
            self._nilai = f"read_parquet('{nilai}')"
        self._agregat = self._aggregates(con, nilai)
        self._con = con

    def _aggregates(self, con, nilai: Path | None) -> str:
        """The stored aggregates when they belong to this nilai file, else a table computed now."""
        from indicators.importer import nilai_fingerprint

        stored = self._file(AGGREGATE_TABLE)
        meta = json_manifest(self._dir).get("indikator", {})
        if nilai is not None and stored is not None and meta.get("agregat_untuk") == nilai_fingerprint(nilai, self.catalogue):
            self._periods = list(meta.get("periode", []))
            return f"read_parquet('{stored}')"
        kum = desa_cumulative_sql(self._nilai, "katalog")
        con.execute(f"CREATE TABLE agregat AS SELECT * FROM ({aggregate_sql('(' + kum + ')')}) ORDER BY indikator, kode, periode")
        self._periods = [r[0] for r in con.execute(f"SELECT DISTINCT periode FROM {self._nilai} ORDER BY 1").fetchall()]
        return "agregat"

    # -- helpers ---------------------------------------------------------------------
    def _indicator(self, indikator: str) -> pd.Series:
        if indikator not in self.catalogue.index:
            raise PwsError(f"indicator {indikator!r} is not in the catalogue; see 'python app.py indicators' for the ids.")
        return self.catalogue.loc[indikator]

    def _annual_targets(self, indikator: str, kodes: pd.Series) -> np.ndarray:
        default = float(self.catalogue.loc[indikator, "target_tahunan"])
        out = np.full(len(kodes), default)
        if self._targets is None or self._targets.empty:
            return out
        own = self._targets[self._targets["indikator"] == indikator]
        if own.empty:
            return out
        by_kab = dict(zip(own["kode"], own["target_tahunan"].astype(float)))
        for i, kode in enumerate(kodes):
            if kode.count(".") >= 1:
                hit = by_kab.get(kode[:5])
                if hit is not None:
                    out[i] = hit
        return out

    def _descendants(self, parent: str | None, level: str) -> pd.DataFrame:
        rows = self._areas.loc[self._codes_by_level[level]]
        if parent is None:
            return rows
        codes = rows["kode"].to_numpy(dtype=str)
        lo, hi = np.searchsorted(codes, parent + "."), np.searchsorted(codes, parent + "/")
        return rows.iloc[lo:hi]

    def _judge(self, frame: pd.DataFrame, indikator: str, bulan) -> pd.DataFrame:
        """Add nilai, nilai_kumulatif, nilai_pws, target_bulan, status, tren to frame (in place)."""
        ind = self._indicator(indikator)
        frame["nilai"] = scale(frame["pembilang"], frame["penyebut"], ind["satuan"])
        frame["nilai_kumulatif"] = scale(frame["pembilang_kumulatif"], frame["penyebut_kumulatif"], ind["satuan"])
        frame["nilai_pws"] = frame["nilai_kumulatif"] if ind["target_prorata"] else frame["nilai"]
        lalu = scale(frame["pembilang_lalu"], frame["penyebut_lalu"], ind["satuan"])
        annual = self._annual_targets(indikator, frame["kode"])
        frame["target_bulan"] = target_bulan(annual, np.asarray(bulan, dtype=float), bool(ind["target_prorata"]))
        status, tren = pws_status(frame["nilai_pws"], frame["target_bulan"], frame["nilai"], lalu, ind["arah"])
        frame["status"] = pd.Series(status, index=frame.index, dtype=object)  # None stays None, not NaN
        frame["tren"] = pd.Series(tren, index=frame.index, dtype=object)
        return frame

    # -- the questions -------------------------------------------------------------------
    def periods(self) -> list[str]:
        """Months with data, ``'YYYY-MM'``, oldest first (empty before any indicator import)."""
        self._ready().close()
        return list(self._periods)

    def children(self, parent_kode: str | None, indikator: str, periode: str, skema: str = SKEMA_PWS,
                 k: int = 5, level: str | None = None) -> pd.DataFrame:
        """Every child area of ``parent_kode`` with its numbers, PWS status and map class.

        Parameters
        ----------
        parent_kode : dotted code; ``None`` for Indonesia (children are the provinsi).
        indikator : catalogue id.
        periode : ``'YYYY-MM'``.
        skema : ``"pws"`` (class = PWS status: 0 baik, 1 kurang, 2 cukup, 3 jelek) or a
            :data:`indicators.classify.SCHEMES` name (classes of ``nilai_pws``).
        k : number of classes for a classification scheme.
        level : optional deeper level to return instead of the direct children
            (e.g. every desa of a kabupaten: ``level="desa"``).

        Returns
        -------
        DataFrame with :data:`CHILD_COLUMNS`, one row per child (sorted by kode),
        including children with no data (values NaN, ``status`` None, ``kelas``
        -1, ``desa_dengan_data`` 0). ``.attrs["legend"]`` is a :class:`Legend`
        (skema, k, bins, labels for each kelas); ``.attrs`` also holds
        ``indikator, periode, tingkat, satuan, arah, target_prorata``.
        """
        ind = self._indicator(indikator)
        _check_periode(periode)
        if skema != SKEMA_PWS and skema not in SCHEMES:
            raise PwsError(f"unknown skema {skema!r}; use 'pws' or one of {', '.join(sorted(SCHEMES))}.")
        parent_level = None if parent_kode is None else level_of(parent_kode)
        direct = LEVELS[0] if parent_level is None else child_level(parent_level)
        if direct is None:
            raise PwsError(f"{parent_kode} is a desa: it has no child areas.")
        level = level or direct
        if level not in LEVELS or (parent_level is not None and LEVELS.index(level) <= LEVELS.index(parent_level)):
            raise PwsError(f"level {level!r} is not below {parent_kode}.")
        cur = self._ready()
        try:
            data = self._child_rows(cur, parent_kode, level, indikator, periode)
        finally:
            cur.close()
        kids = self._descendants(parent_kode, level)[["kode", "nama", "desa_total"]].reset_index(drop=True)
        now = data[data["periode"] == periode].drop(columns="periode")
        before = data[data["periode"] == previous_month(periode)][["kode", "pembilang", "penyebut"]]
        before = before.rename(columns={"pembilang": "pembilang_lalu", "penyebut": "penyebut_lalu"})
        out = kids.merge(now, on="kode", how="left").merge(before, on="kode", how="left")
        out["desa_dengan_data"] = out["desa_dengan_data"].fillna(0).astype(int)
        self._judge(out, indikator, int(periode[5:]))
        legend = self._classes(out, skema, k)
        out = out[CHILD_COLUMNS]
        out.attrs = {"legend": legend, "indikator": indikator, "periode": periode, "tingkat": level,
                     "satuan": ind["satuan"], "arah": ind["arah"], "target_prorata": bool(ind["target_prorata"])}
        return out

    def _child_rows(self, cur, parent: str | None, level: str, indikator: str, periode: str) -> pd.DataFrame:
        prev = previous_month(periode)
        params: list = [indikator]
        if level == "desa":
            where = "indikator = ? AND periode BETWEEN ? AND ?"
            params += [min(f"{periode[:4]}-01", prev), periode]
            if parent is not None:
                where += " AND kode_desa >= ? AND kode_desa < ?"
                params += [parent + ".", parent + "/"]
            sql = (f"SELECT kode, periode, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif, "
                   f"1 AS desa_dengan_data FROM ({desa_cumulative_sql(self._nilai, 'katalog', where)}) "
                   f"WHERE periode IN ('{periode}', '{prev}')")
        else:
            where = "indikator = ? AND tingkat = ? AND periode IN (?, ?)"
            params += [level, periode, prev]
            if parent is not None:
                where += " AND kode >= ? AND kode < ?"
                params += [parent + ".", parent + "/"]
            sql = (f"SELECT kode, periode, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif, "
                   f"desa_dengan_data FROM {self._agregat} WHERE {where}")
        return cur.execute(sql, params).df()

    def _classes(self, out: pd.DataFrame, skema: str, k: int) -> Legend:
        if skema == SKEMA_PWS:
            order = {s: i for i, s in enumerate(STATUSES)}
            out["kelas"] = [order.get(s, -1) if s is not None else -1 for s in out["status"]]
            return Legend(SKEMA_PWS, len(STATUSES), [], [STATUS_LABELS[s] for s in STATUSES])
        result = classify(out["nilai_pws"].to_numpy(dtype=float), skema, k)
        out["kelas"] = result.classes
        return Legend(skema, k, result.bins, result.labels)

    def series(self, kode: str, indikator: str) -> pd.DataFrame:
        """One area's months: ``periode, nilai, nilai_pws, target_bulan, status`` (plus ``tren, nilai_kumulatif,
        pembilang, penyebut, desa_dengan_data``), for every month of the workspace; months without data are NaN."""
        self._indicator(indikator)
        level = level_of(kode)
        cur = self._ready()
        try:
            if level == "desa":
                sql = (f"SELECT periode, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif, 1 AS desa_dengan_data "
                       f"FROM ({desa_cumulative_sql(self._nilai, 'katalog', 'indikator = ? AND kode_desa = ?')})")
                data = cur.execute(sql, [indikator, kode]).df()
            else:
                sql = (f"SELECT periode, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif, desa_dengan_data "
                       f"FROM {self._agregat} WHERE indikator = ? AND tingkat = ? AND kode = ?")
                data = cur.execute(sql, [indikator, level, kode]).df()
        finally:
            cur.close()
        months = sorted(set(self._periods) | set(data["periode"]))
        out = pd.DataFrame({"periode": months}).merge(data, on="periode", how="left")
        lalu = out.set_index("periode")[["pembilang", "penyebut"]]
        prev = [previous_month(p) for p in out["periode"]]
        out["pembilang_lalu"] = lalu["pembilang"].reindex(prev).to_numpy()
        out["penyebut_lalu"] = lalu["penyebut"].reindex(prev).to_numpy()
        out["desa_dengan_data"] = out["desa_dengan_data"].fillna(0).astype(int)
        out["kode"] = kode
        self._judge(out, indikator, out["periode"].str[5:7].astype(int).to_numpy())
        return out[["periode", "nilai", "nilai_pws", "target_bulan", "status", "tren", "nilai_kumulatif",
                    "pembilang", "penyebut", "desa_dengan_data"]]

    def rapor(self, kode_desa: str, periode: str) -> pd.DataFrame:
        """Report card of one desa: every catalogue indicator's latest status up to ``periode``.

        Returns
        -------
        DataFrame sorted by klaster (catalogue order within one), columns ``klaster,
        klaster_nama, indikator, nama, satuan, arah, periode_data`` (the month the
        status is from: ``periode`` or the latest earlier month with data; None if
        none), ``nilai, nilai_pws, target_bulan, status, tren``.
        """
        _check_periode(periode)
        if level_of(kode_desa) != "desa":
            raise PwsError(f"{kode_desa} is not a desa code (rapor is per desa).")
        cur = self._ready()
        try:
            sql = (f"SELECT kode, indikator, periode, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif "
                   f"FROM ({desa_cumulative_sql(self._nilai, 'katalog', 'kode_desa = ? AND periode <= ?')})")
            data = cur.execute(sql, [kode_desa, periode]).df()
        finally:
            cur.close()
        rows = []
        for indikator, ind in self.catalogue.iterrows():
            mine = data[data["indikator"] == indikator].sort_values("periode")
            base = {"klaster": int(ind["klaster"]), "klaster_nama": ind["klaster_nama"], "indikator": indikator,
                    "nama": ind["nama"], "satuan": ind["satuan"], "arah": ind["arah"]}
            if mine.empty:
                rows.append({**base, "periode_data": None, "nilai": np.nan, "nilai_pws": np.nan,
                             "target_bulan": np.nan, "status": None, "tren": None})
                continue
            last = mine.iloc[[-1]].copy()
            prev = mine[mine["periode"] == previous_month(last["periode"].iloc[0])]
            last["pembilang_lalu"] = prev["pembilang"].iloc[0] if len(prev) else np.nan
            last["penyebut_lalu"] = prev["penyebut"].iloc[0] if len(prev) else np.nan
            self._judge(last, indikator, int(last["periode"].iloc[0][5:]))
            r = last.iloc[0]
            rows.append({**base, "periode_data": r["periode"], "nilai": r["nilai"], "nilai_pws": r["nilai_pws"],
                         "target_bulan": r["target_bulan"], "status": r["status"], "tren": r["tren"]})
        return pd.DataFrame(rows).sort_values("klaster", kind="stable").reset_index(drop=True)


def json_manifest(snapshot_dir: Path | None) -> dict:
    """The manifest of a pinned snapshot folder (``{}`` when absent)."""
    import json

    if snapshot_dir is None or not (snapshot_dir / "manifest.json").exists():
        return {}
    return json.loads((snapshot_dir / "manifest.json").read_text(encoding="utf-8"))

"""Fast questions the map and the tables ask, answered by DuckDB over the workspace's Parquet.

:class:`IndicatorQuery` is cheap to construct (nothing is read until the first
question) and pinned to the snapshot that was live when it was made, so the
dashboard keeps one per ``Workspace.snapshot_id`` and drops it when an import
makes a new snapshot. It is safe to share between threads: each question runs on
its own DuckDB cursor.

Questions read ``indikator/agregat/<id>.parquet`` (written by the import: every
level, desa included, with year-to-date; sorted by tingkat, kode, periode so a
question reads one or two row groups of one indicator's file). When the stored
aggregates do not belong to the nilai file (another tool wrote nilai without
calling :func:`indicators.rollup.write_aggregates`), they are computed once per
snapshot in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from errors import PwsError
from geo.levels import LEVELS, child_level, level_of
from indicators.catalogue import TARGET_TABLE, load_catalogue
from indicators.classify import SCHEME_ALIASES, SCHEMES, classify
from indicators.rollup import (AGGREGATE_DIR, NILAI_TABLE, aggregate_file, aggregate_frame, scale,
                               stored_aggregates_current, sum_by_group)
from indicators.status import ALL_STATUSES, STATUS_LABELS, legend_statuses, pws_status, target_bulan
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
        raise PwsError("periode_bukan_bulan", periode=repr(periode))
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
        # every question reads this one snapshot, whatever an import makes live meanwhile
        self.workspace = (workspace if isinstance(workspace, Workspace) else Workspace(workspace)).pinned()
        self.snapshot_id = self.workspace.snapshot_id
        self._catalogue = catalogue
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._levels: dict[str, dict[str, np.ndarray]] = {}
        self._targets: pd.DataFrame | None = None
        self._stored = False
        self._periods: list[str] = []

    # -- setup, once, on the first question ----------------------------------------
    @property
    def catalogue(self) -> pd.DataFrame:
        """The indicator catalogue this query judges by."""
        if self._catalogue is None:
            self._catalogue = load_catalogue()
        return self._catalogue

    def _file(self, name: str) -> Path | None:
        # a path, not a frame: DuckDB and pyarrow scan the snapshot's files themselves
        return self.workspace.table_path(name) if self.workspace.has(name) else None

    def _ready(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None:
                self._setup()
            return self._con.cursor()

    def _setup(self) -> None:
        if not self.workspace.has("boundaries/desa.parquet"):
            raise PwsError("ws_tanpa_batas", path=self.workspace.root)
        con = duckdb.connect()
        con.execute("SET GLOBAL parquet_metadata_cache = true")  # GLOBAL: cursors are connections of their own
        levels = {}
        for level in LEVELS:
            if not self.workspace.has(f"boundaries/{level}.parquet"):
                raise PwsError("ws_tanpa_tingkat", path=self.workspace.root, level=level)
            table = self.workspace.read_arrow(f"boundaries/{level}.parquet", columns=["kode", "nama"])
            kode = np.asarray(table.column("kode").to_pylist(), dtype=object)
            nama = np.asarray(table.column("nama").to_pylist(), dtype=object)
            order = np.argsort(kode.astype(str), kind="stable")
            levels[level] = {"kode": kode[order], "nama": nama[order], "kode_str": kode[order].astype(str)}
        desa = levels["desa"]["kode_str"]
        for level, arrays in levels.items():
            if level == "desa":
                arrays["desa_total"] = np.ones(len(desa), dtype=np.int64)
            else:
                lo = np.searchsorted(desa, np.char.add(arrays["kode_str"], "."))
                hi = np.searchsorted(desa, np.char.add(arrays["kode_str"], "/"))
                arrays["desa_total"] = (hi - lo).astype(np.int64)
        self._levels = levels
        self._targets = self.workspace.read_table(TARGET_TABLE) if self.workspace.has(TARGET_TABLE) else None
        con.execute("CREATE TABLE agregat_kosong (tingkat VARCHAR, kode VARCHAR, periode VARCHAR, indikator VARCHAR, "
                    "pembilang DOUBLE, penyebut DOUBLE, pembilang_kumulatif DOUBLE, penyebut_kumulatif DOUBLE, "
                    "desa_dengan_data INTEGER)")
        self._stored = self._aggregates(con)
        self._con = con

    def _aggregates(self, con) -> bool:
        """True when the stored per-indicator aggregates belong to this nilai file; else build them in memory."""
        if stored_aggregates_current(self.workspace, self.catalogue):
            self._periods = list(self.workspace.manifest["indikator"].get("periode_data", []))
            return True
        frame = self.workspace.read_table(NILAI_TABLE) if self.workspace.has(NILAI_TABLE) else pd.DataFrame(
            {"kode_desa": [], "periode": [], "indikator": [], "pembilang": [], "penyebut": []})
        agg = aggregate_frame(frame, self.catalogue)
        con.register("agregat_df", agg)
        con.execute("CREATE TABLE agregat AS SELECT * FROM agregat_df ORDER BY indikator, tingkat, kode, periode")
        con.unregister("agregat_df")
        self._periods = sorted(set(frame["periode"].astype(str)))
        return False

    def _source(self, indikator: str | None) -> tuple[str, str, list]:
        """(FROM clause, WHERE prefix, parameters) for one indicator's aggregates (all of them for ``None``)."""
        if not self._stored:
            return ("agregat", "indikator = ?", [indikator]) if indikator else ("agregat", "TRUE", [])
        if indikator is None:
            files = [str(p) for p in self.workspace.table_paths(AGGREGATE_DIR)]
        else:
            path = self._file(aggregate_file(indikator))
            files = [str(path)] if path is not None else []
        if not files:
            return ("agregat_kosong", "TRUE", [])
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}])", "TRUE", []

    # -- helpers ---------------------------------------------------------------------
    def _indicator(self, indikator: str) -> pd.Series:
        if indikator not in self.catalogue.index:
            raise PwsError("indikator_tak_dikenal", indikator=repr(indikator))
        return self.catalogue.loc[indikator]

    def _annual_targets(self, indikator: str, kodes) -> np.ndarray:
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

    def _descendants(self, parent: str | None, level: str) -> dict[str, np.ndarray]:
        """Areas of ``level`` inside ``parent`` (all of them for ``None``), sorted by kode: a slice, no copy of the rest."""
        arrays = self._levels[level]
        if parent is None:
            return arrays
        codes = arrays["kode_str"]
        lo, hi = np.searchsorted(codes, parent + "."), np.searchsorted(codes, parent + "/")
        return {k: v[lo:hi] for k, v in arrays.items()}

    def _judge(self, cols: dict, indikator: str, bulan) -> dict:
        """Add nilai, nilai_kumulatif, nilai_pws, target_bulan, status, tren to ``cols`` (arrays by name).

        ``cols`` holds ``kode, pembilang, penyebut, pembilang_kumulatif,
        penyebut_kumulatif, pembilang_lalu, penyebut_lalu`` (a dict or a DataFrame).
        """
        ind = self._indicator(indikator)
        satuan, prorata = ind["satuan"], bool(ind["target_prorata"])
        cols["nilai"] = scale(cols["pembilang"], cols["penyebut"], satuan)
        cols["nilai_kumulatif"] = scale(cols["pembilang_kumulatif"], cols["penyebut_kumulatif"], satuan)
        cols["nilai_pws"] = cols["nilai_kumulatif"] if prorata else cols["nilai"]
        lalu = scale(cols["pembilang_lalu"], cols["penyebut_lalu"], satuan)
        # an area the codes do not place (a puskesmas) takes its kabupaten's targets
        annual = self._annual_targets(indikator, cols["kode_target"] if "kode_target" in cols else cols["kode"])
        cols["target_bulan"] = target_bulan(annual, np.asarray(bulan, dtype=float), prorata)
        status, tren = pws_status(cols["nilai_pws"], cols["target_bulan"], cols["nilai"], lalu, ind["arah"])
        cols["status"], cols["tren"] = status, tren
        return cols

    # -- the questions -------------------------------------------------------------------
    def periods(self) -> list[str]:
        """Months with data, ``'YYYY-MM'``, oldest first (empty before any indicator import)."""
        self._ready().close()
        return list(self._periods)

    def periods_of(self, indikator: str) -> list[str]:
        """Months in which some desa reported ``indikator``, oldest first (empty when none did)."""
        con = self._ready()
        try:
            source, where, params = self._source(indikator)
            rows = con.execute(
                f"SELECT DISTINCT periode FROM {source} WHERE {where} AND indikator = ? AND tingkat = 'provinsi' "
                "AND desa_dengan_data > 0 ORDER BY periode",
                [*params, indikator],
            ).fetchall()
        finally:
            con.close()
        return [str(r[0]) for r in rows]

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
        skema = SCHEME_ALIASES.get(skema, skema)
        if skema != SKEMA_PWS and skema not in SCHEMES:
            raise PwsError("skema_tak_dikenal", skema=repr(skema), pilihan=", ".join(sorted(SCHEMES)))
        parent_level = None if parent_kode is None else level_of(parent_kode)
        direct = LEVELS[0] if parent_level is None else child_level(parent_level)
        if direct is None:
            raise PwsError("desa_tanpa_anak", kode=parent_kode)
        level = level or direct
        if level not in LEVELS or (parent_level is not None and LEVELS.index(level) <= LEVELS.index(parent_level)):
            raise PwsError("tingkat_bukan_di_bawah", level=repr(level), kode=parent_kode)
        cur = self._ready()
        try:
            data = self._child_rows(cur, parent_kode, level, indikator, periode)
        finally:
            cur.close()
        kids = self._descendants(parent_kode, level)
        return self._judged_frame(kids, data, ind, indikator, periode, skema, k, level)

    def groups(self, parent_kode: str, group_of: dict[str, str], names: dict[str, str], indikator: str,
               periode: str, skema: str = SKEMA_PWS, k: int = 5, tingkat: str = "puskesmas") -> pd.DataFrame:
        """Areas made of desa of ``parent_kode`` (a puskesmas wilayah kerja), judged and classed like children.

        Parameters
        ----------
        parent_kode : the kabupaten/kota (or any area) holding every desa of ``group_of``.
        group_of : desa code → group code; each group's numbers are the sums over its
            desa (:func:`indicators.rollup.sum_by_group`), never an average of percentages.
        names : group code → name; every group listed here gets a row, with data or not.
        indikator, periode, skema, k : as for :meth:`children`.
        tingkat : the level named in ``attrs["tingkat"]``.

        Returns
        -------
        DataFrame with :data:`CHILD_COLUMNS`, one row per group sorted by code. Targets
        are those of ``parent_kode``'s kabupaten/kota.
        """
        ind = self._indicator(indikator)
        _check_periode(periode)
        if skema != SKEMA_PWS and skema not in SCHEMES:
            raise PwsError("skema_tak_dikenal", skema=repr(skema), pilihan=", ".join(sorted(SCHEMES)))
        cur = self._ready()
        try:
            rows = self._child_rows(cur, parent_kode, "desa", indikator, periode)
        finally:
            cur.close()
        summed = sum_by_group(rows, group_of)
        data = {c: summed[c].to_numpy() for c in summed.columns}
        data["kode"] = data["kode"].astype(str)
        data["periode"] = data["periode"].astype(str)
        codes = np.array(sorted(names), dtype=object)
        sizes = pd.Series(list(group_of.values()), dtype=object).value_counts()
        kids = {"kode": codes, "nama": np.array([names[c] for c in codes], dtype=object),
                "kode_str": codes.astype(str),
                "desa_total": np.array([int(sizes.get(c, 0)) for c in codes], dtype=np.int64)}
        return self._judged_frame(kids, data, ind, indikator, periode, skema, k, tingkat,
                                  target_kode=np.full(len(codes), parent_kode, dtype=object))

    def _judged_frame(self, kids: dict, data: dict, ind, indikator: str, periode: str, skema: str, k: int,
                      level: str, target_kode=None) -> pd.DataFrame:
        """Rows ``kids`` with this month's and last month's ``data``, judged and classed."""
        n = len(kids["kode"])
        cols: dict = {"kode": kids["kode"], "nama": kids["nama"]}
        now, before = data["periode"] == periode, data["periode"] == previous_month(periode)
        for name in ("pembilang", "penyebut", "pembilang_kumulatif", "penyebut_kumulatif", "pembilang_lalu", "penyebut_lalu"):
            cols[name] = np.full(n, np.nan)
        cols["desa_dengan_data"] = np.zeros(n, dtype=np.int64)
        at_now = _positions(kids["kode_str"], data["kode"][now])
        at_before = _positions(kids["kode_str"], data["kode"][before])
        for name in ("pembilang", "penyebut", "pembilang_kumulatif", "penyebut_kumulatif", "desa_dengan_data"):
            values = data[name][now]
            cols[name][at_now[at_now >= 0]] = values[at_now >= 0]
        for name in ("pembilang", "penyebut"):
            values = data[name][before]
            cols[name + "_lalu"][at_before[at_before >= 0]] = values[at_before >= 0]
        if target_kode is not None:
            cols["kode_target"] = target_kode
        self._judge(cols, indikator, int(periode[5:]))
        legend, kelas = self._classes(cols["status"], cols["nilai_pws"], skema, k)
        cols["kelas"] = kelas
        cols["desa_total"] = kids["desa_total"]
        out = pd.DataFrame({c: cols[c] for c in CHILD_COLUMNS})
        for c in ("status", "tren"):  # None stays None (pandas would turn it into NaN)
            out[c] = pd.Series(cols[c], dtype=object)
        out.attrs = {"legend": legend, "indikator": indikator, "periode": periode, "tingkat": level,
                     "satuan": ind["satuan"], "arah": ind["arah"], "target_prorata": bool(ind["target_prorata"])}
        return out

    def _child_rows(self, cur, parent: str | None, level: str, indikator: str, periode: str) -> dict[str, np.ndarray]:
        source, where, params = self._source(indikator)
        where += " AND tingkat = ? AND periode IN (?, ?)"
        params = params + [level, periode, previous_month(periode)]
        if parent is not None:
            where += " AND kode >= ? AND kode < ?"  # a code range: the file is sorted by kode, so row groups prune
            params += [parent + ".", parent + "/"]
        rows = cur.execute(f"SELECT kode::VARCHAR AS kode, periode::VARCHAR AS periode, pembilang, penyebut, "
                           f"pembilang_kumulatif, penyebut_kumulatif, desa_dengan_data FROM {source} "
                           f"WHERE {where}", params).fetchnumpy()
        data = {k: np.asarray(v) for k, v in rows.items()}
        for name in ("pembilang", "penyebut", "pembilang_kumulatif", "penyebut_kumulatif"):
            data[name] = _floats(rows[name])
        data["desa_dengan_data"] = _floats(rows["desa_dengan_data"])
        return data

    def _classes(self, status: np.ndarray, nilai_pws: np.ndarray, skema: str, k: int) -> tuple[Legend, np.ndarray]:
        if skema == SKEMA_PWS:
            order = {s: i for i, s in enumerate(ALL_STATUSES)}
            kelas = np.array([order.get(s, -1) if s is not None else -1 for s in status], dtype=np.int64)
            shown = legend_statuses(status)
            return Legend(SKEMA_PWS, len(shown), [], [STATUS_LABELS[s] for s in shown]), kelas
        result = classify(np.asarray(nilai_pws, dtype=float), skema, k)
        return Legend(skema, k, result.bins, result.labels), result.classes

    def series(self, kode: str, indikator: str) -> pd.DataFrame:
        """One area's months: ``periode, nilai, nilai_pws, target_bulan, status`` (plus ``tren, nilai_kumulatif,
        pembilang, penyebut, desa_dengan_data``), for every month of the workspace; months without data are NaN."""
        self._indicator(indikator)
        level = level_of(kode)
        cur = self._ready()
        try:
            source, where, params = self._source(indikator)
            sql = (f"SELECT periode::VARCHAR AS periode, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif, "
                   f"desa_dengan_data FROM {source} WHERE {where} AND tingkat = ? AND kode = ? ORDER BY periode")
            data = cur.execute(sql, params + [level, kode]).df()
        finally:
            cur.close()
        return self._series_frame(data, kode, indikator)

    def group_series(self, kode: str, desa: list[str], indikator: str, target_kode: str | None = None) -> pd.DataFrame:
        """Like :meth:`series`, for an area made of the desa ``desa`` (a puskesmas wilayah kerja), named ``kode``.

        Each month sums the desa's numbers (:func:`indicators.rollup.sum_by_group`);
        targets are those of ``target_kode`` (its kabupaten/kota).
        """
        self._indicator(indikator)
        cur = self._ready()
        try:
            source, where, params = self._source(indikator)
            listed = ", ".join("?" for _ in desa) or "NULL"
            sql = (f"SELECT kode::VARCHAR AS kode, periode::VARCHAR AS periode, pembilang, penyebut, "
                   f"pembilang_kumulatif, penyebut_kumulatif, desa_dengan_data FROM {source} "
                   f"WHERE {where} AND tingkat = 'desa' AND kode IN ({listed})")
            rows = cur.execute(sql, params + list(desa)).df()
        finally:
            cur.close()
        data = sum_by_group(rows, {d: kode for d in desa}).drop(columns="kode")
        return self._series_frame(data, kode, indikator, target_kode)

    def _series_frame(self, data: pd.DataFrame, kode: str, indikator: str, target_kode: str | None = None) -> pd.DataFrame:
        """Every month of the workspace, judged, from one area's monthly rows ``data``."""
        months = sorted(set(self._periods) | set(data["periode"]))
        out = pd.DataFrame({"periode": months}).merge(data, on="periode", how="left")
        lalu = out.set_index("periode")[["pembilang", "penyebut"]]
        prev = [previous_month(p) for p in out["periode"]]
        out["pembilang_lalu"] = lalu["pembilang"].reindex(prev).to_numpy()
        out["penyebut_lalu"] = lalu["penyebut"].reindex(prev).to_numpy()
        out["desa_dengan_data"] = out["desa_dengan_data"].fillna(0).astype(int)
        out["kode"] = kode
        cols = {c: out[c].to_numpy() for c in out.columns}
        if target_kode is not None:
            cols["kode_target"] = np.full(len(out), target_kode, dtype=object)
        self._judge(cols, indikator, out["periode"].str[5:7].astype(int).to_numpy())
        result = pd.DataFrame({c: cols[c] for c in ["periode", "nilai", "nilai_pws", "target_bulan", "nilai_kumulatif",
                                                    "pembilang", "penyebut", "desa_dengan_data"]})
        result.insert(4, "status", pd.Series(cols["status"], dtype=object))
        result.insert(5, "tren", pd.Series(cols["tren"], dtype=object))
        return result

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
            raise PwsError("rapor_bukan_desa", kode=kode_desa)
        cur = self._ready()
        try:
            source, where, params = self._source(None)
            data = cur.execute(
                f"SELECT indikator::VARCHAR AS indikator, periode::VARCHAR AS periode, pembilang, penyebut, "
                f"pembilang_kumulatif, penyebut_kumulatif FROM {source} "
                f"WHERE {where} AND tingkat = 'desa' AND kode = ? AND periode <= ? ORDER BY indikator, periode",
                params + [kode_desa, periode]).df()
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
            last = {c: mine[c].to_numpy()[-1:] for c in mine.columns}
            last["kode"] = np.array([kode_desa], dtype=object)
            prev = mine[mine["periode"] == previous_month(last["periode"][0])]
            last["pembilang_lalu"] = prev["pembilang"].to_numpy()[:1] if len(prev) else np.array([np.nan])
            last["penyebut_lalu"] = prev["penyebut"].to_numpy()[:1] if len(prev) else np.array([np.nan])
            self._judge(last, indikator, int(last["periode"][0][5:]))
            rows.append({**base, "periode_data": last["periode"][0], "nilai": float(last["nilai"][0]),
                         "nilai_pws": float(last["nilai_pws"][0]), "target_bulan": float(last["target_bulan"][0]),
                         "status": last["status"][0], "tren": last["tren"][0]})
        out = pd.DataFrame(rows)
        for column in ("periode_data", "status", "tren"):  # None stays None (pandas would make it NaN)
            out[column] = pd.Series([r[column] for r in rows], dtype=object)
        return out.sort_values("klaster", kind="stable").reset_index(drop=True)


def _floats(values) -> np.ndarray:
    """A DuckDB numeric column as float64 with NaN for NULL."""
    if np.ma.isMaskedArray(values):
        return values.astype(float).filled(np.nan)
    return np.asarray(values, dtype=float)


def _positions(sorted_codes: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Index of each code in ``sorted_codes`` (str array), or -1 when absent."""
    if len(codes) == 0 or len(sorted_codes) == 0:
        return np.full(len(codes), -1, dtype=np.int64)
    codes = np.asarray(codes, dtype=str)
    at = np.minimum(np.searchsorted(sorted_codes, codes), len(sorted_codes) - 1)
    return np.where(sorted_codes[at] == codes, at, -1)


"""Roll desa values up to kecamatan, kabupaten/kota and provinsi, for a month and year-to-date.

Coverage is rolled up by summing numerators and denominators over the desa that
reported, never by averaging percentages: desa at 9/10 and 1/90 make a
kecamatan of 10/100 = 10 %, not 50 %. A desa with no row for the month is
*missing*: it adds nothing to the sums and is counted in ``desa_dengan_data``
(out of ``desa_total``), never taken as zero.

Year-to-date (``*_kumulatif``) for one desa and month m of year y:

* ``pembilang_kumulatif`` = sum of the desa's pembilang over y-01 … m;
* ``penyebut_kumulatif`` = for ``target_prorata = ya`` indicators the penyebut of
  month m itself (the annual sasaran, which the file repeats each month: summing
  it would count the same pregnant women twelve times); otherwise the sum of the
  penyebut over y-01 … m.

An area's year-to-date is the sum of these over its desa *that reported in
month m*, so numerator and denominator always cover the same desa.

:func:`aggregate_arrays` is the one implementation, on integer-coded NumPy
arrays (40 million rows in seconds). The import stores its result as
``indikator/agregat/<id>.parquet``, one file per indicator with one row per area
(every level, desa included) × month, sorted by ``tingkat, kode, periode`` so
that a map question reads one or two Parquet row groups of one small file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geo.levels import CODE_LENGTH, LEVELS
from indicators.catalogue import SATUAN_SCALE, load_catalogue

AGGREGATE_DIR = "indikator/agregat"
"""One file per indicator, ``indikator/agregat/<id>.parquet``: a question reads only its indicator's file."""
NILAI_TABLE = "indikator/nilai.parquet"
AREA_LEVELS = ("provinsi", "kabkota", "kecamatan")
NILAI_ROW_GROUP = 16_384  # nilai is sorted by indikator, kode_desa, periode: a kabupaten's desa span one or two groups
AGGREGATE_ROW_GROUP = 16_384  # small groups: a kabupaten's desa for one indicator span one or two
_TINGKAT_ORDER = sorted(LEVELS)  # desa, kabkota, kecamatan, provinsi: the file's (lexical) order


def scale(pembilang, penyebut, satuan: str) -> np.ndarray:
    """Displayed value: ratio × unit factor (``persen`` ×100, ``per_1000``, ``per_100000``).

    ``jumlah`` is the pembilang itself. A zero or missing penyebut gives NaN
    (no value), never 0 or infinity.

    >>> scale([9, 1, 0], [10, 0, 0], "persen").tolist()
    [90.0, nan, nan]
    >>> scale([3], [200_000], "per_100000").tolist()
    [1.5]
    """
    num = np.array(pembilang, dtype=float)
    if satuan == "jumlah":
        return num
    den = np.asarray(penyebut, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den * SATUAN_SCALE[satuan]
    out[~(den > 0)] = np.nan
    return out


def aggregate_arrays(codes: np.ndarray, periods: list[str], indicators: list[str], prorata: np.ndarray,
                     kode_idx: np.ndarray, periode_idx: np.ndarray, ind_idx: np.ndarray,
                     pembilang: np.ndarray, penyebut: np.ndarray, levels: tuple[str, ...] = LEVELS) -> "AggregateTables":
    """Desa rows with year-to-date, summed to each of ``levels`` (``"desa"`` = the desa rows themselves).

    Parameters
    ----------
    codes : sorted unique desa codes; ``kode_idx`` indexes it.
    periods : sorted unique ``'YYYY-MM'``; ``periode_idx`` indexes it.
    indicators : sorted unique ids; ``ind_idx`` indexes it; ``prorata[i]`` is
        indicator i's ``target_prorata``.
    kode_idx, periode_idx, ind_idx, pembilang, penyebut : one entry per desa row,
        sorted by (ind_idx, kode_idx, periode_idx) with no repeated key.

    levels : the levels to return (default all four).

    Returns
    -------
    :class:`AggregateTables`: per indicator, Arrow tables ``tingkat, kode, periode,
    indikator, pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif,
    desa_dengan_data`` sorted by ``tingkat, kode, periode``.
    """
    n_per = len(periods)
    years = np.array([int(p[:4]) for p in periods], dtype=np.int32)
    year = years[periode_idx] if len(periode_idx) else np.zeros(0, np.int32)
    start = np.ones(len(kode_idx), dtype=bool)
    start[1:] = (ind_idx[1:] != ind_idx[:-1]) | (kode_idx[1:] != kode_idx[:-1]) | (year[1:] != year[:-1])
    pembilang = np.asarray(pembilang, dtype=float)
    penyebut = np.asarray(penyebut, dtype=float)
    den_prorata = np.asarray(prorata, dtype=bool)[ind_idx] if len(ind_idx) else np.zeros(0, bool)
    pk, penk = year_to_date(start, pembilang, penyebut, den_prorata)

    blocks = {}
    if "desa" in levels:
        blocks["desa"] = dict(area=kode_idx, area_codes=codes, p=pembilang, d=penyebut, pk=pk, dk=penk,
                              n=np.ones(len(kode_idx), np.int32), per=periode_idx, ind=ind_idx)
    weights = {name: _zero_nan(arr) for name, arr in (("p", pembilang), ("d", penyebut), ("pk", pk), ("dk", penk))}
    for level in [lv for lv in ("provinsi", "kabkota", "kecamatan") if lv in levels]:
        width = CODE_LENGTH[level]
        prefixes = np.array([c[:width] for c in codes], dtype=object)
        area_codes, area_of_code = np.unique(prefixes, return_inverse=True)
        n_area = len(area_codes)
        key = ind_idx.astype(np.int64)  # in place: each 40-million-row temporary is a fresh allocation
        key *= n_area
        key += area_of_code[kode_idx]
        key *= n_per
        key += periode_idx
        size = len(indicators) * n_area * n_per
        count = np.bincount(key, minlength=size)
        present = np.flatnonzero(count)
        sums = {name: np.bincount(key, weights=w, minlength=size)[present] for name, w in weights.items()}
        blocks[level] = dict(area=(present // n_per) % n_area, area_codes=area_codes, per=present % n_per,
                             ind=present // (n_per * n_area), n=count[present].astype(np.int32), **sums)
    return AggregateTables(blocks, periods, indicators)


class AggregateTables:
    """The aggregates, one Arrow table per indicator (iterate), or all at once (:meth:`table`).

    Built per indicator from slices of each level's block, so 40 million rows are
    never concatenated or sorted again: each block is already sorted by
    (indicator, kode, periode).
    """

    def __init__(self, blocks: dict, periods: list[str], indicators: list[str]):
        self.periods, self.indicators = list(periods), list(indicators)
        self._levels = [lv for lv in _TINGKAT_ORDER if lv in blocks]
        self._blocks = blocks
        # one sorted dictionary for the codes of every level
        self._codes = pa.array(np.unique(np.concatenate(
            [np.asarray(blocks[lv]["area_codes"], dtype=str) for lv in self._levels] or [np.zeros(0, str)])), pa.string())
        codes = self._codes.to_numpy(zero_copy_only=False).astype(str)
        n_ind = len(indicators)
        for lv in self._levels:
            b = blocks[lv]
            b["global"] = np.searchsorted(codes, np.asarray(b["area_codes"], dtype=str))
            b["bounds"] = np.searchsorted(b["ind"], np.arange(n_ind + 1))

    def __iter__(self):
        for i, name in enumerate(self.indicators):
            table = self._one(i)
            if table.num_rows:
                yield name, table

    def _one(self, i: int) -> pa.Table:
        parts = {k: [] for k in ("tingkat", "kode", "per", "p", "d", "pk", "dk", "n")}
        for lv in self._levels:
            b = self._blocks[lv]
            lo, hi = int(b["bounds"][i]), int(b["bounds"][i + 1])
            parts["tingkat"].append(np.full(hi - lo, _TINGKAT_ORDER.index(lv), np.int32))
            parts["kode"].append(b["global"][b["area"][lo:hi]])
            for k in ("per", "p", "d", "pk", "dk", "n"):
                parts[k].append(b[k][lo:hi])
        cat = {k: np.concatenate(v) if v else np.zeros(0) for k, v in parts.items()}
        n = len(cat["tingkat"])
        return pa.table({
            "tingkat": pa.DictionaryArray.from_arrays(pa.array(cat["tingkat"].astype(np.int32)), pa.array(_TINGKAT_ORDER)),
            # plain strings: Parquet writes an Arrow dictionary whole into every row group (slow with 90,000 codes)
            "kode": self._codes.take(pa.array(cat["kode"].astype(np.int64))),
            "periode": pa.DictionaryArray.from_arrays(pa.array(cat["per"].astype(np.int32)),
                                                      pa.array(self.periods, pa.string())),
            "indikator": pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, np.int32)),
                                                        pa.array([self.indicators[i]], pa.string())),
            "pembilang": cat["p"].astype(float), "penyebut": cat["d"].astype(float),
            "pembilang_kumulatif": cat["pk"].astype(float), "penyebut_kumulatif": cat["dk"].astype(float),
            "desa_dengan_data": cat["n"].astype(np.int32),
        })

    def table(self) -> pa.Table:
        """Every indicator in one table, sorted by ``indikator, tingkat, kode, periode``."""
        tables = [t.cast(self._schema()) for _, t in self]
        return pa.concat_tables(tables) if tables else self._one(0).slice(0, 0).cast(self._schema()) if self.indicators else pa.table({})

    def _schema(self) -> pa.Schema:
        return pa.schema([("tingkat", pa.string()), ("kode", pa.string()), ("periode", pa.string()),
                          ("indikator", pa.string()), ("pembilang", pa.float64()), ("penyebut", pa.float64()),
                          ("pembilang_kumulatif", pa.float64()), ("penyebut_kumulatif", pa.float64()),
                          ("desa_dengan_data", pa.int32())])


def year_to_date(group_start: np.ndarray, pembilang: np.ndarray, penyebut: np.ndarray,
                 prorata: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The year-to-date rule for desa rows (see the module docstring).

    Parameters
    ----------
    group_start : True where a new desa × indikator × year starts; rows within
        a group are in month order.
    pembilang, penyebut : the month's values.
    prorata : per row, the indicator's ``target_prorata``.

    Returns
    -------
    (pembilang_kumulatif, penyebut_kumulatif)

    Examples
    --------
    K1 with a sasaran of 120 repeated each month, then D/S (not pro-rated):

    >>> pk, dk = year_to_date(np.array([True, False, True, False]), np.array([10., 20., 9., 8.]),
    ...                       np.array([120., 120., 10., 10.]), np.array([True, True, False, False]))
    >>> pk.tolist(), dk.tolist()
    ([10.0, 30.0, 9.0, 17.0], [120.0, 120.0, 10.0, 20.0])
    """
    pk, summed_den = _running(group_start, _zero_nan(pembilang), _zero_nan(penyebut))
    pk[np.isnan(pembilang)] = np.nan
    dk = np.where(prorata, penyebut, summed_den)
    dk[np.isnan(penyebut)] = np.nan
    return pk, dk


def _zero_nan(values: np.ndarray) -> np.ndarray:
    """NaN as 0 for sums; the array itself when it has none (no 40M-row copy)."""
    values = np.asarray(values, dtype=float)
    return np.nan_to_num(values) if np.isnan(values).any() else values


def _running(group_start: np.ndarray, *columns: np.ndarray) -> list[np.ndarray]:
    """Running sum within groups of consecutive rows (at most 12 rows: the months of one year).

    Summing lagged copies keeps each result an exact sum of at most 12 numbers,
    where one long cumsum would carry rounding from millions of earlier rows.

    >>> _running(np.array([True, False, False, True, False]), np.array([1.0, 2.0, 3.0, 10.0, 5.0]))[0].tolist()
    [1.0, 3.0, 6.0, 10.0, 15.0]
    """
    outs = [np.array(c, dtype=float) for c in columns]
    group = np.cumsum(group_start, dtype=np.int64)
    same = np.empty(max(len(group) - 1, 0), dtype=bool)
    for lag in range(1, 12):
        m = same[: len(group) - lag]
        np.equal(group[lag:], group[:-lag], out=m)
        if not m.any():
            break
        for out, values in zip(outs, columns):
            np.add(out[lag:], values[:-lag], out=out[lag:], where=m)  # in place: 40M-row temporaries are slow
    return outs


def encode_nilai(nilai: pd.DataFrame, catalogue: pd.DataFrame) -> dict:
    """Integer-code a desa-row frame (sorted, last row wins for a repeated key) for :func:`aggregate_arrays`."""
    codes, kode_idx = np.unique(nilai["kode_desa"].to_numpy(dtype=str), return_inverse=True)
    periods, per_idx = np.unique(nilai["periode"].to_numpy(dtype=str), return_inverse=True)
    inds, ind_idx = np.unique(nilai["indikator"].to_numpy(dtype=str), return_inverse=True)
    key = (ind_idx.astype(np.int64) * len(codes) + kode_idx) * len(periods) + per_idx
    order = np.argsort(key, kind="stable")
    keep = np.ones(len(order), dtype=bool)
    keep[:-1] = key[order][1:] != key[order][:-1]
    order = order[keep]
    prorata = np.array([bool(catalogue["target_prorata"].get(i, False)) for i in inds], dtype=bool)
    return dict(codes=codes.astype(object), periods=[str(p) for p in periods], indicators=[str(i) for i in inds],
                prorata=prorata, kode_idx=kode_idx[order], periode_idx=per_idx[order], ind_idx=ind_idx[order],
                pembilang=nilai["pembilang"].to_numpy(dtype=float)[order],
                penyebut=nilai["penyebut"].to_numpy(dtype=float)[order])


def aggregate_frame(nilai: pd.DataFrame, catalogue: pd.DataFrame | None = None,
                    levels: tuple[str, ...] = LEVELS) -> pd.DataFrame:
    """:func:`aggregate_arrays` for a DataFrame of desa rows (``kode_desa, periode, indikator, pembilang, penyebut``)."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    if nilai.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in [
            ("tingkat", object), ("kode", object), ("periode", object), ("indikator", object), ("pembilang", float),
            ("penyebut", float), ("pembilang_kumulatif", float), ("penyebut_kumulatif", float), ("desa_dengan_data", "int32")]})
    table = aggregate_arrays(**encode_nilai(nilai, catalogue), levels=levels).table()
    frame = table.to_pandas()
    for column in ("tingkat", "kode", "periode", "indikator"):
        frame[column] = frame[column].astype(str)
    return frame


def write_aggregates(tx, nilai_path: str | Path, catalogue: pd.DataFrame | None = None) -> dict:
    """Write ``indikator/agregat/<id>.parquet`` for the nilai file at ``nilai_path`` into transaction ``tx``.

    Whoever writes ``indikator/nilai.parquet`` outside the import (the demo
    builder) should call this in the same transaction and store the returned
    dict into ``tx.manifest["indikator"]`` (``.update``); :class:`indicators.query.IndicatorQuery`
    otherwise recomputes the aggregates in memory for each snapshot.
    """
    catalogue = load_catalogue() if catalogue is None else catalogue
    nilai = pd.read_parquet(nilai_path)
    table = aggregate_arrays(**encode_nilai(nilai, catalogue))
    write_aggregate_files(table, tx)
    return manifest_entry(nilai_path, sorted(set(nilai["periode"].astype(str))), catalogue)


def aggregate_file(indikator: str) -> str:
    """Workspace name of one indicator's aggregates."""
    return f"{AGGREGATE_DIR}/{indikator}.parquet"


def write_aggregate_files(tables: "AggregateTables", tx) -> list[str]:
    """Write :func:`aggregate_arrays` output as one file per indicator into transaction ``tx``.

    Small row groups and statistics on the key columns are what DuckDB prunes by.
    Files of indicators no longer present (and the old single-file layout) are
    removed from the new snapshot. Returns the indicator ids written.
    """
    written = []
    for name, table in tables:
        pq.write_table(table, tx.file(aggregate_file(name)), row_group_size=AGGREGATE_ROW_GROUP, compression="zstd",
                       write_statistics=["tingkat", "kode", "periode"])
        written.append(name)
    keep = {aggregate_file(n) for n in written}
    for old in tx.manifest.get("files", []):
        if (old.startswith(AGGREGATE_DIR + "/") and old not in keep) or old == "indikator/agregat.parquet":
            tx.remove(old)
    return written


AGGREGATE_LAYOUT = "per-indicator-1"
"""How stored aggregates are laid out; part of their fingerprint, so a snapshot written in
an older layout (one ``indikator/agregat.parquet``) is not read as if it had none."""


def nilai_fingerprint(path: str | Path, catalogue: pd.DataFrame) -> str:
    """What stored aggregates were computed from: the nilai file's size and rows, the pro-rating flags,
    and the storage layout."""
    import hashlib

    path = Path(path)
    rows = pq.ParquetFile(path).metadata.num_rows
    flags = ",".join(f"{i}={int(p)}" for i, p in catalogue["target_prorata"].items())
    return f"{path.stat().st_size}:{rows}:{hashlib.sha1(flags.encode()).hexdigest()[:10]}:{AGGREGATE_LAYOUT}"


def stored_aggregates_current(snapshot, catalogue: pd.DataFrame) -> bool:
    """True when the snapshot's stored aggregates were computed from its nilai file, in this layout.

    ``snapshot`` is a :class:`workspace.PinnedWorkspace` (or a workspace, read at
    its live snapshot). Otherwise :class:`indicators.query.IndicatorQuery`
    recomputes them in memory (correct, slower): importing the indicators again
    stores them afresh.
    """
    snapshot = snapshot.pinned()
    if not snapshot.has(NILAI_TABLE):
        return False
    meta = snapshot.manifest.get("indikator") or {}
    # the fingerprint reads the file's size and Parquet footer, hence a path
    return meta.get("agregat_untuk") == nilai_fingerprint(snapshot.table_path(NILAI_TABLE), catalogue)


def manifest_entry(nilai_path: str | Path, periods: list[str], catalogue: pd.DataFrame) -> dict:
    """``manifest["indikator"]``: months present, rows, and the fingerprint tying agregat to nilai."""
    return {"periode_data": list(periods), "rows": pq.ParquetFile(nilai_path).metadata.num_rows,
            "agregat_untuk": nilai_fingerprint(nilai_path, catalogue)}


def rollup(nilai: pd.DataFrame, desa: pd.Series | list[str], level: str, periode: str,
           catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Roll desa rows up to ``level`` for one month, with year-to-date.

    Parameters
    ----------
    nilai : desa rows ``kode_desa, periode, indikator, pembilang, penyebut``.
    desa : codes of every desa in the area (to count ``desa_total``).
    level : ``"provinsi"``, ``"kabkota"``, ``"kecamatan"`` or ``"desa"``.
    periode : ``"YYYY-MM"``.
    catalogue : from :func:`load_catalogue` (default: the project's).

    Returns
    -------
    One row per area × indikator present in ``nilai``: ``kode, indikator,
    pembilang, penyebut, pembilang_kumulatif, penyebut_kumulatif,
    desa_dengan_data, desa_total, nilai, nilai_kumulatif`` (scaled by the
    indicator's satuan; NaN where no desa reported).

    Examples
    --------
    >>> rows = pd.DataFrame({"kode_desa": ["19.06.01.2001", "19.06.01.2002"], "periode": "2025-03",
    ...                      "indikator": "ds", "pembilang": [9.0, 1.0], "penyebut": [10.0, 90.0]})
    >>> out = rollup(rows, ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003"], "kecamatan", "2025-03")
    >>> out[["kode", "pembilang", "penyebut", "nilai", "desa_dengan_data", "desa_total"]].values.tolist()
    [['19.06.01', 10.0, 100.0, 10.0, 2, 3]]
    """
    catalogue = load_catalogue() if catalogue is None else catalogue
    width = CODE_LENGTH[level]
    agg = aggregate_frame(nilai, catalogue)
    agg = agg[(agg["tingkat"] == level) & (agg["periode"] == periode)]
    totals = pd.Series([str(d)[:width] for d in desa]).value_counts().rename("desa_total")
    areas = pd.DataFrame({"kode": totals.index, "desa_total": totals.to_numpy()})
    inds = pd.DataFrame({"indikator": sorted(set(nilai["indikator"].astype(str)))})
    out = inds.merge(areas, how="cross").merge(agg.drop(columns=["tingkat", "periode"]), on=["indikator", "kode"], how="left")
    out["desa_dengan_data"] = out["desa_dengan_data"].fillna(0).astype(int)
    satuan = out["indikator"].map(catalogue["satuan"])
    out["nilai"] = np.nan
    out["nilai_kumulatif"] = np.nan
    for unit, idx in out.groupby(satuan).groups.items():
        part = out.loc[idx]
        out.loc[idx, "nilai"] = scale(part["pembilang"], part["penyebut"], unit)
        out.loc[idx, "nilai_kumulatif"] = scale(part["pembilang_kumulatif"], part["penyebut_kumulatif"], unit)
    cols = ["kode", "indikator", "pembilang", "penyebut", "pembilang_kumulatif", "penyebut_kumulatif",
            "desa_dengan_data", "desa_total", "nilai", "nilai_kumulatif"]
    return out.sort_values(["indikator", "kode"])[cols].reset_index(drop=True)


SUMMED = ("pembilang", "penyebut", "pembilang_kumulatif", "penyebut_kumulatif", "desa_dengan_data")
"""The columns an area made of desa adds up (its values are computed from the sums)."""


def sum_by_group(rows: pd.DataFrame, group_of) -> pd.DataFrame:
    """Desa rows summed per group and month: areas the codes do not tell (a puskesmas wilayah kerja).

    Numerators and denominators are summed, never percentages averaged, exactly
    as the stored kecamatan roll-up does: a missing number adds nothing, and a
    desa without a row for the month is not counted in ``desa_dengan_data``.

    Parameters
    ----------
    rows : desa-level aggregate rows: ``kode`` (desa), ``periode`` and :data:`SUMMED`.
    group_of : desa code → group code (a dict or Series); desa not in it are left out.

    Returns
    -------
    DataFrame ``kode`` (group), ``periode`` and :data:`SUMMED`, sorted by kode and periode.

    Examples
    --------
    >>> rows = pd.DataFrame({"kode": ["a", "b", "c"], "periode": ["2025-01"] * 3,
    ...                      "pembilang": [9.0, 1.0, 5.0], "penyebut": [10.0, 90.0, 5.0],
    ...                      "pembilang_kumulatif": [9.0, 1.0, 5.0], "penyebut_kumulatif": [10.0, 90.0, 5.0],
    ...                      "desa_dengan_data": [1, 1, 1]})
    >>> out = sum_by_group(rows, {"a": "P1", "b": "P1"})
    >>> out[["kode", "pembilang", "penyebut", "desa_dengan_data"]].values.tolist()
    [['P1', 10.0, 100.0, 2.0]]
    """
    mapping = group_of if isinstance(group_of, dict) else dict(group_of)
    kode = np.asarray(rows["kode"], dtype=object)
    group = np.array([mapping.get(k) for k in kode], dtype=object)
    keep = np.array([g is not None for g in group], dtype=bool)
    if not keep.any():
        return pd.DataFrame({"kode": pd.Series(dtype=object), "periode": pd.Series(dtype=object),
                             **{c: pd.Series(dtype=float) for c in SUMMED}})
    # integer keys and bincount, as aggregate_arrays does: a kabupaten's desa rows in a millisecond
    g_idx, g_codes = pd.factorize(group[keep], sort=True)
    p_idx, p_codes = pd.factorize(np.asarray(rows["periode"], dtype=object)[keep], sort=True)
    key = g_idx.astype(np.int64) * len(p_codes) + p_idx
    present = np.unique(key)
    out = {"kode": np.asarray(g_codes, dtype=object)[present // len(p_codes)],
           "periode": np.asarray(p_codes, dtype=object)[present % len(p_codes)]}
    size = len(g_codes) * len(p_codes)
    for c in SUMMED:
        values = np.asarray(rows[c], dtype=float)[keep]
        out[c] = np.bincount(key, weights=_zero_nan(values), minlength=size)[present]  # NaN adds nothing
    return pd.DataFrame(out)

"""Import indicator tables (CSV, Excel ``.xlsx``, Parquet) into a workspace.

Two layouts are understood:

**Long form** — one row per desa × month × indicator, columns
``kode_desa,periode,indikator,pembilang,penyebut``::

    kode_desa,periode,indikator,pembilang,penyebut
    1906012004,2025-03,k1,4,52

**Wide form** — one row per desa × month, two columns per indicator. Columns
named ``<id>_num``/``<id>_den`` or ``<id>_pembilang``/``<id>_penyebut`` (``id``
a catalogue id) are recognised without help; any other layout is described by a
*mapping file*, a small CSV with columns ``kolom,isi,indikator``:

.. code-block:: text

    kolom,isi,indikator
    desa,kode_desa,
    bulan,periode,
    kunj1,pembilang,k1
    bumil,penyebut,k1

Without a mapping file, the names field files use are read too
(:mod:`indicators.fieldcolumns`): the desa code column as the boundary import
finds it (``KDEPUM``, ``kd_desa``, ``iddesa``, ...) and ``bulan`` (number or
month name, ``Sep``, ``Agustus``) with ``tahun`` (or ``--tahun``) for
``periode``; so ``KDEPUM,bulan,tahun,k1_num,k1_den`` imports as it is.

``kolom`` is a column of the data file, ``isi`` what it holds (``kode_desa``,
``periode``, ``indikator``, ``pembilang`` or ``penyebut``) and ``indikator`` the
catalogue id for a pembilang/penyebut column of a wide file. A mapping without
any indikator only renames the columns of a long-form file. In a wide file a
pair with both cells empty is *missing* (not imported, not an error).

Codes are normalised with :func:`geo.codes.normalise_kode` (``1906012004`` is
``19.06.01.2004``); periods may be written ``2025-03``, ``2025-3``, ``2025/03``,
``202503`` or as a date (``2025-03-01``, day first ``01/03/2025``, an Excel date
or serial number). Each row is checked and
rejected with its reason(s), reported by *file row number* (the header is row 1
of a CSV or sheet; Parquet rows count from 1):

* ``kode_desa`` empty, not a Kemendagri code, or a code of a higher level;
* ``periode`` unreadable; ``indikator`` not in the catalogue;
* pembilang or penyebut empty, not a number, or negative (penyebut may be empty
  only for ``satuan = jumlah``);
* pembilang above penyebut for ``satuan = persen`` (a share cannot exceed its
  whole); for ``per_1000``/``per_100000`` (events per population) a pembilang
  above the penyebut is allowed, but not a pembilang > 0 over a penyebut of 0;
* an earlier row for the same desa × periode × indikator in the same file (the
  last one wins, the earlier is reported).

Rows whose code is a valid desa code but matches no desa of the workspace are
reported separately ("codes with no desa") and not imported. The good rows go in,
replacing any earlier value for the same desa × periode × indikator; the import
is one workspace transaction, so a failure (unreadable file, no good row at
all, an interruption) changes nothing.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from errors import PwsError
from geo.codes import normalise_kode
from geo.levels import level_of
from indicators.catalogue import load_catalogue
from indicators.fieldcolumns import field_columns
from indicators.rollup import NILAI_ROW_GROUP, NILAI_TABLE, aggregate_arrays, manifest_entry, write_aggregate_files
from tabular import parse_date, read_table_arrow
from texts.cli import say as cli_say
from texts.message import Message, in_lang

FIELDS = ("kode_desa", "periode", "indikator", "pembilang", "penyebut")
MAX_DETAILS = 1000  # rows listed in a report; counts are always complete
_WIDE_SUFFIXES = {"_num": "pembilang", "_den": "penyebut", "_pembilang": "pembilang", "_penyebut": "penyebut"}

Progress = Callable[[str], None]


@dataclass
class ImportReport:
    """What an indicator import did, row by row where it matters.

    ``rejected`` and ``codes_without_desa`` list at most :data:`MAX_DETAILS`
    entries (ordered by row); the ``*_count`` fields are complete.
    """

    file: str
    form: str = "panjang"  # "panjang" (long) or "lebar" (wide)
    rows_read: int = 0  # data rows in the file
    values_read: int = 0  # desa × periode × indikator values (= rows_read for long form)
    empty_values: int = 0  # wide form: pairs with both cells empty (missing, not imported)
    rows_matched: int = 0  # values whose code is a desa of the workspace
    rows_imported: int = 0
    rows_replaced: int = 0  # earlier values overwritten by this import
    rejected_count: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)
    codes_without_desa_count: int = 0
    rows_without_desa: int = 0
    rows_outside: int = 0  # values for desa outside the sender's wilayah (listed among the rejected, never imported)
    codes_without_desa: list[dict] = field(default_factory=list)
    desa_total: int = 0
    desa_with_data: int = 0
    desa_without_data: int = 0
    desa_without_data_sample: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    kolom: dict[str, str] = field(default_factory=dict)  # field -> file column(s), where field files' names were read
    desa_kode: list[str] = field(default_factory=list)  # the desa with an imported value
    desa_periode: dict[str, list[str]] = field(default_factory=dict)  # periode -> the desa with a value for it
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)

    def to_text(self, lang: str = "id") -> str:
        """A short human summary in ``lang`` (Bahasa Indonesia, or ``en``), listing bad rows by number.

        The words are :mod:`texts.cli`'s ``indikator_*``; a row's reason is :mod:`texts.errors`'.
        """
        def w(key, **fmt):
            return cli_say("indikator_" + key, lang, **fmt)

        lines = [w("kepala", r=self, bentuk=w("bentuk_" + self.form))
                 + (w("mengganti", n=self.rows_replaced) if self.rows_replaced else "") + "."]
        if self.empty_values:
            lines.append(w("kosong", n=self.empty_values))
        if self.rejected_count:
            lines.append(w("ditolak", n=self.rejected_count))
            for r in self.rejected[:50]:
                ind = f" [{r['indikator']}]" if r.get("indikator") else ""
                lines.append(f"  {w('baris')} {r['baris']}{ind}: {in_lang(r['alasan'], lang)} (kode_desa={r['kode_desa']!r}, "
                             f"periode={r['periode']!r}, pembilang={r['pembilang']!r}, penyebut={r['penyebut']!r})")
            if self.rejected_count > 50:
                lines.append("  " + w("lagi", n=self.rejected_count - 50))
        if self.rows_outside:
            lines.append(w("luar", n=self.rows_outside))
        if self.codes_without_desa_count:
            lines.append(w("tanpa_desa", n=self.codes_without_desa_count, rows=self.rows_without_desa))
            for c in self.codes_without_desa[:20]:
                lines.append(f"  {c['kode_desa']}: {w('baris')} {', '.join(map(str, c['baris']))}" + (" ..." if c["rows"] > len(c["baris"]) else ""))
        lines.append(w("dengan_data", r=self)
                     + (w("misalnya", sample=", ".join(self.desa_without_data_sample[:5])) if self.desa_without_data else "") + ".")
        if self.periods:
            lines.append(w("periode", first=self.periods[0], last=self.periods[-1], indicators=", ".join(self.indicators)))
        return "\n".join(lines)


# -- normalising single values ------------------------------------------------------

_PERIOD_PATTERNS = [
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})$"),
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.]\d{1,2}([ T].*)?$"),
]


def normalise_periode(value: object) -> str | None:
    """``'YYYY-MM'`` for a month written in any usual way, or ``None``.

    >>> [normalise_periode(v) for v in ["2025-03", "2025-3", "2025/03", "202503", "2025-03-01 00:00:00"]]
    ['2025-03', '2025-03', '2025-03', '2025-03', '2025-03']
    >>> normalise_periode("05/10/2026"), normalise_periode("46300"), normalise_periode(46300.0)
    ('2026-10', '2026-10', '2026-10')
    >>> normalise_periode("2025-13") is None, normalise_periode("Maret") is None
    (True, True)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    for pattern in _PERIOD_PATTERNS:
        m = pattern.match(text)
        if m:
            year, month = int(m["y"]), int(m["m"])
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return f"{year:04d}-{month:02d}"
            return None
    day = parse_date(text)  # day first (05/10/2026) as Indonesia writes it, or an Excel serial number
    return f"{day.year:04d}-{day.month:02d}" if day and 2000 <= day.year <= 2100 else None


# -- reading files into an Arrow table with a file row number -----------------------

def _clean_name(name: object) -> str:
    return str(name).replace("\ufeff", "").strip().lower()


def _read_table(path: Path) -> pa.Table:
    """CSV or .xlsx through :mod:`tabular`; rows with the wrong number of cells come back flagged ``_cacat``."""
    read = read_table_arrow(path, allow_malformed=True, too_big_hint=Message("indikator_saran_besar"))
    table = read.frame
    table = table.rename_columns([_clean_name(n) for n in table.column_names])
    table = table.append_column("_cacat", pa.array(np.zeros(table.num_rows, dtype=bool)))
    baris = read.rows
    if read.malformed:
        table = pa.concat_tables([table, _bad_row_table(table.column_names[:-1], read.malformed)])
        baris = np.concatenate([baris, np.array(read.malformed, dtype=np.int64)])
    return table.append_column("_baris", pa.array(baris))


def _bad_row_table(names: list[str], lines: list[int]) -> pa.Table:
    cols = {name: pa.array([None] * len(lines), pa.string()) for name in names}
    cols["_cacat"] = pa.array([True] * len(lines))
    return pa.table(cols)


def _read_parquet(path: Path) -> pa.Table:
    try:
        schema = pq.read_schema(path)
        text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        table = pq.read_table(path, read_dictionary=text)  # repeated codes stay small in memory
    except Exception as exc:
        raise PwsError("parquet_tak_terbaca", path=path, sebab=exc) from exc
    table = table.rename_columns([_clean_name(n) for n in table.column_names])
    return table.append_column("_baris", pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64)))


def read_indicator_file(path: str | Path) -> pa.Table:
    """Read a CSV, ``.xlsx`` or Parquet file as an Arrow table plus ``_baris`` (file row number).

    Column names are stripped and lower-cased; CSV cells stay text so codes keep
    their leading zeros. A CSV may use ``,``, ``;`` or tab between cells.
    """
    path = Path(path)
    if not path.exists():
        raise PwsError("berkas_tidak_ada", path=path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return _read_parquet(path)
    return _read_table(path)


# -- layouts -----------------------------------------------------------------------

@dataclass
class Layout:
    """Where each field lives in the file: long form (``columns``) or wide (``pairs``)."""

    columns: dict[str, str]  # field -> file column (kode_desa, periode, and for long form the rest)
    pairs: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # indikator -> (num col, den col)

    @property
    def wide(self) -> bool:
        return bool(self.pairs)


def read_mapping(path: str | Path) -> list[tuple[str, str, str | None]]:
    """Read a mapping file (``kolom,isi,indikator``); see the module docstring."""
    path = Path(path)
    if not path.exists():
        raise PwsError("pemetaan_tidak_ada", path=path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
    frame.columns = [_clean_name(c) for c in frame.columns]
    if not {"kolom", "isi"} <= set(frame.columns):
        raise PwsError("pemetaan_kolom", path=path)
    out = []
    for i, row in frame.iterrows():
        isi = row["isi"].strip().lower()
        if isi not in FIELDS:
            raise PwsError("pemetaan_isi", path=path, baris=i + 2, isi=repr(row["isi"]), pilihan=", ".join(FIELDS))
        ind = row.get("indikator", "").strip() or None
        out.append((_clean_name(row["kolom"]), isi, ind))
    return out


def detect_layout(columns: list[str], catalogue: pd.DataFrame, mapping=None, source: str = "") -> Layout:
    """Work out the layout from the column names and an optional mapping."""
    cols = set(columns)
    if mapping:
        plain = {isi: kolom for kolom, isi, ind in mapping if ind is None}
        pairs: dict[str, list] = {}
        for kolom, isi, ind in mapping:
            if ind is not None:
                if isi not in ("pembilang", "penyebut"):
                    raise PwsError("pemetaan_indikator", kolom=repr(kolom))
                pairs.setdefault(ind, [None, None])[0 if isi == "pembilang" else 1] = kolom
        layout = Layout(plain, {k: tuple(v) for k, v in pairs.items()})
    else:
        pairs = {}
        for c in columns:
            for suffix, part in _WIDE_SUFFIXES.items():
                if c.endswith(suffix) and c[: -len(suffix)] in catalogue.index:
                    pairs.setdefault(c[: -len(suffix)], [None, None])[0 if part == "pembilang" else 1] = c
        if pairs and "indikator" not in cols:
            layout = Layout({f: f for f in ("kode_desa", "periode")}, {k: tuple(v) for k, v in pairs.items()})
        else:
            layout = Layout({f: f for f in FIELDS})
    need = ["kode_desa", "periode"] + ([] if layout.wide else ["indikator", "pembilang", "penyebut"])
    named = [layout.columns.get(f) for f in need] + [c for pair in layout.pairs.values() for c in pair if c]
    missing = [c for c in named if c is None or c not in cols]
    if missing or any(layout.columns.get(f) is None for f in need):
        absent = [f for f in need if layout.columns.get(f) is None] + [c for c in missing if c]
        raise PwsError("indikator_kolom_tidak_ada", source=source, hilang=", ".join(dict.fromkeys(absent)),
                       kolom=", ".join(columns), panjang=",".join(FIELDS))
    for ind, (num, den) in layout.pairs.items():
        if num is None:
            raise PwsError("indikator_tanpa_pembilang", source=source, indikator=repr(ind), den=den)
    return layout


# -- the import ----------------------------------------------------------------------

# Reasons a value is not imported, as bits so 40 million rows are checked with NumPy.
KODE_KOSONG, KODE_BUKAN, KODE_TINGKAT, TANPA_DESA = 1, 2, 4, 8
PERIODE, INDIKATOR = 16, 32
PEMBILANG_KOSONG, PEMBILANG_BUKAN_ANGKA, PEMBILANG_NEGATIF = 64, 128, 256
PENYEBUT_KOSONG, PENYEBUT_BUKAN_ANGKA, PENYEBUT_NEGATIF = 512, 1024, 2048
LEBIH_BESAR, PENYEBUT_NOL, CACAT, DUPLIKAT = 4096, 8192, 16384, 32768
LUAR_WILAYAH = 65536
REASONS = {
    LUAR_WILAYAH: "alasan_luar_wilayah",
    CACAT: "alasan_cacat",
    KODE_KOSONG: "alasan_kode_kosong",
    KODE_BUKAN: "alasan_kode_bukan",
    KODE_TINGKAT: "alasan_kode_tingkat",
    PERIODE: "alasan_periode",
    INDIKATOR: "alasan_indikator",
    PEMBILANG_KOSONG: "alasan_pembilang_kosong",
    PEMBILANG_BUKAN_ANGKA: "alasan_pembilang_bukan_angka",
    PEMBILANG_NEGATIF: "alasan_pembilang_negatif",
    PENYEBUT_KOSONG: "alasan_penyebut_kosong",
    PENYEBUT_BUKAN_ANGKA: "alasan_penyebut_bukan_angka",
    PENYEBUT_NEGATIF: "alasan_penyebut_negatif",
    LEBIH_BESAR: "alasan_lebih_besar",
    PENYEBUT_NOL: "alasan_penyebut_nol",
    TANPA_DESA: "alasan_tanpa_desa",
    DUPLIKAT: "alasan_duplikat",
}
"""Each reason bit's message key (:mod:`texts.errors`)."""


def _reason_text(mask: int) -> Message:
    found = [Message(key) for bit, key in REASONS.items() if mask & bit]
    return found[0] if len(found) == 1 else Message("alasan_gabung", daftar=found)


def _encode(column: pa.ChunkedArray) -> tuple[np.ndarray, list]:
    """Dictionary indices (-1 for null) and the distinct values as Python objects."""
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode()
    if isinstance(column, pa.ChunkedArray):
        # each Parquet row group brings its own dictionary: share one, or it repeats per chunk
        column = column.unify_dictionaries().combine_chunks() if column.num_chunks else column
    if isinstance(column, pa.ChunkedArray):  # no chunks at all
        return np.zeros(0, np.int64), []
    values = column.dictionary.to_pylist()
    idx = column.indices.to_numpy(zero_copy_only=False)
    if column.indices.null_count:
        idx = np.where(column.indices.is_null().to_numpy(zero_copy_only=False), -1, idx)
    # int32 indices as read: a 40-million-row int64 copy per column costs seconds and is never needed
    return idx.astype(np.int64 if idx.dtype.itemsize > 4 else np.int32, copy=False), values


def _numbers(column: pa.ChunkedArray | None, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(empty, value, unreadable) for a pembilang/penyebut column; text may use a decimal comma."""
    if column is None:
        return np.ones(n, bool), np.full(n, np.nan), np.zeros(n, bool)
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) or pa.types.is_null(column.type):
        con = duckdb.connect()
        try:
            con.register("v", pa.table({"x": column}))
            res = con.execute("""SELECT (trim(x) IS NULL OR trim(x) = '') AS kosong,
                                        TRY_CAST(replace(trim(x), ',', '.') AS DOUBLE) AS angka FROM v""").fetchnumpy()
        finally:
            con.close()
        empty = np.asarray(res["kosong"], dtype=bool)
        value = np.asarray(res["angka"].astype(float).filled(np.nan) if hasattr(res["angka"], "filled") else res["angka"], dtype=float)
    else:
        arr = column.cast(pa.float64())
        if arr.null_count:
            empty = arr.is_null().to_numpy(zero_copy_only=False)
            arr = arr.fill_null(np.nan)
        else:  # the usual case: no 40-million-row mask or copy to fill
            empty = np.zeros(n, bool)
        value = arr.to_numpy(zero_copy_only=False).astype(float, copy=False)
    bad = ~empty & ~np.isfinite(value)
    return empty, value, bad


@dataclass
class _Values:
    """The file's values, one entry per desa × periode × indikator value (wide form unpivoted)."""

    pos: np.ndarray  # row position in the Arrow table
    baris: np.ndarray
    kode: np.ndarray  # indices into kode_values
    kode_values: list
    periode: np.ndarray
    periode_values: list
    indikator: np.ndarray  # indices into indikator_values
    indikator_values: list
    num_empty: np.ndarray
    num: np.ndarray
    num_bad: np.ndarray
    den_empty: np.ndarray
    den: np.ndarray
    den_bad: np.ndarray
    cacat: np.ndarray


def _values(table: pa.Table, layout: Layout) -> tuple[_Values, int]:
    """Unpivot to one entry per value; returns the values and the number of empty wide-form pairs."""
    n = table.num_rows
    baris = table.column("_baris").to_numpy()
    cacat = table.column("_cacat").to_numpy(zero_copy_only=False) if "_cacat" in table.column_names else np.zeros(n, bool)
    kode, kode_values = _encode(table.column(layout.columns["kode_desa"]))
    periode, periode_values = _encode(table.column(layout.columns["periode"]))
    if not layout.wide:
        ind, ind_values = _encode(table.column(layout.columns["indikator"]))
        ne, nv, nb = _numbers(table.column(layout.columns["pembilang"]), n)
        de, dv, db = _numbers(table.column(layout.columns["penyebut"]), n)
        pos = np.arange(n)
        return _Values(pos, baris, kode, kode_values, periode, periode_values, ind, ind_values,
                       ne, nv, nb, de, dv, db, cacat), 0
    parts, empty_pairs = [], 0
    ind_values = list(layout.pairs)
    for i, (ind, (num, den)) in enumerate(layout.pairs.items()):
        ne, nv, nb = _numbers(table.column(num), n)
        de, dv, db = _numbers(table.column(den) if den else None, n)
        keep = cacat | ~(ne & de)
        empty_pairs += int((~keep).sum())
        idx = np.flatnonzero(keep)
        parts.append(dict(pos=idx, ind=np.full(len(idx), i), ne=ne[idx], nv=nv[idx], nb=nb[idx],
                          de=de[idx], dv=dv[idx], db=db[idx]))
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    # order by row, then indicator, so the "last row wins" rule reads file order
    order = np.lexsort((cat["ind"], cat["pos"]))
    cat = {k: v[order] for k, v in cat.items()}
    pos = cat["pos"]
    return _Values(pos, baris[pos], kode[pos], kode_values, periode[pos], periode_values, cat["ind"], ind_values,
                   cat["ne"], cat["nv"], cat["nb"], cat["de"], cat["dv"], cat["db"], cacat[pos]), empty_pairs


def import_indicators(workspace, path: str | Path, mapping: str | Path | None = None,
                      progress: Progress | None = None, tahun: int | None = None, check: bool = False,
                      desa: set[str] | None = None) -> ImportReport:
    """Import an indicator file into ``workspace`` (see the module docstring for formats and checks).

    Parameters
    ----------
    workspace : :class:`workspace.Workspace` with boundaries.
    path : CSV, ``.xlsx`` or Parquet file.
    mapping : optional mapping file (``kolom,isi,indikator``).
    tahun : the year of a ``bulan`` column when the file has no ``tahun`` column.
    check : report only: every row is read and judged against the live snapshot
        exactly as an import would, nothing is written (an upload's first step);
        a file with no good row gets its report instead of an error.
    progress : called with a short message at each step (the CLI prints them on stderr).
    desa : the sender's desa (dotted codes): values for any other desa of the
        workspace are listed as outside its wilayah and never imported (``None``: no limit).

    Returns
    -------
    ImportReport

    Raises
    ------
    PwsError
        The file cannot be read, columns are missing, the workspace has no desa,
        or no row at all could be imported. The workspace is then unchanged.
    """
    started = time.perf_counter()
    say = progress or (lambda message: None)
    path = Path(path)
    catalogue = load_catalogue()
    if not workspace.has("boundaries/desa.parquet"):
        raise PwsError("ws_tanpa_desa", path=workspace.root)
    # Opened before reading: the desa list and the earlier values come from
    # tx.base, the snapshot this import's commit is checked against (no lost update).
    if check:
        report = _import_into(None, workspace.pinned(), path, mapping, catalogue, say, tahun, desa)
        report.seconds = round(time.perf_counter() - started, 2)
        return report
    with workspace.transaction("indicators") as tx:
        report = _import_into(tx, tx.base, path, mapping, catalogue, say, tahun, desa)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _import_into(tx, base, path: Path, mapping, catalogue: pd.DataFrame, say, tahun: int | None = None,
                 scope: set[str] | None = None) -> ImportReport:
    """The indicator import inside its transaction: ``base`` is the snapshot it builds on.

    Without a transaction (``tx`` None: a check) it stops at the report, before writing anything.
    """
    say(Message("proses_membaca", path=path.name))
    table = read_indicator_file(path)
    used = {}
    if not mapping:  # a mapping file says which column is which; else the names field files use are read
        table, used = field_columns(table, tahun, source=str(path))
    layout = detect_layout([c for c in table.column_names if not c.startswith("_")], catalogue,
                           read_mapping(mapping) if mapping else None, source=str(path))
    report = ImportReport(file=str(path), form="lebar" if layout.wide else "panjang", rows_read=int(table.num_rows),
                          kolom=used)
    say(Message("proses_memeriksa", n=report.rows_read))
    values, report.empty_values = _values(table, layout)
    desa_codes = np.unique(base.read_arrow("boundaries/desa.parquet", columns=["kode"])
                           .column("kode").to_numpy(zero_copy_only=False).astype(str)).astype(object)
    mask, desa_idx, per_norm, ind_ids = _check(values, desa_codes, catalogue)
    if scope is not None:  # the sender's own desa only: the others are listed, never imported
        mine = np.append(np.isin(desa_codes.astype(str), np.array(sorted(scope), dtype=str)), False)
        np.bitwise_or(mask, LUAR_WILAYAH, out=mask, where=(desa_idx >= 0) & ~mine[desa_idx])
    good = np.flatnonzero(mask == 0)
    if len(good) == 0:
        _fill_report(report, table, values, mask, desa_idx, desa_codes, per_norm, ind_ids)
        if tx is None:
            return report
        raise PwsError("indikator_tidak_ada_baris", path=report.file, ditolak=report.rejected_count,
                       alasan=[Message("alasan_n", alasan=k, n=v) for k, v in report.rejected_by_reason.items()] or "-",
                       tanpa_desa=report.rows_without_desa)
    pick = slice(None) if len(good) == len(mask) else good  # the usual case, every value good: no copies
    den = values.den if not values.den_empty.any() else np.where(values.den_empty, np.nan, values.den)
    new = dict(codes=desa_codes, kode_idx=desa_idx[pick], periods=[p or "" for p in per_norm],
               periode_idx=values.periode[pick], indicators=[i or "" for i in ind_ids], ind_idx=values.indikator[pick],
               pembilang=values.num[pick], penyebut=den[pick])
    merged, report.rows_replaced, repeated = _merge(base, new, catalogue)
    mask[good[repeated]] |= DUPLIKAT  # the same desa × periode × indikator later in the file wins
    _fill_report(report, table, values, mask, desa_idx, desa_codes, per_norm, ind_ids)
    if tx is None:
        return report
    say(Message("proses_menulis_nilai", n=report.rows_imported))
    _write_nilai(merged, tx.file(NILAI_TABLE))
    say(Message("proses_agregat"))
    agregat = aggregate_arrays(**merged)
    write_aggregate_files(agregat, tx)
    meta = manifest_entry(tx.file(NILAI_TABLE), merged["periods"], catalogue)
    meta["sumber_terakhir"] = report.file
    tx.manifest["indikator"] = meta
    return report


def _check(v: _Values, desa_codes: np.ndarray, catalogue: pd.DataFrame):
    """Reason bits per value; desa index (-1 if none), normalised periods and indicator ids per dictionary entry."""
    kode_norm = [normalise_kode(k) if not (isinstance(k, str) and k.strip() == "") else None for k in v.kode_values]
    kode_state = np.array([0 if k is None else (1 if level_of(k) != "desa" else 2) for k in kode_norm] + [0], np.int8)
    empty_kode = np.array([k is None or (isinstance(k, str) and not k.strip()) for k in v.kode_values] + [True])
    found = np.full(len(v.kode_values) + 1, -1, np.int64)
    if len(desa_codes):
        wanted = np.array([k if k is not None else "" for k in kode_norm], dtype=object).astype(str)
        at = np.minimum(np.searchsorted(desa_codes.astype(str), wanted), len(desa_codes) - 1)
        hit = (desa_codes.astype(str)[at] == wanted) & (kode_state[:-1] == 2)
        found[:-1][hit] = at[hit]
    per_norm = [normalise_periode(p) for p in v.periode_values]
    per_ok = np.array([p is not None for p in per_norm] + [False])
    ind_ids = [str(i).strip().lower() if i is not None else None for i in v.indikator_values]
    ind_ok = np.array([i in catalogue.index for i in ind_ids] + [False])
    satuan = np.array([catalogue.loc[i, "satuan"] if i in catalogue.index else "" for i in ind_ids] + [""], dtype=object)
    persen = (satuan == "persen")[v.indikator]
    rate = np.isin(satuan, ["per_1000", "per_100000"])[v.indikator]
    jumlah = (satuan == "jumlah")[v.indikator]

    # the code, period and indicator reasons depend only on the dictionary entry: judge each entry once,
    # then three gathers give every value its bits (not a dozen 40-million-row boolean passes)
    kode_bits = np.zeros(len(kode_state), np.int32)
    kode_bits[empty_kode] |= KODE_KOSONG
    kode_bits[~empty_kode & (kode_state == 0)] |= KODE_BUKAN
    kode_bits[kode_state == 1] |= KODE_TINGKAT
    kode_bits[(kode_state == 2) & (found < 0)] |= TANPA_DESA
    mask = kode_bits[v.kode]
    mask |= np.where(per_ok, 0, PERIODE).astype(np.int32)[v.periode]
    mask |= np.where(ind_ok, 0, INDIKATOR).astype(np.int32)[v.indikator]
    desa_idx = found[v.kode]

    def flag(bit, where):
        np.bitwise_or(mask, bit, out=mask, where=where)

    flag(PEMBILANG_KOSONG, v.num_empty)
    flag(PEMBILANG_BUKAN_ANGKA, v.num_bad)
    flag(PEMBILANG_NEGATIF, v.num < 0)
    flag(PENYEBUT_KOSONG, v.den_empty & ~jumlah)
    flag(PENYEBUT_BUKAN_ANGKA, v.den_bad)
    flag(PENYEBUT_NEGATIF, v.den < 0)
    both = (v.num >= 0) & (v.den >= 0)
    flag(LEBIH_BESAR, persen & both & (v.num > v.den))
    flag(PENYEBUT_NOL, rate & both & (v.num > 0) & (v.den == 0))
    if v.cacat.any():
        mask[v.cacat] = CACAT  # a malformed row has no cells worth judging
    return mask, desa_idx, per_norm, ind_ids


def sort_order(ind: np.ndarray, kode: np.ndarray, per: np.ndarray, n_kode: int, n_per: int) -> np.ndarray:
    """Stable order by (ind, kode, per), in two passes that are fast on real files.

    Files usually come sorted by desa and month already: the first pass (kode,
    per) then meets sorted runs, and the second, on the small indicator number,
    is a radix sort. One stable argsort of a 64-bit key is several times slower.
    """
    low = kode.astype(np.int64) * n_per + per
    small_type = np.int16 if ind.max(initial=0) < 32_000 else np.int64
    if len(low) > 1 and not np.all(low[1:] >= low[:-1]):
        first = np.argsort(low, kind="stable")
        return first[np.argsort(ind[first].astype(small_type), kind="stable")]
    return np.argsort(ind.astype(small_type), kind="stable")  # already in (kode, per) order


def _fill_report(report: ImportReport, table: pa.Table, v: _Values, mask, desa_idx, desa_codes, per_norm, ind_ids) -> None:
    rejected = (mask & ~TANPA_DESA) != 0
    unmatched = mask == TANPA_DESA
    good = mask == 0
    report.values_read = len(v.pos)
    report.rows_matched = int((desa_idx >= 0).sum())
    report.rows_imported = int(good.sum())
    report.rejected_count = int(rejected.sum())
    report.rows_without_desa = int(unmatched.sum())
    report.rows_outside = int(((mask & LUAR_WILAYAH) != 0).sum())
    bad = mask[rejected]
    report.rejected_by_reason = {Message(key): int(((bad & bit) != 0).sum()) for bit, key in REASONS.items()
                                 if ((bad & bit) != 0).any()}
    names = [c for c in table.column_names if not c.startswith("_")]
    shown = np.flatnonzero(rejected)[:MAX_DETAILS]
    cells = table.select(names).take(pa.array(v.pos[shown])).to_pylist() if len(shown) else []
    report.rejected = []
    for j, i in enumerate(shown):
        report.rejected.append({
            "baris": int(v.baris[i]),
            "kode_desa": _text(v.kode_values, v.kode[i]),
            "periode": _text(v.periode_values, v.periode[i]),
            "indikator": _text(v.indikator_values, v.indikator[i]),
            "pembilang": None if v.num_empty[i] else (_cell(v.num[i]) if not v.num_bad[i] else _raw_number(cells[j], "pembilang")),
            "penyebut": None if v.den_empty[i] else (_cell(v.den[i]) if not v.den_bad[i] else _raw_number(cells[j], "penyebut")),
            "alasan": _reason_text(int(mask[i])),
        })
    if unmatched.any():
        rows = np.flatnonzero(unmatched)
        kode_norm = np.array([normalise_kode(k) for k in v.kode_values] + [None], dtype=object)[v.kode[rows]]
        frame = pd.DataFrame({"kode_desa": kode_norm, "baris": v.baris[rows]})
        grouped = frame.groupby("kode_desa", sort=False)["baris"]
        report.codes_without_desa_count = int(grouped.ngroups)
        report.codes_without_desa = [
            {"kode_desa": k, "rows": int(len(b)), "baris": [int(x) for x in sorted(set(b))[:10]]}
            for k, b in list(grouped)[:MAX_DETAILS]]
    report.desa_total = len(desa_codes)
    with_data = np.zeros(len(desa_codes), bool)
    with_data[desa_idx[good]] = True
    report.desa_with_data = int(with_data.sum())
    report.desa_without_data = report.desa_total - report.desa_with_data
    report.desa_without_data_sample = [str(c) for c in desa_codes[~with_data][:20]]
    report.desa_kode = [str(c) for c in desa_codes[with_data]]
    report.periods = sorted({per_norm[i] for i in np.flatnonzero(np.bincount(v.periode[good], minlength=1))})
    # the (desa, periode) pairs really imported: which report arrived for which month (uploads.run)
    n_raw = max(len(per_norm), 1)
    pairs = np.unique(desa_idx[good].astype(np.int64) * n_raw + v.periode[good])
    by_period: dict[str, set] = {}
    for d, p in zip(*np.divmod(pairs, n_raw)):
        by_period.setdefault(per_norm[p], set()).add(str(desa_codes[d]))
    report.desa_periode = {p: sorted(by_period[p]) for p in sorted(by_period)}
    report.indicators = sorted({ind_ids[i] for i in np.flatnonzero(np.bincount(v.indikator[good], minlength=1))})


def _text(values: list, i: int):
    return None if i < 0 else _cell(values[i])


def _cell(value):
    if value is None:
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return value


def _raw_number(cells: dict, field_name: str):
    for name, value in cells.items():
        if name == field_name or name.endswith("_" + ("num" if field_name == "pembilang" else "den")):
            return value
    return None


def _merge(workspace, new: dict, catalogue: pd.DataFrame) -> tuple[dict, int, np.ndarray]:
    """New values over the stored ones (the new wins for the same key), integer-coded and sorted for the store.

    Returns the merged arrays, the number of stored values replaced, and the
    positions (in ``new``) of values superseded by a later value of the same file.

    Each part is ``dict(codes, kode_idx, periods, periode_idx, indicators, ind_idx, pembilang, penyebut)``
    where the ``*_idx`` arrays index the (small) dictionaries: nothing per row is ever a Python object.
    """
    parts = [new]
    old_rows = 0
    if workspace.has(NILAI_TABLE):
        old = workspace.read_arrow(NILAI_TABLE, read_dictionary=["kode_desa", "periode", "indikator"])
        old_rows = old.num_rows
        if old_rows:
            k, kd = _encode(old.column("kode_desa"))
            p, pd_ = _encode(old.column("periode"))
            i, idict = _encode(old.column("indikator"))
            parts.insert(0, dict(codes=kd, kode_idx=k, periods=pd_, periode_idx=p, indicators=idict, ind_idx=i,
                                 pembilang=old.column("pembilang").to_numpy().astype(float),
                                 penyebut=old.column("penyebut").fill_null(np.nan).to_numpy().astype(float)))
    codes = np.unique(np.concatenate([np.asarray(pt["codes"], dtype=str) for pt in parts])).astype(object)
    periods = sorted({str(x) for pt in parts for x in pt["periods"] if x})
    inds = sorted({str(x) for pt in parts for x in pt["indicators"] if x})

    def remap(dictionary, idx, unified):
        lookup = np.searchsorted(np.asarray(unified, dtype=str), np.asarray([str(x) for x in dictionary], dtype=str))
        if not len(lookup):
            return np.zeros(0, np.int64)
        if np.array_equal(lookup, np.arange(len(lookup))):
            return idx  # the dictionary is the unified one already (the usual case): no 40-million-row gather
        return lookup[idx]

    def joined(arrays):
        return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)

    k = joined([remap(pt["codes"], pt["kode_idx"], codes) for pt in parts])
    pe = joined([remap(pt["periods"], pt["periode_idx"], periods) for pt in parts])
    ind = joined([remap(pt["indicators"], pt["ind_idx"], inds) for pt in parts])
    # stable: for a repeated key the newer (later) value comes last and is kept
    order = sort_order(ind, k, pe, len(codes), len(periods))
    n_codes, n_per = len(codes), max(len(periods), 1)
    key = ind.astype(np.int64)  # in place: every 40-million-row temporary costs a fresh allocation
    key *= n_codes
    key += k
    key *= n_per
    key += pe
    key = key[order]
    keep = np.ones(len(order), bool)
    keep[:-1] = key[1:] != key[:-1]
    if not keep.all():
        dropped = order[~keep]
        replaced = int((dropped < old_rows).sum())
        repeated = np.sort(dropped[dropped >= old_rows] - old_rows)
        order, key = order[keep], key[keep]
    else:
        replaced, repeated = 0, np.zeros(0, np.int64)
    num = joined([pt["pembilang"] for pt in parts])[order]
    den = joined([pt["penyebut"] for pt in parts])[order]
    prorata = np.array([bool(catalogue["target_prorata"].get(i, False)) for i in inds], dtype=bool)
    return dict(codes=codes, periods=periods, indicators=inds, prorata=prorata,
                kode_idx=(key // n_per) % n_codes, periode_idx=key % n_per, ind_idx=key // (n_per * n_codes),
                pembilang=num, penyebut=den), replaced, repeated


def _write_nilai(merged: dict, out: Path) -> None:
    """``indikator/nilai.parquet`` per the workspace contract (plain string columns, float64 values)."""
    def strings(dictionary, idx):
        return pa.DictionaryArray.from_arrays(pa.array(idx.astype(np.int32)), pa.array(list(dictionary), pa.string()))
    table = pa.table({
        # plain strings: Parquet writes an Arrow dictionary whole into every row group (slow with 80,000 codes)
        "kode_desa": strings(merged["codes"], merged["kode_idx"]).cast(pa.string()),
        "periode": strings(merged["periods"], merged["periode_idx"]),
        "indikator": strings(merged["indicators"], merged["ind_idx"]),
        "pembilang": merged["pembilang"], "penyebut": merged["penyebut"],
    })
    # store_schema=False: readers see plain strings (Parquet still dictionary-encodes them on disk)
    pq.write_table(table, out, row_group_size=NILAI_ROW_GROUP, compression="zstd", store_schema=False,
                   write_statistics=["kode_desa", "periode", "indikator"])

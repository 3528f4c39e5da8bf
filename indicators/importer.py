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

import hashlib
import re
import tempfile
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
from indicators.rollup import AGGREGATE_TABLE, NILAI_TABLE, aggregate_sql, desa_cumulative_sql, katalog_frame
from tabular import parse_date, read_table_arrow

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
    codes_without_desa: list[dict] = field(default_factory=list)
    desa_total: int = 0
    desa_with_data: int = 0
    desa_without_data: int = 0
    desa_without_data_sample: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)

    def to_text(self) -> str:
        """A short human summary (Bahasa Indonesia), listing bad rows by number."""
        lines = [
            f"Berkas {self.file} (bentuk {self.form}): {self.rows_read} baris dibaca, "
            f"{self.values_read} nilai, {self.rows_matched} cocok dengan desa, {self.rows_imported} diimpor"
            + (f" ({self.rows_replaced} mengganti nilai lama)" if self.rows_replaced else "") + ".",
        ]
        if self.empty_values:
            lines.append(f"{self.empty_values} pasangan sel kosong dilewati (data tidak ada, bukan nol).")
        if self.rejected_count:
            lines.append(f"{self.rejected_count} ditolak:")
            for r in self.rejected[:50]:
                ind = f" [{r['indikator']}]" if r.get("indikator") else ""
                lines.append(f"  baris {r['baris']}{ind}: {r['alasan']} (kode_desa={r['kode_desa']!r}, "
                             f"periode={r['periode']!r}, pembilang={r['pembilang']!r}, penyebut={r['penyebut']!r})")
            if self.rejected_count > 50:
                lines.append(f"  ... dan {self.rejected_count - 50} lagi (lihat --json)")
        if self.codes_without_desa_count:
            lines.append(f"{self.codes_without_desa_count} kode tanpa desa di workspace ({self.rows_without_desa} baris, tidak diimpor):")
            for c in self.codes_without_desa[:20]:
                lines.append(f"  {c['kode_desa']}: baris {', '.join(map(str, c['baris']))}" + (" ..." if c["rows"] > len(c["baris"]) else ""))
        lines.append(f"Desa dengan data: {self.desa_with_data} dari {self.desa_total}; tanpa data: {self.desa_without_data}"
                     + (f" (mis. {', '.join(self.desa_without_data_sample[:5])})" if self.desa_without_data else "") + ".")
        if self.periods:
            lines.append(f"Periode: {self.periods[0]} s/d {self.periods[-1]}; indikator: {', '.join(self.indicators)}.")
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
    read = read_table_arrow(path, allow_malformed=True, too_big_hint=(
        "Split it (for example by province or by year) and import the parts one after another (each import "
        "adds to the values already there), or save it as Parquet, which is read without this limit."))
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
        table = pq.read_table(path)
    except Exception as exc:
        raise PwsError(f"{path}: cannot read this Parquet file ({exc}).") from exc
    table = table.rename_columns([_clean_name(n) for n in table.column_names])
    return table.append_column("_baris", pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64)))


def read_indicator_file(path: str | Path) -> pa.Table:
    """Read a CSV, ``.xlsx`` or Parquet file as an Arrow table plus ``_baris`` (file row number).

    Column names are stripped and lower-cased; CSV cells stay text so codes keep
    their leading zeros. A CSV may use ``,``, ``;`` or tab between cells.
    """
    path = Path(path)
    if not path.exists():
        raise PwsError(f"{path}: file not found.")
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
        raise PwsError(f"{path}: mapping file not found.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
    frame.columns = [_clean_name(c) for c in frame.columns]
    if not {"kolom", "isi"} <= set(frame.columns):
        raise PwsError(f"{path}: a mapping file has columns kolom,isi,indikator (e.g. 'k1_num,pembilang,k1').")
    out = []
    for i, row in frame.iterrows():
        isi = row["isi"].strip().lower()
        if isi not in FIELDS:
            raise PwsError(f"{path}, row {i + 2}: isi {row['isi']!r} must be one of {', '.join(FIELDS)}.")
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
                    raise PwsError(f"mapping: an indikator is given for column {kolom!r}, which only makes sense for pembilang/penyebut.")
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
        raise PwsError(
            f"{source}: column(s) {', '.join(dict.fromkeys(absent))} not found (the file has: {', '.join(columns)}). "
            f"A long-form file has columns {','.join(FIELDS)}; a wide file has kode_desa,periode and <id>_num,<id>_den "
            "pairs, or give --mapping FILE (columns kolom,isi,indikator) to say which column is which."
        )
    for ind, (num, den) in layout.pairs.items():
        if num is None:
            raise PwsError(f"{source}: indicator {ind!r} has a penyebut column ({den}) but no pembilang column.")
    return layout


# -- the import ----------------------------------------------------------------------

def _value_sql(column: str | None, arrow_type: pa.DataType | None) -> tuple[str, str, str]:
    """SQL for (empty?, number, original text) of a pembilang/penyebut column, text or numeric."""
    if column is None or pa.types.is_null(arrow_type):
        return "TRUE", "NULL::DOUBLE", "NULL::VARCHAR"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        text = f'trim("{column}")'
        return (f"({text} IS NULL OR {text} = '')", f"TRY_CAST(replace({text}, ',', '.') AS DOUBLE)", f'"{column}"')
    return f'("{column}" IS NULL)', f'TRY_CAST("{column}" AS DOUBLE)', "NULL::VARCHAR"


def _text_sql(column: str) -> str:
    return f'CAST("{column}" AS VARCHAR)'


def _rows_sql(table: pa.Table, layout: Layout) -> tuple[str, str]:
    """SQL selecting ``baris, kode_raw, periode_raw, indikator_raw, pembilang_kosong, pembilang, penyebut_kosong, penyebut, cacat``.

    Returns (rows SQL, SQL counting the wide form's empty pairs).
    """
    types = {f.name: f.type for f in table.schema}
    cacat = '"_cacat"' if "_cacat" in types else "FALSE"
    kode, periode = _text_sql(layout.columns["kode_desa"]), _text_sql(layout.columns["periode"])
    if not layout.wide:
        ne, nv, nt = _value_sql(layout.columns["pembilang"], types[layout.columns["pembilang"]])
        de, dv, dt = _value_sql(layout.columns["penyebut"], types[layout.columns["penyebut"]])
        sql = (f"SELECT _baris AS baris, {kode} AS kode_raw, {periode} AS periode_raw, "
               f"{_text_sql(layout.columns['indikator'])} AS indikator_raw, {ne} AS pembilang_kosong, {nv} AS pembilang, "
               f"{nt} AS pembilang_teks, {de} AS penyebut_kosong, {dv} AS penyebut, {dt} AS penyebut_teks, "
               f"{cacat} AS cacat FROM raw")
        return sql, "SELECT 0"
    parts, empties = [], []
    for ind, (num, den) in layout.pairs.items():
        ne, nv, nt = _value_sql(num, types[num])
        de, dv, dt = _value_sql(den, types[den] if den else None)
        parts.append(f"SELECT _baris AS baris, {kode} AS kode_raw, {periode} AS periode_raw, '{ind}' AS indikator_raw, "
                     f"{ne} AS pembilang_kosong, {nv} AS pembilang, {nt} AS pembilang_teks, "
                     f"{de} AS penyebut_kosong, {dv} AS penyebut, {dt} AS penyebut_teks, {cacat} AS cacat "
                     f"FROM raw WHERE {cacat} OR NOT ({ne} AND {de})")
        empties.append(f"(SELECT count(*) FROM raw WHERE NOT {cacat} AND {ne} AND {de})")
    return " UNION ALL ".join(parts), "SELECT " + " + ".join(empties)


_CHECK_SQL = """
CREATE TABLE checked AS
WITH r AS ({rows})
SELECT r.baris, r.kode_raw, r.periode_raw, r.indikator_raw, r.pembilang_teks, r.penyebut_teks,
       r.pembilang_kosong, r.penyebut_kosong,
       km.kode AS kode_desa, pm.periode, im.indikator,
       r.pembilang, CASE WHEN r.penyebut_kosong THEN NULL ELSE r.penyebut END AS penyebut,
       d.kode IS NOT NULL AS ada_desa,
       nullif(concat_ws('; ',
         CASE WHEN r.cacat THEN 'jumlah sel baris ini tidak sama dengan kepala kolom' END,
         CASE WHEN NOT r.cacat AND (r.kode_raw IS NULL OR trim(r.kode_raw) = '') THEN 'kode_desa kosong'
              WHEN NOT r.cacat AND km.kode IS NULL THEN 'kode_desa bukan kode Kemendagri'
              WHEN NOT r.cacat AND km.tingkat <> 'desa' THEN 'kode_desa adalah kode ' || km.tingkat || ', bukan desa' END,
         CASE WHEN NOT r.cacat AND pm.periode IS NULL THEN 'periode tidak terbaca (pakai YYYY-MM)' END,
         CASE WHEN NOT r.cacat AND im.indikator IS NULL THEN 'indikator tidak ada di katalog' END,
         CASE WHEN r.cacat THEN NULL
              WHEN r.pembilang_kosong THEN 'pembilang kosong'
              WHEN r.pembilang IS NULL OR NOT isfinite(r.pembilang) THEN 'pembilang bukan angka'
              WHEN r.pembilang < 0 THEN 'pembilang negatif' END,
         CASE WHEN r.cacat THEN NULL
              WHEN r.penyebut_kosong AND coalesce(im.satuan, '') <> 'jumlah' THEN 'penyebut kosong'
              WHEN NOT r.penyebut_kosong AND (r.penyebut IS NULL OR NOT isfinite(r.penyebut)) THEN 'penyebut bukan angka'
              WHEN NOT r.penyebut_kosong AND r.penyebut < 0 THEN 'penyebut negatif' END,
         CASE WHEN r.pembilang >= 0 AND r.penyebut >= 0 AND im.satuan = 'persen' AND r.pembilang > r.penyebut
                   AND NOT r.penyebut_kosong THEN 'pembilang lebih besar dari penyebut (tidak mungkin untuk persen)'
              WHEN r.pembilang > 0 AND r.penyebut = 0 AND NOT r.penyebut_kosong AND im.satuan IN ('per_1000', 'per_100000')
                   THEN 'penyebut 0 padahal pembilang lebih dari 0' END
       ), '') AS alasan
FROM r
LEFT JOIN kode_map km ON km.raw = r.kode_raw
LEFT JOIN periode_map pm ON pm.raw = r.periode_raw
LEFT JOIN indikator_map im ON im.raw = r.indikator_raw
LEFT JOIN desa_ws d ON d.kode = km.kode
"""


def import_indicators(workspace, path: str | Path, mapping: str | Path | None = None,
                      progress: Progress | None = None) -> ImportReport:
    """Import an indicator file into ``workspace`` (see the module docstring for formats and checks).

    Parameters
    ----------
    workspace : :class:`workspace.Workspace` with boundaries.
    path : CSV, ``.xlsx`` or Parquet file.
    mapping : optional mapping file (``kolom,isi,indikator``).
    progress : called with a short message at each step (the CLI prints them on stderr).

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
        raise PwsError(f"Workspace {workspace.root} has no desa boundaries: run 'python app.py import boundaries FILE "
                       f"--workspace {workspace.root}' first, then import {path.name} again.")
    say(f"membaca {path.name} ...")
    table = read_indicator_file(path)
    layout = detect_layout([c for c in table.column_names if not c.startswith("_")], catalogue,
                           read_mapping(mapping) if mapping else None, source=str(path))
    report = ImportReport(file=str(path), form="lebar" if layout.wide else "panjang",
                          rows_read=int(table.num_rows))
    with tempfile.TemporaryDirectory(prefix="pws-import-") as tmp:
        con = duckdb.connect(str(Path(tmp) / "import.duckdb"))
        try:
            con.execute(f"SET temp_directory = '{tmp}'")
            con.execute("SET preserve_insertion_order = false")
            report = _run(con, workspace, table, layout, catalogue, report, say)
        finally:
            con.close()
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _mapping_tables(con, catalogue: pd.DataFrame, layout: Layout) -> None:
    """Normalise each distinct code, period and indicator once, in Python."""
    kodes = con.execute("SELECT DISTINCT kode_raw FROM rows_v WHERE kode_raw IS NOT NULL").fetchnumpy()["kode_raw"]
    normal = [normalise_kode(k) for k in kodes]
    con.register("kode_map_df", pd.DataFrame({
        "raw": pd.Series(list(kodes), dtype=object), "kode": pd.Series(normal, dtype=object),
        "tingkat": pd.Series([level_of(k) if k else None for k in normal], dtype=object)}))
    con.execute("CREATE TABLE kode_map AS SELECT * FROM kode_map_df")
    periods = con.execute("SELECT DISTINCT periode_raw FROM rows_v WHERE periode_raw IS NOT NULL").fetchnumpy()["periode_raw"]
    con.register("periode_map_df", pd.DataFrame({"raw": pd.Series(list(periods), dtype=object),
                                                 "periode": pd.Series([normalise_periode(p) for p in periods], dtype=object)}))
    con.execute("CREATE TABLE periode_map AS SELECT * FROM periode_map_df")
    names = con.execute("SELECT DISTINCT indikator_raw FROM rows_v WHERE indikator_raw IS NOT NULL").fetchnumpy()["indikator_raw"]
    ids = [str(n).strip().lower() for n in names]
    known = [i if i in catalogue.index else None for i in ids]
    con.register("indikator_map_df", pd.DataFrame({
        "raw": pd.Series(list(names), dtype=object), "indikator": pd.Series(known, dtype=object),
        "satuan": pd.Series([catalogue.loc[i, "satuan"] if i else None for i in known], dtype=object)}))
    con.execute("CREATE TABLE indikator_map AS SELECT * FROM indikator_map_df")


def _run(con, workspace, table: pa.Table, layout: Layout, catalogue, report: ImportReport, say: Progress) -> ImportReport:
    con.register("raw", table)
    rows_sql, empty_sql = _rows_sql(table, layout)
    con.execute(f"CREATE VIEW rows_v AS {rows_sql}")
    report.empty_values = int(con.execute(empty_sql).fetchall()[0][0])
    desa = workspace.read_table("boundaries/desa.parquet", columns=["kode"])
    con.register("desa_df", desa)
    con.execute("CREATE TABLE desa_ws AS SELECT DISTINCT kode FROM desa_df")
    _mapping_tables(con, catalogue, layout)
    say(f"memeriksa {report.rows_read} baris ...")
    con.execute(_CHECK_SQL.format(rows=rows_sql))
    con.unregister("raw")
    _find_duplicates(con)
    _fill_report(con, report, workspace)
    if report.rows_imported == 0:
        reasons = "; ".join(f"{k}: {v}" for k, v in report.rejected_by_reason.items())
        raise PwsError(
            f"{report.file}: no row could be imported ({report.rejected_count} rejected{': ' + reasons if reasons else ''}; "
            f"{report.rows_without_desa} with a code matching no desa of the workspace). Nothing was changed; "
            "fix the file (see the rows listed with --json) and import again."
        )
    say(f"menulis {report.rows_imported} nilai ...")
    with workspace.transaction("indicators") as tx:
        out = tx.file(NILAI_TABLE)
        good = "SELECT kode_desa, periode, indikator, pembilang::DOUBLE AS pembilang, penyebut::DOUBLE AS penyebut FROM checked WHERE alasan IS NULL AND ada_desa"
        old_rows = 0
        if workspace.has(NILAI_TABLE):
            old = str(workspace.path(NILAI_TABLE))
            old_rows = pq.ParquetFile(old).metadata.num_rows
            source = (f"SELECT o.* FROM read_parquet('{old}') o ANTI JOIN ({good}) g "
                      f"ON o.kode_desa = g.kode_desa AND o.periode = g.periode AND o.indikator = g.indikator "
                      f"UNION ALL {good}")
        else:
            source = good
        con.execute(f"COPY (SELECT * FROM ({source}) ORDER BY indikator, kode_desa, periode) TO '{out}' "
                    "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)")
        total = pq.ParquetFile(out).metadata.num_rows
        report.rows_replaced = int(old_rows + report.rows_imported - total)
        say("menghitung agregat kecamatan, kabupaten/kota, provinsi ...")
        meta = write_aggregates(con, tx, out, catalogue)
        meta["sumber_terakhir"] = report.file
        tx.manifest["indikator"] = meta
    return report


def _find_duplicates(con) -> None:
    """Mark earlier rows repeating a desa × periode × indikator of a later row as rejected."""
    counts = con.execute("""SELECT count(*), count(DISTINCT (kode_desa, periode, indikator))
                            FROM checked WHERE alasan IS NULL AND ada_desa""").fetchall()[0]
    if counts[0] == counts[1]:
        return
    con.execute("""
        UPDATE checked SET alasan = 'diganti oleh baris ' || d.terakhir || ' (desa, periode, indikator sama)'
        FROM (SELECT baris, indikator, max(baris) OVER (PARTITION BY kode_desa, periode, indikator) AS terakhir
              FROM checked WHERE alasan IS NULL AND ada_desa) d
        WHERE checked.baris = d.baris AND checked.indikator = d.indikator AND d.baris < d.terakhir
    """)


def _fill_report(con, report: ImportReport, workspace) -> None:
    q = con.execute
    report.values_read, report.rows_matched, report.rows_imported, report.rejected_count, report.rows_without_desa = (
        int(x or 0) for x in q("""SELECT count(*), count(*) FILTER (ada_desa),
                  count(*) FILTER (alasan IS NULL AND ada_desa), count(*) FILTER (alasan IS NOT NULL),
                  count(*) FILTER (alasan IS NULL AND NOT ada_desa) FROM checked""").fetchall()[0])
    report.rejected_by_reason = {
        r: int(n) for r, n in q("""SELECT CASE WHEN alasan LIKE 'diganti oleh baris%' THEN 'duplikat (baris terakhir dipakai)' ELSE alasan END AS a,
                                   count(*) FROM checked WHERE alasan IS NOT NULL GROUP BY a ORDER BY 2 DESC""").fetchall()}
    rejected = q(f"""SELECT baris, kode_raw, periode_raw, indikator_raw, coalesce(pembilang_teks, pembilang::VARCHAR),
                           coalesce(penyebut_teks, penyebut::VARCHAR), alasan
                    FROM checked WHERE alasan IS NOT NULL ORDER BY baris, indikator_raw LIMIT {MAX_DETAILS}""").fetchall()
    report.rejected = [
        {"baris": int(b), "kode_desa": k, "periode": p, "indikator": i, "pembilang": n, "penyebut": d, "alasan": a}
        for b, k, p, i, n, d, a in rejected]
    report.codes_without_desa_count = int(q("SELECT count(DISTINCT kode_desa) FROM checked WHERE alasan IS NULL AND NOT ada_desa").fetchall()[0][0])
    report.codes_without_desa = [
        {"kode_desa": k, "rows": int(n), "baris": [int(b) for b in bs]}
        for k, n, bs in q(f"""SELECT kode_desa, count(*), list(baris ORDER BY baris)[1:10] FROM checked
                            WHERE alasan IS NULL AND NOT ada_desa GROUP BY kode_desa ORDER BY min(baris) LIMIT {MAX_DETAILS}""").fetchall()]
    report.desa_total = int(q("SELECT count(*) FROM desa_ws").fetchall()[0][0])
    q("CREATE TABLE desa_ada AS SELECT DISTINCT kode_desa FROM checked WHERE alasan IS NULL AND ada_desa")
    report.desa_with_data = int(q("SELECT count(*) FROM desa_ada").fetchall()[0][0])
    report.desa_without_data = report.desa_total - report.desa_with_data
    report.desa_without_data_sample = [r[0] for r in q(
        "SELECT kode FROM desa_ws ANTI JOIN desa_ada ON desa_ada.kode_desa = desa_ws.kode ORDER BY kode LIMIT 20").fetchall()]
    report.periods = [r[0] for r in q("SELECT DISTINCT periode FROM checked WHERE alasan IS NULL AND ada_desa ORDER BY 1").fetchall()]
    report.indicators = [r[0] for r in q("SELECT DISTINCT indikator FROM checked WHERE alasan IS NULL AND ada_desa ORDER BY 1").fetchall()]


def nilai_fingerprint(path: str | Path, catalogue: pd.DataFrame) -> str:
    """What the stored aggregates were computed from: the nilai file's size and rows, and the pro-rating flags."""
    path = Path(path)
    rows = pq.ParquetFile(path).metadata.num_rows
    flags = ",".join(f"{i}={int(p)}" for i, p in catalogue["target_prorata"].items())
    return f"{path.stat().st_size}:{rows}:{hashlib.sha1(flags.encode()).hexdigest()[:10]}"


def write_aggregates(con, tx, nilai_path: str | Path, catalogue: pd.DataFrame) -> dict:
    """Write ``indikator/agregat.parquet`` for the nilai file at ``nilai_path`` into transaction ``tx``.

    Whoever writes ``indikator/nilai.parquet`` (an import, the demo builder) should
    call this in the same transaction; :class:`indicators.query.IndicatorQuery`
    recomputes in memory when the stored aggregates do not match the nilai file.

    Returns the manifest entry (``tx.manifest["indikator"]``).
    """
    con.register("katalog", katalog_frame(catalogue))
    kum = desa_cumulative_sql(f"read_parquet('{nilai_path}')", "katalog")
    out = tx.file(AGGREGATE_TABLE)
    con.execute(f"COPY (SELECT * FROM ({aggregate_sql('(' + kum + ')')}) ORDER BY indikator, kode, periode) TO '{out}' "
                "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000)")
    periods = [r[0] for r in con.execute(f"SELECT DISTINCT periode FROM read_parquet('{nilai_path}') ORDER BY 1").fetchall()]
    return {"periode": periods, "rows": pq.ParquetFile(nilai_path).metadata.num_rows,
            "agregat_untuk": nilai_fingerprint(nilai_path, catalogue)}

"""CSV and ``.xlsx`` files as text cells with their file row numbers (see :mod:`tabular`)."""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from errors import PwsError
from texts.message import Message

MAX_CSV_BYTES = 100 * 2**20
"""Largest CSV read by default (100 MB, about three million rows of a long indicator
table: a whole province for two years). Larger files are refused before any
reading, so memory stays bounded; split them (by kabupaten or by year)."""
MAX_XLSX_BYTES = 20 * 2**20
"""Largest ``.xlsx`` read by default (20 MB, about a million cells). Bigger
workbooks take minutes to unpack; save them as CSV instead."""
MAX_SHEET_XML_BYTES = 400 * 2**20
"""Largest unpacked sheet inside an ``.xlsx`` (a small file can unpack to gigabytes)."""

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SEARCH_ROWS = 30  # title rows above an Excel header: at most this many
_MAX_LISTED = 5  # cells or rows named in one message

Hint = str | None


@dataclass
class TableRead:
    """A table read from a file: text cells, and where each row came from.

    Unpacks as ``frame, rows = read_table_file(path)``.

    Attributes
    ----------
    frame : DataFrame (object columns, ``str`` or ``None``) or Arrow table (string columns).
    rows : int64 array, the file row number of each row of ``frame``.
    malformed : file rows left out because their cell count differs from the
        header's (only when the caller allowed them; else they are an error).
    source : how to name the table in a message (``"data.xlsx, sheet 'Juni'"``).
    """

    frame: pd.DataFrame | pa.Table
    rows: np.ndarray
    malformed: list[int] = field(default_factory=list)
    source: str = ""

    def __iter__(self):
        return iter((self.frame, self.rows))


def read_table_file(path: str | Path, *, max_bytes: int | None = None, allow_malformed: bool = False,
                    too_big_hint: Hint = None) -> TableRead:
    """Read a CSV or ``.xlsx`` file into a DataFrame of text cells plus file row numbers.

    Parameters
    ----------
    path : ``.csv``/``.txt``/``.tsv`` or ``.xlsx``/``.xlsm`` file.
    max_bytes : refuse a larger file (default :data:`MAX_CSV_BYTES` or :data:`MAX_XLSX_BYTES`).
    allow_malformed : CSV rows with a wrong number of cells are listed in
        ``malformed`` instead of refusing the file.
    too_big_hint : what the user should do with a file above the limit (importer specific).

    Returns
    -------
    TableRead
        ``frame`` with one ``object`` column per header name (stripped; repeated names
        get ``_2``, ``_3``; a blank header cell above data becomes ``kolom_N``), cells
        stripped and ``None`` when empty; fully empty rows are left out, keeping the
        others' numbers.

    Raises
    ------
    PwsError
        Naming the file (and row or cell) and what to do, for every file that cannot
        be read as a table.
    """
    read = read_table_arrow(path, max_bytes=max_bytes, allow_malformed=allow_malformed, too_big_hint=too_big_hint)
    table = read.frame
    read.frame = pd.DataFrame(
        {name: pd.Series(table.column(i).to_numpy(zero_copy_only=False), dtype=object)  # None stays None
         for i, name in enumerate(table.column_names)},
        index=pd.RangeIndex(table.num_rows),
        columns=table.column_names,
    )
    return read


def read_table_arrow(path: str | Path, *, max_bytes: int | None = None, allow_malformed: bool = False,
                     too_big_hint: Hint = None) -> TableRead:
    """:func:`read_table_file` returning an Arrow table of string columns (fast for millions of rows)."""
    path = Path(path)
    kind = _kind(path)
    limit = max_bytes if max_bytes is not None else (MAX_CSV_BYTES if kind == "csv" else MAX_XLSX_BYTES)
    _check_file(path, kind, limit, too_big_hint)
    if kind == "csv":
        return _read_csv(path, allow_malformed)
    return _read_xlsx(path)


# -- checks before reading -------------------------------------------------------------

def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix == ".xls":
        raise PwsError("tabel_xls_lama", path=path)
    raise PwsError("tabel_jenis_tak_dibaca", path=path, suffix=path.suffix or "-", csv=", ".join(CSV_SUFFIXES))


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def _check_file(path: Path, kind: str, limit: int, hint: Hint) -> None:
    """Refuse, before reading anything big, files that cannot be a table of this kind."""
    if not path.exists():
        raise PwsError("berkas_tidak_ada", path=path)
    if path.is_dir():
        raise PwsError("tabel_folder", path=path)
    size = path.stat().st_size
    if size == 0:
        raise PwsError("tabel_kosong_0", path=path)
    if size > limit:
        raise PwsError("tabel_terlalu_besar", path=path, ukuran=_mb(size), batas=_mb(limit),
                       saran=hint or Message("tabel_saran_pecah"))
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise PwsError("tabel_tak_terbuka", path=path, sebab=exc.strerror) from None
    is_zip = head.startswith(b"PK\x03\x04")
    is_ole = head.startswith(b"\xd0\xcf\x11\xe0")
    if kind == "csv":
        if is_zip:
            raise PwsError("csv_sebenarnya_zip", path=path)
        if is_ole:
            raise PwsError("csv_sebenarnya_xls", path=path)
        if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise PwsError("csv_biner", path=path)
    else:
        if is_ole:
            raise PwsError("xlsx_sebenarnya_xls", path=path)
        if not is_zip:
            raise PwsError("xlsx_bukan_zip", path=path)


# -- CSV -------------------------------------------------------------------------------

def detect_encoding(path: Path) -> tuple[str, int]:
    """(Python codec name, bytes of byte-order mark to skip) for a text file.

    UTF-16 keeps its BOM for the codec; a UTF-8 BOM is skipped, and the body
    behind it is checked like any other: if it is not valid UTF-8, it is cp1252.
    """
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    skip = 3 if head.startswith(codecs.BOM_UTF8) else 0
    for encoding in ("utf-8", "cp1252"):
        if _decodes(path, encoding, skip):
            return encoding, skip
    return "latin-1", skip  # decodes every byte; cp1252 leaves five bytes undefined


def _decodes(path: Path, encoding: str, skip: int) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as fh:
        fh.seek(skip)
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _read_csv(path: Path, allow_malformed: bool) -> TableRead:
    encoding, skip = detect_encoding(path)
    with open(path, "rb") as fh:
        fh.seek(skip)
        raw = fh.read(1 << 20)
    text = raw.decode(encoding, errors="replace")
    header_line = re.split(r"\r\n|\n|\r", text, maxsplit=1)[0]
    if not header_line.strip():
        raise PwsError("csv_baris_pertama_kosong", path=path)
    delimiter = max(_DELIMITERS, key=header_line.count)
    names = next(csv.reader([header_line], delimiter=delimiter))
    columns = _column_names([_header_text(n) for n in names], path)
    generic = [f"c{i}" for i in range(len(names))]
    convert = pacsv.ConvertOptions(column_types={c: pa.string() for c in generic},
                                   strings_can_be_null=False, quoted_strings_can_be_null=False)
    pa_encoding = "utf8" if encoding == "utf-8" else encoding

    def read(**extra):
        use_threads = extra.pop("use_threads", True)
        with open(path, "rb") as fh:
            fh.seek(skip)
            return pacsv.read_csv(
                fh,
                read_options=pacsv.ReadOptions(column_names=generic, skip_rows=1, encoding=pa_encoding,
                                               use_threads=use_threads),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False, **extra),
                convert_options=convert,
            )

    malformed: list[int] = []
    try:
        table = read()
        rows = np.arange(2, table.num_rows + 2, dtype=np.int64)
    except pa.ArrowInvalid:
        # Some lines have the wrong number of cells: read again, one thread, noting
        # their line numbers so every other row keeps its own number.
        skipped: list[int] = []

        def note(row):
            skipped.append(int(row.number) if row.number is not None else -1)
            return "skip"

        try:
            table = read(invalid_row_handler=note, use_threads=False)
        except (pa.ArrowInvalid, UnicodeError) as exc:
            raise PwsError("csv_tak_terbaca", path=path, sebab=exc) from None
        # pyarrow gives the physical line number (the header is line 1)
        malformed = sorted({n for n in skipped if n >= 0})
        rows = _numbers_around(table.num_rows, first=2, holes=malformed)
        if malformed and not allow_malformed:
            listed = ", ".join(map(str, malformed[:_MAX_LISTED])) + (" …" if len(malformed) > _MAX_LISTED else "")
            raise PwsError("csv_sel_tak_sama", path=path, baris=listed, n=len(names),
                           pemisah=Message(_DELIMITER_NAMES[delimiter]))
    except UnicodeError as exc:
        raise PwsError("csv_tak_terurai", path=path, encoding=encoding, sebab=exc) from None
    table = _clean_cells(table)
    keep = _non_empty_rows(table)
    table = table.filter(keep).rename_columns(columns)
    return TableRead(table, rows[keep.to_numpy(zero_copy_only=False)], malformed, source=str(path))


_DELIMITER_NAMES = {",": "pemisah_koma", ";": "pemisah_titik_koma", "\t": "pemisah_tab", "|": "pemisah_garis"}


def _numbers_around(n: int, first: int, holes: list[int]) -> np.ndarray:
    """Row numbers first, first+1, ... for ``n`` rows, skipping the numbers in ``holes``."""
    out = np.empty(n, dtype=np.int64)
    hole = set(holes)
    current, i = first, 0
    while i < n:
        if current not in hole:
            out[i] = current
            i += 1
        current += 1
    return out


def _clean_cells(table: pa.Table) -> pa.Table:
    """Cells stripped of surrounding spaces; empty cells null."""
    columns = []
    for column in table.columns:
        stripped = pc.utf8_trim_whitespace(column)
        columns.append(pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped))
    return pa.table(columns, names=table.column_names)


def _non_empty_rows(table: pa.Table) -> pa.ChunkedArray | pa.Array:
    keep = pa.array(np.zeros(table.num_rows, dtype=bool))
    for column in table.columns:
        keep = pc.or_(keep, pc.is_valid(column))
    return keep.combine_chunks() if isinstance(keep, pa.ChunkedArray) else keep


def _header_text(value: object) -> str:
    text = _cell_text(value) or ""
    return re.sub(r"\s+", " ", text.replace("\ufeff", "")).strip()


def _column_names(names: list[str], path: Path | str, letters: list[str] | None = None) -> list[str]:
    """Unique, non-empty names: blanks become ``kolom_N`` (or the column letter), repeats get ``_2``."""
    out: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(names):
        name = name or (f"kolom_{letters[i]}" if letters else f"kolom_{i + 1}")
        base, n = name, 1
        while name.lower() in seen:
            n += 1
            name = f"{base}_{n}"
        seen.add(name.lower())
        out.append(name)
    return out


# -- Excel -----------------------------------------------------------------------------

class _Uncached:
    """A formula cell whose file holds no calculated value."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula


OPENPYXL_CHECKED = "3.1"
"""The openpyxl release series whose private reader :func:`_sheet_cells` was checked against.

Read-only mode's public API gives neither merged ranges (our two-row headers are
merged cells) nor a formula cell whose file holds no calculated value (it reads as
empty, which would import a wrong blank), and loading the workbook in full mode to
get them costs many times the memory on a kabupaten's sheet. So :func:`_sheet_parser`
and :func:`_sheet_cells` (shared by :func:`_read_xlsx` and :func:`read_sheets`) use
``openpyxl.worksheet._reader.WorkSheetParser`` (``FORMULA_TAG``, ``parse_cell``, ``merged_cells``), ``ws._shared_strings``,
``ws._get_source``, ``ws._worksheet_path``, ``wb._archive``, ``wb._date_formats`` and
``wb._timedelta_formats``. ``tests/test_tabular.py`` pins each of them with this
version: on an openpyxl upgrade that test fails first and names what to check."""


def _sheet_parser(src, ws):
    """openpyxl's streaming sheet parser, marking formula cells that have no saved value (see :data:`OPENPYXL_CHECKED`)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and (f := element.find(FORMULA_TAG)) is not None:
                cell["value"] = _Uncached("=" + (f.text or ""))
            return cell

    wb = ws.parent
    return Parser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                  date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)


def _open_workbook(path: Path):
    """The workbook opened read-only, or a :class:`PwsError` saying what is wrong with the file."""
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                raise PwsError("xlsx_zip_lain", path=path)
    except zipfile.BadZipFile:
        raise PwsError("xlsx_rusak", path=path) from None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except PwsError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise PwsError("xlsx_tak_terbuka", path=path, sebab=f"{type(exc).__name__}: {exc}") from None


def _sheet_cells(path: Path, ws) -> tuple[dict[int, dict[int, object]], list[tuple[int, int, int, int]], str]:
    """Non-empty cells of one sheet (row → column → value), its merged ranges, and its name for messages."""
    from openpyxl.utils.cell import range_boundaries

    source = Message("sumber_lembar", path=path, lembar=ws.title)
    info = ws.parent._archive.getinfo(ws._worksheet_path)
    if info.file_size > MAX_SHEET_XML_BYTES:
        raise PwsError("lembar_terlalu_besar", source=source, ukuran=_mb(info.file_size), batas=_mb(MAX_SHEET_XML_BYTES))
    cells: dict[int, dict[int, object]] = {}
    try:
        with ws._get_source() as src:
            parser = _sheet_parser(src, ws)
            for r, row in parser.parse():
                values = {c["column"]: c["value"] for c in row if c["value"] is not None and c["value"] != ""}
                if values:
                    cells[r] = values
    except PwsError:
        raise
    except Exception as exc:
        raise PwsError("lembar_rusak", source=source, sebab=f"{type(exc).__name__}: {exc}") from None
    merges = [range_boundaries(str(m.ref)) for m in (parser.merged_cells.mergeCell if parser.merged_cells else [])]
    return cells, merges, source


@dataclass
class SheetCells:
    """One sheet as the person sees it: every non-empty cell, merged ranges filled with their value.

    For forms that are not one header over a table (SKDR's W2: title lines, a
    week line, merged group headers); importers of plain tables use :func:`read_table_file`.
    ``cells[row][column]`` (1-based, the sheet's own numbers) holds the saved value.
    """

    title: str
    cells: dict[int, dict[int, object]]
    source: str

    def text(self, row: int, column: int) -> str | None:
        """The cell as text (as :func:`read_table_file` gives it), ``None`` when empty."""
        return _cell_text(self.cells.get(row, {}).get(column))


def read_sheets(path: str | Path, *, max_bytes: int | None = None) -> list[SheetCells]:
    """Every non-empty sheet of an ``.xlsx`` workbook, with the same checks as :func:`read_table_file`.

    A formula without a saved value is refused naming its cell, as for tables.
    """
    path = Path(path)
    if _kind(path) != "xlsx":
        raise PwsError("formulir_harus_xlsx", path=path)
    _check_file(path, "xlsx", max_bytes if max_bytes is not None else MAX_XLSX_BYTES, None)
    from openpyxl.utils.cell import get_column_letter

    wb = _open_workbook(path)
    sheets = []
    try:
        for ws in wb.worksheets:
            cells, merges, source = _sheet_cells(path, ws)
            if not cells:
                continue
            _fill_merged(cells, merges)
            uncached = [(r, c) for r in sorted(cells) for c, v in cells[r].items() if isinstance(v, _Uncached)]
            if uncached:
                r, c = uncached[0]
                raise PwsError("rumus_tanpa_nilai_pertama", source=source, n=len(uncached),
                               sel=f"{get_column_letter(c)}{r} ({cells[r][c].formula})")
            sheets.append(SheetCells(ws.title, cells, source))
    finally:
        wb.close()
    if not sheets:
        raise PwsError("xlsx_semua_kosong", path=path)
    return sheets


def _read_xlsx(path: Path) -> TableRead:
    from openpyxl.utils.cell import get_column_letter

    wb = _open_workbook(path)
    try:
        ws = wb.worksheets[0]
        cells, merges, source = _sheet_cells(path, ws)
    finally:
        wb.close()
    if not cells:
        if len(wb.sheetnames) > 1:
            raise PwsError("lembar_kosong_ada_lain", source=source, lain=", ".join(wb.sheetnames[1:]))
        raise PwsError("lembar_kosong", source=source)
    _fill_merged(cells, merges)
    first, last = _header_rows(cells, merges, source)
    width = max(max(v) for v in cells.values())
    header = [_header_join([cells.get(r, {}).get(c) for r in range(first, last + 1)]) for c in range(1, width + 1)]
    data_rows = sorted(r for r in cells if r > last)
    uncached = [(r, c) for r in range(first, data_rows[-1] + 1 if data_rows else last + 1)
                for c, v in cells.get(r, {}).items() if isinstance(v, _Uncached)]
    if uncached:
        listed = ", ".join(f"{get_column_letter(c)}{r} ({cells[r][c].formula})" for r, c in uncached[:_MAX_LISTED])
        raise PwsError("rumus_tanpa_nilai", source=source, n=len(uncached), sel=listed + (" …" if len(uncached) > _MAX_LISTED else ""),
                       baris=uncached[0][0])
    used = [c for c in range(1, width + 1) if header[c - 1] or any(c in cells[r] for r in data_rows)]
    columns = _column_names([header[c - 1] for c in used], source, letters=[get_column_letter(c) for c in used])
    arrays = [pa.array([_cell_text(cells[r].get(c)) for r in data_rows], pa.string()) for c in used]
    table = pa.table(arrays, names=columns) if used else pa.table({})
    return TableRead(table, np.array(data_rows, dtype=np.int64), [], source=source)


_MAX_MERGE_FILL = 1_000_000  # cells a merged range may fill (a whole-column merge would be millions)


def _fill_merged(cells: dict[int, dict[int, object]], merges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value of its top-left cell, as the sheet shows it."""
    last_row = max(cells)
    for min_col, min_row, max_col, max_row in merges:
        value = cells.get(min_row, {}).get(min_col)
        if value is None:
            continue
        max_row = min(max_row, last_row)
        if (max_row - min_row + 1) * (max_col - min_col + 1) > _MAX_MERGE_FILL:
            continue
        for r in range(min_row, max_row + 1):
            row = cells.setdefault(r, {})
            for c in range(min_col, max_col + 1):
                row[c] = value


def _header_rows(cells, merges, source: str) -> tuple[int, int]:
    """First and last row of the header: title rows above it are skipped.

    The header starts at the first row with two different values (a title merged
    across the sheet shows one); a label merged across columns in it (a group over
    its sub-columns) or merged down makes the header span the rows below it.
    """
    rows = sorted(cells)
    width = max(max(v) for v in cells.values())
    first = None
    for r in rows[:_HEADER_SEARCH_ROWS]:
        distinct = {_header_text(v) for v in cells[r].values()} - {""}
        if len(distinct) >= 2 or (width == 1 and distinct):
            first = r
            break
    if first is None:
        raise PwsError("tanpa_baris_judul", source=source, n=_HEADER_SEARCH_ROWS)
    last = first
    for _ in range(3):  # a header of at most four rows
        grown = last
        for min_col, min_row, max_col, max_row in merges:
            if first <= min_row <= last:
                grown = max(grown, max_row)
                if max_col > min_col:
                    grown = max(grown, min_row + 1)
        if grown == last:
            break
        last = grown
    return first, last


def _header_join(parts: list[object]) -> str:
    out: list[str] = []
    for p in parts:
        text = _header_text(p)
        if text and (not out or out[-1] != text):
            out.append(text)
    return "_".join(out)


def _cell_text(value: object) -> str | None:
    """A cell as text: integers without ``.0``, dates as ``YYYY-MM-DD``, empty as ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _Uncached):
        return value.formula
    return str(value).strip() or None

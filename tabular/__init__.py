"""Read the tables people hand over (CSV, Excel ``.xlsx``) the same way in every import.

Every tabular import (indicators, posyandu, weekly cases) reads its file with
:func:`read_table_file` (pandas) or :func:`read_table_arrow` (Arrow, for files of
millions of rows). Both give text cells (``None`` for an empty cell) and, for every
data row, its **row number in the file** as the person sees it (header = row 1 of
a CSV; the sheet's own row numbers in Excel), so a report can say "row 14".

What is handled, so no importer has to:

* **Encoding**: UTF-8, UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), UTF-16
  with a BOM (Excel's "Unicode text"), else Windows-1252/Latin-1 (Excel's plain
  "CSV" on an Indonesian Windows). A Latin-1 body behind a UTF-8 BOM is read as
  Latin-1 without the BOM.
* **Delimiter**: ``,`` ``;`` (Excel with Indonesian number settings), tab or ``|``,
  chosen from the header line.
* **Excel**: the first sheet, read streaming (bounded memory). Title rows above
  the header are skipped; a header of merged cells (a group label over its
  sub-columns, or a label merged down over two rows) becomes one name per column,
  the parts joined by ``_`` (``K1`` over ``num`` is ``K1_num``); a cell merged over
  several data rows gives its value to each of them. Formulas give their saved
  value; a formula with no saved value (a file written by a program that does not
  calculate) is refused naming its cell, never read as text. Dates become ISO
  text ``YYYY-MM-DD``.
* **Refusals**, as :class:`errors.PwsError` naming the file, row or cell and what to
  do: empty file, binary content, an Excel workbook named ``.csv`` (or the
  reverse), old ``.xls``, rows with more or fewer cells than the header, and files
  above the size limit (:data:`MAX_CSV_BYTES`, :data:`MAX_XLSX_BYTES`; an importer
  may pass its own).

Dates in cells are parsed by :func:`parse_date` (ISO, day-first ``05/10/2026`` as
Indonesia writes it, Excel serial numbers), month names and numbers by
:func:`parse_bulan` (``Sep``, ``Agustus``, ``Des``). Forms that are not one table
(SKDR's W2) are read cell by cell with :func:`read_sheets`.
"""

from tabular.dates import parse_bulan, parse_date
from tabular.reader import (
    MAX_CSV_BYTES,
    MAX_XLSX_BYTES,
    SheetCells,
    TableRead,
    read_sheets,
    read_table_arrow,
    read_table_file,
)

__all__ = [
    "MAX_CSV_BYTES",
    "MAX_XLSX_BYTES",
    "SheetCells",
    "TableRead",
    "parse_bulan",
    "parse_date",
    "read_sheets",
    "read_table_arrow",
    "read_table_file",
]

"""Makers of broken and awkward input files, written into a test's ``tmp_path``.

Each maker writes one file and returns its path. Nothing here is committed as a
data file; the 200 MB file is sparse (a hole on disk, written in microseconds).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl


def sparse_file(path: Path, size: int = 200 * 2**20, head: bytes = b"") -> Path:
    """A file of ``size`` bytes that takes no disk space: ``head`` then a hole (NUL bytes)."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def big_text_file(path: Path, header: str, line: str, size: int = 200 * 2**20) -> Path:
    """A ``size``-byte text table: a header and copies of ``line``, written as one sparse tail.

    Only the first 1 MB is real text; the rest is a hole, so the file is as big as
    asked on every check of its size and costs nothing to make.
    """
    body = (header + "\n" + line * (2**20 // len(line))).encode()
    return sparse_file(path, size, head=body)


def write_csv(path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    """``text`` in ``encoding``, optionally behind a UTF-8 byte-order mark (as Excel writes it)."""
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def truncated(path: Path, source: Path, keep: float = 0.6) -> Path:
    """The first ``keep`` share of ``source``'s bytes (an interrupted download)."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def workbook(path: Path, rows: list[list], merges: list[str] = (), title: str | None = None) -> Path:
    """An ``.xlsx`` with ``rows`` from A1 (or below a merged ``title`` row), and merged ranges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    if title is not None:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def with_cached_values(path: Path, values: dict[str, str]) -> Path:
    """Put a calculated value into formula cells (openpyxl writes formulas without one, as scripts do).

    ``values`` maps a cell (``"B2"``) to the value Excel would have saved.
    """
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    sheet = items["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        sheet, n = re.subn(rf'(<c r="{ref}"[^>]*>(<f>[^<]*</f>))<v ?/>', rf"\1<v>{value}</v>", sheet)
        assert n == 1, ref
    items["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)
    return path

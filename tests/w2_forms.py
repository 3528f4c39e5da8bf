"""Hand-made SKDR W2 workbooks as puskesmas send them: title lines, merged group headers, desa by name."""

from __future__ import annotations

import openpyxl


def w2_sheet(sheet, puskesmas: str, week_lines: list[list], diseases: list[str], rows: list[list],
             total: bool = True) -> None:
    """Fill ``sheet``: title, puskesmas line, week line(s), a two-line header with
    ``Jumlah kasus baru`` merged over the disease names, then ``rows`` (No, desa, counts...)."""
    width = 2 + len(diseases)
    sheet.append(["LAPORAN MINGGUAN WABAH (W2)"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append([f"Puskesmas : {puskesmas}"])
    for line in week_lines:
        sheet.append(line)
    top = sheet.max_row + 1
    sheet.append(["No", "Desa/Kelurahan", "Jumlah kasus baru"] + [None] * (len(diseases) - 1))
    sheet.append([None, None] + diseases)
    sheet.merge_cells(start_row=top, start_column=3, end_row=top, end_column=width)
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    sheet.merge_cells(start_row=top, start_column=2, end_row=top + 1, end_column=2)
    for i, row in enumerate(rows, start=1):
        sheet.append([i] + row)
    if total:
        sheet.append([None, "Jumlah"] + [None] * len(diseases))


def w2_workbook(path, sheets: list[dict]) -> None:
    """One sheet per dict of :func:`w2_sheet` arguments plus ``title``."""
    wb = openpyxl.Workbook()
    for i, spec in enumerate(sheets):
        sheet = wb.active if i == 0 else wb.create_sheet()
        sheet.title = spec.pop("title", f"Minggu {i + 1}")
        w2_sheet(sheet, **spec)
    wb.save(path)

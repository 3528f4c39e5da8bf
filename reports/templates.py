"""Report templates a puskesmas fills in (``.xlsx``), that import again with no mapping.

* :func:`indicator_template`: the monthly ILP recap of one wilayah and month, one
  row per desa (code, name, periode filled in) and a pembilang/penyebut column
  pair per catalogue indicator, the indicator id merged over the pair, so the
  importer reads ``k1_pembilang``/``k1_penyebut`` (:mod:`indicators.importer`).
* :func:`w2_template`: SKDR's W2 for one wilayah and week, one row per desa and a
  column per disease under a merged "Jumlah kasus baru", read back by
  :mod:`surveillance.w2`.

Number cells accept only whole numbers ≥ 0 (an Excel data validation: the
person sees the refusal while typing, before the importer ever does).

The wilayah is a ``kode_puskesmas`` of the workspace's wilayah kerja table or,
without one, an area code (a kecamatan, kabupaten ...): its desa are the rows.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd

from errors import PwsError

TITLE_FILL = "DDEBF7"


def _desa_rows(workspace, wilayah: str) -> tuple[pd.DataFrame, str, str | None]:
    """(desa ``kode``/``nama`` sorted by code, label, puskesmas name or ``None``)."""
    from surveillance.w2 import Places, puskesmas_name

    places = Places.of_workspace(workspace)
    found = places.named_wilayah(wilayah)
    if found is None:
        raise PwsError("wilayah_tak_dikenal", wilayah=repr(wilayah))
    codes, label = found
    desa = places.desa.loc[places.desa["kode"].isin(codes)].sort_values("kode").reset_index(drop=True)
    puskesmas = None
    if places.wilayah_kerja is not None:
        rows = places.wilayah_kerja.loc[places.wilayah_kerja["kode_puskesmas"].astype(str).str.strip() == wilayah.strip()]
        if len(rows):
            puskesmas = puskesmas_name(rows["nama_puskesmas"].iloc[0])
    return desa, label, puskesmas


def _validate_counts(sheet, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           showErrorMessage=True, errorTitle="Bukan jumlah",
                           error="Isi dengan bilangan bulat 0 atau lebih (kosongkan bila tidak ada data).")
    check.add(f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}")
    sheet.add_data_validation(check)


def _title(sheet, text: str, width: int, row: int = 1) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet.cell(row=row, column=1, value=text).font = Font(bold=True, size=12)
    sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor=TITLE_FILL)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def indicator_template(workspace, wilayah: str, periode: str, path: str | Path,
                       indikator: list[str] | None = None) -> Path:
    """Write the monthly indicator recap of ``wilayah`` for ``periode`` (``YYYY-MM``) to ``path``."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from indicators.catalogue import load_catalogue
    from indicators.importer import normalise_periode

    month = normalise_periode(periode)
    if month is None:
        raise PwsError("opsi_bukan_bulan", opsi="--periode", nilai=repr(periode))
    catalogue = load_catalogue()
    ids = list(indikator) if indikator else list(catalogue.index)
    unknown = [i for i in ids if i not in catalogue.index]
    if unknown:
        raise PwsError("indikator_tak_dikenal", indikator=", ".join(unknown))
    desa, label, puskesmas = _desa_rows(workspace, wilayah)
    fixed = ["kode_desa", "nama_desa", "periode"]
    width = len(fixed) + 2 * len(ids)
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Laporan"
    _title(sheet, f"Laporan bulanan ILP — {f'Puskesmas {puskesmas}' if puskesmas else label} — {month}", width)
    bold = Font(bold=True)
    for c, name in enumerate(fixed, start=1):
        sheet.cell(row=2, column=c, value=name).font = bold
        sheet.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    for i, ind in enumerate(ids):
        c = len(fixed) + 1 + 2 * i
        sheet.cell(row=2, column=c, value=ind).font = bold
        sheet.cell(row=2, column=c).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + 1)
        sheet.cell(row=3, column=c, value="pembilang")
        sheet.cell(row=3, column=c + 1, value="penyebut")
    for r, d in enumerate(desa.itertuples(index=False), start=4):
        sheet.cell(row=r, column=1, value=d.kode)
        sheet.cell(row=r, column=2, value=d.nama)
        sheet.cell(row=r, column=3, value=month)
    if len(desa):
        _validate_counts(sheet, 4, 3 + len(desa), len(fixed) + 1, width)
    sheet.freeze_panes = "D4"
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 15, 22
    guide = wb.create_sheet("Petunjuk")
    guide.append(["indikator", "nama", "pembilang", "penyebut", "satuan"])
    for ind in ids:
        row = catalogue.loc[ind]
        guide.append([ind, row["nama"], row["pembilang"], row["penyebut"], row["satuan"]])
    guide.append([])
    guide.append(["Isi pembilang dan penyebut dengan bilangan bulat ≥ 0. Biarkan kedua sel kosong bila tidak ada "
                  "data (kosong berarti tidak ada data, bukan nol). Jangan ubah kode_desa dan baris judul."])
    return _save(wb, path)


def w2_template(workspace, wilayah: str, minggu: str, path: str | Path) -> Path:
    """Write SKDR's W2 form of ``wilayah`` for the ISO week ``minggu`` (``2026-W40``) to ``path``."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from surveillance.catalogue import _diseases
    from surveillance.w2 import CODE_LABEL, DESA_LABEL, GROUP_LABEL
    from surveillance.weeks import parse_week, week_start

    week = parse_week(minggu)
    if week is None or "W" not in str(minggu).upper():
        raise PwsError("bukan_minggu_iso", opsi="--minggu", nilai=repr(minggu))
    desa, label, puskesmas = _desa_rows(workspace, wilayah)
    diseases = _diseases()
    width = 3 + len(diseases)
    monday = week_start(week)
    sunday_before, saturday = monday - timedelta(days=1), monday + timedelta(days=5)  # SKDR's Sunday–Saturday
    year, number = week.split("-W")
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = f"Minggu {int(number)}"
    _title(sheet, "LAPORAN MINGGUAN WABAH (W2)", width)
    sheet.append([f"Puskesmas : {puskesmas}" if puskesmas else f"Wilayah : {label}"])
    sheet.append([f"Minggu ke- {int(number)} Tahun {year}"])
    sheet.append([f"Tanggal {sunday_before:%d/%m/%Y} s/d {saturday:%d/%m/%Y}"])
    top = 5
    bold = Font(bold=True)
    for c, name in enumerate(["No", CODE_LABEL, DESA_LABEL], start=1):
        sheet.cell(row=top, column=c, value=name).font = bold
        sheet.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    sheet.cell(row=top, column=4, value=GROUP_LABEL).font = bold
    sheet.cell(row=top, column=4).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=top, start_column=4, end_row=top, end_column=width)
    for c, d in enumerate(diseases.itertuples(index=False), start=4):
        cell = sheet.cell(row=top + 1, column=c, value=f"{d.kode_skdr}. {d.nama}" if d.kode_skdr else d.nama)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, d in enumerate(desa.itertuples(index=False), start=1):
        sheet.append([i, d.kode, d.nama])
    if len(desa):
        _validate_counts(sheet, top + 2, top + 1 + len(desa), 4, width)
    sheet.freeze_panes = sheet.cell(row=top + 2, column=4)
    sheet.column_dimensions["B"].width, sheet.column_dimensions["C"].width = 15, 22
    return _save(wb, path)


def _save(wb, path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise PwsError("templat_xlsx", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path

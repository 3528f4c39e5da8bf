"""The shared table reader: encodings, delimiters, Excel headers and formulas, row numbers, refusals."""

from __future__ import annotations

import csv
import io
import time
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broken_files import big_text_file, sparse_file, truncated, with_cached_values, workbook, write_csv
from errors import PwsError
from tabular import MAX_CSV_BYTES, parse_date, read_table_file


def cells(frame):
    return frame.to_numpy().tolist()


# -- CSV ---------------------------------------------------------------------------------

def test_latin1_behind_a_utf8_bom_reads_names_and_drops_the_bom(tmp_path):
    # 0xED is 'í' in cp1252/Latin-1; the BOM must not end up in the first column name.
    path = write_csv(tmp_path / "a.csv", "kode_desa;nama\n1906012004;Kelubí\n", encoding="cp1252", bom=True)
    frame, rows = read_table_file(path)
    assert list(frame.columns) == ["kode_desa", "nama"]
    assert cells(frame) == [["1906012004", "Kelubí"]]
    assert rows.tolist() == [2]


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp1252", False), ("utf-16", False)])
def test_each_encoding_gives_the_same_cells(tmp_path, encoding, bom):
    text = "id\tnama\nP1\tPosyandu Melati Ñ\nP2\tSumber Rejeki\n"
    frame, rows = read_table_file(write_csv(tmp_path / "a.tsv", text, encoding=encoding, bom=bom))
    assert cells(frame) == [["P1", "Posyandu Melati Ñ"], ["P2", "Sumber Rejeki"]]
    assert rows.tolist() == [2, 3]


def test_blank_lines_are_skipped_but_every_row_keeps_its_line_number(tmp_path):
    text = "a,b\n1,x\n\n , \n2,\"y, z\"\n3,w\n\n"
    frame, rows = read_table_file(write_csv(tmp_path / "a.csv", text))
    assert cells(frame) == [["1", "x"], ["2", "y, z"], ["3", "w"]]
    assert rows.tolist() == [2, 5, 6]


def test_empty_cells_are_none_and_cells_are_stripped(tmp_path):
    frame, _ = read_table_file(write_csv(tmp_path / "a.csv", "a,b,c\n 1 ,,x\n"))
    assert cells(frame) == [["1", None, "x"]]


def test_rows_with_the_wrong_cell_count_are_named_by_line(tmp_path):
    path = write_csv(tmp_path / "a.csv", "a,b\n1,2\n3,4,5\n6,7\n8\n")
    with pytest.raises(PwsError) as err:
        read_table_file(path)
    assert "baris 3, 5" in str(err.value) and "a.csv" in str(err.value)
    assert "row(s) 3, 5" in err.value.text("en")
    read = read_table_file(path, allow_malformed=True)
    assert read.malformed == [3, 5]
    assert cells(read.frame) == [["1", "2"], ["6", "7"]]
    assert read.rows.tolist() == [2, 4]


def test_repeated_and_blank_header_names_are_made_unique(tmp_path):
    frame, _ = read_table_file(write_csv(tmp_path / "a.csv", "jumlah,,Jumlah\n1,2,3\n"))
    assert list(frame.columns) == ["jumlah", "kolom_2", "Jumlah_2"]


@pytest.mark.parametrize("content,expected", [
    (b"", "kosong (0 byte)"),
    (b"\n\nkode,nama\n", "baris pertama kosong"),
    (b"PK\x03\x04rest of a zip", "buku kerja Excel atau arsip zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel lama (.xls)"),
    (b"kode\x00\x00\x01\x02", "data biner"),
])
def test_files_that_are_not_csv_text_are_refused_by_name(tmp_path, content, expected):
    path = tmp_path / "laporan.csv"
    path.write_bytes(content)
    with pytest.raises(PwsError) as err:
        read_table_file(path)
    assert expected in str(err.value) and "laporan.csv" in str(err.value)


def test_a_200_mb_file_is_refused_before_reading(tmp_path):
    path = big_text_file(tmp_path / "besar.csv", "kode_desa,periode", "1906012004,2025-03\n")
    assert path.stat().st_size == 200 * 2**20 > MAX_CSV_BYTES
    started = time.perf_counter()
    with pytest.raises(PwsError) as err:
        read_table_file(path)
    assert time.perf_counter() - started < 1.0  # refused from its size, not after reading it
    assert "200 MB" in str(err.value) and "100 MB" in str(err.value) and "besar.csv" in str(err.value)


def test_an_importer_can_raise_the_limit_and_give_its_own_advice(tmp_path):
    path = sparse_file(tmp_path / "a.csv", 2048, head=b"a,b\n1,2\n")
    with pytest.raises(PwsError, match="use Parquet"):
        read_table_file(path, max_bytes=1024, too_big_hint="use Parquet")


def test_unknown_and_old_formats_say_what_to_save_as(tmp_path):
    for name, expected in [("a.xls", "simpan sebagai .xlsx"), ("a.ods", "berkas '.ods' tidak bisa dibaca")]:
        path = tmp_path / name
        path.write_bytes(b"x")
        with pytest.raises(PwsError, match=expected):
            read_table_file(path)
    with pytest.raises(PwsError, match="tidak ditemukan"):
        read_table_file(tmp_path / "absent.csv")


# -- Excel ----------------------------------------------------------------------------

def test_excel_title_and_merged_two_row_header_become_one_name_per_column(tmp_path):
    # Row 1: a title merged across the sheet; rows 3-4: kode_desa and periode merged
    # down, 'K1' merged over its num/den sub-columns.
    path = workbook(tmp_path / "k1.xlsx", [
        ["kode_desa", "periode", "K1", None, "tanggal"],
        [None, None, "num", "den", None],
        ["1906012004", datetime(2026, 10, 1), 4, 52, 46300],
        ["1906012005", "2026-10", 5.0, 60.5, None],
    ], merges=["A1:E1", "A3:A4", "B3:B4", "C3:D3", "E3:E4"], title="LAPORAN BULANAN PUSKESMAS MANGGAR")
    frame, rows = read_table_file(path)
    assert list(frame.columns) == ["kode_desa", "periode", "K1_num", "K1_den", "tanggal"]
    assert cells(frame) == [["1906012004", "2026-10-01", "4", "52", "46300"],
                            ["1906012005", "2026-10", "5", "60.5", None]]
    assert rows.tolist() == [5, 6]  # the sheet's own row numbers


def test_a_cell_merged_down_over_data_rows_gives_its_value_to_each(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [["kecamatan", "desa"], ["Manggar", "Kelubi"], [None, "Lalang"]],
                    merges=["A2:A3"])
    frame, rows = read_table_file(path)
    assert cells(frame) == [["Manggar", "Kelubi"], ["Manggar", "Lalang"]]


def test_formula_without_a_saved_value_is_refused_naming_the_cell(tmp_path):
    path = workbook(tmp_path / "rumus.xlsx", [["kode_desa", "pembilang", "penyebut"],
                                              ["1906012004", 4, 52], ["1906012005", "=B3*2", 60]])
    with pytest.raises(PwsError) as err:
        read_table_file(path)
    message = str(err.value)
    assert "rumus.xlsx" in message and "B3 (=B3*2)" in message and "baris 3" in message


def test_formula_with_a_saved_value_reads_the_value(tmp_path):
    path = workbook(tmp_path / "rumus.xlsx", [["kode_desa", "pembilang"], ["1906012004", "=2*2"]])
    with_cached_values(path, {"B2": "4"})
    frame, _ = read_table_file(path)
    assert cells(frame) == [["1906012004", "4"]]


def test_the_openpyxl_internals_the_reader_uses_are_those_it_was_checked_against(tmp_path):
    # tabular/reader.py reaches into openpyxl's private streaming reader (why: OPENPYXL_CHECKED's docstring).
    # On an upgrade this fails before any import silently reads merged headers or formulas wrongly.
    import inspect

    import openpyxl
    from openpyxl.worksheet import _reader

    from tabular.reader import OPENPYXL_CHECKED

    assert openpyxl.__version__.rsplit(".", 1)[0] == OPENPYXL_CHECKED, (
        f"openpyxl {openpyxl.__version__}: check tabular/reader.py's private openpyxl use against it, then update "
        "OPENPYXL_CHECKED")
    assert _reader.FORMULA_TAG.endswith("}f")
    assert list(inspect.signature(_reader.WorkSheetParser).parameters)[:2] == ["src", "shared_strings"]
    assert {"data_only", "epoch", "date_formats", "timedelta_formats"} <= set(
        inspect.signature(_reader.WorkSheetParser).parameters)
    path = workbook(tmp_path / "a.xlsx", [["a", "b"], [1, 2]], merges=["A1:B1"])
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        assert wb._archive.getinfo(ws._worksheet_path).file_size > 0
        assert isinstance(wb._date_formats, set) and isinstance(wb._timedelta_formats, set)
        with ws._get_source() as src:
            parser = _reader.WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                             date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
            rows = list(parser.parse())
        number, last = rows[-1]
        assert number == 2 and [(c["column"], c["value"]) for c in last] == [(1, 1), (2, 2)]
        assert [str(m.ref) for m in parser.merged_cells.mergeCell] == ["A1:B1"]
    finally:
        wb.close()


def test_a_sheet_too_big_to_read_at_once_is_refused_by_its_unpacked_size(tmp_path, monkeypatch):
    import tabular.reader

    path = workbook(tmp_path / "besar.xlsx", [["a", "b"], [1, 2]])
    monkeypatch.setattr(tabular.reader, "MAX_SHEET_XML_BYTES", 100)
    with pytest.raises(PwsError, match="besar.xlsx.*terurai menjadi"):
        read_table_file(path)


def test_damaged_workbooks_are_refused_without_a_traceback(tmp_path):
    good = workbook(tmp_path / "good.xlsx", [["a", "b"], [1, 2]])
    for name, expected in [("potong.xlsx", "rusak atau tidak lengkap"), ("teks.xlsx", "bukan buku kerja .xlsx")]:
        path = truncated(tmp_path / name, good) if name == "potong.xlsx" else write_csv(tmp_path / name, "a,b\n1,2\n")
        with pytest.raises(PwsError, match=expected):
            read_table_file(path)


def test_a_workbook_with_only_a_title_has_no_header(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [[None, None, None, "dicetak 2026"]], title="LAPORAN", merges=["A1:C1"])
    with pytest.raises(PwsError, match="tidak ada baris judul kolom"):
        read_table_file(path)


# -- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2026-10-05", "2026/10/05", "05/10/2026", "5-10-2026", "05.10.2026",
                                   46300, 46300.0, "46300", datetime(2026, 10, 5, 8, 30), date(2026, 10, 5),
                                   "2026-10-05 00:00:00"])
def test_dates_in_the_usual_ways_are_the_fifth_of_october(value):
    assert parse_date(value) == date(2026, 10, 5)


@pytest.mark.parametrize("value", ["05/10/26", "Oktober 2026", "2026-13-01", "30/02/2026", 12, 202610, True, None, "", 1.5])
def test_things_that_are_not_clearly_dates_are_none(value):
    assert parse_date(value) is None


# -- properties ----------------------------------------------------------------------------

# No byte of these characters in cp1252 is a UTF-8 continuation byte, so a cp1252 file of
# them is never mistaken for UTF-8 (which is the only way detection could be wrong).
_TEXT = st.text(alphabet=st.sampled_from(list("abcXYZ019 .,;\t|\"'-_/éíóúñÑü")), max_size=8)
_NAMES = st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True), min_size=2, max_size=5, unique=True)


@st.composite
def _tables(draw):
    names = draw(_NAMES)
    rows = draw(st.lists(st.lists(_TEXT, min_size=len(names), max_size=len(names)), max_size=12))
    return names, rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=_tables(), delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]), bom=st.booleans())
def test_any_table_written_by_csv_comes_back_cell_for_cell_with_its_line_numbers(tmp_path, table, delimiter, encoding, bom):
    names, rows = table
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    path = tmp_path / "t.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom and encoding == "cp1252" else b"") + out.getvalue().encode(encoding))
    frame, numbers = read_table_file(path)
    expected = [(i + 2, [c.strip() or None for c in row]) for i, row in enumerate(rows) if any(c.strip() for c in row)]
    assert list(frame.columns) == names
    assert cells(frame) == [row for _, row in expected]
    assert numbers.tolist() == [n for n, _ in expected]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_arbitrary_bytes_never_give_a_traceback(tmp_path, data, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    try:
        frame, rows = read_table_file(path)
    except PwsError as exc:
        assert str(path) in str(exc)
    else:
        assert len(frame) == len(rows)

"""Dates as they appear in Indonesian spreadsheets and CSV exports."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug accounted for)
# Serial numbers accepted as dates: 2000-01-01 .. 2100-12-31. Outside that a number is
# more likely a count or a code than a date, so it is not guessed to be one.
_SERIAL_MIN, _SERIAL_MAX = 36526, 73415
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")


def parse_date(value: object) -> date | None:
    """A calendar date from a cell, or ``None`` when the cell is not clearly a date.

    Understood: date/datetime cells; ISO text ``2026-10-05`` (also with ``/`` or a
    time); day-first text ``05/10/2026``, ``5-10-2026``, ``05.10.2026`` (the
    Indonesian order: 5 October); Excel serial numbers of the years 2000-2100
    (``46300``), as numbers or text. Two-digit years and month names are not guessed.

    >>> parse_date("2026-10-05"), parse_date("05/10/2026"), parse_date(46300)
    (datetime.date(2026, 10, 5), datetime.date(2026, 10, 5), datetime.date(2026, 10, 5))
    >>> parse_date("46300.0"), parse_date("31/02/2026"), parse_date("05/10/26"), parse_date(12)
    (datetime.date(2026, 10, 5), None, None, None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_serial(value)
    text = str(value).strip()
    if _SERIAL.match(text):
        return _from_serial(float(text))
    m = _ISO.match(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    m = _DAY_FIRST.match(text)
    if m:
        return _make(int(m[3]), int(m[2]), int(m[1]))
    return None


def _from_serial(number: float) -> date | None:
    if number != number or not float(number).is_integer() or not _SERIAL_MIN <= number <= _SERIAL_MAX:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(number))


def _make(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_MONTHS = {
    1: ("januari", "january", "jan"),
    2: ("februari", "pebruari", "february", "feb", "peb"),
    3: ("maret", "march", "mar"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "august", "agu", "agt", "ags", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "december", "des", "dec"),
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}


def parse_bulan(value: object) -> int | None:
    """Month number 1–12 from a number or an Indonesian/English name or abbreviation.

    >>> [parse_bulan(v) for v in ["9", "09", 9.0, "Sep", "September", "Agustus", "Agu", "Des", "okt."]]
    [9, 9, 9, 9, 9, 8, 8, 12, 10]
    >>> parse_bulan("13") is None, parse_bulan("Maretan") is None, parse_bulan(None) is None
    (True, True, True)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip().lower().rstrip(".")
    if re.fullmatch(r"\d{1,2}(\.0+)?", text):
        number = int(float(text))
        return number if 1 <= number <= 12 else None
    return _MONTH_OF.get(text)

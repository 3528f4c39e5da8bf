"""Epidemiological weeks: ISO 8601 weeks, Monday to Sunday, written ``2026-W40``.

Convention
----------
Every weekly count in a workspace is labelled with an **ISO 8601 week**
(``YYYY-Www``): weeks run Monday to Sunday and week 1 is the week holding the
year's first Thursday, so a year has 52 or 53 weeks and the days around New
Year may belong to the neighbouring year's week (``2027-01-01`` is in
``2026-W53``). A date in an import file is assigned to the ISO week holding it.

SKDR (Sistem Kewaspadaan Dini dan Respon) collects its weekly report over
Sunday to Saturday (Pedoman SKDR 2014). An SKDR week therefore shares six of its
seven days with one ISO week, the one holding its Monday; with
``convention="skdr"`` a date is assigned to that ISO week (the date moved one
day forward), so a Sunday counts with the following Monday to Saturday, as SKDR
counts it. SKDR's own week *numbers* are not read: give dates (or ISO weeks)
instead, because SKDR numbering per year is set by its calendar, not by ISO.

Week arithmetic uses an integer index (:func:`week_index`): the Monday's
ordinal day divided by 7, so consecutive weeks differ by exactly 1 across year
ends and 53-week years.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from tabular.dates import parse_date

_ISO_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")
CONVENTIONS = ("iso", "skdr")


def format_week(year: int, week: int) -> str:
    """``2026-W04`` for year 2026, week 4."""
    return f"{year:04d}-W{week:02d}"


def week_of_date(day: date, convention: str = "iso") -> str:
    """ISO week label of a date.

    Parameters
    ----------
    day : the date.
    convention : ``"iso"`` (Monday–Sunday) or ``"skdr"`` (Sunday–Saturday report
        week, labelled by the ISO week of its Monday).

    >>> week_of_date(date(2026, 10, 1))
    '2026-W40'
    >>> week_of_date(date(2027, 1, 1))
    '2026-W53'
    >>> week_of_date(date(2026, 10, 4)), week_of_date(date(2026, 10, 4), "skdr")
    ('2026-W40', '2026-W41')
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown week convention {convention!r}; use one of {', '.join(CONVENTIONS)}")
    if convention == "skdr":
        day = day + timedelta(days=1)
    year, week, _ = day.isocalendar()
    return format_week(year, week)


def parse_week(value: object, convention: str = "iso") -> str | None:
    """Normalise a week cell to ``YYYY-Www``; ``None`` when it is not a week or a date.

    Accepts ISO week text (``2026-W40``, ``2026W40``, ``2026-w4``), dates
    (``2026-10-01``, ``01/10/2026`` read day first as Indonesian files write
    them, ``datetime``/``Timestamp`` cells from Excel, Excel serial numbers
    such as ``46296``).

    >>> parse_week("2026w4"), parse_week("2026-10-01"), parse_week("01/10/2026"), parse_week("46296")
    ('2026-W04', '2026-W40', '2026-W40', '2026-W40')
    >>> parse_week("2026-W54") is None, parse_week("minggu 3") is None
    (True, True)
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, (datetime, pd.Timestamp)):
        return week_of_date(value.date(), convention)
    if isinstance(value, date):
        return week_of_date(value, convention)
    text = str(value).strip()
    m = _ISO_WEEK.match(text)
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        if 1 <= week <= weeks_in_year(year):
            return format_week(year, week)
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y"):
        try:
            return week_of_date(datetime.strptime(text, fmt).date(), convention)
        except ValueError:
            continue
    day = parse_date(text)  # an Excel serial number (46300), other separators
    return week_of_date(day, convention) if day else None


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December.

    >>> weeks_in_year(2026), weeks_in_year(2027)
    (53, 52)
    """
    return date(year, 12, 28).isocalendar()[1]


def week_start(minggu: str) -> date:
    """Monday of an ISO week.

    >>> week_start("2026-W01")
    datetime.date(2025, 12, 29)
    """
    m = _ISO_WEEK.match(minggu)
    if not m:
        raise ValueError(f"not an ISO week: {minggu!r} (write it as 2026-W40)")
    return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)


def week_index(minggu: str) -> int:
    """Consecutive integer for a week (differences are numbers of weeks).

    >>> week_index("2027-W01") - week_index("2026-W53")
    1
    """
    return week_start(minggu).toordinal() // 7


def week_from_index(index: int) -> str:
    """Inverse of :func:`week_index`.

    >>> week_from_index(week_index("2026-W40"))
    '2026-W40'
    """
    monday = date.fromordinal(int(index) * 7 + 1)  # ordinal 1 (0001-01-01) is a Monday
    return week_of_date(monday)


def shift_week(minggu: str, weeks: int) -> str:
    """The week ``weeks`` after (negative: before) ``minggu``.

    >>> shift_week("2026-W52", 2)
    '2027-W01'
    """
    return week_from_index(week_index(minggu) + weeks)


def week_range(end_week: str, n_weeks: int) -> list[str]:
    """The ``n_weeks`` consecutive weeks ending with ``end_week``, oldest first.

    >>> week_range("2027-W02", 3)
    ['2026-W53', '2027-W01', '2027-W02']
    """
    end = week_index(end_week)
    return [week_from_index(i) for i in range(end - n_weeks + 1, end + 1)]


def week_index_series(weeks: pd.Series) -> np.ndarray:
    """Vectorised :func:`week_index` (each distinct label parsed once)."""
    codes, uniques = pd.factorize(weeks)
    lookup = np.array([week_index(w) for w in uniques], dtype=np.int64)
    return lookup[codes]

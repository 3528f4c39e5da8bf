"""The whole view as a small value that round-trips through the URL.

``?wilayah=19.06&indikator=k1&periode=2025-06&klasifikasi=pws&mode=presentasi&bahasa=en``
(``&jalur=puskesmas`` for the way through the puskesmas wilayah kerja, ``&label=1`` for
area labels on the map, ``&banding=2024-06`` for the change since another month) opens the same view for anyone who gets the link.
A report view (:mod:`mapdata.laporan`) is chosen as an indicator, ``?indikator=lapor_w2&periode=2026-W40``:
its ``periode`` is a week or a month as the view counts. Events (a click on the
map, a breadcrumb, a key) turn one state into the next with :func:`apply`;
:func:`resolve` fills defaults and drops what the workspace does not hold.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qs, urlencode

from errors import InvalidRequest
from geo.codes import normalise_kode
from geo.levels import parent_code
from puskesmas.table import PUSKESMAS_ID

SCHEMES = ("pws", "quantiles", "equal_interval", "fisher_jenks")
SCHEME_ALIASES = {"natural_breaks": "fisher_jenks"}
"""Old links: ``natural_breaks`` always ran Fisher-Jenks (as ``indicators.classify.SCHEME_ALIASES``;
not imported from there, which would load mapclassify with every URL parse's module)."""
"""Classification choices: PWS status colours, then mapclassify schemes."""

MODES = ("normal", "presentasi")
JALUR = ("administrasi", "puskesmas")
"""The way through the map (see :data:`mapdata.areas.JALUR`)."""
LANGUAGES = ("id", "en")

_QUERY_KEYS = {
    "wilayah": "wilayah",
    "indikator": "indikator",
    "periode": "periode",
    "klasifikasi": "klasifikasi",
    "mode": "mode",
    "bahasa": "bahasa",
    "pilih": "pilih",
    "jalur": "jalur",
    "label": "label",
    "banding": "banding",
}


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at.

    Attributes
    ----------
    wilayah : current area code (``None`` = the start area).
    indikator : catalogue id of the indicator.
    periode : month ``YYYY-MM``.
    klasifikasi : one of :data:`SCHEMES`.
    mode : ``"normal"`` or ``"presentasi"``.
    bahasa : ``"id"`` or ``"en"``.
    pilih : a child area selected in the table (trend chart, outline), or ``None``.
    jalur : ``"administrasi"`` (kecamatan under the kabupaten) or ``"puskesmas"``
        (puskesmas wilayah kerja under the kabupaten).
    label : area name and value written on the map (``label=1`` in the URL).
    banding : a second month ``YYYY-MM``: the map shows the change from it to
        ``periode`` (a diverging choropleth), the table both values; ``None`` = no comparison.
    """

    wilayah: str | None = None
    indikator: str | None = None
    periode: str | None = None
    klasifikasi: str = "pws"
    mode: str = "normal"
    bahasa: str = "id"
    pilih: str | None = None
    jalur: str = "administrasi"
    label: bool = False
    banding: str | None = None


def parse_query(search: str | None) -> ViewState:
    """State from a URL query string (with or without the leading ``?``).

    Unknown keys are ignored and bad values fall back to defaults.

    >>> parse_query("?wilayah=19.06&mode=presentasi&bahasa=xx")
    ViewState(wilayah='19.06', indikator=None, periode=None, klasifikasi='pws', mode='presentasi', bahasa='id', pilih=None, jalur='administrasi', label=False, banding=None)
    """
    if search is not None and not isinstance(search, str):
        raise InvalidRequest(f"the URL's search must be text, not {type(search).__name__}")
    q = parse_qs((search or "").lstrip("?"))
    get = lambda key: (q.get(key) or [None])[0] or None  # noqa: E731
    state = ViewState(
        wilayah=_code_or_none(get("wilayah")),
        indikator=get("indikator"),
        periode=get("periode"),
        klasifikasi=_scheme(get("klasifikasi")),
        mode=get("mode") if get("mode") in MODES else "normal",
        bahasa=get("bahasa") if get("bahasa") in LANGUAGES else "id",
        pilih=_code_or_none(get("pilih")),
        jalur=get("jalur") if get("jalur") in JALUR else "administrasi",
        label=get("label") == "1",
        banding=_month_or_none(get("banding")),
    )
    return state


ALERT_KEY = "peringatan"
"""A link's request to show one alert (``?...&peringatan=<ref>``: the e-mail links, :func:`notify.mail.alert_link`)."""


def asked_alert(search: str | None) -> str | None:
    """The alert a link asks to show: ``peringatan``'s :func:`~surveillance.response.alert_ref` (or an alert id, as
    the first e-mails wrote it); ``None`` for none or anything else.

    Not part of the view: the page shows that alert first in the alert list
    until the next action, whose URL (:func:`to_query`) leaves it out. Only
    the reader's own alerts are looked up with it.

    >>> asked_alert("?wilayah=19.06.01&peringatan=a6a4dbb256005beb827"), asked_alert("?peringatan=x'%3B")
    ('a6a4dbb256005beb827', None)
    >>> asked_alert("?peringatan=desa%3A2026-W47%3Adiare_akut%3A29.01.06.2004")
    'desa:2026-W47:diare_akut:29.01.06.2004'
    """
    from surveillance.response import ID_PATTERN, REF_PATTERN

    if search is not None and not isinstance(search, str):
        raise InvalidRequest(f"the URL's search must be text, not {type(search).__name__}")
    value = (parse_qs((search or "").lstrip("?")).get(ALERT_KEY) or [None])[0]
    if value and (re.fullmatch(REF_PATTERN, value) or re.fullmatch(ID_PATTERN, value)):
        return value
    return None


def to_query(state: ViewState) -> str:
    """URL query string (with ``?``) holding every non-default field.

    >>> to_query(ViewState(wilayah="19.06", indikator="k1", mode="presentasi"))
    '?wilayah=19.06&indikator=k1&mode=presentasi'
    >>> to_query(ViewState(label=True, banding="2024-06"))
    '?label=1&banding=2024-06'
    """
    default = ViewState()
    pairs = [(key, "1" if v is True else v) for key, v in asdict(state).items()
             if v is not None and v != getattr(default, key)]
    return "?" + urlencode(pairs, safe=".") if pairs else ""


def _scheme(value: str | None) -> str:
    """A URL's classification, old names mapped to the scheme they meant.

    >>> _scheme("natural_breaks"), _scheme("fisher_jenks"), _scheme("kmeans")
    ('fisher_jenks', 'fisher_jenks', 'pws')
    """
    value = SCHEME_ALIASES.get(value, value)
    return value if value in SCHEMES else "pws"


def _month_or_none(value: str | None) -> str | None:
    """A ``YYYY-MM`` month, or ``None`` for anything else.

    >>> _month_or_none("2024-06"), _month_or_none("2024-13"), _month_or_none("juni")
    ('2024-06', None, None)
    """
    if not value or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return None
    return value


def _code_or_none(value: str | None) -> str | None:
    # dotted Kemendagri codes as written by to_query, or a plain puskesmas id; anything else is ignored
    if not value:
        return None
    return value if normalise_kode(value) == value or PUSKESMAS_ID.fullmatch(value) else None


def resolve(state: ViewState, *, known, start: str | None, indicators: list[str], periods: list[str],
            data_periods: dict[str, list[str]] | None = None,
            parent=lambda kode, jalur: parent_code(kode), jalur=lambda kode, jalur: jalur,
            own_periods=lambda indikator: None) -> ViewState:
    """Fill defaults and drop what the workspace does not hold.

    A view opened without an indicator or period shows one that has data: a
    kabupaten that imported one month of K1 opens on K1 in that month, not on
    the catalogue's first indicator as a grey map.

    Parameters
    ----------
    known : ``known(kode) -> bool``, whether an area code exists.
    start : area shown when ``wilayah`` is unset or unknown.
    indicators : catalogue ids in display order.
    periods : months with data, oldest first.
    data_periods : ``{indicator: months with its data}``; the default indicator
        is the first in ``indicators`` with data, the default period its latest
        month (without this: the first indicator and the latest month).
    parent : ``parent(kode, jalur)``, the area one step up on that path.
    jalur : ``jalur(wilayah, jalur)``, the path in force there (a workspace
        without wilayah kerja has only ``administrasi``).
    own_periods : ``own_periods(indikator) -> (periods, default) | None``: a
        report view's own periods (weeks or months) and the one it opens on;
        ``None`` for a catalogue indicator. A view has no comparison month.
        Switching between weekly and monthly keeps the time: a month opens on its
        last week, a week on its month (:func:`mapdata.laporan.carried_period`).

    >>> s = resolve(ViewState(), known=lambda k: True, start="19", indicators=["a", "k1"],
    ...             periods=["2026-08", "2026-09"], data_periods={"k1": ["2026-08"]})
    >>> s.indikator, s.periode
    ('k1', '2026-08')
    """
    data_periods = data_periods or {}
    wilayah = state.wilayah if state.wilayah is not None and known(state.wilayah) else start
    path = jalur(wilayah, state.jalur)
    pilih = state.pilih if state.pilih is not None and known(state.pilih) and parent(state.pilih, path) == wilayah else None
    if state.indikator in indicators:
        indikator = state.indikator
    else:
        with_data = [i for i in indicators if data_periods.get(i)]
        indikator = (with_data or indicators or [None])[0]
    from .laporan import carried_period

    view = own_periods(indikator)
    if view is not None:
        allowed, default = view
        periode = state.periode if state.periode in allowed else (carried_period(indikator, state.periode, allowed)
                                                                   or default)
        return replace(state, wilayah=wilayah, pilih=pilih, indikator=indikator, periode=periode, jalur=path,
                       banding=None)
    own = data_periods.get(indikator) or periods
    periode = state.periode if state.periode in periods else (carried_period(indikator, state.periode, periods)
                                                               or (own[-1] if own else None))
    banding = state.banding if state.banding in periods and state.banding != periode else None
    return replace(state, wilayah=wilayah, pilih=pilih, indikator=indikator, periode=periode, jalur=path,
                   banding=banding)


def drill(state: ViewState, kode: str | None) -> ViewState:
    """Go into area ``kode`` (a click on the map or a breadcrumb)."""
    if kode == state.wilayah:
        return replace(state, pilih=None)
    return replace(state, wilayah=kode, pilih=None)


def up(state: ViewState, start: str | None, parent=lambda kode, jalur: parent_code(kode)) -> ViewState:
    """One level up (``parent(kode, jalur)``), but never above the start area.

    >>> up(ViewState(wilayah="19.06.01"), start="19").wilayah
    '19.06'
    >>> up(ViewState(wilayah="19"), start="19").wilayah
    '19'
    """
    w = state.wilayah
    if w is None or w == start:
        return replace(state, pilih=None)
    above = parent(w, state.jalur)
    if start is not None and not (w.startswith(start + ".") or (above or "").startswith(start)):
        return replace(state, wilayah=start, pilih=None)
    return replace(state, wilayah=above, pilih=None)


def step_indicator(state: ViewState, indicators: list[str], step: int) -> ViewState:
    """The next (``step=1``) or previous (``-1``) indicator, wrapping round.

    >>> step_indicator(ViewState(indikator="b"), ["a", "b", "c"], 1).indikator
    'c'
    >>> step_indicator(ViewState(indikator="a"), ["a", "b", "c"], -1).indikator
    'c'
    """
    if not indicators:
        return state
    i = indicators.index(state.indikator) if state.indikator in indicators else -step
    return replace(state, indikator=indicators[(i + step) % len(indicators)])


def toggle_mode(state: ViewState) -> ViewState:
    """Switch presentation mode on or off."""
    return replace(state, mode="normal" if state.mode == "presentasi" else "presentasi")


def select(state: ViewState, kode: str | None) -> ViewState:
    """Select a child area of the current one (table row), or clear the selection."""
    return replace(state, pilih=kode if kode != state.pilih else None)


def with_field(state: ViewState, name: str, value) -> ViewState:
    """State with one field set from a control (a cleared control keeps the old value)."""
    if value is None or value == "":
        return state
    return replace(state, **{name: value})

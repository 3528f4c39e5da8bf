"""What each user action does to the view (pure; the state callback dispatches here)."""

from __future__ import annotations

from dataclasses import replace

from errors import InvalidRequest

from . import areas, laporan
from .options import page_options
from .store import MapData
from .viewstate import ViewState, drill, select, step_indicator, toggle_mode, up, with_field

EVENTS = ("klik", "crumb", "klaster", "indikator", "periode", "klasifikasi", "bahasa", "mode", "naik", "berikut", "sebelum",
          "tabel", "jalur", "label", "banding")


def on_event(md: MapData, state: ViewState, event: str, value=None) -> ViewState:
    """The next view after ``event`` (one of :data:`EVENTS`) with its ``value``.

    ``klik`` drills into a clicked area, and ``tabel`` selects a row, only if
    it is drawn at the current area (a stale click does nothing); ``klaster`` keeps the indicator when it
    already belongs to the chosen klaster, else takes the klaster's first; ``periode`` takes only a period
    of the indicator's kind (a week for a weekly report view, else a month), so a picker still showing the
    other kind's periods while the page catches up cannot pull the view back.
    A value of a type no control sends raises :class:`errors.InvalidRequest`.
    """
    value = _checked(event, value)
    indicators = page_options(md)["indikator"]
    order = [i["id"] for i in indicators]
    if event == "klik":
        drawn = set(areas.children(md, state.wilayah, state.jalur)["kode"])
        return drill(state, value) if value in drawn and value != state.wilayah else state
    if event == "crumb":
        kode = value or None
        return drill(state, kode if areas.is_known(md, kode) else areas.start_area(md)) if kode else drill(state, areas.start_area(md))
    if event == "naik":
        return up(state, areas.start_area(md), parent=lambda k, jalur: areas.parent(md, k, jalur))
    if event == "klaster":
        members = [i["id"] for i in indicators if int(i["klaster"]) == value] if value is not None else []
        if not members or state.indikator in members:
            return state
        return replace(state, indikator=members[0])
    if event == "periode":
        return with_field(state, event, value) if laporan.fits(state.indikator, value) else state
    if event in ("indikator", "klasifikasi", "bahasa"):
        return with_field(state, event, value)
    if event == "mode":
        return toggle_mode(state)
    if event == "berikut":
        return step_indicator(state, order, 1)
    if event == "sebelum":
        return step_indicator(state, order, -1)
    if event == "tabel":
        # only a row the table shows: a code from elsewhere (a replayed request) selects nothing
        drawn = set(areas.children(md, state.wilayah, state.jalur)["kode"])
        return select(state, value) if value is None or value in drawn else state
    if event == "jalur":
        return switch_jalur(md, state, value)
    if event == "label":  # the toggle button's press count switches; a list or bool sets
        return replace(state, label=not state.label if isinstance(value, int) and not isinstance(value, bool) else bool(value))
    if event == "banding":
        # a month with data, or no comparison (the picker's "tidak dibandingkan" sends a value no month has)
        return replace(state, banding=value if value in page_options(md)["periode"] else None)
    raise ValueError(f"unknown event {event!r}; expected one of {', '.join(EVENTS)}")


def switch_jalur(md: MapData, state: ViewState, jalur) -> ViewState:
    """Take the other way through the map, staying where both ways meet.

    A desa and the areas from the kabupaten up are on both paths; from a
    kecamatan the puskesmas path goes to its kabupaten, from a puskesmas the
    administrative path goes to its kabupaten too.
    """
    if jalur not in areas.JALUR or jalur == state.jalur:
        return state
    w = state.wilayah
    at = areas.level(md, w)
    if (jalur == areas.PUSKESMAS and at == "kecamatan") or (jalur == areas.ADMINISTRASI and at == areas.PUSKESMAS):
        w = md.by_kode.at[w, "induk"]
    return replace(state, jalur=jalur, wilayah=w, pilih=None)


def _checked(event: str, value):
    """``value`` as the control sends it (klaster: an int), or :class:`InvalidRequest`.

    >>> _checked("klaster", "2"), _checked("klik", "19.06"), _checked("naik", 3)
    (2, '19.06', 3)
    """
    if event == "klaster" and value is not None:
        try:
            return int(value)
        except (TypeError, ValueError):
            raise InvalidRequest(f"klaster must be a number, not {value!r}") from None
    if event == "label" and not isinstance(value, (bool, int, list, type(None))):
        raise InvalidRequest(f"label must be on or off, not {type(value).__name__}")
    if event == "label" and isinstance(value, list):  # a checklist sends its checked values
        return bool(value)
    if event in ("klik", "crumb", "tabel", "indikator", "periode", "klasifikasi", "bahasa", "jalur", "banding") and not (
            value is None or isinstance(value, str)):
        raise InvalidRequest(f"{event} must be text, not {type(value).__name__}")
    return value

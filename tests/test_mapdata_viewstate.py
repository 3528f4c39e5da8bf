"""View state in the URL, and what each user action does (squares workspace)."""

from __future__ import annotations

import pytest

from mapdata.navigation import on_event
from mapdata.store import MapDataCache
from mapdata.view import current_state
from mapdata.viewstate import ViewState, parse_query, to_query
from tests.squares import build_squares_workspace


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    return MapDataCache().get(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws").root)


def test_query_round_trip():
    s = ViewState(wilayah="99.01.02", indikator="k1", periode="2025-06", klasifikasi="quantiles", mode="presentasi", bahasa="en", pilih="99.01.02.2001")
    assert parse_query(to_query(s)) == s
    assert to_query(ViewState()) == ""


def test_an_old_natural_breaks_link_opens_fisher_jenks():
    state = parse_query("?wilayah=19.06&klasifikasi=natural_breaks")
    assert state.klasifikasi == "fisher_jenks"
    assert to_query(state) == "?wilayah=19.06&klasifikasi=fisher_jenks"


def test_bad_values_fall_back():
    s = parse_query("wilayah=abc&klasifikasi=nope&mode=x&bahasa=fr&pilih=1.2.3.4.5")
    assert s == ViewState()


def test_resolve_fills_defaults_and_drops_unknown(md):
    s = current_state(md, "?wilayah=98.01&indikator=nope")
    assert s.wilayah == "99"  # unknown area -> start area
    assert s.indikator == "lapor_lengkap"  # first in the catalogue
    assert s.periode is None  # no indicator values in this workspace
    assert current_state(md, "?wilayah=99.01.02&pilih=99.02.01").pilih is None  # not a child


def test_click_drills_only_into_a_drawn_area(md):
    s = current_state(md, "")
    assert on_event(md, s, "klik", "99.02").wilayah == "99.02"
    assert on_event(md, s, "klik", "99.02.01") == s  # a stale click from another level
    desa = current_state(md, "?wilayah=99.01.01.2001")
    assert on_event(md, desa, "klik", "99.01.01.2001") == desa


def test_up_and_breadcrumb(md):
    s = current_state(md, "?wilayah=99.01.02.2001")
    assert on_event(md, s, "naik").wilayah == "99.01.02"
    assert on_event(md, current_state(md, ""), "naik").wilayah == "99"  # never above the start
    assert on_event(md, s, "crumb", "99.01").wilayah == "99.01"
    assert on_event(md, s, "crumb", None).wilayah == "99"  # "Indonesia" = the start area here


def test_klaster_keeps_or_picks_its_first_indicator(md):
    s = current_state(md, "?indikator=k1")
    assert on_event(md, s, "klaster", 2).indikator == "k1"
    assert on_event(md, s, "klaster", 1).indikator == "lapor_lengkap"


def test_arrows_step_and_mode_toggles(md):
    s = current_state(md, "?indikator=lapor_lengkap")
    assert on_event(md, s, "berikut").indikator == "posyandu_ilp"
    assert on_event(md, on_event(md, s, "sebelum"), "berikut").indikator == "lapor_lengkap"
    assert on_event(md, s, "mode").mode == "presentasi"
    assert on_event(md, on_event(md, s, "mode"), "mode").mode == "normal"


def test_table_click_selects_then_unselects(md):
    s = current_state(md, "?wilayah=99.01")
    once = on_event(md, s, "tabel", "99.01.02")
    assert once.pilih == "99.01.02"
    assert on_event(md, once, "tabel", "99.01.02").pilih is None


def test_unknown_event_says_which_are_valid(md):
    with pytest.raises(ValueError, match="klik"):
        on_event(md, ViewState(), "zoom")


def test_labels_and_comparison_round_trip_through_the_url():
    s = ViewState(wilayah="99.01", indikator="k1", periode="2025-06", label=True, banding="2024-06")
    assert to_query(s) == "?wilayah=99.01&indikator=k1&periode=2025-06&label=1&banding=2024-06"
    assert parse_query(to_query(s)) == s
    # anything but label=1 is off; a banding that is not a month is dropped
    assert parse_query("?label=yes&banding=2024-6") == ViewState()


def test_the_label_and_banding_events(tmp_path):
    md = MapDataCache().get(build_squares_workspace(tmp_path / "ws", nilai=True).root)  # months 2025-01, 2025-02
    s = ViewState(wilayah="99")
    on = on_event(md, s, "label", ["1"])
    assert on.label is True
    assert on_event(md, on, "label", []).label is False
    assert on_event(md, s, "banding", "2025-01").banding == "2025-01"
    # "tidak dibandingkan" (the picker's "-") and a month without data clear the comparison
    assert on_event(md, ViewState(banding="2025-01"), "banding", "-").banding is None
    assert on_event(md, ViewState(banding="2025-01"), "banding", "2024-06").banding is None
    from errors import InvalidRequest
    with pytest.raises(InvalidRequest):
        on_event(md, s, "banding", 5)
    assert on_event(md, s, "label", 3).label is True and on_event(md, on, "label", 4).label is False  # a press switches
    with pytest.raises(InvalidRequest):
        on_event(md, s, "label", "1")


def test_resolve_keeps_a_comparison_month_only_when_it_has_data_and_differs(tmp_path):
    from mapdata.viewstate import resolve
    kw = dict(known=lambda k: True, start="99", indicators=["k1"], periods=["2025-01", "2025-02"])
    assert resolve(ViewState(banding="2025-01"), **kw).banding == "2025-01"
    assert resolve(ViewState(banding="2025-02"), **kw).banding is None  # the period itself
    assert resolve(ViewState(banding="2023-01"), **kw).banding is None  # no data then

"""access.scope: who sees which desa and areas, on hand-made areas (no Dash, no files).

Two kabupaten in provinsi 19. Kabupaten 19.06 has kecamatan 01 (desa 2001, 2002,
2003) and 02 (desa 2001); kabupaten 19.07 has kecamatan 01 (desa 2001). Puskesmas
P1 serves 19.06.01.2001-2002, P2 serves 19.06.01.2003 and all of 19.06.02 (its
wilayah crosses a kecamatan border), P3 serves 19.07.01.2001.
"""

from __future__ import annotations

import pandas as pd
import pytest

from access.actor import Actor
from access.scope import EVERYTHING, NOTHING, scope_for

DESA = ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001", "19.07.01.2001"]
AREAS = pd.DataFrame(
    {
        "kode": ["19", "19.06", "19.07", "19.06.01", "19.06.02", "19.07.01", *DESA],
        "level": ["provinsi", "kabkota", "kabkota", "kecamatan", "kecamatan", "kecamatan", *["desa"] * len(DESA)],
    }
)
WK = pd.DataFrame(
    {
        "kode_puskesmas": ["P1", "P1", "P2", "P2", "P3"],
        "nama_puskesmas": ["Satu", "Satu", "Dua", "Dua", "Tiga"],
        "kode_desa": DESA,
    }
)


def test_admin_sees_everything():
    s = scope_for(Actor("root", "admin"), AREAS, WK)
    assert s is EVERYTHING
    assert s.shows("19.07.01.2001") and s.shows(None) and s.has_desa("19.06.02.2001")


def test_nobody_and_unknown_wilayah_see_nothing():
    assert scope_for(None, AREAS, WK) is NOTHING
    assert scope_for(Actor("x", "dinas", "19.09"), AREAS, WK) is NOTHING  # not in the workspace
    assert scope_for(Actor("x", "dinas", "19.06.01.2001"), AREAS, WK) is NOTHING  # a desa is no dinas wilayah
    assert scope_for(Actor("x", "puskesmas", "P9"), AREAS, WK) is NOTHING
    assert scope_for(Actor("x", "puskesmas", "P1"), AREAS, None) is NOTHING  # no wilayah kerja table
    assert NOTHING.empty and not NOTHING.shows("19") and not NOTHING.passes(None) and not NOTHING.has_desa(DESA[0])


def test_dinas_kabupaten_sees_its_desa_and_areas_only():
    s = scope_for(Actor("dinkes", "dinas", "19.06"), AREAS, WK)
    assert s.desa == frozenset(DESA[:4])
    assert s.areas == frozenset(["19.06", "19.06.01", "19.06.02", *DESA[:4], "P1", "P2"])
    assert s.top == "19.06" and s.above == ("19",) and s.gateways == frozenset()
    assert not s.shows("19") and not s.shows("19.07.01.2001") and not s.shows(None)
    assert s.compares("19") and not s.compares("19.07")


def test_dinas_provinsi_sees_both_kabupaten():
    s = scope_for(Actor("prov", "dinas", "19"), AREAS, WK)
    assert s.desa == frozenset(DESA) and s.top == "19" and s.above == ()
    assert {"19", "19.06", "19.07", "P3"} <= s.areas


def test_puskesmas_half_a_kecamatan_opens_on_a_gateway():
    s = scope_for(Actor("pkm1", "puskesmas", "P1"), AREAS, WK)
    assert s.desa == frozenset(["19.06.01.2001", "19.06.01.2002"])
    assert s.areas == frozenset(["19.06.01.2001", "19.06.01.2002", "P1"])
    assert s.top == "19.06.01"
    assert not s.shows("19.06.01") and s.passes("19.06.01")  # drawn only through its two desa
    assert s.gateways == frozenset(["19.06.01"])
    assert s.above == ("19", "19.06", "19.06.01")  # totals only
    assert s.compares("19.06") and not s.shows("19.06")
    assert not s.passes("19.06.01.2003") and not s.has_desa("19.06.01.2003")


def test_puskesmas_across_a_kecamatan_border():
    s = scope_for(Actor("pkm2", "puskesmas", "P2"), AREAS, WK)
    assert s.desa == frozenset(["19.06.01.2003", "19.06.02.2001"])
    assert s.top == "19.06"
    assert s.gateways == frozenset(["19.06", "19.06.01"])  # it stands on them, sees only its desa there
    assert s.shows("19.06.02")  # the whole kecamatan is its
    assert not s.shows("19.06.01") and not s.shows("19.06")
    assert s.areas == frozenset(["19.06.01.2003", "19.06.02.2001", "19.06.02", "P2"])


def test_puskesmas_opens_on_its_wilayah_kerja_when_the_workspace_holds_it():
    with_puskesmas = pd.concat([AREAS, pd.DataFrame({"kode": ["P1", "P2", "P3"], "level": ["puskesmas"] * 3})])
    s = scope_for(Actor("pkm1", "puskesmas", "P1"), with_puskesmas, WK)
    assert s.top == "P1" and s.shows("P1") and not s.shows("P2")
    assert s.above == ("19", "19.06", "19.06.01") and s.gateways == frozenset(["19.06.01"])


def test_keys_differ_between_scopes_and_repeat_for_equal_ones():
    a = scope_for(Actor("a", "puskesmas", "P1"), AREAS, WK)
    b = scope_for(Actor("b", "puskesmas", "P1"), AREAS, WK)
    c = scope_for(Actor("c", "puskesmas", "P2"), AREAS, WK)
    d = scope_for(Actor("d", "dinas", "19.06"), AREAS, WK)
    assert a.key == b.key
    assert len({a.key, c.key, d.key, EVERYTHING.key, NOTHING.key}) == 5


def test_desa_mask():
    s = scope_for(Actor("pkm3", "puskesmas", "P3"), AREAS, WK)
    got = s.desa_mask(pd.Series(DESA))
    assert got.tolist() == [False, False, False, False, True]


def test_actor_checks_its_role():
    with pytest.raises(ValueError):
        Actor("x", "tamu", "19")

"""Colours, hover text and legend from a classified frame (hand-made, documented shape)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mapdata.hideout import NODATA, NODATA_CB, PWS_COLOURS, PWS_COLOURS_CB, browser_hideout, build_hideout, palette


def frame():
    return pd.DataFrame(
        {
            "kode": ["99.01", "99.02", "99.03"],
            "nama": ["Kab A", "Kab B", "Kab C"],
            "pembilang": [45.0, 10.0, np.nan],
            "penyebut": [50.0, 40.0, np.nan],
            "nilai": [90.0, 25.0, np.nan],
            "target_bulan": [50.0, 50.0, 50.0],
            "status": ["baik", "jelek", None],
            "kelas": [1, 0, -1],
        }
    )


def test_pws_colours_follow_status_and_missing_gets_none():
    h = build_hideout(frame(), skema="pws")
    assert h["warna"] == {"99.01": PWS_COLOURS["baik"], "99.02": PWS_COLOURS["jelek"]}
    assert h["nodata"] == NODATA
    assert [e["label"] for e in h["legend"]] == [
        "Baik (≥ target, membaik)",
        "Kurang (≥ target, memburuk)",
        "Cukup (< target, membaik)",
        "Jelek (< target, memburuk)",
        "tidak ada data",
    ]


def test_every_map_colour_is_in_the_legend():
    for skema in ("pws", "quantiles"):
        for cb in (False, True):
            h = build_hideout(frame(), skema=skema, colour_blind=cb)
            legend_colours = {e["warna"] for e in h["legend"]}
            assert set(h["warna"].values()) | {h["nodata"]} <= legend_colours


def test_scheme_colours_by_class_with_range_labels():
    h = build_hideout(frame(), skema="quantiles", satuan="persen")
    two = palette(2)
    assert h["warna"] == {"99.01": two[1], "99.02": two[0]}
    assert [e["label"] for e in h["legend"]] == ["25,0 % – 25,0 %", "90,0 % – 90,0 %", "tidak ada data"]


def test_labels_from_the_indicators_module_win():
    h = build_hideout(frame(), skema="quantiles", legend_labels=["≤ 50", "> 50"], lang="en")
    assert [e["label"] for e in h["legend"]] == ["≤ 50", "> 50", "no data"]


def test_presentation_palette_is_the_colour_blind_one():
    h = build_hideout(frame(), skema="pws", colour_blind=True)
    assert h["warna"]["99.01"] == PWS_COLOURS_CB["baik"]


CVD_MIN_DELTA_E = 12.0
"""Smallest CAM02-UCS distance between two legend colours as seen with a colour-vision deficiency
(full-severity simulation). The screen palette's green and red come out 2.4 apart under deuteranopia:
the reason presentation mode has its own palette."""


def _closest_pair_under(cvd_type: str, colours: list[str]) -> float:
    import itertools

    from colorspacious import cspace_convert, deltaE
    from matplotlib.colors import to_rgb

    seen = np.clip(cspace_convert(np.array([to_rgb(c) for c in colours]),
                                  {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": 100}, "sRGB1"), 0, 1)
    return min(deltaE(a, b, input_space="sRGB1") for a, b in itertools.combinations(seen, 2))


@pytest.mark.parametrize("cvd_type", ["deuteranomaly", "protanomaly"])
def test_presentation_legends_stay_apart_for_colour_blind_viewers(cvd_type):
    legends = [[e["warna"] for e in build_hideout(frame(), skema="pws", colour_blind=True)["legend"]]]
    from mapdata.view import CLASSES  # the most classes the map asks for

    legends += [palette(k, arah, colour_blind=True) + [NODATA_CB] for k in range(2, CLASSES + 1)
                for arah in ("naik", "turun")]
    for colours in legends:
        assert len(set(colours)) == len(colours)
        assert _closest_pair_under(cvd_type, colours) >= CVD_MIN_DELTA_E, colours


def test_the_colour_blind_check_rejects_the_screen_palette():
    # the check bites: red-green status colours merge for a deuteranope
    screen = [e["warna"] for e in build_hideout(frame(), skema="pws")["legend"]]
    assert _closest_pair_under("deuteranomaly", screen) < CVD_MIN_DELTA_E


def test_hover_text_has_value_unit_ratio_target_status():
    h = build_hideout(frame(), skema="pws", satuan="persen")
    # the name is put on top in the browser (it has it from the geometry)
    assert h["tip"]["99.01"] == "90,0 % (45/50)<br>Target: 50,0 %<br>Status: Baik"
    assert h["tip"]["99.03"].endswith("Status: tidak ada data")
    assert "– (–/–)" in h["tip"]["99.03"]


def test_no_values_at_all_paints_everything_no_data():
    h = build_hideout(None)
    assert h["warna"] == {}
    assert h["legend"] == [{"warna": NODATA, "label": "tidak ada data"}]
    assert h["tip"] == {}  # the tooltip shows the name alone


def test_palette_runs_light_to_dark():
    def lum(hexc):
        r, g, b = (int(hexc[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for arah in ("naik", "turun"):
        lums = [lum(c) for c in palette(5, arah)]
        assert lums == sorted(lums, reverse=True)


def test_browser_part_keeps_styling_and_alerts_but_not_the_legend():
    h = build_hideout(frame(), skema="pws", waspada=["99.02"], pilih="99.01")
    sent = browser_hideout(h)
    assert "legend" not in sent
    assert sent["warna"] == h["warna"] and sent["tip"] == h["tip"]
    assert sent["waspada"] == ["99.02"] and sent["pilih"] == "99.01"
    assert set(browser_hideout(build_hideout(frame()))) == {"warna", "tip", "nodata", "garis"}

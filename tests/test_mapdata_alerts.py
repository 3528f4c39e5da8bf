"""Which desa the map outlines for early warning, on the built-in demo."""

from __future__ import annotations

import surveillance
from callbacks.view import map_outputs
from mapdata.store import MapDataCache
from mapdata.view import alert_outlines


def test_only_high_severity_and_cluster_desa_are_outlined(demo_workspace):
    md = MapDataCache().get(demo_workspace.root)
    alerts = surveillance.read_alerts(demo_workspace)
    latest = alerts[alerts["minggu"] == alerts["minggu"].max()]
    clusters = surveillance.read_clusters(demo_workspace)
    expected = set(latest.loc[latest["severity"] == "tinggi", "kode_desa"]) | {
        k for codes in clusters["kode_desa"] for k in codes
    }
    outlined = alert_outlines(md)  # no operational database: nobody has acted on any alert
    assert set(outlined) == expected and set(outlined.values()) == {"baru"}
    # one-method alerts are listed, not outlined: some such desa exist in the demo's latest week
    only_low = set(latest["kode_desa"]) - expected
    assert only_low and not only_low & set(outlined)


def test_legend_explains_the_outline_when_there_is_one(demo_workspace):
    md = MapDataCache().get(demo_workspace.root)
    outputs = map_outputs("?indikator=k1", None, md)
    hideout, legend_children = outputs["hideout"], outputs["legend"]
    assert hideout["waspada"]  # the demo's outbreak kabupaten at least
    text = " ".join(str(c) for c in legend_children)
    assert "peringatan dini tinggi minggu ini, belum diverifikasi" in text
    assert "diverifikasi nyata" not in text  # nothing verified: the second outline is neither drawn nor explained


def test_an_indicator_switch_leaves_the_alert_list_alone(demo_workspace):
    from dash import no_update

    from callbacks.panels import alerts_if_changed

    md = MapDataCache().get(demo_workspace.root)
    title, children, chart, key, pressed = alerts_if_changed("?indikator=k1", None, md)
    from mapdata import areas
    from mapdata.view import alert_list, current_state

    first = alert_list(md, current_state(md, "?indikator=k1"))["rows"][0]  # the most severe (a cluster first)
    import re

    assert title == "Peringatan dini (minggu 2026-W47)" and pressed == "false"
    assert chart[0].alt.startswith(f"Kasus mingguan {first['nama_penyakit']}: {areas.name_of(md, first['kode_desa'])}: ")
    assert len(re.findall(r"\d{4}-W\d{2} (?:\d+|–)", chart[0].alt)) == 26  # the bars' numbers (– a week not reported)
    assert alerts_if_changed("?indikator=k6", key, md) == (no_update,) * 5
    assert alerts_if_changed("?indikator=k6&bahasa=en", key, md)[3] != key
    assert alerts_if_changed("?indikator=k6", key, md, filter_clicks=1)[3] != key  # the filter is part of the key

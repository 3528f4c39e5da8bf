"""The map with real indicator values (IndicatorQuery) on the squares, answers worked by hand."""

from __future__ import annotations

import pytest

from mapdata.hideout import NODATA, PWS_COLOURS
from mapdata.store import MapDataCache
from mapdata.view import current_state, map_payload, rapor, table_rows, trend_series
from tests.squares import build_squares_workspace


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    return MapDataCache().get(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws", nilai=True).root)


def test_latest_period_is_the_default(md):
    assert current_state(md, "?indikator=ds").periode == "2025-02"


def test_desa_colours_by_status_and_missing_is_no_data(md):
    p = map_payload(md, current_state(md, "?wilayah=99.01.01&indikator=ds"))
    assert p["hideout"]["warna"] == {"99.01.01.2001": PWS_COLOURS["baik"], "99.01.01.2002": PWS_COLOURS["jelek"]}
    assert "90,0 % (45/50)" in p["hideout"]["tip"]["99.01.01.2001"]
    assert "Target: 85,0 %" in p["hideout"]["tip"]["99.01.01.2001"]


def test_kecamatan_rolled_up_by_sums(md):
    p = map_payload(md, current_state(md, "?wilayah=99.01&indikator=ds"))
    assert p["hideout"]["warna"] == {"99.01.01": PWS_COLOURS["jelek"]}  # 65 %, falling from 70 %
    assert "65,0 % (65/100)" in p["hideout"]["tip"]["99.01.01"]
    assert p["hideout"]["nodata"] == NODATA and "99.01.02" not in p["hideout"]["warna"]


def test_table_ranks_and_trend_and_rapor(md):
    rows = table_rows(md, current_state(md, "?wilayah=99.01.01&indikator=ds&bahasa=en"))
    assert [(r["kode"], r["nilai_teks"], r["status_teks"], r["tren_teks"]) for r in rows] == [
        ("99.01.01.2001", "90.0 %", "Good", "▲ up"),
        ("99.01.01.2002", "40.0 %", "Poor", "▼ down"),
    ]
    series, title = trend_series(md, current_state(md, "?wilayah=99.01.01&indikator=ds"))
    assert series["nilai"].round(6).tolist() == [70.0, 65.0]
    assert title == "Tren Balita ditimbang (D/S): Kecamatan 99.01.01"
    card, name = rapor(md, current_state(md, "?wilayah=99.01.01.2002&indikator=ds"))
    row = card[card["indikator"] == "ds"].iloc[0]
    assert (name, row["status"], round(row["nilai_pws"], 6)) == ("Desa 112", "jelek", 40.0)


def test_quantile_classes_coloured_with_a_legend_per_class(md):
    p = map_payload(md, current_state(md, "?wilayah=99.01.01&indikator=ds&klasifikasi=quantiles"))
    colours = p["hideout"]["warna"]
    assert set(colours) == {"99.01.01.2001", "99.01.01.2002"}
    assert colours["99.01.01.2001"] != colours["99.01.01.2002"]
    assert {e["warna"] for e in p["hideout"]["legend"]} >= set(colours.values())
    assert p["hideout"]["legend"][-1]["label"] == "tidak ada data"


def test_trend_chart_has_values_and_a_flat_target_for_a_monthly_rate(md):
    from callbacks.panels import trend_output

    import xml.etree.ElementTree as ET
    from urllib.parse import unquote

    chart = trend_output("?wilayah=99.01.01&indikator=ds", md)[0]
    assert "2025-01: 70,0 %; 2025-02: 65,0 %" in chart.alt and "Target: 85,0 %" in chart.alt
    root = ET.fromstring(unquote(chart.src.split(",", 1)[1]))
    ns = "{http://www.w3.org/2000/svg}"
    texts = [e.text for e in root.iter(ns + "text")]
    total_name = f"Total {md.by_kode.at['99.01', 'nama']}"
    assert "%" in texts and "Target" in texts and total_name in texts  # the kabupaten/kota as a comparison line
    (values,) = [e for e in root.iter(ns + "polyline") if not e.get("stroke-dasharray")]
    target, total = [e for e in root.iter(ns + "polyline") if e.get("stroke-dasharray")]
    ys = [float(p.split(",")[1]) for p in values.get("points").split()]
    assert ys[0] < ys[1]  # 70 % drawn above 65 %
    assert len({p.split(",")[1] for p in target.get("points").split()}) == 1  # a flat target
    assert total.get("stroke") == "#555555" and len(total.get("points").split()) == 2


def test_rapor_card_groups_every_indicator_by_klaster(md):
    from callbacks.panels import rapor_output

    card = rapor_output("?wilayah=99.01.01.2001&indikator=ds", md)
    assert card[0].children == "Rapor desa Desa 111 (2025-02)"
    sections = card[1:]
    assert [s.children[0].children for s in sections] == [
        "1. Manajemen", "2. Ibu dan Anak", "3. Usia Dewasa dan Lansia", "4. Penanggulangan Penyakit Menular", "5. Lintas Klaster"
    ]
    rows = [row for s in sections for row in s.children[1].children]
    assert len(rows) == 21
    ds = [r for r in rows if r.children[0].children == "Balita ditimbang (D/S)"][0]
    assert [c.children for c in ds.children[1:]] == ["90,0 %", "Baik"]


def test_a_panel_is_redrawn_only_when_what_it_shows_changes(md):
    from dash import no_update

    from callbacks.panels import panels_output

    at_desa = "?wilayah=99.01.01.2002&indikator=ds"
    table, trend, card, keys = panels_output(at_desa, None, md)  # a fresh page: every panel
    import json

    from plotly.utils import PlotlyJSONEncoder

    from tests.dash_requests import row_codes

    as_sent = json.loads(json.dumps(table, cls=PlotlyJSONEncoder))
    assert row_codes(as_sent) == ["99.01.01.2002"]
    assert "40,0 %" in json.dumps(as_sent, ensure_ascii=False)
    assert trend[0].alt.endswith("2025-02: 40,0 %") or "2025-02: 40,0 %" in trend[0].alt
    assert card[0].children == "Rapor desa Desa 112 (2025-02)"
    assert panels_output(at_desa, keys, md) == (no_update,) * 4  # nothing changed: nothing sent
    # another indicator: new table and trend; the rapor desa lists every indicator already
    table2, trend2, card2, keys2 = panels_output("?wilayah=99.01.01.2002&indikator=lapor_lengkap", keys, md)
    assert card2 is no_update and table2 is not no_update
    assert trend2[0].alt.split(".")[0] != trend[0].alt.split(".")[0]  # another title
    assert keys2["rapor"] == keys["rapor"] and keys2["tabel"] != keys["tabel"]
    # another language: every panel again
    assert no_update not in panels_output(at_desa + "&bahasa=en", keys, md)

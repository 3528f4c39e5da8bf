"""Labels and the two-period comparison through the data layer, the table and the PNG (squares workspace).

Worked by hand from ``tests/squares.py``: balita ditimbang in kecamatan 99.01.01,
desa 2001 80 % (Jan) → 90 % (Feb), +10 pp; desa 2002 60 % → 40 %, −20 pp.
The largest change 20 with 5 classes: step 20 / 2.5 = 8 → 10, edges ±5, ±15.
"""

from __future__ import annotations

import matplotlib.colors as mcolors
import pytest

from mapdata import areas
from mapdata.compare import NODATA_CHANGE, diverging_palette
from mapdata.export import map_figure, table_csv
from mapdata.labels import export_labels, label_points
from mapdata.store import MapDataCache
from mapdata.view import current_state, map_payload, table_rows
from tests.squares import build_squares_workspace

KEC = "?wilayah=99.01.01&indikator=ds&periode=2025-02"


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    return MapDataCache().get(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws", nilai=True).root)


def test_the_change_map_colours_each_desa_by_its_symmetric_class(md):
    p = map_payload(md, current_state(md, KEC + "&banding=2025-01"))
    h = p["hideout"]
    colours = diverging_palette(5, "naik")
    assert h["warna"] == {"99.01.01.2001": colours[3], "99.01.01.2002": colours[0]}
    assert [e["label"] for e in h["legend"]] == [
        "< -15 (lebih buruk)", "-15 – -5", "-5 – 5", "5 – 15", "> 15 (lebih baik)", "tidak ada data"]
    assert h["legend"][-1]["warna"] == h["nodata"] == NODATA_CHANGE
    assert p["legend_title"] == "Perubahan 2025-01 → 2025-02 (poin persen)"
    assert p["title"] == "Balita ditimbang (D/S) · Kecamatan 99.01.01 · 2025-01 → 2025-02"
    assert h["tip"]["99.01.01.2002"].split("<br>") == ["2025-02: 40,0 %", "2025-01: 60,0 %", "Perubahan: -20,0 poin persen"]


def test_an_area_without_data_in_either_month_has_no_change_colour(md):
    p = map_payload(md, current_state(md, "?wilayah=99.01&indikator=ds&periode=2025-02&banding=2025-01"))
    # kecamatan 99.01.01: 70 % → 65 %, -5; 99.01.02 has no data at all
    assert set(p["hideout"]["warna"]) == {"99.01.01"}
    assert p["hideout"]["legend"][0]["label"].startswith("< -3")  # step 2: edges ±1, ±3


def test_the_table_shows_both_values_and_the_change(md):
    rows = table_rows(md, current_state(md, KEC + "&banding=2025-01&bahasa=en"))
    got = [(r["kode"], r["nilai"], r["nilai_banding"], r["perubahan"], r["perubahan_teks"]) for r in rows]
    assert got == [("99.01.01.2001", 90.0, 80.0, 10.0, "+10.0 percentage points"),
                   ("99.01.01.2002", 40.0, 60.0, -20.0, "-20.0 percentage points")]
    csv = table_csv(rows, "id", banding="2025-01").splitlines()
    assert csv[0].split(",")[3:6] == ["Capaian", "Nilai 2025-01", "Perubahan"]
    assert csv[1].split(",")[3:6] == ["90.0", "80.0", "10.0"]


def test_without_a_comparison_nothing_changes(md):
    p = map_payload(md, current_state(md, KEC))
    assert "satuan_perubahan" not in p["hideout"] and p["labels"] == [] and p["label_texts"] == {}
    assert "nilai_banding" not in table_rows(md, current_state(md, KEC))[0]


def test_label_points_lie_inside_each_desa_and_labels_carry_name_and_value(md):
    pts = label_points(md, "99.01.01", "administrasi")
    assert pts["kode"].tolist() == ["99.01.01.2001", "99.01.01.2002"]
    assert pts[["lon", "lat"]].round(6).values.tolist() == [[0.5, 0.5], [0.5, 1.5]]
    p = map_payload(md, current_state(md, KEC + "&label=1"))
    assert [(lab["kode"], lab["teks"]) for lab in p["labels"]] == [
        ("99.01.01.2001", ["Desa 111", "90,0 %"]), ("99.01.01.2002", ["Desa 112", "40,0 %"])]
    changed = map_payload(md, current_state(md, KEC + "&label=1&banding=2025-01"))
    assert [lab["teks"][1] for lab in changed["labels"]] == ["+10,0", "-20,0"]


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def _geometry(md, state):
    return md.display.drop_duplicates("kode").merge(areas.children(md, state.wilayah)[["kode"]], on="kode")


def test_the_png_writes_the_labels_and_explains_them_and_the_alert_outline(md):
    state = current_state(md, KEC + "&label=1")
    p = map_payload(md, state)
    hideout = dict(p["hideout"], waspada=["99.01.01.2002"])  # an alert outline, as the cases would give
    labels = export_labels(md, state.wilayah, state.jalur, p["label_texts"], p["bounds"])
    fig = map_figure(_geometry(md, state), hideout, title=p["title"], legend_title=p["legend_title"], demo=True,
                     source=md.source, lang="id", labels=labels)
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["Desa 111\n90,0 %", "Desa 112\n40,0 %"]
    legend = _legend_texts(fig)
    assert "Garis merah putus-putus: peringatan dini tinggi minggu ini, belum diverifikasi" in legend
    assert not any("Garis ungu" in x for x in legend)  # no verified alert drawn: its outline is not explained
    assert "Label: nama wilayah dan nilai (label yang bertumpuk tidak ditampilkan)" in legend
    # without labels and alerts, neither is explained (nothing of them is drawn)
    plain = map_figure(_geometry(md, state), p["hideout"], title=p["title"], legend_title=p["legend_title"],
                       demo=True, source=md.source, lang="id")
    assert len(plain.axes[0].texts) == 0 and len(_legend_texts(plain)) == len(p["hideout"]["legend"])


def test_the_comparison_png_has_the_change_legend_and_colours(md):
    state = current_state(md, KEC + "&banding=2025-01&label=1&bahasa=en")
    p = map_payload(md, state)
    geometry = _geometry(md, state)
    fig = map_figure(geometry, p["hideout"], title=p["title"], legend_title=p["legend_title"], demo=False,
                     source=md.source, lang="en",
                     labels=export_labels(md, state.wilayah, state.jalur, p["label_texts"], p["bounds"]))
    legend = fig.axes[0].get_legend()
    assert legend.get_title().get_text() == "Change 2025-01 → 2025-02 (percentage points)"
    texts = _legend_texts(fig)
    assert texts[:6] == ["< -15 (worse)", "-15 – -5", "-5 – 5", "5 – 15", "> 15 (better)", "no data"]
    assert texts[6] == "Labels: area name and change (overlapping labels are left out)"
    faces = [mcolors.to_hex(c) for c in fig.axes[0].collections[0].get_facecolors()]
    assert faces == [mcolors.to_hex(p["hideout"]["warna"][k]) for k in geometry["kode"]]


def test_the_page_table_adds_the_other_month_and_the_change(md):
    from layouts.panels import table_view
    from mapdata.tables import grid_rows

    state = current_state(md, KEC + "&banding=2025-01")
    view = table_view(grid_rows(table_rows(md, state)), sort=None, pilih=None, lang="id", banding=state.banding)
    table = view[0].to_plotly_json()["props"]["children"]
    head = [th.children if isinstance(th.children, str) else th.children.children[0]
            for th in table[0].children.children]
    assert head[2:6] == ["Capaian", "Nilai 2025-01", "Perubahan", "Pembilang / Penyebut"]
    cells = [[td.children if isinstance(td.children, str) else td.children.children for td in tr.children]
             for tr in table[1].children]
    assert [c[2:5] for c in cells] == [["90,0 %", "80,0 %", "+10,0 poin persen"], ["40,0 %", "60,0 %", "-20,0 poin persen"]]
    # sorted by the change, largest fall first
    down = table_view(grid_rows(table_rows(md, state)), sort={"kolom": "perubahan", "naik": True}, pilih=None,
                      lang="id", banding=state.banding)
    first = down[0].to_plotly_json()["props"]["children"][1].children[0].children[1].children.children
    assert first == "Desa 112"

"""The PNG export: what the picture says (read from the figure before rendering), and no pyplot."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pytest

from mapdata import areas
from mapdata.export import map_figure, map_png
from mapdata.store import MapDataCache
from mapdata.view import current_state, map_payload
from tests.squares import build_squares_workspace


@pytest.fixture(scope="module")
def md(tmp_path_factory):
    return MapDataCache().get(build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws", nilai=True).root)


def _inputs(md, search):
    state = current_state(md, search)
    payload = map_payload(md, state)
    geometry = md.display.drop_duplicates("kode").merge(areas.children(md, state.wilayah)[["kode"]], on="kode")
    return geometry, payload, dict(title=payload["title"], legend_title=payload["legend_title"], source=md.source,
                                   lang=state.bahasa)


def _texts(fig) -> list[str]:
    ax = fig.axes[0]
    legend = ax.get_legend()
    return ([ax.get_title(loc="left"), legend.get_title().get_text()] + [t.get_text() for t in legend.get_texts()]
            + [t.get_text() for t in fig.texts])


def test_the_png_says_title_period_legend_source_and_demo(md):
    geometry, payload, kw = _inputs(md, "?wilayah=99.01.01&indikator=ds&periode=2025-02&klasifikasi=quantiles")
    fig = map_figure(geometry, payload["hideout"], demo=True, **kw)
    texts = _texts(fig)
    title = fig.axes[0].get_title(loc="left")
    assert title == "Balita ditimbang (D/S) · Kecamatan 99.01.01 · 2025-02"
    assert texts[1] == payload["legend_title"] == "Balita ditimbang (D/S) (%)"
    labels = [e["label"] for e in payload["hideout"]["legend"]]
    assert len(labels) >= 2 and texts[2:2 + len(labels)] == labels
    assert "Batas wilayah: uji (kotak) · PWS-ILP" in texts
    assert "Data contoh (sintetis)" in texts
    # the areas carry the screen's colours, area by area
    faces = fig.axes[0].collections[0].get_facecolors()
    expected = [payload["hideout"]["warna"].get(k, payload["hideout"]["nodata"]) for k in geometry["kode"]]
    assert [mcolors.to_hex(c) for c in faces] == [mcolors.to_hex(c) for c in expected]


def test_real_data_has_no_demo_label_and_english_follows_the_language(md):
    geometry, payload, kw = _inputs(md, "?wilayah=99.01.01&indikator=ds&periode=2025-02&bahasa=en")
    texts = _texts(map_figure(geometry, payload["hideout"], demo=False, **kw))
    assert not any("contoh" in t or "Synthetic" in t or "sample" in t.lower() for t in texts)
    assert "Boundaries: uji (kotak) · PWS-ILP" in texts


def test_the_png_is_drawn_without_pyplot(md, monkeypatch):
    # pyplot's global figure registry is not thread-safe and the server is threaded: any pyplot call fails here
    import inspect

    import matplotlib.pyplot as plt  # imported anyway by mapclassify; importing is harmless, calling is not

    def forbidden(*args, **kwargs):
        raise AssertionError("the export used pyplot's global state")

    for name, value in vars(plt).items():
        if inspect.isfunction(value) and value.__module__ == plt.__name__ and not name.startswith("_"):
            monkeypatch.setattr(plt, name, forbidden)
    geometry, payload, kw = _inputs(md, "?wilayah=99.01.01&indikator=ds&periode=2025-02")
    png = map_png(geometry, payload["hideout"], demo=True, **kw)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(AssertionError, match="global state"):
        plt.subplots()  # the guard does bite

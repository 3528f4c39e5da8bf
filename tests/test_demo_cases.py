"""Generated demo cases on hand-made desa: schema, seasonality, missing reports, the outbreak."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from surveillance.cube import build_cube
from surveillance.demo import generate_weekly_cases
from surveillance.importer import read_case_file
from surveillance.pipeline import precompute
from surveillance.weeks import week_start


def _desa(side=6):
    codes, geoms = [], []
    for i in range(side):
        for j in range(side):
            codes.append(f"29.01.0{1 + (j >= side // 2)}.2{i}{j:02d}")
            geoms.append(shapely.box(j, i, j + 1, i + 1).buffer(0))
    return gpd.GeoDataFrame({"kode": codes, "nama": codes, "induk": [c[:8] for c in codes]},
                            geometry=[shapely.affinity.scale(g, 0.02, 0.02, origin=(0, 0)) for g in geoms], crs=4326)


def _fasilitas(desa):
    ids = [(f"PY{n:03d}", k) for n, k in enumerate(desa["kode"][:-1]) for _ in range(1)]  # last desa has none
    extra = [(f"PY{n:03d}b", k) for n, k in enumerate(desa["kode"][:10])]
    rows = ids + extra + [("PKM1", desa["kode"].iloc[0])]
    return pd.DataFrame({"id": [r[0] for r in rows], "kode_desa": [r[1] for r in rows],
                         "jenis": ["posyandu"] * (len(rows) - 1) + ["puskesmas"]})


def test_schema_and_reproducibility():
    desa, fas = _desa(), _fasilitas(_desa())
    a = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=104, seed=4)
    b = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=104, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["minggu", "kode_desa", "penyakit", "jumlah", "tempat"]
    assert set(a["penyakit"]) == {"diare_akut", "ispa_pneumonia", "suspek_dbd"}
    assert a["jumlah"].dtype == np.int64 and (a["jumlah"] >= 0).all()
    assert a["minggu"].min() == "2024-W41"  # 12 weeks of 2024 + 52 of 2025 + 40 of 2026 and a["minggu"].max() == "2026-W40"
    assert set(a["tempat"]) - set(fas["id"]) == {desa["kode"].iloc[-1]}  # the desa without posyandu reports itself
    assert "PKM1" not in set(a["tempat"])
    # every row of a report lists all three diseases; missing reports have no rows at all
    per_report = a.groupby(["minggu", "tempat"]).size()
    assert (per_report == 3).all()
    places, weeks = a["tempat"].nunique(), a["minggu"].nunique()
    missing_share = 1 - len(per_report) / (places * weeks)
    assert 0.02 < missing_share < 0.15


def test_rainy_season_and_outbreak_show_up():
    desa, fas = _desa(), _fasilitas(_desa())
    k = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=156, seed=1)
    month = k["minggu"].map(lambda w: week_start(w).month)
    dbd = k[k["penyakit"] == "suspek_dbd"]
    wet = dbd[month.loc[dbd.index].isin([1, 2, 3])]["jumlah"].mean()
    dry = dbd[month.loc[dbd.index].isin([7, 8, 9])]["jumlah"].mean()
    assert wet > 1.8 * dry
    outbreak = k.attrs["klaster_demo"]
    assert len(outbreak) == 3 and k.attrs["minggu_klaster"] == ["2026-W39", "2026-W40"]
    # the three outbreak desa are neighbours on the grid (centroids within 1.5 cells of each other)
    pts = shapely.centroid(desa.set_index("kode").loc[outbreak].geometry.to_numpy())
    assert max(p.distance(q) for p in pts for q in pts) < 1.5 * 0.02 * 1.01
    tables = precompute(k, desa, fasilitas=fas)
    top = tables["klaster"].iloc[0]
    assert top["penyakit"] == "diare_akut" and top["p"] <= 0.01
    assert len(set(top["kode_desa"]) & set(outbreak)) >= 2
    latest = tables["peringatan"][tables["peringatan"]["minggu"] == "2026-W40"]
    assert set(outbreak) & set(latest.loc[latest["penyakit"] == "diare_akut", "kode_desa"])


def test_demo_table_round_trips_through_the_importer(tmp_path):
    desa, fas = _desa(4), _fasilitas(_desa(4))
    k = generate_weekly_cases(fas, desa, "2026-W10", n_weeks=8, seed=2)
    path = tmp_path / "kasus.xlsx"
    k.drop(columns=["kode_desa"]).to_excel(path, index=False)
    back = read_case_file(path, desa["kode"], fas)
    assert back.rejected == [] and back.unmatched == []
    cols = ["minggu", "kode_desa", "penyakit", "jumlah", "tempat"]
    key = ["minggu", "tempat", "penyakit"]
    pd.testing.assert_frame_equal(back.rows[cols].sort_values(key).reset_index(drop=True),
                                  k[cols].sort_values(key).reset_index(drop=True))
    cube = build_cube(back.rows)
    assert np.isnan(cube.counts["diare_akut"]).any() or cube.reported.all()


def test_precomputed_clusters_signal_on_the_over_dispersion_adjusted_p():
    from surveillance.pipeline import Settings

    desa, fas = _desa(), _fasilitas(_desa())
    k = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=60, seed=1)
    adjusted = precompute(k, desa, fasilitas=fas)["klaster"]
    from dataclasses import replace

    from surveillance.scan_settings import load_scan_rules

    rules = {kab: replace(r, window=r.window.with_(overdispersion=False)) for kab, r in load_scan_rules().items()}
    plain = precompute(k, desa, fasilitas=fas, settings=Settings(scan_rules=rules))["klaster"]
    assert len(adjusted) == len(plain) > 0
    assert (adjusted["phi"] >= 1).all()
    # same clusters (φ does not change which cylinder is most likely), p never smaller
    assert adjusted["kode_desa"].tolist() == plain["kode_desa"].tolist()
    assert (adjusted["p"].to_numpy() >= plain["p"].to_numpy()).all()
    rule = (adjusted["p"] <= 0.05) & (adjusted["observed"] >= 2 * adjusted["expected"])
    assert adjusted["signifikan"].tolist() == rule.tolist()
    # the demo's outbreak (4× baseline) still signals
    top = adjusted.iloc[0]
    assert top["signifikan"] and set(top["kode_desa"]) & set(k.attrs["klaster_demo"])


def test_precomputed_clusters_with_the_history_model_find_the_demo_outbreak():
    from surveillance.pipeline import Settings
    from surveillance.scan import history_window

    desa, fas = _desa(), _fasilitas(_desa())
    k = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=60, seed=1)
    settings = Settings(scan_model="history")
    tables = precompute(k, desa, fasilitas=fas, settings=settings)
    clusters = tables["klaster"]
    top = clusters.iloc[0]
    assert top["penyakit"] == "diare_akut" and top["signifikan"] and top["p"] <= 0.01
    assert set(top["kode_desa"]) <= set(k.attrs["klaster_demo"])  # (as the permutation model: 1 of the 3 here)
    rule = (clusters["p"] <= 0.05) & (clusters["observed"] >= 2 * clusters["expected"])
    assert clusters["signifikan"].tolist() == rule.tolist()
    # each desa's alert row: its window cases and its share of them expected from its own history
    rows = tables["peringatan"]
    rows = rows[rows["klaster_id"] == top["klaster_id"]].set_index("kode_desa")
    cube = build_cube(k)
    table = cube.counts["diare_akut"][:, -56:]
    obs, exp = history_window(table, 4)
    pos = cube.rows_of(top["kode_desa"])
    np.testing.assert_allclose(rows.loc[top["kode_desa"], "observed"], obs[pos, : top["n_minggu"]].sum(axis=1))
    np.testing.assert_allclose(rows.loc[top["kode_desa"], "expected"], exp[pos, : top["n_minggu"]].sum(axis=1))
    assert rows["expected"].sum() == pytest.approx(top["expected"])


def test_a_kabupaten_row_of_the_scan_settings_file_changes_its_scan(tmp_path):
    from settings import DATA_DIR
    from surveillance.pipeline import Settings
    from surveillance.scan_settings import load_scan_rules

    desa, fas = _desa(), _fasilitas(_desa())
    k = generate_weekly_cases(fas, desa, "2026-W40", n_weeks=60, seed=1)
    text = (DATA_DIR / "scan_settings.csv").read_text().rstrip("\n")
    (tmp_path / "s.csv").write_text(text + "\n29.01,,,1,,1,,,199,,,,,satu desa satu minggu\n")
    narrow = precompute(k, desa, fasilitas=fas, settings=Settings(scan_rules=load_scan_rules(tmp_path / "s.csv")))
    clusters = narrow["klaster"]
    assert len(clusters) > 0 and (clusters["kode_kabkota"] == "29.01").all()
    assert clusters["kode_desa"].map(len).eq(1).all() and clusters["n_minggu"].eq(1).all()
    default = precompute(k, desa, fasilitas=fas)["klaster"]
    assert default["kode_desa"].map(len).max() > 1 or default["n_minggu"].max() > 1

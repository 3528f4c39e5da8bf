"""Puskesmas thresholds: counted over the real wilayah kerja when there is one, the kecamatan otherwise."""

from __future__ import annotations

import json

import pandas as pd

from surveillance.catalogue import SkdrRule
from surveillance.cube import build_cube
from surveillance.pipeline import skdr_alerts

# desa 2001 and 2002 of kecamatan 29.01.01 and desa 2001 of 29.01.02; week 2: 3 + 2 + 4 cases
KASUS = pd.DataFrame({
    "minggu": ["2026-W01"] * 3 + ["2026-W02"] * 3,
    "kode_desa": ["29.01.01.2001", "29.01.01.2002", "29.01.02.2001"] * 2,
    "penyakit": "suspek_dbd", "jumlah": [1, 1, 1, 3, 2, 4],
})
RULE = SkdrRule("suspek_dbd", "ambang", 6, 1, 1, "kecamatan")


def test_without_a_table_the_kecamatan_stands_in_and_says_so():
    # kecamatan 29.01.01 has 5 < 6 and 29.01.02 has 4: nothing fires
    assert skdr_alerts(build_cube(KASUS), [RULE]).empty
    low = SkdrRule("suspek_dbd", "ambang", 5, 1, 1, "kecamatan")
    out = skdr_alerts(build_cube(KASUS), [low])
    assert sorted(out[["kode_desa", "wilayah_aturan", "kode_wilayah_aturan"]].values.tolist()) == [
        ["29.01.01.2001", "kecamatan", "29.01.01"], ["29.01.01.2002", "kecamatan", "29.01.01"]]
    assert set(out["method"]) == {"SKDR ≥5 kasus (kecamatan)"}


def test_with_a_table_the_real_wilayah_kerja_is_counted():
    # P1 serves 2002 and the desa across the border (2 + 4 = 6 ≥ 6); P2 serves 2001 alone (3)
    wk = pd.DataFrame({"kode_puskesmas": ["P2", "P1", "P1"], "kode_desa": ["29.01.01.2001", "29.01.01.2002", "29.01.02.2001"]})
    out = skdr_alerts(build_cube(KASUS), [RULE], wk)
    assert sorted(out[["kode_desa", "minggu", "observed", "wilayah_aturan", "kode_wilayah_aturan"]].values.tolist()) == [
        ["29.01.01.2002", "2026-W02", 2.0, "puskesmas", "P1"], ["29.01.02.2001", "2026-W02", 4.0, "puskesmas", "P1"]]
    assert set(out["method"]) == {"SKDR ≥6 kasus (wilayah kerja)"}


def test_a_desa_the_table_leaves_out_falls_back_to_its_kecamatan():
    wk = pd.DataFrame({"kode_puskesmas": ["P1"], "kode_desa": ["29.01.02.2001"]})
    low = SkdrRule("suspek_dbd", "ambang", 4, 1, 1, "kecamatan")
    out = skdr_alerts(build_cube(KASUS), [low], wk)
    assert sorted(out[["kode_desa", "wilayah_aturan", "kode_wilayah_aturan"]].values.tolist()) == [
        ["29.01.01.2001", "kecamatan", "29.01.01"], ["29.01.01.2002", "kecamatan", "29.01.01"],
        ["29.01.02.2001", "puskesmas", "P1"]]


def test_desa_rules_say_desa():
    rule = SkdrRule("suspek_dbd", "ambang", 4, 1, 1, "desa")
    out = skdr_alerts(build_cube(KASUS), [rule])
    assert out[["kode_desa", "wilayah_aturan", "kode_wilayah_aturan"]].values.tolist() == [
        ["29.01.02.2001", "desa", "29.01.02.2001"]]


def test_demo_alerts_use_the_wilayah_kerja_in_the_list_and_in_json(demo_workspace, capsys):
    from commands import main
    from mapdata.store import MapDataCache
    from mapdata.waspada import list_rows, week_states
    from surveillance import read_alerts

    alerts = read_alerts(demo_workspace)
    puskesmas_rule = alerts[alerts["wilayah_aturan"].isin(["puskesmas", "kecamatan"])]
    assert len(puskesmas_rule) and set(puskesmas_rule["wilayah_aturan"]) == {"puskesmas"}
    wk = demo_workspace.read_table("wilayah_kerja.parquet")
    served = dict(zip(wk["kode_desa"], wk["kode_puskesmas"]))
    assert [served[d] for d in puskesmas_rule["kode_desa"]] == puskesmas_rule["kode_wilayah_aturan"].tolist()
    assert alerts.loc[alerts["method"].str.startswith("EARS"), "wilayah_aturan"].isna().all()
    week = puskesmas_rule["minggu"].iloc[0]
    assert main(["alerts", "--workspace", str(demo_workspace.root), "--week", week, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["alerts"]
    assert any(a["wilayah_aturan"] == "puskesmas" and a["kode_wilayah_aturan"].startswith("P29") for a in listed)
    # the alert list says where the threshold was counted
    md = MapDataCache().get(demo_workspace.root)
    mine = puskesmas_rule[puskesmas_rule["minggu"] == week].drop_duplicates(["kode_desa", "penyakit"]).head(3)
    states = week_states(md, None, week)
    picked = states.merge(mine[["kode_desa", "penyakit", "kode_wilayah_aturan"]], on=["kode_desa", "penyakit"])
    rows = list_rows(picked, md, lang="id", names=md.week_alerts(week))
    assert len(rows) == len(mine)
    assert all(f"ambang puskesmas, wilayah kerja {k}" in r["rinci"] for r, k in zip(rows, picked["kode_wilayah_aturan"]))


def test_the_alert_panel_of_a_puskesmas_lists_its_desa_only(demo_workspace):
    from mapdata import areas
    from mapdata.store import MapDataCache
    from mapdata.view import area_alerts, read_alerts as latest_alerts

    md = MapDataCache().get(demo_workspace.root)
    latest = latest_alerts(md)
    served = areas.puskesmas_of(md)
    # the puskesmas with most alerts this week, so the list cannot be empty
    kode = pd.Series([served[d] for d in latest["kode_desa"]]).value_counts().index[0]
    alerts, _ = area_alerts(md, kode)
    assert len(alerts) and set(alerts["kode_desa"]) <= set(areas.desa_of(md, kode))
    expected = latest[[served[d] == kode for d in latest["kode_desa"]]]
    assert sorted(alerts["kode_desa"]) == sorted(expected["kode_desa"])

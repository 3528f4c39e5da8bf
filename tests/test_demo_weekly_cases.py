"""The demo workspace carries weekly cases and precomputed alerts, through the surveillance API."""

from __future__ import annotations

import numpy as np

from surveillance.weeks import week_range

END_WEEK = "2026-W47"  # the demo_workspace fixture's end_week


def test_weekly_cases_cover_three_years_of_demo_posyandu(demo_workspace):
    kasus = demo_workspace.read_table("kasus/mingguan.parquet")
    assert list(kasus.columns) == ["minggu", "kode_desa", "penyakit", "jumlah", "tempat"]
    assert sorted(kasus["minggu"].unique()) == week_range(END_WEEK, 156)
    desa = demo_workspace.read_table("boundaries/desa.parquet", columns=["kode"])
    assert set(kasus["kode_desa"]) == set(desa["kode"])
    posyandu = demo_workspace.read_table("fasilitas.parquet").query("jenis == 'posyandu'")
    place_desa = dict(zip(posyandu["id"], posyandu["kode_desa"]))
    assert set(kasus["tempat"]) == set(place_desa)
    assert (kasus["tempat"].map(place_desa) == kasus["kode_desa"]).all()
    assert (kasus["jumlah"] >= 0).all()


def test_the_demo_shows_a_real_diarrhoea_alert_in_the_latest_weeks(demo_workspace):
    manifest = demo_workspace.manifest
    assert manifest["kasus"]["minggu_terakhir"] == END_WEEK
    assert manifest["demo"] is True and manifest["boundaries"]["demo"] is True
    # one transaction: no snapshot of the demo without its cases was ever live
    assert [h["import"] for h in manifest["history"]] == ["demo"]
    alerts = demo_workspace.read_table("kasus/peringatan.parquet")
    recent = alerts[(alerts["penyakit"] == "diare_akut") & alerts["minggu"].isin(week_range(END_WEEK, 2))]
    assert len(recent) > 0
    assert recent["kode_desa"].str.startswith("29.").all()
    for name in ("kasus/klaster.parquet", "kasus/kelengkapan.parquet"):
        assert len(demo_workspace.read_table(name)) > 0


def test_the_hot_spot_table_is_the_latest_week_per_desa_and_disease(demo_workspace):
    hot = demo_workspace.read_table("kasus/hotspot.parquet")
    kasus = demo_workspace.read_table("kasus/mingguan.parquet")
    assert list(hot.columns) == ["kode_desa", "penyakit", "minggu", "jumlah", "gi_z", "p", "hotspot", "coldspot"]
    assert set(hot["minggu"]) == {END_WEEK}
    # one row per desa and disease reported that week, with that week's count summed over its places
    week = kasus[kasus["minggu"] == END_WEEK].groupby(["kode_desa", "penyakit"])["jumlah"].sum()
    got = hot.set_index(["kode_desa", "penyakit"])["jumlah"].sort_index()
    assert got.index.equals(week.sort_index().index)
    assert np.array_equal(got.to_numpy(), week.sort_index().to_numpy().astype(float))
    # the flags are what gi_z and p say (two-sided 5 %), element by element
    assert np.array_equal(hot["hotspot"], (hot["gi_z"] > 0) & (hot["p"] < 0.05))
    assert np.array_equal(hot["coldspot"], (hot["gi_z"] < 0) & (hot["p"] < 0.05))
    # the generated diarrhoea outbreak shows as a hot spot among the signalling cluster's desa
    clusters = demo_workspace.read_table("kasus/klaster.parquet")
    outbreak = clusters[clusters["signifikan"] & (clusters["penyakit"] == "diare_akut")
                        & (clusters["minggu_akhir"] == END_WEEK)]
    assert len(outbreak) == 1
    hot_diare = set(hot.loc[hot["hotspot"] & (hot["penyakit"] == "diare_akut"), "kode_desa"])
    assert hot_diare & set(outbreak["kode_desa"].iloc[0])

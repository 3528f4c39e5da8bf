"""The demo workspace carries weekly cases and precomputed alerts, through the surveillance API."""

from __future__ import annotations

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


def test_the_demo_outbreak_signals_as_one_cluster_and_no_hot_spot_table_is_stored(demo_workspace):
    clusters = demo_workspace.read_table("kasus/klaster.parquet")
    outbreak = clusters[clusters["signifikan"] & (clusters["penyakit"] == "diare_akut")
                        & (clusters["minggu_akhir"] == END_WEEK)]
    assert len(outbreak) == 1
    # every desa of the signalling cluster is on the alert list that week, under its klaster_id
    alerts = demo_workspace.read_table("kasus/peringatan.parquet")
    listed = alerts.loc[alerts["klaster_id"] == outbreak["klaster_id"].iloc[0], "kode_desa"]
    assert sorted(listed) == sorted(outbreak["kode_desa"].iloc[0])
    # Gi* is no longer computed (surveillance/README.md says why)
    assert not demo_workspace.has("kasus/hotspot.parquet")

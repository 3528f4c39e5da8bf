"""Demo facilities: counts per desa and kecamatan, each point inside its own desa."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def fasilitas(demo_workspace):
    return demo_workspace.read_table("fasilitas.parquet")


def test_fasilitas_has_the_contract_columns_and_types(fasilitas):
    assert list(fasilitas.columns) == ["id", "nama", "jenis", "kode_desa", "lat", "lon", "ilp_aktif", "lapor_bulan_ini"]
    assert fasilitas["id"].is_unique
    assert set(fasilitas["jenis"]) == {"posyandu", "pustu", "puskesmas"}
    assert fasilitas["ilp_aktif"].dtype == bool and fasilitas["lapor_bulan_ini"].dtype == bool
    # statuses vary: some posyandu without ILP services, some not reporting
    posyandu = fasilitas[fasilitas["jenis"] == "posyandu"]
    assert 0.5 < posyandu["ilp_aktif"].mean() < 0.95
    assert 0.6 < posyandu["lapor_bulan_ini"].mean() < 0.99


def test_counts_per_desa_and_kecamatan(demo_workspace, fasilitas):
    desa = demo_workspace.read_table("boundaries/desa.parquet", columns=["kode", "induk"])
    per_desa = fasilitas.groupby(["kode_desa", "jenis"]).size().unstack(fill_value=0).reindex(desa["kode"], fill_value=0)
    assert per_desa["posyandu"].between(2, 5).all()
    assert (per_desa["pustu"] == 1).all()
    puskesmas = fasilitas[fasilitas["jenis"] == "puskesmas"]
    kec_of = dict(zip(desa["kode"], desa["induk"]))
    # a puskesmas in every kecamatan, two in the two kecamatan split between puskesmas
    per_kecamatan = puskesmas["kode_desa"].map(kec_of).value_counts()
    assert set(per_kecamatan.index) == set(desa["induk"])
    assert sorted(per_kecamatan[per_kecamatan > 1].index) == ["29.01.02", "29.01.05"]
    assert per_kecamatan.max() == 2


def test_every_facility_lies_inside_its_own_desa(demo_workspace, fasilitas):
    desa = demo_workspace.read_geo("boundaries/desa.parquet")
    points = gpd.GeoDataFrame(fasilitas, geometry=gpd.points_from_xy(fasilitas["lon"], fasilitas["lat"]), crs=4326)
    joined = gpd.sjoin(points, desa[["kode", "geometry"]], predicate="within", how="left")
    assert len(joined) == len(fasilitas)  # no point on a border counted twice
    pd.testing.assert_series_equal(joined["kode"], joined["kode_desa"], check_names=False)

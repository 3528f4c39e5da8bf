"""The demo's puskesmas and wilayah kerja: split kecamatan, one wilayah across a border, a point each."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from puskesmas import WILAYAH_KERJA_FILE
from puskesmas.geometry import FULL_FILE


@pytest.fixture(scope="module")
def wilayah(demo_workspace):
    return demo_workspace.read_table(WILAYAH_KERJA_FILE)


def test_every_desa_has_exactly_one_puskesmas(demo_workspace, wilayah):
    desa = demo_workspace.read_table("boundaries/desa.parquet", columns=["kode"])
    assert wilayah["kode_desa"].is_unique
    assert set(wilayah["kode_desa"]) == set(desa["kode"])


def test_two_kecamatan_have_two_puskesmas_and_one_wilayah_crosses_a_border(wilayah):
    kec = wilayah["kode_desa"].str[:8]
    per_kecamatan = wilayah.groupby(kec)["kode_puskesmas"].nunique()
    # 29.01.02 and 29.01.05 are split; 29.02.02 lends one desa to the capital's puskesmas
    assert sorted(per_kecamatan[per_kecamatan > 1].index) == ["29.01.02", "29.01.05", "29.02.02"]
    crossing = wilayah.groupby("kode_puskesmas")["kode_desa"].agg(lambda d: sorted(set(d.str[:8])))
    crossing = crossing[crossing.map(len) > 1]
    assert crossing.to_dict() == {"P2902010101": ["29.02.01", "29.02.02"]}


def test_one_facility_point_per_puskesmas_inside_its_wilayah(demo_workspace, wilayah):
    fasilitas = demo_workspace.read_table("fasilitas.parquet")
    points = fasilitas[fasilitas["jenis"] == "puskesmas"]
    assert sorted(points["id"]) == sorted(wilayah["kode_puskesmas"].unique())
    served = dict(zip(wilayah["kode_desa"], wilayah["kode_puskesmas"]))
    assert [served[d] for d in points["kode_desa"]] == points["id"].tolist()
    names = wilayah.drop_duplicates("kode_puskesmas").set_index("kode_puskesmas")["nama_puskesmas"]
    assert names[points["id"]].tolist() == points["nama"].tolist()
    full = demo_workspace.read_geo(FULL_FILE).set_index("kode")
    inside = gpd.GeoSeries(gpd.points_from_xy(points["lon"], points["lat"]), crs=4326).within(
        gpd.GeoSeries(full.loc[points["id"]].geometry.to_numpy(), crs=4326))
    assert inside.all()


def test_same_seed_same_wilayah_kerja(tmp_path, wilayah):
    from demo import build_demo_workspace

    again = build_demo_workspace(tmp_path / "ws", seed=0, end_month="2026-10", cases=False, progress=None)
    pd.testing.assert_frame_equal(again.read_table(WILAYAH_KERJA_FILE), wilayah)

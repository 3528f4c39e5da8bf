"""Demo indicator values: 24 months of every catalogue indicator, sane numbers, some missing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from demo.indicators import month_range
from settings import DATA_DIR

END = "2026-10"  # the demo_workspace fixture's end_month


@pytest.fixture(scope="module")
def catalogue():
    return pd.read_csv(DATA_DIR / "indikator.csv").set_index("id")


@pytest.fixture(scope="module")
def nilai(demo_workspace):
    return demo_workspace.read_table("indikator/nilai.parquet")


def test_contract_columns_and_float64(nilai):
    assert list(nilai.columns) == ["kode_desa", "periode", "indikator", "pembilang", "penyebut"]
    assert nilai["pembilang"].dtype == np.float64 and nilai["penyebut"].dtype == np.float64
    assert not nilai[["pembilang", "penyebut"]].isna().any().any()
    assert not nilai.duplicated(["kode_desa", "periode", "indikator"]).any()


def test_every_catalogue_indicator_has_the_24_months_ending_at_end_month(nilai, catalogue):
    months = month_range(END)
    assert months[0] == "2024-11" and len(months) == 24
    for indikator in catalogue.index:
        got = sorted(nilai.loc[nilai["indikator"] == indikator, "periode"].unique())
        assert got == months, indikator
    assert set(nilai["indikator"]) == set(catalogue.index)


def test_only_demo_desa(nilai, demo_workspace):
    desa = demo_workspace.read_table("boundaries/desa.parquet", columns=["kode"])
    assert set(nilai["kode_desa"]) == set(desa["kode"])


def test_pembilang_never_above_penyebut_where_it_cannot_be(nilai, catalogue):
    assert (nilai["pembilang"] >= 0).all() and (nilai["penyebut"] > 0).all()
    persen = nilai["indikator"].map(catalogue["satuan"]) == "persen"
    prorata = nilai["indikator"].map(catalogue["target_prorata"]) == "ya"
    monthly = nilai[persen & ~prorata]
    assert (monthly["pembilang"] <= monthly["penyebut"]).all()
    # annual sasaran: a year's months together never serve more people than the sasaran
    annual = nilai[persen & prorata].assign(tahun=lambda f: f["periode"].str[:4])
    per_year = annual.groupby(["kode_desa", "indikator", "tahun"]).agg(
        pembilang=("pembilang", "sum"), penyebut=("penyebut", "max"), lo=("penyebut", "min")
    )
    assert (per_year["pembilang"] <= per_year["penyebut"]).all()
    assert (per_year["lo"] == per_year["penyebut"]).all()  # one sasaran per year


def test_sasaran_follow_the_population(nilai):
    last = nilai[nilai["periode"] == END].set_index(["kode_desa", "indikator"])["penyebut"].unstack()
    ratio = (last["k1"] / last["dbd_ir"]).dropna()  # ibu hamil per penduduk
    assert ratio.median() == pytest.approx(1.1 * 0.017, rel=0.05)
    ratio = (last["ds"] / last["dbd_ir"]).dropna()  # balita per penduduk
    assert ratio.median() == pytest.approx(0.085, rel=0.05)


def test_coverage_builds_up_through_the_year_below_or_near_target(nilai):
    k1 = nilai[(nilai["indikator"] == "k1") & nilai["periode"].str.startswith("2026")]
    sasaran = k1.groupby("kode_desa")["penyebut"].max().sum()
    ytd = k1.groupby("periode")["pembilang"].sum().sort_index().cumsum() / sasaran
    assert ytd.is_monotonic_increasing
    assert ytd.iloc[0] < 0.12  # January: about a twelfth of the year, slow start
    assert 0.6 < ytd[END] < 0.95  # October: near the pro-rated 83 %


def test_realistic_spread_and_a_few_weak_desa(nilai):
    year = nilai[(nilai["indikator"] == "idl") & nilai["periode"].str.startswith("2026")]
    per_desa = year.groupby("kode_desa").agg(p=("pembilang", "sum"), q=("penyebut", "max"))
    cov = per_desa["p"] / per_desa["q"]
    q10, q50, q90 = cov.quantile([0.1, 0.5, 0.9])
    assert 0.1 < q90 - q10 < 0.6
    weak = (cov < 0.6 * q50).sum()
    assert 5 <= weak <= 60


def test_lower_is_better_indicators_look_like_it(nilai):
    stunting = nilai[nilai["indikator"] == "stunting"]
    assert 0.1 < stunting["pembilang"].sum() / stunting["penyebut"].sum() < 0.25


def test_some_desa_months_are_missing_not_zero(nilai):
    pairs = nilai[["kode_desa", "periode"]].drop_duplicates()
    n_desa = nilai["kode_desa"].nunique()
    absent = 1 - len(pairs) / (n_desa * 24)
    assert 0.005 < absent < 0.06
    latest = pairs[pairs["periode"] == END]
    assert len(latest) < n_desa  # some reports of the latest month have not arrived


def test_latest_reporting_agrees_with_facility_status(nilai, demo_workspace):
    f = demo_workspace.read_table("fasilitas.parquet")
    reported = f[f["jenis"].isin(["posyandu", "pustu"])].groupby("kode_desa")["lapor_bulan_ini"].agg(["sum", "size"])
    last = nilai[(nilai["indikator"] == "lapor_lengkap") & (nilai["periode"] == END)].set_index("kode_desa")
    joined = last.join(reported)
    np.testing.assert_array_equal(joined["pembilang"], joined["sum"])
    np.testing.assert_array_equal(joined["penyebut"], joined["size"])


def test_one_kabupaten_sets_its_own_targets(demo_workspace, catalogue):
    target = demo_workspace.read_table("indikator/target.parquet")
    assert list(target.columns) == ["kode", "indikator", "target_tahunan"]
    assert set(target["indikator"]) <= set(catalogue.index)
    assert target["kode"].str.fullmatch(r"\d\d\.\d\d").all()


def test_stored_roll_ups_belong_to_the_values_and_sum_the_desa(demo_workspace, nilai):
    from indicators.catalogue import load_catalogue
    from indicators.rollup import nilai_fingerprint
    from indicators.query import IndicatorQuery

    manifest = demo_workspace.manifest["indikator"]
    assert manifest["agregat_untuk"] == nilai_fingerprint(demo_workspace.path("indikator/nilai.parquet"), load_catalogue())
    assert manifest["periode_data"] == month_range(END)
    kabupaten = IndicatorQuery(demo_workspace).children("29", "k1", END)
    month = nilai[(nilai["indikator"] == "k1") & (nilai["periode"] == END)]
    by_hand = month.groupby(month["kode_desa"].str[:5])[["pembilang", "penyebut"]].sum()
    np.testing.assert_array_equal(kabupaten["kode"], by_hand.index)
    np.testing.assert_allclose(kabupaten["pembilang"], by_hand["pembilang"])
    np.testing.assert_allclose(kabupaten["penyebut"], by_hand["penyebut"])

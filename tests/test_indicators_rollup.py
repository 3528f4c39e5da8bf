"""Roll-up sums numerators and denominators; missing desa are counted, never zero."""

import numpy as np
import pandas as pd
import pytest

from indicator_workspace import long_rows, make_workspace
from indicators.importer import import_indicators
from indicators.query import IndicatorQuery
from indicators.rollup import rollup, scale
from workspace import Workspace

KEC = ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003"]


def test_two_desa_9_of_10_and_1_of_90_make_10_percent_not_50():
    rows = long_rows([("19.06.01.2001", "2025-03", "ds", 9, 10), ("19.06.01.2002", "2025-03", "ds", 1, 90)])
    out = rollup(rows, KEC, "kecamatan", "2025-03")
    assert out.loc[0, "kode"] == "19.06.01"
    assert (out.loc[0, "pembilang"], out.loc[0, "penyebut"]) == (10.0, 100.0)
    assert out.loc[0, "nilai"] == pytest.approx(10.0)  # the mean of 90 % and 1.1 % would be 45.6 %
    assert (out.loc[0, "desa_dengan_data"], out.loc[0, "desa_total"]) == (2, 3)


def test_same_through_import_and_query(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    path = tmp_path / "ds.csv"
    long_rows([("1906012001", "2025-03", "ds", 9, 10), ("1906012002", "2025-03", "ds", 1, 90)]).to_csv(path, index=False)
    import_indicators(ws, path)
    kec = IndicatorQuery(ws).children("19.06", "ds", "2025-03").set_index("kode")
    assert kec.loc["19.06.01", ["pembilang", "penyebut"]].tolist() == [10.0, 100.0]
    assert kec.loc["19.06.01", "nilai"] == pytest.approx(10.0)
    assert kec.loc["19.06.01", ["desa_dengan_data", "desa_total"]].tolist() == [2, 3]
    # 19.06.02 has a desa but no data: missing, not 0 %
    assert np.isnan(kec.loc["19.06.02", "nilai"]) and kec.loc["19.06.02", "desa_dengan_data"] == 0
    assert kec.loc["19.06.02", "status"] is None and kec.loc["19.06.02", "kelas"] == -1


def test_year_to_date_prorated_uses_the_annual_sasaran_once():
    # k1: sasaran 120 ibu hamil repeated each month; 10 + 20 K1 visits by February = 30/120 = 25 %
    rows = long_rows([("19.06.01.2001", "2025-01", "k1", 10, 120), ("19.06.01.2001", "2025-02", "k1", 20, 120)])
    out = rollup(rows, KEC, "desa", "2025-02").set_index("kode")
    assert out.loc["19.06.01.2001", "pembilang_kumulatif"] == 30.0
    assert out.loc["19.06.01.2001", "penyebut_kumulatif"] == 120.0
    assert out.loc["19.06.01.2001", "nilai_kumulatif"] == pytest.approx(25.0)
    assert out.loc["19.06.01.2001", "nilai"] == pytest.approx(100 * 20 / 120)


def test_year_to_date_of_a_monthly_rate_sums_both():
    rows = long_rows([("19.06.01.2001", "2025-01", "ds", 9, 10), ("19.06.01.2001", "2025-02", "ds", 8, 10),
                      ("19.06.01.2001", "2024-12", "ds", 1, 10)])  # December belongs to the previous year
    out = rollup(rows, KEC, "kecamatan", "2025-02")
    assert out.loc[0, ["pembilang_kumulatif", "penyebut_kumulatif"]].tolist() == [17.0, 20.0]
    assert out.loc[0, "nilai_kumulatif"] == pytest.approx(85.0)


def test_area_year_to_date_covers_only_desa_reporting_this_month():
    # desa 2001 reported January only; in February the kecamatan's YTD is desa 2002's alone
    rows = long_rows([("19.06.01.2001", "2025-01", "k1", 50, 100), ("19.06.01.2002", "2025-01", "k1", 5, 100),
                      ("19.06.01.2002", "2025-02", "k1", 5, 100)])
    out = rollup(rows, KEC, "kecamatan", "2025-02")
    assert out.loc[0, ["pembilang_kumulatif", "penyebut_kumulatif", "desa_dengan_data"]].tolist() == [10.0, 100.0, 1]


def test_scale_by_satuan():
    assert scale([1], [4], "persen").tolist() == [25.0]
    assert scale([3], [1000], "per_1000").tolist() == [3.0]
    assert scale([5], [200_000], "per_100000").tolist() == [2.5]
    assert scale([7], [np.nan], "jumlah").tolist() == [7.0]
    assert np.isnan(scale([0], [0], "persen")[0])


def _written_directly(tmp_path, with_aggregates: bool):
    """A workspace whose nilai.parquet was written by another tool (as the demo builder does)."""
    from indicators.rollup import write_aggregates

    ws = make_workspace(tmp_path / ("with" if with_aggregates else "without"))
    rows = long_rows([("19.06.01.2001", "2025-02", "k1", 10, 120), ("19.06.01.2001", "2025-03", "k1", 14, 120),
                      ("19.06.01.2002", "2025-03", "k1", 5, 60), ("19.05.01.2001", "2025-03", "k1", 30, 100)])
    with ws.transaction("other tool") as tx:
        tx.write_table("indikator/nilai.parquet", rows)
        if with_aggregates:
            tx.manifest["indikator"] = write_aggregates(tx, tx.file("indikator/nilai.parquet"))
    return ws


def test_nilai_written_by_another_tool_with_or_without_stored_aggregates(tmp_path):
    results = []
    for stored in (False, True):
        q = IndicatorQuery(_written_directly(tmp_path, stored))
        assert q.periods() == ["2025-02", "2025-03"]
        assert q._source("k1")[0].startswith("read_parquet") == stored
        results.append(q.children("19", "k1", "2025-03"))
    pd.testing.assert_frame_equal(results[0], results[1])
    kab = results[0].set_index("kode")
    # 19.06: (10 + 14 + 5) / (120 + 60) by March; 19.05: 30/100
    assert kab.loc["19.06", "nilai_pws"] == pytest.approx(100 * 29 / 180)
    assert kab.loc["19.05", "nilai_pws"] == pytest.approx(30.0)


def _fingerprint_before_layouts(nilai) -> str:
    """``manifest["indikator"]["agregat_untuk"]`` as versions before the per-indicator layout wrote it."""
    import hashlib

    import pyarrow.parquet as pq

    from indicators.catalogue import load_catalogue

    flags = ",".join(f"{i}={int(p)}" for i, p in load_catalogue()["target_prorata"].items())
    return f"{nilai.stat().st_size}:{pq.ParquetFile(nilai).metadata.num_rows}:{hashlib.sha1(flags.encode()).hexdigest()[:10]}"


def test_aggregates_stored_in_the_old_single_file_layout_are_recomputed_not_read_as_empty(tmp_path):
    # A workspace written before the per-indicator layout: one indikator/agregat.parquet and a
    # fingerprint without the layout. Reading it as "stored" found no file and showed no values.
    ws = _written_directly(tmp_path, True)
    fresh = IndicatorQuery(ws).children("19", "k1", "2025-03")
    with ws.transaction("written by an older version") as tx:
        meta = dict(tx.manifest["indikator"])
        for name in tx.manifest["files"]:
            if name.startswith("indikator/agregat/"):
                tx.remove(name)
        tx.write_table("indikator/agregat.parquet", pd.DataFrame({"indikator": ["k1"]}))
        meta["agregat_untuk"] = _fingerprint_before_layouts(tx.base.path("indikator/nilai.parquet"))
        tx.manifest["indikator"] = meta
    q = IndicatorQuery(Workspace(ws.root))
    assert not q._source("k1")[0].startswith("read_parquet")
    pd.testing.assert_frame_equal(q.children("19", "k1", "2025-03"), fresh)
    assert fresh["nilai_pws"].notna().all()

"""PWS status: the four quadrants and lower-is-better, worked out by hand."""

import numpy as np
import pytest

from indicator_workspace import long_rows, make_workspace
from indicators.importer import import_indicators
from indicators.query import IndicatorQuery
from indicators.status import pws_status, target_bulan, trend

D = ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003", "19.06.02.2001"]


def test_target_prorated_by_month():
    assert target_bulan(80.0, 9, True) == 60.0  # 80 % a year is 60 % by September
    assert target_bulan(85.0, 9, False) == 85.0


def test_four_quadrants_higher_is_better():
    status, tren = pws_status([70, 70, 50, 50], 60, [8, 6, 8, 6], [7, 7, 7, 7], "naik")
    assert status.tolist() == ["baik", "kurang", "cukup", "jelek"]
    assert tren.tolist() == ["naik", "turun", "naik", "turun"]


def test_lower_is_better_turns_around():
    # stunting, target 14 %: 10 % and falling = baik; 10 % rising = kurang; 20 % falling = cukup; 20 % rising = jelek
    status, _ = pws_status([10, 10, 20, 20], 14, [10, 10, 20, 20], [12, 8, 22, 18], "turun")
    assert status.tolist() == ["baik", "kurang", "cukup", "jelek"]


def test_ties_and_gaps():
    # on target counts as meeting it; a flat month is judged by position alone; with no previous month
    # the status says only the position (trend not yet known), not "baik"/"jelek" (issue 13)
    status, tren = pws_status([60, 60, 50, 50, np.nan], 60, [5, 5, 5, 5, np.nan], [5, np.nan, 5, np.nan, 4], "naik")
    assert tren.tolist() == ["tetap", None, "tetap", None, None]
    assert status.tolist() == ["baik", "capai", "jelek", "belum_capai", None]
    assert pws_status([0.1 + 0.2], 0.3, [1], [0], "naik")[0].tolist() == ["baik"]
    assert trend([1.0], [1.0 + 1e-12]).tolist() == ["tetap"]


def test_quadrants_through_import_and_query(tmp_path):
    """K1 (pro-rated, target 100 %/year → 25 % by March), sasaran 120 ibu hamil in each desa.

    ====  ==============  ==============  ===========  =============  ======
    desa  Jan/Feb/Mar     YTD March       vs 25 %      Mar vs Feb     status
    ====  ==============  ==============  ===========  =============  ======
    2001  10 / 12 / 14    36/120 = 30 %   above        11.7 > 10.0    baik
    2002  15 / 12 / 8     35/120 = 29.2%  above        6.7 < 10.0     kurang
    2003  5 / 6 / 9       20/120 = 16.7%  below        7.5 > 5.0      cukup
    2001  8 / 7 / 5       20/120 = 16.7%  below        4.2 < 5.8      jelek  (kecamatan 19.06.02)
    ====  ==============  ==============  ===========  =============  ======
    """
    ws = make_workspace(tmp_path / "ws")
    visits = {D[0]: (10, 12, 14), D[1]: (15, 12, 8), D[2]: (5, 6, 9), D[3]: (8, 7, 5)}
    rows = [(kode, f"2025-0{m + 1}", "k1", n, 120) for kode, ns in visits.items() for m, n in enumerate(ns)]
    # stunting (lower is better, flat target 14 %): 10 % after 12 % = baik; 20 % after 15 % = jelek
    rows += [(D[0], "2025-02", "stunting", 12, 100), (D[0], "2025-03", "stunting", 10, 100),
             (D[1], "2025-02", "stunting", 15, 100), (D[1], "2025-03", "stunting", 20, 100)]
    path = tmp_path / "k1.csv"
    long_rows(rows).to_csv(path, index=False)
    import_indicators(ws, path)
    q = IndicatorQuery(ws)
    desa = q.children("19.06", "k1", "2025-03", level="desa").set_index("kode")
    assert desa.loc[D, "status"].tolist() == ["baik", "kurang", "cukup", "jelek"]
    assert desa.loc[D, "kelas"].tolist() == [0, 1, 2, 3]
    assert desa.loc[D[0], "nilai_pws"] == pytest.approx(30.0)
    assert desa.loc[D[0], "target_bulan"] == pytest.approx(25.0)
    assert desa.loc[D[1], "nilai_pws"] == pytest.approx(100 * 35 / 120)
    # kabupaten 19.06: YTD (36+35+20+20)/480 = 23.1 % < 25 %; March 36 vs February 37 visits: falling
    kab = q.children("19", "k1", "2025-03").set_index("kode")
    assert kab.loc["19.06", "nilai_pws"] == pytest.approx(100 * 111 / 480)
    assert kab.loc["19.06", ["status", "tren"]].tolist() == ["jelek", "turun"]
    st = q.children("19.06.01", "stunting", "2025-03").set_index("kode")
    assert st.loc[D[:2], "status"].tolist() == ["baik", "jelek"]
    assert st.loc[D[:2], "target_bulan"].tolist() == [14.0, 14.0]  # not pro-rated


def test_series_and_rapor(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    path = tmp_path / "k1.csv"
    long_rows([(D[0], "2025-01", "k1", 10, 120), (D[0], "2025-02", "k1", 12, 120),
               (D[0], "2025-02", "stunting", 20, 100)]).to_csv(path, index=False)
    import_indicators(ws, path)
    q = IndicatorQuery(ws)
    s = q.series(D[0], "k1")
    assert s["periode"].tolist() == ["2025-01", "2025-02"]
    assert s["nilai_pws"].tolist() == pytest.approx([100 * 10 / 120, 100 * 22 / 120])
    assert s["target_bulan"].tolist() == pytest.approx([100 / 12, 200 / 12])
    # January: no December, so no trend: 8.33 ≥ 8.33 → capai; February 18.3 > 16.7 and rising → baik
    assert s["status"].tolist() == ["capai", "baik"]
    rapor = q.rapor(D[0], "2025-03").set_index("indikator")
    assert len(rapor) == len(q.catalogue)
    assert rapor.loc["k1", "periode_data"] == "2025-02"  # latest month with data
    assert rapor.loc["stunting", "status"] == "belum_capai"  # 20 % > 14 %, no previous month: trend unknown
    assert rapor.loc["ds", "status"] is None
    assert rapor["klaster"].is_monotonic_increasing

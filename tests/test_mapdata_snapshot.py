"""One snapshot per answer: a loaded MapData keeps answering from its snapshot while imports commit."""

from __future__ import annotations

import pandas as pd
import pytest

from mapdata import view
from mapdata.facilities import facility_cases
from mapdata.options import page_options
from mapdata.store import MapDataCache, load_mapdata
from mapdata.viewstate import ViewState
from surveillance.pipeline import ALERT_COLUMNS
from tests.squares import build_squares_workspace, nilai_frame
from workspace import PinnedWorkspace

STATE = ViewState(wilayah="99.01.01", indikator="ds", periode="2025-02", klasifikasi="quantiles")


def _commit_values_and_cases(ws) -> None:
    """An import that adds a month (2025-03) with other values, and case data with one alert."""
    march = nilai_frame().query("periode == '2025-02'").assign(periode="2025-03", pembilang=[10.0, 50.0])
    later = pd.concat([nilai_frame().assign(pembilang=lambda f: f["pembilang"] - 5), march], ignore_index=True)
    kasus = pd.DataFrame({"tempat": ["P1"], "kode_desa": ["99.01.01.2001"], "minggu": ["2025-W10"],
                          "penyakit": ["diare_akut"], "jumlah": [7]})
    alert = {c: None for c in ALERT_COLUMNS} | {
        "kode_desa": "99.01.01.2001", "penyakit": "diare_akut", "minggu": "2025-W10",
        "observed": 7.0, "expected": 1.0, "upper": 3.0, "method": "ears_c2", "severity": "tinggi", "score": 2.0}
    with ws.transaction("indicators and cases") as tx:
        tx.write_table("indikator/nilai.parquet", later)
        tx.write_table("kasus/mingguan.parquet", kasus)
        tx.write_table("kasus/peringatan.parquet", pd.DataFrame([alert]))
        tx.manifest["kasus"] = {"minggu_terakhir": "2025-W10"}


@pytest.fixture
def ws(tmp_path):
    return build_squares_workspace(tmp_path / "ws", nilai=True)


def _answers(md) -> dict:
    frame = view.values_frame(md, STATE)
    return {
        "periode": page_options(md)["periode"],
        "has_alerts": page_options(md)["has_alerts"],
        "nilai": frame.set_index("kode")["nilai"].round(6).to_dict(),
        "alerts": view.read_alerts(md),
        "area_alerts": view.area_alerts(md, "99.01")[0],
        "kasus": facility_cases(md, "99.01.01.2001"),
        "rapor": view.rapor(md, ViewState(wilayah="99.01.01.2001", indikator="ds", periode="2025-02"))[0]
        .set_index("indikator")["nilai"].dropna().round(6).to_dict(),
    }


def test_a_mapdata_answers_from_its_own_snapshot_while_an_import_commits(ws):
    before = _answers(load_mapdata(ws))
    md = load_mapdata(ws)  # nothing lazy read yet: the indicator query, alerts and options come after the import
    assert isinstance(md.workspace, PinnedWorkspace) and md.workspace.snapshot_id == md.snapshot_id
    _commit_values_and_cases(ws)
    assert ws.snapshot_id != md.snapshot_id

    pinned = _answers(md)
    after = _answers(load_mapdata(ws))
    assert pinned["periode"] == before["periode"] == ["2025-01", "2025-02"]
    assert pinned["nilai"] == before["nilai"] == {"99.01.01.2001": 90.0, "99.01.01.2002": 40.0}
    assert pinned["rapor"] == before["rapor"] == {"ds": 90.0}
    assert (pinned["has_alerts"], pinned["alerts"], pinned["area_alerts"], pinned["kasus"]) == (False, None, None, (None, {}))
    # the import did change every one of these answers: the pinned ones are not equal by accident
    assert after["periode"] == ["2025-01", "2025-02", "2025-03"]
    assert after["nilai"] == {"99.01.01.2001": 80.0, "99.01.01.2002": 30.0}
    assert after["has_alerts"] and after["alerts"]["kode_desa"].tolist() == ["99.01.01.2001"]
    assert after["kasus"] == ("2025-W10", {"P1": {"diare_akut": 7}})
    assert after["rapor"] == {"ds": 80.0}


def test_the_cache_keeps_only_the_live_snapshot(ws):
    cache = MapDataCache()
    first = cache.get(ws.root)
    assert cache.loaded() == [first.snapshot_id]
    _commit_values_and_cases(ws)
    second = cache.get(ws.root)
    assert second.snapshot_id == ws.snapshot_id != first.snapshot_id
    assert cache.loaded() == [second.snapshot_id]  # the old snapshot is not kept for nobody
    assert cache.get(ws.root) is second and cache.loads == 2

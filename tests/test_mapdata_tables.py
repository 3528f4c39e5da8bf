"""Ranked table rows and exports, from a hand-made frame in IndicatorQuery.children's shape."""

from __future__ import annotations

import numpy as np
import pandas as pd

from layouts.panels import alerts_list
from mapdata.tables import export_frame, ranked_rows


def frame():
    return pd.DataFrame(
        {
            "kode": ["a", "b", "c", "d"],
            "nama": ["A", "B", "C", "D"],
            "pembilang": [10.0, 30.0, np.nan, 20.0],
            "penyebut": [40.0, 40.0, np.nan, 40.0],
            "nilai": [25.0, 75.0, np.nan, 50.0],
            "target_bulan": [60.0] * 4,
            "status": ["jelek", "baik", None, "cukup"],
            "tren": ["turun", "naik", None, "tetap"],
        }
    )


def test_rows_best_first_for_naik_and_missing_last():
    rows = ranked_rows(frame(), "persen", "naik", "id")
    assert [r["kode"] for r in rows] == ["b", "d", "a", "c"]
    assert [r["peringkat"] for r in rows] == [1, 2, 3, None]
    assert rows[0]["nilai_teks"] == "75,0 %" and rows[0]["rasio_teks"] == "30 / 40"
    assert [r["tren_teks"] for r in rows] == ["▲ naik", "▬ tetap", "▼ turun", "–"]
    assert rows[3]["status_teks"] == "tidak ada data" and rows[3]["nilai"] is None


def test_rows_lowest_first_for_turun_in_english():
    rows = ranked_rows(frame(), "per_1000", "turun", "en")
    assert [r["kode"] for r in rows] == ["a", "d", "b", "c"]
    assert rows[0]["nilai_teks"] == "25.0 per 1,000"
    assert rows[0]["tren_teks"] == "▼ down"


def test_export_keeps_raw_numbers():
    out = export_frame(ranked_rows(frame(), "persen", "naik", "en"), "en")
    assert list(out.columns) == ["No.", "kode", "Area", "Achieved", "Numerator", "Denominator", "Target", "Status", "Trend"]
    assert out["Achieved"].tolist()[:3] == [75.0, 50.0, 25.0]
    assert out["Target"].tolist() == [60.0] * 4
    assert pd.isna(out["Achieved"].iloc[3])  # missing stays missing, not 0


def test_no_values_no_rows():
    assert ranked_rows(None, "persen", "naik", "id") == []


def test_alert_list_one_item_per_desa_and_disease():
    from surveillance.response import alert_table, current_states
    from mapdata.waspada import list_rows

    alerts = pd.DataFrame(
        {
            "kode_desa": ["1.1.1.2001", "1.1.1.2001", "1.1.1.2002"],
            "nama_desa": ["Kelubi", "Kelubi", "Mentawak"],
            "nama_kecamatan": ["Manggar"] * 3,
            "penyakit": ["diare_akut"] * 3,
            "nama_penyakit": ["Diare akut"] * 3,
            "observed": [24.0, 24.0, 7.0],
            "expected": [4.0, 5.0, 2.0],
            "method": ["EARS C2", "SKDR ≥10 kasus", "EARS C2"],
            "severity": ["tinggi", "tinggi", "sedang"],
            "minggu": ["2025-W44"] * 3,
            "klaster_id": [None] * 3,
        }
    )
    states = current_states(alert_table(alerts, None).assign(raised_at=pd.NaT), None)
    states["berikutnya"] = [["diverifikasi"]] * len(states)
    rows = list_rows(states, None, lang="id", names=alerts)
    out = alerts_list({"rows": rows, "lainnya": 0, "semua": 2}, lang="id")
    items = [[_text(li.children[0]), _text(li.children[1]), _text(li.children[2].children[0])] for li in out[0].children]
    assert items == [["Kelubi (Manggar): Diare akut", "24 kasus · tinggi", "Status: baru · waktu muncul tidak tercatat"],
                     ["Mentawak (Manggar): Diare akut", "7 kasus · sedang", "Status: baru · waktu muncul tidak tercatat"]]
    # nobody's scope given: the step is shown, not offered
    buttons = [b for li in out[0].children for b in li.children[2].children[1:]]
    assert [b.children for b in buttons] == ["Verifikasi", "Verifikasi"] and all(b.disabled for b in buttons)
    empty = {"rows": [], "lainnya": 0, "semua": 0}
    assert alerts_list(empty, lang="en")[0].children == "No alerts this week."
    assert alerts_list(empty | {"semua": 2}, lang="en", only_baru=True)[0].children == \
        "Every alert of these weeks has been verified."


def _text(node) -> str:
    """The text a component shows (its children's, joined)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if isinstance(node, (list, tuple)):
        return "".join(_text(n) for n in node)
    return _text(getattr(node, "children", None))

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


def test_alert_list_one_line_per_desa_and_disease():
    alerts = pd.DataFrame(
        {
            "kode_desa": ["1.1.1.2001", "1.1.1.2001", "1.1.1.2002"],
            "nama_desa": ["Kelubi", "Kelubi", "Mentawak"],
            "nama_kecamatan": ["Manggar"] * 3,
            "penyakit": ["diare_akut"] * 3,
            "nama_penyakit": ["Diare akut"] * 3,
            "observed": [24, 24, 7],
            "severity": ["tinggi", "tinggi", "sedang"],
            "minggu": ["2025-W44"] * 3,
        }
    )
    out = alerts_list(alerts, minggu="2025-W44", lang="id")
    items = [li.children for li in out[1].children]
    assert items == ["Kelubi (Manggar): Diare akut, 24 kasus · tinggi", "Mentawak (Manggar): Diare akut, 7 kasus · sedang"]
    assert alerts_list(alerts.iloc[0:0], minggu=None, lang="en")[1].children == "No alerts this week."

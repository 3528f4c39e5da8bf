"""Defects a new user met on a real kabupaten with one month of K1 (issue 13, part 4).

The workspace: hand-made squares (``indicator_workspace``) with K1 for 2026-09
only, as a dinas that just started imports it. Each test failed before its fix.
"""

from __future__ import annotations

import json

import pytest

import commands
from indicator_workspace import long_rows, make_workspace
from mapdata.store import MapDataCache

# K1 is pro-rated: target 100 %/year → 75 % by September. 2001: 100/120 → above; 2002: 30/120 → below.
K1_SEPTEMBER = [("1906012001", "2026-09", "k1", 100, 120), ("1906012002", "2026-09", "k1", 30, 120)]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    from indicators.importer import import_indicators

    root = tmp_path_factory.mktemp("satu-bulan")
    ws = make_workspace(root / "ws")
    path = root / "k1.csv"
    long_rows(K1_SEPTEMBER).to_csv(path, index=False)
    import_indicators(ws, path)
    return ws


@pytest.fixture(scope="module")
def md(ws):
    return MapDataCache().get(ws.root)


def test_the_map_opens_on_an_indicator_and_month_that_have_data(md):
    from mapdata.view import current_state

    state = current_state(md, "")
    assert (state.indikator, state.periode) == ("k1", "2026-09")  # not the catalogue's first indicator (no data: grey)
    # a link that names its indicator keeps it; one without a period gets that indicator's latest month
    assert current_state(md, "?indikator=lapor_lengkap").indikator == "lapor_lengkap"
    assert current_state(md, "?indikator=k1").periode == "2026-09"


def test_with_no_earlier_month_the_status_says_only_the_position(md, ws, capsys):
    from mapdata.tables import grid_rows
    from mapdata.view import current_state, map_payload, rapor, table_rows

    state = current_state(md, "?wilayah=19.06.01&indikator=k1&periode=2026-09")
    p = map_payload(md, state)
    hideout = p["hideout"]
    # map colours and legend: meets / below target, trend not yet known; nothing about improving or worsening
    labels = [e["label"] for e in hideout["legend"]]
    assert labels == ["Capai target (tren belum diketahui)", "Belum capai target (tren belum diketahui)", "tidak ada data"]
    legend_colour = {e["label"]: e["warna"] for e in hideout["legend"]}
    assert hideout["warna"]["19.06.01.2001"] == legend_colour["Capai target (tren belum diketahui)"]
    assert hideout["warna"]["19.06.01.2002"] == legend_colour["Belum capai target (tren belum diketahui)"]
    # hover
    assert "Status: Capai target" in hideout["tip"]["19.06.01.2001"]
    assert "Status: Belum capai target" in hideout["tip"]["19.06.01.2002"]
    assert not any(w in " ".join(hideout["tip"].values()) for w in ("Baik", "Jelek"))
    # table: the status column and an unknown trend
    rows = {r["kode"]: r for r in grid_rows(table_rows(md, state))}
    assert (rows["19.06.01.2001"]["status_teks"], rows["19.06.01.2001"]["tren_teks"]) == ("Capai target", "–")
    assert rows["19.06.01.2002"]["status_teks"] == "Belum capai target"
    # rapor desa
    frame, _ = rapor(md, current_state(md, "?wilayah=19.06.01.2002&indikator=k1&periode=2026-09"))
    assert frame.set_index("indikator").loc["k1", "status"] == "belum_capai"
    # table --json: the same words
    status = commands.main(["table", "--indicator", "k1", "--period", "2026-09", "--area", "19.06.01",
                            "--workspace", str(ws.root), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert {r["kode"]: r["status"] for r in out["rows"]} == {"19.06.01.2001": "capai", "19.06.01.2002": "belum_capai",
                                                            "19.06.01.2003": None}
    assert out["legend"]["labels"] == ["Capai target (≥ target, tren belum diketahui)",
                                       "Belum capai target (< target, tren belum diketahui)"]


def test_the_rapor_card_shows_the_position_only_status(md):
    from callbacks.panels import rapor_output

    card = json.dumps(rapor_output("?wilayah=19.06.01.2002&indikator=k1&periode=2026-09", md), default=lambda c: c.to_plotly_json())
    assert "Belum capai target" in card and "pws-st-belum-capai" in card and "Jelek" not in card


def test_no_facility_legend_or_layer_in_a_workspace_without_facilities(md):
    from callbacks.view import map_outputs

    assert md.fasilitas.empty
    for area in ("19.06.01", "19.06.01.2001"):  # kecamatan and desa: where facilities would be drawn
        out = map_outputs(f"?wilayah={area}&indikator=k1", None, md)
        fas_url, fas_legend_hidden, fas_list = out["facilities_url"], out["facility_legend_hidden"], out["facility_list"]
        assert fas_url is None and fas_legend_hidden is True and fas_list == []


def _app(*args, env=None, **kw):
    import os
    import subprocess
    import sys

    from settings import ROOT

    full_env = {k: v for k, v in os.environ.items() if k != "PWS_LANG"}
    full_env.update(env or {})
    return subprocess.Popen([sys.executable, str(ROOT / "app.py"), *map(str, args)], cwd=ROOT, env=full_env,
                            text=True, **kw)


def test_the_command_line_speaks_one_language_per_run(ws, tmp_path):
    import subprocess

    table = ["table", "--indicator", "k1", "--period", "2026-09", "--area", "19.06", "--workspace", ws.root]
    out, err = _app(*table, stdout=subprocess.PIPE, stderr=subprocess.PIPE).communicate(timeout=120)
    assert "— kecamatan di Kabupaten Belitung Timur" in out or "— kecamatan di 19.06" in out
    out_en, _ = _app(*table, env={"PWS_LANG": "en"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE).communicate(timeout=120)
    assert " in " in out_en.splitlines()[0] and " di " not in out_en.splitlines()[0]
    # errors: an Indonesian prefix by default, English with --lang en (the flag anywhere on the line)
    missing = ["serve", "--debug", "--host", "0.0.0.0", "--workspace", tmp_path / "kosong"]
    _, err = _app(*missing, stdout=subprocess.PIPE, stderr=subprocess.PIPE).communicate(timeout=120)
    assert err.startswith("Galat: ") and "Error" not in err
    _, err = _app(*missing, "--lang", "en", stdout=subprocess.PIPE, stderr=subprocess.PIPE).communicate(timeout=120)
    assert err.startswith("Error: ") and "Galat" not in err
    proc = _app("--lang", "xx", "indicators", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and err.startswith("Galat: --lang 'xx'")


def test_a_reader_that_stops_early_gets_no_traceback(ws):
    # `python app.py table ... | head` ended in a BrokenPipeError traceback
    import subprocess

    proc = _app("indicators", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert proc.returncode == 0

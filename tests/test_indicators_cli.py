"""The indicator commands, called as the command line calls them."""

import io
import json

import pandas as pd

import commands
from indicator_workspace import long_rows, make_workspace


def _run(capsys, argv):
    status = commands.main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_indicators_lists_the_catalogue(capsys):
    status, out, _ = _run(capsys, ["indicators", "--json"])
    assert status == 0
    rows = {r["id"]: r for r in json.loads(out)["indikator"]}
    assert rows["k1"]["klaster"] == 2 and rows["k1"]["target_prorata"] is True
    assert rows["stunting"]["arah"] == "turun"
    status, out, _ = _run(capsys, ["indicators"])
    assert status == 0 and "Klaster 2: Ibu dan Anak" in out and "stunting" in out


def test_import_then_table_shows_the_map_numbers(tmp_path, capsys):
    ws = make_workspace(tmp_path / "ws")
    path = tmp_path / "ds.csv"
    long_rows([("1906012001", "2025-03", "ds", 9, 10), ("1906012002", "2025-03", "ds", 1, 90),
               ("1906012003", "2025-03", "ds", -1, 10)]).to_csv(path, index=False)
    status, out, err = _run(capsys, ["import", "indicators", str(path), "--workspace", str(ws.root), "--json"])
    assert status == 0
    report = json.loads(out)
    assert report["rows_imported"] == 2 and [r["baris"] for r in report["rejected"]] == [4]
    assert "membaca" in err  # progress on stderr

    status, out, _ = _run(capsys, ["table", "--indicator", "ds", "--period", "2025-03", "--area", "1906",
                                   "--workspace", str(ws.root), "--json"])
    assert status == 0
    table = json.loads(out)
    rows = {r["kode"]: r for r in table["rows"]}
    assert table["tingkat"] == "kecamatan"
    assert (rows["19.06.01"]["pembilang"], rows["19.06.01"]["penyebut"], rows["19.06.01"]["nilai"]) == (10.0, 100.0, 10.0)
    # one month imported: below target, trend not yet known (not "jelek", which says worsening)
    assert rows["19.06.01"]["status"] == "belum_capai" and rows["19.06.01"]["tren"] is None
    assert rows["19.06.02"]["nilai"] is None
    assert table["legend"]["labels"] == ["Belum capai target (< target, tren belum diketahui)"]

    status, out, _ = _run(capsys, ["table", "--indicator", "ds", "--period", "2025-03", "--area", "19.06.01",
                                   "--workspace", str(ws.root), "--csv", "--scheme", "equal_interval", "--k", "3"])
    frame = pd.read_csv(io.StringIO(out), dtype={"kode": str})
    assert frame["kode"].tolist() == ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003"]
    assert frame["nilai"].round(3).tolist()[:2] == [90.0, 1.111] and pd.isna(frame["nilai"].iloc[2])
    assert frame["kelas"].tolist() == [1, 0, -1]

    status, out, _ = _run(capsys, ["table", "--indicator", "ds", "--period", "2025-03", "--workspace", str(ws.root)])
    assert status == 0 and "Kepulauan Bangka Belitung" in out


def test_errors_are_one_paragraph_with_exit_2(tmp_path, capsys):
    ws = make_workspace(tmp_path / "ws")
    status, out, err = _run(capsys, ["table", "--indicator", "nope", "--period", "2025-03",
                                     "--workspace", str(ws.root), "--json"])
    assert status == 2 and "tidak ada di katalog" in json.loads(out)["error"]
    status, _, err = _run(capsys, ["table", "--indicator", "ds", "--period", "2025-13", "--workspace", str(ws.root)])
    assert status == 2 and "YYYY-MM" in err and "Traceback" not in err
    status, _, err = _run(capsys, ["import", "indicators", str(tmp_path / "none.csv"), "--workspace", str(ws.root)])
    assert status == 2 and "tidak ditemukan" in err


def test_import_targets_command(tmp_path, capsys):
    ws = make_workspace(tmp_path / "ws")
    path = tmp_path / "t.csv"
    path.write_text("kode,indikator,target_tahunan\n19.06,k1,95\n")
    status, out, _ = _run(capsys, ["import", "targets", str(path), "--workspace", str(ws.root), "--json"])
    assert status == 0 and json.loads(out)["target"] == [{"kode": "19.06", "indikator": "k1", "target_tahunan": 95.0}]

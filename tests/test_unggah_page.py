"""The upload page and the history through Flask's test client (a fixed actor; the login is tested elsewhere)."""

from __future__ import annotations

import re

import pytest

from access.actor import Actor
from indicators.query import IndicatorQuery
from opsdb import OpsDb, submissions
from unggah_support import KELUBI_PKM, LAIN_PKM, mixed_workbook, two_puskesmas_workspace

KELUBI = Actor("pkm-kelubi", "puskesmas", KELUBI_PKM)


@pytest.fixture()
def ws(tmp_path):
    return two_puskesmas_workspace(tmp_path / "ws")


def _client(ws, actor):
    from app import create_app

    return create_app(ws.root, actor=lambda: actor).server.test_client()


def _post(client, path, name, **form):
    with open(path, "rb") as fh:
        return client.post("/unggah", data={"langkah": "periksa", "berkas": (fh, name), **form},
                           content_type="multipart/form-data")


def test_check_lists_own_outside_and_bad_rows_and_save_imports_only_the_own(ws, tmp_path):
    client = _client(ws, KELUBI)
    assert "Unggah laporan" in client.get("/unggah").get_data(as_text=True)
    before = ws.snapshot_id
    answer = _post(client, mixed_workbook(tmp_path / "laporan.xlsx"), "laporan september.xlsx")
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200 and ws.snapshot_id == before  # a check writes nothing
    assert "Indikator ILP bulanan (dikenali dari kolomnya)" in body
    counts = dict(re.findall(r'data-hitung="(\d)">([-\d]+)<', body))
    assert counts == {"0": "4", "1": "2", "2": "1", "3": "1"}
    rows = re.findall(r'<tr class="(luar|tolak)"><td class="angka">(\d+)</td><td>([^<]*)</td><td>([^<]*)</td>', body)
    assert [(k, b, c) for k, b, c, _ in rows] == [("luar", "4", "19.06.01.2003"), ("tolak", "5", "19.06.01.2002")]
    assert "penyebut negatif" in rows[1][3]
    token = re.search(r'name="token" value="([0-9a-f]+)"', body).group(1)
    saved = client.post("/unggah", data={"langkah": "simpan", "token": token, "jenis": "indicators"})
    assert saved.status_code == 200 and 'data-langkah="simpan"' in saved.get_data(as_text=True)
    assert ws.snapshot_id != before
    table = IndicatorQuery(ws).children("19.06.01", "k1", "2026-09")
    got = {k: v for k, v in zip(table["kode"], table["pembilang"]) if v == v}
    assert got == {"19.06.01.2001": 7, "19.06.01.2002": 5}  # 19.06.01.2003 (Puskesmas Lain) never imported
    again = client.post("/unggah", data={"langkah": "simpan", "token": token, "jenis": "indicators"})
    assert again.status_code == 410  # saved once; the staged file is gone
    history = client.get("/unggah/riwayat").get_data(as_text=True)
    assert history.count("pkm-kelubi") == 2 and "laporan september.xlsx" in history
    db = OpsDb.for_workspace(ws.root)
    saved_row = submissions.history(db, include_checks=False)[0]
    assert (saved_row.channel, saved_row.wilayah, saved_row.units, saved_row.rows_outside) == ("web", KELUBI_PKM, [KELUBI_PKM], 1)
    other = _client(ws, Actor("pkm-lain", "puskesmas", LAIN_PKM)).get("/unggah/riwayat").get_data(as_text=True)
    assert "pkm-kelubi" not in other  # another puskesmas sees none of it
    dinas = _client(ws, Actor("dinas", "dinas", "19.06")).get("/unggah/riwayat").get_data(as_text=True)
    assert dinas.count("pkm-kelubi") == 2


def test_a_puskesmas_may_not_send_other_kinds_and_bytes_decide_the_type(ws, tmp_path):
    client = _client(ws, KELUBI)
    wk = tmp_path / "wk.csv"
    wk.write_text("kode_puskesmas,nama_puskesmas,kode_desa\nP1,Puskesmas X,19.06.01.2001\n")
    answer = _post(client, wk, "wk.csv")
    assert answer.status_code == 403 and "hanya boleh" in answer.get_data(as_text=True)
    exe = tmp_path / "x.xlsx"
    exe.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    answer = _post(client, exe, "laporan.xlsx")  # an .xlsx name on something else
    assert answer.status_code == 400 and "bukan berkas tabel atau peta" in answer.get_data(as_text=True)
    csv_named_xlsx = tmp_path / "y.xlsx"
    csv_named_xlsx.write_text("kode_desa,periode,indikator,pembilang,penyebut\n19.06.01.2001,2026-09,k1,1,2\n")
    answer = _post(client, csv_named_xlsx, "y.xlsx")  # CSV text under an .xlsx name: read as CSV
    assert answer.status_code == 200 and 'data-hitung="1">1<' in answer.get_data(as_text=True)


def test_a_request_above_the_limit_is_refused_before_reading(ws, tmp_path, monkeypatch):
    from uploads import detect

    monkeypatch.setattr(detect, "MAX_UPLOAD_BYTES", 1000)
    big = tmp_path / "big.csv"
    big.write_text("kode_desa,periode,indikator,pembilang,penyebut\n" + "19.06.01.2001,2026-09,k1,1,2\n" * 5000)
    answer = _post(_client(ws, KELUBI), big, "big.csv")
    assert answer.status_code == 413 and "terlalu besar" in answer.get_data(as_text=True)
    assert submissions.history(OpsDb.for_workspace(ws.root)) == []


def test_a_save_racing_another_import_is_refused_with_run_it_again(ws, tmp_path):
    client = _client(ws, KELUBI)
    body = _post(client, mixed_workbook(tmp_path / "a.xlsx"), "a.xlsx").get_data(as_text=True)
    token = re.search(r'name="token" value="([0-9a-f]+)"', body).group(1)
    from indicators import importer

    real = importer._merge

    def slow_merge(base, new, catalogue):  # another import commits while this one is between reading and writing
        import pandas as pd

        if not getattr(slow_merge, "done", False):
            slow_merge.done = True
            with ws.transaction("indicators") as tx:
                tx.write_table("lain.parquet", pd.DataFrame({"a": [1]}))
        return real(base, new, catalogue)

    importer._merge = slow_merge
    try:
        answer = client.post("/unggah", data={"langkah": "simpan", "token": token, "jenis": "indicators"})
    finally:
        importer._merge = real
    assert answer.status_code == 409 and "jalankan lagi" in answer.get_data(as_text=True)
    assert submissions.history(OpsDb.for_workspace(ws.root))[0].status == "gagal"


def test_the_kind_is_recognised_or_chosen_and_the_admin_may_send_every_kind(ws, tmp_path):
    admin = _client(ws, Actor("ani", "admin"))
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n")
    answer = _post(admin, odd, "odd.csv")
    assert answer.status_code == 400 and "pilih jenisnya" in answer.get_data(as_text=True)
    field = tmp_path / "field.csv"
    field.write_text("KDEPUM,bulan,tahun,k1_num,k1_den\n1906012001,9,2026,4,8\n")
    answer = _post(admin, field, "field.csv")  # the names field files use: recognised as indicators
    assert answer.status_code == 200 and "Indikator ILP bulanan (dikenali dari kolomnya)" in answer.get_data(as_text=True)
    answer = _post(admin, field, "field.csv", jenis="cases")  # chosen: the case importer judges it
    assert answer.status_code == 400 and "Tidak disimpan" in answer.get_data(as_text=True)
    # the admin's other kinds: each with its check step, below



def _counts(body: str) -> dict[str, str]:
    return dict(re.findall(r'data-hitung="(\d)">([-\d]+)<', body))


def _problems(body: str) -> list[tuple[str, str, str, str]]:
    """(class, row, code, reason) of the rows listed under the counts."""
    return re.findall(r'<tr class="(luar|tolak|catatan)"><td class="angka">([-\d]+)</td><td>([^<]*)</td><td>([^<]*)</td>',
                      body)


def _save(client, body: str, kind: str):
    token = re.search(r'name="token" value="([0-9a-f]+)"', body).group(1)
    return client.post("/unggah", data={"langkah": "simpan", "token": token, "jenis": kind})


def test_the_admin_checks_a_puskesmas_table_then_saves_it(ws, tmp_path):
    from puskesmas import WILAYAH_KERJA_FILE

    admin = _client(ws, Actor("ani", "admin"))
    before = ws.snapshot_id
    wk = tmp_path / "wk.csv"
    wk.write_text("kode_puskesmas,nama_puskesmas,kode_desa\nP1906010101,Puskesmas Kelubi,19.06.01.2001\n"
                  "P1906010101,Puskesmas Kelubi,19.06.01.2002\nP1906010202,Puskesmas Lain,19.06.01.2003\n"
                  "P1906010202,Puskesmas Lain,19.99.01.2001\n,Puskesmas X,19.06.02.2001\n")
    answer = _post(admin, wk, "wilayah kerja.csv")
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Tabel wilayah kerja puskesmas (dikenali dari kolomnya)" in body
    assert 'data-langkah="periksa"' in body and ws.snapshot_id == before  # the check writes nothing
    assert _counts(body) == {"0": "5", "1": "3", "2": "2", "3": "-"}
    listed = _problems(body)
    assert [(c, b, k) for c, b, k, _ in listed] == [("tolak", "5", "19.99.01.2001"), ("tolak", "6", "19.06.02.2001")]
    assert "tidak ada di workspace" in listed[0][3] and "tanpa kode_puskesmas" in listed[1][3]
    saved = _save(admin, body, "puskesmas")
    assert saved.status_code == 200 and 'data-langkah="simpan"' in saved.get_data(as_text=True)
    assert ws.snapshot_id != before
    table = ws.read_table(WILAYAH_KERJA_FILE)
    assert sorted(table["kode_desa"]) == ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003"]
    rows = submissions.history(OpsDb.for_workspace(ws.root))
    assert [(r.kind, r.check_only, r.rows_imported) for r in rows] == [("puskesmas", False, 3), ("puskesmas", True, 3)]
    assert (rows[0].username, rows[0].channel) == ("ani", "web")


def test_the_admin_checks_a_posyandu_list_then_saves_it(ws, tmp_path):
    admin = _client(ws, Actor("ani", "admin"))
    before = ws.snapshot_id
    points = tmp_path / "posyandu.csv"  # the squares: desa 19.06.01.2001 is 1 ≤ lon ≤ 2, 0 ≤ lat ≤ 1
    points.write_text("id,nama,jenis,lat,lon\nPY1,Posyandu Mawar,posyandu,0.5,1.5\nPY2,Posyandu Melati,posyandu,0.5,2.5\n"
                      "PY3,Posyandu Anggrek,posyandu,abc,2.5\nPY1,Posyandu Kembar,posyandu,0.5,3.5\n"
                      "PY5,Klinik,klinik,0.5,3.5\n")
    body = _post(admin, points, "posyandu.csv").get_data(as_text=True)
    assert "Daftar posyandu/pustu/puskesmas (dikenali dari kolomnya)" in body and ws.snapshot_id == before
    assert _counts(body) == {"0": "5", "1": "2", "2": "3", "3": "-"}
    listed = _problems(body)
    assert [(c, b, k) for c, b, k, _ in listed] == [("tolak", "4", "PY3"), ("tolak", "5", "PY1"), ("tolak", "6", "PY5")]
    assert "tidak diimpor" in listed[0][3] and "sudah dipakai di baris 2" in listed[1][3] and "klinik" in listed[2][3]
    assert not ws.has("fasilitas.parquet")
    assert _save(admin, body, "posyandu").status_code == 200 and ws.snapshot_id != before
    got = ws.read_table("fasilitas.parquet").set_index("id")["kode_desa"].to_dict()
    assert got == {"PY1": "19.06.01.2001", "PY2": "19.06.01.2002"}


def test_a_targets_file_with_a_bad_row_is_shown_and_cannot_be_saved(ws, tmp_path):
    from indicators.catalogue import target_overrides

    admin = _client(ws, Actor("ani", "admin"))
    targets = tmp_path / "target.csv"
    targets.write_text("kode,indikator,target_tahunan\n19.06,k1,95\n19.06.01,k6,80\n")
    body = _post(admin, targets, "target.csv").get_data(as_text=True)
    assert "Satu baris salah menolak seluruh berkas target" in body
    assert [(b, k) for _, b, k, _ in _problems(body)] == [("3", "19.06.01")]
    assert 'name="token"' not in body  # nothing to save
    targets.write_text("kode,indikator,target_tahunan\n19.06,k1,95\n1906,k6,80\n")
    body = _post(admin, targets, "target.csv").get_data(as_text=True)
    assert _counts(body)["1"] == "2" and _problems(body) == []
    before = ws.snapshot_id
    assert _save(admin, body, "targets").status_code == 200 and ws.snapshot_id != before
    own = target_overrides(ws)
    assert sorted(zip(own["indikator"], own["target_tahunan"])) == [("k1", 95.0), ("k6", 80.0)]


def test_a_boundary_file_is_checked_before_it_replaces_the_boundaries(ws, tmp_path):
    import json

    admin = _client(ws, Actor("ani", "admin"))

    def square(x):
        return [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]

    named = [("19.06.01.2001", "Kelubi"), ("19.06.01.2002", "Lalang"), ("bukan kode", "X")]
    features = [{"type": "Feature", "properties": {"kode_desa": k, "nama": n},
                 "geometry": {"type": "Polygon", "coordinates": square(i)}} for i, (k, n) in enumerate(named)]
    path = tmp_path / "desa.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = ws.snapshot_id
    body = _post(admin, path, "desa.geojson").get_data(as_text=True)
    assert "Batas desa (dikenali dari kolomnya)" in body and ws.snapshot_id == before
    assert _counts(body)["0"] == "3" and _counts(body)["1"] == "2"
    assert any("bukan kode" in k + r for _, _, k, r in _problems(body))
    assert _save(admin, body, "boundaries").status_code == 200 and ws.snapshot_id != before
    kept = sorted(ws.read_table("boundaries/desa.parquet", columns=["kode"])["kode"])
    assert kept == ["19.06.01.2001", "19.06.01.2002"]


def test_the_rows_not_taken_are_told_in_the_pages_language(ws, tmp_path):
    admin = _client(ws, Actor("ani", "admin"))
    wk = tmp_path / "wk.csv"
    wk.write_text("kode_puskesmas,nama_puskesmas,kode_desa\nP1906010101,Puskesmas Kelubi,19.06.01.2001\n"
                  "P1906010101,Puskesmas Kelubi,19.99.01.2001\n")
    with open(wk, "rb") as fh:
        body = admin.post("/unggah?bahasa=en", data={"langkah": "periksa", "berkas": (fh, "wk.csv")},
                          content_type="multipart/form-data").get_data(as_text=True)
    [(_, row, code, reason)] = _problems(body)
    assert (row, code, reason) == ("3", "19.99.01.2001", "desa 19.99.01.2001 is not in the workspace: not imported")
    assert "Puskesmas wilayah kerja table (recognised from its columns)" in body


def test_reasons_and_refusals_follow_the_page_language(ws, tmp_path):
    # the importer's row reasons and errors are keys and parameters: the page says them in its own language
    client = _client(ws, KELUBI)
    pages = {}
    for lang in ("id", "en"):
        with open(mixed_workbook(tmp_path / "laporan.xlsx"), "rb") as fh:
            pages[lang] = client.post(f"/unggah?bahasa={lang}", data={"langkah": "periksa", "berkas": (fh, "laporan.xlsx")},
                                      content_type="multipart/form-data").get_data(as_text=True)
    assert "penyebut negatif" in pages["id"] and "penyebut negative" not in pages["id"]
    assert "penyebut negative" in pages["en"] and "penyebut negatif" not in pages["en"]
    assert "desa di luar wilayah Anda" in pages["id"] and "desa outside your area" in pages["en"]
    bad = tmp_path / "bad.csv"
    bad.write_text("kode_desa,nilai\n19.06.01.2001,3\n")
    refused = {}
    for lang in ("id", "en"):
        with open(bad, "rb") as fh:
            answer = client.post(f"/unggah?bahasa={lang}", data={"langkah": "periksa", "berkas": (fh, "bad.csv"),
                                                                 "jenis": "indicators"}, content_type="multipart/form-data")
        assert answer.status_code == 400
        refused[lang] = answer.get_data(as_text=True)
    assert "Tidak disimpan:" in refused["id"] and "tidak ditemukan" in refused["id"] and "not found" not in refused["id"]
    assert "Not saved:" in refused["en"] and "not found" in refused["en"] and "tidak ditemukan" not in refused["en"]
    admin = _client(ws, Actor("admin", "admin", None))
    with open(bad, "rb") as fh:  # a targets file is saved at once: refused, and recorded in the history
        admin.post("/unggah?bahasa=en", data={"langkah": "periksa", "berkas": (fh, "bad.csv"), "jenis": "targets"},
                   content_type="multipart/form-data")
    history = {lang: admin.get(f"/unggah/riwayat?bahasa={lang}").get_data(as_text=True) for lang in ("id", "en")}
    assert "gagal: " in history["id"] and "kolom kode, indikator, target_tahunan tidak ada" in history["id"]
    assert "failed: " in history["en"] and "missing column(s) kode, indikator, target_tahunan" in history["en"]

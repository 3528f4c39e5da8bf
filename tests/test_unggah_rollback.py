"""The admin's roll-back on /unggah/riwayat: a button, a confirmation, the ``rollback`` command's path, recorded.

Anyone else sees no button and a crafted post is refused with nothing changed;
with the real login, the post needs the session's CSRF token like every other.
"""

from __future__ import annotations

import re

import pytest

from access.actor import Actor
from opsdb import OpsDb, submissions, users
from unggah_support import KELUBI_PKM, mixed_workbook, two_puskesmas_workspace

PW = "kata-sandi-uji-1"


@pytest.fixture()
def ws(tmp_path):
    """The two-puskesmas workspace, then an indicator upload saved by Kelubi (a snapshot to roll back from)."""
    ws = two_puskesmas_workspace(tmp_path / "ws")
    client = _client(ws, Actor("pkm-kelubi", "puskesmas", KELUBI_PKM))
    with open(mixed_workbook(tmp_path / "laporan.xlsx"), "rb") as fh:
        body = client.post("/unggah", data={"langkah": "periksa", "berkas": (fh, "laporan.xlsx")},
                           content_type="multipart/form-data").get_data(as_text=True)
    token = re.search(r'name="token" value="([0-9a-f]+)"', body).group(1)
    client.post("/unggah", data={"langkah": "simpan", "token": token, "jenis": "indicators"})
    assert ws.has("indikator/nilai.parquet")
    return ws


def _client(ws, actor):
    from app import create_app

    return create_app(ws.root, actor=lambda: actor).server.test_client()


def _before_upload(ws) -> str:
    """The snapshot the indicator upload was saved onto."""
    [saved] = submissions.history(OpsDb.for_workspace(ws.root), include_checks=False)
    return saved.snapshot_before


def test_the_admin_rolls_back_after_confirming_and_it_is_recorded(ws):
    admin = _client(ws, Actor("ani", "admin"))
    target, live = _before_upload(ws), ws.snapshot_id
    page = admin.get("/unggah/riwayat").get_data(as_text=True)
    kept = dict(re.findall(r'<tr data-snapshot="([^"]+)"><td><code>[^<]+</code></td><td>([^<]*)</td>', page))
    assert set(kept) == set(ws.snapshots()) and "laporan.xlsx, oleh pkm-kelubi" in kept[live]
    buttons = re.findall(r'name="snapshot" value="([^"]+)"', page)
    assert target in buttons and live not in buttons  # the live snapshot has no button
    asked = admin.post("/unggah/riwayat", data={"langkah": "tanya", "snapshot": target})
    body = asked.get_data(as_text=True)
    assert asked.status_code == 200 and f"Kembalikan workspace ke snapshot {target}?" in body
    assert 'name="langkah" value="kembalikan"' in body and ws.snapshot_id == live  # asking changes nothing
    done = admin.post("/unggah/riwayat", data={"langkah": "kembalikan", "snapshot": target})
    body = done.get_data(as_text=True)
    assert done.status_code == 200 and f"dikembalikan ke data snapshot {target}" in body
    assert ws.snapshot_id not in (live, target)  # a new snapshot with the old data
    assert not ws.has("indikator/nilai.parquet")
    newest = submissions.history(OpsDb.for_workspace(ws.root))[0]
    assert (newest.kind, newest.username, newest.channel, newest.status) == ("rollback", "ani", "web", "ok")
    assert (newest.file_name, newest.snapshot_before, newest.snapshot_after) == (target, live, ws.snapshot_id)
    assert "Kembali ke snapshot" in body  # the event is in the history list


def test_others_see_no_button_and_a_crafted_post_is_refused(ws):
    target, live = _before_upload(ws), ws.snapshot_id
    for actor in (Actor("pkm-kelubi", "puskesmas", KELUBI_PKM), Actor("dinas", "dinas", "19.06")):
        client = _client(ws, actor)
        page = client.get("/unggah/riwayat").get_data(as_text=True)
        assert "pkm-kelubi" in page and 'name="snapshot"' not in page and "Snapshot tersimpan" not in page
        for step in ("tanya", "kembalikan"):
            refused = client.post("/unggah/riwayat", data={"langkah": step, "snapshot": target})
            assert refused.status_code == 403 and "Hanya admin" in refused.get_data(as_text=True)
    assert ws.snapshot_id == live and ws.has("indikator/nilai.parquet")
    assert [r.kind for r in submissions.history(OpsDb.for_workspace(ws.root))] == ["indicators", "indicators"]


def test_an_unknown_or_live_snapshot_is_refused(ws):
    admin = _client(ws, Actor("ani", "admin"))
    live = ws.snapshot_id
    for snapshot in (live, "../../etc", "20990101T000000-ffffffff"):
        answer = admin.post("/unggah/riwayat", data={"langkah": "kembalikan", "snapshot": snapshot})
        assert answer.status_code == 400 and "tidak tersimpan lagi atau sudah aktif" in answer.get_data(as_text=True)
    assert ws.snapshot_id == live


def test_with_the_login_the_roll_back_needs_the_csrf_token(ws):
    from app import create_app

    db = OpsDb.for_workspace(ws.root)
    users.add_user(db, "ani", "admin", PW)
    client = create_app(ws.root).server.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"username": "ani", "password": PW, "csrf_token": token})
    target, live = _before_upload(ws), ws.snapshot_id
    page = client.get("/unggah/riwayat").get_data(as_text=True)
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # the buttons' forms carry it
    bare = client.post("/unggah/riwayat", data={"langkah": "kembalikan", "snapshot": target})
    assert bare.status_code == 403 and ws.snapshot_id == live  # no token: refused before the page sees it
    forged = client.post("/unggah/riwayat", data={"langkah": "kembalikan", "snapshot": target, "csrf_token": "palsu"})
    assert forged.status_code == 403 and ws.snapshot_id == live
    done = client.post("/unggah/riwayat", data={"langkah": "kembalikan", "snapshot": target, "csrf_token": form_token})
    assert done.status_code == 200 and ws.snapshot_id != live

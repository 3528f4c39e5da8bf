"""``python app.py alerts --json`` and ``python app.py alert-status``: the command line's door to alert response.

The small two-puskesmas workspace of the e-mail tests (``test_notify``) with
its cases imported through the command line: desa 19.06.01.2001 (Puskesmas
Kelubi) raises a high alert and a cluster in 2026-W40.
"""

from __future__ import annotations

import json

import pytest

import commands
from opsdb import OpsDb, audit, users
from respon_support import HIGH_DESA, PW, cases_file
from unggah_support import KELUBI_PKM, LAIN_PKM, two_puskesmas_workspace

ALERT = f"desa:2026-W40:diare_akut:{HIGH_DESA}"
CLUSTER = f"klaster:2026-W40:diare_akut:{HIGH_DESA}"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    import settings

    root = tmp_path_factory.mktemp("respon_cli")
    ws = two_puskesmas_workspace(root / "ws")
    db = OpsDb.for_workspace(ws.root)
    users.add_user(db, "kelubi", "puskesmas", PW, KELUBI_PKM)
    users.add_user(db, "lain", "puskesmas", PW, LAIN_PKM)
    users.add_user(db, "dinkes", "dinas", PW, "19.06")
    users.add_user(db, "pensiun", "puskesmas", PW, KELUBI_PKM)
    users.disable_user(db, "pensiun")
    db.dispose()
    host, settings.SMTP_HOST = settings.SMTP_HOST, None
    try:
        assert commands.main(["import", "cases", str(cases_file(root / "kasus.csv")), "--workspace", str(ws.root),
                              "--json"]) == 0
    finally:
        settings.SMTP_HOST = host
    return ws


def run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    status = commands.main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def listed(capsys, ws) -> dict:
    status, out, _ = run(capsys, "alerts", "--workspace", str(ws.root), "--json")
    assert status == 0
    return json.loads(out)


def test_alerts_json_gives_each_alert_its_id_and_state_and_keeps_the_old_fields(ws, capsys):
    got = listed(capsys, ws)
    rows = got["alerts"]
    assert {r["method"] for r in rows if r["kode_desa"] == HIGH_DESA} >= {"EARS C2", "Klaster ruang-waktu"}
    for r in rows:  # the fields the command always gave are still there
        assert {"kode_desa", "nama_desa", "penyakit", "minggu", "observed", "method", "severity", "klaster_id"} <= set(r)
        assert r["status"] == "baru" and r["oleh"] is None and r["waktu_status"] is None
    assert {r["id"] for r in rows} == {ALERT}  # the scan's row of this desa is answered with its other methods
    answerable = {a["id"]: a for a in got["respon"]}
    assert set(answerable) == {ALERT, CLUSTER}
    assert answerable[CLUSTER]["jenis"] == "klaster" and answerable[CLUSTER]["desa"] == [HIGH_DESA]
    assert answerable[ALERT]["raised_at"] is not None and answerable[ALERT]["berikutnya"] == ["diverifikasi"]


def test_alert_status_steps_and_refusals(ws, capsys):
    root = str(ws.root)
    # another puskesmas: refused, non-zero, one clear sentence, nothing stored
    status, out, err = run(capsys, "alert-status", ALERT, "diverifikasi", "--verdict", "benar", "--user", "lain",
                           "--workspace", root)
    assert status == 2 and out == ""
    assert err.strip() == f"Galat: Tidak ada peringatan dengan id '{ALERT}' di wilayah akun ini."
    status, _, err = run(capsys, "alert-status", ALERT, "diverifikasi", "--verdict", "benar", "--user", "lain",
                         "--workspace", root, "--lang", "en")
    assert status == 2 and err.strip() == f"Error: There is no alert with id '{ALERT}' in this account's area."
    # an id that names no alert at all: the same sentence, so the refusal does not tell that ALERT exists
    made_up = ALERT.replace(HIGH_DESA, "19.06.09.9999")
    status, out, err = run(capsys, "alert-status", made_up, "diverifikasi", "--verdict", "benar", "--user", "lain",
                           "--workspace", root)
    assert status == 2 and err.strip() == f"Galat: Tidak ada peringatan dengan id '{made_up}' di wilayah akun ini."
    # not a known account / a disabled one / an unknown id / a step out of order / a verdict missing
    for argv, says in [
        ((ALERT, "diverifikasi", "--verdict", "benar", "--user", "siapa"), "Tidak ada akun aktif 'siapa'"),
        ((ALERT, "diverifikasi", "--verdict", "benar", "--user", "pensiun"), "Tidak ada akun aktif 'pensiun'"),
        (("desa:2026-W40:diare_akut:19.06.09.9999", "diverifikasi", "--verdict", "benar", "--user", "kelubi"),
         "Tidak ada peringatan dengan id"),
        ((ALERT, "respon", "--user", "kelubi"), "tidak dapat langsung menjadi 'respon'; berikutnya: diverifikasi"),
        ((ALERT, "diverifikasi", "--user", "kelubi"), "Verifikasi perlu putusan"),
    ]:
        status, _, err = run(capsys, "alert-status", *argv, "--workspace", root)
        assert status == 2 and says in err, (argv, err)
    assert listed(capsys, ws)["respon"][0]["status"] == "baru"

    # the puskesmas of the desa verifies; the dinas starts the investigation; the puskesmas closes it
    status, out, _ = run(capsys, "alert-status", ALERT, "diverifikasi", "--verdict", "benar", "--note", "dicek ke desa",
                         "--user", "kelubi", "--workspace", root)
    assert status == 0 and out.startswith(f"Peringatan {ALERT}: diverifikasi (putusan: benar (kenaikan nyata)), "
                                          "dicatat oleh kelubi pada ")
    status, out, _ = run(capsys, "alert-status", ALERT, "respon", "--user", "dinkes", "--workspace", root, "--json")
    step = json.loads(out)
    assert status == 0 and (step["urutan"], step["status"], step["username"]) == (2, "respon", "dinkes")
    row = next(r for r in listed(capsys, ws)["alerts"] if r["id"] == ALERT)
    assert (row["status"], row["verdict"], row["oleh"]) == ("respon", "benar", "dinkes")
    assert row["waktu_status"] == step["waktu"]
    status, out, _ = run(capsys, "alert-status", ALERT, "selesai", "--hasil", "bukan_klb", "--user", "kelubi",
                         "--workspace", root, "--lang", "en")
    assert status == 0 and "closed (result: no outbreak), recorded by kelubi" in out
    status, _, err = run(capsys, "alert-status", ALERT, "respon", "--user", "kelubi", "--workspace", root)
    assert status == 2 and "sudah selesai" in err

    # the cluster: Lain's scope holds none of its desa
    status, _, _ = run(capsys, "alert-status", CLUSTER, "diverifikasi", "--verdict", "salah", "--user", "lain",
                       "--workspace", root)
    assert status == 2
    status, _, _ = run(capsys, "alert-status", CLUSTER, "diverifikasi", "--verdict", "salah", "--user", "kelubi",
                       "--workspace", root)
    assert status == 0
    db = OpsDb.for_workspace(ws.root)
    assert [(e.username, e.detail["alert"], e.detail["status"]) for e in audit.events(db, kind="respon")] == [
        ("kelubi", ALERT, "diverifikasi"), ("dinkes", ALERT, "respon"), ("kelubi", ALERT, "selesai"),
        ("kelubi", CLUSTER, "diverifikasi")]

    # every refused attempt by an account is in the audit log: which alert, the step wanted, why (a key), and
    # what the run said, in its language (no account: nobody attempted anything)
    refused = audit.events(db, kind="respon_ditolak")
    db.dispose()
    assert [(e.username, e.detail["alert"], e.detail["status"], e.detail["alasan"]) for e in refused] == [
        ("lain", ALERT, "diverifikasi", "bukan_wilayah"), ("lain", ALERT, "diverifikasi", "bukan_wilayah"),
        ("lain", ALERT.replace(HIGH_DESA, "19.06.09.9999"), "diverifikasi", "tidak_dikenal"),  # the truth, for the admin
        ("kelubi", "desa:2026-W40:diare_akut:19.06.09.9999", "diverifikasi", "tidak_dikenal"),
        ("kelubi", ALERT, "respon", "transisi"), ("kelubi", ALERT, "diverifikasi", "putusan"),
        ("kelubi", ALERT, "respon", "transisi"), ("lain", CLUSTER, "diverifikasi", "bukan_wilayah")]
    assert refused[0].detail["pesan"] == f"Tidak ada peringatan dengan id '{ALERT}' di wilayah akun ini."
    assert refused[1].detail["pesan"] == f"There is no alert with id '{ALERT}' in this account's area."
    status, out, _ = run(capsys, "audit", "--workspace", root)
    lines = [line for line in out.splitlines() if " tindak ditolak " in line]  # the kind in the run's words
    assert status == 0 and len(lines) == 8
    assert " lain " in lines[0] and f"alert={ALERT} status=diverifikasi alasan=bukan_wilayah pesan=Tidak ada peringatan" in lines[0]

"""``python app.py user ...``, ``audit`` and ``serve``'s account check, through :func:`commands.main`."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from access.accounts import check_wilayah
from access.actor import WILAYAH_KERJA_TABLE
from commands import main
from commands.serve import check_accounts
from errors import PwsError
from opsdb import OpsDb, users
from tests.squares import build_squares_workspace

PW = "kata-sandi-uji-1"


@pytest.fixture
def ws(tmp_path):
    """Squares (not a demo) with a small wilayah kerja table: two puskesmas, the second crossing a kecamatan border."""
    ws = build_squares_workspace(tmp_path / "ws", demo=False)
    table = pd.DataFrame({
        "kode_puskesmas": ["P9901010101", "P9901010101", "P9901020201", "P9901020201"],
        "nama_puskesmas": ["Puskesmas Satu", "Puskesmas Satu", "Puskesmas Dua", "Puskesmas Dua"],
        "kode_desa": ["99.01.01.2001", "99.01.01.2002", "99.01.02.2001", "99.02.01.2001"],
    })
    with ws.transaction("puskesmas") as tx:
        tx.write_table(f"{WILAYAH_KERJA_TABLE}.parquet", table)
    return ws


def run(capsys, monkeypatch, *argv, stdin: str = ""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_add_list_disable_and_set_password(ws, capsys, monkeypatch):
    w = ["--workspace", str(ws.root)]
    assert run(capsys, monkeypatch, "user", "add", "Ani", "--role", "admin", "--password-stdin", *w, stdin=PW + "\n")[0] == 0
    status, out, _ = run(capsys, monkeypatch, "user", "add", "budi", "--role", "dinas", "--wilayah", "9901",
                         "--email", "budi@dinkes.example", "--password-stdin", *w, stdin=PW + "\n")
    assert status == 0 and "99.01" in out
    assert run(capsys, monkeypatch, "user", "add", "cici", "--role", "puskesmas", "--wilayah", "P9901020201",
               "--password-stdin", *w, stdin=PW)[0] == 0
    status, out, _ = run(capsys, monkeypatch, "user", "list", "--json", *w)
    listed = {u["username"]: (u["role"], u["wilayah"], u["email"], u["disabled"]) for u in json.loads(out)["users"]}
    assert listed == {"ani": ("admin", None, None, False), "budi": ("dinas", "99.01", "budi@dinkes.example", False),
                      "cici": ("puskesmas", "P9901020201", None, False)}
    db = OpsDb.for_workspace(ws.root)
    assert users.authenticate(db, "budi", PW) is not None  # the newline was not part of the password
    assert run(capsys, monkeypatch, "user", "set-password", "budi", "--password-stdin", *w, stdin="sandi-baru-panjang\n")[0] == 0
    assert users.authenticate(db, "budi", PW) is None and users.authenticate(db, "budi", "sandi-baru-panjang")
    assert run(capsys, monkeypatch, "user", "disable", "cici", *w)[0] == 0
    assert users.get_user(db, "cici").disabled
    status, out, _ = run(capsys, monkeypatch, "audit", "--json", *w)
    events = json.loads(out)["events"]
    assert [(e["kind"], e["detail"]["akun"]) for e in events] == [
        ("akun_tambah", "ani"), ("akun_tambah", "budi"), ("akun_tambah", "cici"), ("akun_sandi", "budi"), ("akun_nonaktif", "cici")]
    assert all(e["username"].startswith("cli") for e in events)
    status, out, _ = run(capsys, monkeypatch, "audit", "--since", "2999-01-01", *w)
    assert status == 0 and "Tidak ada kejadian" in out


def test_the_password_is_never_an_argument(ws, capsys, monkeypatch):
    with pytest.raises(SystemExit):
        main(["user", "add", "ani", "--role", "admin", "--password", PW, "--workspace", str(ws.root)])
    with pytest.raises(SystemExit):  # --password-stdin is required: no prompt-less account without a password
        main(["user", "add", "ani", "--role", "admin", "--workspace", str(ws.root)])
    status, _, err = run(capsys, monkeypatch, "user", "add", "ani", "--role", "admin", "--password-stdin", "--workspace", str(ws.root))
    assert status == 2 and "Tidak ada kata sandi di masukan standar" in err
    status, _, err = run(capsys, monkeypatch, "user", "add", "ani", "--role", "admin", "--password-stdin",
                         "--workspace", str(ws.root), stdin="pendek\n")
    assert status == 2 and "paling sedikit 10" in err


def test_wilayah_is_checked_against_the_workspace(ws):
    assert check_wilayah("dinas", "99", ws) == "99"
    assert check_wilayah("dinas", "99.02", ws) == "99.02"
    assert check_wilayah("puskesmas", " P9901010101 ", ws) == "P9901010101"
    assert check_wilayah("admin", None, ws) is None
    for role, wilayah, why in [
        ("dinas", "98.01", "tidak punya kabkota 98.01"),
        ("dinas", "99.01.01", "bukan kode provinsi atau kabupaten"),
        ("dinas", None, "perlu --wilayah"),
        ("puskesmas", "P0000000000", "Tidak ada puskesmas"),
        ("puskesmas", "99.01", "Tidak ada puskesmas"),
        ("admin", "99", "jangan beri --wilayah"),
    ]:
        with pytest.raises(PwsError, match=why):
            check_wilayah(role, wilayah, ws)


def test_a_puskesmas_account_needs_the_wilayah_kerja_table(tmp_path):
    bare = build_squares_workspace(tmp_path / "bare", demo=False)
    with pytest.raises(PwsError, match="import puskesmas"):
        check_wilayah("puskesmas", "P9901010101", bare)


def test_every_import_is_audited(ws, tmp_path, capsys, monkeypatch):
    bad = tmp_path / "posyandu.csv"
    bad.write_text("id,nama\n1,Melati\n", encoding="utf-8")
    status, _, _ = run(capsys, monkeypatch, "import", "posyandu", str(bad), "--workspace", str(ws.root))
    status_out, out, _ = run(capsys, monkeypatch, "audit", "--json", "--workspace", str(ws.root))
    (event,) = json.loads(out)["events"]
    assert event["kind"] == "impor" and event["detail"]["what"] == "posyandu"
    assert event["detail"]["file"] == str(bad) and event["detail"]["status"] == status != 0
    assert event["detail"]["snapshot"] == ws.snapshot_id


def test_serve_on_a_network_needs_an_admin(ws, capsys):
    check_accounts(ws.root, "127.0.0.1")  # loopback: fine without one
    with pytest.raises(PwsError, match="user add NAMA --role admin"):  # Bahasa Indonesia unless the run is English
        check_accounts(ws.root, "0.0.0.0")
    with pytest.raises(PwsError) as refused:
        check_accounts(ws.root, "0.0.0.0", "en")
    assert "user add NAME --role admin" in refused.value.text("en")  # the command line says it in its run's language
    db = OpsDb.for_workspace(ws.root)
    users.add_user(db, "ani", "admin", PW)
    check_accounts(ws.root, "0.0.0.0")
    users.disable_user(db, "ani")
    with pytest.raises(PwsError, match="Belum ada akun admin"):
        check_accounts(ws.root, "10.1.2.3")


def test_serve_prints_the_demo_accounts(tmp_path, capsys):
    demo = build_squares_workspace(tmp_path / "demo", demo=True)
    check_accounts(demo.root, "0.0.0.0")  # the demo has its admin
    err = capsys.readouterr().err
    assert "admin / contoh-admin-1" in err and "dinas / contoh-dinas-1" in err and "99.01" in err
    assert "puskesmas" not in err  # no wilayah kerja table yet


def test_the_demo_gets_a_puskesmas_account_of_its_first_wilayah_kerja(tmp_path, capsys):
    demo = build_squares_workspace(tmp_path / "demo", demo=True)
    with demo.transaction("puskesmas") as tx:
        tx.write_table(f"{WILAYAH_KERJA_TABLE}.parquet", pd.DataFrame(
            {"kode_puskesmas": ["P2", "P1"], "nama_puskesmas": ["Dua", "Satu"], "kode_desa": ["99.01.01.2001", "99.01.01.2002"]}))
    check_accounts(demo.root, "127.0.0.1")
    assert "puskesmas / contoh-puskesmas-1  [puskesmas (P2)]" in capsys.readouterr().err
    assert users.get_user(OpsDb.for_workspace(demo.root), "puskesmas").wilayah == "P2"


def test_a_check_is_audited_as_one(ws, tmp_path, capsys, monkeypatch):
    path = tmp_path / "rekap.csv"
    path.write_text("kode_desa,periode,indikator,pembilang,penyebut\n99.01.01.2001,2026-09,k1,1,2\n", encoding="utf-8")
    before = ws.snapshot_id
    status, _, _ = run(capsys, monkeypatch, "import", "indicators", str(path), "--check", "--workspace", str(ws.root))
    assert status == 0 and ws.snapshot_id == before
    _, out, _ = run(capsys, monkeypatch, "audit", "--json", "--workspace", str(ws.root))
    (event,) = json.loads(out)["events"]
    assert event["detail"]["what"] == "indicators" and event["detail"]["check"] is True

"""Alert e-mails, against a real SMTP server (aiosmtpd) on a free local port.

The workspace has two puskesmas in kabupaten 19.06 (``unggah_support``):
Kelubi (desa 19.06.01.2001-2002) and Lain (19.06.01.2003, 19.06.02.2001).
Twenty weeks of 2 diarrhoea cases a week in every desa, then 30 in desa
19.06.01.2001 in the last week: EARS and the SKDR rule both flag it (severity
``tinggi``) and the space-time scan finds a signalling cluster of that desa
alone. Kelubi, the dinas of 19.06 and the admin must get one message each;
Lain, an account without an address and a disabled one, none.
"""

from __future__ import annotations

import email
import json
import socket
from email import policy

import pytest

import commands
from access.actor import Actor
from opsdb import OpsDb, responses
from respon_support import HIGH_DESA, add_people, cases_file
from surveillance import read_alerts, read_clusters
from surveillance.response import alert_ref, alert_table
from unggah_support import KELUBI_PKM, two_puskesmas_workspace
from uploads.run import run_import

BASE = "https://pws.dinkes.example"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "from": envelope.mail_from, "message": msg})
        return "250 OK"

    def by_recipient(self) -> dict:
        out = {}
        for m in self.messages:
            for rcpt in m["to"]:
                out.setdefault(rcpt, []).append(m["message"])
        return out


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def mail_settings(monkeypatch):
    """Point the settings at a port; returns a function to move them to another."""
    import settings

    def point(port: int) -> None:
        monkeypatch.setattr(settings, "SMTP_HOST", "127.0.0.1")
        monkeypatch.setattr(settings, "SMTP_PORT", port)
        monkeypatch.setattr(settings, "SMTP_FROM", "pws@dinkes.example")
        monkeypatch.setattr(settings, "SMTP_USER", None)
        monkeypatch.setattr(settings, "SMTP_PASSWORD", None)
        monkeypatch.setattr(settings, "SMTP_TLS", "auto")
        monkeypatch.setattr(settings, "BASE_URL", BASE)

    return point


AFFECTED = {"kelubi@pkm.example", "surveilans@dinkes.example", "admin@dinkes.example"}


def _listed_first(root, actor, search) -> str | None:
    """The first item of the page's alert list (its ``data-alert``) for ``actor`` at ``search`` (the alert callback)."""
    import re

    from app import create_app
    from layouts import ids
    from tests.dash_requests import UPDATE, CallbackGraph, payload

    client = create_app(root, actor=lambda: actor).server.test_client()
    cb = CallbackGraph(client.get("/_dash-dependencies").get_json()).by_output(f"{ids.ALERTS}.children")
    r = client.post(UPDATE, json=payload(cb, {(ids.LOCATION, "search"): search, (ids.RENDERED, "data"): "id"},
                                         [f"{ids.LOCATION}.search"]))
    found = re.findall(r"'data-alert': '(a[0-9a-f]+)'", str(r.get_json()["response"][ids.ALERTS]["children"]))
    return found[0] if found else None


def test_an_import_raising_a_high_alert_mails_each_affected_user_once(tmp_path, ops_db, smtp_server, mail_settings):
    inbox, port = smtp_server
    mail_settings(port)
    ws = two_puskesmas_workspace(tmp_path / "ws")
    add_people(ops_db)
    outcome = run_import(ws, "cases", cases_file(tmp_path / "kasus.csv"), username="root", db=ops_db)

    table = alert_table(read_alerts(ws), read_clusters(ws, all_weeks=True))
    notable = table[(table["severity"] == "tinggi") | (table["jenis"] == "klaster")]
    assert set(notable["id"]) == {f"desa:2026-W40:diare_akut:{HIGH_DESA}", f"klaster:2026-W40:diare_akut:{HIGH_DESA}"}
    assert outcome.report["respon"]["baru"] == len(table)
    assert outcome.report["respon"]["surel"] == {"queued": 3, "sent": 3, "failed": 0, "error": None}

    got = inbox.by_recipient()
    assert set(got) == AFFECTED  # not Lain's puskesmas, not the account without an address, not the disabled one
    assert all(len(messages) == 1 for messages in got.values())
    message = got["kelubi@pkm.example"][0]
    assert message["From"] == "pws@dinkes.example"
    assert message["Subject"].strip() == "PWS-ILP: 1 peringatan tingkat tinggi dan 1 klaster baru di wilayah Anda"
    body = message.get_content()
    # the links name each alert as the page does (a digest: a cluster's id holds its centre's code)
    desa_ref = alert_ref(f"desa:2026-W40:diare_akut:{HIGH_DESA}")
    cluster_ref = alert_ref(f"klaster:2026-W40:diare_akut:{HIGH_DESA}")
    assert f"{BASE}/?wilayah=19.06.01&pilih={HIGH_DESA}&peringatan={desa_ref}" in body
    assert f"{BASE}/?wilayah=19.06.01&pilih={HIGH_DESA}&peringatan={cluster_ref}" in body
    assert "Diare akut, desa" in body and "30 kasus" in body and "--user kelubi" in body
    # and the page opened with a link lists that alert first, for the reader
    kelubi = Actor("kelubi", "puskesmas", KELUBI_PKM)
    for ref in (desa_ref, cluster_ref):
        assert _listed_first(ws.root, kelubi, f"?wilayah=19.06.01&pilih={HIGH_DESA}&peringatan={ref}") == ref

    # the same file again: the same alert ids, nothing new recorded, nobody mailed twice
    again = run_import(ws, "cases", cases_file(tmp_path / "kasus.csv"), username="root", db=ops_db)
    assert list(alert_table(read_alerts(ws), read_clusters(ws, all_weeks=True))["id"]) == list(table["id"])
    assert again.report["respon"]["baru"] == 0 and again.report["respon"]["surel"]["queued"] == 0
    assert len(inbox.messages) == 3
    assert sorted(responses.raised(ops_db)["id"]) == sorted(table["id"])
    first = responses.raised(ops_db).set_index("id")["submission_id"]
    assert set(first) == {outcome.submission_id}  # raised by the first import, not re-dated by the second


def test_a_failed_send_never_fails_the_import_and_is_sent_by_notify_retry(tmp_path, smtp_server, mail_settings, capsys):
    """Through the command line: the import succeeds while the mail server is down; ``notify --retry`` sends later."""
    inbox, port = smtp_server
    ws = two_puskesmas_workspace(tmp_path / "ws")
    db = OpsDb.for_workspace(ws.root)
    add_people(db)
    mail_settings(free_port())  # nobody listens there
    assert commands.main(["import", "cases", str(cases_file(tmp_path / "kasus.csv")), "--workspace", str(ws.root),
                          "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["respon"]["surel"]["queued"] == 3 and report["respon"]["surel"]["sent"] == 0
    assert report["respon"]["surel"]["failed"] == 3 and "ConnectionRefusedError" in report["respon"]["surel"]["error"]
    assert commands.main(["notify", "--workspace", str(ws.root), "--json"]) == 0
    waiting = json.loads(capsys.readouterr().out)["outbox"]
    assert {m["recipient"] for m in waiting} == AFFECTED
    assert all(m["sent"] is None and m["attempts"] == 1 and m["last_error"] for m in waiting)
    assert inbox.messages == []

    mail_settings(port)  # the server is back
    assert commands.main(["notify", "--retry", "--workspace", str(ws.root), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"sent": 3, "failed": 0, "error": None, "waiting": 0}
    assert set(inbox.by_recipient()) == AFFECTED and len(inbox.messages) == 3
    assert commands.main(["notify", "--retry", "--workspace", str(ws.root)]) == 0  # nothing left: nothing sent twice
    assert len(inbox.messages) == 3


def test_without_a_mail_server_configured_nothing_is_queued(tmp_path, ops_db, monkeypatch):
    import settings

    monkeypatch.setattr(settings, "SMTP_HOST", None)
    ws = two_puskesmas_workspace(tmp_path / "ws")
    add_people(ops_db)
    outcome = run_import(ws, "cases", cases_file(tmp_path / "kasus.csv"), username="root", db=ops_db)
    assert outcome.report["respon"]["baru"] > 0
    assert outcome.report["respon"]["surel"] == {"queued": 0, "sent": 0, "failed": 0, "error": None}
    from notify.mail import outbox

    assert outbox(ops_db) == []

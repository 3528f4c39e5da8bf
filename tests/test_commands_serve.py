"""``python app.py``: the demo is built into the default workspace once; other empty folders are an error."""

from __future__ import annotations

import pytest

import settings
from commands.serve import ensure_workspace
from errors import PwsError
from workspace.store import Workspace


def test_first_run_builds_the_demo_then_reuses_it(tmp_path, monkeypatch):
    default = tmp_path / "workspace-demo"
    monkeypatch.setattr(settings, "DEFAULT_WORKSPACE", default)
    ensure_workspace(default)
    ws = Workspace(default)
    assert ws.manifest["demo"] is True
    first = ws.snapshot_id
    ensure_workspace(default)
    assert ws.snapshot_id == first  # reused, not rebuilt


def test_an_empty_named_workspace_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "DEFAULT_WORKSPACE", tmp_path / "workspace-demo")
    with pytest.raises(PwsError, match="import boundaries"):
        ensure_workspace(tmp_path / "elsewhere")


def test_debug_is_refused_on_an_address_other_machines_reach(tmp_path, capsys):
    from commands import main

    assert main(["serve", "--debug", "--host", "0.0.0.0", "--workspace", str(tmp_path / "tidak-dibaca")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: --debug hanya untuk alamat komputer ini") and "0.0.0.0" in err
    assert main(["serve", "--debug", "--host", "192.168.1.5", "--lang", "en", "--workspace", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("Error: --debug is only for this machine's address")


def test_server_options_are_sized_to_the_machine():
    from commands.serve import MAX_WORKERS, server_options

    assert server_options("127.0.0.1", 8050, None, 4, cpus=1)["workers"] == 1
    assert server_options("127.0.0.1", 8050, None, 4, cpus=64)["workers"] == MAX_WORKERS
    opts = server_options("::1", 9000, 3, 2, cpus=2)
    assert opts["bind"] == "[::1]:9000" and opts["workers"] == 3 and opts["threads"] == 2
    assert opts["worker_class"] == "gthread" and opts["accesslog"] == "-"


def test_serve_runs_gunicorn_with_compression_and_a_log_line_per_request(tmp_path):
    import re
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    import brotli

    from demo import build_demo_workspace

    build_demo_workspace(tmp_path / "ws", seed=0, cases=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "app.py", "serve", "--workspace", str(tmp_path / "ws"), "--port", str(port), "--workers", "1"],
        cwd=settings.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline, page = time.monotonic() + 90, None
        while page is None and time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5)
            except OSError:
                time.sleep(0.3)
        assert page is not None, "the server did not answer"
        assert page.headers["Server"].startswith("gunicorn")
        from callbacks.preload import chunk_url

        script = chunk_url("dash_leaflet", "dash_leaflet.js")  # code is public: no login needed
        req = urllib.request.Request(f"http://127.0.0.1:{port}{script}", headers={"Accept-Encoding": "br"})
        r = urllib.request.urlopen(req, timeout=30)
        assert r.headers["Content-Encoding"] == "br" and len(brotli.decompress(r.read())) > 100_000
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert re.search(r'"GET /login HTTP/1.1" 200 \d+ bytes', out), out
    assert "dash_leaflet" in out and "Booting worker" in out

"""The login through the app's own door: pages, the gate, CSRF, slow-down, idle expiry, cookies."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

import settings
from app import create_app
from auth import throttle
from auth.gate import kind_of, safe_next
from opsdb import OpsDb, audit, users
from opsdb.schema import login_sessions
from opsdb.store import utc_now
from tests.dash_requests import UPDATE, CallbackGraph, FlaskClient, SimulatedUser, payload
from tests.squares import build_squares_workspace

PW = "kata-sandi-uji-1"
DESA = re.compile(rb"99\.0[12]")  # any code of the squares workspace below the provinsi


@pytest.fixture
def ws(tmp_path):
    """A fresh squares workspace (not a demo) with an admin and a dinas account."""
    ws = build_squares_workspace(tmp_path / "ws", demo=False, nilai=True)
    db = OpsDb.for_workspace(ws.root)
    users.add_user(db, "ani", "admin", PW)
    users.add_user(db, "budi", "dinas", PW, wilayah="99.01")
    db.dispose()
    return ws


@pytest.fixture
def app(ws):
    return create_app(ws.root)


def _token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)


def _login(client, username="ani", password=PW, **kw):
    return client.post("/login", data={"username": username, "password": password, "csrf_token": _token(client)}, **kw)


def _graph(client) -> CallbackGraph:
    return CallbackGraph(client.get("/_dash-dependencies").get_json())


def _data_requests(ws):
    """One request of every kind that answers data: (method, url, json body)."""
    sid = ws.snapshot_id
    yield "get", "/_dash-layout", None
    yield "get", "/_dash-dependencies", None
    yield "get", "/_reload-hash", None
    for url in (f"/pws/geo/{sid}/99.pbf", f"/pws/geo/{sid}/99.01.json", f"/pws/geo/{sid}/top.json",
                f"/pws/fasilitas/{sid}/99.01.01.2001.json",
                "/pws/ringkasan.pdf?wilayah=99.01&tampilan=ringkasan", "/pws/ringkasan/peta.png?wilayah=99.01"):
        yield "get", url, None


def test_every_data_route_refuses_without_a_session_and_carries_no_data(app, ws):
    logged_in = FlaskClient(app.server)
    assert logged_in.log_in("ani", PW) == 302
    graph = CallbackGraph(logged_in.get("/_dash-dependencies").json())
    user = SimulatedUser(logged_in, graph)
    opened = user.open("?wilayah=99.01")
    assert opened.table_rows and all(e.status in (200, 204) for e in opened.exchanges)  # the same requests work logged in

    anonymous = app.server.test_client()
    token = _token(anonymous)  # an anonymous session has a CSRF token: the refusal below is the gate's
    covered = set()
    for method, url, _ in _data_requests(ws):
        assert logged_in.get(url).status_code == 200, url
        r = anonymous.get(url)
        assert r.status_code == 401, url
        assert not DESA.search(r.data), url
        covered.add(url.split("/")[1] if url.startswith("/pws") else url)
    for cb in graph.callbacks:  # every server callback, with the values a logged-in page sent
        body = payload(cb, user._values(), ["pws-location.search"])
        r = anonymous.post(UPDATE, json=body, headers={"X-CSRFToken": token})
        assert r.status_code == 401 and not DESA.search(r.data), cb["output"]
    rules = {r.rule for r in app.server.url_map.iter_rules()}
    data_rules = {r for r in rules if kind_of(r.split("<")[0] or "/") == "data"}
    assert {r for r in data_rules if r.startswith("/_dash")} <= {"/_dash-layout", "/_dash-dependencies", "/_dash-update-component"}
    assert {r.split("<")[0] for r in data_rules if r.startswith("/pws")} == {
        "/pws/geo/", "/pws/fasilitas/", "/pws/ringkasan.pdf", "/pws/ringkasan/peta.png"}


def test_without_a_session_the_page_sends_you_to_login(app):
    client = app.server.test_client()
    r = client.get("/?wilayah=99.01&indikator=k1")
    assert r.status_code == 302
    assert r.headers["Location"] == "/login?next=%2F%3Fwilayah%3D99.01%26indikator%3Dk1"
    login = client.get(r.headers["Location"])
    assert login.status_code == 200 and b'name="username"' in login.data and b'name="password"' in login.data
    assert b'lang="id"' in login.data and "Kata sandi".encode() in login.data
    english = client.get("/login?bahasa=en")
    assert b'lang="en"' in english.data and b"Password" in english.data
    assert client.get("/assets/pws.css").status_code == 200  # assets stay public
    token = _token(client)
    r = client.post("/login", data={"username": "ani", "password": PW, "csrf_token": token, "next": "/?wilayah=99.01"})
    assert r.status_code == 302 and r.headers["Location"] == "/?wilayah=99.01"
    assert client.get("/?wilayah=99.01").status_code == 200


def test_next_never_leaves_the_site():
    assert safe_next("//evil.example/x") == "/" and safe_next("https://evil.example") == "/"
    assert safe_next("/?wilayah=99.01") == "/?wilayah=99.01"


def test_wrong_password_is_refused_and_audited(app, ws):
    client = app.server.test_client()
    r = _login(client, password="salah-sekali-1")
    assert r.status_code == 401 and b"salah" in r.data
    assert client.get("/_dash-layout").status_code == 401
    assert _login(client).status_code == 302
    kinds = [(e.kind, e.username, e.address) for e in audit.events(OpsDb.for_workspace(ws.root))]
    assert kinds == [("login_gagal", "ani", "127.0.0.1"), ("login", "ani", "127.0.0.1")]


def test_a_disabled_account_cannot_log_in_and_loses_its_session(app, ws):
    client = app.server.test_client()
    assert _login(client, "budi").status_code == 302
    assert client.get("/_dash-layout").status_code == 200
    users.disable_user(OpsDb.for_workspace(ws.root), "budi")
    assert client.get("/_dash-layout").status_code == 401
    assert _login(client, "budi").status_code == 401


def test_callback_posts_need_the_csrf_token(app):
    client = FlaskClient(app.server)
    assert client.log_in("ani", PW) == 302
    graph = CallbackGraph(client.get("/_dash-dependencies").json())
    user = SimulatedUser(client, graph)
    body = payload(user.page, user._values(), ["pws-location.search"])
    raw = client._c
    assert raw.post(UPDATE, json=body).status_code == 403  # no token
    assert raw.post(UPDATE, json=body, headers={"X-CSRFToken": "palsu"}).status_code == 403  # a wrong one
    right = raw.get_cookie("_csrf_token").value
    r = raw.post(UPDATE, json=body, headers={"X-CSRFToken": right})
    assert r.status_code == 200 and "pws-page" in r.get_json()["response"]


def test_the_login_form_needs_the_csrf_token(app):
    client = app.server.test_client()
    client.get("/login")
    r = client.post("/login", data={"username": "ani", "password": PW})
    assert r.status_code == 403
    r = client.post("/login", data={"username": "ani", "password": PW, "csrf_token": "palsu"})
    assert r.status_code == 403
    assert client.get("/_dash-layout").status_code == 401


def test_the_token_changes_at_login(app):
    client = app.server.test_client()
    before = _token(client)
    assert _login(client).status_code == 302
    after = client.get_cookie("_csrf_token").value
    assert after != before


def test_failed_logins_slow_down_the_account(app, ws):
    client = app.server.test_client()
    for _ in range(throttle.PER_ACCOUNT.free):
        assert _login(client, password="salah-sekali-1").status_code == 401
    r = _login(client)  # the right password, too soon: not even checked
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert "Coba lagi".encode() in r.data
    assert client.get("/_dash-layout").status_code == 401
    other = app.server.test_client()
    assert _login(other, "budi").status_code == 302  # another account from the same address is not held up


def test_failed_logins_slow_down_the_address(app, ws):
    db = OpsDb.for_workspace(ws.root)
    t = utc_now()
    for i in range(throttle.PER_ADDRESS.free):  # written directly: twenty logins through the door would take seconds
        audit.record(db, "login_gagal", f"tebakan{i}", "10.9.8.7", at=t)
    client = app.server.test_client()
    r = _login(client, "budi", environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert r.status_code == 429
    assert _login(client, "budi", environ_base={"REMOTE_ADDR": "10.9.8.8"}).status_code == 302


def test_the_slow_down_doubles_and_forgets():
    t0 = utc_now()
    p = throttle.Policy(free=3, base=2.0, cap=60.0, window=timedelta(minutes=15))
    waits = [throttle.wait_seconds([t0] * n, t0, p) for n in range(3, 10)]
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
    assert throttle.wait_seconds([t0] * 5, t0 + timedelta(seconds=9), p) == 0.0
    assert throttle.wait_seconds([t0 - timedelta(minutes=16)] * 9, t0, p) == 0.0


def test_an_idle_session_expires(app, ws):
    client = app.server.test_client()
    assert _login(client).status_code == 302
    assert client.get("/_dash-layout").status_code == 200
    cookie = [h for h in client.get("/_dash-layout").headers.getlist("Set-Cookie") if h.startswith("pws_session=")]
    assert cookie and "Expires=" in cookie[0]  # the browser forgets it too
    db = OpsDb.for_workspace(ws.root)
    with db.begin() as conn:
        conn.execute(update(login_sessions).values(last_seen=utc_now() - timedelta(minutes=settings.SESSION_IDLE_MINUTES + 1)))
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/").status_code == 302


def test_logout_ends_the_session_even_for_a_copied_cookie(app, ws):
    client = app.server.test_client()
    assert _login(client).status_code == 302
    stolen = client.get_cookie("pws_session").value
    page = client.get("/logout")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert client.post("/logout", data={}).status_code == 403  # a cross-site logout is refused
    r = client.post("/logout", data={"csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert client.get("/_dash-layout").status_code == 401
    replay = app.server.test_client()
    replay.set_cookie("pws_session", stolen)
    assert replay.get("/_dash-layout").status_code == 401
    kinds = [e.kind for e in audit.events(OpsDb.for_workspace(ws.root))]
    assert kinds == ["login", "logout"]


def test_cookies_are_httponly_lax_and_secure_over_https(app):
    client = app.server.test_client()
    plain = _login(client).headers.getlist("Set-Cookie")
    session = next(h for h in plain if h.startswith("pws_session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    secure = app.server.test_client()
    token = re.search(r'value="([^"]+)"', secure.get("/login", base_url="https://pws.example").get_data(as_text=True)).group(1)
    r = secure.post("/login", base_url="https://pws.example", data={"username": "ani", "password": PW, "csrf_token": token})
    cookies = r.headers.getlist("Set-Cookie")
    assert all("Secure" in h for h in cookies) and {h.split("=")[0] for h in cookies} == {"pws_session", "_csrf_token"}


def test_forwarded_https_counts_only_behind_a_trusted_proxy(ws, monkeypatch):
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    untrusted = create_app(ws.root).server.test_client()
    assert "Secure" not in untrusted.get("/login", headers=proxied).headers.get("Set-Cookie", "")
    monkeypatch.setattr(settings, "TRUSTED_PROXIES", 1)
    trusted = create_app(ws.root).server.test_client()
    r = trusted.get("/login", headers=proxied)
    assert "Secure" in r.headers["Set-Cookie"]
    token = re.search(r'value="([^"]+)"', r.get_data(as_text=True)).group(1)
    trusted.post("/login", headers=proxied, data={"username": "ani", "password": "salah-sekali-1", "csrf_token": token})
    assert audit.events(OpsDb.for_workspace(ws.root))[-1].address == "203.0.113.9"


def test_data_answers_are_not_kept_by_shared_caches(app, ws):
    client = app.server.test_client()
    _login(client)
    r = client.get(f"/pws/geo/{ws.snapshot_id}/99.json")
    assert r.status_code == 200 and "private" in r.headers["Cache-Control"] and "public" not in r.headers["Cache-Control"]


def test_static_files_carry_no_session_so_a_logged_in_browser_keeps_them(app, ws):
    # the session cookie is refreshed at every request: with it (and Vary: Cookie) on the
    # scripts, a logged-in user's second visit downloaded the whole page again
    client = app.server.test_client()
    _login(client)
    page = client.get("/")
    statics = re.findall(r'(?:src|href)="(/(?:assets|_dash-component-suites)/[^"]+)"', page.get_data(as_text=True))
    assert len(statics) > 5
    for url in [*statics, "/favicon.ico"]:
        r = client.get(url, headers={"Accept-Encoding": "br"})
        assert r.status_code == 200, url
        assert "Set-Cookie" not in r.headers and "cookie" not in r.headers.get("Vary", "").lower(), (url, r.headers)
    data = client.get("/_dash-layout")  # answers for the user keep both
    assert any(h.startswith("pws_session=") for h in data.headers.getlist("Set-Cookie"))
    assert "Cookie" in data.headers["Vary"]
    assert client.get("/_dash-layout").status_code == 200  # and the session still works after static requests


def test_exports_are_audited(app, ws):
    from layouts import ids

    client = FlaskClient(app.server)
    client.log_in("budi", PW)
    graph = CallbackGraph(client.get("/_dash-dependencies").json())
    cb = graph.by_output(f"{ids.DOWNLOAD}.data")
    values = {(ids.EXPORT_CSV, "n_clicks"): 1, (ids.LOCATION, "search"): "?wilayah=99.01"}
    r = client.post(UPDATE, json=payload(cb, values, [f"{ids.EXPORT_CSV}.n_clicks"]))
    assert r.status_code == 200
    last = audit.events(OpsDb.for_workspace(ws.root))[-1]
    assert (last.kind, last.username, last.address, last.detail["format"]) == ("ekspor", "budi", "127.0.0.1", "csv")


def test_the_demo_shows_its_accounts_and_a_real_workspace_none(tmp_path):
    demo = build_squares_workspace(tmp_path / "demo", demo=True)
    page = create_app(demo.root).server.test_client().get("/login").get_data(as_text=True)
    assert "contoh-admin-1" in page and "contoh-dinas-1" in page and "99.01" in page
    real = build_squares_workspace(tmp_path / "real", demo=False)
    page = create_app(real.root).server.test_client().get("/login").get_data(as_text=True)
    assert "contoh-" not in page
    assert users.list_users(OpsDb.for_workspace(real.root)) == []
    client = create_app(demo.root).server.test_client()
    assert _login(client, "dinas", "contoh-dinas-1").status_code == 302

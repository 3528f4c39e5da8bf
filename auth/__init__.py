"""The login: Flask-Login sessions kept in the operational database, CSRF, and the gate.

:func:`install` puts it on a Dash app's Flask server; :func:`current_actor` is
the zero-argument callable ``create_app`` hands to the data layer. The logic
lives in plain modules (:mod:`auth.gate`, :mod:`auth.csrf`,
:mod:`auth.throttle`, :mod:`opsdb`); this module only wires it into Flask.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from flask import Response, current_app, has_request_context, redirect, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, current_user, login_user, logout_user

from access.actor import Actor
from auth import csrf, gate, pages, throttle
from texts import t
from opsdb import OpsDb, audit, sessions, users
from opsdb.store import utc_now

TOKEN_KEY = "_user_id"  # Flask-Login's session key; it holds our session token, not the username


@dataclass(frozen=True)
class Settings:
    """The login's options (read once from :mod:`settings`; tests pass their own)."""

    idle: timedelta = timedelta(minutes=30)
    trusted_proxies: int = 0
    secure_cookies: str = "auto"  # auto | always | never
    secret_key: str | None = None

    @classmethod
    def from_environment(cls) -> "Settings":
        import settings

        return cls(
            idle=timedelta(minutes=settings.SESSION_IDLE_MINUTES),
            trusted_proxies=settings.TRUSTED_PROXIES,
            secure_cookies=settings.SECURE_COOKIES,
            secret_key=settings.SECRET_KEY,
        )


class LoginUser:
    """What Flask-Login holds for a request: the account and its session token."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: users.User, token: str):
        self.user, self.token = user, token

    def get_id(self) -> str:
        return self.token

    @property
    def actor(self) -> Actor:
        return self.user.actor()


def current_actor() -> Actor | None:
    """The logged-in user of the current request, or ``None``."""
    if not has_request_context():
        return None
    user = current_user
    return user.actor if getattr(user, "is_authenticated", False) else None


def client_address() -> str | None:
    """The client's address (the proxy's X-Forwarded-For only when trusted, see ``PWS_TRUSTED_PROXIES``)."""
    return request.remote_addr if has_request_context() else None


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, marked Secure when the request came over HTTPS."""

    def __init__(self, mode: str):
        self.mode = mode

    def get_cookie_secure(self, app) -> bool:
        if self.mode == "always":
            return True
        if self.mode == "never":
            return False
        return has_request_context() and request.is_secure

    def save_session(self, app, session, response) -> None:
        if has_request_context() and gate.is_static(request.path):
            return  # no Set-Cookie, no Vary: Cookie on static files (see gate.is_static)
        super().save_session(app, session, response)


@dataclass
class Login:
    """The installed login: its database and a recorder for the audit log."""

    db: OpsDb
    settings: Settings
    demo_accounts: tuple = ()

    def record(self, kind: str, detail: dict | None = None, username: str | None = None) -> None:
        """Audit ``kind`` for the current request's user and address."""
        actor = current_actor()
        audit.record(self.db, kind, username or (actor.username if actor else None), client_address(), detail)


def install(app, workspace_path: str | Path, db: OpsDb | None = None, options: Settings | None = None) -> Login:
    """Put the login on ``app`` (a Dash app): /login, /logout, CSRF, the gate, the session cookie.

    On the built-in demo, its example accounts are added when missing and shown on the login page.
    """
    from demo.accounts import ensure_demo_accounts
    from workspace.store import Workspace

    options = options or Settings.from_environment()
    db = db or OpsDb.for_workspace(workspace_path)
    workspace = Workspace(workspace_path)
    demo_accounts = ensure_demo_accounts(db, workspace) if workspace.exists() else ()
    login = Login(db, options, tuple(demo_accounts))
    server = app.server
    if options.trusted_proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = options.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    server.secret_key = options.secret_key or db.secret("flask_session")
    server.session_interface = _SessionInterface(options.secure_cookies)
    server.config.update(
        SESSION_COOKIE_NAME="pws_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=options.idle,
    )
    manager = LoginManager()
    manager.init_app(server)

    @manager.user_loader
    def _load(token: str):
        user = sessions.session_user(db, token, options.idle)
        return LoginUser(user, token) if user else None

    server.before_request(lambda: _gate(login))
    server.after_request(_after)
    server.add_url_rule("/login", "pws_login", lambda: _login_view(login), methods=["GET", "POST"])
    server.add_url_rule("/logout", "pws_logout", lambda: _logout_view(login), methods=["GET", "POST"])
    return login


def _lang() -> str:
    return "en" if request.args.get("bahasa") == "en" else "id"


def _refuse(status: int, reason: str) -> Response:
    resp = Response(f'{{"error": "{reason}"}}', status=status, mimetype="application/json")
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _gate(login: Login):
    """Before every request: check the CSRF token of a state-changing request, then the session."""
    if csrf.needs_check(request.method):
        sent = request.headers.get(csrf.HEADER) or (request.form.get(csrf.FIELD) if request.form else None)
        if not csrf.is_valid(session.get(csrf.SESSION_KEY), sent):
            return _refuse(403, "csrf")
    kind = gate.kind_of(request.path)
    if kind == "public" or current_user.is_authenticated:
        return None
    if kind == "page" and request.method == "GET":
        target = request.full_path if request.query_string else request.path
        return redirect("/login?" + urlencode({"next": target}), code=302)
    return _refuse(401, "login")


def _after(resp: Response) -> Response:
    if gate.is_static(request.path):
        return resp
    token = session.get(csrf.SESSION_KEY)
    if token and request.cookies.get(csrf.COOKIE) != token:
        # readable by the page's script (dash-renderer echoes it as X-CSRFToken)
        resp.set_cookie(csrf.COOKIE, token, httponly=False, samesite="Lax",
                        secure=current_app.session_interface.get_cookie_secure(current_app), path="/")
    if gate.kind_of(request.path) != "public":
        cache = resp.headers.get("Cache-Control")
        if cache and "public" in cache:
            resp.headers["Cache-Control"] = cache.replace("public", "private")  # per-user answers: no shared caches
        resp.vary.add("Cookie")
    return resp


def _login_view(login: Login):
    lang = _lang()
    next_url = gate.safe_next(request.values.get("next"))

    def page(status=200, message=None, info=None, username="", headers=None):
        html = pages.login_page(lang, csrf.token_for(session), next_url, message, info, login.demo_accounts, username)
        resp = Response(html, status=status, mimetype="text/html", headers=headers or {})
        resp.headers["Cache-Control"] = "no-store"
        return resp

    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(next_url)
        info = t("logout_selesai", lang) if request.args.get("keluar") else None
        return page(info=info)
    username = (request.form.get("username") or "").strip()
    password = request.form.get("password") or ""
    wait = _wait_seconds(login, username.lower(), client_address())
    if wait > 0:
        seconds = int(wait) + 1
        return page(429, t("login_tunggu", lang, detik=seconds), username=username, headers={"Retry-After": str(seconds)})
    user = users.authenticate(login.db, username, password)
    if user is None:
        audit.record(login.db, "login_gagal", username.lower() or None, client_address())
        return page(401, t("login_gagal", lang), username=username)
    session.clear()  # a new session id and CSRF token at login (no session fixation)
    sessions.end_idle_sessions(login.db, login.settings.idle)  # sessions nobody came back to: tidy at each login
    token = sessions.open_session(login.db, user.username, client_address())
    login_user(LoginUser(user, token))
    session.permanent = True
    csrf.token_for(session)
    audit.record(login.db, "login", user.username, client_address(), {"role": user.role})
    return redirect(next_url)


def _wait_seconds(login: Login, username: str, address: str | None) -> float:
    """How long this attempt must wait: the longer of the account's and the address's slow-down."""
    now = utc_now()
    waits = []
    if username:
        since = now - throttle.PER_ACCOUNT.window
        waits.append(throttle.wait_seconds(audit.failure_times(login.db, since, username=username), now, throttle.PER_ACCOUNT))
    if address:
        since = now - throttle.PER_ADDRESS.window
        waits.append(throttle.wait_seconds(audit.failure_times(login.db, since, address=address), now, throttle.PER_ADDRESS))
    return max(waits, default=0.0)


def _logout_view(login: Login):
    lang = _lang()
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(f"/login?bahasa={lang}")
        resp = Response(pages.logout_page(lang, csrf.token_for(session)), mimetype="text/html")
        resp.headers["Cache-Control"] = "no-store"
        return resp
    if current_user.is_authenticated:
        actor = current_actor()
        sessions.close_session(login.db, current_user.get_id())
        audit.record(login.db, "logout", actor.username, client_address())
    logout_user()
    session.clear()
    return redirect(f"/login?bahasa={lang}&keluar=1")

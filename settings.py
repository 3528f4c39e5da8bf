"""Configuration in one place: paths from this file, environment read once."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
ASSETS_DIR = ROOT / "assets"

DEFAULT_WORKSPACE = Path(os.environ.get("PWS_WORKSPACE", ROOT / "workspace-demo"))
"""Where commands read and write when no ``--workspace`` is given."""

SHARED_DATA = Path(os.environ.get("PWS_SHARED_DATA", ROOT.parent / "shared" / "data"))
"""Real boundary data beside the project (tests and benchmarks only; never copied in)."""

TILE_URL = os.environ.get("PWS_TILE_URL") or None
"""Optional basemap tile URL; the map works without one (no internet in the field office)."""

HOST = os.environ.get("PWS_HOST", "127.0.0.1")
PORT = int(os.environ.get("PWS_PORT", "8050"))

WORKERS = int(os.environ.get("PWS_WORKERS", "0")) or None
"""Server worker processes (``None``: sized to the machine, see ``commands.serve.server_options``)."""
THREADS = int(os.environ.get("PWS_THREADS", "4"))
"""Threads per worker: a page fires several callbacks at once."""

LANG = os.environ.get("PWS_LANG") or None
"""Language of command-line reports (``id`` when unset; ``en`` for English)."""

DATABASE_URL = os.environ.get("PWS_DATABASE_URL") or None
"""Operational database (accounts, sessions, audit): PostgreSQL URL, or ``<workspace>/ops.sqlite`` when unset."""

SESSION_IDLE_MINUTES = float(os.environ.get("PWS_SESSION_IDLE_MINUTES", "30"))
"""A login session ends after this long without a request."""

TRUSTED_PROXIES = int(os.environ.get("PWS_TRUSTED_PROXIES", "0"))
"""Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed (0: none)."""

SECURE_COOKIES = os.environ.get("PWS_SECURE_COOKIES", "auto")
"""``auto``: the session cookie is Secure when the request came over HTTPS; ``always``/``never`` to force."""

SECRET_KEY = os.environ.get("PWS_SECRET_KEY") or None
"""Signs the session cookie; unset, a random key is made once and kept in the operational database."""

BASE_URL = (os.environ.get("PWS_BASE_URL") or f"http://{HOST}:{PORT}").rstrip("/")
"""The app's address as its users reach it: links in the alert e-mails."""

SMTP_HOST = os.environ.get("PWS_SMTP_HOST") or None
"""Mail server for the alert e-mails; unset: no e-mail is sent (nor queued)."""
SMTP_PORT = int(os.environ.get("PWS_SMTP_PORT", "25"))
SMTP_FROM = os.environ.get("PWS_SMTP_FROM") or None
"""Sender address of the alert e-mails (required with ``PWS_SMTP_HOST``)."""
SMTP_USER = os.environ.get("PWS_SMTP_USER") or None
SMTP_PASSWORD = os.environ.get("PWS_SMTP_PASSWORD") or None
"""Log in to the mail server when both are set (after STARTTLS when the server offers it)."""
SMTP_TLS = os.environ.get("PWS_SMTP_TLS", "auto")
"""``auto``: STARTTLS when the server offers it (port 465: TLS from the start); ``starttls``: required; ``none``."""

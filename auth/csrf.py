"""CSRF protection by a per-session token that every state-changing request must echo.

The token lives in the signed session and, for Dash's renderer, in the readable
cookie ``_csrf_token``: dash-renderer (4.4.1, ``dash_renderer``'s request headers)
copies that cookie into the ``X-CSRFToken`` header of every callback POST. A form
sends it as the field ``csrf_token``. Another site can make the browser send the
cookies, but cannot read the token to echo it.
"""

from __future__ import annotations

import hmac
import secrets

COOKIE = "_csrf_token"
HEADER = "X-CSRFToken"
FIELD = "csrf_token"
SESSION_KEY = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_for(session) -> str:
    """The session's token, made when it has none."""
    token = session.get(SESSION_KEY)
    if not token:
        token = session[SESSION_KEY] = new_token()
    return token


def is_valid(expected: str | None, sent: str | None) -> bool:
    """Whether the echoed token ``sent`` is the session's ``expected`` (constant-time).

    >>> is_valid("abc", "abc"), is_valid("abc", "abd"), is_valid(None, None), is_valid("abc", "")
    (True, False, False, False)
    """
    return bool(expected) and bool(sent) and hmac.compare_digest(str(expected), str(sent))


def needs_check(method: str) -> bool:
    """Every method but GET/HEAD/OPTIONS changes state (Dash callbacks are POSTs)."""
    return method.upper() not in SAFE_METHODS

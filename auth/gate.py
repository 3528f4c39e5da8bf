"""Which requests are public: deny by default, allow the login page and static files.

>>> [kind_of(p) for p in ("/login", "/assets/pws.css", "/", "/?wilayah=29.01", "/_dash-update-component", "/pws/geo/s/top.pbf")]
['public', 'public', 'page', 'page', 'data', 'data']
"""

from __future__ import annotations

PUBLIC_EXACT = frozenset({"/login", "/logout", "/favicon.ico", "/_favicon.ico"})
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/")  # code and styles, no data
DATA_PREFIXES = ("/_dash", "/_reload", "/pws/")  # callbacks, layout, dependencies, geometry, facilities


def kind_of(path: str) -> str:
    """``public`` (served to anyone), ``page`` (send to /login) or ``data`` (401 without a session).

    Anything not listed as public needs a session: a route added later is
    closed until someone opens it here.
    """
    path = path.split("?", 1)[0]
    if path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES):
        return "public"
    if path.startswith(DATA_PREFIXES):
        return "data"
    return "page"


def is_static(path: str) -> bool:
    """Code, styles and the icon: the same bytes for everyone, so they never carry the session.

    A response with the session's cookie, or ``Vary: Cookie``, would miss the
    browser's cache at every visit (the cookie is refreshed at each request) and
    could hand one user's session to another through a shared cache.

    >>> [is_static(p) for p in ("/assets/pws.css", "/_dash-component-suites/dash/x.js", "/favicon.ico", "/login", "/")]
    [True, True, True, False, False]
    """
    path = path.split("?", 1)[0]
    return path.startswith(PUBLIC_PREFIXES) or path in ("/favicon.ico", "/_favicon.ico")


def safe_next(target: str | None) -> str:
    """Where to go after login: a local path only (never another site).

    >>> safe_next("/?wilayah=29.01"), safe_next("//evil.example/"), safe_next("https://evil.example/"), safe_next(None)
    ('/?wilayah=29.01', '/', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target

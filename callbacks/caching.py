"""How long a browser keeps the page's static files.

Dash names its component suites with a fingerprint and sends them with a
year's ``max-age``; ``/assets/`` files it names with their file time
(``?m=<mtime>``) and Flask sends them as ``no-cache``: every later visit
asked again for each one (a round trip on a field link before the page's
scripts could run). A stamped URL changes with the file, so it may be kept
for a year too; unstamped URLs stay revalidated.
"""

from __future__ import annotations

from flask import Response, request

LONG = "public, max-age=31536000, immutable"
STAMPED_PREFIXES = ("/assets/", "/_dash-component-suites/")


def cache_control(path: str, args) -> str | None:
    """``Cache-Control`` for a static file's URL, or ``None`` to leave the answer's own.

    >>> cache_control("/assets/pws.css", {"m": "1796615824.08"})
    'public, max-age=31536000, immutable'
    >>> cache_control("/assets/pws.css", {}) is None, cache_control("/_dash-layout", {"m": "1"}) is None
    (True, True)
    """
    if path.startswith(STAMPED_PREFIXES) and args.get("m"):
        return LONG
    return None


def register(app, ctx) -> None:
    """Keep stamped static files for a year (registered before compression: it sees the final answer, 304 too)."""

    def keep(resp: Response) -> Response:
        if resp.status_code in (200, 304):
            value = cache_control(request.path, request.args)
            if value:
                resp.headers["Cache-Control"] = value
        return resp

    app.server.after_request(keep)

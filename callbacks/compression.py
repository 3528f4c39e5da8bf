"""Every answer compressed: brotli when the browser takes it, else gzip.

Over a field link (1.6 Mbit/s) the page's JavaScript is most of the wait, and
Dash sends it as it is. The static files (Dash's fingerprinted component
suites, ``/assets/``) never change while the server runs, so each is packed
once at brotli's best level and kept; dynamic answers (the page, layout,
callback JSON) are packed fast at every request. URLs and their long-cache
headers stay Dash's own.
"""

from __future__ import annotations

import gzip
import threading

import brotli
from flask import Response, request

MIN_BYTES = 256
"""Smaller answers are sent as they are (the encoding's framing would eat the gain)."""

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/geo+json", "image/svg+xml")
STATIC_LEVELS = {"br": 11, "gzip": 9}
DYNAMIC_LEVELS = {"br": 5, "gzip": 6}


def accepted_encoding(accept_encoding: str | None) -> str | None:
    """``"br"``, ``"gzip"`` or ``None`` for an ``Accept-Encoding`` header (q=0 means refused).

    >>> accepted_encoding("gzip, deflate, br, zstd")
    'br'
    >>> accepted_encoding("gzip")
    'gzip'
    >>> accepted_encoding("br;q=0, gzip") , accepted_encoding(None)
    ('gzip', None)
    """
    offered = {}
    for part in (accept_encoding or "").split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        offered[name.strip().lower()] = q
    for name in ("br", "gzip"):
        if offered.get(name, 0) > 0:
            return name
    return None


def pack(body: bytes, encoding: str, level: int) -> bytes:
    """``body`` brotli- or gzip-compressed (gzip without a timestamp, so equal bodies pack alike)."""
    if encoding == "br":
        return brotli.compress(body, quality=level)
    return gzip.compress(body, compresslevel=level, mtime=0)


def _compressible(resp: Response) -> bool:
    return (
        resp.status_code == 200
        and "Content-Encoding" not in resp.headers
        and (resp.mimetype or "").startswith(TEXT_TYPES)
    )


def register(app, ctx) -> None:
    """Compress the app's answers for clients that accept it.

    Static files are packed once per process (the key is the URL with its
    fingerprint or ``?m=`` stamp, so a changed file gets a new entry).
    """
    packed: dict[tuple[str, str], bytes] = {}
    lock = threading.Lock()

    def compress(resp: Response) -> Response:
        encoding = accepted_encoding(request.headers.get("Accept-Encoding"))
        if encoding is None or not _compressible(resp):
            return resp
        static = request.path.startswith(STATIC_PREFIXES)
        if static:
            key = (request.full_path, encoding)
            with lock:
                body = packed.get(key)
            if body is None:
                resp.direct_passthrough = False  # Flask streams static files; read the bytes
                raw = resp.get_data()
                if len(raw) < MIN_BYTES:
                    return resp
                body = pack(raw, encoding, STATIC_LEVELS[encoding])
                with lock:
                    packed[key] = body
        else:
            if resp.direct_passthrough or resp.is_streamed:
                return resp
            raw = resp.get_data()
            if len(raw) < MIN_BYTES:
                return resp
            body = pack(raw, encoding, DYNAMIC_LEVELS[encoding])
        resp.direct_passthrough = False
        resp.set_data(body)
        resp.headers["Content-Encoding"] = encoding
        resp.vary.add("Accept-Encoding")
        tag = resp.get_etag()[0]
        if tag:
            resp.set_etag(f"{tag}-{encoding}")  # a different body, so a different tag
            if static and request.if_none_match.contains(f"{tag}-{encoding}"):
                return Response(status=304, headers={"ETag": resp.headers["ETag"], "Vary": "Accept-Encoding"})
        return resp

    app.server.after_request(compress)

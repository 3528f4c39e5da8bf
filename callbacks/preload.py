"""What the first map needs, asked for with the page's scripts rather than after them.

- dash-leaflet's GeoJSON layer and geobuf decoder and dcc's dropdown are webpack
  chunks fetched only when the component mounts, by a URL without a fingerprint:
  a round trip each after the page is drawn, and on every later visit a
  revalidation, on the first map's path. Named in the page with Dash's
  fingerprint, they load with the other scripts and stay cached for a year;
  webpack finds them installed and does not ask again.
- Dash's renderer asks for ``_dash-layout`` and ``_dash-dependencies`` once its
  scripts have run: a round trip after them, on a field link 150 ms and more.
  ``<link rel="preload">`` in the page's head starts both with the scripts; the
  renderer's ``fetch`` then finds the answers there (same URL, CORS mode,
  same-origin credentials). The layout is still made for the URL of the page
  (its ``Referer``) and the logged-in user, as before.
- The layout carries the first map (:func:`callbacks.view.with_first_map`), so
  its geometry is preloaded too: the map's layer finds it when it mounts.
"""

from __future__ import annotations

import html
import importlib
import os

from dash.fingerprint import build_fingerprint

CHUNKS = (
    ("dash_leaflet", "async-GeoJSON.js"),
    ("dash_leaflet", "async-geobuf.js"),
    ("dash", "dcc/async-dropdown.js"),
)
"""(package, path in the package) of each chunk the first map waits for."""


def chunk_url(package: str, path: str) -> str:
    """Dash's fingerprinted component-suite path of ``path`` in ``package`` (version and file time)."""
    module = importlib.import_module(package)
    mtime = int(os.stat(os.path.join(os.path.dirname(module.__file__), path)).st_mtime)
    return f"/_dash-component-suites/{package}/{build_fingerprint(path, module.__version__, mtime)}"


RENDERER_REQUESTS = ("/_dash-layout", "/_dash-dependencies")
"""What dash-renderer asks for first (GET, ``credentials: "same-origin"``)."""


def preload_tags(urls) -> str:
    """``<link rel="preload">`` tags for ``fetch`` requests of ``urls``.

    >>> preload_tags(["/_dash-layout"])
    '<link rel="preload" href="/_dash-layout" as="fetch" crossorigin>'
    """
    return "\n".join(f'<link rel="preload" href="{html.escape(u)}" as="fetch" crossorigin>' for u in urls)


def first_geometry(ctx, search: str, url_for) -> list[str]:
    """The geometry URL of the first map for the page at ``search``: none for a brief, or for nobody."""
    from access.scope import NoAccess
    from mapdata.brief import requested
    from mapdata.view import current_state

    from .view import geometry_url

    if requested(search) is not None:
        return []
    try:
        md = ctx.data()
    except NoAccess:  # no user (the worker's own first visit): the layout will not be a map either
        return []
    return [geometry_url(md, current_state(md, search), url_for)]


def register(app, ctx) -> None:
    """Add the chunks to the page's scripts, and the first requests after them to its head."""
    from flask import has_request_context, request

    app.config.external_scripts.extend(app.get_relative_path(chunk_url(p, f)) for p, f in CHUNKS)
    interpolate = app.interpolate_index
    first = [app.get_relative_path(u) for u in RENDERER_REQUESTS]

    def interpolate_index(**parts):
        urls = list(first)
        if has_request_context():
            search = "?" + request.query_string.decode("latin-1") if request.query_string else ""
            urls += first_geometry(ctx, search, app.get_relative_path)
        parts["metas"] = "\n".join(filter(None, [parts.get("metas", ""), preload_tags(urls)]))
        return interpolate(**parts)

    app.interpolate_index = interpolate_index

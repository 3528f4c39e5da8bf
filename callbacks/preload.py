"""The lazily loaded chunks the first map needs, as scripts of the page.

dash-leaflet's GeoJSON layer and geobuf decoder and dcc's dropdown are webpack
chunks fetched only when the component mounts, by a URL without a fingerprint:
a round trip each after the page is drawn, and on every later visit a
revalidation, on the first map's path. Named in the page with Dash's
fingerprint, they load with the other scripts and stay cached for a year;
webpack finds them installed and does not ask again.
"""

from __future__ import annotations

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


def register(app, ctx) -> None:
    """Add the chunks to the page's scripts."""
    app.config.external_scripts.extend(app.get_relative_path(chunk_url(p, f)) for p, f in CHUNKS)

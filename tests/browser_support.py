"""Helpers for the real-browser tests: serve an app on a free loopback port, drive the map."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from werkzeug.serving import WSGIRequestHandler, make_server

from layouts import ids

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # one line per asset would drown the test output
        pass


@contextmanager
def serving(workspace_path, actor=None):
    """The dashboard for ``workspace_path`` on 127.0.0.1:<free port>, in a thread; yields the base URL.

    ``actor`` as in ``create_app``: ``None`` installs the real login (log in first).
    """
    from app import create_app

    app = create_app(workspace_path, warm=True, actor=actor)
    server = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def inner_point(md, kode: str) -> tuple[float, float]:
    """(lat, lon) of a point surely inside the display shape of ``kode``."""
    geom = md.display.set_index("kode").geometry.loc[kode]
    p = geom.representative_point() if not hasattr(geom, "iloc") else geom.iloc[0].representative_point()
    return p.y, p.x


def click_area(page, md, kode: str) -> None:
    """Click the map where area ``kode`` is drawn (a real mouse click on the canvas)."""
    lat, lon = inner_point(md, kode)
    pt = page.evaluate("([lat, lon]) => window.pws.mapIn().latLngToContainerPoint([lat, lon])", [lat, lon])
    box = page.locator(f"#{ids.MAP}").bounding_box()
    page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])


FILL_COLOURS_JS = """() => {
    const out = {};
    const map = window.pws && window.pws.mapIn && window.pws.mapIn();
    if (!map) { return out; }
    map.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.kode && l.options.fillColor
            && !l.feature.properties.jenis) {
            out[l.feature.properties.kode] = l.options.fillColor;
        }
    });
    return out;
}"""


def fill_colours(page) -> dict[str, str]:
    """``{kode: fill colour}`` of the areas drawn on the map now."""
    return page.evaluate(FILL_COLOURS_JS)


LOADED_MACHINE_WAIT_MS = 60_000
"""Liveness waits, not speed checks: CI and shared machines can be slow (speed is in bench/)."""


def wait_for_areas(page, codes: set[str], timeout: float = LOADED_MACHINE_WAIT_MS) -> None:
    """Wait until exactly ``codes`` are drawn, all styled."""
    page.wait_for_function(
        "(codes) => { const f = (" + FILL_COLOURS_JS + ")(); const k = Object.keys(f).sort();"
        " return k.length === codes.length && k.every((c, i) => c === codes[i]); }",
        arg=sorted(codes),
        timeout=timeout,
    )


MAP_DRAWN_JS = """() => {
    const m = window.pws && window.pws.mapIn && window.pws.mapIn();
    if (!m) { return false; }
    const legend = new Set(Array.from(document.querySelectorAll('[data-warna]')).map(e => e.dataset.warna));
    let styled = 0;
    m.eachLayer(l => { if (l.feature && l.feature.properties && !l.feature.properties.jenis
                            && legend.has(l.options.fillColor)) { styled += 1; } });
    return styled > 0;
}"""
"""True once the first map is drawn: areas filled with colours of the legend shown."""

SENT_JS = """(until) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const all = [nav, ...performance.getEntriesByType('resource')];
    const upto = until === null ? all : all.filter(e => e.responseEnd <= until);
    return upto.map(e => [e.name, e.transferSize, e.encodedBodySize, e.decodedBodySize, e.startTime, e.responseEnd]);
}"""
"""Every response of the page (ending by ``until`` ms, or all): ``[url, bytes on the wire, body, decoded, start, end]``."""

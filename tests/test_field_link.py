"""The first visit's weight: what a field link (1.6 Mbit/s) must carry before the map, and in all.

Bytes on the wire as the browser counts them (Resource Timing ``transferSize``,
headers included), cold cache, the demo's start page at 1400×900, logged in as
the demo's dinas (a field user). Times are in ``bench/field_link.py``; bytes,
and which requests the first map waits for, are stable enough to hold here.
"""

from __future__ import annotations

import pytest

from tests.dash_requests import as_admin, log_in
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, MAP_DRAWN_JS, SENT_JS, serving

pytestmark = pytest.mark.browser

BEFORE_MAP_BUDGET = 500_000
"""Issue 13: at most 500 KB before the first map is drawn (measured 368 KB on 7 Dec 2026)."""
WHOLE_PAGE_BUDGET = 1_000_000
"""Issue 13: at most 1 MB for the whole first page."""


@pytest.fixture(scope="module")
def base_url(demo_workspace):
    with serving(demo_workspace.root, actor=as_admin) as url:  # the login is not what the legend tests
        yield url


@pytest.fixture(scope="module")
def field_user(demo_workspace):
    """The real app (login installed) and the cookies of its demo dinas, logged in over HTTP."""
    import httpx

    with serving(demo_workspace.root) as url, httpx.Client(base_url=url, timeout=LOADED_MACHINE_WAIT_MS / 1000) as client:
        assert log_in(client, "dinas", "contoh-dinas-1") == 302
        yield url, [{"name": c.name, "value": c.value, "url": url + "/"} for c in client.cookies.jar]


def _context(browser, cookies):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_cookies(cookies)
    return context


def _load(context, url):
    """Open ``url`` until the map is drawn and the network rests; (responses before the map, all responses)."""
    page = context.new_page()
    page.set_default_timeout(LOADED_MACHINE_WAIT_MS)
    page.goto(url)
    page.wait_for_function(MAP_DRAWN_JS)
    drawn = page.evaluate("() => performance.now()")
    before = page.evaluate(SENT_JS, drawn)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    page.wait_for_load_state("networkidle")
    whole = page.evaluate(SENT_JS, None)
    page.close()
    return before, whole


def test_the_first_page_stays_within_the_field_link_budget(chromium_path, field_user):
    from playwright.sync_api import sync_playwright

    base, cookies = field_user
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        before, whole = _load(_context(browser, cookies), base + "/")
        browser.close()
    sent_before, sent_whole = sum(e[1] for e in before), sum(e[1] for e in whole)
    biggest = sorted(whole, key=lambda e: -e[1])[:5]
    assert sent_before <= BEFORE_MAP_BUDGET, (sent_before, biggest)
    assert sent_whole <= WHOLE_PAGE_BUDGET, (sent_whole, biggest)
    # every script and style sheet came compressed, and neither plotly.js nor ag-grid is loaded
    for name, sent, encoded, decoded, *_ in whole:
        if name.endswith((".js", ".css")) or ".js?" in name or ".css?" in name:
            assert decoded < 2000 or encoded < decoded * 0.6, (name, encoded, decoded)
    assert not any("plotly" in e[0] or "ag_grid" in e[0] for e in whole)
    # what the page preloads (callbacks/preload.py) is asked for once: the renderer and the map take the preloaded answers
    for part in ("/_dash-layout", "/_dash-dependencies", "/pws/geo/"):
        asked = [e[0] for e in whole if part in e[0]]
        assert len(asked) == 1, (part, asked)


def test_a_second_visit_takes_every_script_and_style_from_the_cache(chromium_path, field_user):
    # the session cookie (refreshed at each request) came with Vary: Cookie on the scripts:
    # a logged-in second visit downloaded the whole page again
    from playwright.sync_api import sync_playwright

    base, cookies = field_user
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = _context(browser, cookies)
        _load(context, base + "/")
        _, again = _load(context, base + "/")
        browser.close()
    static = [e for e in again if "/_dash-component-suites/" in e[0] or "/assets/" in e[0]]
    assert len(static) > 10
    asked = [(e[0], e[1]) for e in static if e[1] > 0]  # 0 bytes: from the cache, not even revalidated
    assert not asked, asked


def test_the_first_map_is_drawn_before_any_callback_answers(chromium_path, field_user):
    # it waited for the map callback's answer and then the geometry: two round trips past the layout
    from playwright.sync_api import sync_playwright

    base, cookies = field_user
    held = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = _context(browser, cookies).new_page()
        page.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        page.route("**/_dash-update-component*", lambda route: held.append(route))  # never answered
        page.goto(base + "/")
        page.wait_for_function(MAP_DRAWN_JS)
        browser.close()
    assert held  # the callbacks were asked, and the map did not need their answers


def _overlap(a: dict, b: dict) -> float:
    w = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(w, 0) * max(h, 0)


@pytest.mark.parametrize("level", ["start", "kecamatan", "desa"])
def test_the_legend_never_covers_the_map_at_1400_by_900(level, chromium_path, base_url, demo_workspace):
    # it covered about a third of a kecamatan's desa when it floated on the map
    from playwright.sync_api import sync_playwright

    from mapdata.store import MapDataCache

    md = MapDataCache().get(demo_workspace.root)
    kec = sorted(md.areas.loc[md.areas["kode"].str.count(r"\.") == 2, "kode"])[0]
    desa = sorted(k for k in md.areas["kode"] if k.startswith(kec + ".") and k.count(".") == 3)[0]
    search = {"start": "", "kecamatan": f"?wilayah={kec}", "desa": f"?wilayah={desa}"}[level]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        page.goto(f"{base_url}/{search}")
        page.wait_for_function(MAP_DRAWN_JS)
        if level != "start":
            page.locator("#pws-legend-fasilitas").wait_for(state="visible")  # the tallest legend: facilities too
        legend = page.locator("#pws-legend").bounding_box()
        leaflet = page.locator("#pws-map").bounding_box()
        browser.close()
    assert legend["height"] > 40 and leaflet["width"] > 400
    assert _overlap(legend, leaflet) == 0, (legend, leaflet)
    assert legend["x"] + legend["width"] <= 1400 and legend["y"] < 900  # on screen, beside the map

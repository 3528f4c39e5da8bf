"""In headless Chromium: log in, drill inside, log out; the session is gone afterwards."""

from __future__ import annotations

import pytest

from mapdata import areas
from mapdata.store import MapDataCache
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, click_area, serving, wait_for_areas

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    """The demo without cases (its example accounts are added when the app starts)."""
    from demo import build_demo_workspace

    return build_demo_workspace(tmp_path_factory.mktemp("login") / "ws", seed=0, cases=False,
                                end_month="2025-10", progress=None)


def test_log_in_drill_log_out(demo_ws, chromium_path, artifacts_dir):
    from playwright.sync_api import sync_playwright

    md = MapDataCache().get(demo_ws.root)
    kab = sorted(areas.children(md, areas.start_area(md))["kode"])[0]  # the demo's dinas account sees this kabupaten
    with serving(demo_ws.root) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        page.goto(f"{base}/?wilayah={kab}")
        assert "/login" in page.url  # no session: the page sends you to the login
        assert "contoh-dinas-1" in page.content()  # the demo shows its accounts
        page.fill("#username", "dinas")
        page.fill("#password", "contoh-dinas-1")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/?wilayah={kab}")  # back where the link pointed
        wait_for_areas(page, set(areas.children(md, kab)["kode"]))
        kec = sorted(areas.children(md, kab)["kode"])[0]
        click_area(page, md, kec)  # a drill is a Dash callback POST: it carries the CSRF token
        wait_for_areas(page, set(areas.children(md, kec)["kode"]))
        page.screenshot(path=artifacts_dir / "login_01_drilled.png")
        geometry = page.evaluate("() => Array.from(performance.getEntriesByType('resource')).map(e => e.name)"
                                 ".filter(n => n.includes('/pws/geo/'))")
        assert geometry

        # the session ends behind the page's back (idle time, another tab): the next drill goes to the login
        from opsdb import OpsDb
        from opsdb.schema import login_sessions

        db = OpsDb.for_workspace(demo_ws.root)
        with db.begin() as conn:
            rows = conn.execute(login_sessions.select()).all()
            conn.execute(login_sessions.delete())
        page.goto(f"{base}/?wilayah={kab}")
        assert "/login" in page.url
        with db.begin() as conn:
            conn.execute(login_sessions.insert(), [r._asdict() for r in rows])  # the session back, for the logout below
        page.goto(f"{base}/?wilayah={kab}")
        wait_for_areas(page, set(areas.children(md, kab)["kode"]))
        # the first map comes with the page: its first callbacks (styling, panels) may still be on their way,
        # and refused they would send the page to the login before the click below
        page.wait_for_load_state("networkidle")
        with db.begin() as conn:
            conn.execute(login_sessions.delete())
        click_area(page, md, kec)  # the callback is refused 401; assets/pws_login.js goes to the login
        page.wait_for_url("**/login?next=**")
        with db.begin() as conn:
            conn.execute(login_sessions.insert(), [r._asdict() for r in rows])
        page.goto(f"{base}/?wilayah={kab}")
        wait_for_areas(page, set(areas.children(md, kab)["kode"]))

        page.click("#pws-logout")
        page.click("button[type=submit]")  # the confirmation form posts the logout
        page.wait_for_url("**/login**")
        assert "Anda telah keluar" in page.content()
        page.goto(f"{base}/?wilayah={kec}")
        assert "/login" in page.url  # the session is gone: reloading lands on the login page
        for url in (geometry[-1], f"{base}/_dash-layout", f"{base}/_dash-dependencies"):
            r = page.request.get(url)
            assert r.status == 401, url
        r = page.request.post(f"{base}/_dash-update-component", data="{}", headers={"Content-Type": "application/json"})
        assert r.status in (401, 403)
        assert errors == []
        browser.close()

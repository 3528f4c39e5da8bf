"""In headless Chromium: the weekly brief in presentation mode, one section per screen, ←/→ to step."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, serving
from tests.dash_requests import as_admin

pytestmark = pytest.mark.browser


def test_present_the_brief_and_step_with_the_arrow_keys(chromium_path, demo_workspace, artifacts_dir):
    from playwright.sync_api import sync_playwright

    errors = []
    with sync_playwright() as p, serving(demo_workspace.root, actor=as_admin) as url:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        pg.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(url + "/?wilayah=29.01.02&tampilan=ringkasan&mode=presentasi")
        sections = pg.locator(f"#{ids.BRIEF} > section")
        sections.first.wait_for()
        # the map image loads through its route (behind the same login as the page)
        pg.wait_for_function("() => { const i = document.querySelector('.pws-brief-map'); "
                             "return i && i.complete && i.naturalWidth > 0; }")
        n = sections.count()
        assert n == 5

        def visible():
            return [i for i in range(n) if sections.nth(i).is_visible()]

        assert visible() == [0]
        pg.screenshot(path=artifacts_dir / "30_ringkasan_presentasi_1.png")
        pg.keyboard.press("ArrowRight")
        assert visible() == [1]
        assert "Peringatan" in sections.nth(1).inner_text()
        assert pg.locator(f"#{ids.BRIEF_POSITION}").inner_text() == "Bagian 2 dari 5"
        pg.keyboard.press("ArrowRight")
        pg.keyboard.press("ArrowRight")
        assert visible() == [3]
        pg.screenshot(path=artifacts_dir / "31_ringkasan_presentasi_indikator.png")
        pg.keyboard.press("ArrowLeft")
        assert visible() == [2]
        pg.locator(f"#{ids.BRIEF_NEXT}").click()  # the same by a button (Tab + Enter)
        assert visible() == [3]
        browser.close()
    assert errors == []

"""In headless Chromium: switch to "Wilayah kerja puskesmas", click a puskesmas, see its desa."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from layouts import ids
from mapdata import areas
from mapdata.store import MapDataCache
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, click_area, serving, wait_for_areas
from tests.dash_requests import as_admin

pytestmark = pytest.mark.browser


def test_switch_to_puskesmas_and_drill_into_lalang(chromium_path, shared_data, tmp_path_factory, artifacts_dir):
    from playwright.sync_api import sync_playwright

    from tests.wilayah_kerja import LALANG, build_belitung_timur_wilayah_kerja

    ws = build_belitung_timur_wilayah_kerja(shared_data, tmp_path_factory.mktemp("btwk") / "ws")
    md = MapDataCache().get(ws.root)
    errors = []
    with sync_playwright() as p, serving(ws.root, actor=as_admin) as url:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        pg.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(url + "/")
        wait_for_areas(pg, set(areas.children(md, "19.06")["kode"]))  # the kecamatan first
        pg.locator(f"#{ids.JALUR}").get_by_text("Wilayah kerja puskesmas").click()
        puskesmas = set(areas.children(md, "19.06", "puskesmas")["kode"])
        assert len(puskesmas) == 8
        wait_for_areas(pg, puskesmas)
        assert parse_qs(urlparse(pg.url).query)["jalur"] == ["puskesmas"]
        pg.screenshot(path=artifacts_dir / "20_belitung_timur_puskesmas.png")
        click_area(pg, md, LALANG)
        lalang_desa = {"19.06.01.2007", "19.06.01.2010", "19.06.01.2012", "19.06.01.2013"}
        wait_for_areas(pg, lalang_desa)
        pg.screenshot(path=artifacts_dir / "21_puskesmas_lalang.png")
        crumbs = [t.strip() for t in pg.locator(f"#{ids.BREADCRUMB} li").all_inner_texts()]
        assert crumbs == ["Indonesia", "Kepulauan Bangka Belitung", "Kabupaten Belitung Timur", "Puskesmas Lalang"]
        assert parse_qs(urlparse(pg.url).query)["wilayah"] == [LALANG]
        # the ranked table lists the same desa
        pg.wait_for_function("() => document.querySelector('#pws-table') && "
                             "document.querySelector('#pws-table').innerText.includes('Buku Limau')")
        browser.close()
    assert errors == []

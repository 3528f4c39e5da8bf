"""In headless Chromium: a puskesmas logs in, checks and saves an .xlsx, sees its rows and its submission."""

from __future__ import annotations

import pytest

from layouts import ids
from layouts import unggah as page_ids
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, serving

pytestmark = pytest.mark.browser

PW = "sandi-puskesmas-1"


def test_a_puskesmas_uploads_its_report(chromium_path, tmp_path, artifacts_dir):
    from playwright.sync_api import sync_playwright

    from opsdb import OpsDb, users
    from unggah_support import KELUBI_PKM, mixed_workbook, two_puskesmas_workspace

    ws = two_puskesmas_workspace(tmp_path / "ws")
    users.add_user(OpsDb.for_workspace(ws.root), "pkm-kelubi", "puskesmas", PW, wilayah=KELUBI_PKM)
    xlsx = mixed_workbook(tmp_path / "laporan_september.xlsx")
    errors = []
    with serving(ws.root) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        pg.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(f"{base}/unggah")
        assert "/login" in pg.url  # behind the login
        pg.fill("#username", "pkm-kelubi")
        pg.fill("#password", PW)
        pg.click("button[type=submit]")
        pg.wait_for_url(f"{base}/unggah")
        pg.set_input_files(f"#{page_ids.FILE_ID}", str(xlsx))
        pg.click(f"#{page_ids.FORM_ID} button")
        pg.wait_for_selector(f"#{page_ids.RESULT_ID}[data-langkah=periksa]")
        pg.screenshot(path=artifacts_dir / "unggah_01_periksa.png", full_page=True)
        counts = pg.locator("[data-hitung]").all_inner_texts()
        assert counts == ["4", "2", "1", "1"]  # read; own rows to import; a bad row; another puskesmas's row
        problems = pg.locator(f"#{page_ids.PROBLEMS_ID} tbody tr")
        listed = [(problems.nth(i).get_attribute("class"), problems.nth(i).locator("td").all_inner_texts())
                  for i in range(problems.count())]
        assert [(cls, cells[0], cells[1]) for cls, cells in listed] == [
            ("luar", "4", "19.06.01.2003"), ("tolak", "5", "19.06.01.2002")]
        assert "luar wilayah" in listed[0][1][2] and "penyebut negatif" in listed[1][1][2]
        before = ws.snapshot_id
        pg.click(f"#{page_ids.SAVE_FORM_ID} button")
        pg.wait_for_selector(f"#{page_ids.RESULT_ID}[data-langkah=simpan]")
        assert pg.locator("[data-hitung]").all_inner_texts()[1] == "2"
        assert ws.snapshot_id != before
        pg.screenshot(path=artifacts_dir / "unggah_02_simpan.png", full_page=True)

        # the map's ranked table shows the two own desa with their values, and not the other puskesmas's desa
        pg.goto(f"{base}/?wilayah=19.06.01&indikator=k1&periode=2026-09")
        pg.wait_for_function(f"() => document.querySelector('#{ids.TABLE}') && "
                             f"document.querySelector('#{ids.TABLE}').innerText.includes('Kelubi')")
        rows = pg.locator(f"#{ids.TABLE} tbody tr")
        by_name = {}  # the ranked table's rows by desa name: peringkat, nama, capaian, pembilang / penyebut, ...
        for i in range(rows.count()):
            cells = rows.nth(i).locator("td").all_inner_texts()
            by_name[cells[1]] = cells

        def after(name):  # capaian, pembilang / penyebut of a desa's row
            return by_name[name][2], by_name[name][3]

        assert after("Kelubi") == ("70,0 %", "7 / 10") and after("Lalang") == ("50,0 %", "5 / 10")
        assert "Mentawak" not in pg.locator(f"#{ids.TABLE}").inner_text()  # Puskesmas Lain's desa is outside this user's scope
        from indicators.query import IndicatorQuery

        everything = IndicatorQuery(ws).children("19.06.01", "k1", "2026-09").set_index("kode")
        assert everything.loc["19.06.01.2003", "pembilang"] != everything.loc["19.06.01.2003", "pembilang"]  # NaN:
        # its row 4 (9 / 10) was listed as outside and never imported
        pg.screenshot(path=artifacts_dir / "unggah_03_tabel.png", full_page=True)

        pg.goto(f"{base}/unggah/riwayat")
        history = pg.locator(f"#{page_ids.HISTORY_TABLE_ID} tbody tr")
        assert history.count() == 2  # the check and the save
        newest = history.nth(0).locator("td").all_inner_texts()
        assert newest[1] == "pkm-kelubi" and newest[3] == "laporan_september.xlsx" and newest[5] == "2"
        browser.close()
    assert errors == []

"""In headless Chromium: the W2 completeness view, chosen with the pickers, coloured against SKDR's target."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from layouts import ids
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, fill_colours, serving, wait_for_areas
from tests.dash_requests import as_admin

pytestmark = pytest.mark.browser


def test_the_w2_completeness_view_colours_each_puskesmas_by_its_figure(chromium_path, tmp_path, artifacts_dir):
    from playwright.sync_api import sync_playwright

    from opsdb import OpsDb, submissions
    from surveillance.weeks import shift_week, week_of_date, week_start
    from unggah_support import KELUBI_PKM, LAIN_PKM, two_puskesmas_workspace

    ws = two_puskesmas_workspace(tmp_path / "ws")
    # three weeks back: due whatever the day today (the W2 is due the Tuesday after its week)
    week = shift_week(week_of_date(datetime.now(timezone.utc).date()), -3)
    monday_after = week_start(week) + timedelta(days=7)
    on_time = datetime(monday_after.year, monday_after.month, monday_after.day, 2, 0, tzinfo=timezone.utc)  # 09:00 WIB
    db = OpsDb.for_workspace(ws.root)
    submissions.record(db, channel="web", kind="cases", status="ok", username="pkm-kelubi", units=[KELUBI_PKM],
                       periods=[week], diterima=on_time)
    errors = []
    with serving(ws.root, actor=as_admin) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        pg.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(f"{base}/?wilayah=19.06&jalur=puskesmas")
        wait_for_areas(pg, {KELUBI_PKM, LAIN_PKM})
        # the reports' klaster, then the week: the period picker now lists weeks
        pg.locator(f"#{ids.KLASTER}").click()
        pg.get_by_role("option", name="6. Kelengkapan laporan", exact=True).click()
        pg.wait_for_function("() => location.search.includes('indikator=lapor_w2') && /periode=\\d{4}-W\\d\\d/.test(location.search)")
        pg.locator(f"#{ids.PERIODE}").click()
        pg.get_by_role("option", name=week, exact=True).click()
        pg.wait_for_function(f"() => location.search.includes('periode={week}')")
        pg.wait_for_function(f"() => document.querySelector('#{ids.LEGEND_SCALE}').innerText.includes('target ≥ 90 %')")
        wait_for_areas(pg, {KELUBI_PKM, LAIN_PKM})
        # the side panels follow the map's answer: wait for the week's figures, not the default week's
        pg.wait_for_function(f"() => document.querySelector('#{ids.TABLE}').innerText.includes('100,0 %')"
                             f" && document.querySelector('#{ids.RAPOR}').innerText.includes('{week}')")
        pg.screenshot(path=artifacts_dir / "laporan_01_w2.png", full_page=True)

        legend = pg.locator(f"#{ids.LEGEND_SCALE}")
        assert legend.locator(".pws-legend-title").inner_text() == "Kelengkapan laporan W2 (SKDR) (%) · target ≥ 90 %"
        rows = legend.locator("[data-warna]")
        colour_of = {rows.nth(i).inner_text().strip(): rows.nth(i).get_attribute("data-warna") for i in range(rows.count())}
        assert list(colour_of) == ["≥ 90 %: target tercapai", "70 % – < 90 %", "< 70 %", "tidak ada data"]
        pg.wait_for_function(
            "([k, c]) => { const m = window.pws.mapIn(); let ok = false; m.eachLayer(l => { if (l.feature && "
            "l.feature.properties.kode === k && l.options.fillColor === c) { ok = true; } }); return ok; }",
            arg=[KELUBI_PKM, colour_of["≥ 90 %: target tercapai"]])
        drawn = fill_colours(pg)
        assert drawn[KELUBI_PKM] == colour_of["≥ 90 %: target tercapai"]  # 1 of 1 arrived: 100 %
        assert drawn[LAIN_PKM] == colour_of["< 70 %"]  # nothing arrived: 0 %

        table = pg.locator(f"#{ids.TABLE} tbody tr")
        by_name = {}
        for i in range(table.count()):
            cells = table.nth(i).locator("td").all_inner_texts()
            by_name[cells[1]] = cells
        assert by_name["Puskesmas Kelubi"][2:5] == ["100,0 %", "1 / 1", "Target tercapai"]
        assert by_name["Puskesmas Lain"][2:5] == ["0,0 %", "0 / 1", "Jauh di bawah target"]
        headers = pg.locator(f"#{ids.TABLE} thead th").all_inner_texts()
        assert [h.strip("▲▼ ") for h in headers[2:5]] == ["Kelengkapan", "Tiba / diharapkan", "Target ≥ 90 %"]
        rapor = pg.locator(f"#{ids.RAPOR}").inner_text()
        assert "Kelengkapan laporan: Kabupaten Belitung Timur" in rapor
        assert f"W2 minggu {week} belum tiba dari: Puskesmas Lain" in rapor
        browser.close()
    assert errors == []

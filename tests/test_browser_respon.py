"""In headless Chromium: a puskesmas verifies an alert from the alert list; the list and the map's outline change.

The demo built to a week in which the demo puskesmas account has high
alerts still waiting (the demo's generated steps leave the latest week's
alerts partly ``baru``), served with the real login.
"""

from __future__ import annotations

import pandas as pd
import pytest

from access.actor import Actor
from layouts import ids
from mapdata import areas, waspada
from mapdata.store import MapDataCache
from mapdata.view import MAX_LISTED, alert_list, current_state
from tests.browser_support import CHROMIUM_ARGS, LOADED_MACHINE_WAIT_MS, serving, wait_for_areas

pytestmark = pytest.mark.browser

END_WEEK, END_MONTH = "2026-W43", "2026-09"

OUTLINE_JS = """(kode) => {
    const map = window.pws.mapIn();
    let found = null;
    map.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.kode === kode && !l.feature.properties.jenis) {
            found = {color: l.options.color, weight: l.options.weight, dashArray: l.options.dashArray || null};
        }
    });
    return found;
}"""
"""The style Leaflet draws area ``kode``'s path with (the map draws on a canvas: the layer's options are its style)."""


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    from demo import build_demo_workspace

    return build_demo_workspace(tmp_path_factory.mktemp("respon") / "ws", seed=0, end_month=END_MONTH,
                                end_week=END_WEEK, progress=None)


def _style(kind: str) -> dict:
    s = waspada.OUTLINE_STYLE[kind]
    return {"color": s["warna"], "weight": s["tebal"], "dashArray": s["garis"]}


def test_a_puskesmas_verifies_an_alert_from_the_list_and_the_outline_changes(demo_ws, chromium_path, artifacts_dir):
    from playwright.sync_api import sync_playwright

    from demo.accounts import demo_accounts
    from opsdb import OpsDb
    from opsdb import responses as store

    account = next(a for a in demo_accounts(demo_ws) if a.role == "puskesmas")
    md = MapDataCache().get(demo_ws.root)
    mine = md.for_actor(Actor(account.username, "puskesmas", account.wilayah))
    db = OpsDb.for_workspace(demo_ws.root)
    states = waspada.week_states(mine, db, waspada.list_week(mine))
    outlines = waspada.desa_outlines(states)
    per_desa = pd.Series([d for r in states.to_dict("records") for d in r["desa"]
                          if outlines.get(d) and waspada.outline_class(r["status"], r["verdict"])]).value_counts()
    # the "belum diverifikasi" list: the alerts waiting of this week and the few before it, at most MAX_LISTED
    waiting = alert_list(mine, current_state(mine, ""), db, only_baru=True)
    # an alert waiting for verification, drawn dashed, the only outlined alert of its desa, in that list
    target = next(r for r in states.to_dict("records")
                  if r["status"] == "baru" and r["jenis"] == "desa" and outlines.get(r["kode_desa"]) == "baru"
                  and per_desa[r["kode_desa"]] == 1 and r["id"] in [w["id"] for w in waiting["rows"]])
    desa, ref = target["kode_desa"], waspada.alert_ref(target["id"])
    shown_areas = set(areas.children(mine, areas.start_area(mine))["kode"])
    assert desa in shown_areas  # the puskesmas's map shows its desa

    with serving(demo_ws.root) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(LOADED_MACHINE_WAIT_MS)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(f"{base}/login")
        page.fill("#username", account.username)
        page.fill("#password", account.password)
        page.click("button[type=submit]")
        wait_for_areas(page, shown_areas)
        page.wait_for_function(f"() => ({OUTLINE_JS})('{desa}').dashArray === '{_style('baru')['dashArray']}'")
        assert page.evaluate(OUTLINE_JS, desa) == _style("baru")
        assert "belum diverifikasi" in page.locator(f"#{ids.LEGEND}").inner_text()

        # "belum diverifikasi": only the alerts waiting are listed
        page.wait_for_selector(f"#{ids.ALERTS} li[data-alert='{ref}']")
        page.click(f"#{ids.ALERT_FILTER}")
        page.wait_for_function(f"() => document.getElementById('{ids.ALERT_FILTER}').getAttribute('aria-pressed') === 'true'")
        listed = page.locator(f"#{ids.ALERTS} li.pws-alert-row")
        page.wait_for_function(f"() => Array.from(document.querySelectorAll('#{ids.ALERTS} li.pws-alert-row'))"
                               ".every(li => li.dataset.status === 'baru')")
        baru = int((waspada.recent_states(mine, db)["status"] == "baru").sum())
        assert listed.count() == len(waiting["rows"]) == min(MAX_LISTED, baru)
        item = page.locator(f"#{ids.ALERTS} li[data-alert='{ref}']")
        assert "Status: baru" in item.inner_text() and "lalu" in item.inner_text()  # its age, with a unit

        # Verify → the form asks for the verdict; focus on its heading; Esc closes it, focus back on the button
        verify = item.get_by_role("button", name="Verifikasi")
        verify.click()
        page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{ids.RESPON_FORM_TITLE}'")
        page.keyboard.press("Escape")
        page.wait_for_selector(f"#{ids.RESPON_FORM}", state="hidden")
        page.wait_for_function("() => document.activeElement && document.activeElement.textContent === 'Verifikasi'")
        assert page.url.endswith("/")  # Esc in the form did not leave the area
        page.keyboard.press("Enter")  # the button, again, from the keyboard
        title = page.locator(f"#{ids.RESPON_FORM_TITLE}")
        page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{ids.RESPON_FORM_TITLE}'")
        assert title.inner_text().startswith("Verifikasi: ")
        page.get_by_role("radio", name="benar (kenaikan nyata)").check()
        page.get_by_label("Catatan (tidak wajib)").fill("dicek bersama bidan desa")
        page.screenshot(path=artifacts_dir / "respon_01_form.png", full_page=True)
        page.get_by_role("button", name="Simpan").click()

        message = page.locator(f"#{ids.RESPON_MESSAGE}")
        page.wait_for_function(f"() => document.getElementById('{ids.RESPON_MESSAGE}').innerText.startsWith('Tercatat')")
        assert message.get_attribute("role") == "status"
        assert "kini berstatus diverifikasi: benar (kenaikan nyata)" in message.inner_text()
        page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{ids.RESPON_MESSAGE}'")
        # the filtered list lets it go; without the filter it shows its new state
        page.wait_for_selector(f"#{ids.ALERTS} li[data-alert='{ref}']", state="detached")
        page.click(f"#{ids.ALERT_FILTER}")
        page.wait_for_selector(f"#{ids.ALERTS} li[data-alert='{ref}'][data-status='diverifikasi']")
        assert "Status: diverifikasi: benar (kenaikan nyata)" in item.inner_text()
        assert "langkah terakhir oleh puskesmas" in item.inner_text()
        assert [b.inner_text() for b in item.get_by_role("button").all()] == ["Mulai respon", "Ubah putusan"]

        # the map outlines the desa as verified real, and its legend says what that means
        page.wait_for_function(f"() => ({OUTLINE_JS})('{desa}').color === '{_style('nyata')['color']}'")
        assert page.evaluate(OUTLINE_JS, desa) == _style("nyata")
        assert "Garis ungu utuh" in page.locator(f"#{ids.LEGEND}").inner_text()
        page.screenshot(path=artifacts_dir / "respon_02_verified.png", full_page=True)

        steps = store.steps(db, [target["id"]])
        assert steps[["status", "verdict", "username", "catatan"]].values.tolist() == [
            ["diverifikasi", "benar", account.username, "dicek bersama bidan desa"]]
        assert errors == []
        browser.close()
    db.dispose()

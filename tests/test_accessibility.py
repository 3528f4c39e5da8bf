"""WCAG 2 A and AA, as axe-core checks them, on the main view, a desa view and the presentation view.

axe-core comes from the npm registry (``axe_source`` in ``conftest.py``), is
injected into the page once the map is drawn and the side panels are filled,
and must find no violation.
"""

from __future__ import annotations

import pytest

from mapdata.store import MapDataCache
from tests.dash_requests import as_admin
from tests.browser_support import LOADED_MACHINE_WAIT_MS, MAP_DRAWN_JS, serving

pytestmark = pytest.mark.browser

AXE_RUN_JS = """async () => {
    const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
    return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


@pytest.fixture(scope="module")
def base_url(demo_workspace):
    with serving(demo_workspace.root, actor=as_admin) as url:  # the login is not what this tests
        yield url


def _desa(demo_workspace) -> str:
    md = MapDataCache().get(demo_workspace.root)
    return sorted(md.areas.loc[md.areas["kode"].str.count(r"\.") == 3, "kode"])[0]


def _labels_and_comparison(demo_workspace, mode: str = "") -> str:
    """A kabupaten with labels on and the change since a year earlier."""
    md = MapDataCache().get(demo_workspace.root)
    periods = md.indicator_query().periods()
    kab = sorted(md.areas.loc[md.areas["level"] == "kabkota", "kode"])[0]
    return f"?wilayah={kab}&label=1&banding={periods[-13]}{mode}"


@pytest.mark.parametrize("view", ["utama", "desa", "presentasi", "label_banding", "label_presentasi", "laporan",
                                  "respon_form"])
def test_no_wcag_violations(view, browser, base_url, axe_source, demo_workspace):
    search = {"utama": "", "respon_form": "", "desa": f"?wilayah={_desa(demo_workspace)}", "presentasi": "?mode=presentasi",
              "label_banding": _labels_and_comparison(demo_workspace),
              "label_presentasi": _labels_and_comparison(demo_workspace, "&mode=presentasi"),
              # a report view: its own table headers, status classes and rapor
              "laporan": f"?wilayah={_desa(demo_workspace)[:5]}&indikator=lapor_kasus"}[view]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(LOADED_MACHINE_WAIT_MS)
    page.goto(f"{base_url}/{search}")
    page.wait_for_function(MAP_DRAWN_JS)
    if view.startswith("label"):
        page.wait_for_selector(".pws-map-label", state="attached")
    if "presentasi" not in view:
        page.locator("#pws-table .pws-baris, #pws-table p").first.wait_for()
        page.locator("#pws-trend img").wait_for()
        page.wait_for_function("() => document.querySelector('#pws-trend img').complete")
        assert page.evaluate("() => document.querySelector('#pws-trend img').naturalWidth") > 0  # the chart drew
    if view == "respon_form":  # the alert response form open (a step button pressed; nothing is saved)
        page.locator(".pws-tombol-langkah:not([disabled])").first.click()
        page.wait_for_selector("#pws-respon-form:not([hidden])")
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_RUN_JS)
    context.close()
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in violations)

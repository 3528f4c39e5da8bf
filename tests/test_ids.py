"""Component ids come from one source, layouts/ids.py: the browser script and the tests never retype them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import create_app
from tests.dash_requests import as_admin
from layouts import ids

ROOT = Path(__file__).resolve().parent.parent
KNOWN = set(ids.browser_ids().values())

# the places a component id is written as such: a CSS id selector, a DOM look-up, a Dash (id, prop) pair
ID_USES = [
    re.compile(r"#(pws-[a-z0-9-]+)"),
    re.compile(r"getElementById\(\s*[\"'](pws-[a-z0-9-]+)"),
    re.compile(r"\(\s*[\"'](pws-[a-z0-9-]+)[\"']\s*,\s*[\"'][a-zA-Z_]+[\"']\s*\)"),
    re.compile(r"[\"'](pws-[a-z0-9-]+)\.[a-zA-Z_]+[\"']"),
]


def id_uses(text: str) -> set[str]:
    """Ids ``text`` refers to as ids (selectors, look-ups, Dash dependencies)."""
    return {m.group(1) for pattern in ID_USES for m in pattern.finditer(text)}


def test_the_check_finds_the_id_that_had_drifted():
    old_helper = '("pws-page-lang", "data"): self.page_lang, got.get("pws-page-lang", {})'
    assert id_uses(old_helper) == {"pws-page-lang"} and "pws-page-lang" not in KNOWN
    assert id_uses('page.locator("#pws-map"); x = "pws-location.search"') == {"pws-map", "pws-location"}


SCANNED = [p for p in sorted(ROOT.glob("tests/*.py")) if p.name != Path(__file__).name] + sorted(
    p for p in ROOT.glob("assets/*") if p.suffix in (".js", ".css"))  # text files (not the favicon)


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.name)
def test_every_id_a_test_or_asset_names_is_defined_in_layouts_ids(path):
    assert id_uses(path.read_text(encoding="utf-8")) - KNOWN == set()


def test_the_browser_script_types_no_id_and_uses_only_defined_ones():
    js = (ROOT / "assets" / "pws.js").read_text(encoding="utf-8")
    literals = set(re.findall(r"[\"'](pws-[a-z0-9-]+)[\"']", js))
    assert literals & KNOWN == set(), "pws.js retypes ids: read them from window.pws.ids"
    used = set(re.findall(r"\bids\.([A-Z_]+)", js))
    assert used and used <= set(ids.browser_ids())


def test_the_page_carries_the_ids_before_its_scripts(tmp_path):
    from tests.squares import build_squares_workspace

    app = create_app(build_squares_workspace(tmp_path / "ws").root, actor=as_admin)
    html = app.server.test_client().get("/").get_data(as_text=True)
    inline = re.search(r"<script>(window\.pws = .*?)</script>", html, re.S)
    assert inline, "no inline ids in the page"
    for name in ("MAP", "KEY_UP", "KEY_NEXT", "KEY_PREV"):
        assert f'"{name}": "{getattr(ids, name)}"' in inline.group(1)
    assert inline.start() < html.index("assets/pws.js")  # defined before the script that reads them

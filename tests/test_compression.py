"""Every answer compressed: static files packed once at brotli's best level, answers per request."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from app import create_app
from callbacks.compression import accepted_encoding
from tests.dash_requests import as_admin


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from demo import build_demo_workspace

    path = tmp_path_factory.mktemp("ws")
    build_demo_workspace(path, seed=0, cases=False)
    return create_app(path, actor=as_admin).server.test_client()


def _scripts(client) -> list[str]:
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'<script src="([^"]+)"', html)


def test_the_page_scripts_come_in_brotli_and_unpack_to_the_same_bytes(client):
    scripts = _scripts(client)
    assert any("dash_leaflet" in s for s in scripts)
    for src in scripts:
        plain = client.get(src)
        packed = client.get(src, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert plain.status_code == packed.status_code == 200, src
        if len(plain.data) < 256:
            continue
        assert packed.headers["Content-Encoding"] == "br", src
        assert brotli.decompress(packed.data) == plain.data, src
        assert "Accept-Encoding" in packed.headers["Vary"]
    leaflet = next(s for s in scripts if "dash_leaflet" in s)
    # fingerprinted: still cached for a year
    assert "max-age=31536000" in client.get(leaflet, headers={"Accept-Encoding": "br"}).headers["Cache-Control"]


def test_gzip_for_a_client_without_brotli_and_a_revalidated_asset_answers_304(client):
    css = next(u for u in re.findall(r'href="([^"]+\.css[^"]*)"', client.get("/").get_data(as_text=True)) if "pws" in u)
    first = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.data) == client.get(css).data
    again = client.get(css, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_stamped_assets_are_kept_a_year_and_unstamped_ones_revalidated(client):
    # a revalidation per asset was a round trip at every visit before the page's scripts could run
    html = client.get("/").get_data(as_text=True)
    stamped = [u for u in re.findall(r'(?:src|href)="(/assets/[^"]+)"', html)]
    assert any("pws.js?m=" in u for u in stamped) and any("pws.css?m=" in u for u in stamped)
    for url in stamped:
        first = client.get(url, headers={"Accept-Encoding": "br"})
        assert first.status_code == 200 and "immutable" in first.headers["Cache-Control"], url
        assert "max-age=31536000" in first.headers["Cache-Control"], url
        if "ETag" in first.headers:  # a browser that asks anyway is told the same
            again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
            assert again.status_code == 304 and "max-age=31536000" in again.headers["Cache-Control"], url
    plain = client.get("/assets/pws.css")
    assert plain.status_code == 200 and "max-age=31536000" not in plain.headers.get("Cache-Control", "")


def test_the_page_itself_is_compressed(client):
    r = client.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert r.headers["Content-Encoding"] == "br"
    assert brotli.decompress(r.data) == client.get("/_dash-layout").data


@pytest.mark.parametrize(
    "header, chosen",
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip;q=0.5", "gzip"), ("identity", None), ("", None), (None, None)],
)
def test_accepted_encoding(header, chosen):
    assert accepted_encoding(header) == chosen

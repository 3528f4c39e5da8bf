"""The page names what the first map needs, so the browser asks for it with the page's scripts.

Whether the browser really takes the preloaded answers (one request each) is
checked in a browser by ``tests/test_field_link.py``.
"""

from __future__ import annotations

import re

import pytest

from app import create_app
from tests.dash_requests import as_admin


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from demo import build_demo_workspace

    path = tmp_path_factory.mktemp("ws")
    build_demo_workspace(path, seed=0, cases=False)
    return create_app(path, actor=as_admin).server.test_client()


def _preloads(html: str) -> list[str]:
    return re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin>', html)


def test_the_page_preloads_the_renderers_first_requests_in_its_head(client):
    html = client.get("/").get_data(as_text=True)
    head = html[: html.index("</head>")]
    assert {"/_dash-layout", "/_dash-dependencies"} <= set(_preloads(head))
    for url in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(url).status_code == 200

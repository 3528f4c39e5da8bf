"""Several users at once on one app: nobody sees another's view.

Four simulated users (threads, each with its own Flask test client on the same
app, replaying the page's real Dash callback requests) drill at the same time
into the four different kecamatan of the squares workspace and switch indicator
there; every answer must name only the user's own area. A view kept in a module
global (or anything shared between sessions) would hand one user's area,
table rows or breadcrumb to another.
"""

from __future__ import annotations

import threading

import pytest

from app import create_app
from tests.dash_requests import CallbackGraph, as_admin, FlaskClient, SimulatedUser, foreign_codes
from tests.squares import build_squares_workspace

PATHS = [
    ["99.01", "99.01.01", "99.01.01.2001"],
    ["99.01", "99.01.02", "99.01.02.2002"],
    ["99.02", "99.02.01", "99.02.01.2002"],
    ["99.02", "99.02.02", "99.02.02.2001"],
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    ws = build_squares_workspace(tmp_path_factory.mktemp("ws") / "ws", nilai=True)
    return create_app(ws.root, actor=as_admin)


@pytest.fixture(scope="module")
def graph(app):
    return CallbackGraph(app.server.test_client().get("/_dash-dependencies").get_json())


def test_the_checker_sees_another_users_area(app, graph):
    user = SimulatedUser(FlaskClient(app.server), graph)
    user.open("")
    step = user.drill("99.02")
    assert foreign_codes(step, "99.02") == []
    wrong = foreign_codes(step, "99.01")
    assert "search=?wilayah=99.02" in wrong[0]
    assert any(w.startswith("row=99.02.") for w in wrong)


def test_concurrent_users_each_see_only_their_own_view(app, graph):
    rounds = 3
    barrier = threading.Barrier(len(PATHS))
    problems: list = []
    seen: list = []

    def walk(path):
        user = SimulatedUser(FlaskClient(app.server), graph)
        try:
            for r in range(rounds):
                user.open("")
                for area in path:
                    barrier.wait(timeout=30)  # everyone asks at the same moment
                    for step in (user.drill(area), user.switch(["ds", "k1"][r % 2])):
                        seen.append((area, step.kind, len(step.table_rows or [])))
                        bad = foreign_codes(step, area) + [f"HTTP {e.status} {e.name}" for e in step.errors]
                        if bad:
                            problems.append((area, step.kind, bad))
        except Exception as exc:  # noqa: BLE001 - reported below with the rest
            barrier.abort()
            problems.append((path, "exception", repr(exc)))

    threads = [threading.Thread(target=walk, args=(p,)) for p in PATHS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert problems == []
    assert len(seen) == len(PATHS) * rounds * 3 * 2
    # the kecamatan views listed their two desa: the rows really were checked (a drill always
    # sends the table; a switch to the indicator already shown sends nothing)
    assert all(n == 2 for area, kind, n in seen if area.count(".") == 2 and kind == "drill")

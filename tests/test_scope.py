"""Must hold (issue 10): for each role, try to leave the scope through every read path.

On Belitung Timur (real desa boundaries; kecamatan Manggar split between two
puskesmas, one wilayah kerja crossing a kecamatan border; generated values,
facilities and cases) and on the demo. Every answer — Dash callback JSON
(gzip or not), geometry (geobuf decoded, GeoJSON), facility points, CSV, XLSX
(unzipped) and PNG downloads — is searched for every desa code outside the
scope, dotted and undotted; and the codes expected inside the scope must
appear, so an empty answer cannot pass.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import shutil
import zipfile

import geobuf
import pandas as pd
import pytest

from access.actor import Actor
from access.scope import NoAccess, scope_for
from layouts import ids
from mapdata import areas, geojson
from mapdata.store import MapDataCache
from mapdata.view import area_alerts, current_state, map_payload, rapor, table_rows, trend_series
from tests.dash_requests import CallbackGraph, SimulatedUser, payload
from tests.scope_workspace import (
    CROSSING,
    MANGGAR,
    MANGGAR_DESA,
    PKM_DAMAR,
    PKM_LALANG,
    PKM_MANGGAR,
    build_belitung_timur_scoped,
    demo_wilayah_kerja,
    write_wilayah_kerja,
)

ADMIN = Actor("admin", "admin")


# -- reading every answer -------------------------------------------------------------


class Recorder:
    """Flask's test client, keeping every answer decoded (gzip, geobuf, base64 downloads, xlsx)."""

    def __init__(self, server):
        self._c = server.test_client()
        self.answers: list[tuple[str, int, bytes]] = []

    def post(self, url, json=None):
        return self._keep(url, self._c.post(url, json=json, headers={"Accept-Encoding": "gzip"}))

    def get(self, url, headers=None):
        return self._keep(url, self._c.get(url, headers=headers or {"Accept-Encoding": "gzip"}))

    def _keep(self, url, r):
        resp = _Answer(url, r)
        self.answers.append((url, r.status_code, resp.text))
        return resp

    def text(self) -> bytes:
        return b"\n".join(body for _, _, body in self.answers)


class _Answer:
    def __init__(self, url, r):
        body = r.data
        if r.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.status_code, self.content, self.headers = r.status_code, body, r.headers
        self.text = decoded(url, body)

    def json(self):
        return json.loads(self.content)


def decoded(url: str, body: bytes) -> bytes:
    """Every readable form of an answer's body, joined: geobuf as GeoJSON, downloads unpacked."""
    parts = [body]
    if url.endswith(".pbf") and body and r_ok(body):
        parts.append(json.dumps(geobuf.decode(body)).encode())
    if body[:1] == b"{":
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        for blob in _downloads(parsed):
            parts.append(blob)
    return b"\n".join(parts)


def r_ok(body: bytes) -> bool:
    """Not an HTML or text error page (those are searched as they are)."""
    return not body.lstrip().startswith((b"<", b"403"))


def _downloads(node):
    """Bytes of every ``dcc.Download`` payload inside a callback answer (xlsx unzipped)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            if "content" in n and "filename" in n:
                raw = base64.b64decode(n["content"]) if n.get("base64") else str(n["content"]).encode()
                yield raw
                if raw[:2] == b"PK":
                    with zipfile.ZipFile(io.BytesIO(raw)) as z:
                        for name in z.namelist():
                            yield z.read(name)
            stack.extend(n.values())
        elif isinstance(n, list):
            stack.extend(n)


def forms(kode: str) -> tuple[bytes, bytes]:
    """A code as written dotted and undotted."""
    return kode.encode(), kode.replace(".", "").encode()


def leaked(text: bytes, codes) -> list[str]:
    """Codes of ``codes`` found in ``text`` in either form."""
    return sorted(k for k in codes if any(f in text for f in forms(k)))


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bt(shared_data, tmp_path_factory):
    return build_belitung_timur_scoped(shared_data, tmp_path_factory.mktemp("bt-scope") / "ws")


@pytest.fixture(scope="module")
def bt_md(bt):
    return MapDataCache().get(bt.root)


@pytest.fixture(scope="module")
def demo(demo_workspace, tmp_path_factory):
    """A copy of the session's demo with a puskesmas table (the shared one stays read-only)."""
    root = tmp_path_factory.mktemp("demo-scope") / "ws"
    shutil.copytree(demo_workspace.root, root)
    from workspace.store import Workspace

    ws = Workspace(root)
    if not ws.has("wilayah_kerja.parquet"):
        write_wilayah_kerja(ws, demo_wilayah_kerja(ws))
    return ws


def all_desa(md) -> set[str]:
    return set(md.areas.loc[md.areas["level"] == "desa", "kode"])


def app_for(root, actor):
    from app import create_app

    return create_app(root, actor=lambda: actor)


# -- the data layer: every accessor stays inside ------------------------------------------


@pytest.mark.parametrize("pkm", [PKM_MANGGAR, PKM_LALANG])
def test_manggar_split_between_two_puskesmas(bt_md, pkm):
    md = bt_md.for_actor(Actor("kapus", "puskesmas", pkm))
    mine = set(MANGGAR_DESA[pkm])
    assert md.scope.desa == mine
    assert md.scope.top == pkm and areas.start_area(md) == pkm  # opens on its own wilayah kerja
    assert set(areas.children(md, pkm)["kode"]) == mine
    assert not md.scope.shows(MANGGAR) and md.scope.passes(MANGGAR)  # half a kecamatan: a gateway
    assert set(areas.children(md, MANGGAR)["kode"]) == mine
    assert set(md.areas["kode"]) == mine | {MANGGAR, pkm}
    assert set(md.display["kode"]) == mine | {MANGGAR, pkm}
    # the gateway is drawn as the union of its desa in scope, not as all of Manggar
    whole = bt_md.display.drop_duplicates("kode").set_index("kode").geometry[MANGGAR]
    drawn = md.display.set_index("kode").geometry[MANGGAR]
    assert drawn.area < 0.9 * whole.area
    assert set(md.fasilitas["kode_desa"]) == mine
    assert len(md.fasilitas) > 0


def test_scoped_reads_answer_only_inside(bt_md):
    md = bt_md.for_actor(Actor("kapus", "puskesmas", PKM_MANGGAR))
    mine = set(MANGGAR_DESA[PKM_MANGGAR])
    outside = all_desa(bt_md) - mine
    alerts = md.alerts()
    assert set(alerts["kode_desa"]) <= mine
    assert set(bt_md.alerts()["kode_desa"]) - mine  # there were alerts elsewhere to hide
    for k in sorted(mine):
        assert set(md.cases_by_place(k)["kode_desa"]) <= {k}
    assert set(md.cases_by_place(MANGGAR)["kode_desa"]) <= mine
    assert len(md.cases_by_place(MANGGAR))
    for kode in (MANGGAR, "19.06", "19.06.06"):
        assert not leaked(geojson.children_geojson(md, kode), outside)
        assert not leaked(geojson.facilities_geojson(md, kode), outside)
    assert set(json.loads(geojson.children_geojson(md, MANGGAR))["features"][i]["id"] for i in range(4)) == mine
    q = md.indicator_query()
    frame = q.children(MANGGAR, "k1", "2025-06", skema="quantiles")
    assert set(frame["kode"]) == mine
    assert frame["kelas"].max() < len(frame)  # classes among its own four desa
    assert set(q.children("19.06", "k1", "2025-06")["kode"]) == set()  # no kecamatan is wholly its
    assert len(q.series("19.06", "k1"))  # the kabupaten's total: a comparison line
    assert len(q.series(MANGGAR, "k1"))
    with pytest.raises(NoAccess):
        q.series("19.06.06", "k1")
    with pytest.raises(NoAccess):
        q.series("19.06.01.2006", "k1")
    with pytest.raises(NoAccess):
        q.rapor("19.06.01.2006", "2025-06")
    assert len(q.rapor("19.06.01.2004", "2025-06"))
    with pytest.raises(NoAccess):
        md.weekly_series("19.06.01.2006", "diare_akut")
    assert len(md.weekly_series("19.06.01.2004", "diare_akut"))
    assert not hasattr(md, "workspace")  # no way round the accessors


def test_a_cluster_is_cut_to_the_scope(bt_md):
    full = bt_md.clusters()
    assert len(full) and any(len(c) > 1 for c in full["kode_desa"])
    codes = full.at[0, "kode_desa"]
    inside_one = codes[0]
    pkm = bt_md.wilayah_kerja.set_index("kode_desa").at[inside_one, "kode_puskesmas"]
    md = bt_md.for_actor(Actor("kapus", "puskesmas", pkm))
    cut = md.clusters()
    mine = md.scope.desa
    kept = [k for k in codes if k in mine]
    assert cut.at[0, "kode_desa"] == kept
    partial = len(kept) < len(codes)
    assert bool(cut.at[0, "sebagian"]) == partial
    if partial:  # its whole-cluster figures would tell the neighbours' counts
        assert cut.at[0, "observed"] is None and cut.at[0, "pusat"] is None
    wk = bt_md.wilayah_kerja
    nobody_there = [p for p in wk["kode_puskesmas"].unique()
                    if not set(wk.loc[wk["kode_puskesmas"] == p, "kode_desa"]) & set(codes)]
    far = bt_md.for_actor(Actor("jauh", "puskesmas", nobody_there[0]))
    assert far.clusters().empty


def test_puskesmas_across_a_kecamatan_border(bt_md):
    md = bt_md.for_actor(Actor("kapus", "puskesmas", PKM_DAMAR))
    assert md.scope.top == PKM_DAMAR and md.scope.gateways == {"19.06", "19.06.04"}
    assert CROSSING in md.scope.desa and md.scope.shows("19.06.05")
    kids = set(areas.children(md, "19.06")["kode"])
    assert kids == {"19.06.04", "19.06.05"}  # Kelapa Kampit only as its one desa's gateway
    assert set(areas.children(md, "19.06.04")["kode"]) == {CROSSING}


def test_nobody_and_an_unknown_wilayah_read_nothing(bt_md):
    with pytest.raises(NoAccess):
        bt_md.for_actor(None)
    with pytest.raises(NoAccess):
        bt_md.for_actor(Actor("x", "puskesmas", "P0000000000"))
    with pytest.raises(NoAccess):
        bt_md.for_actor(Actor("x", "dinas", "19.07"))


def test_scopes_are_memoised_per_snapshot_and_scope(bt_md):
    a = bt_md.for_actor(Actor("a", "puskesmas", PKM_MANGGAR))
    b = bt_md.for_actor(Actor("b", "puskesmas", PKM_MANGGAR))
    c = bt_md.for_actor(Actor("c", "puskesmas", PKM_LALANG))
    assert a is b and a is not c
    ka = a.memo(("x",), lambda: "manggar")
    kc = c.memo(("x",), lambda: "lalang")
    assert (ka, kc) == ("manggar", "lalang")


# -- over HTTP: the app as one tab of each role ----------------------------------------------


def _roles_bt(bt_md):
    wk = bt_md.wilayah_kerja
    return [
        Actor("admin", "admin"),
        Actor("dinkes", "dinas", "19.06"),
        Actor("pkm-manggar", "puskesmas", PKM_MANGGAR),
        Actor("pkm-lalang", "puskesmas", PKM_LALANG),
        Actor("pkm-damar", "puskesmas", PKM_DAMAR),
        Actor("pkm-gantung", "puskesmas", wk.set_index("kode_desa").at["19.06.02.2001", "kode_puskesmas"]),
    ]


def try_to_leave(root, md_full, actor) -> None:
    """Every read path, as ``actor``, with tampered URLs and replayed requests; asserts inside/outside."""
    scope = scope_for(actor, md_full.areas[["kode", "level"]], md_full.wilayah_kerja)
    everyone = all_desa(md_full)
    mine = everyone if scope.everything else set(scope.desa)
    outside = everyone - mine
    outside_areas = sorted(set(md_full.areas["kode"]) - set(md_full.for_actor(actor).areas["kode"]))
    app = app_for(root, actor)
    client = Recorder(app.server)
    graph = CallbackGraph(client.get("/_dash-dependencies").json())
    user = SimulatedUser(client, graph)
    sid = md_full.snapshot_id
    md = md_full.for_actor(actor)
    top = areas.start_area(md)

    # the start, and a drill into each child shown (down to a desa)
    step = user.open("")
    shown = [c["value"] for c in (step.map_response or {}).get(ids.CHILD_PICKER, {}).get("options", [])]
    assert shown, "the start area lists nothing to drill into"
    user.drill(shown[0])
    # the puskesmas path at the kabupaten (a dinas sees its puskesmas; others fall back to their top)
    user.open("?wilayah=19.06&jalur=puskesmas" if "19.06" in set(md_full.areas["kode"]) else "?jalur=puskesmas")
    # tampered URLs: an area outside (kabupaten/kecamatan, another puskesmas, desa), and a selection outside
    tampered = ([a for a in outside_areas if a.count(".") in (1, 2)][:2] + [a for a in outside_areas if "." not in a][-2:]
                + sorted(outside)[:2])
    for kode in tampered:
        step = user.open(f"?wilayah={kode}")
        url = step.map_response["pws-areas"]["url"]
        assert f"/{top or 'top'}.pbf" in url, (kode, url)  # the user's own top area
    if outside and top is not None:  # a selection outside, beside the user's own area
        step = user.open(f"?wilayah={top}&pilih={sorted(outside)[-1]}")
        assert f"/{top}.pbf" in step.map_response["pws-areas"]["url"]
    if tampered:
        body = client.post("/_dash-update-component",
                           json=payload(graph.by_output("pws-page.children"), {("pws-location", "search"): f"?wilayah={tampered[0]}"},
                                        ["pws-location.search"])).text
        assert b"di luar wilayah Anda" in body  # the short message
        # a callback request replayed with another area's code: map click, area picker, breadcrumb, table row
        for trigger, value in (
            (("pws-clicked", "data"), {"kode": tampered[-1], "t": 99}),
            ((ids.CHILD_PICKER, "value"), tampered[-1]),
            ((ids.TABLE_PICK, "data"), {"kode": tampered[-1], "t": 1}),
        ):
            user.search = ""
            step = user._run(user._act("replay", trigger, value))
            assert tampered[-1] not in (user.search or "")
        action = graph.by_output(f"{ids.ACTION}.data")
        body = payload(action, {("pws-location", "search"): ""}, [])
        crumb_id = {"type": ids.CRUMB_TYPE, "kode": tampered[-1]}
        for i, dep in enumerate(action["inputs"]):
            if dep["id"].startswith("{"):
                body["inputs"][i] = [{"id": crumb_id, "property": "n_clicks", "value": 1}]
        body["changedPropIds"] = [json.dumps(crumb_id, separators=(",", ":"), sort_keys=True) + ".n_clicks"]
        r = client.post("/_dash-update-component", json=body)
        assert r.status_code in (200, 204)
    # the geometry and facility URLs of areas outside (and the top of the hierarchy)
    for kode in [*tampered, *outside_areas[:3], "top"]:
        for path in (f"/pws/geo/{sid}/{kode}.pbf", f"/pws/geo/{sid}/{kode}.json", f"/pws/fasilitas/{sid}/{kode}.json",
                     f"/pws/geo/{sid}/{kode}.pbf?jalur=puskesmas"):
            r = client.get(path)
            assert r.status_code in (200, 404), path
    # inside: the top's geometry and facilities, and a desa's
    for kode in [top, sorted(mine)[0]]:
        name = kode or "top"
        assert client.get(f"/pws/geo/{sid}/{name}.pbf").status_code == 200
    # exports, at the top and with a tampered URL
    export = graph.by_output("pws-download.data")
    for search in ("", *(f"?wilayah={k}" for k in tampered[:1])):
        for button in (ids.EXPORT_CSV, ids.EXPORT_XLSX, ids.EXPORT_PNG):
            values = {(button, "n_clicks"): 1, ("pws-location", "search"): search}
            r = client.post("/_dash-update-component", json=payload(export, values, [f"{button}.n_clicks"]))
            assert r.status_code == 200, (button, r.status_code)

    text = client.text()
    assert not leaked(text, outside), f"{actor}: desa outside the scope in an answer"
    assert not [u for u, s, _ in client.answers if s >= 500 or (s == 403 and u.endswith("update-component"))]
    # inside the scope the codes do appear (the top's children, geometry and table)
    kids = set(areas.children(md, top)["kode"])
    assert kids and all(any(f in text for f in forms(k)) for k in kids)
    first_desa = sorted(mine)[0]
    assert any(f in text for f in forms(first_desa))


@pytest.mark.parametrize("who", range(6))
def test_each_role_on_belitung_timur_stays_inside(bt, bt_md, who):
    try_to_leave(bt.root, bt_md, _roles_bt(bt_md)[who])


def test_each_role_on_the_demo_stays_inside(demo):
    md = MapDataCache().get(demo.root)
    wk = md.wilayah_kerja.assign(kecamatan=md.wilayah_kerja["kode_desa"].str[:8])
    per_kecamatan = wk.groupby("kecamatan")["kode_puskesmas"].nunique()
    shared = per_kecamatan[per_kecamatan > 1].index[0]
    split = sorted(wk.loc[wk["kecamatan"] == shared, "kode_puskesmas"].unique())  # two puskesmas, one kecamatan
    crossing = wk.groupby("kode_puskesmas")["kecamatan"].nunique().idxmax()  # a wilayah across a border
    assert len(split) > 1 and wk.groupby("kode_puskesmas")["kecamatan"].nunique().max() > 1
    for actor in (Actor("dinas", "dinas", "29.01"), *(Actor(p, "puskesmas", p) for p in [*split, crossing])):
        try_to_leave(demo.root, md, actor)


def test_without_an_actor_every_answer_is_refused(bt, bt_md):
    app = app_for(bt.root, None)
    client = Recorder(app.server)
    graph = CallbackGraph(client.get("/_dash-dependencies").json())
    user = SimulatedUser(client, graph)
    step = user.open("")
    assert step.exchanges and {e.status for e in step.exchanges} == {403}
    sid = bt_md.snapshot_id
    for path in (f"/pws/geo/{sid}/top.pbf", f"/pws/geo/{sid}/{MANGGAR}.json", f"/pws/fasilitas/{sid}/{MANGGAR}.json"):
        assert client.get(path).status_code == 403
    assert not leaked(client.text(), all_desa(bt_md))


def test_view_functions_answer_inside_for_a_tampered_state(bt_md):
    md = bt_md.for_actor(Actor("kapus", "puskesmas", PKM_LALANG))
    outside = all_desa(bt_md) - md.scope.desa
    for search, where in (("", PKM_LALANG), ("?wilayah=19.06.01.2004", PKM_LALANG), ("?wilayah=19.06", PKM_LALANG),
                          (f"?wilayah={PKM_MANGGAR}", PKM_LALANG), ("?wilayah=19.06.01&pilih=19.06.01.2004", MANGGAR)):
        state = current_state(md, search)
        assert state.wilayah == where and state.pilih is None
        text = json.dumps([map_payload(md, state), table_rows(md, state)], default=str).encode()
        assert not leaked(text, outside)
        series, _ = trend_series(md, state)
        assert series is not None and len(series)
        alerts, _ = area_alerts(md, state.wilayah)
        assert alerts is None or set(alerts["kode_desa"]) <= md.scope.desa
        assert rapor(md, state) == (None, None)
    rows = pd.DataFrame(table_rows(md, current_state(md, "")))
    assert set(rows["kode"]) == md.scope.desa


def test_a_puskesmas_user_sees_its_kabupaten_total_as_a_comparison_line(bt_md):
    from callbacks.panels import trend_output
    from mapdata.view import comparison_series

    md = bt_md.for_actor(Actor("kapus", "puskesmas", PKM_MANGGAR))
    state = current_state(md, "")
    assert state.wilayah == PKM_MANGGAR
    name, series = comparison_series(md, state)
    assert name == bt_md.by_kode.at["19.06", "nama"]
    full = bt_md.indicator_query().series("19.06", state.indikator)
    assert series["nilai"].to_numpy().tolist() == pytest.approx(full["nilai_pws"].to_numpy().tolist(), nan_ok=True)
    chart = trend_output("", md)[0]  # an SVG: its legend names the three lines
    from urllib.parse import unquote

    svg = unquote(chart.src.split(",", 1)[1])
    assert f"Total {name}" in svg and svg.count("<polyline") + svg.count("<line x1") >= 3
    # its kabupaten's total, not another one's; and none for an area at kabupaten level
    assert md.total_name("19.06") == name and md.total_name("19.06.06") is None
    dinas = bt_md.for_actor(Actor("dinkes", "dinas", "19.06"))
    assert comparison_series(dinas, current_state(dinas, "")) is None
    assert comparison_series(dinas, current_state(dinas, "?wilayah=19.06.02"))[0] == name


def test_labels_and_a_comparison_stay_inside(bt_md):
    md = bt_md.for_actor(Actor("kapus", "puskesmas", PKM_LALANG))
    outside = all_desa(bt_md) - md.scope.desa
    periods = md.indicator_query().periods()
    state = current_state(md, f"?wilayah={MANGGAR}&label=1&banding={periods[0]}")
    assert state.label and state.banding == periods[0]
    payload = map_payload(md, state)
    assert payload["labels"] and {lab["kode"] for lab in payload["labels"]} <= md.scope.desa
    assert set(payload["hideout"]["tip"]) <= md.scope.desa
    text = json.dumps([payload, table_rows(md, state)], default=str).encode()
    assert not leaked(text, outside)

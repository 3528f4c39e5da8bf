"""Replay the dashboard's own Dash callback requests over HTTP, as one browser tab would.

A :class:`SimulatedUser` keeps what the Dash renderer keeps in the page (the URL's
search, the rendered-page key, the map's geometry URL) and sends the same
``/_dash-update-component`` POSTs the renderer sends, in the same order: on a map
click the action callback (``pws-clicked.data`` → new ``search``), then every
callback listening to ``pws-location.search`` (page, map, table, trend, rapor,
alerts), then a GET of the geometry URL the map callback answered. The request
bodies are built from the app's ``/_dash-dependencies`` (the callback graph the
renderer itself reads), so they follow the app when callbacks change.

Used by ``bench/drilldown.py``, ``bench/load_test.py`` and
``tests/test_concurrency.py``. Works with any client with ``.post(url, json=)``
/ ``.get(url, headers=)`` returning objects with ``status_code``, ``content`` and
``json()`` (httpx, requests, Flask's test client via :class:`FlaskClient`).

An app with the login installed answers only a logged-in client: :func:`log_in`
(httpx) or :meth:`FlaskClient.log_in` posts the login form, and the client then
sends the session cookie and the ``X-CSRFToken`` header with every callback, as
the browser does. Tests of something else pass ``actor=as_admin`` to
``create_app`` instead.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from access.actor import Actor
from layouts import ids

UPDATE = "/_dash-update-component"
DEPENDENCIES = "/_dash-dependencies"
LOCATION, RENDERED, LEGEND_KEY = ids.LOCATION, ids.RENDERED, ids.LEGEND_KEY
ACTION, PAGE_KEY = ids.ACTION, ids.PAGE_KEY  # the action's answer goes to the URL and page key in the browser
LOGIN = "/login"
CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
ADMIN = Actor("penguji", "admin")


def as_admin() -> Actor:
    """A fixed admin actor for ``create_app(..., actor=as_admin)`` (no login installed)."""
    return ADMIN


def _form_token(html: str) -> str:
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not found:
        raise LookupError("no csrf_token field in the login page")
    return found.group(1)


def log_in(client, username: str, password: str, base: str = "") -> int:
    """Log an httpx client in (sync or not, see :func:`alog_in`); returns the login POST's status.

    On success (302) the client keeps the session cookie and sends the CSRF
    token as ``X-CSRFToken`` from then on, as dash-renderer does.
    """
    page = client.get(base + LOGIN)
    r = client.post(base + LOGIN, data={"username": username, "password": password, "csrf_token": _form_token(page.text)})
    client.headers[CSRF_HEADER] = client.cookies.get(CSRF_COOKIE) or ""
    return r.status_code


async def alog_in(client, username: str, password: str, base: str = "") -> int:
    """:func:`log_in` for an ``httpx.AsyncClient``."""
    page = await client.get(base + LOGIN)
    r = await client.post(base + LOGIN, data={"username": username, "password": password, "csrf_token": _form_token(page.text)})
    client.headers[CSRF_HEADER] = client.cookies.get(CSRF_COOKIE) or ""
    return r.status_code


def _id(raw):
    """A dependency id as the renderer sends it (pattern ids are JSON strings in the graph)."""
    if isinstance(raw, str) and raw.startswith("{"):
        return json.loads(raw)
    return raw


class CallbackGraph:
    """The server-side callbacks of the app, from ``/_dash-dependencies``."""

    def __init__(self, deps: list[dict]):
        self.callbacks = [c for c in deps if not c.get("clientside_function")]

    def by_output(self, needle: str) -> dict:
        """The callback whose output string contains ``needle`` (e.g. ``'pws-areas.url'``)."""
        found = [c for c in self.callbacks if needle in c["output"]]
        if len(found) != 1:
            raise LookupError(f"{len(found)} callbacks output {needle!r}")
        return found[0]

    def triggered_by(self, input_id: str, prop: str) -> list[dict]:
        """Callbacks with ``input_id.prop`` among their inputs."""
        return [c for c in self.callbacks if any(i["id"] == input_id and i["property"] == prop for i in c["inputs"])]


def _outputs(cb: dict):
    # "..a.b...c.d.." for several outputs, "a.b" for one; pattern ids hold dots too, so use the graph
    out = cb["output"]
    if out.startswith(".."):
        parts = out[2:-2].split("...")
    else:
        parts = [out]
    specs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        specs.append({"id": _id(ident), "property": prop.split("@")[0]})
    return specs if out.startswith("..") else specs[0]


def payload(cb: dict, values: dict, changed: list[str]) -> dict:
    """The body the renderer POSTs for ``cb``; ``values[(id, prop)]`` gives each input/state.

    An ``ALL`` pattern input is sent as an empty list (no breadcrumb button rendered yet
    is ever pressed by the simulated user).
    """

    def items(deps):
        out = []
        for d in deps:
            ident = _id(d["id"])
            if isinstance(ident, dict):
                out.append([])
            else:
                out.append({"id": ident, "property": d["property"], "value": values.get((ident, d["property"]))})
        return out

    return {
        "output": cb["output"],
        "outputs": _outputs(cb),
        "inputs": items(cb["inputs"]),
        "state": items(cb.get("state", [])),
        "changedPropIds": changed,
    }


@dataclass
class Exchange:
    """One HTTP request of a step: what it was, its status, response bytes, wall ms."""

    name: str
    status: int
    nbytes: int
    ms: float


@dataclass
class Step:
    """One user action: every request it caused, and the map callback's answer."""

    kind: str
    search: str
    exchanges: list[Exchange] = field(default_factory=list)
    map_response: dict | None = None
    table_rows: list | None = None

    @property
    def nbytes(self) -> int:
        return sum(e.nbytes for e in self.exchanges)

    def ms_of(self, name: str) -> float:
        return sum(e.ms for e in self.exchanges if e.name == name)

    def bytes_of(self, name: str) -> int:
        return sum(e.nbytes for e in self.exchanges if e.name == name)

    @property
    def errors(self) -> list[Exchange]:
        return [e for e in self.exchanges if e.status not in (200, 204, 304)]


def _name(cb: dict) -> str:
    first = _outputs(cb)
    first = first[0] if isinstance(first, list) else first
    return f"{first['id']}.{first['property']}"


def wilayah_of(search: str | None) -> str | None:
    """The ``wilayah`` of a URL search string (``None`` at the start area)."""
    got = parse_qs((search or "").lstrip("?")).get("wilayah")
    return got[0] if got else None


class SimulatedUser:
    """One browser tab's Dash state, driven by replayed callback requests (synchronous client).

    The request sequences are written once as generators that yield
    ``(method, url, body_or_headers)`` and receive the response;
    :class:`AsyncSimulatedUser` drives the same generators with an async client.
    """

    def __init__(self, client, graph: CallbackGraph, base: str = ""):
        self.client, self.graph, self.base = client, graph, base
        self.search = ""
        self.props: dict = {}  # every (id, prop) a callback has set in this page, as the renderer keeps them
        self.areas_url = None
        self.rendered = None
        self.clicks = 0
        self.action = graph.by_output(f"{ids.ACTION}.data")
        self.map = graph.by_output(f"{ids.AREAS}.url")
        self.page = graph.by_output(f"{ids.PAGE}.children")
        self.on_search = [c for c in graph.triggered_by(LOCATION, "search") if c is not self.page]

    # -- driving ---------------------------------------------------------------
    def _send(self, req):
        method, url, arg = req
        if method == "post":
            return self.client.post(self.base + url, json=arg)
        return self.client.get(self.base + url, headers=arg)

    def _run(self, gen):
        try:
            req = next(gen)
            while True:
                req = gen.send(self._send(req))
        except StopIteration as done:
            return done.value

    # -- request sequences (generators) -----------------------------------------
    def _post(self, step: Step, cb: dict, values: dict, changed: list[str]):
        body = payload(cb, values, changed)
        t = time.perf_counter()
        r = yield ("post", UPDATE, body)
        ms = (time.perf_counter() - t) * 1000
        step.exchanges.append(Exchange(_name(cb), r.status_code, wire_bytes(r), ms))
        if r.status_code != 200:
            return None  # 204: every output no_update (PreventUpdate)
        got = r.json().get("response") or {}
        for ident, props in got.items():
            for prop, value in props.items():
                self.props[(ident, prop)] = value
        return got

    def _values(self) -> dict:
        # states such as the rendered page's key come from earlier answers (the page
        # callback re-renders nothing when the key says the page already shows the view)
        return {
            **self.props,
            (LOCATION, "search"): self.search,
            (RENDERED, "data"): self.rendered,
            (ids.AREAS, "url"): self.areas_url,
        }

    def _after_search(self, step: Step):
        """The page, then every callback listening to the search (as the renderer fires them)."""
        got = yield from self._post(step, self.page, self._values(), [f"{LOCATION}.search"])
        if got:
            if ids.PAGE in got and "children" in got[ids.PAGE]:
                self.rendered = self._rendered_value(got[ids.PAGE]["children"])
                # a new page body: a new, empty map layer and legend store
                self.areas_url = None
                self.props.pop((LEGEND_KEY, "data"), None)
        for cb in self.on_search:
            got = yield from self._post(step, cb, self._values(), [f"{LOCATION}.search"])
            if cb is self.map and got:
                step.map_response = got
                new_url = got.get(ids.AREAS, {}).get("url")
                if new_url:
                    self.areas_url = new_url
                    t = time.perf_counter()
                    r = yield ("get", new_url, {"Accept-Encoding": "gzip"})
                    step.exchanges.append(Exchange("geometry", r.status_code, wire_bytes(r), (time.perf_counter() - t) * 1000))
            if got and ids.TABLE in got:
                step.table_rows = [{"kode": k} for k in row_codes(got[ids.TABLE].get("children"))]
        return step

    @staticmethod
    def _rendered_value(children):
        """The ``data`` of the ``pws-rendered`` store inside a rendered page body."""
        stack = [children]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                props = node.get("props", {})
                if props.get("id") == RENDERED:
                    return props.get("data")
                stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
        return None

    def _open(self, search: str):
        self.search, self.areas_url, self.rendered = search, None, None
        self.props = {}  # a fresh page
        return (yield from self._after_search(Step("open", search)))

    def _act(self, kind: str, trigger: tuple[str, str], value):
        values = self._values()
        values[trigger] = value
        step = Step(kind, self.search)
        got = yield from self._post(step, self.action, values, [f"{trigger[0]}.{trigger[1]}"])
        action = (got or {}).get(ACTION, {}).get("data") or {}
        if action.get("key") is not None:  # what assets/pws.js applyAction does in the browser
            self.props[(PAGE_KEY, "data")] = action["key"]
        if action.get("search") is None:
            return step  # the URL did not change (e.g. the indicator already shown): nothing else fires
        self.search = step.search = action["search"]
        return (yield from self._after_search(step))

    # -- actions ---------------------------------------------------------------
    def open(self, search: str = "") -> Step:
        """Load the page at ``search`` (a shared link, or ``''`` for the start)."""
        return self._run(self._open(search))

    def drill(self, kode: str) -> Step:
        """Click area ``kode`` on the map (what the clientside click callback stores)."""
        self.clicks += 1
        return self._run(self._act("drill", (ids.CLICKED, "data"), {"kode": kode, "t": self.clicks}))

    def switch(self, indikator: str) -> Step:
        """Pick indicator ``indikator`` in the indicator dropdown."""
        return self._run(self._act("switch", (ids.INDIKATOR, "value"), indikator))


class AsyncSimulatedUser(SimulatedUser):
    """The same tab with an async client (``httpx.AsyncClient``): actions are coroutines."""

    async def _run(self, gen):
        try:
            req = next(gen)
            while True:
                method, url, arg = req
                if method == "post":
                    r = await self.client.post(self.base + url, json=arg)
                else:
                    r = await self.client.get(self.base + url, headers=arg)
                req = gen.send(r)
        except StopIteration as done:
            return done.value


def foreign_codes(step: Step, area: str | None) -> list[str]:
    """Codes in the step's answers that do not belong to the view of ``area``.

    The URL's ``wilayah``, the geometry URL, the ranked table's rows and the
    breadcrumb's current area must all be ``area`` or inside it; anything else is
    another user's view leaking into this one.
    """
    bad = []
    if wilayah_of(step.search) != area:
        bad.append(f"search={step.search}")
    inside = (lambda k: True) if area is None else (lambda k: k == area or str(k).startswith(area + "."))
    url = ((step.map_response or {}).get(ids.AREAS) or {}).get("url")
    if url and area is not None and url.rsplit("/", 1)[-1].rsplit(".", 1)[0] != area:
        bad.append(f"url={url}")
    for row in step.table_rows or []:
        if not inside(row.get("kode")):
            bad.append(f"row={row.get('kode')}")
    crumbs = json.dumps(((step.map_response or {}).get(ids.BREADCRUMB) or {}).get("children"))
    if area is not None and step.map_response and ids.BREADCRUMB in step.map_response:
        from geo.levels import parent_code

        parent = parent_code(area)
        if parent is not None and f'"kode": "{parent}"' not in crumbs:
            bad.append(f"breadcrumb without {parent}")
    return bad


def row_codes(children) -> list[str]:
    """Area codes of the ranked table's rows (its name buttons' ``data-kode``), in order."""
    found = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            props = node.get("props") or {}
            if "data-kode" in props:
                found.append(props["data-kode"])
            walk(props.get("children"))

    walk(children)
    return found


def wire_bytes(r) -> int:
    """Bytes of a response body as sent (gzip-compressed if it was).

    httpx decodes ``Content-Encoding: gzip`` into ``content``; what crossed
    the network is ``num_bytes_downloaded``. The Flask adapter's ``content`` is
    the body as sent.
    """
    n = getattr(r, "num_bytes_downloaded", None)
    return int(n) if n is not None else len(r.content)


class FlaskClient:
    """Adapter: Flask's test client with the ``post(json=)`` / ``get(headers=)`` / ``content`` interface."""

    def __init__(self, server):
        self._c = server.test_client()
        self.headers: dict = {}

    def log_in(self, username: str, password: str) -> int:
        """Post the login form; afterwards every POST carries the CSRF token. Returns the status."""
        page = self._c.get(LOGIN)
        r = self._c.post(LOGIN, data={"username": username, "password": password, "csrf_token": _form_token(page.get_data(as_text=True))})
        cookie = self._c.get_cookie(CSRF_COOKIE)
        self.headers = {CSRF_HEADER: cookie.value} if cookie else {}
        return r.status_code

    def post(self, url, json=None):
        return _Resp(self._c.post(url, json=json, headers=self.headers))

    def get(self, url, headers=None):
        return _Resp(self._c.get(url, headers=headers or {}))


class _Resp:
    def __init__(self, r):
        self.status_code, self.content, self._r = r.status_code, r.data, r

    def json(self):
        return self._r.get_json()

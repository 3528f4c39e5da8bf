"""The first visit over a field connection: time to the first map and bytes sent, cold and warm.

Usage: ``python bench/field_link.py [NAME|PATH ...] [--runs N] [--role dinas|puskesmas|admin] [--against REF ...]``
(NAMEs from ``bench/workspaces.py``; default ``demo beltim``). About 1 minute per
workspace and version at 5 runs, plus a few seconds to build a workspace the first time.

``--against REF`` (a git commit or branch, repeatable) serves that version too
(``git archive`` into ``/tmp/pws-bench-src/<commit>``, the same Python) beside
this working tree, and interleaves their loads in the same run (run *i*: each
version's cold and warm load, the order turned each run), so a change is
compared with what it changes under the same load of the machine.

The app runs as a user starts it: ``python app.py serve --workspace W --port P``
(gunicorn, threaded workers sized to the machine, the login installed) on
127.0.0.1. The bench adds an account to the workspace (role ``--role``, default
``dinas``: the district health office of the workspace's first kabupaten), logs
in over HTTP once and gives every browser context that session cookie: the
loads are those of a logged-in user (the login page comes before and is not
what this measures). Headless Chromium at 1400×900 is throttled with CDP
``Network.emulateNetworkConditions`` to Lighthouse's mobile profile: 150 ms
round trip, 1.6 Mbit/s down, 750 kbit/s up.

- *cold*: a new browser context (empty cache, the session cookie) opens the start page;
- *warm*: the same context opens it again (assets from the cache).

Per load: ms from navigation start until the first map is drawn (areas styled
with colours of the legend), KB transferred before that (Resource Timing
``transferSize``: bytes on the wire, headers included), and KB of the whole
page once the network is idle. Prints the median and min–max over the runs
(cold and warm interleaved, after one uncounted load), the requests on the way
to the first map of the last cold and warm loads (``--waterfall``: every
request), and the load average. A load that draws no map within ``--timeout``
seconds, or meets an HTTP error first, stops the run with what the page shows,
the failed requests and the server log's end (``/tmp/pws-bench-field-link.log``).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.browser_support import CHROMIUM_ARGS, MAP_DRAWN_JS, SENT_JS  # noqa: E402
from workspaces import BENCH_PASSWORD, DEFAULT_DIR, NAMES, ensure, ensure_accounts  # noqa: E402

PROFILE = {  # Lighthouse mobile ("slow 4G"), as CDP wants it: bytes per second
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
VIEWPORT = {"width": 1400, "height": 900}
LOG = Path("/tmp/pws-bench-field-link.log")
"""The server's log of the last workspace measured (gunicorn's lines and one line per request)."""

DRAWN_AT_JS = "() => (" + MAP_DRAWN_JS + ")() && performance.now()"
"""ms since navigation start once the first map is drawn (checked at every animation frame), else false."""

STATE_JS = """() => {
    const m = window.pws && window.pws.mapIn && window.pws.mapIn();
    const fills = new Set();
    if (m) { m.eachLayer(l => { if (l.feature && l.feature.properties && !l.feature.properties.jenis) { fills.add(String(l.options.fillColor)); } }); }
    return {title: document.title, pws: !!window.pws, map: !!m,
            legend: Array.from(document.querySelectorAll('[data-warna]')).map(e => e.dataset.warna),
            area_fills: Array.from(fills).slice(0, 8), text: document.body ? document.body.innerText.slice(0, 300) : null};
}"""
"""What the page shows, for the message when no map is drawn."""


class NoMap(SystemExit):
    """A load drew no map: the message says what the page showed and what failed."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_tail(log_path: Path = LOG, lines: int = 25) -> str:
    text = log_path.read_text(errors="replace").splitlines() if log_path.exists() else []
    return "\n".join("    " + line for line in text[-lines:])


def source_of(ref: str) -> tuple[str, Path]:
    """``(short commit, folder)`` of the code at git ``ref``, extracted once under /tmp/pws-bench-src."""
    commit = subprocess.run(["git", "rev-parse", "--short=10", ref], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    folder = Path("/tmp/pws-bench-src") / commit
    if not (folder / "app.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return commit, folder


def start_server(path: Path, port: int, source: Path = ROOT, log_path: Path = LOG, env: dict | None = None) -> subprocess.Popen:
    """``python app.py serve`` of the code in ``source`` for ``path`` on 127.0.0.1:``port``; returns once the login page answers."""
    import urllib.request

    cmd = [sys.executable, str(source / "app.py"), "serve", "--workspace", str(path), "--host", "127.0.0.1", "--port", str(port)]
    log = open(log_path, "w")  # noqa: SIM115 - the server writes to it while it runs
    proc = subprocess.Popen(cmd, cwd=source, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"python app.py serve ({source}) for {path} stopped (exit {proc.returncode}):\n{log_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as r:
                if b"csrf_token" in r.read():  # our login page, not another server on a reused port
                    return proc
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(proc)
    raise SystemExit(f"python app.py serve ({source}) for {path} did not answer on port {port} within 120 s:\n{log_tail(log_path)}")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, 15)
    proc.wait(timeout=30)


def account_wilayah(path: Path, role: str) -> str | None:
    """The wilayah of the bench's ``role`` account: the workspace's first kabupaten (or wilayah kerja)."""
    from access.accounts import puskesmas_codes
    from geo.store import boundary_file
    from workspace.store import Workspace

    ws = Workspace(path)
    if role == "admin":
        return None
    if role == "dinas":
        return sorted(ws.read_table(boundary_file("kabkota"), columns=["kode"])["kode"])[0]
    codes = puskesmas_codes(ws)
    if not codes:
        raise SystemExit(f"{path} has no wilayah kerja: no puskesmas account possible (use --role dinas)")
    return codes[0]


def version_env(version: dict, path: Path) -> dict:
    """The server's environment: another version keeps its own operational database beside its code.

    Versions may differ in the database's migrations: one would move the
    workspace's own database to a revision the others do not know.
    """
    if version["source"] == ROOT:
        return dict(os.environ)
    return {**os.environ, "PWS_DATABASE_URL": f"sqlite:///{version['source'] / ('ops-' + path.name + '.sqlite')}"}


def add_account(version: dict, path: Path, role: str, wilayah: str | None) -> tuple[str, str]:
    """``(username, password)`` of the bench's ``role`` account, made by the version's own code in its database."""
    if version["source"] == ROOT:
        return ensure_accounts(path, [(f"bench-{role}", role, wilayah)])[0]
    username, password = f"bench-{role}", BENCH_PASSWORD
    py = [sys.executable, str(version["source"] / "app.py"), "user"]
    where = ["--wilayah", wilayah] if wilayah else []
    for cmd in ([*py, "add", username, "--role", role, *where], [*py, "set-password", username]):
        done = subprocess.run([*cmd, "--workspace", str(path), "--password-stdin"], input=password + "\n", text=True,
                              capture_output=True, cwd=version["source"], env=version_env(version, path))
        if done.returncode == 0:
            return username, password
    raise SystemExit(f"{version['name']}: no {role} account in its database: {done.stderr.strip()[-500:]}")


def session_cookies(base: str, username: str, password: str) -> list[dict]:
    """Log in over HTTP; the cookies (session, CSRF) as Playwright's ``add_cookies`` takes them."""
    import httpx

    from tests.dash_requests import log_in

    with httpx.Client(base_url=base, timeout=60) as client:
        status = log_in(client, username, password)
        if status != 302:
            raise SystemExit(f"logging in as {username} answered {status}, not 302 (see {LOG})")
        page = client.get("/")
        if page.status_code != 200 or "/login" in str(page.url):
            raise SystemExit(f"the start page after login answered {page.status_code} at {page.url} (see {LOG})")
        return [{"name": c.name, "value": c.value, "url": base + "/"} for c in client.cookies.jar]


def new_context(browser, cookies: list[dict]):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_cookies(cookies)
    return context


def one_load(context, url: str, timeout_s: float, log_path: Path = LOG) -> dict:
    """Open ``url`` in a new page of ``context`` throttled; figures of this load."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.method} {r.url}"))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PROFILE)
    page.goto(url, wait_until="commit")
    deadline = time.monotonic() + timeout_s
    drawn = None
    while drawn is None:
        try:
            drawn = page.wait_for_function(DRAWN_AT_JS, polling="raf", timeout=1000).json_value()
        except PlaywrightTimeout:
            if failed or time.monotonic() > deadline:
                why = "an HTTP error before the first map" if failed else f"no map drawn within {timeout_s:.0f} s"
                raise NoMap(f"{why} at {page.url}\n  page: {page.evaluate(STATE_JS)}\n  failed requests: {failed}\n"
                            f"  server log ({log_path}), last lines:\n{log_tail(log_path)}") from None
    before = page.evaluate(SENT_JS, drawn)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # callbacks chained after the map (panels) may still start
    page.wait_for_load_state("networkidle")
    whole = page.evaluate(SENT_JS, None)
    page.close()
    return {
        "ms": drawn,
        "before": sum(e[1] for e in before),
        "whole": sum(e[1] for e in whole),
        "entries": whole,
        "n_before": len(before),
    }


def machine() -> str:
    """CPU model and core count, for the report's heading."""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = "unknown CPU"
    return f"{model}, {os.cpu_count()} cores"


def fmt(values, scale=1.0, unit=""):
    vals = [v / scale for v in values]
    return f"{statistics.median(vals):,.0f}{unit} ({min(vals):,.0f}–{max(vals):,.0f})"


def measure(path: Path, runs: int, chromium: str, role: str, timeout_s: float, refs: list[str]) -> list[dict]:
    """``runs`` cold and warm loads of the start page of ``path`` for this tree and each of ``refs``, interleaved."""
    from playwright.sync_api import sync_playwright

    wilayah = account_wilayah(path, role)
    versions = [{"name": "this tree", "source": ROOT, "log": LOG}]
    for ref in refs:
        commit, folder = source_of(ref)
        versions.append({"name": f"{ref} ({commit})" if ref != commit else commit, "source": folder,
                         "log": LOG.with_name(f"{LOG.stem}-{commit}.log")})
    procs = []
    try:
        for v in versions:
            username, password = add_account(v, path, role, wilayah)
            port = free_port()
            procs.append(start_server(path, port, v["source"], v["log"], version_env(v, path)))
            v |= {"url": f"http://127.0.0.1:{port}/", "cold": [], "warm": [], "loads": [os.getloadavg()[0]]}
            v["cookies"] = session_cookies(v["url"].rstrip("/"), username, password)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            print(f"Chromium {browser.version}", flush=True)
            for v in versions:
                first = new_context(browser, v["cookies"])
                one_load(first, v["url"], timeout_s, v["log"])  # the server's first visitor, not counted
                first.close()
            for i in range(runs):
                for v in versions[i % len(versions):] + versions[:i % len(versions)]:
                    context = new_context(browser, v["cookies"])
                    v["cold"].append(one_load(context, v["url"], timeout_s, v["log"]))
                    v["warm"].append(one_load(context, v["url"], timeout_s, v["log"]))
                    context.close()
                    v["loads"].append(os.getloadavg()[0])
            browser.close()
    finally:
        for proc in procs:
            stop_server(proc)
    return [v | {"path": path, "role": role, "runs": runs} for v in versions]


def report(result: dict, waterfall: bool) -> None:
    url, cold, warm, loads = result["url"], result["cold"], result["warm"], result["loads"]
    print(f"\n== {result['path'].name}, {result['name']} (logged in as {result['role']}): {result['runs']} cold + "
          f"{result['runs']} warm loads, load average {min(loads):.1f}–{max(loads):.1f} during the run")
    for name, runs in (("cold", cold), ("warm", warm)):
        print(f"{name}: first map {fmt([x['ms'] for x in runs], unit=' ms')}; "
              f"before it {fmt([x['before'] for x in runs], 1000, ' KB')} in {statistics.median(x['n_before'] for x in runs):.0f} responses; "
              f"whole page {fmt([x['whole'] for x in runs], 1000, ' KB')}")
    pairs = ", ".join(f"{c['ms']:.0f}/{w['ms']:.0f}" for c, w in zip(cold, warm))
    print(f"each load, ms (cold/warm): {pairs}")
    print("largest transfers of the last cold load (KB on the wire / decoded):")
    for name, sent, _enc, dec, *_ in sorted(cold[-1]["entries"], key=lambda e: -e[1])[:8]:
        print(f"  {sent / 1000:8.1f} / {dec / 1000:8.1f}  {name.replace(url, '/')[:100]}")
    for name, runs in (("cold", cold), ("warm", warm)):
        last = runs[-1]
        shown = last["entries"] if waterfall else [e for e in last["entries"] if e[4] <= last["ms"]]
        print(f"requests of the last {name} load{'' if waterfall else ' started before the map'} "
              f"(start–end ms, KB on the wire), map drawn at {last['ms']:.0f} ms:")
        for e in sorted(shown, key=lambda e: e[4]):
            print(f"  {e[4]:6.0f}–{e[5]:6.0f}  {e[1] / 1000:7.1f}  {e[0].replace(url, '/')[:90]}")


def compare(results: list[dict]) -> None:
    """This tree against each other version: medians and the median of the run-by-run differences."""
    mine = results[0]
    for other in results[1:]:
        print(f"\n-- {mine['path'].name}: this tree against {other['name']} (same runs, interleaved)")
        for name in ("cold", "warm"):
            a, b = [x["ms"] for x in mine[name]], [x["ms"] for x in other[name]]
            diff = [x - y for x, y in zip(a, b)]
            print(f"{name}: {statistics.median(a):,.0f} ms against {statistics.median(b):,.0f} ms; "
                  f"difference run by run {statistics.median(diff):+,.0f} ms (median; {min(diff):+,.0f} to {max(diff):+,.0f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("workspaces", nargs="*", default=["demo", "beltim"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--role", choices=("dinas", "puskesmas", "admin"), default="dinas",
                    help="the logged-in user's role (default dinas: the first kabupaten's health office)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--timeout", type=float, default=60, help="seconds a load may take to draw the map (default 60)")
    ap.add_argument("--against", action="append", default=[], metavar="REF",
                    help="also serve git REF (commit or branch) and interleave its loads with this tree's")
    ap.add_argument("--waterfall", action="store_true", help="list every request of the last loads, not only those before the map")
    args = ap.parse_args()
    started = time.monotonic()
    print(f"profile: {PROFILE['latency']} ms RTT, {PROFILE['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
          f"{PROFILE['uploadThroughput'] * 8 / 1e3:.0f} kbit/s up; headless Chromium at {VIEWPORT['width']}×{VIEWPORT['height']}\n"
          f"{machine()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average {os.getloadavg()[0]:.1f}", flush=True)
    for name in args.workspaces:
        path = ensure(name, args.dir) if name in NAMES else Path(name)
        results = measure(path, args.runs, args.chromium, args.role, args.timeout, args.against)
        for result in results:
            report(result, args.waterfall)
        compare(results)
    print(f"\n({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()

"""The first visit over a field connection: time to the first map and bytes sent, cold and warm.

Usage: ``python bench/field_link.py [NAME|PATH ...] [--runs N]`` (NAMEs from
``bench/workspaces.py``; default ``demo beltim``).

The app runs under gunicorn with the settings ``python app.py serve`` uses
(``commands.serve.server_options``: threaded workers sized to the machine), in a
subprocess on 127.0.0.1, without the login (``bench/open_app.py``, a fixed admin
actor: the login page comes before and is not what this measures). Headless Chromium is
throttled with CDP ``Network.emulateNetworkConditions`` to Lighthouse's mobile
profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.

- *cold*: a new browser context (empty cache) opens the start page;
- *warm*: the same context opens it again (assets from the cache).

Per load: ms from navigation start until the first map is drawn (areas styled
with colours of the legend), KB transferred before that (Resource Timing
``transferSize``: bytes on the wire, headers included), and KB of the whole
page once the network is idle. Prints the median and min–max over the runs,
the largest transfers of the last cold load, and the load average.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.browser_support import CHROMIUM_ARGS, MAP_DRAWN_JS, SENT_JS  # noqa: E402
from workspaces import DEFAULT_DIR, NAMES, ensure  # noqa: E402

PROFILE = {  # Lighthouse mobile ("slow 4G"), as CDP wants it: bytes per second
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: Path, port: int) -> subprocess.Popen:
    """gunicorn as ``python app.py serve`` configures it, serving ``bench/open_app.py``; returns once the page answers."""
    from commands.serve import server_options

    opts = server_options("127.0.0.1", port, None, 4)
    cmd = [sys.executable, "-m", "gunicorn", "--pythonpath", str(ROOT / "bench"), "open_app:server",
           "--bind", opts["bind"], "--workers", str(opts["workers"]), "--threads", str(opts["threads"]),
           "--worker-class", opts["worker_class"], "--timeout", str(opts["timeout"]), "--keep-alive", str(opts["keepalive"])]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PWS_WORKSPACE": str(path)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"server for {path} did not answer")


def one_load(context, url: str) -> dict:
    """Open ``url`` in a new page of ``context`` throttled; figures of this load."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PROFILE)
    page.goto(url, wait_until="commit")
    page.wait_for_function(MAP_DRAWN_JS, polling="raf", timeout=120_000)
    drawn = page.evaluate("() => performance.now()")
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


def fmt(values, scale=1.0, unit=""):
    vals = [v / scale for v in values]
    return f"{statistics.median(vals):,.0f}{unit} (min {min(vals):,.0f}, max {max(vals):,.0f})"


def measure(path: Path, runs: int, chromium: str, waterfall: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(path, port)
    url = f"http://127.0.0.1:{port}/"
    cold, warm = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            one_load(browser.new_context(viewport={"width": 1400, "height": 900}), url)  # server warm-up, not counted
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                cold.append(one_load(context, url))
                warm.append(one_load(context, url))
                context.close()
            browser.close()
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
    print(f"\n== {path.name}: {runs} cold + {runs} warm loads, load average {os.getloadavg()[0]:.1f}")
    for name, loads in (("cold", cold), ("warm", warm)):
        print(f"{name}: first map {fmt([x['ms'] for x in loads], unit=' ms')}; "
              f"before it {fmt([x['before'] for x in loads], 1000, ' KB')} in {statistics.median(x['n_before'] for x in loads):.0f} responses; "
              f"whole page {fmt([x['whole'] for x in loads], 1000, ' KB')}")
    print("largest transfers of the last cold load (KB on the wire / decoded):")
    for name, sent, _enc, dec, *_ in sorted(cold[-1]["entries"], key=lambda e: -e[1])[:8]:
        print(f"  {sent / 1000:8.1f} / {dec / 1000:8.1f}  {name.replace(url, '/')[:100]}")
    if waterfall:
        for name, loads in (("cold", cold), ("warm", warm)):
            print(f"waterfall of the last {name} load (start–end ms, KB on the wire), map drawn at {loads[-1]['ms']:.0f} ms:")
            for e in sorted(loads[-1]["entries"], key=lambda e: e[4]):
                print(f"  {e[4]:6.0f}–{e[5]:6.0f}  {e[1] / 1000:7.1f}  {e[0].replace(url, '/')[:90]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("workspaces", nargs="*", default=["demo", "beltim"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--waterfall", action="store_true", help="also list every request of the last loads in time order")
    args = ap.parse_args()
    print(f"profile: {PROFILE['latency']} ms RTT, {PROFILE['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
          f"{PROFILE['uploadThroughput'] * 8 / 1e3:.0f} kbit/s up; load average {os.getloadavg()[0]:.1f}")
    for name in args.workspaces:
        path = ensure(name, args.dir) if name in NAMES else Path(name)
        measure(path, args.runs, args.chromium, args.waterfall)


if __name__ == "__main__":
    main()

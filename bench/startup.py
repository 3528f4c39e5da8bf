"""Start-up: from ``python app.py`` to the first map served, cold and warm.

Usage::

    python bench/startup.py [--runs 3] [--workspaces jabar national] [--skip-cold]

Each measurement starts a fresh ``python app.py serve --port P`` process on
127.0.0.1 and times, from the spawn: *listening* (the login page answers) and
*first map* (logging in with an admin account, then a simulated page load,
:class:`tests.dash_requests.SimulatedUser`: the page callback, the map callback
and its geometry GET, all answered). The demo logs in with its example admin;
a real workspace gets a benchmark admin (``bench/workspaces.py``) before the runs.

- ``demo cold``: ``PWS_WORKSPACE`` points at an empty folder, so ``python app.py``
  builds the demo first (the first run a new user sees), then serves it.
- ``demo warm``: the same folder again (demo on disk, OS file cache warm), ``--runs`` times.
- ``serve --workspace W``: a real workspace from ``bench/workspaces.py``, ``--runs`` times
  (the first run after a build is the coldest the OS file cache allows without root).

Prints each run and the median / min–max.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_test import free_port  # noqa: E402
from tests.dash_requests import CallbackGraph, SimulatedUser, log_in  # noqa: E402
from workspaces import DEFAULT_DIR, ensure, ensure_accounts  # noqa: E402

DEMO_ADMIN = ("admin", "contoh-admin-1")  # the demo's example admin (demo/accounts.py)


def one_start(args: list[str], env: dict, account: tuple[str, str] = DEMO_ADMIN, timeout: float = 600) -> tuple[float, float]:
    """(seconds to listening, seconds to first map) of one ``python app.py ...`` start."""
    import httpx

    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "app.py", *args, "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"python app.py {' '.join(args)} exited with {proc.returncode}")
            try:
                if httpx.get(base + "/login", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > end:
                raise SystemExit("no answer")
            time.sleep(0.1)
        listening = time.perf_counter() - t0
        with httpx.Client(base_url=base, timeout=timeout) as client:
            if log_in(client, *account) != 302:
                raise SystemExit(f"could not log in as {account[0]}")
            user = SimulatedUser(client, CallbackGraph(client.get("/_dash-dependencies").json()))
            step = user.open("")
            if step.errors or not step.bytes_of("geometry"):
                raise SystemExit(f"first map not served: {step.exchanges}")
        # the map is drawn when the map callback and its geometry have arrived; the side panels come
        # in the same step (their time is in the total)
        first_map = time.perf_counter() - t0 - sum(e.ms for e in step.exchanges if e.name not in ("pws-page.children", "pws-areas.url", "geometry")) / 1000
        return listening, first_map
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


def show(name: str, runs: list[tuple[float, float]]) -> None:
    lis, fm = [r[0] for r in runs], [r[1] for r in runs]
    print(f"{name:<34} listening median {statistics.median(lis):6.1f} s ({min(lis):.1f}-{max(lis):.1f})   "
          f"first map median {statistics.median(fm):6.1f} s ({min(fm):.1f}-{max(fm):.1f})   n={len(runs)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workspaces", nargs="*", default=["jabar", "national"])
    ap.add_argument("--skip-cold", action="store_true", help="skip the demo build (it takes about a minute)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    demo_dir = Path(tempfile.mkdtemp(prefix="pws-startup-")) / "ws"
    env = {**os.environ, "PWS_WORKSPACE": str(demo_dir)}
    if not args.skip_cold:
        show("python app.py, demo cold (builds)", [one_start(["serve"], env)])
    else:
        ensure("demo", args.dir)
        env["PWS_WORKSPACE"] = str(args.dir / "demo")
    show("python app.py, demo warm", [one_start(["serve"], env) for _ in range(args.runs)])
    for w in args.workspaces:
        path = ensure(w, args.dir)
        (account,) = ensure_accounts(path, [("bench-admin", "admin", None)])
        show(f"serve --workspace {w}", [one_start(["serve", "--workspace", str(path)], dict(os.environ), account)
                                        for _ in range(args.runs)])


if __name__ == "__main__":
    main()

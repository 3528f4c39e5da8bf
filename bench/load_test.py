"""Load test: many simulated users drilling and switching indicators against gunicorn, loopback only.

Usage::

    python bench/load_test.py [NAME|PATH] [--users 50] [--rounds 2] [--max-seconds 240]
                              [--workers 4] [--threads 2] [--think 5]

Starts ``gunicorn 'app:server'`` on 127.0.0.1:<free port> with ``PWS_WORKSPACE`` set
(default workspace: ``demo`` from ``bench/workspaces.py``), warms every worker with
a few users (not counted), then runs ``--users`` concurrent simulated users
(asyncio + httpx; :class:`tests.dash_requests.AsyncSimulatedUser` replays the
page's own Dash callback POSTs and geometry GETs). Each user opens the start
view, drills down its *own* path (user *i* takes the *i*-th desa, so users sit in
different kecamatan and desa), switching indicator at each level, for
``--rounds`` rounds, pausing a random 0.5–1.5 × ``--think`` seconds between
actions as a person reading the map does (``--think 0``: back-to-back clicks, a
stress test rather than a meeting). The run stops by itself: after the rounds, or at
``--max-seconds`` (users then finish their current step and stop).

Every answer is checked against the area the user asked for (URL ``wilayah``,
geometry URL, table rows, breadcrumb: :func:`tests.dash_requests.foreign_codes`):
per-user state kept in a module global would show up as *wrong answers*.

The run is made twice on the same paths, one server after the other: *without
login* (``bench/open_app.py``: ``create_app`` with a fixed admin actor, no login
installed) and *with login* (``app:server``, the real login): there every
simulated user has an account of its own in the workspace's database (``dinas``
of the kabupaten its path runs through, so each has its own scope), logs in
through ``/login`` (not timed in the step latencies; reported apart) and sends
the CSRF token with every callback, as the browser does.

Prints requests, throughput, p50/p95/p99 latency (client side, per request, and
per callback), errors and wrong answers for each, then both p95 side by side.
Target: 0 errors, p95 ≤ 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.dash_requests import AsyncSimulatedUser, CallbackGraph, alog_in, foreign_codes  # noqa: E402
from workspaces import DEFAULT_DIR, NAMES, ensure, ensure_accounts  # noqa: E402

INDICATORS = ["k1", "k6", "idl", "stunting", "dm", "ds", "lapor_lengkap"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(xs, q):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))] if s else float("nan")


def start_gunicorn(workspace: Path, port: int, workers: int, threads: int, login: bool = True) -> subprocess.Popen:
    env = {**os.environ, "PWS_WORKSPACE": str(workspace)}
    target = ["app:server"] if login else ["--pythonpath", str(ROOT / "bench"), "open_app:server"]
    cmd = [sys.executable, "-m", "gunicorn", *target, "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers), "--threads", str(threads), "--timeout", "120", "--keep-alive", "30", "--log-level", "warning"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the server's own process group: gunicorn and its workers
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def paths_of(md, n: int) -> list[list[str]]:
    """``n`` drill paths (start's child → … → desa), ending in different desa, spread over the areas."""
    from geo.levels import parent_code
    from mapdata import areas

    desa = sorted(md.areas.loc[md.areas["level"] == "desa", "kode"])
    start = areas.start_area(md)
    step = max(1, len(desa) // n)
    out = []
    for i in range(n):
        d = desa[(i * step) % len(desa)]
        chain = [d]
        while parent_code(chain[-1]) is not None and chain[-1] != start and parent_code(chain[-1]) != start:
            chain.append(parent_code(chain[-1]))
        out.append(list(reversed(chain)))
    return out


async def one_user(user, path, rounds, deadline, stats, rng_offset, think=0.0):
    import random

    rng = random.Random(rng_offset)

    async def pause():
        if think:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))

    await pause()  # users arrive spread over the first think time, not all in the same millisecond
    for r in range(rounds):
        if time.monotonic() > deadline:
            return
        steps = [("open", None, await user.open(""))]
        for j, area in enumerate(path):
            if time.monotonic() > deadline:
                break
            await pause()
            steps.append(("drill", area, await user.drill(area)))
            await pause()
            steps.append(("switch", area, await user.switch(INDICATORS[(rng_offset + r + j) % len(INDICATORS)])))
        for kind, area, step in steps:
            stats["steps"] += 1
            for e in step.exchanges:
                stats["lat"].append(e.ms)
                stats["by"][e.name].append(e.ms)
                if e.status not in (200, 204, 304):
                    stats["errors"].append(f"HTTP {e.status} {e.name} at {area}")
            if kind != "open":
                bad = foreign_codes(step, area)
                if bad:
                    stats["wrong"].append((area, kind, bad[:3]))


async def run_users(base, paths, rounds, max_seconds, think=0.0, accounts=None):
    """Every user with a client (and cookie jar) of its own; with ``accounts``, each logs in first."""
    import httpx

    # keep-alive shorter on the client than on the server (gunicorn --keep-alive 30), or a reused
    # connection the server has just closed fails with a ReadError that no browser would show
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=10)
    stats = {"lat": [], "by": defaultdict(list), "errors": [], "wrong": [], "steps": 0, "login": []}
    clients = [httpx.AsyncClient(base_url=base, timeout=120, limits=limits) for _ in paths]
    try:
        if accounts:
            async def log_in(client, account):
                t = time.perf_counter()
                status = await alog_in(client, *account)
                stats["login"].append((time.perf_counter() - t) * 1000)
                if status != 302:
                    stats["errors"].append(f"login {account[0]}: HTTP {status}")

            await asyncio.gather(*(log_in(c, a) for c, a in zip(clients, accounts)))
        graph = CallbackGraph((await clients[0].get("/_dash-dependencies")).json())
        deadline = time.monotonic() + max_seconds
        users = [AsyncSimulatedUser(c, graph) for c in clients]

        async def guarded(i):
            try:
                # a logged-in dinas opens on its own kabupaten (the path's first area) and cannot go above it
                await one_user(users[i], paths[i][1:] if accounts else paths[i], rounds, deadline, stats, i, think)
            except Exception as exc:  # noqa: BLE001 - a failed request is a result to count, not a crash
                stats["errors"].append(f"{type(exc).__name__}: {exc}"[:200])

        t = time.perf_counter()
        await asyncio.gather(*(guarded(i) for i in range(len(paths))))
        stats["seconds"] = time.perf_counter() - t
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return stats


def wait_ready(base: str, timeout: float = 300) -> float:
    """Seconds until the server answers (the warm-up run that follows loads every worker's snapshot)."""
    import httpx

    t = time.perf_counter()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            httpx.get(base + "/login", timeout=60).raise_for_status()
            return time.perf_counter() - t
        except (httpx.HTTPError, OSError):
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspace", nargs="?", default="demo")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--max-seconds", type=float, default=240)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--think", type=float, default=5.0, help="mean seconds between a user's actions (0: none)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    path = ensure(args.workspace, args.dir) if args.workspace in NAMES else Path(args.workspace)

    from mapdata.store import MapDataCache

    md = MapDataCache().get(path)
    paths = paths_of(md, args.users)
    # one account per user: a dinas of the kabupaten its path goes through (its own scope)
    accounts = ensure_accounts(path, [(f"beban{i:03d}", "dinas", kabupaten_of(p)) for i, p in enumerate(paths)])
    print(f"workspace {path}; gunicorn {args.workers} workers × {args.threads} threads; think time {args.think:g} s; "
          f"{args.users} users × {args.rounds} rounds")
    results = {}
    for login in (False, True):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_gunicorn(path, port, args.workers, args.threads, login=login)
        try:
            ready = wait_ready(base)
            warm = args.workers * 2  # one user through one path on every worker: measure steady state, not snapshot loads
            asyncio.run(run_users(base, paths[:warm], 1, 120, 0.0, accounts[:warm] if login else None))
            print(f"\n== {'with login' if login else 'without login'} ({base}; ready in {ready:.1f} s; "
                  f"load average {os.getloadavg()[0]:.1f}, 2 cores, shared)")
            stats = asyncio.run(run_users(base, paths, args.rounds, args.max_seconds, args.think, accounts if login else None))
        finally:
            stop(proc)
        report(stats, args)
        results[login] = stats
    without, with_login = (pct(results[k]["lat"], .95) for k in (False, True))
    print(f"\np95 per request: {without:.0f} ms without login, {with_login:.0f} ms with login "
          f"(each user its own account and session)")


def kabupaten_of(path: list[str]) -> str:
    """The kabupaten/kota code on a drill path (its dinas account's wilayah)."""
    from geo.levels import ancestor_code

    return ancestor_code(path[-1], "kabkota")


def report(stats, args) -> None:
    lat = stats["lat"]
    n = len(lat)
    print(f"{stats['steps']} steps, {n} requests in {stats['seconds']:.1f} s "
          f"→ {n / stats['seconds']:.1f} req/s, {stats['steps'] / stats['seconds']:.2f} steps/s")
    if stats["login"]:
        print(f"logins: {len(stats['login'])}, p50 {pct(stats['login'], .5):.0f} ms, max {max(stats['login']):.0f} ms "
              "(login page + form post, argon2 verification; not in the figures below)")
    print(f"latency per request: p50 {pct(lat, .5):.0f} ms, p95 {pct(lat, .95):.0f} ms, p99 {pct(lat, .99):.0f} ms, "
          f"max {max(lat):.0f} ms (mean {statistics.fmean(lat):.0f})")
    for name, xs in sorted(stats["by"].items()):
        print(f"  {name:<22} n={len(xs):<5} p50 {pct(xs, .5):>6.0f}  p95 {pct(xs, .95):>6.0f}  p99 {pct(xs, .99):>6.0f} ms")
    print(f"errors: {len(stats['errors'])}" + (f"  e.g. {stats['errors'][:3]}" if stats["errors"] else ""))
    print(f"wrong answers (another view's codes): {len(stats['wrong'])}" + (f"  e.g. {stats['wrong'][:3]}" if stats["wrong"] else ""))
    ok = not stats["errors"] and not stats["wrong"] and pct(lat, .95) <= 500
    print("target (0 errors, p95 ≤ 500 ms):", "met" if ok else "MISSED")


if __name__ == "__main__":
    main()

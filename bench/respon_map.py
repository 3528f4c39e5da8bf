"""The map callback's CPU time with the alerts' recorded states: the first map of a fresh snapshot, and then.

Usage::

    python bench/respon_map.py [NAME|PATH] [--repeat 5]

Calls :func:`callbacks.view.map_outputs` in this process (as the admin's
scoped view, as a request does) for the start area, every kabupaten/kota,
the kecamatan of the first one and some of their desa, and reports CPU
milliseconds of this process (``time.process_time``: other processes on a
shared machine barely move it, unlike wall time). ``first map``: of a
snapshot just loaded, without and after the app's warm-up (``AppContext.warm_up``,
which the server runs at start; medians of three); ``again``: median and
p95 over every view, ``--repeat`` times each, each seen once before (the
alert states come from the per-snapshot memo, behind one version query).

Runs in any checkout, whether its ``map_outputs`` takes the operational
database or not: copied into an export of an earlier commit (``git archive``),
it measures the code before a change on the same workspace.
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from workspaces import DEFAULT_DIR, NAMES, ensure  # noqa: E402


def cpu_ms(fn) -> float:
    t = time.process_time()
    fn()
    return (time.process_time() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspace", nargs="?", default="demo")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()

    from access.actor import Actor
    from callbacks.view import map_outputs
    from mapdata import areas
    from mapdata.store import MapDataCache

    path = ensure(args.workspace, args.dir) if args.workspace in NAMES else Path(args.workspace)
    takes_db = "db" in inspect.signature(map_outputs).parameters
    db = None
    if takes_db:
        from opsdb import OpsDb

        db = OpsDb.for_workspace(path)
    admin = Actor("bench", "admin")

    def call(md, search, actor=admin):
        md = md.for_actor(actor)
        return map_outputs(search, None, md, db=db) if takes_db else map_outputs(search, None, md)

    t = time.perf_counter()
    MapDataCache().get(path)  # the files in the page cache, as for a running server
    load_s = time.perf_counter() - t

    def first_map(warm: bool, actor=admin) -> float:
        """CPU ms of the first map of a snapshot just loaded, after the app's warm-up or without one."""
        import callbacks

        ctx = callbacks.AppContext(path)
        if db is not None:
            ctx.db = db
        if warm:
            ctx.warm_up().join()
        md = ctx.cache.get(path)
        return cpu_ms(lambda: call(md, "", actor))

    md = MapDataCache().get(path)
    top = areas.start_area(md)
    kabs = list(areas.children(md, top)["kode"])
    dinas = Actor("bench-dinas", "dinas", kabs[0])
    firsts = {(who, warm): statistics.median(first_map(warm, actor) for _ in range(3))
              for who, actor in (("admin", admin), ("dinas", dinas)) for warm in (False, True)}
    kecs = list(areas.children(md, kabs[0])["kode"])
    desa = [k for kec in kecs[:3] for k in list(areas.children(md, kec)["kode"])[:2]]
    views = [""] + [f"?wilayah={k}" for k in kabs + kecs + desa]
    for v in views:  # each view seen once
        call(md, v)
    again = [cpu_ms(lambda v=v: call(md, v)) for _ in range(args.repeat) for v in views]
    again.sort()
    print(f"{'with' if takes_db else 'without'} recorded states; {path}; load {load_s:.1f} s; {len(views)} views")
    for who in ("admin", "dinas"):
        print(f"  first map of a snapshot just loaded ({who}): {firsts[(who, False)]:.1f} ms CPU; "
              f"after the app's warm-up: {firsts[(who, True)]:.1f} ms CPU")
    print(f"  again ({len(again)} calls): median {statistics.median(again):.1f} ms, "
          f"p95 {again[min(len(again) - 1, round(0.95 * (len(again) - 1)))]:.1f} ms CPU")


if __name__ == "__main__":
    main()

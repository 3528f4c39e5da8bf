"""Benchmark: import the national desa layer (83,246 desa) with hierarchy and simplification.

    /work/venv/bin/python bench/bench_import_boundaries.py [--runs 3] [--file PATH]

Each run is a fresh child process (so peak memory is that run's own) importing
into a fresh temporary workspace. Printed per run: wall time, CPU time
(user+sys: what the wall time would be on an idle machine, the import being
single-threaded), peak resident memory, and the time of each step; then the
median and spread. Targets: ≤ 60 s and ≤ 3 GB on the 2-core machine. The load
average is printed too: the machine is shared, and wall time grows with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(path: str, workspace: str) -> None:
    """One import; prints one JSON line of figures on stdout."""
    from geo.importer import import_boundaries

    steps: list[tuple[float, float, str]] = []
    start, cpu_start = time.perf_counter(), time.process_time()
    cpu0 = os.times()
    report = import_boundaries(
        path, workspace,
        progress=lambda m: steps.append((time.perf_counter() - start, time.process_time() - cpu_start, m)),
    )
    wall = time.perf_counter() - start
    cpu1 = os.times()
    print(json.dumps({
        "wall": wall,
        "cpu": (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "levels": report["levels"],
        "notes": report["notes"],
        "steps": steps,
    }))


def main() -> None:
    from settings import SHARED_DATA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", default=str(SHARED_DATA / "boundaries" / "indonesia_desa_simplified.parquet"))
    parser.add_argument("--child", nargs=2, metavar=("FILE", "WORKSPACE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    print(f"file: {args.file}")
    print(f"cpus: {os.cpu_count()}, load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    runs = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="pws-bench-geo-") as tmp:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", args.file, str(Path(tmp) / "ws")],
                capture_output=True, text=True, check=False,
            )
        if proc.returncode != 0:
            sys.exit(f"run {i + 1} failed:\n{proc.stderr}")
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        runs.append(run)
        pieces = [f"at {at:5.1f} s (cpu {cpu:5.1f} s): {message}" for at, cpu, message in run["steps"]]
        print(f"run {i + 1}: wall {run['wall']:6.1f} s  cpu {run['cpu']:6.1f} s  peak {run['maxrss_mb']:6.0f} MB  "
              f"load {os.getloadavg()[0]:.1f}")
        print("   " + "\n   ".join(pieces))
    print(f"levels: {runs[0]['levels']}")
    for note in runs[0]["notes"]:
        print(f"note: {note}")
    for key, unit in (("wall", "s"), ("cpu", "s"), ("maxrss_mb", "MB")):
        values = [r[key] for r in runs]
        print(f"{key:9s} median {statistics.median(values):7.1f} {unit}   min {min(values):7.1f}   max {max(values):7.1f}")
    print("targets: wall <= 60 s, peak <= 3072 MB")


if __name__ == "__main__":
    main()

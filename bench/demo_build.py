"""How long the built-in demo takes to build (target: well under ~20 s).

Run: /work/venv/bin/python bench/demo_build.py [--repeat 3]
Prints the median and spread of the wall time without and with the weekly cases
(whose alerts include a 999-permutation space-time scan), the median CPU time of
this process (all its threads; steadier than the wall time on a shared machine),
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo import build_demo_workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for cases in (False, True):
        times, cpu = [], []
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(args.repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                ws = build_demo_workspace(Path(tmp) / f"ws{i}", seed=i, cases=cases, progress=None)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            manifest = ws.manifest
            size = sum(p.stat().st_size for p in ws.snapshot_dir().rglob("*") if p.is_file())
        print(f"demo build {'with' if cases else 'without'} cases, {args.repeat} seeds: "
              f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s "
              f"(CPU median {statistics.median(cpu):.2f} s); "
              f"workspace {size / 1e6:.1f} MB")
    print(f"levels {manifest['boundaries']['levels']}, fasilitas {manifest['fasilitas']['counts']}, "
          f"indicator rows {manifest['indikator']['rows']}, case rows {manifest['kasus']['rows']}, "
          f"alerts {manifest['kasus']['peringatan']}")


if __name__ == "__main__":
    main()

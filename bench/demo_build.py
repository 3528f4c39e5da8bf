"""How long the built-in demo takes to build (target: well under ~20 s).

Run: /work/venv/bin/python bench/demo_build.py [--repeat 5]
Prints the median and spread of the wall time, and what was built.
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
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            start = time.perf_counter()
            ws = build_demo_workspace(Path(tmp) / f"ws{i}", seed=i, progress=None)
            times.append(time.perf_counter() - start)
        manifest = ws.manifest
        size = sum(p.stat().st_size for p in ws.snapshot_dir().rglob("*") if p.is_file())
    print(f"demo build, {args.repeat} seeds: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s")
    print(f"levels {manifest['boundaries']['levels']}, fasilitas {manifest['fasilitas']['counts']}, "
          f"indicator rows {manifest['indikator']['rows']}, workspace {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

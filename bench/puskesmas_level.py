"""Cost of the puskesmas path: importing a wilayah kerja and answering a kabupaten by puskesmas.

Usage: ``python bench/puskesmas_level.py [--repeat N]``. On a fresh demo workspace
(400 desa, 32 puskesmas) it times ``import puskesmas`` of the demo's own table
(check, dissolve, simplify, write), then the values a kabupaten shows on each path,
uncached (memo cleared): kecamatan from the stored roll-up against puskesmas summed
from their desa at question time (:meth:`indicators.query.IndicatorQuery.groups`).
Prints median milliseconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_ms  # noqa: E402



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from demo import build_demo_workspace
    from mapdata.store import MapDataCache
    from mapdata.view import current_state, values_frame
    from puskesmas import WILAYAH_KERJA_FILE, import_puskesmas

    root = Path(tempfile.mkdtemp()) / "ws"
    ws = build_demo_workspace(root, seed=0, end_month="2026-10", cases=False, progress=None)
    csv = root.parent / "wk.csv"
    ws.read_table(WILAYAH_KERJA_FILE).to_csv(csv, index=False)
    ms = median_ms(lambda: import_puskesmas(ws, csv), max(3, args.repeat // 4))
    print(f"import puskesmas (400 desa, 32 puskesmas): {ms:.0f} ms")

    md = MapDataCache().get(ws.root)
    for jalur in ("administrasi", "puskesmas"):
        state = current_state(md, f"?wilayah=29.01&indikator=k1&jalur={jalur}")
        values_frame(md, state)  # the first question opens DuckDB

        def ask():
            md.clear_memo()
            values_frame(md, state)

        print(f"kabupaten 29.01 values by {jalur:<12}: {median_ms(ask, args.repeat):6.1f} ms "
              f"({len(values_frame(md, state))} areas)")


if __name__ == "__main__":
    main()

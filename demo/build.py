"""Build the whole demo workspace: boundaries, facilities, indicator values."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

from demo import areas, boundaries, facilities, population
from geo.levels import LEVELS
from workspace.store import Workspace

SOURCE = "Data contoh (sintetis): provinsi fiktif buatan PWS-ILP"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_demo_workspace(
    root: Path,
    seed: int = 0,
    end_month: str | None = None,
    progress: Callable[[str], None] | None = _stderr,
) -> Workspace:
    """Write the built-in demo into workspace ``root`` and return it.

    One fictional province (code :data:`demo.areas.PROVINSI_KODE`) with three
    kabupaten, ten kecamatan each and 400 desa; 2–5 posyandu and one pustu per desa,
    one puskesmas per kecamatan; 24 months of every catalogue indicator. The same
    ``seed`` (and ``end_month``) gives the same data. Everything is written in one
    workspace transaction that replaces whatever the workspace held.

    Parameters
    ----------
    root : workspace folder (created if needed).
    seed : random seed.
    end_month : last month of indicator values, ``'YYYY-MM'``; default the latest full
        month before today.
    progress : called with a short message per step (default: stderr); ``None`` for silence.
    """
    say = progress or (lambda _m: None)
    started = time.perf_counter()
    rng = np.random.default_rng(seed)

    say("Demo: membuat batas wilayah (desa, kecamatan, kabupaten, provinsi)…")
    desa, upper = areas.build_desa(rng)
    levels = boundaries.boundary_levels(desa, upper)
    display = boundaries.display_levels(levels)

    say("Demo: menempatkan posyandu, pustu dan puskesmas…")
    profile = population.desa_profile(rng, desa)
    fasilitas = facilities.demo_facilities(rng, desa, profile)

    ws = Workspace(root)
    ws.root.mkdir(parents=True, exist_ok=True)
    say("Demo: menulis workspace…")
    with ws.transaction("demo") as tx:
        for name in ws.manifest.get("files", []):
            if name != "manifest.json":
                tx.remove(name)  # a demo replaces everything, nothing stale survives
        for level in LEVELS:
            tx.write_table(f"boundaries/{level}.parquet", levels[level])
            tx.write_table(f"boundaries/{level}_display.parquet", display[level])
        tx.write_table("fasilitas.parquet", fasilitas)
        tx.manifest["demo"] = True
        tx.manifest["boundaries"] = {
            "levels": {level: int(len(levels[level])) for level in LEVELS},
            "source": SOURCE,
            "demo": True,
        }
        tx.manifest["fasilitas"] = {"counts": {k: int(v) for k, v in fasilitas["jenis"].value_counts().items()}, "source": SOURCE}
        tx.manifest["demo_seed"] = seed
    say(f"Demo: selesai dalam {time.perf_counter() - started:.1f} s → {ws.root}")
    return ws

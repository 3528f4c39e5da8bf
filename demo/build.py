"""Build the whole demo workspace: boundaries, facilities, indicator values."""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from demo import areas, boundaries, facilities, indicators, population
from geo.levels import LEVELS
from settings import DATA_DIR
from workspace.store import Workspace

SOURCE = "Data contoh (sintetis): provinsi fiktif buatan PWS-ILP"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def latest_full_month(today: date | None = None) -> str:
    """The month before ``today`` (default: today, UTC), as ``'YYYY-MM'``.

    >>> latest_full_month(date(2026, 1, 15))
    '2025-12'
    """
    today = today or datetime.now(timezone.utc).date()
    return str(pd.Period(today, freq="M") - 1)


def kabupaten_targets(kabupaten: pd.Series) -> pd.DataFrame:
    """Own targets of one demo kabupaten, to show that a kabupaten may set its own.

    The second kabupaten aims higher on stunting (12 % instead of the national 14 %)
    and on D/S (90 % instead of 85 %).
    """
    kode = sorted(kabupaten)[1]
    return pd.DataFrame(
        {"kode": [kode, kode], "indikator": ["stunting", "ds"], "target_tahunan": [12.0, 90.0]}
    )


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

    say("Demo: boundaries (desa, kecamatan, kabupaten, provinsi)…")
    desa, upper = areas.build_desa(rng)
    levels = boundaries.boundary_levels(desa, upper)
    display = boundaries.display_levels(levels)

    say("Demo: posyandu, pustu and puskesmas…")
    profile = population.desa_profile(rng, desa)
    fasilitas = facilities.demo_facilities(rng, desa, profile)

    say("Demo: monthly indicator values…")
    months = indicators.month_range(end_month or latest_full_month())
    catalogue = pd.read_csv(DATA_DIR / "indikator.csv", dtype={"id": str})
    nilai = indicators.indicator_values(rng, profile, fasilitas, catalogue, months)
    targets = kabupaten_targets(levels["kabkota"]["kode"])

    ws = Workspace(root)
    ws.root.mkdir(parents=True, exist_ok=True)
    say("Demo: writing the workspace…")
    with ws.transaction("demo") as tx:
        for name in ws.manifest.get("files", []):
            if name != "manifest.json":
                tx.remove(name)  # a demo replaces everything, nothing stale survives
        for level in LEVELS:
            tx.write_table(f"boundaries/{level}.parquet", levels[level])
            tx.write_table(f"boundaries/{level}_display.parquet", display[level])
        tx.write_table("fasilitas.parquet", fasilitas)
        tx.write_table("indikator/nilai.parquet", nilai)
        tx.write_table("indikator/target.parquet", targets)
        tx.manifest["demo"] = True
        tx.manifest["boundaries"] = {
            "levels": {level: int(len(levels[level])) for level in LEVELS},
            "source": SOURCE,
            "demo": True,
        }
        tx.manifest["fasilitas"] = {"counts": {k: int(v) for k, v in fasilitas["jenis"].value_counts().items()}, "source": SOURCE}
        tx.manifest["indikator"] = {
            "periode": [months[0], months[-1]],
            "rows": int(len(nilai)),
            "indikator": int(nilai["indikator"].nunique()),
            "source": SOURCE,
        }
        tx.manifest["demo_seed"] = seed
    say(f"Demo: done in {time.perf_counter() - started:.1f} s → {ws.root}")
    return ws

"""Build the whole demo workspace: boundaries, facilities, indicator values, weekly cases."""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from demo import areas, facilities, indicators, population
from demo import puskesmas as demo_puskesmas
from geo.hierarchy import derive_levels
from geo.simplify import simplify_for_display
from geo.store import write_boundaries
from indicators.catalogue import TARGET_TABLE, load_catalogue
from indicators.rollup import NILAI_TABLE, write_aggregates
from puskesmas.importer import write_wilayah_kerja
from texts.message import Message, in_lang
from workspace.store import Workspace

SOURCE = "Data contoh (sintetis): provinsi fiktif buatan PWS-ILP"
CASE_WEEKS = 156
"""Weeks of generated cases (three years), and of generated W2 reports."""


def stderr_progress(lang: str = "id") -> Callable[[str], None]:
    """A progress printer: each message on stderr, in ``lang``."""
    def progress(message) -> None:
        print(in_lang(message, lang), file=sys.stderr, flush=True)

    return progress


_stderr = stderr_progress()


def latest_full_month(today: date | None = None) -> str:
    """The month before ``today`` (default: today, UTC), as ``'YYYY-MM'``.

    >>> latest_full_month(date(2026, 1, 15))
    '2025-12'
    """
    today = today or datetime.now(timezone.utc).date()
    return str(pd.Period(today, freq="M") - 1)


def latest_full_week(today: date | None = None) -> str:
    """The last ISO week that has ended before ``today`` (default: today, UTC).

    >>> latest_full_week(date(2026, 11, 23)), latest_full_week(date(2026, 11, 22))
    ('2026-W47', '2026-W46')
    """
    from surveillance.weeks import week_of_date

    today = today or datetime.now(timezone.utc).date()
    return week_of_date(today - timedelta(days=7), "iso")


def kabupaten_targets(kabupaten: pd.Series) -> pd.DataFrame:
    """Own targets of one demo kabupaten, to show that a kabupaten may set its own.

    The second kabupaten aims higher on stunting (12 % instead of the national 14 %)
    and on D/S (90 % instead of 85 %).
    """
    kode = sorted(kabupaten)[1]
    return pd.DataFrame({"kode": [kode, kode], "indikator": ["stunting", "ds"], "target_tahunan": [12.0, 90.0]})


def build_demo_workspace(
    root: Path,
    seed: int = 0,
    end_month: str | None = None,
    end_week: str | None = None,
    cases: bool = True,
    progress: Callable[[str], None] | None = _stderr,
) -> Workspace:
    """Write the built-in demo into workspace ``root`` and return it.

    One fictional province (code :data:`demo.areas.PROVINSI_KODE`) with three
    kabupaten, ten kecamatan each and 400 desa; 2–5 posyandu and one pustu per desa,
    a puskesmas per kecamatan and a second one in two kecamatan, with their wilayah
    kerja (:mod:`demo.puskesmas`); 24 months of every catalogue indicator; three years
    of weekly cases per posyandu with precomputed alerts (:mod:`surveillance`), recorded
    as raised in the operational database with generated responses (:mod:`demo.responses`);
    generated W2 and monthly report submissions of every puskesmas (:mod:`demo.reports`). The
    same ``seed`` (and end month and week) gives the same data. Whatever the
    workspace held before is replaced.

    Parameters
    ----------
    root : workspace folder (created if needed).
    seed : random seed.
    end_month : last month of indicator values, ``'YYYY-MM'``; default the latest
        full month before today.
    end_week : last week of case counts, ``'YYYY-Www'``; default the latest full week.
    cases : also generate weekly cases and precompute their alerts (the slow part:
        the space-time scan's permutations).
    progress : called with a short message per step (default: stderr); ``None`` for silence.

    Notes
    -----
    Everything (boundaries, facilities, indicators, cases and their alerts) is
    written in one transaction, the cases through
    :func:`surveillance.api.write_cases` (the same path as ``import cases``): the
    app never sees a demo without its cases.
    """
    say = progress or (lambda _m: None)
    started = time.perf_counter()
    rng = np.random.default_rng(seed)

    say(Message("demo_batas"))
    desa, upper = areas.build_desa(rng)
    names = dict(zip(upper["kode"], upper["nama"]))
    levels = derive_levels(desa[["kode", "nama", "geometry"]], names=names)
    display = simplify_for_display(levels)

    say(Message("demo_fasilitas"))
    profile = population.desa_profile(rng, desa)
    fasilitas = facilities.demo_facilities(rng, desa, profile)

    say(Message("demo_indikator"))
    months = indicators.month_range(end_month or latest_full_month())
    catalogue = load_catalogue()
    nilai = indicators.indicator_values(rng, profile, fasilitas, catalogue, months)
    targets = kabupaten_targets(levels["kabkota"]["kode"])

    say(Message("demo_wk"))
    # after the indicators, with its own generator: the values and cases do not move with it
    wilayah_kerja, fasilitas = demo_puskesmas.demo_puskesmas(np.random.default_rng([seed, 10]), desa, fasilitas)

    ws = Workspace(root)
    ws.root.mkdir(parents=True, exist_ok=True)
    say(Message("demo_menulis"))
    with ws.transaction("demo") as tx:
        for name in ws.manifest.get("files", []):
            tx.remove(name)  # a demo replaces everything: nothing stale survives
        for key in ("kasus", "fasilitas", "indikator", "wilayah_kerja"):
            tx.manifest.pop(key, None)
        write_boundaries(tx, levels, display, source=SOURCE, demo=True)
        tx.write_table("fasilitas.parquet", fasilitas)
        tx.write_table(NILAI_TABLE, nilai)
        tx.write_table(TARGET_TABLE, targets)
        write_wilayah_kerja(tx, levels["desa"], wilayah_kerja, source=SOURCE)
        tx.manifest["fasilitas"] = {
            "counts": {k: int(v) for k, v in fasilitas["jenis"].value_counts().sort_index().items()},
            "source": SOURCE,
        }
        # the stored roll-ups the indicator queries read, as the indicator import writes them
        tx.manifest["indikator"] = {**write_aggregates(tx, tx.file(NILAI_TABLE), catalogue), "source": SOURCE}
        tx.manifest["demo_seed"] = seed
        if cases:
            end_week = end_week or latest_full_week()
            _write_cases(tx, levels, fasilitas, end_week, seed, say, wilayah_kerja[["kode_puskesmas", "kode_desa"]])
    _record_ops(ws, months, end_week if cases else None, seed, say, wilayah_kerja)
    say(Message("demo_selesai", detik=f"{time.perf_counter() - started:.1f}", path=ws.root))
    return ws


def _record_ops(ws: Workspace, months: list[str], end_week: str | None, seed: int, say,
                wilayah_kerja: pd.DataFrame) -> None:
    """The operational database's generated rows: the alerts as raised and their steps (with cases), the
    reports' arrivals (:mod:`demo.responses`, :mod:`demo.reports`)."""
    from demo.reports import record_demo_reports
    from demo.responses import demo_now, record_demo_responses
    from opsdb import OpsDb
    from surveillance.weeks import week_range

    db = OpsDb.for_workspace(ws.root)
    try:
        if end_week:
            say(Message("demo_respon"))
            done = record_demo_responses(db, ws.pinned(), end_week, seed)
            say(Message("demo_respon_selesai", alerts=done["alerts"], steps=done["steps"]))
        say(Message("demo_kiriman"))
        # without cases there is no W2 and no case week: the demo's "now" is the latest full week's
        now = demo_now(end_week or latest_full_week())
        weeks = week_range(end_week, CASE_WEEKS) if end_week else []
        n = record_demo_reports(db, wilayah_kerja, weeks, months, now, seed)
        say(Message("demo_kiriman_selesai", n=n))
    finally:
        db.dispose()


def _write_cases(tx, levels: dict, fasilitas: pd.DataFrame, end_week: str, seed: int, say, wilayah_kerja) -> None:
    """Three years of weekly cases per posyandu and their alerts, via the surveillance API."""
    from surveillance.api import write_cases
    from surveillance.demo import generate_weekly_cases

    say(Message("demo_kasus", minggu=end_week))
    desa = levels["desa"]
    kasus = generate_weekly_cases(fasilitas, desa, end_week, n_weeks=CASE_WEEKS, seed=seed)
    write_cases(tx, kasus, desa, levels["kecamatan"][["kode", "nama"]], fasilitas,
                say=lambda m: say(Message("demo_langkah", pesan=m)), keep_history=False, wilayah_kerja=wilayah_kerja)

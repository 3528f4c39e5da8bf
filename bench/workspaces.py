"""The workspaces the dashboard benchmarks run on, built once and reused.

Usage: ``python bench/workspaces.py [--dir DIR] [NAME ...]`` builds (or reuses)
them and prints their paths; the benchmarks call :func:`ensure` themselves.

- ``demo``: the built-in demo (``python app.py demo``: 3 kabupaten, 400 desa, cases).
- ``beltim``: Kabupaten Belitung Timur's desa shapefile (39 desa).
- ``jabar``: Jawa Barat's full-resolution desa file (27 kabupaten, 627 kecamatan, 5,957 desa).
- ``national``: every desa of Indonesia (simplified file, 83,246 desa) with the
  provinsi and kabupaten/kota files as those levels.

Real boundaries go through ``python app.py import boundaries`` (geo's importer, a
subprocess, as a user would run it); then facilities and monthly indicator values
are generated with the demo's own generators (:mod:`demo.population`,
:mod:`demo.facilities`, :mod:`demo.indicators`) and written with the stored
roll-ups, as the demo builder does. The numbers are synthetic, the maps real.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from settings import SHARED_DATA  # noqa: E402

DEFAULT_DIR = Path("/tmp/pws-bench")
B = SHARED_DATA / "boundaries"
CODES = SHARED_DATA / "wilayah" / "kode_wilayah.csv"
REAL = {
    "beltim": ([str(B / "shp" / "desa_1906_belitung_timur.shp")], 12),
    "jabar": ([str(B / "desa_32_jawa_barat.gpkg")], 12),
    "national": (
        [
            str(B / "indonesia_desa_simplified.parquet"),
            "--level-file", f"provinsi={B / 'indonesia_provinsi.gpkg'}",
            "--level-file", f"kabkota={B / 'indonesia_kabkota.gpkg'}",
        ],
        2,  # months of generated values: 83k desa × 2 months × every indicator is already ~6M rows
    ),
}
NAMES = ("demo", *REAL)


def _say(msg: str) -> None:
    print(f"[workspaces] {msg}", file=sys.stderr, flush=True)


def generate_values(path: Path, n_months: int, end_month: str = "2025-10", seed: int = 0) -> None:
    """Add generated facilities and indicator values to the boundary workspace at ``path``."""
    import numpy as np

    from demo import facilities as demo_facilities
    from demo import indicators as demo_indicators
    from demo import population
    from indicators.catalogue import load_catalogue
    from indicators.rollup import NILAI_TABLE, write_aggregates
    from workspace.store import Workspace

    ws = Workspace(path)
    d = ws.read_geo("boundaries/desa.parquet", columns=["kode", "nama", "induk", "geometry"])
    d["kelurahan"] = d["kode"].str[-4] == "1"
    inner = d.geometry.representative_point()
    d["x"], d["y"] = inner.x, inner.y
    rng = np.random.default_rng(seed)
    profile = population.desa_profile(rng, d)
    fasilitas = demo_facilities.demo_facilities(rng, d, profile)
    catalogue = load_catalogue()
    nilai = demo_indicators.indicator_values(rng, profile, fasilitas, catalogue, demo_indicators.month_range(end_month, n_months))
    with ws.transaction("bench: generated facilities and indicator values") as tx:
        tx.write_table("fasilitas.parquet", fasilitas)
        tx.write_table(NILAI_TABLE, nilai)
        tx.manifest["indikator"] = {**write_aggregates(tx, tx.file(NILAI_TABLE), catalogue), "source": "bench (generated)"}


WRITERS = ("demo", "geo", "workspace", "indicators", "facilities", "puskesmas", "surveillance", "tabular")
"""The packages whose code decides what a bench workspace holds (with this file)."""


def code_stamp() -> str:
    """A hash of the code that builds the bench workspaces: :data:`WRITERS` and this file.

    A workspace built by other code may lack what the app now reads (a table, a
    roll-up layout, a manifest entry) and the benchmarks would time, or hang on,
    that instead of the app.
    """
    digest = hashlib.sha256()
    files = sorted(p for pkg in WRITERS for p in (ROOT / pkg).rglob("*.py")) + [Path(__file__).resolve()]
    for f in files:
        digest.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def _stamp_file(path: Path) -> Path:
    return path.with_name(path.name + ".built-by")


def _usable_database(name: str, path: Path) -> None:
    """Start the bench workspace's operational database afresh when this code cannot open it.

    Another version of the code (``bench/field_link.py --against``, a branch run
    before) may have migrated it to a revision this one does not know. It holds
    only the bench's and the demo's accounts, made again on use.
    """
    from alembic.util.exc import CommandError

    from opsdb import OpsDb

    if not (path / "ops.sqlite").exists():
        return
    try:
        OpsDb.for_workspace(path, url=f"sqlite:///{path / 'ops.sqlite'}").dispose()
    except CommandError as exc:
        _say(f"{name}: its operational database is from other code ({exc}): starting it afresh …")
        for f in path.glob("ops.sqlite*"):
            f.unlink()


def ensure(name: str, base: Path = DEFAULT_DIR) -> Path:
    """Path of workspace ``name`` under ``base``, built first if absent or built by other code (see :func:`code_stamp`)."""
    from workspace.store import Workspace

    from indicators.catalogue import load_catalogue
    from indicators.rollup import stored_aggregates_current

    path = Path(base) / name
    ws = Workspace(path)
    stamp = code_stamp()
    built_by = _stamp_file(path).read_text().strip() if _stamp_file(path).exists() else None
    if ws.exists() and ws.has("indikator/nilai.parquet"):
        if built_by == stamp and stored_aggregates_current(ws, load_catalogue()):
            _usable_database(name, path)
            return path
        # built by other code: it may lack what the app reads now, and the benchmarks would time (or hang on) that
        _say(f"{name}: built by {'other code (' + built_by + ')' if built_by else 'code without a stamp'}, "
             f"not by this one ({stamp}): building it again …")
    t = time.perf_counter()
    py = [sys.executable, str(ROOT / "app.py")]
    if name == "demo":
        _say("building the demo …")
        subprocess.run([*py, "demo", "--workspace", str(path), "--force"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    else:
        if not SHARED_DATA.exists():
            raise SystemExit(f"{SHARED_DATA} is absent: the real-data workspaces need it")
        args, months = REAL[name]
        if not (ws.exists() and ws.has("boundaries/desa.parquet") and built_by == stamp):
            _say(f"{name}: python app.py import boundaries …")
            subprocess.run([*py, "import", "boundaries", "--workspace", str(path), "--codes", str(CODES), *args],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        _say(f"{name}: generated facilities and {months} months of indicator values …")
        generate_values(path, months)
    _stamp_file(path).write_text(stamp + "\n")
    _usable_database(name, path)
    _say(f"{name}: ready in {time.perf_counter() - t:.0f} s → {path}")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", default=list(NAMES), help=f"some of {', '.join(NAMES)} (default: all)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    for name in args.names:
        if name not in NAMES:
            raise SystemExit(f"unknown workspace {name!r}: choose from {', '.join(NAMES)}")
        print(name, ensure(name, args.dir))


if __name__ == "__main__":
    main()


BENCH_PASSWORD = "bench-kata-sandi-1"
"""Password of the accounts the benchmarks add to their workspaces (loopback only; synthetic numbers)."""


def ensure_accounts(path: Path, wanted: list[tuple[str, str, str | None]]) -> list[tuple[str, str]]:
    """Make sure accounts ``(username, role, wilayah)`` exist in the workspace's database with
    :data:`BENCH_PASSWORD`; returns ``(username, password)`` pairs in the same order."""
    from opsdb import OpsDb, users

    db = OpsDb.for_workspace(path)
    for username, role, wilayah in wanted:
        found = users.get_user(db, username)
        if found is None or (found.role, found.wilayah) != (role, wilayah) or found.disabled:
            if found is not None:
                raise SystemExit(f"account {username} exists in {path} with another role or wilayah, or disabled")
            users.add_user(db, username, role, BENCH_PASSWORD, wilayah)
        elif users.authenticate(db, username, BENCH_PASSWORD) is None:
            users.set_password(db, username, BENCH_PASSWORD)
    db.dispose()
    return [(u, BENCH_PASSWORD) for u, _, _ in wanted]

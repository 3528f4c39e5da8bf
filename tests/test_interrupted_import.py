"""Kill an import in the middle of writing its snapshot; the previous workspace must survive.

Each test starts the real command in a subprocess, polls the workspace folder until
the new snapshot's ``.partial`` folder has files in it (the import is writing),
and sends SIGKILL: no hook, no test-only code in the importers. Then the live
snapshot must be the one from before, complete and readable, and the next import
must succeed and clear the leftovers.

The kill can lose the race (the import commits between the poll and the signal);
such an attempt must still leave a complete workspace (old or new snapshot, never a
half one), and the test retries until one kill lands mid-write.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from broken_files import write_csv
from indicator_workspace import make_workspace
from workspace.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
ATTEMPTS = 4

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _writing(ws_root: Path) -> bool:
    """True when some snapshot ``.partial`` folder already holds a file or folder."""
    try:
        partial = [e for e in os.scandir(ws_root / "snapshots") if e.name.endswith(".partial")]
        return any(any(os.scandir(e.path)) for e in partial)
    except FileNotFoundError:
        return False  # the folder was renamed or removed between the two scans


def _kill_while_writing(argv: list[str], ws_root: Path, timeout: float = 120) -> bool:
    """Run ``argv``; SIGKILL it as soon as it writes a snapshot. True if it was killed."""
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _writing(ws_root):
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.0002)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return False


def _state(ws: Workspace) -> tuple[str | None, dict, dict[str, int]]:
    """Live snapshot id, its manifest, and the row count of every table in it (reads them all)."""
    import pyarrow.parquet as pq

    counts = {name: pq.read_table(ws.path(name)).num_rows for name in ws.manifest["files"] if name.endswith(".parquet")}
    return ws.snapshot_id, ws.manifest, counts


def _leftovers(ws: Workspace) -> list[str]:
    return sorted(p.name for p in (ws.root / "snapshots").glob("*.partial"))


def _interrupt_then_recover(ws: Workspace, argv: list[str], recover, check_new) -> None:
    """Kill ``argv`` mid-write (retrying if it wins the race), then run ``recover(ws)``, the same import in process."""
    before = _state(ws)
    killed_mid_write = False
    for _ in range(ATTEMPTS):
        killed = _kill_while_writing(argv, ws.root)
        now = _state(ws)  # must always be readable, whatever happened
        if killed and now[0] == before[0]:
            assert now == before  # the previous snapshot is intact: same id, manifest, tables
            assert _leftovers(ws), "the kill should have left the half-written snapshot"
            killed_mid_write = True
            break
        before = now  # the import won the race and committed completely; try again from there
    assert killed_mid_write, f"no kill landed while the import was writing in {ATTEMPTS} attempts"
    recover(ws)
    assert ws.snapshot_id != before[0]
    assert _leftovers(ws) == []  # the next import cleaned up after the killed one
    check_new(ws)


def _app(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "app.py"), *args]


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def test_killed_posyandu_import_leaves_the_previous_facilities(tmp_path, ws):
    small = write_csv(tmp_path / "awal.csv", "id,nama,jenis,lat,lon\nP1,Melati,posyandu,0.5,1.5\n")
    from facilities import import_facilities

    import_facilities(ws, small)
    # Big enough that writing the snapshot takes tens of milliseconds.
    lines = ["id,nama,jenis,lat,lon"] + [f"Q{i},Posyandu {i},posyandu,0.{i % 9 + 1},{i % 6}.5" for i in range(4000)]
    big = write_csv(tmp_path / "banyak.csv", "\n".join(lines) + "\n")

    def check(ws):
        assert len(ws.read_table("fasilitas.parquet")) == 4000

    _interrupt_then_recover(ws, _app("import", "posyandu", str(big), "--workspace", str(ws.root)),
                            lambda ws: import_facilities(ws, big), check)


def test_killed_case_import_leaves_the_previous_cases(tmp_path, ws):
    from surveillance.weeks import week_range

    desa = ["1905012001", "1906012001", "1906012002", "1906012003", "1906022001", "3216012001"]
    weeks = week_range("2026-W40", 12)
    first = write_csv(tmp_path / "awal.csv", "minggu,tempat,penyakit,jumlah\n"
                      + "".join(f"{w},{k},diare,{(i + j) % 4}\n" for i, w in enumerate(weeks[:6]) for j, k in enumerate(desa)))
    from surveillance.api import import_cases

    import_cases(ws, first)  # the state to protect (in process: the killed import runs as a command)
    more = write_csv(tmp_path / "lagi.csv", "minggu,tempat,penyakit,jumlah\n"
                     + "".join(f"{w},{k},{p},{(i * j) % 5}\n" for i, w in enumerate(weeks) for j, k in enumerate(desa)
                               for p in ("diare", "ispa")))

    def check(ws):
        assert len(ws.read_table("kasus/mingguan.parquet")) == 12 * 6 * 2

    _interrupt_then_recover(ws, _app("import", "cases", str(more), "--workspace", str(ws.root)),
                            lambda ws: import_cases(ws, more), check)


def test_killed_indicator_import_leaves_the_previous_values(tmp_path, ws):
    from commands import build_parser

    rows = lambda months, ind: "".join(  # noqa: E731
        f"{k},{2020 + m // 12}-{m % 12 + 1:02d},{ind},{m % 7},{10 + m % 3}\n"
        for m in range(months) for k in ("1906012001", "1906012002", "1906022001", "3216012001"))
    header = "kode_desa,periode,indikator,pembilang,penyebut\n"
    first = write_csv(tmp_path / "awal.csv", header + rows(6, "k1"))
    more = write_csv(tmp_path / "lagi.csv", header + "".join(rows(72, i) for i in ("k1", "k6", "pf", "idl", "ds")))
    imports = build_parser()._subparsers._group_actions[0].choices["import"]._subparsers._group_actions[0].choices
    if "indicators" in imports:
        argv = lambda path: _app("import", "indicators", str(path), "--workspace", str(ws.root))  # noqa: E731
    else:  # until the command lands: the same import function the command calls, in its own process
        argv = lambda path: [sys.executable, "-c", (  # noqa: E731
            "import sys; from workspace.store import Workspace; from indicators.importer import import_indicators; "
            f"import_indicators(Workspace({str(ws.root)!r}), {str(path)!r})")]
    from indicators.importer import import_indicators

    import_indicators(ws, first)
    assert len(ws.read_table("indikator/nilai.parquet")) == 24

    def check(ws):
        nilai = ws.read_table("indikator/nilai.parquet")
        assert len(nilai) == 72 * 4 * 5 and nilai["periode"].max() == "2025-12"

    _interrupt_then_recover(ws, argv(more), lambda ws: import_indicators(ws, more), check)


def test_killed_boundary_import_leaves_the_previous_boundaries(tmp_path, ws):
    pytest.importorskip("geo.readers")
    import geopandas as gpd
    import shapely

    # 400 desa squares in 4 kecamatan of one kabupaten: a few levels to write
    rows = [(f"1906{k + 1:02d}{2001 + i:04d}", shapely.box(108 + i * 0.01, -3 + k * 0.2, 108.01 + i * 0.01, -2.8 + k * 0.2))
            for k in range(4) for i in range(100)]
    path = tmp_path / "desa.geojson"
    gpd.GeoDataFrame({"kode": [r[0] for r in rows]}, geometry=[r[1] for r in rows], crs=4326).to_file(path)

    def check(ws):
        assert len(ws.read_geo("boundaries/desa.parquet")) == 400
        assert set(ws.read_geo("boundaries/kecamatan.parquet")["kode"]) == {f"19.06.0{k}" for k in range(1, 5)}

    def recover(ws):
        from commands import main

        assert main(["import", "boundaries", str(path), "--workspace", str(ws.root)]) == 0

    _interrupt_then_recover(ws, _app("import", "boundaries", str(path), "--workspace", str(ws.root)), recover, check)

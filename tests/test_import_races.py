"""Two imports of the same kind at once, through the real importers: no lost update.

Each test starts import A, lets it read the data it merges with, and at that
moment runs a competing import B to completion (as if B had started a moment
later and finished first). A was built on data without B's rows, so committing
A would silently drop them: A must be refused with a message saying to run it
again, B's rows must stay live, and running A again must keep both.
"""

from __future__ import annotations

import pandas as pd
import pytest

from errors import PwsError
from facilities import import_facilities
from indicators.catalogue import import_targets
from indicators.importer import import_indicators
from surveillance import import_cases
from tests.indicator_workspace import make_workspace
from workspace.store import Workspace


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return make_workspace(tmp_path / "ws")


def _csv(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def competitor_after_reading(monkeypatch):
    """Run ``competing()`` right after the first read of workspace file ``name``.

    Reads are ``Workspace.read_table`` and ``Workspace.read_arrow`` (the pyarrow
    reader): the import has the old data in hand when B commits.
    """

    def arm(name: str, competing):
        fired = []
        original = {m: getattr(Workspace, m) for m in ("read_table", "read_arrow")}

        def wrap(method):
            def wrapped(self, file_name, *args, **kwargs):
                result = original[method](self, file_name, *args, **kwargs)
                if file_name == name and not fired:
                    fired.append(file_name)
                    competing()
                return result
            return wrapped

        for method in original:
            monkeypatch.setattr(Workspace, method, wrap(method))
        return fired

    return arm


# (importer, table it merges with, header, rows: already there / the competitor's / the refused import's,
#  column whose values tell the three apart). Desa 19.05.01.2001 is the square lon 0–1, lat 0–1.
RACES = {
    "posyandu after pustu": (import_facilities, "fasilitas.parquet", "id,nama,jenis,lat,lon",
                             ("K1,PKM Satu,puskesmas,0.5,0.5", "S1,Pustu Satu,pustu,0.6,0.6",
                              "P1,Melati,posyandu,0.4,0.4"), "id", ("K1", "S1", "P1")),
    "indicators after indicators": (import_indicators, "indikator/nilai.parquet",
                                    "kode_desa,periode,indikator,pembilang,penyebut",
                                    ("19.06.01.2001,2025-01,ds,5,10", "19.06.01.2001,2025-02,ds,6,10",
                                     "19.06.01.2001,2025-03,ds,7,10"), "periode", ("2025-01", "2025-02", "2025-03")),
    "targets after targets": (import_targets, "indikator/target.parquet", "kode,indikator,target_tahunan",
                              ("19.06,ds,80", "19.05,ds,85", "32.16,ds,90"), "kode", ("19.06", "19.05", "32.16")),
    "cases after cases": (import_cases, "kasus/mingguan.parquet", "minggu,tempat,penyakit,jumlah",
                          ("2026-W10,1906012001,diare,3", "2026-W11,1906012001,diare,4",
                           "2026-W12,1906012001,diare,5"), "minggu", ("2026-W10", "2026-W11", "2026-W12")),
}


@pytest.mark.parametrize("race", RACES.values(), ids=RACES.keys())
def test_an_import_does_not_drop_rows_imported_while_it_ran(race, ws, tmp_path, competitor_after_reading):
    importer, table, header, rows, column, keys = race
    files = [_csv(tmp_path / f"{i}.csv", f"{header}\n{row}\n") for i, row in enumerate(rows)]
    importer(ws, files[0])
    fired = competitor_after_reading(table, lambda: importer(Workspace(ws.root), files[1]))

    def live_keys():
        return sorted(Workspace(ws.root).read_table(table)[column].astype(str))

    with pytest.raises(PwsError, match="impor lain .* selesai selama impor ini berjalan.*jalankan lagi"):
        importer(ws, files[2])
    assert fired, "the competing import never ran: the hook missed the importer's read"
    assert live_keys() == sorted(keys[:2])  # the competitor's rows are live, the refused import changed nothing
    importer(ws, files[2])  # run again, as the message says
    assert live_keys() == sorted(keys)


def test_a_pinned_snapshot_keeps_reading_what_the_import_started_from(ws):
    with ws.transaction("a") as tx:
        tx.write_table("x.parquet", pd.DataFrame({"x": [1]}))
    slow = ws.transaction("b")
    with ws.transaction("c") as tx:
        tx.write_table("x.parquet", pd.DataFrame({"x": [2]}))
    assert slow.base.read_table("x.parquet")["x"].tolist() == [1]
    assert ws.read_table("x.parquet")["x"].tolist() == [2]
    with pytest.raises(RuntimeError, match="read-only"):
        slow.base.transaction("d")

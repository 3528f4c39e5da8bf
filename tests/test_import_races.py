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

    Reads are ``Workspace.read_table`` and ``Workspace.path`` (what the pyarrow
    readers open): the import has the old data in hand when B commits.
    """

    def arm(name: str, competing):
        fired = []
        original = {m: getattr(Workspace, m) for m in ("read_table", "path")}

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


def _refused_then_both_kept(first, fired, check_both):
    with pytest.raises(PwsError, match="another import .* finished while this .* import ran.*run it again"):
        first()
    assert fired, "the competing import never ran: the hook missed the importer's read"
    check_both(after_retry=False)
    first()
    check_both(after_retry=True)


def test_posyandu_import_does_not_drop_pustu_imported_meanwhile(ws, tmp_path, competitor_after_reading):
    # desa 19.05.01.2001 is the square lon 0–1, lat 0–1
    puskesmas = _csv(tmp_path / "pkm.csv", "id,nama,jenis,lat,lon\nK1,PKM Satu,puskesmas,0.5,0.5\n")
    pustu = _csv(tmp_path / "pustu.csv", "id,nama,jenis,lat,lon\nS1,Pustu Satu,pustu,0.6,0.6\n")
    posyandu = _csv(tmp_path / "posyandu.csv", "id,nama,jenis,lat,lon\nP1,Melati,posyandu,0.4,0.4\n")
    import_facilities(ws, puskesmas)
    fired = competitor_after_reading("fasilitas.parquet", lambda: import_facilities(Workspace(ws.root), pustu))

    def check_both(after_retry):
        live = set(Workspace(ws.root).read_table("fasilitas.parquet")["id"])
        assert live == ({"K1", "S1", "P1"} if after_retry else {"K1", "S1"})

    _refused_then_both_kept(lambda: import_facilities(ws, posyandu), fired, check_both)


def test_indicator_import_does_not_drop_values_imported_meanwhile(ws, tmp_path, competitor_after_reading):
    header = "kode_desa,periode,indikator,pembilang,penyebut\n"
    import_indicators(ws, _csv(tmp_path / "jan.csv", header + "19.06.01.2001,2025-01,ds,5,10\n"))
    february = _csv(tmp_path / "feb.csv", header + "19.06.01.2001,2025-02,ds,6,10\n")
    march = _csv(tmp_path / "mar.csv", header + "19.06.01.2001,2025-03,ds,7,10\n")
    fired = competitor_after_reading("indikator/nilai.parquet",
                                     lambda: import_indicators(Workspace(ws.root), february))

    def check_both(after_retry):
        nilai = Workspace(ws.root).read_table("indikator/nilai.parquet")
        periods = sorted(nilai["periode"].astype(str))
        assert periods == (["2025-01", "2025-02", "2025-03"] if after_retry else ["2025-01", "2025-02"])

    _refused_then_both_kept(lambda: import_indicators(ws, march), fired, check_both)


def test_target_import_does_not_drop_targets_imported_meanwhile(ws, tmp_path, competitor_after_reading):
    header = "kode,indikator,target_tahunan\n"
    import_targets(ws, _csv(tmp_path / "a.csv", header + "19.06,ds,80\n"))
    belitung = _csv(tmp_path / "b.csv", header + "19.05,ds,85\n")
    bekasi = _csv(tmp_path / "c.csv", header + "32.16,ds,90\n")
    fired = competitor_after_reading("indikator/target.parquet", lambda: import_targets(Workspace(ws.root), belitung))

    def check_both(after_retry):
        target = Workspace(ws.root).read_table("indikator/target.parquet")
        assert sorted(target["kode"]) == (["19.05", "19.06", "32.16"] if after_retry else ["19.05", "19.06"])

    _refused_then_both_kept(lambda: import_targets(ws, bekasi), fired, check_both)


def test_case_import_does_not_drop_weeks_imported_meanwhile(ws, tmp_path, competitor_after_reading):
    header = "minggu,tempat,penyakit,jumlah\n"
    import_cases(ws, _csv(tmp_path / "w10.csv", header + "2026-W10,1906012001,diare,3\n"))
    week11 = _csv(tmp_path / "w11.csv", header + "2026-W11,1906012001,diare,4\n")
    week12 = _csv(tmp_path / "w12.csv", header + "2026-W12,1906012001,diare,5\n")
    fired = competitor_after_reading("kasus/mingguan.parquet", lambda: import_cases(Workspace(ws.root), week11))

    def check_both(after_retry):
        kasus = Workspace(ws.root).read_table("kasus/mingguan.parquet")
        weeks = dict(zip(kasus["minggu"], kasus["jumlah"]))
        assert weeks == ({"2026-W10": 3, "2026-W11": 4, "2026-W12": 5} if after_retry
                         else {"2026-W10": 3, "2026-W11": 4})

    _refused_then_both_kept(lambda: import_cases(ws, week12), fired, check_both)


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

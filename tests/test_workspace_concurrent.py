"""Two imports into one workspace at the same time: neither may break or silently undo the other."""

from __future__ import annotations

import pandas as pd
import pytest

from errors import PwsError
from workspace import Workspace


def _table(x: int) -> pd.DataFrame:
    return pd.DataFrame({"x": [x]})


@pytest.fixture
def ws(tmp_path) -> Workspace:
    ws = Workspace(tmp_path / "ws")
    with ws.transaction("boundaries") as tx:
        tx.write_table("a.parquet", _table(1))
    return ws


def test_an_import_finishing_first_does_not_delete_a_running_imports_snapshot(ws):
    slow = ws.transaction("indicators").__enter__()
    slow.write_table("b.parquet", _table(2))
    with ws.transaction("posyandu") as tx:  # commits and prunes old snapshots while the slow one writes
        tx.write_table("c.parquet", _table(3))
    assert slow._dir.exists(), "the running import's half-written snapshot was pruned"
    slow.abort()


def test_an_import_based_on_a_snapshot_replaced_meanwhile_is_refused_not_committed(ws):
    slow = ws.transaction("indicators").__enter__()
    slow.write_table("b.parquet", _table(2))
    with ws.transaction("posyandu") as tx:
        tx.write_table("c.parquet", _table(3))
    live = ws.snapshot_id
    with pytest.raises(PwsError, match="impor lain"):
        slow.commit()
    # committing would have made a snapshot without c.parquet live: the posyandu import undone
    assert ws.snapshot_id == live
    assert ws.read_table("c.parquet")["x"].tolist() == [3]
    assert not list((ws.root / "snapshots").glob("*.partial"))


def test_leftovers_of_a_dead_import_are_still_pruned(ws):
    dead = ws.transaction("indicators").__enter__()
    dead.write_table("b.parquet", _table(2))
    dead._release()  # what the kernel does when the process is killed
    with ws.transaction("posyandu") as tx:
        tx.write_table("c.parquet", _table(3))
    assert not dead._dir.exists()

import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from errors import PwsError
from workspace import Workspace


def test_empty_workspace_says_what_to_do(tmp_path):
    ws = Workspace(tmp_path / "ws")
    assert not ws.exists()
    with pytest.raises(PwsError, match="import boundaries"):
        ws.read_table("boundaries/desa.parquet")


def test_commit_carries_other_files_and_replaces_own(tmp_path):
    ws = Workspace(tmp_path)
    with ws.transaction("a") as tx:
        tx.write_table("a.parquet", pd.DataFrame({"x": [1]}))
        tx.write_table("b.parquet", pd.DataFrame({"y": [2]}))
        tx.manifest["a"] = "first"
    first = ws.snapshot_id
    with ws.transaction("b") as tx:
        tx.write_table("b.parquet", pd.DataFrame({"y": [3]}))
    assert ws.snapshot_id != first
    assert ws.read_table("a.parquet")["x"].tolist() == [1]
    assert ws.read_table("b.parquet")["y"].tolist() == [3]
    assert ws.manifest["a"] == "first"
    assert [h["import"] for h in ws.manifest["history"]] == ["a", "b"]
    assert ws.manifest["files"] == ["a.parquet", "b.parquet"]


def test_failed_import_changes_nothing(tmp_path):
    ws = Workspace(tmp_path)
    with ws.transaction("a") as tx:
        tx.write_table("a.parquet", pd.DataFrame({"x": [1]}))
    before = ws.snapshot_id
    with pytest.raises(RuntimeError):
        with ws.transaction("a") as tx:
            tx.write_table("a.parquet", pd.DataFrame({"x": [99]}))
            raise RuntimeError("boom")
    assert ws.snapshot_id == before
    assert ws.read_table("a.parquet")["x"].tolist() == [1]
    assert not list((tmp_path / "snapshots").glob("*.partial"))


def test_removed_file_is_not_carried(tmp_path):
    ws = Workspace(tmp_path)
    with ws.transaction("a") as tx:
        tx.write_table("a.parquet", pd.DataFrame({"x": [1]}))
        tx.write_table("b.parquet", pd.DataFrame({"x": [1]}))
    with ws.transaction("c") as tx:
        tx.remove("b.parquet")
    assert ws.has("a.parquet") and not ws.has("b.parquet")


def test_killed_import_leaves_previous_snapshot_live(tmp_path):
    """Kill a real process in the middle of writing: the old data stays live."""
    ws = Workspace(tmp_path)
    with ws.transaction("a") as tx:
        tx.write_table("a.parquet", pd.DataFrame({"x": [1]}))
    before = ws.snapshot_id
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(os.getcwd())!r})
        import pandas as pd
        from workspace import Workspace
        ws = Workspace({str(tmp_path)!r})
        tx = ws.transaction("a").__enter__()
        tx.write_table("a.parquet", pd.DataFrame({{"x": [2]}}))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=os.getcwd())
    assert proc.returncode == -9
    assert ws.snapshot_id == before
    assert ws.read_table("a.parquet")["x"].tolist() == [1]
    # the next import cleans up what the killed one left behind
    with ws.transaction("a") as tx:
        tx.write_table("a.parquet", pd.DataFrame({"x": [3]}))
    assert not list((tmp_path / "snapshots").glob("*.partial"))

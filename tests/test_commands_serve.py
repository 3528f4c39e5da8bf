"""``python app.py``: the demo is built into the default workspace once; other empty folders are an error."""

from __future__ import annotations

import pytest

import settings
from commands.serve import ensure_workspace
from errors import PwsError
from workspace.store import Workspace


def test_first_run_builds_the_demo_then_reuses_it(tmp_path, monkeypatch):
    default = tmp_path / "workspace-demo"
    monkeypatch.setattr(settings, "DEFAULT_WORKSPACE", default)
    ensure_workspace(default)
    ws = Workspace(default)
    assert ws.manifest["demo"] is True
    first = ws.snapshot_id
    ensure_workspace(default)
    assert ws.snapshot_id == first  # reused, not rebuilt


def test_an_empty_named_workspace_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "DEFAULT_WORKSPACE", tmp_path / "workspace-demo")
    with pytest.raises(PwsError, match="import boundaries"):
        ensure_workspace(tmp_path / "elsewhere")

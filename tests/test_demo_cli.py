"""``python app.py demo`` through ``commands.main``."""

from __future__ import annotations

import json

from commands import main
from workspace.store import Workspace


def test_demo_command_builds_then_refuses_to_overwrite_without_force(tmp_path, capsys):
    root = tmp_path / "ws"
    assert main(["demo", "--workspace", str(root), "--no-cases", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["levels"]["kabkota"] == 3
    assert out["kasus"] is None
    first_month, last_month = out["indikator"]  # 24 months ending with the latest full month, as YYYY-MM
    from demo.build import latest_full_month
    from demo.indicators import month_range

    assert [first_month, last_month] == [month_range(latest_full_month())[0], latest_full_month()]
    assert len(last_month) == 7 and last_month[4] == "-"
    first = Workspace(root).snapshot_id
    assert Workspace(root).manifest["demo"] is True

    assert main(["demo", "--workspace", str(root)]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "Traceback" not in err
    assert Workspace(root).snapshot_id == first

    assert main(["demo", "--workspace", str(root), "--seed", "3", "--force", "--no-cases"]) == 0
    captured = capsys.readouterr()
    assert "Demo:" in captured.err  # progress on stderr
    assert "30 kecamatan, " in captured.out and "posyandu" in captured.out
    assert Workspace(root).snapshot_id != first
    assert Workspace(root).manifest["demo_seed"] == 3

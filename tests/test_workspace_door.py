"""The workspace is the one door to the analytic files: no module outside ``workspace/`` knows their layout.

A module that builds a snapshot path, reads ``manifest.json`` or globs a
snapshot folder would keep working on today's folder layout and break the day
the snapshots move to a shared store; this reads the source and names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["access", "callbacks", "commands", "demo", "facilities", "geo", "indicators", "layouts", "mapdata",
            "reports", "surveillance", "tabular", "texts"]
TOP_MODULES = ["app.py", "errors.py", "settings.py"]

# (pattern, what it leaks)
LEAKS = [
    (re.compile(r"""["']snapshots["']"""), "builds a snapshot path"),
    (re.compile(r"manifest\.json"), "reads manifest.json itself (use the workspace's .manifest)"),
    (re.compile(r"\bsnapshot_dir\("), "asks for the snapshot folder (read through the workspace)"),
    (re.compile(r"(?<!os)(?<!sys)\.path\("), "takes a file path from the workspace (read_table/read_arrow/read_geo)"),
    (re.compile(r"\bCURRENT\b"), "reads the live-snapshot pointer"),
]
# where an engine must scan the files itself (DuckDB over Parquet, the Parquet footer of nilai)
FILE_PATHS = re.compile(r"\btable_paths?\(")
MAY_SCAN_FILES = {"indicators/query.py", "indicators/rollup.py"}
# folders a module may glob: only user input (a shapefile's siblings, a zip's contents)
GLOB = re.compile(r"\.r?glob\(")
MAY_GLOB = {"geo/readers.py"}


def sources() -> list[Path]:
    files = [ROOT / m for m in TOP_MODULES if (ROOT / m).exists()]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []
    return files


def leaks(rel: str, text: str) -> list[str]:
    """What module ``rel`` (path relative to the project) with source ``text`` knows of the storage layout."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        for pattern, why in LEAKS:
            if pattern.search(code):
                found.append(f"{rel}:{n} {why}: {line.strip()}")
        if FILE_PATHS.search(code) and rel not in MAY_SCAN_FILES:
            found.append(f"{rel}:{n} scans snapshot files by path (only {sorted(MAY_SCAN_FILES)} may): {line.strip()}")
        if GLOB.search(code) and rel not in MAY_GLOB:
            found.append(f"{rel}:{n} globs a folder: {line.strip()}")
    return found


@pytest.mark.parametrize("line", [
    'pd.read_parquet(Path(root) / "snapshots" / snapshot / name)',
    'json.loads((snapshot_dir / "manifest.json").read_text())',
    'self._dir = self.workspace.snapshot_dir()',
    'pq.read_table(base.path("boundaries/desa.parquet"))',
    'files = sorted((self._dir / AGGREGATE_DIR).glob("*.parquet"))',
    'paths = ws.table_paths("indikator/agregat")',
])
def test_the_check_sees_each_old_leak(line):
    assert leaks("mapdata/some.py", line), line


def test_the_check_lets_ordinary_code_pass():
    assert leaks("mapdata/some.py", 'frame = md.workspace.read_table("fasilitas.parquet")\nos.path.join(a, b)') == []


def test_no_module_outside_the_workspace_knows_the_storage_layout():
    found = [hit for path in sources() for hit in leaks(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)

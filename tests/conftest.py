"""Shared fixtures: the real data beside the project, and requirements for CI."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from settings import SHARED_DATA  # noqa: E402

IN_CI = os.environ.get("CI") == "true"


def _need(condition: bool, why: str) -> None:
    """Skip with ``why`` on a user's machine; fail in CI, where everything must be present."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``: real Indonesian boundaries (skips when absent)."""
    _need(
        (SHARED_DATA / "README.md").exists(),
        f"real boundary data not found at {SHARED_DATA} (set PWS_SHARED_DATA or place ../shared/data beside the project)",
    )
    return SHARED_DATA


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's headless Chromium for browser tests (skips when not installed)."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    _need(Path(path).exists(), "Chromium not installed: 'apt-get install chromium' to run the browser tests")
    return path


@pytest.fixture(scope="session")
def rscript_path() -> str:
    """R with the surveillance package, for agreement tests (skips when not installed)."""
    path = shutil.which("Rscript")
    _need(path is not None, "Rscript not installed: 'apt-get install r-base-core r-cran-surveillance'")
    return path


AXE_CORE_VERSION = "4.14.1"
"""axe-core from the npm registry, pinned: its rule set decides what counts as a violation."""


@pytest.fixture(scope="module")
def browser(chromium_path):
    """Headless Chromium, one per test module (each test opens its own context)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory) -> str:
    """axe-core's ``axe.min.js``, fetched from the npm registry with ``npm pack`` (skips without npm)."""
    import subprocess
    import tarfile

    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pws-ilp" / f"axe-core-{AXE_CORE_VERSION}"
    script = cache / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        _need(npm is not None, "npm not installed: 'apt-get install nodejs npm' to run the accessibility test")
        where = tmp_path_factory.mktemp("axe")
        done = subprocess.run([npm, "pack", f"axe-core@{AXE_CORE_VERSION}", "--silent"], cwd=where,
                              capture_output=True, text=True, timeout=300)
        _need(done.returncode == 0, f"npm pack axe-core@{AXE_CORE_VERSION} failed: {done.stderr.strip()[:300]}")
        with tarfile.open(where / done.stdout.strip().splitlines()[-1]) as tar:
            body = tar.extractfile("package/axe.min.js").read()
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / "axe.min.js.part"
        tmp.write_bytes(body)
        tmp.replace(script)
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for screenshots and other test artifacts (kept after the run)."""
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    return out


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory):
    """The built-in demo (seed 0, cases included), built once per test session; treat it as read-only."""
    from demo import build_demo_workspace

    root = tmp_path_factory.mktemp("demo") / "ws"
    return build_demo_workspace(root, seed=0, end_month="2026-10", end_week="2026-W47", progress=None)


@pytest.fixture(scope="session")
def beltim_desa(shared_data, tmp_path_factory):
    """Only the real Belitung Timur desa boundaries (no generated values), imported once per session;
    read-only: a test that imports into it takes ``beltim_ws``."""
    from realdata import belitung_timur_boundaries

    return belitung_timur_boundaries(shared_data, tmp_path_factory.mktemp("beltim") / "ws")


@pytest.fixture()
def beltim_ws(beltim_desa, tmp_path):
    """A fresh copy of ``beltim_desa`` per test: imports of field files change the workspace."""
    from workspace import Workspace

    shutil.copytree(beltim_desa.root, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


POSTGRES_URL = os.environ.get("PWS_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The development/CI PostgreSQL server (skips when none answers; required under ``CI=true``)."""
    import sqlalchemy as sa

    from opsdb.store import database_url

    url = database_url(".", POSTGRES_URL)
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: no server here
        _need(False, f"PostgreSQL not answering at {POSTGRES_URL} ({type(exc).__name__}); set PWS_TEST_DATABASE_URL")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def ops_db(request, tmp_path):
    """A fresh, migrated operational database: a SQLite file, then a schema of its own on PostgreSQL (dropped after)."""
    import uuid

    import sqlalchemy as sa

    from opsdb import OpsDb

    if request.param == "sqlite":
        db = OpsDb(f"sqlite:///{tmp_path / 'ops.sqlite'}")
        yield db
        db.dispose()
        return
    server = request.getfixturevalue("postgres_server")
    schema = f"pws_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    db = OpsDb(f"{server}?options=-csearch_path%3D{schema}")
    try:
        yield db
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

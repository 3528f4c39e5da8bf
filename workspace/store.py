"""A workspace folder whose contents change all at once or not at all.

Layout::

    WORKSPACE/
      CURRENT                  name of the live snapshot (replaced atomically)
      snapshots/<id>/          one complete, self-describing state
        manifest.json          what is here, where it came from, counts
        boundaries/desa.parquet, ...   (GeoParquet, EPSG:4326)

An import opens a :class:`WorkspaceTransaction`, writes only the files it owns
into a fresh snapshot folder, and on commit hard-links every other file from the
previous snapshot, writes the manifest, then replaces ``CURRENT``. A crash or an
error before that last ``os.replace`` leaves the previous snapshot live and
untouched; a reader that opened the old snapshot keeps reading it.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from errors import PwsError

try:  # advisory locks (Linux, macOS); without them (Windows) imports must not run at the same time
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

FORMAT_VERSION = 1
_KEEP_SNAPSHOTS = 3  # the live one plus a couple for readers still holding an old one


class Workspace:
    """Read access to the live snapshot of a workspace folder.

    Parameters
    ----------
    root : path of the workspace folder (need not exist yet).
    """

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    # -- reading -----------------------------------------------------------------
    @property
    def snapshot_id(self) -> str | None:
        """Id of the live snapshot, or ``None`` for an empty workspace.

        Changes with every committed import: use it in cache keys.
        """
        try:
            return (self.root / "CURRENT").read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def exists(self) -> bool:
        """True when at least one import has been committed."""
        return self.snapshot_id is not None

    def snapshot_dir(self) -> Path:
        """Folder of the live snapshot; raises :class:`PwsError` if there is none."""
        sid = self.snapshot_id
        if sid is None:
            raise PwsError("ws_kosong", path=self.root)
        return self.root / "snapshots" / sid

    @property
    def manifest(self) -> dict[str, Any]:
        """The live snapshot's manifest (a fresh dict on every call)."""
        sid = self.snapshot_id  # read once: a live workspace may move on between two reads
        if sid is None:
            return {}
        return json.loads((self.root / "snapshots" / sid / "manifest.json").read_text(encoding="utf-8"))

    def pinned(self) -> "PinnedWorkspace":
        """The live snapshot, held: later imports do not change what it reads.

        Read everything one answer needs from one pinned snapshot, so the answer
        never mixes two imports.
        """
        return PinnedWorkspace(self.root, self.snapshot_id)

    def table_path(self, name: str) -> Path:
        """Path of file ``name`` (relative, e.g. ``"boundaries/desa.parquet"``) in the live snapshot.

        Only for engines that must scan the file themselves (DuckDB, Parquet
        metadata); everything else reads through :meth:`read_table`.
        """
        return self.snapshot_dir() / name

    path = table_path  # older name, kept while branches still use it

    def table_paths(self, folder: str, suffix: str = ".parquet") -> list[Path]:
        """Paths of the ``suffix`` files directly in ``folder`` of the snapshot, sorted (``[]`` when none).

        Like :meth:`table_path`, only for engines that scan files themselves.
        """
        if not self.exists():
            return []
        return sorted(p for p in (self.snapshot_dir() / folder).glob("*" + suffix) if p.is_file())

    def has(self, name: str) -> bool:
        """True when the live snapshot holds file ``name``."""
        return self.exists() and self.table_path(name).exists()

    def read_table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Read a Parquet table of the live snapshot."""
        return pd.read_parquet(self._existing(name), columns=columns)

    def read_arrow(self, name: str, columns: list[str] | None = None, **options):
        """Read a Parquet table of the live snapshot as a ``pyarrow.Table`` (``options`` go to ``pyarrow.parquet.read_table``)."""
        import pyarrow.parquet as pq

        return pq.read_table(self._existing(name), columns=columns, **options)

    def read_geo(self, name: str, columns: list[str] | None = None):
        """Read a GeoParquet layer of the live snapshot as a GeoDataFrame."""
        import geopandas as gpd

        return gpd.read_parquet(self._existing(name), columns=columns)

    def _existing(self, name: str) -> Path:
        p = self.table_path(name)
        if not p.exists():
            raise PwsError("ws_tanpa_berkas", path=self.root, nama=name)
        return p

    def snapshots(self) -> list[str]:
        """Ids of the finished snapshots still kept, oldest first (the live one among them)."""
        folder = self.root / "snapshots"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir()
                      if p.is_dir() and not p.name.endswith(".partial") and (p / "manifest.json").exists())

    # -- writing -----------------------------------------------------------------
    def rollback(self, snapshot_id: str) -> str:
        """Make the contents of an earlier snapshot live again, as a new snapshot; returns its id.

        A transaction like any import: it builds on the live snapshot, takes the
        files (hard links) and manifest of ``snapshot_id``, and is refused like
        an import if another import commits meanwhile. ``CURRENT`` never points
        back to an old folder, so snapshot ids keep growing and the history
        says what happened. Raises :class:`PwsError` when that snapshot is no
        longer kept (only the last few are) or is the live one.
        """
        source = self.root / "snapshots" / snapshot_id
        if "/" in snapshot_id or snapshot_id.startswith(".") or snapshot_id not in self.snapshots():
            kept = ", ".join(self.snapshots()) or "-"
            raise PwsError("snapshot_tidak_disimpan", snapshot=repr(snapshot_id), path=self.root, kept=kept)
        if snapshot_id == self.snapshot_id:
            raise PwsError("snapshot_sudah_aktif", snapshot=snapshot_id)
        with self.transaction("rollback") as tx:
            manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
            history = list(tx.manifest.get("history", []))
            for src in source.rglob("*"):
                rel = str(src.relative_to(source))
                if not src.is_file() or rel == "manifest.json":
                    continue
                dst = tx.file(rel)
                try:
                    os.link(src, dst)
                except OSError:
                    shutil.copy2(src, dst)
            for rel in tx.base.manifest.get("files", []):
                if rel != "manifest.json" and not (source / rel).is_file():
                    tx.remove(rel)
            tx.manifest = {**manifest, "history": history, "rollback_ke": snapshot_id}
        return tx.snapshot_id

    def transaction(self, what: str) -> "WorkspaceTransaction":
        """Start an import that replaces some files; use as a context manager.

        ``what`` names the import in the manifest's history (e.g. ``"boundaries"``).
        Open it *before* reading anything the import builds on, and read through
        ``tx.base``: the commit is refused if another import committed since.
        """
        return WorkspaceTransaction(self, what)


class PinnedWorkspace(Workspace):
    """Read access to one snapshot of a workspace, whatever becomes live later.

    A transaction's ``base``: an import that merges with earlier data reads it
    here, so what it read and what its commit is checked against are the same
    snapshot.
    """

    def __init__(self, root: str | os.PathLike, snapshot_id: str | None):
        super().__init__(root)
        self._snapshot_id = snapshot_id

    @property
    def snapshot_id(self) -> str | None:
        """Id of the pinned snapshot (``None``: the workspace was empty)."""
        return self._snapshot_id

    def pinned(self) -> "PinnedWorkspace":
        """This snapshot itself (already pinned)."""
        return self

    def transaction(self, what: str) -> "WorkspaceTransaction":
        raise RuntimeError("a pinned snapshot is read-only: open transactions on the Workspace")


class WorkspaceTransaction:
    """Files written here become live together on :meth:`commit`, or never.

    Used as ``with ws.transaction("indicators") as tx: ...``; leaving the block
    normally commits, an exception discards everything written. An import that
    merges with earlier data reads it from ``tx.base`` inside the block, so that
    two imports running at once cannot silently drop each other's rows: the
    second to finish is refused and asked to run again.
    """

    def __init__(self, workspace: Workspace, what: str):
        self.workspace = workspace
        self.what = what
        # CURRENT is read once: the manifest, the carried-over files and the
        # commit check all refer to this one snapshot.
        self.base = workspace.pinned()
        """The snapshot this import builds on: read earlier data from here."""
        self.manifest: dict[str, Any] = self.base.manifest or {"format": FORMAT_VERSION}
        self._base = self.base.snapshot_dir() if self.base.exists() else None
        self._id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self._dir = workspace.root / "snapshots" / (self._id + ".partial")
        self._written: set[str] = set()
        self._removed: set[str] = set()
        self._done = False
        self.snapshot_id: str | None = None
        """The new snapshot's id once committed."""

    def __enter__(self) -> "WorkspaceTransaction":
        self._dir.mkdir(parents=True, exist_ok=False)
        # Held until commit or abort (the kernel drops it if the process dies): an
        # import finishing meanwhile prunes only .partial folders nobody holds.
        self._lock = _lock_dir(self._dir)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
        return False

    def file(self, name: str) -> Path:
        """Path to write file ``name`` to; it becomes live on commit."""
        self._written.add(name)
        self._removed.discard(name)
        target = self._dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """Write a DataFrame (or GeoDataFrame, as GeoParquet) as file ``name``."""
        frame.to_parquet(self.file(name), index=False)

    def remove(self, name: str) -> None:
        """Drop file ``name`` from the new snapshot (e.g. data tied to old boundaries)."""
        self._removed.add(name)
        self._written.discard(name)

    def commit(self) -> str:
        """Make the new snapshot live; returns its id.

        Raises :class:`PwsError` (and discards this snapshot) when another import
        committed after this one started: committing would silently undo it.
        """
        if self._done:
            raise RuntimeError("transaction already finished")
        with _locked(self.workspace.root):  # the check and the swap of CURRENT, one import at a time
            live = self.workspace.snapshot_id
            if live != (self._base.name if self._base is not None else None):
                self.abort()
                raise PwsError("impor_bersamaan", path=self.workspace.root, lain=live)
            return self._commit()

    def _commit(self) -> str:
        self._carry_over_unchanged()
        history = self.manifest.setdefault("history", [])
        history.append({"import": self.what, "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        self.manifest["format"] = FORMAT_VERSION
        self.manifest["files"] = sorted(
            str(p.relative_to(self._dir)) for p in self._dir.rglob("*") if p.is_file()
        )
        _write_atomic(self._dir / "manifest.json", json.dumps(self.manifest, indent=2, ensure_ascii=False, default=str))
        final = self._dir.with_name(self._id)
        os.replace(self._dir, final)
        _fsync_dir(final.parent)
        _write_atomic(self.workspace.root / "CURRENT", self._id + "\n")
        self._done = True
        self.snapshot_id = self._id
        self._release()
        _prune(self.workspace.root / "snapshots", keep=self._id)
        return self._id

    def abort(self) -> None:
        """Discard everything written; the live snapshot is untouched."""
        self._done = True
        self._release()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _release(self) -> None:
        lock, self._lock = getattr(self, "_lock", None), None
        if lock is not None:
            os.close(lock)

    def _carry_over_unchanged(self) -> None:
        if self._base is None:
            return
        for src in self._base.rglob("*"):
            rel = str(src.relative_to(self._base))
            if not src.is_file() or rel == "manifest.json" or rel in self._written or rel in self._removed:
                continue
            dst = self._dir / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(src, dst)  # free, and snapshots are never modified in place
            except OSError:
                shutil.copy2(src, dst)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp-{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(snapshots: Path, keep: str) -> None:
    """Remove old snapshots and leftovers of interrupted imports (not of imports still running)."""
    finished = sorted(p for p in snapshots.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
    old = [p for p in finished if p.name != keep][: max(0, len(finished) - _KEEP_SNAPSHOTS)]
    for p in old:
        shutil.rmtree(p, ignore_errors=True)
    for p in snapshots.glob("*.partial"):
        if p.name != keep + ".partial" and not _held(p):
            shutil.rmtree(p, ignore_errors=True)


def _lock_dir(path: Path, blocking: bool = False) -> int | None:
    """An exclusive advisory lock on folder ``path``: its file descriptor, or ``None`` if held elsewhere."""
    if fcntl is None:
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _held(path: Path) -> bool:
    """True when a running import holds the lock on ``path``."""
    if fcntl is None:
        return False
    try:
        fd = _lock_dir(path)
    except FileNotFoundError:
        return False
    if fd is None:
        return True
    os.close(fd)
    return False


@contextmanager
def _locked(root: Path):
    """Hold the workspace-wide lock (waits for another import's commit to finish)."""
    fd = _lock_dir(root, blocking=True)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)

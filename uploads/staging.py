"""A checked upload waiting for its sender to save it: ``<workspace>/unggah/<token>``.

Outside the snapshots (an upload is not data until it is imported). The token
is random, and the saved file is only handed back to the user who sent it;
old leftovers (a check never saved) are removed after a day.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

FOLDER = "unggah"
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Staged:
    token: str
    path: Path
    file_name: str
    kind: str
    username: str


def stage(workspace_root, content: bytes, suffix: str, file_name: str, kind: str, username: str) -> Staged:
    """Keep ``content`` until it is saved; the name on disk has the sniffed ``suffix``, never the sender's."""
    folder = Path(workspace_root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    _tidy(folder)
    token = secrets.token_hex(16)
    path = folder / f"{token}{suffix}"
    path.write_bytes(content)
    (folder / f"{token}.json").write_text(json.dumps({"file_name": file_name, "kind": kind, "username": username,
                                                      "suffix": suffix}), encoding="utf-8")
    return Staged(token, path, file_name, kind, username)


def staged(workspace_root, token: str, username: str) -> Staged | None:
    """The upload ``token`` of ``username``, or ``None`` (unknown, another user's, or already saved)."""
    if not token or not all(c in "0123456789abcdef" for c in token) or len(token) != 32:
        return None
    folder = Path(workspace_root) / FOLDER
    try:
        meta = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    path = folder / f"{token}{meta['suffix']}"
    if meta["username"] != username or not path.exists():
        return None
    return Staged(token, path, meta["file_name"], meta["kind"], username)


def discard(item: Staged) -> None:
    item.path.unlink(missing_ok=True)
    item.path.with_name(item.token + ".json").unlink(missing_ok=True)


def _tidy(folder: Path) -> None:
    now = time.time()
    for p in folder.iterdir():
        try:
            if now - p.stat().st_mtime > MAX_AGE_SECONDS:
                p.unlink()
        except OSError:
            pass

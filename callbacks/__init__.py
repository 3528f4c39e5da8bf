"""Callback wiring: each module's ``register(app, ctx)`` adds its callbacks.

Callbacks unpack inputs, call :mod:`mapdata`, and build components with
:mod:`layouts`; nothing more.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from access.actor import Actor
from errors import InvalidRequest
from mapdata.scoped import ScopedMapData
from mapdata.store import MapDataCache


def nobody() -> Actor | None:
    """The actor of an app without login: nobody, so no data (deny by default)."""
    return None


@dataclass
class AppContext:
    """What every callback needs: where the workspace is, the app's snapshot cache, who is asking.

    One per app (made by ``create_app``), not per user; the cache is keyed by
    snapshot (and, inside a snapshot, by scope), so it holds nothing that
    belongs to a session. ``actor`` is a zero-argument callable giving the
    actor of the current request (the login's ``auth.current_actor``).
    """

    workspace_path: Path
    cache: MapDataCache = field(default_factory=MapDataCache)
    tile_url: str | None = None
    actor: Callable[[], Actor | None] = nobody
    """Who is asking, for the request being answered (the login's user, or a fixed actor in tests)."""
    record: Callable[..., None] = lambda kind, detail=None: None
    """Writes an audit event (``kind``, ``detail``) for the current request; a no-op without the login."""
    db: object | None = None
    """The operational database (:class:`opsdb.OpsDb`): the login's; opened on first use without one (:meth:`ops`)."""
    _db_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self):
        if self.cache.ops is None:  # the snapshots read report arrivals from this app's operational database
            self.cache.ops = self.ops

    def data(self) -> ScopedMapData:
        """The loaded live snapshot as the current actor may see it.

        Raises :class:`access.scope.NoAccess` (answered 403) without an actor
        or with an empty scope.
        """
        return self.cache.get(self.workspace_path).for_actor(self.actor())

    def ops(self):
        """The operational database (alert responses, accounts): one per app, opened once."""
        with self._db_lock:
            if self.db is None:
                from opsdb import OpsDb

                self.db = OpsDb.for_workspace(self.workspace_path)
            return self.db

    def warm_up(self, app=None) -> threading.Thread:
        """Load the snapshot, the indicator tables and the latest week's alert states in a background thread
        (no actor: nothing is answered; the states are kept for every user, :func:`mapdata.waspada.week_states`).

        With the Dash ``app``, also pack the page's scripts and styles as a
        browser asks for them: each gunicorn worker packs them once at
        brotli's best level, seconds of CPU the first visitor no longer waits for.
        """

        def work():
            try:
                from mapdata import waspada
                from mapdata.options import page_options

                md = self.cache.get(self.workspace_path)
                page_options(md)
                waspada.week_states(md, self.ops(), waspada.list_week(md))  # the first map's outlines
                if app is not None:
                    _first_visit(app)
            except Exception as exc:  # noqa: BLE001 - the first request will show the real error
                print(f"PWS-ILP: workspace not preloaded ({exc})", file=sys.stderr)

        thread = threading.Thread(target=work, name="pws-warm-up", daemon=True)
        thread.start()
        return thread


def _first_visit(app) -> None:
    """The start page's static files asked once in each encoding (packed and kept; they are public)."""
    import re

    client = app.server.test_client()
    with app.server.test_request_context("/"):
        page = app.index()  # the page itself, not through the login
    for src in re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', page):
        for encoding in ("br", "gzip"):
            client.get(src, headers={"Accept-Encoding": encoding})


def register_all(app, ctx: AppContext) -> None:
    """Register every callback module on ``app``."""
    from . import brief, compression, export, page, panels, preload, respon, routes, state, unggah, view

    for module in (routes, compression, preload, page, state, view, panels, respon, export, unggah, brief):
        module.register(app, ctx)
    # a value no control sends is the client's fault: 400, not a 500 and a traceback in the log
    app.server.register_error_handler(InvalidRequest, lambda exc: (f"Bad request: {exc}", 400))

"""Callback wiring: each module's ``register(app, ctx)`` adds its callbacks.

Callbacks unpack inputs, call :mod:`mapdata`, and build components with
:mod:`layouts`; nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mapdata.store import MapData, MapDataCache


@dataclass
class AppContext:
    """What every callback needs: where the workspace is and the app's snapshot cache.

    One per app (made by ``create_app``), not per user; the cache is keyed by
    snapshot, so it holds nothing that belongs to a session.
    """

    workspace_path: Path
    cache: MapDataCache = field(default_factory=MapDataCache)
    tile_url: str | None = None

    def data(self) -> MapData:
        """The loaded live snapshot."""
        return self.cache.get(self.workspace_path)


def register_all(app, ctx: AppContext) -> None:
    """Register every callback module on ``app``."""
    from . import export, page, panels, routes, state, view

    for module in (routes, page, state, view, panels, export):
        module.register(app, ctx)

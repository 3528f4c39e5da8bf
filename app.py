"""PWS-ILP dashboard: entry point.

``python app.py`` serves the built-in demo at http://127.0.0.1:8050;
``python app.py --help`` lists the commands (import, check, table, alerts, ...).
For gunicorn: ``gunicorn 'app:server'`` serves the workspace named by
``PWS_WORKSPACE`` (the demo when unset).
"""

from __future__ import annotations

import sys
from pathlib import Path


def create_app(workspace_path: str | Path, tile_url: str | None = None, warm: bool = False, *, actor=None):
    """The Dash app serving the workspace at ``workspace_path``.

    ``actor`` is a zero-argument callable returning who is asking
    (:class:`access.actor.Actor` or ``None``). Left out, the real login is
    installed (:func:`auth.install`: /login, /logout, CSRF, every data route
    closed without a session) and the actor is the logged-in user; given, no
    login is installed (tests of the data layer, benchmarks of something else).

    Every asset is served by the app itself (no CDN); the map works without
    tiles, and draws ``tile_url`` (default ``settings.TILE_URL``) under the areas when set.
    With ``warm``, the workspace is loaded in a background thread right away, so
    the first visitor does not wait for it (a few seconds on the demo).
    Every answer is cut to the actor's scope (:mod:`mapdata.scoped`); an actor
    of ``None`` reads nothing.
    """
    import dash

    import callbacks
    import settings
    from callbacks.routes import IDS_SCRIPT
    from layouts.page import INDEX_STRING
    from texts import t

    app = dash.Dash(
        __name__,
        title=t("app_title"),
        assets_folder=str(settings.ASSETS_DIR),
        serve_locally=True,
        suppress_callback_exceptions=True,  # the page body is rendered from the URL
        update_title=None,
        index_string=INDEX_STRING,
        external_scripts=[IDS_SCRIPT],  # the component ids assets/pws.js uses, from layouts/ids.py
    )
    ctx = callbacks.AppContext(Path(workspace_path), tile_url=tile_url or settings.TILE_URL, actor=actor or callbacks.nobody)
    if actor is None:
        import auth

        login = auth.install(app, workspace_path)
        ctx.actor, ctx.record, ctx.db = auth.current_actor, login.record, login.db
    callbacks.register_all(app, ctx)  # also sets app.layout: the page for the URL asked (callbacks.page)
    if warm:
        ctx.warm_up(app)
    return app


def __getattr__(name: str):
    # gunicorn asks for app:server; build the Dash app only then, not on every CLI call.
    if name == "server":
        from settings import DEFAULT_WORKSPACE

        globals()["server"] = create_app(DEFAULT_WORKSPACE, warm=True).server
        return globals()["server"]
    raise AttributeError(name)


if __name__ == "__main__":
    from commands import main

    sys.exit(main(sys.argv[1:]))

"""``python app.py serve [--workspace DIR] [--host H] [--port P] [--debug]``.

Without ``--workspace`` it serves the default workspace, building the
built-in demo there first when it is empty (the first ``python app.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from commands import add_workspace_option


def register(commands, imports) -> None:
    import settings

    p = commands.add_parser("serve", help="serve the dashboard (the default command)")
    add_workspace_option(p)
    p.add_argument("--host", default=settings.HOST, help=f"address to listen on (default {settings.HOST})")
    p.add_argument("--port", type=int, default=settings.PORT, help=f"port (default {settings.PORT})")
    p.add_argument("--debug", action="store_true", help="Dash debug mode (reloader off, dev tools offline)")
    p.set_defaults(handler=serve)


def ensure_workspace(path: Path) -> None:
    """Build the demo into the default workspace when that is empty; other empty folders are an error."""
    import settings
    from errors import PwsError
    from workspace.store import Workspace

    ws = Workspace(path)
    if ws.exists():
        return
    if path.resolve() != Path(settings.DEFAULT_WORKSPACE).resolve():
        raise PwsError(
            f"Workspace {path} is empty: import boundaries first "
            f"('python app.py import boundaries FILE --workspace {path}'), or run 'python app.py' for the demo."
        )
    from demo import build_demo_workspace

    print(f"Membangun workspace contoh di {path} (sekali saja) ...", file=sys.stderr)
    build_demo_workspace(path, seed=0)


def serve(args) -> int:
    from app import create_app

    path = Path(args.workspace)
    ensure_workspace(path)
    app = create_app(path, warm=True)
    print(f"PWS-ILP: http://{args.host}:{args.port}/  (workspace {path})", file=sys.stderr)
    app.run(
        host=args.host,
        port=args.port,
        debug=args.debug,
        use_reloader=False,
        dev_tools_disable_version_check=True,
        dev_tools_serve_dev_bundles=args.debug,
    )
    return 0

"""``python app.py serve [--workspace DIR] [--host H] [--port P] [--debug]``.

Without ``--workspace`` it serves the default workspace, building the
built-in demo there first when it is empty (the first ``python app.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from commands import add_workspace_option
from errors import PwsError


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


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_accounts(path: Path, host: str) -> None:
    """Refuse to serve a network without an admin; print the demo's example accounts."""
    from demo.accounts import ensure_demo_accounts
    from opsdb import OpsDb
    from opsdb.users import has_admin
    from workspace.store import Workspace

    db = OpsDb.for_workspace(path)
    shown = ensure_demo_accounts(db, Workspace(path))
    for account in shown:
        where = f" ({account.wilayah})" if account.wilayah else ""
        print(f"Akun contoh / example account: {account.username} / {account.password}  [{account.role}{where}]", file=sys.stderr)
    if not is_loopback(host) and not has_admin(db):
        raise PwsError(
            f"No admin account in {path}, so nobody could log in from the network at {host}. Add one first:\n"
            f"  python app.py user add NAME --role admin --workspace {path} --password-stdin\n"
            "(type the password, or pipe it in), then start serve again."
        )


def serve(args) -> int:
    from app import create_app

    path = Path(args.workspace)
    ensure_workspace(path)
    check_accounts(path, args.host)
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

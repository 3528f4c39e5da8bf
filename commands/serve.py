"""``python app.py serve [--workspace DIR] [--host H] [--port P] [--workers N] [--threads N] [--debug]``.

Without ``--workspace`` it serves the default workspace, building the
built-in demo there first when it is empty (the first ``python app.py``).
The dashboard runs under gunicorn (several processes, threads, one log line
per request); ``--debug`` runs Dash's development server instead, and only on
this machine: its debugger runs code sent to it.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from commands import add_workspace_option
from errors import PwsError

MAX_WORKERS = 4
"""Each worker holds the workspace in memory; past a few, memory runs out before the cores do."""

ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(B)s bytes %(M)sms'


def register(commands, imports) -> None:
    import settings

    p = commands.add_parser("serve", help="serve the dashboard (the default command)")
    add_workspace_option(p)
    p.add_argument("--host", default=settings.HOST, help=f"address to listen on (default {settings.HOST})")
    p.add_argument("--port", type=int, default=settings.PORT, help=f"port (default {settings.PORT})")
    p.add_argument("--workers", type=int, default=settings.WORKERS, help="server processes (default: one per core, at most 4)")
    p.add_argument("--threads", type=int, default=settings.THREADS, help=f"threads per process (default {settings.THREADS})")
    p.add_argument("--debug", action="store_true", help="Dash's development server with debug mode (loopback host only)")
    p.set_defaults(handler=serve)


def ensure_workspace(path: Path, lang: str = "id") -> None:
    """Build the demo into the default workspace when that is empty; other empty folders are an error."""
    import settings
    from commands.report import say
    from workspace.store import Workspace

    ws = Workspace(path)
    if ws.exists():
        return
    if path.resolve() != Path(settings.DEFAULT_WORKSPACE).resolve():
        raise PwsError("workspace_kosong", path=path)
    from demo import build_demo_workspace
    from demo.build import stderr_progress

    print(say("membangun_demo", lang, path=path), file=sys.stderr)
    build_demo_workspace(path, seed=0, progress=stderr_progress(lang))


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_accounts(path: Path, host: str, lang: str = "id") -> None:
    """Refuse to serve a network without an admin; print the demo's example accounts."""
    from commands.report import say
    from demo.accounts import ensure_demo_accounts
    from opsdb import OpsDb
    from opsdb.users import has_admin
    from workspace.store import Workspace

    db = OpsDb.for_workspace(path)
    shown = ensure_demo_accounts(db, Workspace(path))
    for account in shown:
        where = f" ({account.wilayah})" if account.wilayah else ""
        print(say("akun_contoh", lang, username=account.username, password=account.password, role=account.role, where=where),
              file=sys.stderr)
    if not is_loopback(host) and not has_admin(db):
        raise PwsError("tanpa_admin", path=path, host=host)


def server_options(host: str, port: int, workers: int | None, threads: int, cpus: int | None = None) -> dict:
    """gunicorn settings: threaded workers, one per core (at most :data:`MAX_WORKERS`), a log line per request.

    >>> server_options("127.0.0.1", 8050, None, 4, cpus=2)["workers"]
    2
    >>> server_options("127.0.0.1", 8050, None, 4, cpus=16)["workers"]
    4
    """
    cpus = cpus or os.cpu_count() or 1
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": max(1, workers or min(cpus, MAX_WORKERS)),
        "threads": max(1, threads),
        "worker_class": "gthread",
        "timeout": 120,  # a national workspace's first load takes a while
        "keepalive": 30,  # a page opens several requests in a row: keep the connection (each new one costs a round trip)
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "loglevel": "info",
    }


def serve(args) -> int:
    from commands.report import say

    if args.debug and not is_loopback(args.host):
        raise PwsError("debug_host", host=args.host)
    path = Path(args.workspace)
    ensure_workspace(path, args.lang)
    check_accounts(path, args.host, args.lang)
    print(say("melayani", args.lang, host=args.host, port=args.port, path=path), file=sys.stderr)
    if args.debug:
        from app import create_app

        create_app(path, warm=True).run(
            host=args.host,
            port=args.port,
            debug=True,
            use_reloader=False,
            dev_tools_disable_version_check=True,
            dev_tools_serve_dev_bundles=True,
        )
        return 0
    _run_gunicorn(path, server_options(args.host, args.port, args.workers, args.threads))
    return 0


def _run_gunicorn(path: Path, options: dict) -> None:
    """gunicorn run from this process: each worker builds its own app (and loads the workspace once)."""
    from gunicorn.app.base import BaseApplication

    class Dashboard(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from app import create_app

            return create_app(path, warm=True).server

    Dashboard().run()

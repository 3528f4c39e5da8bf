"""PWS-ILP dashboard: entry point.

``python app.py`` serves the built-in demo at http://127.0.0.1:8050;
``python app.py --help`` lists the commands (import, check, table, alerts, ...).
For gunicorn: ``gunicorn 'app:server'`` serves the workspace named by
``PWS_WORKSPACE`` (the demo when unset).
"""

from __future__ import annotations

import sys


def __getattr__(name: str):
    # gunicorn asks for app:server; build the Dash app only then, not on every CLI call.
    if name == "server":
        from dashboard import create_app
        from settings import DEFAULT_WORKSPACE

        return create_app(DEFAULT_WORKSPACE).server
    raise AttributeError(name)


if __name__ == "__main__":
    from commands import main

    sys.exit(main(sys.argv[1:]))

"""``gunicorn --pythonpath bench 'open_app:server'``: the dashboard without the login, for comparison.

A fixed admin actor sees everything; ``bench/load_test.py`` runs it beside
``app:server`` to print p95 with and without login. Never serve this on a network.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from access.actor import Actor  # noqa: E402
from app import create_app  # noqa: E402
from settings import DEFAULT_WORKSPACE  # noqa: E402

BENCH_ACTOR = Actor("bench", "admin")

server = create_app(DEFAULT_WORKSPACE, warm=True, actor=lambda: BENCH_ACTOR).server

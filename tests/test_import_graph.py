"""Which package may import which: the layering the house style describes, checked from the source.

Read with :mod:`ast` (nothing is imported), so a forbidden import fails here even
when it sits inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> packages it must never import (directly or inside a function)
FORBIDDEN = {
    # the data layer answers in plain values: no components, no wiring, no Dash
    "mapdata": {"layouts", "callbacks", "dash", "dash_leaflet", "app"},
    # the translations are neutral ground for both UI packages
    "texts": {"layouts", "callbacks", "mapdata", "dash", "app"},
    # domain logic is tested without Dash
    "geo": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "indicators": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "surveillance": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "facilities": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "puskesmas": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "tabular": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "reports": {"layouts", "callbacks", "mapdata", "dash", "app"},
    "workspace": {"layouts", "callbacks", "mapdata", "dash", "app", "indicators", "surveillance", "geo"},
    # transactional rows: no web framework, no map data
    "opsdb": {"layouts", "callbacks", "mapdata", "dash", "flask", "flask_login", "auth", "app"},
    # the alert e-mails: stdlib mail and the operational database, no web framework, no map data
    "notify": {"layouts", "callbacks", "mapdata", "dash", "flask", "flask_login", "auth", "app"},
    # the login is Flask-side only: it never reaches the map's components or data
    "auth": {"layouts", "callbacks", "mapdata", "dash", "app"},
    # who may see what: plain logic the data layer applies, no web framework
    "access": {"layouts", "callbacks", "mapdata", "dash", "dash_leaflet", "flask", "auth", "app"},
    # layouts only build components: they never reach the wiring
    "layouts": {"callbacks", "app"},
}


def imported_packages(source: str, own: str) -> set[str]:
    """Top-level package names ``source`` imports (relative imports resolve to ``own``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add(own if node.level else (node.module or "").split(".")[0])
    return found


def test_the_checker_sees_an_import_hidden_in_a_function():
    source = "import os.path\ndef f():\n    from layouts.strings import t\n    from . import store\n"
    assert imported_packages(source, "mapdata") == {"os", "layouts", "mapdata"}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_stay_in_their_layer(package):
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_packages(path.read_text(encoding="utf-8"), package) & FORBIDDEN[package]:
            bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)

"""The command line: ``python app.py <command> ...``.

Each module in this package that defines ``register(commands, imports)`` adds
its sub-commands: ``commands`` is the top-level sub-parser collection and
``imports`` the one under ``import`` (``import boundaries``, ``import
indicators``, ...). A sub-parser sets ``handler`` to a function taking the parsed
arguments and returning the exit status. Modules are found automatically, so a
new command is a new module and nothing else changes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

from errors import PwsError

from .report import split_lang


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every command module registered."""
    parser = argparse.ArgumentParser(
        prog="python app.py",
        description="PWS-ILP: Pemantauan Wilayah Setempat dashboard. Without a command, serves the built-in demo.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    import_parser = commands.add_parser("import", help="import a file into a workspace")
    imports = import_parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(commands, imports)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the exit status.

    ``--lang id|en`` (anywhere; default ``PWS_LANG``, else Indonesian) sets the
    language of everything the run prints. A :class:`PwsError` is printed as
    one paragraph on stderr (and, with ``--json``, as ``{"error": ...}`` on
    stdout) with exit status 2. A reader that stops early (``| head``) ends
    the output quietly.
    """
    import settings

    from .report import LANGS, say

    lang, argv = split_lang(list(argv or []), settings.LANG)
    if lang not in LANGS:
        print(say("galat", "id", pesan=say("bahasa_salah", "id", nilai=lang, pilihan=", ".join(LANGS))), file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["serve", *argv])
    args.lang = lang
    try:
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
    except PwsError as exc:
        if getattr(args, "json", False):
            print(json.dumps({"error": str(exc)}, ensure_ascii=False))
        print(say("galat", lang, pesan=exc), file=sys.stderr)
        status = 2
    except BrokenPipeError:
        _quiet_stdout()
        status = 0
    if args.command == "import":
        from commands.audit import record_import

        record_import(args, status)
    return status


def _quiet_stdout() -> None:
    """After the reader closed the pipe: point stdout at /dev/null so the exit flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def add_workspace_option(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """The ``--workspace DIR`` option every data command shares."""
    from settings import DEFAULT_WORKSPACE

    parser.add_argument(
        "--workspace",
        default=default or str(DEFAULT_WORKSPACE),
        metavar="DIR",
        help=f"workspace folder (default: {default or DEFAULT_WORKSPACE})",
    )


def print_json(obj) -> None:
    """One JSON object on stdout, UTF-8, no ASCII escaping of Indonesian names."""
    print(json.dumps(obj, ensure_ascii=False, default=str))

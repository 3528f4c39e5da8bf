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
import functools
import importlib
import json
import pkgutil
import re
import sys

from errors import PwsError

from .report import say, split_lang


class _Parser(argparse.ArgumentParser):
    """argparse's parser whose refusals speak the run's language (its help stays English, argparse's own)."""

    lang = "id"

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", say("pemakaian", self.lang), 1)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, say("galat", self.lang, pesan=argparse_text(message, self.lang)) + "\n")


def argparse_text(message: str, lang: str) -> str:
    """An argparse refusal (English) in ``lang``, by the texts.cli lines of its known forms.

    >>> argparse_text("the following arguments are required: --wilayah", "id")
    'argumen ini wajib diberikan: --wilayah'
    >>> argparse_text("argument --k: invalid int value: 'x'", "id")
    "argumen --k: nilai int tidak sah: 'x'"
    """
    if lang == "en":
        return message
    for pattern, key in _ARGPARSE_FORMS:
        found = pattern.fullmatch(message)
        if found:
            fields = found.groupdict()
            if "pesan" in fields:
                fields["pesan"] = argparse_text(fields["pesan"], lang)
            return say(key, lang, **fields)
    return message


_ARGPARSE_FORMS = [(re.compile(p, re.S), key) for p, key in (
    (r"argument (?P<nama>[^:]+): (?P<pesan>.*)", "argparse_argumen"),
    (r"the following arguments are required: (?P<daftar>.*)", "argparse_wajib"),
    (r"unrecognized arguments: (?P<daftar>.*)", "argparse_tak_dikenal"),
    (r"invalid choice: (?P<nilai>.*) \(choose from (?P<pilihan>.*)\)", "argparse_pilihan"),
    (r"invalid (?P<jenis>\S+) value: (?P<nilai>.*)", "argparse_nilai"),
    (r"expected one argument", "argparse_satu"),
    (r"one of the arguments (?P<daftar>.*) is required", "argparse_salah_satu"),
    (r"not allowed with argument (?P<nama>.*)", "argparse_tidak_bersama"),
)]
"""argparse's messages (Python 3.11) a user meets, and their texts.cli lines."""


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The full parser, with every command module registered; its refusals in ``lang``."""
    parser_class = type("Parser", (_Parser,), {"lang": lang})  # sub-parsers are made of the same class
    parser = parser_class(
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
    for sub in imports.choices.values():  # every import is a submission: who sent it, when it arrived
        sub.add_argument("--user", default=None, metavar="NAME",
                         help="who sends this file, for the submission history (default: $PWS_USER, else cli:<OS user>)")
        sub.add_argument("--diterima", default=None, metavar="DATETIME", type=functools.partial(_datetime_option, lang=lang),
                         help="when the report arrived, for a back-filled file (e.g. 2026-10-06T10:30; "
                         "without a zone: the workspace's local time zone); default: now")
    return parser


def _datetime_option(text: str, lang: str = "id"):
    from datetime import datetime

    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say("bukan_waktu_opsi", lang, nilai=repr(text))) from None


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
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["serve", *argv])
    args.lang = lang
    try:
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
    except PwsError as exc:
        if getattr(args, "json", False):
            print(json.dumps({"error": exc.text(lang)}, ensure_ascii=False))
        print(say("galat", lang, pesan=exc.text(lang)), file=sys.stderr)
        status = 2
    except BrokenPipeError:
        _quiet_stdout()
        status = 0
    if args.command == "import":
        from commands.audit import record_import

        record_import(args, status)
    return status


def cli_sender(args) -> str:
    """Who runs an import from the command line: ``--user``, else ``$PWS_USER``, else ``cli:<OS user>``."""
    import os

    from commands.user import cli_username

    return getattr(args, "user", None) or os.environ.get("PWS_USER") or cli_username()


def run_cli_import(args, kind: str, options: dict | None = None, check: bool = False, progress=None):
    """Run ``import <kind>`` through :func:`uploads.run.run_import` (the upload page's path too) and record it.

    The sender is ``--user``, else ``$PWS_USER``, else ``cli:<OS user>``; the
    arrival time ``--diterima`` (a time without a zone is the workspace's local
    time: see :func:`commands.reports.local_zone`), else now.
    """
    from texts.message import in_lang
    from uploads.run import run_import
    from workspace import Workspace

    ws = Workspace(args.workspace)
    diterima = getattr(args, "diterima", None)
    if diterima is not None and diterima.tzinfo is None:
        from commands.reports import local_zone

        diterima = diterima.replace(tzinfo=local_zone(ws))
    return run_import(ws, kind, args.file, username=cli_sender(args), channel="cli", check=check,
                      diterima=diterima, options=options,
                      progress=progress or (lambda m: print(in_lang(m, args.lang), file=sys.stderr, flush=True)))


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


def print_json(obj, lang: str | None = "id") -> None:
    """One JSON object on stdout, UTF-8, no ASCII escaping of Indonesian names; messages in ``lang``."""
    from texts.message import said

    print(json.dumps(said(obj, lang), ensure_ascii=False, default=str))

"""``python app.py import boundaries FILE ...`` and ``python app.py check FILE ...``.

Both print the import report (text, or one JSON object with ``--json``); ``check``
writes nothing. Progress goes to stderr. Exit status 0 on success; a fatal error
is one paragraph on stderr (and ``{"error": ...}`` with ``--json``), status 2.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager

from commands import add_workspace_option, print_json
from errors import PwsError
from geo.levels import LEVELS
from texts.message import Message

_EPILOG = (
    "FILE: a .shp, a folder or .zip holding one, a .gpkg (FILE#LAYER to pick a layer when it has several), "
    ".geojson or GeoParquet .parquet. Codes are normalised to dotted Kemendagri form (1906012004 → "
    "19.06.01.2004); kecamatan, kabupaten/kota and provinsi are dissolved from the desa by code prefix "
    "unless supplied with --level-file."
)


def register(commands, imports) -> None:
    """Add ``import boundaries`` and ``check`` to the command line."""
    imp = imports.add_parser(
        "boundaries",
        help="import a desa boundary file into the workspace",
        description="Import desa boundaries: repair, derive kecamatan/kabupaten/provinsi, simplify, write the workspace atomically.",
        epilog=_EPILOG,
    )
    _add_options(imp)
    imp.set_defaults(handler=run_import)
    check = commands.add_parser(
        "check",
        help="report on a desa boundary file without importing it",
        description="The import report for a desa boundary file; nothing is written.",
        epilog=_EPILOG,
    )
    _add_options(check)
    check.set_defaults(handler=run_check)


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="desa boundary file")
    add_workspace_option(parser)
    parser.add_argument("--code-column", metavar="C", help="column holding the desa codes (default: detected)")
    parser.add_argument("--name-column", metavar="N", help="column holding the desa names (default: detected)")
    parser.add_argument("--crs", metavar="EPSG", help="coordinate system of a file that declares none, e.g. 32748")
    parser.add_argument("--codes", metavar="CODELIST", help="Kemendagri code list CSV (kode,nama,tingkat) for names and checks")
    parser.add_argument(
        "--level-file",
        metavar="LEVEL=FILE",
        action="append",
        default=[],
        help=f"use FILE's geometry for LEVEL ({', '.join(LEVELS[:-1])}) instead of dissolving desa; repeat for several levels",
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object on stdout")


def _options(args) -> dict:
    return {
        "code_column": args.code_column,
        "name_column": args.name_column,
        "crs": args.crs,
        "codes": args.codes,
        "level_files": _level_files(args.level_file),
    }


def _level_files(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        level, sep, path = value.partition("=")
        level = level.strip().lower()
        if not sep or not path:
            raise PwsError("level_file_bentuk", nilai=repr(value))
        if level not in LEVELS[:-1]:
            raise PwsError("level_file_tingkat", nilai=repr(value), pilihan=", ".join(LEVELS[:-1]))
        if level in out:
            raise PwsError("level_file_dua_kali", level=level, satu=out[level], dua=path)
        out[level] = path
    return out


def _show(report: dict, as_json: bool, lang: str = "id") -> None:
    from geo.importer import format_report

    if as_json:
        print_json(report, lang)
    else:
        print(format_report(report, lang=lang))


def run_import(args) -> int:
    """Handler of ``import boundaries``."""
    from commands import run_cli_import
    from geo.importer import stderr_progress

    options = _options(args)
    with _no_traceback(args.file, Message("ws_tidak_berubah", path=args.workspace)):
        report = run_cli_import(args, "boundaries", options, progress=stderr_progress(args.lang)).report
    _show(report, args.json, args.lang)
    return 0


def run_check(args) -> int:
    """Handler of ``check``."""
    from geo.importer import check_boundaries, stderr_progress

    options = _options(args)
    with _no_traceback(args.file, Message("tidak_ada_yang_ditulis")):
        report = check_boundaries(args.file, progress=stderr_progress(args.lang), **options)
    _show(report, args.json, args.lang)
    return 0


@contextmanager
def _no_traceback(path: str, consequence: Message):
    """An unexpected failure (a GEOS error on a pathological geometry, a full disk) as one paragraph."""
    try:
        yield
    except PwsError:
        raise
    except Exception as exc:  # noqa: BLE001 - the user gets a message, not a traceback
        raise PwsError("impor_gagal_tak_terduga", path=path, sebab=f"{type(exc).__name__}: {exc}",
                       akibat=consequence) from exc

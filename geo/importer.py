"""The boundary import from file to workspace: read → find columns → repair → hierarchy → simplify → write.

:func:`check_boundaries` runs the first steps and reports without writing;
:func:`import_boundaries` runs them all inside one workspace transaction, so a
failure (or a kill) leaves the previous workspace live and untouched.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from errors import PwsError
from geo.codelist import codelist_names, read_codelist
from geo.columns import find_code_column, find_name_column
from geo.hierarchy import derive_levels, level_counts
from geo.levels import LEVEL_LABELS, LEVELS, ancestor_code
from geo.readers import read_boundary_file
from geo.repair import PROBLEM_KEYS, clean_layer
from geo.simplify import simplify_for_display
from geo.store import write_boundaries
from texts.cli import say as cli_say
from texts.message import Message, in_lang

Progress = Callable[[str], None]


def stderr_progress(lang: str = "id") -> Progress:
    """A progress printer: ``[  3.2 s] message`` lines on stderr, in ``lang``."""
    start = time.perf_counter()

    def progress(message) -> None:
        print(f"[{time.perf_counter() - start:6.1f} s] {in_lang(message, lang)}", file=sys.stderr, flush=True)

    return progress


@dataclass
class Prepared:
    """Clean desa, supplied levels and names, ready for the hierarchy."""

    desa: gpd.GeoDataFrame
    supplied: dict[str, gpd.GeoDataFrame]
    names: dict[str, str]
    report: dict


def prepare_boundaries(
    path: str | os.PathLike,
    *,
    code_column: str | None = None,
    name_column: str | None = None,
    crs: str | int | None = None,
    codes: str | os.PathLike | None = None,
    level_files: dict[str, str | os.PathLike] | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read and repair the desa file (and any supplied level files); no hierarchy yet.

    Parameters are those of :func:`import_boundaries`. Raises :class:`PwsError`
    for anything that stops the import (unreadable file, no code column, no
    usable desa at all).
    """
    say = progress or (lambda message: None)
    names: dict[str, str] = {}
    known: set[str] | None = None
    if codes is not None:
        say(Message("proses_membaca_kodelist", path=codes))
        codelist = read_codelist(codes)
        names = codelist_names(codelist)
        known = set(codelist["kode"])
    say(Message("proses_membaca", path=path))
    desa, report = _read_level(path, "desa", code_column, name_column, crs, known)
    say(Message("proses_fitur_dibaca", fitur=f"{report['features']:,}", desa=f"{len(desa):,}"))
    if desa.empty:
        raise PwsError("batas_tanpa_desa", path=path, n=f"{report['features']:,}", ringkas=_summary_line(report))
    if names:  # a desa without a name in the file takes the code list's name
        desa["nama"] = [n if n else names.get(k) for k, n in zip(desa["kode"], desa["nama"])]
    supplied: dict[str, gpd.GeoDataFrame] = {}
    report["supplied"] = {}
    for level, level_path in (level_files or {}).items():
        if level not in LEVELS[:-1]:
            raise PwsError("level_file_tingkat_desa", nilai=f"{level}={level_path}", pilihan=", ".join(LEVELS[:-1]))
        say(Message("proses_membaca_tingkat", level=level, path=level_path))
        frame, level_report = _read_level(level_path, level, None, None, crs, known)
        supplied[level] = frame
        report["supplied"][level] = level_report
    return Prepared(desa, supplied, names, report)


def check_boundaries(path: str | os.PathLike, *, progress: Progress | None = None, **options) -> dict:
    """The import report for ``path`` without writing anything.

    ``levels`` counts the areas each level would have, as :func:`import_boundaries`
    would make them, without dissolving: the code prefixes of the level below,
    plus the supplied areas of a supplied level.
    """
    prepared = prepare_boundaries(path, progress=progress, **options)
    report = prepared.report
    counts = {}
    below = set(prepared.desa["kode"])
    counts["desa"] = len(below)
    for level in reversed(LEVELS[:-1]):  # as derive_levels does: each level from the one below
        given = set(prepared.supplied[level]["kode"]) if level in prepared.supplied else set()
        from_below = {ancestor_code(k, level) for k in below}
        if level in prepared.supplied:  # the same lists derive_levels gives the import
            report["supplied"][level]["without_desa"] = sorted(given - from_below)
            report["supplied"][level]["derived_instead"] = sorted(from_below - given)
        below = from_below | given
        counts[level] = len(below)
    report["levels"] = {level: counts[level] for level in LEVELS}
    report["written"] = False
    return _ordered(report)


def import_boundaries(
    path: str | os.PathLike,
    workspace: str | os.PathLike,
    *,
    code_column: str | None = None,
    name_column: str | None = None,
    crs: str | int | None = None,
    codes: str | os.PathLike | None = None,
    level_files: dict[str, str | os.PathLike] | None = None,
    progress: Progress | None = None,
) -> dict:
    """Import a desa boundary file into ``workspace``, atomically.

    Parameters
    ----------
    path : the desa file (see :func:`geo.readers.read_boundary_file`).
    workspace : the workspace folder (created when absent).
    code_column, name_column : columns to use instead of the detected ones.
    crs : coordinate system of a file that declares none (``--crs``).
    codes : Kemendagri code list CSV (``kode,nama,tingkat``): names for the derived
        levels, and a check that every desa code is official.
    level_files : level → file supplying that level's geometry (e.g. a national
        provinsi layer) instead of dissolving desa.
    progress : callable receiving progress messages (e.g. :func:`stderr_progress`).

    Returns
    -------
    The import report (see :mod:`geo.repair`), with ``levels`` (count per level),
    ``written`` True, ``workspace`` and ``snapshot``.
    """
    from workspace import Workspace

    say = progress or (lambda message: None)
    prepared = prepare_boundaries(
        path, code_column=code_column, name_column=name_column, crs=crs, codes=codes,
        level_files=level_files, progress=progress,
    )
    report = prepared.report
    problems: dict = {}
    levels = derive_levels(prepared.desa, prepared.names, prepared.supplied, problems=problems, progress=say)
    for level, found in problems.items():
        report["supplied"][level].update(found)
    report["levels"] = level_counts(levels)
    say(Message("proses_menyederhanakan", jumlah=", ".join(f"{n:,} {lv}" for lv, n in report["levels"].items())))
    display = simplify_for_display(levels, notes=report["notes"])
    say(Message("proses_menulis_workspace", path=workspace))
    ws = Workspace(workspace)
    with ws.transaction("boundaries") as tx:
        report["written"] = True
        report["workspace"] = str(workspace)
        from puskesmas.importer import carry_over

        # the wilayah kerja is drawn from the desa: redrawn from the new ones, or it would show the old borders
        note = carry_over(tx, levels["desa"])
        if note:
            report["notes"].append(note)
        write_boundaries(tx, levels, display, source=Path(report["file"]).name, report=_ordered(report))
    report["snapshot"] = ws.snapshot_id
    say(Message("proses_selesai"))
    return _ordered(report)


def _read_level(path, level, code_column, name_column, crs, known):
    source = read_boundary_file(path, crs=crs, level=level)
    frame = source.frame
    code_col = find_code_column(frame, level, code_column, source=source.path)
    name_col = find_name_column(frame, level, name_column, source=source.path, code_column=code_col)
    clean, report = clean_layer(frame, code_col, name_col, level=level, known_codes=known)
    header = {
        "file": source.path,
        "layer": source.layer,
        "crs": source.declared_crs,
        "code_column": str(code_col),
        "name_column": None if name_col is None else str(name_col),
        "notes": source.notes,
    }
    return clean, {**header, **report}


_ORDER = ("file", "layer", "crs", "code_column", "name_column", "features", "kept", *PROBLEM_KEYS, "levels",
          "supplied", "notes", "written", "workspace", "snapshot")


def _ordered(report: dict) -> dict:
    return {**{k: report[k] for k in _ORDER if k in report}, **{k: v for k, v in report.items() if k not in _ORDER}}


def _summary_line(report: dict) -> Message | list[Message]:
    found = [Message("geo_n_masalah", n=len(report[k]), masalah=Message("masalah_" + k)) for k in PROBLEM_KEYS if report.get(k)]
    return found or Message("geo_tanpa_masalah")


def format_report(report: dict, limit: int = 30, lang: str = "id") -> str:
    """The report as text for a person, in ``lang``: counts, then each problem by row and code.

    Lists longer than ``limit`` show their first entries and how many more there
    are (``--json`` gives them all). The words are :mod:`texts.cli`'s ``batas_*``.
    """
    def w(key, **fmt):
        return cli_say("batas_" + key, lang, **fmt)

    def name(key):
        return Message("masalah_" + key).text(lang)

    lines = [w("berkas", file=report["file"]) + (w("layer", layer=report["layer"]) if report.get("layer") else "")]
    lines.append(w("crs", crs=report.get("crs") or w("crs_tidak_ada")))
    lines.append(w("kolom", code=report["code_column"], name=report.get("name_column") or w("tidak_ada")))
    lines.append(w("jumlah", features=report["features"], kept=report["kept"]))
    for key in PROBLEM_KEYS:
        entries = report.get(key, [])
        lines.append(f"{name(key)}: {len(entries)}")
        lines.extend("  " + _entry(key, e, lang) for e in entries[:limit])
        if len(entries) > limit:
            lines.append("  " + w("lagi", n=len(entries) - limit))
    for level, sub in report.get("supplied", {}).items():
        lines.append(w("dipasok", level=LEVEL_LABELS[level], file=sub["file"], kept=sub["kept"], features=sub["features"]))
        for key in ("without_desa", "derived_instead"):
            codes = sub.get(key) or []
            if codes:
                lines.append(f"  {key}: {len(codes)} ({w(key)}): {', '.join(codes)}")
        for key in PROBLEM_KEYS:
            entries = sub.get(key) or []
            if entries:
                lines.append(f"  {name(key)}: {len(entries)}")
                lines.extend("    " + _entry(key, e, lang) for e in entries[:limit])
                if len(entries) > limit:
                    lines.append("    " + w("lagi", n=len(entries) - limit))
    for note in report.get("notes", []):
        lines.append(w("catatan", note=in_lang(note, lang)))
    if "levels" in report:
        lines.append(w("tingkat", levels=", ".join(f"{lv} {n:,}" for lv, n in report["levels"].items())))
    if report.get("written"):
        lines.append(w("ditulis", workspace=report["workspace"], snapshot=report.get("snapshot")))
    else:
        lines.append(w("periksa_saja"))
    return "\n".join(lines)


def problem_text(key: str, entry, lang: str = "id") -> str:
    """One entry of a problem list (``key`` of :data:`geo.repair.PROBLEM_KEYS`) in words, as the report prints it."""
    return _entry(key, entry, lang)


def _entry(key: str, e, lang: str) -> str:
    if not isinstance(e, dict):
        return str(in_lang(e, lang))
    if key == "duplicates":
        names = f" ({', '.join(e['nama'])})" if e.get("nama") else ""
        return f"{e['kode']}{names}: " + cli_say("batas_baris_digabung", lang, rows=", ".join(map(str, e["rows"])))
    where = cli_say("batas_baris", lang, row=e["row"]) if "row" in e else ""
    what = e.get("kode") or (repr(e["value"]) if "value" in e else "")
    name = f" {e['nama']}" if e.get("nama") else ""
    detail = in_lang(e.get("problem") or "", lang)
    action = f" → {in_lang(e['action'], lang)}" if e.get("action") else ""
    return f"{where} {what}{name}: {detail}{action}".replace("  ", " ").strip(" :")

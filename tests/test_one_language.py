"""One language per run: every command, its usual path and its refusals, by default and with ``--lang en``.

Each command of ``python app.py`` runs on the real Belitung Timur desa with
field-like files (bad rows included, so row reasons are printed), once in the
default language and once with ``--lang en``; what it prints (stdout and stderr)
must hold no word that only the other language uses. File paths, quoted values
(a cell, a sheet name, a command to type) and the alert method labels stored in
the workspace (``SKDR ≥2× rata-rata 3 mgg``: data, not words of the run) are left
out of the check.
"""

from __future__ import annotations

import io
import re
import shutil
import sys

import openpyxl
import pandas as pd
import pytest

import commands
from realdata import KELUBI
from w2_forms import w2_workbook

ID_ONLY = {
    "dan", "atau", "tidak", "yang", "dari", "dengan", "untuk", "belum", "sudah", "bukan", "tanpa", "ada", "di", "ke",
    "pada", "lagi", "baris", "dibaca", "diimpor", "ditolak", "dilewati", "dicari", "lembar", "kasus", "harapan",
    "kec", "peringatan", "galat", "berkas", "ditulis", "tersimpan", "templat", "catatan", "kolom", "laporan",
    "melapor", "tiba", "tepat", "waktu", "impor", "periksa", "jalankan", "pemakaian", "argumen", "selesai",
    "membaca", "menulis", "kata", "sandi", "pengguna", "tinggi", "sedang", "rendah",
}
"""Words an English run must not print (not the names of columns or places, which English messages use too)."""

EN_ONLY = {
    "the", "and", "of", "is", "are", "not", "no", "rows", "row", "read", "imported", "rejected", "skipped", "sheet",
    "cases", "expected", "alerts", "error", "file", "with", "without", "from", "for", "week", "weeks", "looked",
    "found", "written", "none", "nothing", "must", "give", "use", "run", "first", "done", "reading", "writing",
    "usage", "argument", "required", "password", "user", "high", "medium", "low", "saved", "values", "matched",
}
"""Words an Indonesian run must not print."""

_NAME = re.compile(r"[/\\=]|^[(\[]?-|^[A-Z][A-Z0-9_.,:;-]*$|\w,\w|\.(csv|xlsx|shp|parquet|geojson|gpkg|zip|prm|cas|geo)\b")
"""A token that is a name: path, option, metavariable, column list, file name, ``key=value``."""
_USAGE = re.compile(r"^(?:usage|pemakaian): .*(?:\n[ \t]+.*)*", re.M)
_QUOTED = re.compile(r"(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])|\"[^\"\n]*\"")


def foreign_words(text: str, lang: str, masks: tuple[str, ...] = ()) -> set[str]:
    """The words of ``text`` that belong to the other language.

    Left out: ``masks``, quoted values, argparse's synopsis of a command (its ``usage:`` line: command and
    option names), and tokens that are names rather than words: paths, options (``--level-file``),
    metavariables (``FILE``), file names, column lists (``kolom,isi,indikator``), ``key=value`` pairs of a
    record (the audit log's).

    >>> sorted(foreign_words("W2 lembar 'M40': nama desa dicari di Manggar; 2 kasus", "en"))
    ['di', 'dicari', 'kasus', 'lembar']
    >>> sorted(foreign_words("Galat: --minggu '2026-40' is not an ISO week", "id"))
    ['is', 'not', 'week']
    >>> foreign_words("/tmp/pytest-of-root/x.csv: berkas tidak ditemukan; --level-file TINGKAT=BERKAS", "id")
    set()
    """
    for mask in masks:
        text = text.replace(mask, " ")
    text = _USAGE.sub(" ", _QUOTED.sub(" ", text))
    kept = " ".join(w for w in text.split() if not _NAME.search(w))
    words = set(re.findall(r"[a-z]+", kept.lower()))
    return words & (EN_ONLY if lang == "id" else ID_ONLY)


def test_the_checker_bites_on_the_lines_an_english_run_printed_in_indonesian():
    # the lines commands/cases.py printed whatever the language (issue 13, point 4)
    printed = [
        "W2 lembar 'M40': minggu 2026-W40, puskesmas Manggar, nama desa dicari di 19.06.01; 2 kolom penyakit",
        "lembar tanpa bentuk W2, dilewati: Catatan",
        "Tidak ada peringatan.",
        "2026-W40  tinggi  Kelubi (19.06.01.2004), kec. Manggar  Diare akut: 9 kasus (harapan 1.0)  [EARS C2]",
    ]
    assert all(foreign_words(line, "en") for line in printed)
    assert foreign_words("Galat: --minggu '2026-40' is not an ISO week; write it as 2026-W40.", "id")


# -- the files a dinas sends, with mistakes ---------------------------------------------

def _inputs(root, ws) -> dict:
    desa = ws.read_geo("boundaries/desa.parquet")
    inner = desa.set_index("kode").geometry.representative_point()
    k = inner[KELUBI]
    files = {}
    files["indikator"] = root / "k1.csv"
    pd.DataFrame({"kode_desa": [KELUBI.replace(".", ""), "1906012006", "1906012003", "9999999999", "1906012007"],
                  "periode": ["2026-09", "2026-09", "2026-13", "2026-09", "2026-09"],
                  "indikator": ["k1"] * 5, "pembilang": [10, 30, 5, 3, 50], "penyebut": [20, 40, 10, 9, 40]}
                 ).to_csv(files["indikator"], index=False)
    files["indikator_salah"] = root / "salah.csv"
    pd.DataFrame({"desa": [KELUBI], "nilai": [3]}).to_csv(files["indikator_salah"], index=False)
    files["target"] = root / "target.csv"
    pd.DataFrame({"kode": ["1906"], "indikator": ["k1"], "target_tahunan": [95]}).to_csv(files["target"], index=False)
    files["target_salah"] = root / "target_salah.csv"
    pd.DataFrame({"kode": ["19", "1906"], "indikator": ["k1", "nope"], "target_tahunan": [95, -1]}
                 ).to_csv(files["target_salah"], index=False)
    files["posyandu"] = root / "posyandu.csv"
    pd.DataFrame({"id": ["P1", "P2", "P3", "P4"], "nama": ["Mawar", "Melati", "Anggrek", "Kenanga"],
                  "jenis": ["posyandu", "posyandu", "klinik", "posyandu"],
                  "lat": [k.y, "x", k.y, k.x], "lon": [k.x, k.x, k.x, k.y]}).to_csv(files["posyandu"], index=False)
    files["posyandu_salah"] = root / "posyandu_salah.csv"
    pd.DataFrame({"nama": ["Mawar"], "lat": [k.y], "lon": [k.x]}).to_csv(files["posyandu_salah"], index=False)
    files["puskesmas"] = root / "wk.csv"
    pd.DataFrame({"kode_puskesmas": ["P1906010101", "P1906010101", "P1906010202", "P1906010202", "P1906010101"],
                  "nama_puskesmas": ["Puskesmas Manggar", "Puskesmas Manggar", "Puskesmas Lalang", "Puskesmas Lalang",
                                     "Puskesmas Manggar"],
                  "kode_desa": [KELUBI.replace(".", ""), "1906012003", "1906012003", "1906019999", "19x"]}
                 ).to_csv(files["puskesmas"], index=False)
    files["puskesmas_salah"] = root / "wk_salah.csv"
    pd.DataFrame({"nama": ["Manggar"], "kode_desa": [KELUBI]}).to_csv(files["puskesmas_salah"], index=False)
    files["kasus"] = root / "kasus.csv"
    pd.DataFrame({"minggu": ["2026-W38", "2026-W39", "2026-W40", "minggu 40", "2026-W40", "2026-W40", "2026-W40"],
                  "tempat": [KELUBI, KELUBI, KELUBI, KELUBI, KELUBI, "19.06.01.9999", "P1"],
                  "penyakit": ["diare_akut", "diare_akut", "suspek_campak", "diare_akut", "cacar", "diare_akut",
                               "diare_akut"],
                  "jumlah": [1, 0, 2, 2, 1, 3, "dua"]}).to_csv(files["kasus"], index=False)
    files["w2"] = root / "w2.xlsx"
    w2_workbook(files["w2"], [dict(title="M41", puskesmas="Manggar",
                                   week_lines=[["Minggu ke-41 Tahun 2026"], ["Tanggal 12/10/2026 s/d 18/10/2026"]],
                                   diseases=["Diare akut", "ILI"],
                                   rows=[["Kelubi", 9, 0], ["Lalang", "x", 1], ["Antah Berantah", 1, 1]])])
    book = openpyxl.load_workbook(files["w2"])
    book.create_sheet("Keterangan").append(["Dikirim oleh", "Bidan desa"])
    book.save(files["w2"])
    return files


@pytest.fixture(scope="module")
def field_files(beltim_desa, tmp_path_factory):
    return _inputs(tmp_path_factory.mktemp("berkas"), beltim_desa)


def _scenario(ws: str, files: dict, tmp, shared_data) -> list[tuple[str, list[str]]]:
    """(name, argv) for every command: the usual path, then its refusals."""
    w = ["--workspace", ws]
    shp = str(shared_data / "boundaries" / "shp" / "desa_1906_belitung_timur.shp")
    nyc = shared_data / "satscan"
    return [
        ("check", ["check", shp]),
        ("check: no file", ["check", str(tmp / "nope.shp")]),
        ("import boundaries: level file", ["import", "boundaries", shp, "--level-file", "provinsi", *w]),
        ("import indicators", ["import", "indicators", str(files["indikator"]), *w]),
        ("import indicators --check", ["import", "indicators", str(files["indikator"]), "--check", *w]),
        ("import indicators: columns", ["import", "indicators", str(files["indikator_salah"]), *w]),
        ("import targets", ["import", "targets", str(files["target"]), *w]),
        ("import targets: bad rows", ["import", "targets", str(files["target_salah"]), *w]),
        ("import posyandu", ["import", "posyandu", str(files["posyandu"]), *w]),
        ("import posyandu: columns", ["import", "posyandu", str(files["posyandu_salah"]), *w]),
        ("import puskesmas", ["import", "puskesmas", str(files["puskesmas"]), *w]),
        ("import puskesmas: columns", ["import", "puskesmas", str(files["puskesmas_salah"]), *w]),
        ("import cases", ["import", "cases", str(files["kasus"]), *w]),
        ("import cases: W2", ["import", "cases", str(files["w2"]), *w]),
        ("import cases: --minggu", ["import", "cases", str(files["w2"]), "--minggu", "2026-40", *w]),
        ("import cases: --diterima", ["import", "cases", str(files["kasus"]), "--diterima", "kemarin", *w]),
        ("alerts", ["alerts", *w]),
        ("alerts: a quiet week", ["alerts", "--week", "2026-W01", *w]),
        ("alerts: --week", ["alerts", "--week", "40", *w]),
        ("indicators", ["indicators"]),
        ("table", ["table", "--indicator", "k1", "--period", "2026-09", "--area", "19.06", *w]),
        ("table: --area", ["table", "--indicator", "k1", "--period", "2026-09", "--area", "x", *w]),
        ("table: no --indicator", ["table", "--period", "2026-09", *w]),
        ("table: --k", ["table", "--indicator", "k1", "--period", "2026-09", "--scheme", "quantiles", "--k", "0", *w]),
        ("template indikator", ["template", "indikator", "--wilayah", "19.06.01", "--periode", "2026-10",
                                "-o", str(tmp / "t.xlsx"), *w]),
        ("template w2", ["template", "w2", "--wilayah", "P1906010101", "--minggu", "2026-W42",
                         "-o", str(tmp / "w2.xlsx"), *w]),
        ("template: no --periode", ["template", "indikator", "--wilayah", "19.06.01", "-o", str(tmp / "x.xlsx"), *w]),
        ("template: --wilayah", ["template", "w2", "--wilayah", "Nowhere", "--minggu", "2026-W42",
                                 "-o", str(tmp / "x.xlsx"), *w]),
        ("completeness", ["completeness", *w]),
        ("completeness: --area", ["completeness", "--area", "x", *w]),
        ("brief", ["brief", "--wilayah", "19.06", *w]),
        ("brief: --week", ["brief", "--wilayah", "19.06", "--week", "minggu ini", *w]),
        ("history", ["history", *w]),
        ("rollback: unknown snapshot", ["rollback", "nope", *w]),
        ("audit", ["audit", *w]),
        ("audit: --since", ["audit", "--since", "kemarin", *w]),
        ("user add", ["user", "add", "dinkes", "--role", "dinas", "--wilayah", "19.06", "--password-stdin", *w]),
        ("user add: short password", ["user", "add", "bidan", "--role", "admin", "--password-stdin", *w]),
        ("user list", ["user", "list", *w]),
        ("alert-status", lambda printed: ["alert-status", _alert_id(printed["alerts"]), "diverifikasi", "--verdict", "benar",
                                          "--user", "dinkes", *w]),
        ("alert-status: unknown alert", ["alert-status", "desa:2026-W40:diare_akut:19.06.01.9999", "diverifikasi",
                                         "--verdict", "benar", "--user", "dinkes", *w]),
        ("alert-status: unknown account", ["alert-status", "desa:2026-W40:diare_akut:19.06.01.9999", "diverifikasi",
                                           "--user", "siapa", *w]),
        ("notify", ["notify", *w]),
        ("notify --retry: no mail server", ["notify", "--retry", *w]),
        ("user disable", ["user", "disable", "dinkes", *w]),
        ("user set-password: unknown", ["user", "set-password", "siapa", "--password-stdin", *w]),
        ("scan", ["scan", str(nyc / "NYCfever.cas"), str(nyc / "NYCfever.geo"), "--prm",
                  str(nyc / "NYCSpaceTimePermutation.prm"), "--replications", "9"]),
        ("scan: --replications", ["scan", str(nyc / "NYCfever.cas"), str(nyc / "NYCfever.geo"), "--replications", "0"]),
        ("serve: --debug", ["serve", "--debug", "--host", "0.0.0.0", *w]),
        ("serve: empty workspace", ["serve", "--workspace", str(tmp / "kosong")]),
        ("demo: holds data", ["demo", *w]),
        ("app: unknown command", ["bantu"]),
    ]


_PASSWORDS = {"user add": "rahasia-panjang-sekali\n", "user add: short password": "pendek\n",
              "user set-password: unknown": "rahasia-panjang-sekali\n"}


def _run(argv: list[str], lang: str, capsys, monkeypatch, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        status = commands.main([*argv, *(["--lang", "en"] if lang == "en" else [])])
    except SystemExit as exc:  # argparse's refusals
        status = exc.code
    out = capsys.readouterr()
    return status, out.out + out.err


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_command_speaks_one_language(lang, beltim_desa, field_files, shared_data, tmp_path, capsys,
                                           monkeypatch):
    import settings

    monkeypatch.setattr(settings, "LANG", None)  # the default is Indonesian, whatever PWS_LANG the machine has
    ws = tmp_path / "ws"
    shutil.copytree(beltim_desa.root, ws)
    printed, statuses = {}, {}
    for name, argv in _scenario(str(ws), field_files, tmp_path, shared_data):
        argv = argv(printed) if callable(argv) else argv  # a step that needs what an earlier one printed
        statuses[name], printed[name] = _run(argv, lang, capsys, monkeypatch, _PASSWORDS.get(name, ""))
    methods = _method_labels(ws)
    mixed = {name: sorted(foreign_words(text, lang, methods)) for name, text in printed.items()}
    mixed = {name: words for name, words in mixed.items() if words}
    assert not mixed, "\n".join(f"{name}: {words}\n{printed[name][:1500]}" for name, words in mixed.items())
    # each refusal was refused, each usual path went through, and printed something
    refused = {name for name in printed if ":" in name and name not in ("alerts: a quiet week", "import cases: W2")}
    assert {name for name, status in statuses.items() if status != 0} == refused, statuses
    assert all(text.strip() for text in printed.values())
    # the lines that were in Indonesian in an English run, now in the run's language
    w2 = printed["import cases: W2"]
    assert ("W2 lembar 'M41'" if lang == "id" else "W2 sheet 'M41'") in w2
    assert ("lembar tanpa bentuk W2, dilewati: Keterangan" if lang == "id"
            else "sheets without a W2 form, skipped: Keterangan") in w2
    assert printed["alerts: a quiet week"].strip() == ("Tidak ada peringatan. (minggu 2026-W01)" if lang == "id"
                                                      else "No alerts. (week 2026-W01)")
    campak = next(line for line in printed["alerts"].splitlines() if "Kelubi" in line)  # suspek campak: 1 is a signal
    assert (", kec. Manggar  Suspek campak: 2 kasus" if lang == "id" else ", kecamatan Manggar  Suspected measles: 2 cases") in campak
    assert printed["import cases: --minggu"].startswith("Galat: --minggu '2026-40' bukan minggu ISO" if lang == "id"
                                                        else "Error: --minggu '2026-40' is not an ISO week")


def _alert_id(alerts_printed: str) -> str:
    """The id of the Kelubi alert in the ``alerts`` listing (the last field of its line)."""
    return next(line for line in alerts_printed.splitlines() if "Kelubi" in line).split()[-1]


def _method_labels(ws) -> tuple[str, ...]:
    """The method labels stored with the alerts (data of the workspace, written when the cases were imported)."""
    from workspace import Workspace

    workspace = Workspace(ws)
    if not workspace.has("kasus/peringatan.parquet"):
        return ()
    labels = set(workspace.read_table("kasus/peringatan.parquet", columns=["method"])["method"])
    return tuple(sorted(labels, key=len, reverse=True))  # longest first: one may hold another


# -- the words themselves -------------------------------------------------------------------

def _fields(text: str) -> set[str]:
    import string

    return {re.split(r"[.\[!:]", f)[0] for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("table", ["texts.errors", "texts.cli", "texts.strings"])
def test_each_message_has_both_languages_with_the_same_blanks(table):
    import importlib

    module = importlib.import_module(table)
    missing_en = sorted(set(module.ID) - set(module.EN)) if table != "texts.strings" else []
    differ = [k for k in module.ID if k in module.EN and _fields(module.ID[k]) != _fields(module.EN[k])]
    assert not missing_en and not differ, (missing_en, differ)


def _calls(names: set[str], skip=("tests", "bench", ".venv", "workspace-demo", "test-artifacts")):
    """(file, line, function name, first argument node) of every call to one of ``names`` in the project."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.rglob("*.py")):
        if set(path.relative_to(root).parts) & set(skip):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names and node.args:
                yield path.relative_to(root), node.lineno, node.func.id, node.args[0]


def _unknown_keys(calls, table: dict) -> list[str]:
    import ast

    bad = []
    for path, line, name, arg in calls:
        left = arg
        while isinstance(left, ast.BinOp):
            left = left.left
        if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.BinOp) and not isinstance(left, ast.Constant)):
            bad.append(f"{path}:{line} {name}(<text made here>)")
        for const in ([arg] if isinstance(arg, ast.Constant) else [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else []):
            if isinstance(const, ast.Constant) and const.value not in table:
                bad.append(f"{path}:{line} {name}({const.value!r})")
        if isinstance(arg, ast.BinOp) and isinstance(left, ast.Constant):  # "prefix_" + id: some key has it
            if not any(k.startswith(left.value) for k in table):
                bad.append(f"{path}:{line} {name}({left.value!r} + ...)")
    return bad


def test_every_error_and_row_reason_names_a_key_of_texts_errors():
    # a message written as text where it is raised cannot follow the reader's language
    from texts.errors import ID

    bad = _unknown_keys(_calls({"PwsError", "NotW2", "Message"}), ID)
    assert not bad, "\n".join(bad)


def test_every_command_line_is_a_key_of_texts_cli():
    from texts.cli import ID

    calls = [c for c in _calls({"say", "cli_say"}) if c[0].parts[0] in ("commands", "geo", "indicators")
             and not (c[0].parts[0] in ("geo", "indicators") and c[2] == "say")]  # there, say is the progress callback
    bad = _unknown_keys(calls, ID)
    assert not bad, "\n".join(bad)

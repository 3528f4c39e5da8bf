"""Catalogue files: the disease list (``data/penyakit.csv``) and SKDR alert rules (``data/skdr_ambang.csv``).

SKDR rules at desa level
------------------------
SKDR's national alert thresholds are set for the **puskesmas**, its reporting
unit. This dashboard works per desa, so each rule says where it is evaluated
(column ``wilayah``):

* ``desa``: the rule runs on each desa's weekly series. Right for rules that do
  not depend on population size: a single-case threshold (one suspected measles
  case is a signal wherever it is reported) and the rise rule "at least ``nilai``
  times the previous period", which is a ratio. Because ratios of small desa
  counts are noisy (0 → 1 is not "a doubling"), a rise rule needs at least
  ``minimal`` cases in the week.
* ``kecamatan``: a threshold set per puskesmas. It runs on the sum of the desa of
  each puskesmas's real wilayah kerja when the workspace has one (``import
  puskesmas``), and otherwise on each kecamatan, the usual working area of one
  puskesmas, so an absolute puskesmas threshold (e.g. 5 suspected dengue cases a
  week) keeps its meaning. The alert is listed for every desa of that area that
  had cases in the week, and says which area it was (``wilayah_aturan``).

A kabupaten edits its rules by adding rows with its ``kode_kabkota``: for a
disease, the kabupaten's rows replace the national rows (empty ``kode_kabkota``).
The defaults shipped are examples in SKDR's style; check them against the
current Pedoman SKDR before relying on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from errors import PwsError
from texts.message import Message
from geo.codes import normalise_kode
from settings import DATA_DIR

PENYAKIT_FILE = DATA_DIR / "penyakit.csv"
SKDR_FILE = DATA_DIR / "skdr_ambang.csv"
RULE_KINDS = ("ambang", "kenaikan")
RULE_AREAS = ("desa", "kecamatan")


def diseases() -> pd.DataFrame:
    """The disease list: ``id``, ``nama`` (Indonesian), ``nama_en``.

    >>> diseases().set_index("id").loc["diare_akut", "nama"]
    'Diare akut'
    """
    return _diseases().loc[:, ["id", "nama", "nama_en"]].copy()


@lru_cache(maxsize=1)
def _diseases() -> pd.DataFrame:
    return pd.read_csv(PENYAKIT_FILE, dtype=str, keep_default_na=False)


def disease_lookup() -> dict[str, str]:
    """Lower-case id, name or alias → disease id, for reading field files.

    >>> disease_lookup()["diare"], disease_lookup()["ispa/pneumonia"]
    ('diare_akut', 'ispa_pneumonia')
    """
    table = _diseases()
    out: dict[str, str] = {}
    for row in table.itertuples(index=False):
        for name in [row.id, row.nama, row.nama_en, *row.alias.split("|")]:
            if name.strip():
                out[name.strip().lower()] = row.id
    return out


def disease_name(penyakit: str, lang: str = "id") -> str:
    """Name of a disease id in ``lang`` (Indonesian, or ``en``; the id itself when unknown)."""
    names = dict(zip(_diseases()["id"], _diseases()["nama_en" if lang == "en" else "nama"]))
    return names.get(penyakit, penyakit)


@dataclass(frozen=True)
class SkdrRule:
    """One SKDR comparator row."""

    penyakit: str
    aturan: str
    nilai: float
    minggu_pembanding: int
    minimal: float
    wilayah: str
    kode_kabkota: str | None = None
    catatan: str = ""

    def method(self):
        """The alert method object of this rule."""
        from surveillance.temporal import SkdrRise, SkdrThreshold

        if self.aturan == "ambang":
            return SkdrThreshold(self.nilai)
        return SkdrRise(self.nilai, self.minggu_pembanding, self.minimal)

    def label_at(self, kind: str) -> str:
        """The label for a puskesmas rule evaluated on ``kind`` (``"puskesmas"`` or ``"kecamatan"``).

        >>> SkdrRule("suspek_dbd", "ambang", 10, 1, 1, "kecamatan").label_at("puskesmas")
        'SKDR ≥10 kasus (wilayah kerja)'
        """
        if kind == "puskesmas":
            return self.label.replace("(kecamatan)", "(wilayah kerja)")
        return self.label

    @property
    def label(self) -> str:
        """Short description for the alert list, e.g. ``SKDR ≥2× rata-rata 3 mgg``."""
        if self.aturan == "ambang":
            where = " (kecamatan)" if self.wilayah == "kecamatan" else ""
            return f"SKDR ≥{self.nilai:g} kasus{where}"
        return f"SKDR ≥{self.nilai:g}× rata-rata {self.minggu_pembanding} mgg"


def load_skdr_rules(path: str | Path | None = None) -> list[SkdrRule]:
    """Read and check an SKDR rules file (default ``data/skdr_ambang.csv``).

    Raises :class:`PwsError` naming the file, the row and what to fix.
    """
    path = Path(path) if path else SKDR_FILE
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise PwsError("skdr_tak_terbaca", path=path, sebab=exc) from None
    need = {"kode_kabkota", "penyakit", "aturan", "nilai", "minggu_pembanding", "minimal", "wilayah"}
    missing = need - set(table.columns)
    if missing:
        raise PwsError("skdr_kolom", path=path, hilang=", ".join(sorted(missing)), kolom=",".join(sorted(need)))
    known = set(_diseases()["id"])
    rules = []
    for i, row in enumerate(table.to_dict("records"), start=2):  # row 1 is the header
        where = Message("skdr_baris", path=path, baris=i)
        if row["penyakit"] not in known:
            raise PwsError("skdr_penyakit", where=where, nilai=repr(row["penyakit"]), pilihan=", ".join(sorted(known)))
        if row["aturan"] not in RULE_KINDS:
            raise PwsError("harus_salah_satu", where=where, kolom="aturan", pilihan=", ".join(RULE_KINDS), nilai=repr(row["aturan"]))
        if row["wilayah"] not in RULE_AREAS:
            raise PwsError("harus_salah_satu", where=where, kolom="wilayah", pilihan=", ".join(RULE_AREAS), nilai=repr(row["wilayah"]))
        try:
            nilai = float(row["nilai"])
            weeks = int(row["minggu_pembanding"] or 1)
            minimal = float(row["minimal"] or 1)
        except ValueError:
            raise PwsError("skdr_bukan_angka", where=where) from None
        if nilai <= 0 or (row["aturan"] == "kenaikan" and nilai <= 1) or weeks < 1:
            raise PwsError("skdr_nilai", where=where)
        kab = row["kode_kabkota"].strip()
        kab_code = normalise_kode(kab) if kab else None
        if kab and (kab_code is None or kab_code.count(".") != 1):
            raise PwsError("skdr_kabkota", where=where, kode=repr(kab))
        rules.append(SkdrRule(row["penyakit"], row["aturan"], nilai, weeks, minimal, row["wilayah"], kab_code, row.get("catatan", "")))
    return rules


def rules_for(rules: list[SkdrRule], penyakit: str, kode_kabkota: str) -> list[SkdrRule]:
    """The rules that apply to one disease in one kabupaten: its own rows if it has any, else the national ones."""
    own = [r for r in rules if r.penyakit == penyakit and r.kode_kabkota == kode_kabkota]
    return own or [r for r in rules if r.penyakit == penyakit and r.kode_kabkota is None]

"""SKDR's weekly W2 form: one row per desa, one column per disease.

What a W2 sheet looks like in the field::

    LAPORAN MINGGUAN WABAH (W2)
    Puskesmas : Manggar
    Minggu ke- 40   Tahun 2026          (or: 27/09/2026 s/d 03/10/2026)
    No | Kode desa | Desa/Kelurahan | Jumlah kasus baru (merged over the diseases)
       |           |                | Diare akut | Malaria konfirmasi | ...
    1  |           | Kelubi         | 3          |                    | ...

and sometimes one such sheet per week. :func:`read_w2` reads every sheet that has
this shape and returns the same :class:`~surveillance.importer.CaseImport` as a
long-form case file, so ``import cases`` goes on exactly as for one.

The week
--------
The header gives SKDR's week number with its year (``Minggu ke-40 Tahun 2026``)
or the week's dates. SKDR's week runs Sunday to Saturday and is labelled here by
the ISO week holding its Monday to Saturday (:mod:`surveillance.weeks`), so
**"Minggu ke-N tahun Y" is read as ISO week Y-WN**: the Sunday before that ISO
Monday through the Saturday. A date range is read by its last day (a Saturday for
an SKDR week, a Sunday for an ISO week: both fall in the same ISO week); when
both are written and disagree, the dates win and the report says so.

The desa
--------
A row names its desa by code (any spelling) or by name. Names repeat across
Indonesia, so a name is looked up only within one wilayah, chosen in this order:

1. ``wilayah`` given by the caller (``--wilayah``): a ``kode_puskesmas`` of the
   workspace's wilayah kerja table, or an area code (kecamatan, kabupaten ...);
2. the puskesmas named in the sheet's header, found in the wilayah kerja table
   by name or code; without that table, the kecamatan of the same name (a
   puskesmas usually carries its kecamatan's name);
3. the smallest area holding every desa code written in the sheet.

Without any of these, rows by name are refused (rows by code still import).
Names are compared without case, accents, punctuation or a ``Desa``/``Kel.``/
``Kelurahan`` prefix; such a prefix then picks between a desa and a kelurahan of
the same name (code ``2xxx`` / ``1xxx``). A name matching two desa of the wilayah
is rejected by row, naming both codes; an unknown name, or a desa outside the
wilayah, is reported as unmatched.

Counts
------
In a row with at least one count, an empty disease cell is 0 (forms leave zeros
blank). A row with no count at all is a desa that did not report that week: it is
listed and not imported (missing, not 0). A row with one unreadable cell is
rejected whole: importing its other cells would record that disease as 0.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from errors import PwsError
from texts.message import Message
from geo.codes import normalise_kode
from surveillance.catalogue import disease_lookup
from surveillance.weeks import format_week, week_of_date, weeks_in_year
from tabular import SheetCells, read_sheets
from tabular.dates import parse_bulan

GROUP_LABEL = "Jumlah kasus baru"
DESA_LABEL = "Desa/Kelurahan"
CODE_LABEL = "Kode desa"
_HEADER_SEARCH_ROWS = 30
_DESA_LABELS = re.compile(r"^(nama )?(desa|kelurahan|desa kelurahan|kelurahan desa|desa kel|kel desa|desa kelurahan nama)$")
_CODE_LABELS = re.compile(r"^(kode desa|kd desa|kdepum|kode desa kelurahan|kode kelurahan|iddesa|id desa|kode wilayah|kode)$")
_END_LABELS = re.compile(r"^(jumlah|total|jml)\b")
_NUMBERING = re.compile(r"^\(?\d{1,3}\)?$")
_WEEK = re.compile(r"minggu\s*(?:epidemiologi\s*|epid\.?\s*)?(?:ke)?\s*[-:.]?\s*(\d{1,2})\b", re.I)
_YEAR = re.compile(r"\b(20\d\d)\b")
_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(20\d\d)\b|\b(20\d\d)-(\d{2})-(\d{2})\b"
                   r"|\b(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(20\d\d)\b")
_PUSKESMAS = re.compile(r"(?:puskesmas|pkm)\s*[:.-]?\s*(.+)", re.I)
_PUSKESMAS_END = re.compile(r"\s*\b(kabupaten|kab\.?|kota|kecamatan|kec\.?|provinsi|minggu|tahun|tanggal|periode)\b.*$", re.I)
_PREFIX = re.compile(r"^(desa|ds|kelurahan|kel|kampung|kp)\b\s*", re.I)


class NotW2(PwsError):
    """The file is not a W2 workbook (no sheet has its shape, or it is not an .xlsx)."""


@dataclass
class W2Sheet:
    """How one sheet was read (for the report)."""

    sheet: str
    minggu: str | None = None
    puskesmas: str | None = None
    wilayah: str | None = None  # where names were looked up, e.g. "Puskesmas Manggar (P1906010)" or "19.06.01"
    penyakit: dict[str, str] = field(default_factory=dict)  # column header -> disease id
    kolom_dilewati: list[str] = field(default_factory=list)  # header cells that name no known disease
    catatan: list[str] = field(default_factory=list)


# -- the shape ---------------------------------------------------------------------

def _norm(text: object) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


def match_disease(header: str | None) -> str | None:
    """Disease id for a W2 column header: a name or alias, with or without SKDR's letter.

    >>> match_disease("Diare Akut"), match_disease("B. Malaria Konfirmasi"), match_disease("Suspek Demam Dengue (C)")
    ('diare_akut', 'malaria_konfirmasi', 'suspek_dbd')
    >>> match_disease("Jumlah kasus baru") is None, match_disease("L") is None, match_disease("Gigitan Hewan Penular Rabies")
    (True, True, 'ghpr')

    A bare letter is not read as SKDR's disease letter: ``L``/``P`` under a
    disease are the sexes in some forms.
    """
    if not header:
        return None
    lookup = _lookup()
    text = re.sub(r"\s+", " ", str(header).strip().lower())
    candidates = [text, re.sub(r"^[a-z]\s*[.)]\s*", "", text), re.sub(r"\s*\(([a-z])\)$", "", text)]
    for c in candidates:
        c = c.strip()
        if c in lookup:
            return lookup[c]
        n = _norm(c)
        if n in lookup:
            return lookup[n]
    return None


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    out = dict(disease_lookup())
    out.update({_norm(k): v for k, v in disease_lookup().items()})
    return out


@dataclass
class _Shape:
    header_top: int
    header_end: int
    desa_col: int | None
    code_col: int | None
    diseases: dict[int, str]  # column -> disease id
    labels: dict[int, str]  # column -> header text shown
    skipped: list[str]


def find_shape(sheet: SheetCells) -> _Shape | None:
    """The W2 header of a sheet (desa column, disease columns), or ``None`` when it has none."""
    rows = sorted(sheet.cells)[:_HEADER_SEARCH_ROWS]
    for top in rows:
        labels = {c: _norm(sheet.text(top, c) or "") for c in sheet.cells[top]}
        desa_col = next((c for c, t in labels.items() if _DESA_LABELS.match(t)), None)
        code_col = next((c for c, t in labels.items() if _CODE_LABELS.match(t)), None)
        if desa_col is None and code_col is None:
            continue
        width = max(max(sheet.cells[r]) for r in sheet.cells)
        depth = 0  # header lines under the first: their desa cell is empty or the label merged down
        while depth < 3 and all(_is_label(sheet.text(top + depth + 1, c)) for c in (desa_col, code_col) if c):
            depth += 1
        diseases, shown, skipped, end = {}, {}, [], top
        for c in range(1, width + 1):
            if c in (desa_col, code_col):
                continue
            for r in range(top + depth, top - 1, -1):  # the lowest header line names the disease
                hit = match_disease(sheet.text(r, c))
                if hit:
                    diseases[c], shown[c], end = hit, sheet.text(r, c), max(end, r)
                    break
        if not diseases:
            continue
        for c in range(1, width + 1):
            if c in diseases or c in (desa_col, code_col):
                continue
            texts = [sheet.text(r, c) for r in range(top, end + 1)]
            label = next((t for t in reversed(texts) if t), None)
            if label and not _NUMBERING.match(label) and _norm(label) not in ("no", "nomor", "no urut"):
                skipped.append(label)
        return _Shape(top, end, desa_col, code_col, diseases, shown, skipped)
    return None


def _is_label(text: str | None) -> bool:
    return text is None or bool(_DESA_LABELS.match(_norm(text)) or _CODE_LABELS.match(_norm(text)))


def is_w2(path: str | Path) -> bool:
    """True when some sheet of the workbook has a W2 header (desa column and disease columns).

    For telling a file's kind before importing it (an upload); the import itself
    tries the long form first and this shape when those columns are missing.
    """
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        return any(find_shape(s) is not None for s in read_sheets(path))
    except PwsError:
        return False


# -- the header lines -------------------------------------------------------------

def _header_lines(sheet: SheetCells, top: int) -> list[str]:
    lines = []
    for r in sorted(sheet.cells):
        if r >= top:
            break
        parts = []
        for c in sorted(sheet.cells[r]):
            value = sheet.cells[r][c]
            parts.append(value.strftime("%d/%m/%Y") if isinstance(value, (datetime, date)) else (sheet.text(r, c) or ""))
        lines.append(" ".join(dict.fromkeys(p for p in parts if p)))  # merged cells repeat their text
    return lines


def read_week(lines: list[str], title: str = "") -> tuple[str | None, list[str]]:
    """The ISO week a W2 header gives, and notes (dates and week number disagreeing).

    >>> read_week(["Minggu ke- 40 Tahun 2026"])
    ('2026-W40', [])
    >>> read_week(["Minggu ke : 1", "Tahun : 2027"]), read_week(["Minggu Epidemiologi ke-7 Tahun 2026"])[0]
    (('2027-W01', []), '2026-W07')
    >>> read_week(["Periode 27/09/2026 s/d 03/10/2026"])  # Sunday to Saturday
    ('2026-W40', [])
    >>> read_week(["Tanggal 28 September 2026 - 4 Oktober 2026"])  # Monday to Sunday
    ('2026-W40', [])
    """
    text = " ".join(lines)
    notes = []
    dates = _dates(text)
    by_dates = week_of_date(max(dates)) if dates else None
    by_number = None
    m = _WEEK.search(text) or _WEEK.search(title)
    if m:
        years = _YEAR.findall(text[m.end():]) or _YEAR.findall(text) or _YEAR.findall(title)
        if years:
            year, week = int(years[0]), int(m.group(1))
            if 1 <= week <= weeks_in_year(year):
                by_number = format_week(year, week)
            else:
                notes.append(Message("w2_minggu_tidak_ada", minggu=week, tahun=year))
    if by_dates and by_number and by_dates != by_number:
        notes.append(Message("w2_minggu_beda_tanggal", nomor=by_number, tanggal=by_dates))
    return by_dates or by_number, notes


def _dates(text: str) -> list[date]:
    out = []
    for m in _DATE.finditer(text):
        try:
            if m.group(1):
                out.append(date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
            elif m.group(4):
                out.append(date(int(m.group(4)), int(m.group(5)), int(m.group(6))))
            else:
                month = parse_bulan(m.group(8))
                if month:
                    out.append(date(int(m.group(9)), month, int(m.group(7))))
        except ValueError:
            continue
    return out


def read_puskesmas(lines: list[str]) -> str | None:
    """The puskesmas a W2 header names, or ``None``.

    >>> read_puskesmas(["LAPORAN MINGGUAN", "Puskesmas : Manggar   Kabupaten: Belitung Timur"])
    'Manggar'
    """
    for line in lines:
        m = _PUSKESMAS.search(line)
        if m:
            name = _PUSKESMAS_END.sub("", m.group(1)).strip(" :-")
            if name and not _norm(name).startswith(("minggu", "laporan")):
                return name
    return None


# -- the wilayah ------------------------------------------------------------------

@dataclass
class Places:
    """What names and codes are matched against."""

    desa: pd.DataFrame  # kode, nama
    wilayah_kerja: pd.DataFrame | None = None  # kode_puskesmas, nama_puskesmas, kode_desa
    kecamatan: pd.DataFrame | None = None  # kode, nama

    @classmethod
    def of_workspace(cls, ws, desa: pd.DataFrame | None = None) -> "Places":
        """The desa, wilayah kerja table (when imported) and kecamatan of a workspace snapshot."""
        from puskesmas.table import WILAYAH_KERJA_FILE as wk_file

        if desa is None:
            desa = ws.read_table("boundaries/desa.parquet", columns=["kode", "nama"])
        kecamatan = "boundaries/kecamatan.parquet"
        return cls(desa[["kode", "nama"]], ws.read_table(wk_file) if ws.has(wk_file) else None,
                   ws.read_table(kecamatan, columns=["kode", "nama"]) if ws.has(kecamatan) else None)

    def __post_init__(self):
        self.codes = set(self.desa["kode"])
        self.names = dict(zip(self.desa["kode"], self.desa["nama"]))

    def scope(self, wilayah: str | None, puskesmas: str | None, file_codes: list[str]) -> tuple[set[str] | None, str | None, list[str]]:
        """(desa codes names are matched in, how that wilayah is called, notes); ``None``: no wilayah."""
        notes = []
        if wilayah:
            found = self.named_wilayah(wilayah)
            if found is None:
                raise PwsError("wilayah_tak_dikenal", wilayah=repr(wilayah))
            return (*found, notes)
        if puskesmas:
            found = self._puskesmas(puskesmas)
            if found is not None:
                return (*found, notes)
            notes.append(Message("w2_puskesmas_tidak_ditemukan_wk" if self.wilayah_kerja is not None
                                 else "w2_puskesmas_tidak_ditemukan_kec", puskesmas=repr(puskesmas)))
        if file_codes:
            prefix = _common_prefix(file_codes)
            if prefix:
                return {k for k in self.codes if k.startswith(prefix + ".")}, prefix, notes
        return None, None, notes

    def named_wilayah(self, wilayah: str) -> tuple[set[str], str] | None:
        """(desa codes, label) of a kode_puskesmas of the wilayah kerja table or of an area code; ``None`` if neither."""
        wk = self.wilayah_kerja
        if wk is not None:
            rows = wk.loc[wk["kode_puskesmas"].astype(str).str.strip() == wilayah.strip()]
            if len(rows):
                return set(rows["kode_desa"]), f"Puskesmas {puskesmas_name(rows['nama_puskesmas'].iloc[0])} ({wilayah.strip()})"
        kode = normalise_kode(wilayah)
        if kode:
            inside = {k for k in self.codes if k == kode or k.startswith(kode + ".")}
            if inside:
                return inside, kode
        return None

    def _puskesmas(self, name: str):
        wanted = _puskesmas_key(name)
        wk = self.wilayah_kerja
        if wk is not None:
            keys = wk["nama_puskesmas"].map(_puskesmas_key)
            rows = wk.loc[(keys == wanted) | (wk["kode_puskesmas"].astype(str).str.strip() == name.strip())]
            if rows["kode_puskesmas"].nunique() == 1:
                return set(rows["kode_desa"]), f"Puskesmas {puskesmas_name(rows['nama_puskesmas'].iloc[0])} ({rows['kode_puskesmas'].iloc[0]})"
            return None
        if self.kecamatan is not None:
            rows = self.kecamatan.loc[self.kecamatan["nama"].map(_norm) == wanted]
            if len(rows) == 1:
                kode = rows["kode"].iloc[0]
                return {k for k in self.codes if k.startswith(kode + ".")}, kode
        return None


def puskesmas_name(name: object) -> str:
    """A puskesmas's own name, without the ``Puskesmas``/``UPTD Puskesmas``/``PKM`` tables often write before it.

    >>> puskesmas_name("UPTD Puskesmas Lalang"), puskesmas_name("Manggar")
    ('Lalang', 'Manggar')
    """
    return re.sub(r"^\s*(uptd\s+|upt\s+)?(puskesmas|pkm)\b\.?\s*", "", str(name), flags=re.I).strip() or str(name)


def _puskesmas_key(name: object) -> str:
    return re.sub(r"^(uptd |upt )?(puskesmas|pkm)\b\s*", "", _norm(name))


def _common_prefix(codes: list[str]) -> str | None:
    parts = [k.split(".")[:3] for k in codes]
    common = []
    for level in zip(*parts):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return ".".join(common) if len(common) >= 2 else None  # a kabupaten at least


def desa_key(name: object) -> tuple[str, str | None]:
    """(normalised name, ``"1"`` kelurahan / ``"2"`` desa / ``None``) for matching a desa by name.

    >>> desa_key("Kel. Sorkam  Kanan"), desa_key("DESA Kelubi"), desa_key("Kelubi")
    (('sorkam kanan', '1'), ('kelubi', '2'), ('kelubi', None))
    """
    text = str(name).strip()
    kind = None
    m = _PREFIX.match(text)
    if m and text[m.end():].strip():
        kind = "1" if m.group(1).lower().startswith("kel") else ("2" if m.group(1).lower().startswith("d") else None)
        text = text[m.end():]
    return _norm(text), kind


# -- reading ----------------------------------------------------------------------

def read_w2(path: str | Path, places: Places, wilayah: str | None = None, minggu: str | None = None):
    """Read every W2 sheet of a workbook into the case import's rows and report.

    Parameters
    ----------
    path : the ``.xlsx`` workbook.
    places : the workspace's desa (and wilayah kerja, kecamatan) to match rows against.
    wilayah : where to look names up (``--wilayah``): a kode_puskesmas or an area code.
    minggu : the ISO week for sheets whose header gives none (``--minggu``).

    Returns
    -------
    surveillance.importer.CaseImport, with ``extra["w2"]`` saying per sheet the
    week, puskesmas, wilayah and disease columns read.
    """
    from surveillance.importer import KASUS_COLUMNS, CaseImport

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise NotW2("formulir_harus_xlsx", path=path)
    try:
        every = [(s, find_shape(s)) for s in read_sheets(path)]
    except PwsError as exc:
        raise NotW2(exc.message) from None
    sheets = [(s, shape) for s, shape in every if shape is not None]
    if not sheets:
        raise NotW2("w2_tidak_ada_lembar", path=path)
    rows, problems, infos, rows_read = [], [], [], 0
    seen: dict[tuple[str, str], str] = {}  # (minggu, kode_desa) -> where it was first read
    for sheet, shape in sheets:
        info, sheet_rows, sheet_problems, n = _read_sheet(sheet, shape, places, wilayah, minggu, seen)
        rows.extend(sheet_rows)
        problems.extend(sheet_problems)
        infos.append(info)
        rows_read += n
    frame = pd.DataFrame(rows, columns=KASUS_COLUMNS)
    frame["jumlah"] = frame["jumlah"].astype("int64")
    unmatched = [{"row": r, "sheet": s, "reason": m} for r, s, k, m in problems if k == "unmatched"]
    rejected = [{"row": r, "sheet": s, "reason": m} for r, s, k, m in problems if k == "rejected"]
    result = CaseImport(str(path), frame, rows_read=rows_read, unmatched=unmatched, rejected=rejected)
    result.extra = {"form": "W2", "w2": [vars(i) for i in infos],
                    "lembar_dilewati": [s.title for s, shape in every if shape is None]}
    return result


def _read_sheet(sheet: SheetCells, shape: _Shape, places: Places, wilayah, minggu_option, seen):
    info = W2Sheet(sheet.title, penyakit={shape.labels[c]: d for c, d in shape.diseases.items()},
                   kolom_dilewati=shape.skipped)
    problems: list[tuple[int, str, str, str]] = []

    def problem(row, kind, message):
        problems.append((row, sheet.title, kind, Message("w2_lembar", lembar=repr(sheet.title), pesan=message)))

    lines = _header_lines(sheet, shape.header_top)
    info.minggu, notes = read_week(lines, sheet.title)
    info.catatan.extend(notes)
    if info.minggu is None and minggu_option:
        info.minggu = minggu_option
    info.puskesmas = read_puskesmas(lines)
    data = _data_rows(sheet, shape)
    if info.minggu is None:
        for r, _, _ in data:
            problem(r, "rejected", Message("w2_tanpa_minggu"))
        return info, [], problems, len(data)
    codes = [k for _, cell, _ in data if (k := normalise_kode(cell)) and k.count(".") == 3]
    scope, info.wilayah, notes = places.scope(wilayah, info.puskesmas, codes)
    info.catatan.extend(notes)
    by_name: dict[str, list[str]] = {}
    if scope is not None:
        for kode in scope:
            by_name.setdefault(desa_key(places.names.get(kode, ""))[0], []).append(kode)

    out = []
    for r, cell, counts in data:
        kode, kind, why = _desa_of(cell, places, scope, by_name, info.wilayah)
        if kode is None:
            problem(r, kind, why)
            continue
        values, bad = {}, []
        for c, penyakit in shape.diseases.items():
            raw = sheet.text(r, c)
            n = _count(raw)
            if raw is not None and n is None:
                bad.append(f"{shape.labels[c]} = {raw!r}")
            values[penyakit] = n
        if bad:
            problem(r, "rejected", Message("w2_bukan_bilangan", sel="; ".join(bad)))
            continue
        if all(v is None for v in values.values()):
            problem(r, "rejected", Message("w2_tanpa_hitungan", kode=kode))
            continue
        key = (info.minggu, kode)
        if key in seen:
            problem(r, "rejected", Message("w2_sudah_dibaca", kode=kode, minggu=info.minggu, tempat=seen[key]))
            continue
        seen[key] = Message("w2_lembar_baris", lembar=repr(sheet.title), baris=r)
        totals: dict[str, int] = {}
        for penyakit, n in values.items():  # two columns of one disease (e.g. under two groups) add up
            totals[penyakit] = totals.get(penyakit, 0) + (n or 0)
        out.extend([info.minggu, kode, penyakit, n, kode] for penyakit, n in totals.items())
    return info, out, problems, len(data)


def _data_rows(sheet: SheetCells, shape: _Shape) -> list[tuple[int, str | None, None]]:
    """(row, desa code or name, _) for each row under the header, up to a Jumlah/Total line."""
    out = []
    for r in sorted(sheet.cells):
        if r <= shape.header_end:
            continue
        name = sheet.text(r, shape.desa_col) if shape.desa_col else None
        code = sheet.text(r, shape.code_col) if shape.code_col else None
        first_count = min(shape.diseases)
        if any(_END_LABELS.match(_norm(sheet.text(r, c) or "")) for c in range(1, first_count)):
            break
        if name is None and code is None:
            if any(sheet.text(r, c) is not None for c in shape.diseases):
                out.append((r, None, None))
            continue
        if any(_DESA_LABELS.match(_norm(t)) or _CODE_LABELS.match(_norm(t)) for t in (name, code) if t):
            continue  # a header line below the disease names (SKDR's letters), the label merged down over it
        if all(_NUMBERING.match(t) for t in (name, code) if t):
            continue  # the (1) (2) (3) line under a printed form's header
        is_code = code is not None and (k := normalise_kode(code)) is not None and k.count(".") == 3
        out.append((r, code if is_code else (name or code), None))
    return out


def _desa_of(cell, places: Places, scope, by_name, wilayah_label):
    """(kode_desa, None, None) or (None, kind, reason)."""
    if cell is None:
        return None, "rejected", Message("w2_tanpa_desa")
    kode = normalise_kode(cell)
    if kode is not None and kode.count(".") == 3:
        if kode not in places.codes:
            return None, "unmatched", Message("kode_desa_tak_ada_di_batas", kode=kode)
        if scope is not None and kode not in scope:
            return None, "unmatched", Message("w2_desa_di_luar", kode=kode, nama=places.names.get(kode), wilayah=wilayah_label)
        return kode, None, None
    if scope is None:
        return None, "rejected", Message("w2_wilayah_tak_diketahui", desa=repr(cell))
    name, kind = desa_key(cell)
    hits = by_name.get(name, [])
    if len(hits) > 1 and kind:
        hits = [k for k in hits if k.split(".")[-1].startswith(kind)] or hits
    if len(hits) == 1:
        return hits[0], None, None
    if len(hits) > 1:
        listed = ", ".join(f"{k} ({'kelurahan' if k.split('.')[-1].startswith('1') else 'desa'})" for k in sorted(hits))
        return None, "rejected", Message("w2_desa_ganda", desa=repr(cell), wilayah=wilayah_label, daftar=listed)
    elsewhere = sorted(k for k, n in places.names.items() if desa_key(n)[0] == name)
    if elsewhere:
        return None, "unmatched", Message("w2_desa_bukan_di_sana", desa=repr(cell), wilayah=wilayah_label,
                                          lain=", ".join(elsewhere[:3]))
    return None, "unmatched", Message("w2_desa_bukan_dari", desa=repr(cell), wilayah=wilayah_label)


def _count(value) -> int | None:
    from surveillance.importer import _count as count

    return count(value)

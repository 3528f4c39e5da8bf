"""The ranked table of an area's children, for the page and for export."""

from __future__ import annotations

import math

import pandas as pd

from texts import t

from .format import format_count, format_value

TREND_MARKS = {"naik": "▲", "turun": "▼", "tetap": "▬"}


def trend_word(tren) -> str | None:
    """``naik``/``turun``/``tetap`` from the indicators' ``tren`` (a word or a signed number)."""
    if tren is None or (isinstance(tren, float) and math.isnan(tren)):
        return None
    if isinstance(tren, str):
        return tren if tren in TREND_MARKS else None
    return "naik" if tren > 0 else "turun" if tren < 0 else "tetap"


def ranked_rows(frame: pd.DataFrame | None, satuan: str, arah: str, lang: str) -> list[dict]:
    """Grid rows, best first (by the indicator's direction); areas without data last.

    Each row keeps raw numbers (``nilai``, ``pembilang``, ``penyebut``) for
    sorting and ``*_teks`` strings with units for display. A comparison frame
    (:func:`mapdata.compare.change_frame`) adds ``nilai_banding`` and
    ``perubahan`` with their texts.
    """
    if frame is None or frame.empty:
        return []
    f = frame.sort_values("nilai", ascending=(arah == "turun"), na_position="last", kind="stable")
    rows = []
    for rank, r in enumerate(f.itertuples(index=False), start=1):
        has = r.nilai is not None and not (isinstance(r.nilai, float) and math.isnan(r.nilai))
        word = trend_word(getattr(r, "tren", None))
        status = r.status if isinstance(r.status, str) else None
        rows.append(
            {
                "kode": r.kode,
                "peringkat": rank if has else None,
                "nama": r.nama,
                "nilai": float(r.nilai) if has else None,
                "nilai_teks": format_value(r.nilai, satuan, lang),
                "pembilang": _num(r.pembilang),
                "penyebut": _num(r.penyebut),
                "rasio_teks": f"{format_count(r.pembilang, lang)} / {format_count(r.penyebut, lang)}",
                "target": _num(getattr(r, "target_bulan", None)),
                "target_teks": format_value(getattr(r, "target_bulan", None), satuan, lang),
                "status": status,
                "status_teks": t(f"status_{status}", lang) if status else t("tidak_ada_data", lang),
                "tren": word,
                "tren_teks": f"{TREND_MARKS[word]} {t('tren_' + word, lang)}" if word else "–",
            }
        )
        if "perubahan" in f.columns:
            from .compare import format_change

            rows[-1] |= {
                "nilai_banding": _num(r.nilai_banding),
                "nilai_banding_teks": format_value(r.nilai_banding, satuan, lang),
                "perubahan": _num(r.perubahan),
                "perubahan_teks": format_change(r.perubahan, satuan, lang),
            }
    return rows


GRID_FIELDS = ("kode", "peringkat", "nama", "nilai", "nilai_teks", "rasio_teks", "status", "status_teks", "tren", "tren_teks")
"""What the grid shows or uses (row id, sorting, colour class); export keeps every field."""


def grid_rows(rows: list[dict]) -> list[dict]:
    """Ranked rows cut to :data:`GRID_FIELDS`, values rounded for sorting (the text shows them).

    >>> grid_rows([{"kode": "19.06", "peringkat": 1, "nama": "A", "nilai": 87.654321, "nilai_teks": "87,7 %",
    ...             "pembilang": 71.0, "rasio_teks": "71 / 81", "status": "baik", "status_teks": "Baik",
    ...             "tren_teks": "–"}])
    [{'kode': '19.06', 'peringkat': 1, 'nama': 'A', 'nilai': 87.6543, 'nilai_teks': '87,7 %', 'rasio_teks': '71 / 81', 'status': 'baik', 'status_teks': 'Baik', 'tren': None, 'tren_teks': '–'}]
    """
    out = []
    for r in rows:
        row = {k: r.get(k) for k in GRID_FIELDS + CHANGE_FIELDS + REPORT_FIELDS + RESPON_FIELDS
               if k in GRID_FIELDS or k in r}
        if row["nilai"] is not None:
            row["nilai"] = round(row["nilai"], 4)  # enough to keep the ranking's order when sorting by it
        out.append(row)
    return out


CHANGE_FIELDS = ("nilai_banding_teks", "perubahan", "perubahan_teks")
"""What a comparison adds to the table's rows (the other month's value and the change)."""

REPORT_FIELDS = ("kedua_teks",)
"""What a report view adds to the table's rows (the other figure, :func:`mapdata.laporan.ranked_rows`)."""

RESPON_FIELDS = ("verif_24j", "verif_24j_teks", "verif_24j_status", "verif_24j_catatan", "median_verif",
                 "median_verif_teks", "direspon", "direspon_teks")
"""What the alert response figures add to rows of kabupaten/kota or puskesmas (:func:`mapdata.waspada.figure_fields`)."""

SORT_KEYS = ("peringkat", "nama", "nilai", "status", "tren", "perubahan", "verif_24j", "median_verif", "direspon")
"""Columns the table sorts by (the ratio column is text: two numbers)."""

STATUS_ORDER = {"baik": 0, "capai": 1, "kurang": 2, "cukup": 3, "belum_capai": 4, "jelek": 5,
                "tercapai": 0, "mendekati": 1, "jauh": 2, "belum_tempo": 3}
TREND_ORDER = {"naik": 0, "tetap": 1, "turun": 2}


def sort_rows(rows: list[dict], kolom: str | None, naik: bool = True) -> list[dict]:
    """Table rows ordered by column ``kolom`` (``None``: the ranking), ascending when ``naik``.

    Rows without the sorted value stay last either way: a missing value is
    not a low one.

    >>> rows = [{"nama": "B", "nilai": 2.0}, {"nama": "A", "nilai": None}, {"nama": "C", "nilai": 5.0}]
    >>> [r["nama"] for r in sort_rows(rows, "nilai", naik=False)]
    ['C', 'B', 'A']
    >>> [r["nama"] for r in sort_rows(rows, "nama")]
    ['A', 'B', 'C']
    """
    if kolom is None or kolom not in SORT_KEYS:
        kolom, naik = "peringkat", True

    def value(r):
        v = r.get(kolom)
        if kolom == "nama":
            return str(v or "").casefold()
        if kolom == "status":
            return STATUS_ORDER.get(v)
        if kolom == "tren":
            return TREND_ORDER.get(v)
        return v

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    return sorted(present, key=value, reverse=not naik) + missing


def _num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def export_frame(rows: list[dict], lang: str, banding: str | None = None,
                 columns: list[tuple[str, str | None]] | None = None) -> pd.DataFrame:
    """The table as users download it: localized headers, raw numbers, status words.

    With ``banding`` (a comparison), the other month's value and the change follow the value;
    ``columns`` (``(row key, text key)``) replace the indicator's (a report view's, :func:`mapdata.laporan.export_columns`);
    rows with alert response figures end with them (percentages and hours as numbers).
    """
    cols = columns or [
        ("peringkat", "col_peringkat"),
        ("kode", None),
        ("nama", "col_nama"),
        ("nilai", "col_nilai"),
        ("pembilang", "col_pembilang"),
        ("penyebut", "col_penyebut"),
        ("target", "col_target"),
        ("status_teks", "col_status"),
        ("tren", "col_tren"),
    ]
    if banding and not columns:
        cols[4:4] = [("nilai_banding", "col_nilai_banding"), ("perubahan", "col_perubahan")]
    if rows and "verif_24j" in rows[0]:  # rows of kabupaten/kota or puskesmas: the alert response figures
        cols += [("verif_24j", "col_verif_24j_persen"), ("respon_target", "col_target_respon"),
                 ("median_verif", "col_median_verif_jam"), ("direspon", "col_direspon_persen")]
    frame = pd.DataFrame(rows, columns=[c for c, _ in cols])
    numbers = [c for c in ("nilai", "target", "nilai_banding", "perubahan", "verif_24j", "respon_target",
                           "median_verif", "direspon") if c in frame]
    frame[numbers] = frame[numbers].astype(float).round(2)
    return frame.rename(columns={c: (t(k, lang, periode=banding) if k else "kode") for c, k in cols})

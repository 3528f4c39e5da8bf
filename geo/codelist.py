"""The official Kemendagri code list: every code with its name and level.

The format is that of ``kode_wilayah.csv`` (cahyadsn/wilayah, Kepmendagri 2025)::

    kode,nama,tingkat
    19,Kepulauan Bangka Belitung,provinsi
    19.06,Kabupaten Belitung Timur,kabkota
    19.06.01,Manggar,kecamatan
    19.06.01.2004,Kelubi,desa

Codes may also be written without dots; they are normalised. ``tingkat`` is
optional (the level follows from the code).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from errors import PwsError
from geo.codes import normalise_kode_series
from geo.levels import level_of


def read_codelist(path: str | os.PathLike) -> pd.DataFrame:
    """Read a Kemendagri code list.

    Parameters
    ----------
    path : CSV file with columns ``kode`` and ``nama`` (``tingkat`` optional),
        UTF-8 (a byte-order mark is accepted) or, failing that, Latin-1.

    Returns
    -------
    DataFrame with columns ``kode`` (dotted), ``nama``, ``tingkat`` (the level,
    one of :data:`geo.levels.LEVELS`, from the code itself), one row per code, in file order.

    Raises
    ------
    PwsError
        When the file is missing, lacks the columns, or holds values that are not
        Kemendagri codes (listed by row).
    """
    path = Path(path)
    if not path.exists():
        raise PwsError("kodelist_tidak_ada", path=path)
    try:
        raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except UnicodeDecodeError:
        raw = pd.read_csv(path, dtype=str, encoding="latin-1", keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise PwsError("kodelist_tak_terbaca", path=path, sebab=exc) from exc
    columns = {c.strip().lower(): c for c in raw.columns}
    if "kode" not in columns or "nama" not in columns:
        raise PwsError("kodelist_kolom", path=path, kolom=", ".join(map(str, raw.columns)))
    kode = normalise_kode_series(raw[columns["kode"]].str.strip())
    bad = kode.isna()
    if bad.any():
        rows = [f"{i + 2} ({raw[columns['kode']].iloc[i]!r})" for i in bad.to_numpy().nonzero()[0][:10]]
        raise PwsError("kodelist_bukan_kode", path=path, n=int(bad.sum()), baris=", ".join(rows))
    out = pd.DataFrame(
        {
            "kode": kode.astype(object),
            "nama": raw[columns["nama"]].str.strip().astype(object),
            "tingkat": [level_of(k) for k in kode],
        }
    )
    return out.drop_duplicates("kode", keep="first").reset_index(drop=True)


def codelist_names(codelist: pd.DataFrame) -> dict[str, str]:
    """Map dotted code → name, for :func:`geo.hierarchy.derive_levels`.

    >>> codelist_names(pd.DataFrame({"kode": ["19", "19.06"], "nama": ["Babel", "Belitung Timur"]}))
    {'19': 'Babel', '19.06': 'Belitung Timur'}
    """
    return dict(zip(codelist["kode"], codelist["nama"]))


def read_codelist_names(path: str | os.PathLike) -> dict[str, str]:
    """Shortcut: :func:`read_codelist` then :func:`codelist_names`."""
    return codelist_names(read_codelist(path))


__all__ = ["read_codelist", "codelist_names", "read_codelist_names"]

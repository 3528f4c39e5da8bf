"""Reading and checking a wilayah kerja file: one row per desa, the puskesmas that serves it.

The rules, each reported by file row:

- a desa claimed by two puskesmas is listed with both rows and assigned to neither
  (guessing would put its cases under the wrong kepala puskesmas);
- a desa code that is not a code, or not a desa of the workspace, is not imported;
- a wilayah crossing a kecamatan border is allowed (it happens) and noted;
- a wilayah crossing a kabupaten border is not imported: the puskesmas level sits
  under one kabupaten on the map;
- desa of the workspace that no puskesmas serves are listed.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from access.actor import WILAYAH_KERJA_TABLE
from errors import PwsError
from geo.codes import normalise_kode
from geo.columns import find_code_column
from geo.levels import ancestor_code
from tabular import read_table_file
from texts.message import Message

WILAYAH_KERJA_FILE = f"{WILAYAH_KERJA_TABLE}.parquet"
"""The workspace table (see :data:`access.actor.WILAYAH_KERJA_TABLE`)."""
PUSKESMAS_ID = re.compile(r"(?=.*[0-9])(?![0-9.]*\.[0-9.]*$)[^/\s?#&]{1,60}")
"""What a ``kode_puskesmas`` may be: a digit somewhere (Kemenkes codes such as ``P1906010202``),
not digits and dots alone (that reads as a Kemendagri code), nothing a URL would split on."""
COLUMNS = ["kode_puskesmas", "nama_puskesmas", "kode_desa", "lat", "lon"]

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "kode_puskesmas": ("kode_puskesmas", "kd_puskesmas", "id_puskesmas", "kode_pkm", "kd_pkm", "id_pkm",
                       "puskesmas_id", "kode_faskes"),
    "nama_puskesmas": ("nama_puskesmas", "nm_puskesmas", "nama_pkm", "nm_pkm", "puskesmas", "nama_faskes"),
    "lat": ("lat", "latitude", "lintang", "y", "koordinat_y"),
    "lon": ("lon", "lng", "long", "longitude", "bujur", "x", "koordinat_x"),
}
"""Accepted spellings (compared in lower case, runs of other characters as ``_``);
the desa code column is found as every other import finds it
(:func:`geo.columns.find_code_column`)."""

PROBLEMS = ("missing_puskesmas", "invalid_puskesmas_code", "invalid_desa_code", "unknown_desa", "claimed_twice", "crossing_kabupaten",
            "bad_coordinates")
"""Rows not imported (or, for coordinates, imported without them), in reading order."""
NOTES = ("crossing_kecamatan", "repeated_rows", "other_names", "other_coordinates", "without_puskesmas")


def _key(name: object) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower()).strip("_")


def read_wilayah_kerja_file(path: str | Path) -> pd.DataFrame:
    """Read a CSV or ``.xlsx`` wilayah kerja file into standard columns.

    Returns
    -------
    DataFrame with ``baris`` (file row number), ``kode_puskesmas``,
    ``nama_puskesmas``, ``kode_desa`` and, when the file has them, ``lat``/``lon``;
    values as text, checked by :func:`check_wilayah_kerja`.
    """
    path = Path(path)
    if not path.exists():
        raise PwsError("berkas_tidak_ada", path=path)
    frame, rows = read_table_file(path)
    by_key: dict[str, str] = {}
    for c in frame.columns:
        by_key.setdefault(_key(c), c)
    found = {}
    for standard, names in COLUMN_NAMES.items():
        hit = next((by_key[n] for n in names if n in by_key and by_key[n] not in found.values()), None)
        if hit is not None:
            found[standard] = hit
    if "kode_puskesmas" not in found:
        raise PwsError("pkm_kolom_kode_tidak_ada", path=path.name, kolom=", ".join(map(str, frame.columns)),
                       juga=", ".join(COLUMN_NAMES["kode_puskesmas"][1:]))
    rest = frame.drop(columns=list(found.values()))
    try:
        found["kode_desa"] = find_code_column(rest, "desa", source=path.name)
    except PwsError:
        raise PwsError("pkm_kolom_desa_tidak_ada", path=path.name, kolom=", ".join(map(str, frame.columns))) from None
    out = pd.DataFrame({standard: frame[column] for standard, column in found.items()})
    if "nama_puskesmas" not in out:
        out["nama_puskesmas"] = None
    out.insert(0, "baris", np.asarray(rows, dtype="int64"))
    return out.reset_index(drop=True)


def check_wilayah_kerja(rows: pd.DataFrame, desa: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Apply the rules above: the wilayah kerja table and the report.

    Parameters
    ----------
    rows : as from :func:`read_wilayah_kerja_file` (``baris``, ``kode_puskesmas``,
        ``nama_puskesmas``, ``kode_desa``, optional ``lat``/``lon``).
    desa : the workspace's desa, ``kode`` and ``nama``.

    Returns
    -------
    table : one row per assigned desa, columns :data:`COLUMNS` (``lat``/``lon``
        NaN when not given), sorted by puskesmas then desa.
    report : ``rows``, ``puskesmas``, ``desa_assigned``, and the lists named in
        :data:`PROBLEMS` and :data:`NOTES`.

    Examples
    --------
    >>> desa = pd.DataFrame({"kode": ["19.06.01.2001", "19.06.01.2002"], "nama": ["A", "B"]})
    >>> rows = pd.DataFrame({"baris": [2, 3, 4], "kode_puskesmas": ["P1", "P2", "P1"],
    ...                      "nama_puskesmas": ["Satu", "Dua", "Satu"],
    ...                      "kode_desa": ["1906012001", "19.06.01.2002", "19.06.01.2002"]})
    >>> table, report = check_wilayah_kerja(rows, desa)
    >>> table[["kode_puskesmas", "kode_desa"]].values.tolist()
    [['P1', '19.06.01.2001']]
    >>> [r["row"] for r in report["claimed_twice"][0]["rows"]], report["without_puskesmas"][0]["kode"]
    ([3, 4], '19.06.01.2002')
    """
    report: dict = {"rows": int(len(rows)), **{k: [] for k in PROBLEMS + NOTES}}
    names = dict(zip(desa["kode"], desa["nama"]))
    work = _clean(rows, names, report)
    work = _repeated(work, report)
    work = _claimed_twice(work, report)
    work = _crossing_kabupaten(work, report)
    table = _one_per_puskesmas(work, report)
    _crossing_kecamatan(table, report)
    assigned = set(table["kode_desa"])
    report["without_puskesmas"] = [{"kode": k, "nama": n} for k, n in sorted(names.items()) if k not in assigned]
    report["puskesmas"] = int(table["kode_puskesmas"].nunique())
    report["desa_assigned"] = int(len(table))
    report["desa_total"] = int(len(names))
    return table, report


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _number(value) -> float | None:
    text = _text(value)
    if text is None:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _usable_id(kode: str) -> bool:
    """A puskesmas id the map can name: not a Kemendagri code (it would be taken for that area),
    holding a digit, without spaces or ``/ ? # &`` (it travels in the URL).

    >>> [_usable_id(k) for k in ("P1906010202", "1060123", "19.06.01", "Puskesmas A", "PKM")]
    [True, True, False, False, False]
    """
    return normalise_kode(kode) != kode and PUSKESMAS_ID.fullmatch(kode) is not None


def _clean(rows: pd.DataFrame, names: dict, report: dict) -> pd.DataFrame:
    """Rows with a puskesmas and a workspace desa, codes normalised; the others reported."""
    kept = []
    has_coords = "lat" in rows and "lon" in rows
    for r in rows.to_dict("records"):
        row = int(r["baris"])
        kode_puskesmas = _text(r["kode_puskesmas"])
        raw_desa = _text(r["kode_desa"])
        kode_desa = normalise_kode(raw_desa) if raw_desa is not None else None
        if kode_puskesmas is None:
            report["missing_puskesmas"].append({"row": row, "kode_desa": raw_desa})
            continue
        if not _usable_id(kode_puskesmas):
            report["invalid_puskesmas_code"].append({"row": row, "kode_puskesmas": kode_puskesmas})
            continue
        if kode_desa is None or kode_desa.count(".") != 3:
            report["invalid_desa_code"].append({"row": row, "kode_puskesmas": kode_puskesmas, "kode_desa": raw_desa})
            continue
        if kode_desa not in names:
            report["unknown_desa"].append({"row": row, "kode_puskesmas": kode_puskesmas, "kode_desa": kode_desa})
            continue
        lat = lon = float("nan")
        if has_coords and (_text(r["lat"]) is not None or _text(r["lon"]) is not None):
            y, x = _number(r["lat"]), _number(r["lon"])
            if y is None or x is None or not (-90 <= y <= 90 and -180 <= x <= 180):
                report["bad_coordinates"].append({"row": row, "kode_puskesmas": kode_puskesmas,
                                                  "lat": _text(r["lat"]), "lon": _text(r["lon"])})
            else:
                lat, lon = y, x
        kept.append({"baris": row, "kode_puskesmas": kode_puskesmas, "nama_puskesmas": _text(r["nama_puskesmas"]),
                     "kode_desa": kode_desa, "lat": lat, "lon": lon})
    return pd.DataFrame(kept, columns=["baris", *COLUMNS])


def _repeated(work: pd.DataFrame, report: dict) -> pd.DataFrame:
    """The same puskesmas and desa twice: one row is enough (noted, not a problem)."""
    dup = work.duplicated(["kode_puskesmas", "kode_desa"], keep="first")
    if dup.any():
        first = work.groupby(["kode_puskesmas", "kode_desa"])["baris"].transform("first")
        for i in np.flatnonzero(dup.to_numpy()):
            report["repeated_rows"].append({"row": int(work["baris"].iat[i]), "first_row": int(first.iat[i]),
                                            "kode_puskesmas": work["kode_puskesmas"].iat[i],
                                            "kode_desa": work["kode_desa"].iat[i]})
    return work[~dup]


def _claimed_twice(work: pd.DataFrame, report: dict) -> pd.DataFrame:
    """A desa two puskesmas claim goes to neither: the dinas must decide, not the import."""
    claims = work.groupby("kode_desa")["kode_puskesmas"].nunique()
    contested = set(claims[claims > 1].index)
    for kode_desa in sorted(contested):
        mine = work[work["kode_desa"] == kode_desa]
        report["claimed_twice"].append({
            "kode_desa": kode_desa,
            "rows": [{"row": int(b), "kode_puskesmas": p} for b, p in zip(mine["baris"], mine["kode_puskesmas"])],
        })
    return work[~work["kode_desa"].isin(contested)]


def _crossing_kabupaten(work: pd.DataFrame, report: dict) -> pd.DataFrame:
    """A wilayah in two kabupaten cannot sit under one kabupaten on the map: not imported."""
    kab = work["kode_desa"].map(lambda k: ancestor_code(k, "kabkota"))
    spread = kab.groupby(work["kode_puskesmas"]).nunique()
    crossing = set(spread[spread > 1].index)
    for kode in sorted(crossing):
        mine = work["kode_puskesmas"] == kode
        report["crossing_kabupaten"].append({
            "kode_puskesmas": kode, "kabupaten": sorted(set(kab[mine])),
            "rows": [int(b) for b in work.loc[mine, "baris"]],
        })
    return work[~work["kode_puskesmas"].isin(crossing)]


def _one_per_puskesmas(work: pd.DataFrame, report: dict) -> pd.DataFrame:
    """One name and one building point per puskesmas: the first given wins, others are noted."""
    work = work.sort_values("baris", kind="stable")
    out = []
    for kode, rows in work.groupby("kode_puskesmas", sort=True):
        given = [n for n in rows["nama_puskesmas"] if n]
        nama = given[0] if given else kode
        if len(set(given)) > 1:
            report["other_names"].append({"kode_puskesmas": kode, "nama_puskesmas": nama,
                                          "also": sorted(set(given) - {nama})})
        points = rows.dropna(subset=["lat", "lon"])
        lat, lon = (float(points["lat"].iat[0]), float(points["lon"].iat[0])) if len(points) else (np.nan, np.nan)
        other = points[(points["lat"] != lat) | (points["lon"] != lon)]
        if len(other):
            report["other_coordinates"].append({"kode_puskesmas": kode, "lat": lat, "lon": lon,
                                                "rows": [int(b) for b in other["baris"]]})
        out.append(pd.DataFrame({"kode_puskesmas": kode, "nama_puskesmas": nama,
                                 "kode_desa": sorted(rows["kode_desa"]), "lat": lat, "lon": lon}))
    if not out:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("lat", "lon") else object) for c in COLUMNS})
    table = pd.concat(out, ignore_index=True)[COLUMNS]
    table[["lat", "lon"]] = table[["lat", "lon"]].astype("float64")
    return table


def _crossing_kecamatan(table: pd.DataFrame, report: dict) -> None:
    """Allowed, but worth saying: the kecamatan totals and the puskesmas totals differ there."""
    kec = table["kode_desa"].map(lambda k: ancestor_code(k, "kecamatan"))
    for kode, rows in table.groupby("kode_puskesmas", sort=True):
        spread = sorted(set(kec[rows.index]))
        if len(spread) > 1:
            report["crossing_kecamatan"].append({"kode_puskesmas": kode,
                                                 "nama_puskesmas": rows["nama_puskesmas"].iat[0],
                                                 "kecamatan": spread})


def summary(report: dict) -> list[Message] | Message:
    """How many rows or puskesmas fell into each problem list, for a message.

    >>> summary({"unknown_desa": [{"row": 3}], "claimed_twice": []})[0].text("en")
    '1 unknown desa'
    """
    parts = [Message("geo_n_masalah", n=len(report[k]), masalah=Message("pkm_masalah_" + k))
             for k in PROBLEMS if report.get(k)]
    return parts or Message("geo_tanpa_masalah")

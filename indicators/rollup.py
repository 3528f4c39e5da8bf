"""Roll desa values up to kecamatan, kabupaten/kota and provinsi, for a month and year-to-date.

Coverage is rolled up by summing numerators and denominators over the desa that
reported, never by averaging percentages: desa at 9/10 and 1/90 make a
kecamatan of 10/100 = 10 %, not 50 %. A desa with no row for the month is
*missing*: it adds nothing to the sums and is counted in ``desa_dengan_data``
(out of ``desa_total``), never taken as zero.

Year-to-date (``*_kumulatif``) for one desa and month m of year y:

* ``pembilang_kumulatif`` = sum of the desa's pembilang over y-01 … m;
* ``penyebut_kumulatif`` = for ``target_prorata = ya`` indicators the penyebut of
  month m itself (the annual sasaran, which the file repeats each month: summing
  it would count the same pregnant women twelve times); otherwise the sum of the
  penyebut over y-01 … m.

An area's year-to-date is the sum of these over its desa *that reported in
month m*, so numerator and denominator always cover the same desa.

One SQL text does this in DuckDB, both at import (for the stored
``indikator/agregat.parquet``) and in :func:`rollup`, the DataFrame form used in
tests and by anyone without a workspace.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from geo.levels import CODE_LENGTH, LEVELS
from indicators.catalogue import SATUAN_SCALE, load_catalogue

AGGREGATE_TABLE = "indikator/agregat.parquet"
NILAI_TABLE = "indikator/nilai.parquet"
AREA_LEVELS = LEVELS[:-1]  # provinsi, kabkota, kecamatan: the levels stored in agregat


def desa_cumulative_sql(nilai: str, katalog: str, where: str = "") -> str:
    """SQL for desa rows with their year-to-date columns.

    Parameters
    ----------
    nilai : SQL relation with ``kode_desa, periode, indikator, pembilang, penyebut``.
    katalog : SQL relation with ``indikator, target_prorata`` (bool).
    where : optional filter on ``nilai`` (without ``WHERE``), applied before the
        window; it must keep whole years of a desa for the cumulative to be right.
    """
    filt = f"WHERE {where}" if where else ""
    return f"""
        SELECT n.kode_desa AS kode, n.periode, n.indikator, n.pembilang, n.penyebut,
               sum(n.pembilang) OVER w AS pembilang_kumulatif,
               CASE WHEN coalesce(k.target_prorata, false) THEN n.penyebut
                    ELSE sum(n.penyebut) OVER w END AS penyebut_kumulatif
        FROM (SELECT * FROM {nilai} {filt}) n
        LEFT JOIN {katalog} k ON k.indikator = n.indikator
        WINDOW w AS (PARTITION BY n.indikator, n.kode_desa, left(n.periode, 4)
                     ORDER BY n.periode ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    """


def aggregate_sql(desa_kumulatif: str) -> str:
    """SQL summing desa rows (:func:`desa_cumulative_sql`) to every area level above desa.

    Output columns: ``tingkat, kode, periode, indikator, pembilang, penyebut,
    pembilang_kumulatif, penyebut_kumulatif, desa_dengan_data``.
    """
    parts = []
    for level in AREA_LEVELS:
        n = CODE_LENGTH[level]
        parts.append(f"""
            SELECT '{level}' AS tingkat, left(kode, {n}) AS kode, periode, indikator,
                   sum(pembilang) AS pembilang, sum(penyebut) AS penyebut,
                   sum(pembilang_kumulatif) AS pembilang_kumulatif,
                   sum(penyebut_kumulatif) AS penyebut_kumulatif,
                   count(*)::INTEGER AS desa_dengan_data
            FROM {desa_kumulatif} GROUP BY ALL""")
    return " UNION ALL ".join(parts)


def katalog_frame(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The two catalogue columns the SQL needs, as a plain frame."""
    return pd.DataFrame({"indikator": catalogue.index.astype(str),
                         "target_prorata": catalogue["target_prorata"].astype(bool).to_numpy()})


def scale(pembilang, penyebut, satuan: str) -> np.ndarray:
    """Displayed value: ratio × unit factor (``persen`` ×100, ``per_1000``, ``per_100000``).

    ``jumlah`` is the pembilang itself. A zero or missing penyebut gives NaN
    (no value), never 0 or infinity.

    >>> scale([9, 1, 0], [10, 0, 0], "persen").tolist()
    [90.0, nan, nan]
    >>> scale([3], [200_000], "per_100000").tolist()
    [1.5]
    """
    num = np.asarray(pembilang, dtype=float)
    if satuan == "jumlah":
        return num.copy()
    den = np.asarray(penyebut, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den * SATUAN_SCALE[satuan]
    out[~(den > 0)] = np.nan
    return out


def rollup(nilai: pd.DataFrame, desa: pd.Series | list[str], level: str, periode: str,
           catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Roll desa rows up to ``level`` for one month, with year-to-date.

    Parameters
    ----------
    nilai : desa rows ``kode_desa, periode, indikator, pembilang, penyebut``.
    desa : codes of every desa in the area (to count ``desa_total``).
    level : ``"provinsi"``, ``"kabkota"``, ``"kecamatan"`` or ``"desa"``.
    periode : ``"YYYY-MM"``.
    catalogue : from :func:`load_catalogue` (default: the project's).

    Returns
    -------
    One row per area × indikator that has desa: ``kode, indikator, pembilang,
    penyebut, pembilang_kumulatif, penyebut_kumulatif, desa_dengan_data,
    desa_total, nilai, nilai_kumulatif`` (scaled by the indicator's satuan; NaN
    where no desa reported).

    Examples
    --------
    >>> rows = pd.DataFrame({"kode_desa": ["19.06.01.2001", "19.06.01.2002"], "periode": "2025-03",
    ...                      "indikator": "ds", "pembilang": [9.0, 1.0], "penyebut": [10.0, 90.0]})
    >>> out = rollup(rows, ["19.06.01.2001", "19.06.01.2002", "19.06.01.2003"], "kecamatan", "2025-03")
    >>> out[["kode", "pembilang", "penyebut", "nilai", "desa_dengan_data", "desa_total"]].values.tolist()
    [['19.06.01', 10.0, 100.0, 10.0, 2, 3]]
    """
    catalogue = load_catalogue() if catalogue is None else catalogue
    n = CODE_LENGTH[level]
    year = periode[:4]
    con = duckdb.connect()
    try:
        con.register("nilai_in", nilai[["kode_desa", "periode", "indikator", "pembilang", "penyebut"]])
        con.register("katalog", katalog_frame(catalogue))
        con.register("desa_in", pd.DataFrame({"kode": pd.Series(list(desa), dtype=object)}))
        kum = desa_cumulative_sql("nilai_in", "katalog", f"periode BETWEEN '{year}-01' AND '{periode}'")
        sums = con.execute(f"""
            WITH kum AS ({kum}),
            m AS (SELECT left(kode, {n}) AS kode, indikator,
                         sum(pembilang) AS pembilang, sum(penyebut) AS penyebut,
                         sum(pembilang_kumulatif) AS pembilang_kumulatif,
                         sum(penyebut_kumulatif) AS penyebut_kumulatif,
                         count(*)::INTEGER AS desa_dengan_data
                  FROM kum WHERE periode = '{periode}' GROUP BY ALL),
            t AS (SELECT left(kode, {n}) AS kode, count(*)::INTEGER AS desa_total FROM desa_in GROUP BY ALL),
            ind AS (SELECT DISTINCT indikator FROM nilai_in)
            SELECT t.kode, ind.indikator, m.pembilang, m.penyebut, m.pembilang_kumulatif, m.penyebut_kumulatif,
                   coalesce(m.desa_dengan_data, 0) AS desa_dengan_data, t.desa_total
            FROM t CROSS JOIN ind LEFT JOIN m ON m.kode = t.kode AND m.indikator = ind.indikator
            ORDER BY ind.indikator, t.kode
        """).df()
    finally:
        con.close()
    satuan = sums["indikator"].map(catalogue["satuan"])
    sums["nilai"] = np.nan
    sums["nilai_kumulatif"] = np.nan
    for unit, idx in sums.groupby(satuan).groups.items():
        part = sums.loc[idx]
        sums.loc[idx, "nilai"] = scale(part["pembilang"], part["penyebut"], unit)
        sums.loc[idx, "nilai_kumulatif"] = scale(part["pembilang_kumulatif"], part["penyebut_kumulatif"], unit)
    return sums.reset_index(drop=True)

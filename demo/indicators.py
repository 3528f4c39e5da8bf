"""Monthly values of every catalogue indicator for every demo desa.

What the numbers mean follows the catalogue (``data/indikator.csv``):

* ``target_prorata = ya`` (annual-sasaran coverage, e.g. K1, IDL, SPM screening):
  ``penyebut`` is the desa's **annual** sasaran (the same every month of a year) and
  ``pembilang`` the people served **in that month**; the year-to-date coverage is the
  sum of the months' pembilang over the sasaran, and builds up through the year
  towards the target pro-rated by month. The year's total never exceeds the sasaran.
  DBD incidence is the same with cases over the population.
* ``target_prorata = tidak`` (a monthly rate, e.g. D/S, stunting, reporting
  completeness): ``pembilang`` and ``penyebut`` both count this month.

Sasaran come from the desa population with the usual planning fractions
(e.g. ibu hamil = 1.1 × 1.7 % of penduduk). Every desa has its own level around
the province's, scaled by its ``kinerja``; a few weak desa lag everywhere. Some
desa × months are missing (no report): those rows are absent, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

LAHIR_HIDUP = 0.017  # live births per head per year
BALITA = 0.085  # children under five per head

MISSING_MONTH_SHARE = 0.015  # desa × months without any report
MISSING_ROW_SHARE = 0.005  # single indicator values left out of a report
LATE_SHARE = 0.06  # extra desa whose latest month has not arrived yet


@dataclass(frozen=True)
class Spec:
    """How one indicator's numbers are generated.

    kind : ``cakupan`` (annual sasaran, monthly counts), ``insiden`` (cases over
        penduduk, counted like cakupan), ``laju`` (monthly rate over a monthly count of
        people), ``fasilitas`` (share of the desa's posyandu/pustu).
    basis : people per head of population (``cakupan``, ``laju``) or facility kind.
    level : annual coverage, monthly share, or cases per head per year (``insiden``).
    naik : True when a better-run desa scores higher.
    trend : change of ``level`` per year (improvement programmes).
    """

    kind: str
    basis: float | str
    level: float
    naik: bool = True
    trend: float = 0.02


SPECS: dict[str, Spec] = {
    "lapor_lengkap": Spec("fasilitas", "posyandu+pustu", 0.93),
    "posyandu_ilp": Spec("fasilitas", "posyandu", 0.72, trend=0.10),  # ILP is being rolled out
    "k1": Spec("cakupan", 1.1 * LAHIR_HIDUP, 0.97),
    "k6": Spec("cakupan", 1.1 * LAHIR_HIDUP, 0.82),
    "pf": Spec("cakupan", 1.05 * LAHIR_HIDUP, 0.90),
    "kn_lengkap": Spec("cakupan", LAHIR_HIDUP, 0.88),
    "idl": Spec("cakupan", 0.985 * LAHIR_HIDUP, 0.86),
    "ds": Spec("laju", BALITA, 0.78),
    "stunting": Spec("laju", BALITA * 0.6, 0.17, naik=False, trend=-0.01),
    "asi_eksklusif": Spec("laju", LAHIR_HIDUP / 2 * 0.8, 0.62),
    "skrining_usia_produktif": Spec("cakupan", 0.66, 0.68, trend=0.05),
    "skrining_lansia": Spec("cakupan", 0.10, 0.74, trend=0.04),
    "hipertensi": Spec("cakupan", 0.75 * 0.30, 0.52, trend=0.05),
    "dm": Spec("cakupan", 0.75 * 0.02, 0.63, trend=0.04),
    "odgj_berat": Spec("cakupan", 0.0018, 0.80),
    "tbc_terduga": Spec("cakupan", 0.005, 0.70, trend=0.05),
    "hiv_berisiko": Spec("cakupan", 0.01, 0.72),
    "diare_oralit_zinc": Spec("laju", BALITA * 0.02, 0.80),
    "dbd_ir": Spec("insiden", 1.0, 16e-5, naik=False, trend=-2e-5),
    "posyandu_kader": Spec("fasilitas", "posyandu", 0.70, trend=0.06),
    "obat_esensial": Spec("fasilitas", "pustu", 0.86),
}

# Services pick up over the year (slow January, a push before the books close in
# December); DBD peaks in the rainy season (January–March).
_SERVICE_SEASON = np.array([0.75, 0.9, 1.0, 1.0, 1.0, 0.95, 1.0, 1.05, 1.0, 1.05, 1.05, 1.25])
_DBD_SEASON = 1 + 0.8 * np.cos(2 * np.pi * (np.arange(12) - 1.5) / 12)
# Bulan timbang (February, August): vitamin A months, more balita weighed.
_DS_SEASON = np.where(np.isin(np.arange(12), [1, 7]), 1.12, 1.0)


def fallback_spec(row: pd.Series) -> Spec:
    """A plausible spec for a catalogue indicator this module does not know yet."""
    target = float(row["target_tahunan"])
    naik = row["arah"] == "naik"
    if row["satuan"] != "persen":
        return Spec("insiden", 1.0, target * 1.5 / {"per_1000": 1e3, "per_100000": 1e5}.get(row["satuan"], 1e3), naik=naik)
    if row["target_prorata"] in (True, "ya"):
        return Spec("cakupan", 0.02, min(0.98, target / 100 * 0.85), naik=naik)
    return Spec("laju", 0.05, min(0.98, target / 100 * (0.9 if naik else 1.2)), naik=naik)


def month_range(end_month: str, n_months: int = 24) -> list[str]:
    """``n_months`` months ``'YYYY-MM'`` ending with ``end_month``.

    >>> month_range("2026-02", 3)
    ['2025-12', '2026-01', '2026-02']
    """
    end = pd.Period(end_month, freq="M")
    return [str(end - i) for i in range(n_months - 1, -1, -1)]


def indicator_values(
    rng: np.random.Generator,
    profile: pd.DataFrame,
    fasilitas: pd.DataFrame,
    catalogue: pd.DataFrame,
    months: list[str],
) -> pd.DataFrame:
    """Long table ``kode_desa, periode, indikator, pembilang, penyebut`` (float64).

    Parameters
    ----------
    profile : :func:`demo.population.desa_profile` (``kode_desa, penduduk, kinerja, lemah``).
    fasilitas : the demo's facilities; facility shares count them, and the latest month
        agrees with their ``ilp_aktif`` and ``lapor_bulan_ini``.
    catalogue : the indicator catalogue (:func:`indicators.catalogue.load_catalogue`, or
        the raw CSV): ``id`` (index or column), ``satuan, target_tahunan, arah, target_prorata``.
    months : consecutive months ``'YYYY-MM'``.

    Returns
    -------
    The table sorted by ``indikator, kode_desa, periode`` (as the indicator import
    stores it, for fast reads of one indicator).
    """
    if "id" not in catalogue.columns:
        catalogue = catalogue.rename_axis("id").reset_index()
    n = len(profile)
    periods = pd.PeriodIndex(months, freq="M")
    counts = _facility_counts(profile["kode_desa"], fasilitas)
    frames = []
    for row in catalogue.itertuples(index=False):
        spec = SPECS.get(row.id) or fallback_spec(pd.Series(row._asdict()))
        # each desa sits a little above or below its overall kinerja on each programme
        own = profile["kinerja"].to_numpy() * rng.lognormal(0.0, 0.07, n)
        pemb, peny = _GENERATORS[spec.kind](rng, spec, profile, own, periods, counts)
        frames.append(_long(profile["kode_desa"], months, row.id, pemb, peny))
    values = pd.concat(frames, ignore_index=True)
    values = _latest_month_from_facilities(values, counts, months[-1])
    return _drop_missing(rng, values, profile, months)


def _level(spec: Spec, own: np.ndarray, year_index: np.ndarray) -> np.ndarray:
    """Per desa × month level: the province's, scaled by the desa, improving by year."""
    base = spec.level + spec.trend * year_index[None, :]
    if spec.naik:
        return np.clip(base * own[:, None], 0.0, 0.995)
    return np.clip(base / own[:, None], 0.0, 0.95)


def _year_index(periods: pd.PeriodIndex) -> np.ndarray:
    return (periods.year - periods.year.min()).to_numpy(float)


def _annual_counts(rng, spec, profile, own, periods, season, basis_people):
    """Monthly counts of an annual total (a binomial of the sasaran) spread over its year."""
    n = len(profile)
    years = np.unique(periods.year)
    pemb = np.zeros((n, len(periods)))
    peny = np.zeros((n, len(periods)))
    for y, year in enumerate(years):
        growth = 1.012 ** (year - years.min())  # population grows ~1.2 % a year
        sasaran = np.maximum(1, np.round(basis_people * growth))
        rate = _level(spec, own, np.array([float(y)]))[:, 0]
        total = rng.binomial(sasaran.astype(np.int64), rate)
        # per desa its own month weights around the season (multinomial needs rows that sum to 1)
        weights = season[None, :] * rng.gamma(20.0, 1 / 20.0, (n, 12))
        weights /= weights.sum(axis=1, keepdims=True)
        monthly = np.array([rng.multinomial(t, w) for t, w in zip(total, weights)])
        cols = np.flatnonzero(periods.year == year)
        pemb[:, cols] = monthly[:, periods.month[cols] - 1]
        peny[:, cols] = sasaran[:, None]
    return pemb, peny


def _cakupan(rng, spec, profile, own, periods, counts):
    people = profile["penduduk"].to_numpy(float) * spec.basis
    return _annual_counts(rng, spec, profile, own, periods, _SERVICE_SEASON, people)


def _insiden(rng, spec, profile, own, periods, counts):
    """Cases a month over the population (``penyebut`` = penduduk of the year)."""
    n = len(profile)
    penduduk = profile["penduduk"].to_numpy(float)
    growth = 1.012 ** (periods.year - periods.year.min()).to_numpy(float)
    peny = np.round(penduduk[:, None] * growth[None, :])
    rate = _level(spec, own, _year_index(periods)) * _DBD_SEASON[periods.month - 1][None, :] / 12
    # cases cluster: a desa-level gamma makes a few desa hot spots
    hot = rng.gamma(0.8, 1 / 0.8, n)[:, None]
    pemb = rng.poisson(peny * rate * hot).astype(float)
    return pemb, peny


def _laju(rng, spec, profile, own, periods, counts):
    """This month's share of this month's people (balita weighed, measured, treated …)."""
    n = len(profile)
    people = profile["penduduk"].to_numpy(float) * spec.basis
    growth = 1.012 ** (periods.year - periods.year.min()).to_numpy(float)
    expected = people[:, None] * growth[None, :]
    if spec.basis < BALITA / 10:  # a count of events (diare cases), not a population
        peny = rng.poisson(expected).astype(float)
    else:
        peny = np.round(expected)
    p = _level(spec, own, _year_index(periods))
    if spec is SPECS.get("ds"):
        p = np.clip(p * _DS_SEASON[periods.month - 1][None, :], 0, 0.995)
    pemb = rng.binomial(peny.astype(np.int64), p).astype(float)
    # a month with nobody to count (no diare case) has no value: 0/0 is missing, not 0 %
    pemb[peny == 0] = np.nan
    return pemb, np.where(peny == 0, np.nan, peny)


def _fasilitas(rng, spec, profile, own, periods, counts):
    """Share of the desa's posyandu/pustu doing something this month."""
    total = counts[spec.basis].to_numpy(float)
    peny = np.repeat(total[:, None], len(periods), axis=1)
    # programmes roll out month by month, not in yearly steps
    months_in = np.arange(len(periods), dtype=float) / 12
    p = np.clip((spec.level + spec.trend * (months_in[None, :] - months_in[-1])) * own[:, None], 0, 0.995)
    pemb = rng.binomial(peny.astype(np.int64), p).astype(float)
    return pemb, peny


_GENERATORS = {"cakupan": _cakupan, "insiden": _insiden, "laju": _laju, "fasilitas": _fasilitas}


def _facility_counts(kode_desa: pd.Series, fasilitas: pd.DataFrame) -> pd.DataFrame:
    """Per desa: number of posyandu, pustu, both, and how many are ILP-active / reported."""
    f = fasilitas
    posyandu = f["jenis"] == "posyandu"
    pustu = f["jenis"] == "pustu"
    agg = pd.DataFrame(
        {
            "posyandu": posyandu,
            "pustu": pustu,
            "posyandu+pustu": posyandu | pustu,
            "ilp_aktif": posyandu & f["ilp_aktif"],
            "lapor": (posyandu | pustu) & f["lapor_bulan_ini"],
            "kode_desa": f["kode_desa"],
        }
    ).groupby("kode_desa").sum()
    return agg.reindex(kode_desa.to_numpy(), fill_value=0).astype(int)


def _long(kode_desa: pd.Series, months: list[str], indikator: str, pemb: np.ndarray, peny: np.ndarray) -> pd.DataFrame:
    n, m = pemb.shape
    return pd.DataFrame(
        {
            "kode_desa": np.repeat(kode_desa.to_numpy(object), m),
            "periode": np.tile(np.array(months, dtype=object), n),
            "indikator": indikator,
            "pembilang": pemb.ravel().astype("float64"),
            "penyebut": peny.ravel().astype("float64"),
        }
    )


def _latest_month_from_facilities(values: pd.DataFrame, counts: pd.DataFrame, latest: str) -> pd.DataFrame:
    """The latest month's reporting and ILP shares are the facilities' own statuses."""
    for indikator, column in (("lapor_lengkap", "lapor"), ("posyandu_ilp", "ilp_aktif")):
        rows = (values["indikator"] == indikator) & (values["periode"] == latest)
        values.loc[rows, "pembilang"] = counts.loc[values.loc[rows, "kode_desa"], column].to_numpy(float)
    return values


def _drop_missing(rng: np.random.Generator, values: pd.DataFrame, profile: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    """Leave out what a real PWS misses: unsent reports, late ones, single blanks, 0/0."""
    n, m = len(profile), len(months)
    # weak desa miss reports more often
    p_missing = np.where(profile["lemah"].to_numpy(), 6 * MISSING_MONTH_SHARE, MISSING_MONTH_SHARE)
    missing = rng.uniform(size=(n, m)) < p_missing[:, None]
    missing[:, -1] |= rng.uniform(size=n) < LATE_SHARE
    missing_pairs = set(zip(profile["kode_desa"].to_numpy()[np.nonzero(missing)[0]], np.array(months)[np.nonzero(missing)[1]]))
    pair = pd.MultiIndex.from_arrays([values["kode_desa"], values["periode"]])
    drop = pair.isin(list(missing_pairs)) if missing_pairs else np.zeros(len(values), bool)
    drop |= rng.uniform(size=len(values)) < MISSING_ROW_SHARE
    drop |= values["penyebut"].isna().to_numpy() | values["pembilang"].isna().to_numpy()
    kept = values.loc[~drop]
    return kept.sort_values(["indikator", "kode_desa", "periode"], ignore_index=True)

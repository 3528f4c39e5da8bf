"""Precompute what the dashboard shows: alerts, clusters and completeness.

Runs once per case import, inside the import's workspace transaction, so the web
app only reads the resulting tables (see :mod:`surveillance.api`):

* ``kasus/peringatan.parquet``: one row per alert (desa × disease × week × method).
* ``kasus/klaster.parquet``: space-time clusters of the latest week, per kabupaten and disease.
* ``kasus/kelengkapan.parquet``: per desa and week, places that reported and places expected.

Methods listed: the space-time scan leads (fewest false alarms for its
sensitivity in ``bench/eval_alerts.py``), with each kabupaten's settings from
``data/scan_settings.csv`` (:mod:`surveillance.scan_settings`; by default a
cluster *signals* when its p, adjusted for over-dispersion (the LLR divided by
the table's Pearson χ²/df φ before ranking it among the permutations,
``scan.dispersion``), is ≤ 0.05 and it holds at least twice its expected cases,
the SKDR idea of a doubling). Then the SKDR rules and EARS C2 with a minimum
standard deviation, per desa.

Severity: ``tinggi`` for a desa in a signalling cluster with p ≤ alpha_tinggi
(0.01), or a desa flagged in the same week by two or more methods; ``sedang``
for a signalling cluster or an SKDR alert; ``rendah`` for an EARS alarm alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from surveillance.catalogue import SkdrRule, disease_name, load_skdr_rules, rules_for
from surveillance.cube import CaseCube, area_series, build_cube
from surveillance.scan import history_scan_clusters, history_window, project_km
from surveillance.scan_settings import ScanRule, load_scan_rules, rule_for
from surveillance.spacetime import scan
from surveillance.temporal import get_method
from texts.message import Message


@dataclass(frozen=True)
class Settings:
    """Parameters of the precomputed alerts (defaults used by the dashboard)."""

    ears_method: str = "ears_c2"
    ears_min_sigma: float = 1.0  # a flat zero baseline needs 4 cases (not 1) to alarm
    # the scan's settings per kabupaten (None: data/scan_settings.csv; see surveillance.scan_settings)
    scan_rules: dict[str, ScanRule] | None = field(default=None, hash=False)
    scan_seed: int = 0
    # "permutation": spacetime.scan on the desa that reported the latest week (study period
    # minggu_studi); "history": scan.history_scan_clusters on all desa, expected from each
    # desa's own minggu_studi weeks before the maks_minggu-week window, missing weeks kept apart
    # (falls back to the permutation scan with fewer than maks_minggu + 4 weeks of data).
    # bench/eval_alerts.py: the history scan is no more sensitive and signals more by chance
    scan_model: str = "permutation"
    max_clusters: int = 5
    methods: tuple[str, ...] = ("scan", "skdr", "ears")


ALERT_COLUMNS = [
    "kode_desa", "nama_desa", "kode_kecamatan", "nama_kecamatan", "penyakit", "nama_penyakit", "minggu",
    "observed", "expected", "upper", "method", "severity", "score", "klaster_id",
    "wilayah_aturan", "kode_wilayah_aturan",
]
"""``wilayah_aturan``: where an SKDR rule was evaluated (``desa``, ``puskesmas``: the real
wilayah kerja, or ``kecamatan``: standing in for a puskesmas when there is no wilayah kerja
table); ``kode_wilayah_aturan`` that area's code. Empty for EARS and the scan."""
CLUSTER_COLUMNS = [
    "klaster_id", "penyakit", "kode_kabkota", "kode_desa", "pusat", "minggu", "minggu_akhir", "n_minggu",
    "observed", "expected", "llr", "p", "recurrence", "radius_km", "phi", "signifikan",
]
METHOD_SCAN = "Klaster ruang-waktu"


def precompute(kasus: pd.DataFrame, desa: pd.DataFrame, kecamatan: pd.DataFrame | None = None,
               fasilitas: pd.DataFrame | None = None, rules: list[SkdrRule] | None = None,
               settings: Settings = Settings(), progress=None,
               wilayah_kerja: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """All derived tables of a case table.

    Parameters
    ----------
    kasus : ``kasus/mingguan`` table (minggu, kode_desa, penyakit, jumlah, tempat).
    desa : desa boundaries (kode, nama, induk, geometry) for names and centroids.
    kecamatan : kecamatan boundaries (kode, nama) for names; optional.
    fasilitas : facilities table, for the number of posyandu expected to report.
    rules : SKDR rules (default: ``data/skdr_ambang.csv``).
    settings : method parameters.
    progress : callable taking a message (e.g. print to stderr); optional.
    wilayah_kerja : the puskesmas wilayah kerja (``kode_puskesmas``, ``kode_desa``);
        rules set per puskesmas run on it, else on the kecamatan (see :func:`skdr_alerts`).

    Returns
    -------
    dict with ``peringatan``, ``klaster``, ``kelengkapan`` DataFrames.
    """
    say = progress or (lambda msg: None)
    rules = load_skdr_rules() if rules is None else rules
    cube = build_cube(kasus)
    info = _desa_info(cube.desa, desa, kecamatan)
    say(Message("proses_kubus", desa=len(cube.desa), minggu=len(cube.weeks), penyakit=len(cube.counts)))
    parts = []
    if "skdr" in settings.methods:
        say(Message("proses_skdr"))
        parts.append(skdr_alerts(cube, rules, wilayah_kerja))
    if "ears" in settings.methods:
        say(f"{settings.ears_method} ...")
        parts.append(ears_alerts(cube, settings))
    clusters = pd.DataFrame(columns=CLUSTER_COLUMNS)
    scan_rules = settings.scan_rules or load_scan_rules()
    if "scan" in settings.methods and len(cube.weeks):
        clusters, scan_rows = scan_latest_week(cube, desa, settings, say, scan_rules)
        parts.append(scan_rows)
    alerts = _assemble_alerts([p for p in parts if len(p)], info, scan_rules)
    return {
        "peringatan": alerts,
        "klaster": clusters,
        "kelengkapan": completeness_table(kasus, cube, fasilitas),
    }


# -- temporal alerts per desa -------------------------------------------------------
def ears_alerts(cube: CaseCube, settings: Settings) -> pd.DataFrame:
    """EARS alarms of every desa series (the dashboard's variant: ``settings.ears_method``)."""
    method = get_method(settings.ears_method, min_sigma=settings.ears_min_sigma)
    frames = []
    for penyakit, arr in cube.counts.items():
        res = method.run(arr)
        frames.append(_alarm_rows(cube, penyakit, arr, res, method.label))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def rule_areas(desa_codes, wilayah_kerja: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Where a puskesmas rule runs for each desa: ``(area codes, kinds)``.

    The desa's puskesmas from the wilayah kerja table (kind ``"puskesmas"``); its
    kecamatan, the usual working area of one puskesmas, for a desa the table does not
    list or when there is no table (kind ``"kecamatan"``).

    >>> wk = pd.DataFrame({"kode_puskesmas": ["P1"], "kode_desa": ["19.06.01.2001"]})
    >>> codes, kinds = rule_areas(np.array(["19.06.01.2001", "19.06.01.2002"]), wk)
    >>> codes.tolist(), kinds.tolist()
    (['P1', '19.06.01'], ['puskesmas', 'kecamatan'])
    """
    served = dict(zip(wilayah_kerja["kode_desa"], wilayah_kerja["kode_puskesmas"])) if wilayah_kerja is not None else {}
    codes = np.array([served.get(d, d[:8]) for d in desa_codes], dtype=object)
    kinds = np.array(["puskesmas" if d in served else "kecamatan" for d in desa_codes], dtype=object)
    return codes, kinds


def skdr_alerts(cube: CaseCube, rules: list[SkdrRule], wilayah_kerja: pd.DataFrame | None = None) -> pd.DataFrame:
    """Alarms of the SKDR rules, each evaluated at its ``wilayah``: the desa, or the puskesmas.

    A rule set per puskesmas runs on the sums over each real wilayah kerja when
    ``wilayah_kerja`` is given, and over each kecamatan otherwise
    (:func:`rule_areas`); each alert says which in ``wilayah_aturan``.
    """
    kab_of = np.array([d[:5] for d in cube.desa], dtype=object)
    area_of, kind_of = rule_areas(cube.desa, wilayah_kerja)
    frames = []
    for penyakit, arr in cube.counts.items():
        for kab in np.unique(kab_of):
            rows = np.flatnonzero(kab_of == kab)
            for rule in rules_for(rules, penyakit, kab):
                method = rule.method()
                if rule.wilayah == "desa":
                    res = method.run(arr[rows])
                    rows_out = _alarm_rows(cube, penyakit, arr[rows], res, rule.label, rows)
                    rows_out["wilayah_aturan"] = "desa"
                    rows_out["kode_wilayah_aturan"] = rows_out["kode_desa"]
                    frames.append(rows_out)
                else:
                    frames.append(_area_rule_rows(cube, penyakit, arr, rows, method, rule, area_of, kind_of))
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _area_rule_rows(cube, penyakit, arr, rows, method, rule, area_of, kind_of) -> pd.DataFrame:
    """A puskesmas-level rule on the sums of each rule area, listed for the desa with cases in the alarm week."""
    kec_of = area_of[rows]
    kecs, kec_pos = np.unique(kec_of, return_inverse=True)
    # kecamatan × week sums; NaN in weeks when none of its desa reported
    sums = np.zeros((len(kecs), arr.shape[1]))
    np.add.at(sums, kec_pos, np.nan_to_num(arr[rows]))
    any_report = np.zeros((len(kecs), arr.shape[1]), dtype=bool)
    np.logical_or.at(any_report, kec_pos, cube.reported[rows])
    series = np.where(any_report, sums, np.nan)
    res = method.run(series)
    alarm_desa = res.alarm[kec_pos] & (np.nan_to_num(arr[rows]) > 0)  # desa of an alarming kecamatan, with cases
    r, w = np.nonzero(alarm_desa)
    k = kec_pos[r]
    kinds = kind_of[rows[r]]
    return pd.DataFrame({
        "kode_desa": cube.desa[rows[r]], "penyakit": penyakit,
        "minggu": np.asarray(cube.weeks, dtype=object)[w] if len(w) else np.array([], dtype=object),
        "observed": arr[rows[r], w], "expected": res.expected[k, w], "upper": res.upper[k, w],
        "score": res.score[k, w], "method": [rule.label_at(kind) for kind in kinds],
        "wilayah_aturan": kinds, "kode_wilayah_aturan": kecs[k],
    })


def _alarm_rows(cube, penyakit, arr, res, label, rows=None) -> pd.DataFrame:
    """Rows of an alarm array (series × week) as alert records."""
    r, w = np.nonzero(res.alarm)
    desa_rows = r if rows is None else rows[r]
    return pd.DataFrame({
        "kode_desa": cube.desa[desa_rows], "penyakit": penyakit,
        "minggu": np.asarray(cube.weeks, dtype=object)[w] if len(w) else np.array([], dtype=object),
        "observed": arr[r, w], "expected": res.expected[r, w], "upper": res.upper[r, w],
        "score": res.score[r, w], "method": label,
    })


# -- space-time clusters ----------------------------------------------------------
def scan_latest_week(cube: CaseCube, desa: pd.DataFrame, settings: Settings, say=lambda m: None,
                     scan_rules: dict[str, ScanRule] | None = None):
    """The space-time scan of the latest week, per kabupaten (its own settings) and disease.

    Returns (clusters table, alert rows of desa in signalling clusters).
    """
    scan_rules = scan_rules or load_scan_rules()
    points = _centroids(desa)
    kab_of = np.array([d[:5] for d in cube.desa], dtype=object)
    latest = cube.weeks[-1]
    clusters, alert_rows = [], []
    for kab in np.unique(kab_of):
        rule = rule_for(scan_rules, kab)
        window = rule.window.with_(seed=settings.scan_seed, max_clusters=settings.max_clusters)
        max_weeks = window.max_time
        history_model = settings.scan_model == "history" and len(cube.weeks) >= max_weeks + 4
        # history: the window's weeks plus a full study period of history before them
        n_study = rule.study_weeks + (max_weeks if history_model else 0)
        study = slice(max(0, len(cube.weeks) - n_study), len(cube.weeks))
        study_weeks = cube.weeks[study]
        rows = np.flatnonzero(kab_of == kab)
        rows = rows[[c in points.index for c in cube.desa[rows]]]
        if not history_model:
            # only desa that reported the latest week: a desa not yet reported would count 0
            # there and make its reporting neighbours look like a cluster (the history model
            # keeps a missing week apart from 0 instead)
            rows = rows[cube.reported[rows, -1]]
        if len(rows) < 2:
            continue
        where = points.loc[cube.desa[rows]]
        for penyakit, arr in cube.counts.items():
            say(Message("proses_scan", kab=kab, penyakit=penyakit, desa=len(rows), n=window.replications))
            if history_model:
                table = arr[rows, study]  # NaN = not reported
                found = history_scan_clusters(
                    table, project_km(where["lon"], where["lat"]), max_neighbours=window.max_locations or len(rows),
                    max_share=window.max_share or 1.0, max_weeks=max_weeks, n_permutations=window.replications,
                    seed=window.seed, max_clusters=settings.max_clusters, overdispersion=window.overdispersion)
            else:
                table = np.nan_to_num(arr[rows, study])
                found = scan(table, where["lat"].to_numpy(), where["lon"].to_numpy(), window).rename(
                    columns={"locations": "desa", "n_units": "n_weeks", "radius_km": "radius"})
            for n, c in enumerate(found.itertuples(index=False), start=1):
                signals = rule.signals(c.p, c.observed, c.expected)
                cid = f"{penyakit}:{kab}:{latest}:{n}"
                codes = [str(x) for x in cube.desa[rows][c.desa]]
                weeks = study_weeks[-c.n_weeks:]
                clusters.append({
                    "klaster_id": cid, "penyakit": penyakit, "kode_kabkota": kab, "kode_desa": codes,
                    "pusat": codes[0], "minggu": list(weeks), "minggu_akhir": latest, "n_minggu": c.n_weeks,
                    "observed": c.observed, "expected": c.expected, "llr": c.llr, "p": c.p,
                    "recurrence": c.recurrence, "radius_km": c.radius, "phi": c.phi, "signifikan": signals,
                })
                if signals:
                    alert_rows.append(_cluster_desa_rows(table, rows, c, cube, penyakit, cid, latest,
                                                          max_weeks if history_model else None))
    clusters_df = pd.DataFrame(clusters, columns=CLUSTER_COLUMNS)
    alerts = pd.concat(alert_rows, ignore_index=True) if alert_rows else pd.DataFrame()
    return clusters_df, alerts


def _cluster_desa_rows(table, rows, c, cube, penyakit, cid, latest, history_weeks=None) -> pd.DataFrame:
    """One alert row per desa of a significant cluster: its cases and expected count in the window.

    ``history_weeks``: the history model's window length (expected from the desa's history);
    None for the permutation model (expected ``C_z C_T / C``).
    """
    members = np.asarray(c.desa)
    if history_weeks:
        obs, exp = history_window(table, history_weeks)
        observed = obs[members, : c.n_weeks].sum(axis=1)
        expected = exp[members, : c.n_weeks].sum(axis=1)
    else:
        total = table.sum()
        window = table[:, -c.n_weeks:]
        observed = window[members].sum(axis=1)
        expected = table[members].sum(axis=1) * window.sum() / total
    return pd.DataFrame({
        "kode_desa": cube.desa[rows[members]], "penyakit": penyakit, "minggu": latest,
        "observed": observed, "expected": expected, "upper": np.nan, "score": c.llr,
        "method": METHOD_SCAN, "klaster_id": cid, "p": c.p,
    })


def _centroids(desa: pd.DataFrame) -> pd.DataFrame:
    """Desa points (lat, lon in degrees), indexed by kode: the scan's locations."""
    geom = desa.geometry
    # representative_point lies inside the polygon (a centroid may not): the desa's point for the circles
    pts = geom.representative_point() if hasattr(geom, "representative_point") else geom
    return pd.DataFrame({"lat": pts.y.to_numpy(), "lon": pts.x.to_numpy()}, index=desa["kode"].to_numpy())


# -- assembling -------------------------------------------------------------------
def _desa_info(codes, desa: pd.DataFrame, kecamatan: pd.DataFrame | None) -> pd.DataFrame:
    """Names of desa and their kecamatan, by desa code (codes without a boundary keep empty names)."""
    names = dict(zip(desa["kode"], desa["nama"]))
    kec_names = dict(zip(kecamatan["kode"], kecamatan["nama"])) if kecamatan is not None else {}
    return pd.DataFrame({
        "kode_desa": codes, "nama_desa": [names.get(c, "") for c in codes],
        "kode_kecamatan": [c[:8] for c in codes], "nama_kecamatan": [kec_names.get(c[:8], "") for c in codes],
    })


def _assemble_alerts(parts: list[pd.DataFrame], info: pd.DataFrame, scan_rules: dict[str, ScanRule]) -> pd.DataFrame:
    """One table, names joined on codes, severity set, newest first."""
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("kode_desa", "nama_desa", "kode_kecamatan",
                             "nama_kecamatan", "penyakit", "nama_penyakit", "minggu", "method", "severity",
                             "klaster_id", "wilayah_aturan", "kode_wilayah_aturan") else float) for c in ALERT_COLUMNS})
    alerts = pd.concat(parts, ignore_index=True)
    for col in ("klaster_id", "p"):
        if col not in alerts:
            alerts[col] = np.nan
    for col in ("wilayah_aturan", "kode_wilayah_aturan"):
        alerts[col] = alerts[col].astype(object).where(alerts[col].notna(), None) if col in alerts else None
    alerts = alerts.merge(info, on="kode_desa", how="left")
    alerts["nama_penyakit"] = alerts["penyakit"].map({p: disease_name(p) for p in alerts["penyakit"].unique()})
    n_methods = alerts.groupby(["kode_desa", "penyakit", "minggu"])["method"].transform("nunique")
    is_scan = alerts["method"] == METHOD_SCAN
    is_skdr = alerts["method"].str.startswith("SKDR")
    alpha_high = alerts["kode_desa"].str[:5].map(lambda kab: rule_for(scan_rules, kab).alpha_high)
    high = (is_scan & (alerts["p"] <= alpha_high)) | (n_methods >= 2)
    medium = is_scan | is_skdr
    alerts["severity"] = np.where(high, "tinggi", np.where(medium, "sedang", "rendah"))
    order = {"tinggi": 0, "sedang": 1, "rendah": 2}
    alerts["_sev"] = alerts["severity"].map(order)
    alerts = alerts.sort_values(["minggu", "_sev", "observed", "kode_desa"], ascending=[False, True, False, True])
    return alerts.loc[:, ALERT_COLUMNS].reset_index(drop=True)


def completeness_table(kasus: pd.DataFrame, cube: CaseCube, fasilitas: pd.DataFrame | None) -> pd.DataFrame:
    """Per desa and week: places that reported, places expected, and whether the desa reported.

    Places expected for a desa: the distinct places that ever reported for it, or
    its posyandu in ``fasilitas.parquet`` if that is more and it reports by posyandu.
    """
    if kasus.empty:
        return pd.DataFrame(columns=["kode_desa", "minggu", "tempat_lapor", "tempat_diharapkan", "lapor"])
    per_week = kasus.groupby(["kode_desa", "minggu"])["tempat"].nunique()
    ever = kasus.groupby("kode_desa")["tempat"].nunique()
    by_posyandu = kasus.loc[kasus["tempat"] != kasus["kode_desa"]].groupby("kode_desa")["tempat"].nunique()
    expected = ever.copy()
    if fasilitas is not None and len(fasilitas):
        posyandu = fasilitas.loc[fasilitas["jenis"] == "posyandu"].groupby("kode_desa")["id"].nunique()
        reports_by_posyandu = expected.index.isin(by_posyandu.index)
        fasilitas_count = posyandu.reindex(expected.index).fillna(0).to_numpy()
        expected = pd.Series(np.where(reports_by_posyandu, np.maximum(expected.to_numpy(), fasilitas_count), expected.to_numpy()),
                             index=expected.index)
    grid = pd.MultiIndex.from_product([cube.desa, cube.weeks], names=["kode_desa", "minggu"])
    table = per_week.reindex(grid, fill_value=0).rename("tempat_lapor").reset_index()
    table["tempat_diharapkan"] = table["kode_desa"].map(expected).astype(int)
    table["tempat_lapor"] = table["tempat_lapor"].astype(int)
    table["lapor"] = table["tempat_lapor"] > 0
    return table

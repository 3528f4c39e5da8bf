"""What the dashboard and the command line call: import, then read precomputed tables.

Readers take a workspace (a :class:`workspace.store.Workspace` or its folder) and
return fresh DataFrames; tables are read once per snapshot (cached by the
snapshot id, so a new import is seen at once and a reader never mixes snapshots).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from errors import PwsError
from texts.message import Message
from puskesmas.table import WILAYAH_KERJA_FILE
from surveillance.catalogue import load_skdr_rules
from surveillance.cube import area_series, build_cube
from surveillance.importer import merge_cases, read_case_file
from surveillance.pipeline import ALERT_COLUMNS, CLUSTER_COLUMNS, METHOD_SCAN, Settings, precompute
from surveillance.temporal import get_method
from workspace.store import PinnedWorkspace, Workspace

KASUS = "kasus/mingguan.parquet"
PERINGATAN = "kasus/peringatan.parquet"
KLASTER = "kasus/klaster.parquet"
HOTSPOT = "kasus/hotspot.parquet"  # written by earlier versions (Gi*); removed at the next case import
KELENGKAPAN = "kasus/kelengkapan.parquet"


def _ws(workspace) -> Workspace:
    return workspace if isinstance(workspace, Workspace) else Workspace(workspace)


# -- import ---------------------------------------------------------------------------
def import_cases(workspace, path, *, convention: str = "iso", replace: bool = False,
                 rules_file=None, settings: Settings = Settings(), progress=None,
                 wilayah: str | None = None, minggu: str | None = None, check: bool = False,
                 desa: set[str] | None = None) -> dict:
    """Import a case file and precompute alerts, clusters and completeness in one transaction.

    Parameters
    ----------
    workspace : workspace folder or :class:`Workspace` (must hold desa boundaries).
    path : the CSV or .xlsx file.
    convention : ``"iso"`` or ``"skdr"``: how dates are assigned to weeks.
    replace : drop all earlier case data instead of merging by place and week.
    rules_file : an SKDR rules CSV of the kabupaten (same columns as
        ``data/skdr_ambang.csv``); default: the shipped file.
    settings : alert parameters.
    progress : callable for progress messages (the CLI prints them on stderr).
    wilayah : for a W2 form, where desa names are looked up: a kode_puskesmas or
        an area code (see :mod:`surveillance.w2`).
    minggu : for a W2 form whose header gives no week, its ISO week.
    check : report only: the file is read and every row judged against the live
        snapshot as the import would, nothing is written and no alert computed
        (an upload's first step); a file with no good row gets its report, not an error.
    desa : the sender's desa (dotted codes): rows for other desa are listed as
        outside its wilayah and never imported (``None``: no limit).

    The file is a long table (``minggu, tempat, penyakit, jumlah``) or, when it
    has not those columns, SKDR's W2 form (:mod:`surveillance.w2`); both give
    the same report and go through the same transaction.

    Returns
    -------
    The import report (rows read, matched, unmatched, rejected, problems by row),
    plus counts of alerts and significant clusters.
    """
    ws = _ws(workspace)
    say = progress or (lambda m: None)
    rules = load_skdr_rules(rules_file)  # checked before reading cases: a bad rules file changes nothing
    if not ws.has("boundaries/desa.parquet"):
        raise PwsError("ws_tanpa_desa", path=ws.root)
    # Opened before reading: desa, facilities and earlier cases come from tx.base,
    # the snapshot this import's commit is checked against (no lost update).
    if check:
        return _report(_keep_inside(_read_cases(ws.pinned(), path, convention, wilayah, minggu, say)[2], desa))
    scope = desa
    with ws.transaction("cases") as tx:
        base = tx.base
        desa, fasilitas, result = _read_cases(base, path, convention, wilayah, minggu, say)
        report = _report(_keep_inside(result, scope))
        if result.matched == 0:
            first = [Message("baris_alasan", baris=p["row"], alasan=p["reason"]) for p in report["problems"][:3]]
            raise PwsError("kasus_tidak_ada_baris", path=path, n=result.rows_read, contoh=first or "-")
        existing = None if replace or not base.has(KASUS) else base.read_table(KASUS)
        kasus = merge_cases(existing, result.rows)
        kecamatan = (base.read_table("boundaries/kecamatan.parquet", columns=["kode", "nama"])
                     if base.has("boundaries/kecamatan.parquet") else None)
        wilayah_kerja = (base.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
                         if base.has(WILAYAH_KERJA_FILE) else None)
        report.update(write_cases(tx, kasus, desa, kecamatan, fasilitas, settings, say,
                                  keep_history=not replace, rules=rules, wilayah_kerja=wilayah_kerja))
    return report


def _keep_inside(result, scope: set[str] | None):
    """Rows of desa outside ``scope`` leave ``result.rows`` and are listed as problems, one per desa."""
    result.extra.setdefault("outside", 0)
    if scope is None or not len(result.rows):
        return result
    inside = result.rows["kode_desa"].isin(scope)
    if inside.all():
        return result
    outside = result.rows.loc[~inside]
    for kode, n in outside.groupby("kode_desa", sort=True).size().items():
        result.rejected.append({"row": 0, "reason": Message("kasus_desa_luar_wilayah", kode=kode, n=n),
                                "kode_desa": kode, "luar_wilayah": True})
    result.extra["outside"] = int(len(outside))
    result.rows = result.rows.loc[inside].reset_index(drop=True)
    return result


def _report(result) -> dict:
    """The report, plus the weeks and desa the import brought, and which desa for which week (for the
    submission history)."""
    report = result.report()
    report["minggu"] = sorted(result.rows["minggu"].astype(str).unique()) if len(result.rows) else []
    report["desa_kode"] = sorted(result.rows["kode_desa"].astype(str).unique()) if len(result.rows) else []
    pairs = result.rows[["minggu", "kode_desa"]].astype(str).drop_duplicates() if len(result.rows) else ()
    report["desa_periode"] = ({m: sorted(d) for m, d in pairs.groupby("minggu", sort=True)["kode_desa"]}
                              if len(pairs) else {})
    return report


def _read_cases(base, path, convention, wilayah, minggu, say):
    """(desa, fasilitas, the file read and judged) from the snapshot ``base``."""
    desa = base.read_geo("boundaries/desa.parquet")
    fasilitas = base.read_table("fasilitas.parquet") if base.has("fasilitas.parquet") else None
    say(Message("proses_membaca", path=path))
    return desa, fasilitas, _read_case_form(base, path, desa, fasilitas, convention, wilayah, minggu)


def _read_case_form(base, path, desa, fasilitas, convention, wilayah, minggu):
    """The long case table, or, when the file lacks its columns, a W2 workbook."""
    from surveillance.w2 import NotW2, Places, read_w2

    try:
        return read_case_file(path, desa["kode"], fasilitas, convention)
    except PwsError as long_form:
        try:
            return read_w2(path, Places.of_workspace(base, desa), wilayah=wilayah, minggu=minggu)
        except NotW2:
            raise long_form from None  # neither: the long form's message says what columns it needs


def write_cases(tx, kasus: pd.DataFrame, desa, kecamatan, fasilitas, settings: Settings = Settings(),
                say=lambda m: None, keep_history: bool = True, rules=None, wilayah_kerja=None) -> dict:
    """Write a full case table and its derived tables into an open transaction (also used by the demo builder).

    ``tx`` is a :class:`workspace.store.WorkspaceTransaction`; ``kecamatan`` the
    kecamatan ``kode``/``nama`` table (or ``None``). ``keep_history``: keep the
    scan results of earlier weeks from ``tx.base`` (False when the case data is
    replaced as a whole). ``rules``: SKDR rules (default ``data/skdr_ambang.csv``).
    ``wilayah_kerja``: the puskesmas wilayah kerja table, for rules set per puskesmas.
    """
    tables = precompute(kasus, desa, kecamatan, fasilitas, rules=rules, settings=settings, progress=say,
                        wilayah_kerja=wilayah_kerja)
    if keep_history:
        _keep_earlier_scans(tx.base, tables, kasus["minggu"].max() if len(kasus) else None)
    tx.write_table(KASUS, kasus)
    tx.write_table(PERINGATAN, tables["peringatan"])
    tx.write_table(KLASTER, tables["klaster"])
    tx.remove(HOTSPOT)  # Gi* hot spots of earlier versions: no longer computed
    tx.write_table(KELENGKAPAN, tables["kelengkapan"])
    weeks = sorted(kasus["minggu"].unique())
    tx.manifest["kasus"] = {
        "rows": int(len(kasus)), "desa": int(kasus["kode_desa"].nunique()),
        "minggu": [weeks[0], weeks[-1]] if weeks else [], "minggu_terakhir": weeks[-1] if weeks else None,
        "peringatan": int(len(tables["peringatan"])),
        "klaster_signifikan": int(tables["klaster"]["signifikan"].sum()) if len(tables["klaster"]) else 0,
    }
    return {"alerts": int(len(tables["peringatan"])),
            "clusters": int(tables["klaster"]["signifikan"].sum()) if len(tables["klaster"]) else 0}


def _keep_earlier_scans(ws: Workspace, tables: dict, latest: str | None) -> None:
    """Keep the clusters found in earlier weeks' analyses (prospective: each week is scanned once).

    The scan runs for the latest week only; its results for earlier weeks come
    from the snapshot being replaced, so the alert list keeps its history.
    """
    if latest is None:
        return
    if ws.has(KLASTER):
        old = ws.read_table(KLASTER)
        old = old.loc[old["minggu_akhir"] < latest]
        if len(old):
            tables["klaster"] = pd.concat([old, tables["klaster"]], ignore_index=True)
    if ws.has(PERINGATAN):
        old = ws.read_table(PERINGATAN)
        old = old.loc[(old["method"] == METHOD_SCAN) & (old["minggu"] < latest)]
        if len(old):
            merged = pd.concat([tables["peringatan"], old], ignore_index=True)
            tables["peringatan"] = merged.sort_values("minggu", ascending=False, kind="stable").reset_index(drop=True)


# -- readers --------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _cached(root: str, snapshot: str, name: str) -> pd.DataFrame:
    return PinnedWorkspace(root, snapshot).read_table(name)


def _table(workspace, name: str) -> pd.DataFrame | None:
    ws = _ws(workspace)
    if not ws.has(name):
        return None
    return _cached(str(ws.root), ws.snapshot_id, name).copy()


def read_alerts(workspace, week: str | None = None) -> pd.DataFrame:
    """Alerts, newest week first (then severity, then observed count).

    Parameters
    ----------
    workspace : workspace folder or :class:`Workspace`.
    week : ISO week (``2026-W40``) to list only that week's alerts; all weeks when ``None``.

    Returns
    -------
    DataFrame with kode_desa, nama_desa, kode_kecamatan, nama_kecamatan, penyakit,
    nama_penyakit, minggu, observed, expected, upper, method, severity
    (``tinggi``/``sedang``/``rendah``), score, klaster_id. Empty (same columns)
    when the workspace has no case data.
    """
    table = _table(workspace, PERINGATAN)
    if table is None:
        return pd.DataFrame(columns=ALERT_COLUMNS)
    if week is not None:
        from surveillance.weeks import parse_week

        wk = parse_week(week)
        if wk is None:
            raise PwsError("bukan_minggu_iso", opsi="--week", nilai=repr(week))
        table = table.loc[table["minggu"] == wk]
    return table.reset_index(drop=True)


def read_clusters(workspace, week: str | None = None, all_clusters: bool = False,
                  all_weeks: bool = False) -> pd.DataFrame:
    """Space-time clusters found by the analysis of one week, most significant first.

    Parameters
    ----------
    week : the analysis week (clusters ending that week); ``None`` = the latest week of
        the case data (empty when that week shows no cluster, e.g. too few reports yet).
    all_clusters : also the clusters that do not signal (``signifikan`` False: p > 0.05,
        or fewer than twice the expected cases); by default only signalling ones.
    all_weeks : the clusters of every analysed week (``week`` is then ignored), newest
        week first: every cluster an alert was raised for (:mod:`surveillance.response`).

    Returns
    -------
    DataFrame: klaster_id, penyakit, kode_kabkota, kode_desa (list of desa codes,
    centre first), pusat, minggu (list of weeks), minggu_akhir, n_minggu, observed,
    expected, llr, p (adjusted for over-dispersion), recurrence (weeks: 1/p with one
    analysis a week), radius_km, phi (the over-dispersion the p was adjusted for), signifikan.
    """
    table = _table(workspace, KLASTER)
    if table is None:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    for col in ("kode_desa", "minggu"):
        table[col] = table[col].map(lambda v: [str(x) for x in v])
    if len(table) and not all_weeks:
        latest = _ws(workspace).manifest.get("kasus", {}).get("minggu_terakhir") or table["minggu_akhir"].max()
        table = table.loc[table["minggu_akhir"] == (week or latest)]
    if not all_clusters:
        table = table.loc[table["signifikan"]]
    if all_weeks:
        return table.sort_values(["minggu_akhir", "p", "llr"], ascending=[False, True, False]).reset_index(drop=True)
    return table.sort_values(["p", "llr"], ascending=[True, False]).reset_index(drop=True)


def weekly_series(workspace, kode: str, penyakit: str, settings: Settings = Settings()) -> pd.DataFrame:
    """Weekly cases of an area (sum of its desa) with the dashboard's EARS bound.

    Parameters
    ----------
    kode : dotted code of a desa, kecamatan, kabupaten/kota or provinsi.
    penyakit : disease id (``data/penyakit.csv``).

    Returns
    -------
    DataFrame[minggu, jumlah, expected, upper, alarm]: every week of the data,
    oldest first; ``jumlah`` is ``NaN`` in weeks when no desa of the area
    reported (missing, not zero), and such weeks never alarm.
    """
    cols = ["minggu", "jumlah", "expected", "upper", "alarm"]
    ws = _ws(workspace)
    if not ws.has(KASUS):
        return pd.DataFrame(columns=cols)
    by_desa = _cases_by_desa(str(ws.root), ws.snapshot_id)
    sub = by_desa.rows_of(kode)
    cube = build_cube(sub, [penyakit])
    # align to the whole data range so every area's chart has the same weeks
    weeks_all = by_desa.weeks
    series = np.full(len(weeks_all), np.nan)
    if len(sub):
        s = area_series(cube, np.arange(len(cube.desa)), penyakit)
        pos = {w: i for i, w in enumerate(weeks_all)}
        series[[pos[w] for w in cube.weeks]] = s
    method = get_method(settings.ears_method, min_sigma=settings.ears_min_sigma)
    res = method.run(series)
    return pd.DataFrame({"minggu": weeks_all, "jumlah": series, "expected": res.expected[0],
                         "upper": res.upper[0], "alarm": res.alarm[0]})


class _CasesByDesa:
    """A snapshot's case counts sorted by desa code, so an area's rows are one slice (read-only, shared).

    Codes hold only digits and dots, so the rows of area ``kode`` (the desa
    itself, or every code starting ``kode.``) lie between ``kode`` and
    ``kode/`` (``/`` sorts right after ``.``): two binary searches instead of
    a string comparison over every row (~25 ms on the demo's 500,000 rows). A
    slice, not a gather: taking scattered rows of the Arrow string columns
    costs ~4 ms whatever their number.
    """

    COLUMNS = ["minggu", "kode_desa", "penyakit", "jumlah"]  # what build_cube reads

    def __init__(self, kasus: pd.DataFrame):
        self.kasus = kasus[self.COLUMNS].sort_values("kode_desa", kind="stable").reset_index(drop=True)
        self.codes = self.kasus["kode_desa"].to_numpy().astype(str)
        self.weeks = _all_weeks(kasus)

    def rows_of(self, kode: str) -> pd.DataFrame:
        """Case rows of the desa ``kode`` or of every desa inside area ``kode``."""
        lo, hi = np.searchsorted(self.codes, [kode, kode + "/"])
        return self.kasus.iloc[lo:hi]


@lru_cache(maxsize=4)
def _cases_by_desa(root: str, snapshot: str) -> _CasesByDesa:
    # keyed by snapshot like _cached: a new import is a new key, old ones fall out
    return _CasesByDesa(_cached(root, snapshot, KASUS))


def _all_weeks(kasus: pd.DataFrame) -> list[str]:
    from surveillance.weeks import week_range, week_index

    if kasus.empty:
        return []
    first, last = str(kasus["minggu"].min()), str(kasus["minggu"].max())  # vectorised: builtin min() iterated every row (2.5 s per chart)
    return week_range(last, week_index(last) - week_index(first) + 1)


def completeness(workspace, kode: str | None, by: str = "minggu", week: str | None = None) -> pd.DataFrame:
    """Reporting completeness of an area, per week or per desa.

    Parameters
    ----------
    kode : dotted code of any level (``None``: the whole workspace).
    by : ``"minggu"``: one row per week with ``desa_lapor``, ``desa_total``,
        ``tempat_lapor``, ``tempat_diharapkan``, ``persen_desa``, ``persen_tempat``;
        ``"desa"``: one row per desa with ``minggu_lapor``, ``minggu_total``, ``persen``,
        ``tempat_lapor``, ``tempat_diharapkan``.
    week : ISO week to count only that week (the weekly brief); all weeks when ``None``.

    Desa counted are those that reported at least once in the data (the
    reporting units); a week with no row from a desa counts as not reported.
    """
    if by not in ("minggu", "desa"):
        raise ValueError(f"by must be 'minggu' or 'desa', not {by!r}")
    table = _table(workspace, KELENGKAPAN)
    if table is None:
        table = pd.DataFrame(columns=["kode_desa", "minggu", "tempat_lapor", "tempat_diharapkan", "lapor"])
    if kode:  # no code: every desa of the workspace
        table = table.loc[table["kode_desa"].eq(kode) | table["kode_desa"].str.startswith(kode + ".")]
    if week is not None:
        table = table.loc[table["minggu"] == week]
    if by == "desa":
        out = table.groupby("kode_desa").agg(minggu_lapor=("lapor", "sum"), minggu_total=("lapor", "size"),
                                             tempat_lapor=("tempat_lapor", "sum"),
                                             tempat_diharapkan=("tempat_diharapkan", "sum")).reset_index()
        out["persen"] = 100.0 * out["minggu_lapor"] / out["minggu_total"]
        return out
    out = table.groupby("minggu").agg(desa_lapor=("lapor", "sum"), desa_total=("lapor", "size"),
                                      tempat_lapor=("tempat_lapor", "sum"),
                                      tempat_diharapkan=("tempat_diharapkan", "sum")).reset_index()
    out["persen_desa"] = 100.0 * out["desa_lapor"] / out["desa_total"]
    out["persen_tempat"] = 100.0 * out["tempat_lapor"] / out["tempat_diharapkan"]
    return out


def alert_areas(workspace, level: str, week: str | None = None) -> pd.DataFrame:
    """Areas at ``level`` holding at least one alerting desa, for outlining them on the map.

    Parameters
    ----------
    level : one of ``geo.levels.LEVELS`` (``"desa"``, ``"kecamatan"``, ...).
    week : ISO week; ``None`` = the latest week with case data.

    Returns
    -------
    DataFrame[kode, n_desa, n_peringatan, severity, penyakit]: ``severity`` is the
    highest in the area, ``penyakit`` the sorted disease ids alerting there.
    """
    from geo.levels import LEVELS, ancestor_code

    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    cols = ["kode", "n_desa", "n_peringatan", "severity", "penyakit"]
    alerts = read_alerts(workspace)
    if alerts.empty:
        return pd.DataFrame(columns=cols)
    alerts = alerts.loc[alerts["minggu"] == (week or alerts["minggu"].max())].copy()
    if alerts.empty:
        return pd.DataFrame(columns=cols)
    alerts["kode"] = [ancestor_code(k, level) for k in alerts["kode_desa"]]
    rank = {"tinggi": 0, "sedang": 1, "rendah": 2}
    alerts["_rank"] = alerts["severity"].map(rank)
    out = alerts.groupby("kode").agg(
        n_desa=("kode_desa", "nunique"), n_peringatan=("kode_desa", "size"), _rank=("_rank", "min"),
        penyakit=("penyakit", lambda s: sorted(set(s))),
    ).reset_index()
    out["severity"] = out["_rank"].map({v: k for k, v in rank.items()})
    return out.loc[:, cols]


def cluster_shapes(workspace, week: str | None = None, all_clusters: bool = False, display: bool = True):
    """Cluster extents as polygons (the union of the cluster's desa), for drawing on the map.

    Returns a GeoDataFrame with the :func:`read_clusters` columns plus ``geometry``
    (from ``boundaries/desa_display.parquet`` when present and ``display``, else
    the full desa geometry).
    """
    import geopandas as gpd

    clusters = read_clusters(workspace, week=week, all_clusters=all_clusters)
    ws = _ws(workspace)
    name = "boundaries/desa_display.parquet" if display and ws.has("boundaries/desa_display.parquet") else "boundaries/desa.parquet"
    if clusters.empty or not ws.has(name):
        return gpd.GeoDataFrame(clusters.assign(geometry=None), geometry="geometry", crs=4326)
    desa = ws.read_geo(name, columns=["kode", "geometry"]).set_index("kode").geometry
    shapes = [desa.reindex(codes).dropna().union_all() for codes in clusters["kode_desa"]]
    return gpd.GeoDataFrame(clusters, geometry=shapes, crs=desa.crs)


def cases_by_place(workspace, week: str | None = None, kode: str | None = None,
                   penyakit: str | None = None) -> pd.DataFrame:
    """Cases of one week per reporting place (posyandu or desa), e.g. for the posyandu points.

    Parameters
    ----------
    week : ISO week; ``None`` = the latest week in the data.
    kode : limit to an area (any level); ``None`` = everywhere.
    penyakit : one disease id; ``None`` = all, one column per disease.

    Returns
    -------
    DataFrame[tempat, kode_desa, minggu, <penyakit columns or jumlah>]: only places
    that reported that week (a place without a row did not report; it is not 0).
    """
    kasus = _table(workspace, KASUS)
    if kasus is None or kasus.empty:
        return pd.DataFrame(columns=["tempat", "kode_desa", "minggu", "jumlah"])
    week = week or kasus["minggu"].max()
    sel = kasus["minggu"] == week
    if kode:
        sel &= kasus["kode_desa"].eq(kode) | kasus["kode_desa"].str.startswith(kode + ".")
    sub = kasus.loc[sel]
    if penyakit:
        reported = sub[["tempat", "kode_desa", "minggu"]].drop_duplicates()
        counts = sub.loc[sub["penyakit"] == penyakit].groupby("tempat")["jumlah"].sum()
        out = reported.assign(jumlah=reported["tempat"].map(counts).fillna(0).astype("int64"))
        return out.sort_values(["kode_desa", "tempat"]).reset_index(drop=True)
    wide = sub.pivot_table(index=["tempat", "kode_desa", "minggu"], columns="penyakit", values="jumlah",
                           aggfunc="sum", fill_value=0)
    wide.columns.name = None
    return wide.reset_index().sort_values(["kode_desa", "tempat"]).reset_index(drop=True)


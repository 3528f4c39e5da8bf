"""Alert response (SKDR): which alerts are answered, their states, and how fast they are verified.

Pure logic, no database and no Dash: tables in, tables out. The steps
themselves are stored insert-only in the operational database
(:mod:`opsdb.responses`); who may take one is decided in the access layer
(:mod:`access.respond`); :mod:`mapdata.responses` joins the three for the
command line and the page.

One answerable alert
    A desa × disease × week with every method that flagged it; rows flagged by
    the space-time scan alone are answered through their cluster. Or a
    signalling space-time cluster, as one alert.

Its ``id`` (stable across re-imports of the same data, readable)
    ``desa:<minggu>:<penyakit>:<kode_desa>``, or for a cluster
    ``klaster:<minggu_akhir>:<penyakit>:<pusat>``: the scan numbers its clusters
    by rank, which moves when another cluster appears, so a cluster is keyed on
    its disease, end week and centre desa instead.

States and steps
    ``baru`` → ``diverifikasi`` (verdict ``benar``: a real rise; ``salah``: a
    data error) → ``respon`` (penyelidikan epidemiologi started) → ``selesai``
    (hasil ``klb`` or ``bukan_klb``). The latest step wins; steps are never
    changed. From ``diverifikasi``:

    * verdict ``benar``: ``respon`` next (a real rise is investigated);
    * verdict ``salah``: ``selesai`` next, hasil ``bukan_klb`` (given or not: a
      data error is no KLB); no ``respon``;
    * either: ``diverifikasi`` again with the other verdict (a verdict found
      wrong is corrected by a new step; the first verification still dates the
      24-hour figure).

    ``selesai`` is final.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from errors import PwsError
from settings import DATA_DIR
from texts import t

STATES = ("baru", "diverifikasi", "respon", "selesai")
OPEN_STATES = ("baru", "diverifikasi", "respon")
ANSWERED = ("respon", "selesai")
"""States counted as answered in :func:`verification_figures`."""
VERDICTS = ("benar", "salah")
HASIL = ("klb", "bukan_klb")
KINDS = ("desa", "klaster")
SEVERITY = ("tinggi", "sedang", "rendah")
RECENT_WEEKS = 4
"""How many weeks before the data's latest week an alert still waits for someone: the alert e-mails
(:mod:`notify.mail`) name alerts of those weeks and no older, and the dashboard's "belum diverifikasi" filter
lists the unverified alerts of the latest week and of those before it. SKDR asks for verification within
24 hours; an alert a month old and still unverified is a backlog to clear, not news."""
METHOD_SCAN = "Klaster ruang-waktu"
"""``surveillance.pipeline.METHOD_SCAN`` (not imported: the pipeline pulls in the scan engine)."""

TARGET_FILE = DATA_DIR / "respon_target.csv"
DEFAULT_TARGET = 80.0
DUE_HOURS = 24.0

ALERT_COLUMNS = ["id", "jenis", "kode_desa", "penyakit", "minggu", "klaster_id", "desa", "severity", "methods",
                 "observed", "expected"]
"""The alert table: ``jenis`` ``desa``/``klaster``; ``kode_desa`` the desa (a cluster's centre);
``klaster_id`` the snapshot's cluster id (clusters only; it may change between imports, ``id`` does not);
``desa`` every desa code (one for a desa alert); ``methods`` the methods that flagged it."""

STEP_COLUMNS = ["alert_id", "urutan", "status", "verdict", "hasil", "catatan", "username", "waktu"]
"""A step: ``urutan`` 1, 2, … per alert; ``waktu`` a UTC time."""

STATE_COLUMNS = ["status", "verdict", "hasil", "oleh", "waktu_status", "diverifikasi_pada"]
"""Added by :func:`current_states`: the latest step's status (``baru`` without one), the latest
verdict and hasil, who took the latest step and when, the first verification's time."""


class StepRefused(PwsError):
    """A step that may not be taken (unknown alert, transition not allowed, verdict missing).

    ``alasan`` says which rule refused it: ``tidak_dikenal``, ``status``, ``transisi``,
    ``putusan``, ``hasil``, ``bersamaan`` (someone else took a step a moment ago).
    """

    def __init__(self, message: str, alasan: str):
        super().__init__(message)
        self.alasan = alasan


# -- the alerts ------------------------------------------------------------------------
def desa_alert_id(minggu: str, penyakit: str, kode_desa: str) -> str:
    """Id of a desa alert.

    >>> desa_alert_id("2026-W47", "suspek_dbd", "29.01.06.2004")
    'desa:2026-W47:suspek_dbd:29.01.06.2004'
    """
    return f"desa:{minggu}:{penyakit}:{kode_desa}"


def cluster_alert_id(minggu_akhir: str, penyakit: str, pusat: str) -> str:
    """Id of a cluster alert: disease, end week and centre desa (the scan's own numbering moves).

    >>> cluster_alert_id("2026-W47", "diare_akut", "29.01.06.2007")
    'klaster:2026-W47:diare_akut:29.01.06.2007'
    """
    return f"klaster:{minggu_akhir}:{penyakit}:{pusat}"


def alert_ref(alert_id: str) -> str:
    """How the page and its links name an alert: a short digest of its id.

    A cluster's id holds its centre desa, which may lie outside a reader's
    scope (a scoped view cuts the cluster's desa, not its id): the page and
    the e-mail links never show it. The server finds the alert again among
    the reader's own (:func:`mapdata.waspada.find_alert`).

    >>> alert_ref("klaster:2026-W47:diare_akut:29.01.06.2007")
    'a6a4dbb256005beb827'
    """
    import hashlib

    return "a" + hashlib.blake2b(str(alert_id).encode("utf-8"), digest_size=9).hexdigest()


REF_PATTERN = r"a[0-9a-f]{18}"
""":func:`alert_ref`'s form (a URL's ``peringatan=``)."""
ID_PATTERN = r"(desa|klaster):\d{4}-W\d{2}:[A-Za-z0-9_]+:[0-9.]+"
"""An alert id's form (:func:`desa_alert_id`, :func:`cluster_alert_id`)."""


def alert_table(alerts: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The answerable alerts of an alert table and a cluster table.

    Parameters
    ----------
    alerts : :func:`surveillance.read_alerts` rows (any weeks).
    clusters : :func:`surveillance.read_clusters` rows; those not signalling
        (``signifikan`` False) are left out.

    Returns
    -------
    DataFrame with :data:`ALERT_COLUMNS`, desa alerts then clusters, newest
    week first, then severity; ``id`` unique.

    Examples
    --------
    >>> a = pd.DataFrame({"kode_desa": ["29.01.01.2001", "29.01.01.2001", "29.01.01.2002"],
    ...     "penyakit": ["diare_akut"] * 3, "minggu": ["2026-W47"] * 3, "observed": [9.0, 9.0, 4.0],
    ...     "expected": [2.0, 3.0, 1.0], "method": ["EARS C2", "SKDR ≥10 kasus", METHOD_SCAN],
    ...     "severity": ["rendah", "tinggi", "sedang"], "klaster_id": [None, None, "k1"]})
    >>> k = pd.DataFrame({"klaster_id": ["k1"], "penyakit": ["diare_akut"], "kode_desa": [["29.01.01.2002"]],
    ...     "pusat": ["29.01.01.2002"], "minggu_akhir": ["2026-W47"], "observed": [4.0], "expected": [1.0],
    ...     "signifikan": [True]})
    >>> alert_table(a, k)[["id", "severity", "methods"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'desa:2026-W47:diare_akut:29.01.01.2001', 'severity': 'tinggi', 'methods': ['EARS C2', 'SKDR ≥10 kasus']},
     {'id': 'klaster:2026-W47:diare_akut:29.01.01.2002', 'severity': 'sedang', 'methods': ['Klaster ruang-waktu']}]
    """
    desa = _desa_alerts(alerts)
    klaster = _cluster_alerts(alerts, clusters)
    out = pd.concat([f for f in (desa, klaster) if len(f)], ignore_index=True) if len(desa) or len(klaster) else None
    if out is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ALERT_COLUMNS})
    out = out.drop_duplicates("id")  # two clusters on one centre in one week: the more significant one (first)
    rank = out["severity"].map({s: i for i, s in enumerate(SEVERITY)})
    order = pd.DataFrame({"m": out["minggu"], "r": rank, "k": out["jenis"] != "desa", "o": -out["observed"].fillna(0),
                          "id": out["id"]})
    order = order.sort_values(["m", "k", "r", "o", "id"], ascending=[False, True, True, True, True], kind="stable")
    return out.loc[order.index, ALERT_COLUMNS].reset_index(drop=True)


def row_alert_ids(alerts: pd.DataFrame, table: pd.DataFrame) -> list[str | None]:
    """For each row of :func:`surveillance.read_alerts` (one per method), the id of the alert it is answered in.

    A row of a desa alert gets that alert's id; a row of the space-time scan
    alone, its cluster's; ``None`` when ``table`` (:func:`alert_table`) lacks it.
    """
    desa_ids = set(table.loc[table["jenis"] == "desa", "id"])
    cluster_ids = dict(zip(table.loc[table["jenis"] == "klaster", "klaster_id"], table.loc[table["jenis"] == "klaster", "id"]))
    out = []
    for kode, penyakit, minggu, klaster in zip(alerts["kode_desa"], alerts["penyakit"], alerts["minggu"],
                                               alerts["klaster_id"]):
        own = desa_alert_id(minggu, penyakit, kode)
        out.append(own if own in desa_ids else cluster_ids.get(klaster))
    return out


def _desa_alerts(alerts: pd.DataFrame) -> pd.DataFrame:
    """One row per desa × disease × week not flagged by the scan alone."""
    if alerts is None or not len(alerts):
        return pd.DataFrame(columns=ALERT_COLUMNS)
    rows = alerts[["kode_desa", "penyakit", "minggu", "method", "severity", "observed", "expected"]].copy()
    rows["_rank"] = rows["severity"].map({s: i for i, s in enumerate(SEVERITY)})
    rows["_scan"] = rows["method"] == METHOD_SCAN
    keys = ["kode_desa", "penyakit", "minggu"]
    grouped = rows.groupby(keys, sort=False)
    out = grouped.agg(_rank=("_rank", "min"), _scan=("_scan", "all"), observed=("observed", "max"),
                      expected=("expected", "max")).reset_index()
    out["methods"] = _methods_per_group(rows.assign(_g=grouped.ngroup()), len(out))
    out = out.loc[~out["_scan"].to_numpy()].reset_index(drop=True)
    out["severity"] = [SEVERITY[int(r)] for r in out["_rank"]]
    out["id"] = [desa_alert_id(m, p, k) for m, p, k in zip(out["minggu"], out["penyakit"], out["kode_desa"])]
    out["jenis"] = "desa"
    out["klaster_id"] = None
    out["desa"] = [[k] for k in out["kode_desa"]]
    return out[ALERT_COLUMNS]


def _methods_per_group(rows: pd.DataFrame, n_groups: int) -> list[list[str]]:
    """The sorted distinct methods of each group ``_g`` (0 .. n_groups-1), without a Python call per group."""
    pairs = rows[["_g", "method"]].drop_duplicates().sort_values(["_g", "method"], kind="stable")
    groups = pairs["_g"].to_numpy()
    methods = pairs["method"].to_numpy(dtype=object)
    bounds = np.searchsorted(groups, np.arange(n_groups + 1))
    return [list(methods[bounds[i]:bounds[i + 1]]) for i in range(n_groups)]


def _cluster_alerts(alerts: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per signalling cluster; its severity the highest of its desa rows (``sedang`` without)."""
    if clusters is None or not len(clusters):
        return pd.DataFrame(columns=ALERT_COLUMNS)
    clusters = clusters.loc[clusters["signifikan"].astype(bool)]
    if "p" in clusters:
        clusters = clusters.sort_values("p", kind="stable")
    rank = {}
    if alerts is not None and len(alerts):
        scan_rows = alerts.loc[alerts["method"] == METHOD_SCAN, ["klaster_id", "severity"]]
        for cid, sev in zip(scan_rows["klaster_id"], scan_rows["severity"]):
            rank[cid] = min(rank.get(cid, 1), SEVERITY.index(sev))
    out = []
    for r in clusters.to_dict("records"):
        codes = [str(k) for k in r["kode_desa"]]
        pusat = str(r.get("pusat") or codes[0])
        out.append({"id": cluster_alert_id(r["minggu_akhir"], r["penyakit"], pusat), "jenis": "klaster",
                    "kode_desa": pusat, "penyakit": r["penyakit"], "minggu": r["minggu_akhir"],
                    "klaster_id": r["klaster_id"], "desa": codes, "severity": SEVERITY[rank.get(r["klaster_id"], 1)],
                    "methods": [METHOD_SCAN], "observed": r.get("observed"), "expected": r.get("expected")})
    return pd.DataFrame(out, columns=ALERT_COLUMNS)


# -- states --------------------------------------------------------------------------
def empty_steps() -> pd.DataFrame:
    """A step table without rows."""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "urutan" else object) for c in STEP_COLUMNS})


def current_states(alerts: pd.DataFrame, steps: pd.DataFrame | None) -> pd.DataFrame:
    """``alerts`` with :data:`STATE_COLUMNS`: the latest step of each (``baru`` and empty without one).

    >>> alerts = pd.DataFrame({"id": ["a", "b"]})
    >>> steps = pd.DataFrame({"alert_id": ["a", "a"], "urutan": [1, 2], "status": ["diverifikasi", "respon"],
    ...     "verdict": ["benar", None], "hasil": [None, None], "catatan": [None, None], "username": ["ani", "budi"],
    ...     "waktu": pd.to_datetime(["2026-11-23T10:00Z", "2026-11-24T08:00Z"])})
    >>> current_states(alerts, steps)[["id", "status", "verdict", "oleh"]].to_dict("records")
    [{'id': 'a', 'status': 'respon', 'verdict': 'benar', 'oleh': 'budi'}, {'id': 'b', 'status': 'baru', 'verdict': None, 'oleh': None}]
    """
    out = alerts.copy()
    summary = step_summary(steps)
    for col in STATE_COLUMNS:
        if col in out:
            out = out.drop(columns=col)
    if not len(summary):
        out["status"] = "baru"
        for col in STATE_COLUMNS[1:]:
            out[col] = pd.Series([None] * len(out), index=out.index, dtype=object)
        return out
    merged = out.merge(summary, left_on="id", right_index=True, how="left")
    merged["status"] = merged["status"].astype(object).where(merged["status"].notna(), "baru")
    for col in STATE_COLUMNS[1:]:
        merged[col] = merged[col].astype(object).where(merged[col].notna(), None)
    return merged


def step_summary(steps: pd.DataFrame | None) -> pd.DataFrame:
    """Per alert id: :data:`STATE_COLUMNS` from its steps (latest wins; verdict: the latest given)."""
    if steps is None or not len(steps):
        return pd.DataFrame(columns=STATE_COLUMNS)
    s = steps.sort_values(["alert_id", "urutan"], kind="stable")
    last = s.groupby("alert_id", sort=False).tail(1).set_index("alert_id")
    verdicts = s.loc[s["verdict"].notna()].groupby("alert_id", sort=False)["verdict"].last()
    hasil = s.loc[s["hasil"].notna()].groupby("alert_id", sort=False)["hasil"].last()
    first = s.loc[s["status"] == "diverifikasi"].groupby("alert_id", sort=False)["waktu"].min()
    return pd.DataFrame({"status": last["status"], "verdict": verdicts.reindex(last.index),
                         "hasil": hasil.reindex(last.index), "oleh": last["username"],
                         "waktu_status": _utc(last["waktu"]), "diverifikasi_pada": _utc(first.reindex(last.index))})


def next_steps(status: str, verdict: str | None = None) -> tuple[str, ...]:
    """The states an alert in ``status`` (with its latest ``verdict``) may go to next.

    >>> next_steps("baru"), next_steps("diverifikasi", "benar"), next_steps("diverifikasi", "salah")
    (('diverifikasi',), ('respon', 'diverifikasi'), ('selesai', 'diverifikasi'))
    >>> next_steps("respon"), next_steps("selesai")
    (('selesai',), ())
    """
    if status == "baru":
        return ("diverifikasi",)
    if status == "diverifikasi":
        return ("respon", "diverifikasi") if verdict == "benar" else ("selesai", "diverifikasi")
    if status == "respon":
        return ("selesai",)
    return ()


@dataclass(frozen=True)
class Step:
    """A checked step, ready to store."""

    status: str
    verdict: str | None = None
    hasil: str | None = None
    catatan: str | None = None


def check_step(status: str, verdict: str | None, new_status: str, new_verdict: str | None = None,
               hasil: str | None = None, catatan: str | None = None, lang: str = "id") -> Step:
    """The step from ``status`` (latest ``verdict``) to ``new_status``, or :class:`StepRefused` saying why.

    ``diverifikasi`` needs a verdict (``benar``/``salah``); ``selesai`` needs a
    hasil (``klb``/``bukan_klb``), except after a ``salah`` verdict, where it is
    ``bukan_klb``. A verdict or hasil given with a step that takes none is refused.

    >>> check_step("baru", None, "diverifikasi", "benar")
    Step(status='diverifikasi', verdict='benar', hasil=None, catatan=None)
    >>> check_step("diverifikasi", "salah", "selesai")
    Step(status='selesai', verdict=None, hasil='bukan_klb', catatan=None)
    >>> check_step("baru", None, "respon", lang="en")
    Traceback (most recent call last):
    ...
    surveillance.response.StepRefused: An alert that is 'new' cannot go to 'responding' directly; next: verified.
    """
    if new_status not in STATES or new_status == "baru":
        raise StepRefused(t("respon_status_salah", lang, status=new_status,
                            pilihan=", ".join(STATES[1:])), "status")
    allowed = next_steps(status, verdict)
    if new_status not in allowed:
        if status == "selesai":
            raise StepRefused(t("respon_sudah_selesai", lang), "transisi")
        names = ", ".join(t(f"status_{s}", lang) for s in allowed)
        raise StepRefused(t("respon_transisi", lang, dari=t(f"status_{status}", lang),
                            ke=t(f"status_{new_status}", lang), berikut=names), "transisi")
    if new_status == "diverifikasi":
        if new_verdict not in VERDICTS:
            key = "respon_perlu_putusan" if new_verdict is None else "respon_putusan_salah"
            raise StepRefused(t(key, lang, nilai=new_verdict), "putusan")
    elif new_verdict is not None:
        raise StepRefused(t("respon_putusan_tidak_perlu", lang, status=new_status), "putusan")
    if new_status == "selesai":
        if verdict == "salah":
            if hasil not in (None, "bukan_klb"):
                raise StepRefused(t("respon_salah_bukan_klb", lang), "hasil")
            hasil = "bukan_klb"
        elif hasil not in HASIL:
            raise StepRefused(t("respon_perlu_hasil" if hasil is None else "respon_hasil_salah", lang, nilai=hasil),
                              "hasil")
    elif hasil is not None:
        raise StepRefused(t("respon_hasil_tidak_perlu", lang, status=new_status), "hasil")
    note = (catatan or "").strip() or None
    return Step(new_status, new_verdict, hasil, note[:1000] if note else None)


# -- figures ---------------------------------------------------------------------------
FIGURE_COLUMNS = ["jumlah", "jatuh_tempo", "terverifikasi", "tepat_24j", "persen_24j", "median_jam", "direspon",
                  "persen_respon", "target", "capai_target"]
BY = ("puskesmas", "kabupaten", "minggu", "bulan")


def verification_figures(alerts: pd.DataFrame, steps: pd.DataFrame | None, now: datetime | None = None,
                         by: str | list[str] | None = None, wilayah_kerja: pd.DataFrame | None = None,
                         targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """SKDR's figures of alert response: how many, verified within 24 hours, median time, answered.

    Parameters
    ----------
    alerts : alert rows with ``id``, ``raised_at`` (when the alert was raised:
        the arrival of the import that first produced it) and ``desa`` (its desa
        codes); ``minggu`` for ``by="minggu"``/``"bulan"``.
    steps : the steps (:data:`STEP_COLUMNS`) of these alerts (others are ignored).
    now : the time the figures are for (default: now, UTC).
    by : ``None`` (one row of every alert), or one or several of ``"puskesmas"``
        (the alert counts for every puskesmas holding one of its desa; needs
        ``wilayah_kerja``), ``"kabupaten"`` (likewise for each kabupaten/kota),
        ``"minggu"`` (the alert's ISO week), ``"bulan"`` (the month of that
        week's Thursday), or another column of ``alerts``.
    wilayah_kerja : ``kode_puskesmas, kode_desa``, for ``by="puskesmas"``.
    targets : :func:`load_targets` (default: ``data/respon_target.csv``).

    Returns
    -------
    One row per group (the group columns, then :data:`FIGURE_COLUMNS`):
    ``jumlah`` alerts; ``jatuh_tempo`` those whose 24 hours are due (verified,
    or raised at least 24 hours before ``now``); ``terverifikasi`` verified at
    all; ``tepat_24j`` verified within 24 hours of being raised; ``persen_24j``
    = ``tepat_24j / jatuh_tempo`` in percent (NaN when nothing is due);
    ``median_jam`` the median hours from raised to the first verification
    (verified alerts only; NaN without); ``direspon`` alerts now ``respon`` or
    ``selesai``, ``persen_respon`` their share of ``jumlah``; ``target``
    (:func:`target_for`; a puskesmas without its own row takes its
    kabupaten/kota's or provinsi's, :func:`puskesmas_kabupaten`) and
    ``capai_target`` (``persen_24j >= target``).

    Notes
    -----
    An alert neither verified nor 24 hours old is not late yet: it counts in
    ``jumlah`` but not in ``jatuh_tempo``, so a fresh import does not pull the
    share down before anyone could act. A verification recorded before the
    alert's raised time (a back-filled import) counts as 0 hours. An alert
    closed as a data error (``salah`` then ``selesai``) counts as answered.
    An alert without ``raised_at`` (recorded only when first acted on:
    :data:`opsdb.responses.UNTIMED`) was never timed, so nobody can say
    whether it was verified in 24 hours: it counts in ``jumlah``,
    ``terverifikasi`` and ``direspon``, never in ``jatuh_tempo``,
    ``tepat_24j`` or ``median_jam``.
    """
    if alerts is None or "raised_at" not in alerts:
        raise ValueError("verification_figures needs the alerts' raised_at (opsdb.responses.raised_alerts)")
    now = pd.Timestamp(now or datetime.now(timezone.utc))
    now = now.tz_localize("UTC") if now.tzinfo is None else now.tz_convert("UTC")
    per = _per_alert(alerts, steps, now)
    groups = [by] if isinstance(by, str) else list(by or [])
    per = _grouped(per, alerts, groups, wilayah_kerja)
    targets = load_targets() if targets is None else targets
    if not groups:
        out = _figures(per).to_frame().T.reset_index(drop=True)
    elif not len(per):
        out = pd.DataFrame({**{g: pd.Series(dtype=object) for g in groups},
                            **{c: pd.Series(dtype=float) for c in FIGURE_COLUMNS}})
        return out
    else:
        out = per.groupby(groups, sort=True).apply(_figures, include_groups=False).reset_index()
    unit = next((g for g in groups if g in ("puskesmas", "kabupaten")), None)
    within = puskesmas_kabupaten(wilayah_kerja) if unit == "puskesmas" else {}
    out["target"] = [target_for(targets, row.get(unit) if unit else None, within.get(row.get(unit)))
                     for row in out.to_dict("records")]
    out["capai_target"] = out["persen_24j"].notna() & (out["persen_24j"] >= out["target"])
    for col in ("jumlah", "jatuh_tempo", "terverifikasi", "tepat_24j", "direspon"):
        out[col] = out[col].astype("int64")
    return out[[*groups, *FIGURE_COLUMNS]]


def _per_alert(alerts: pd.DataFrame, steps: pd.DataFrame | None, now: pd.Timestamp) -> pd.DataFrame:
    """Per alert: hours to the first verification, whether due and on time, whether answered."""
    raised = _utc(alerts["raised_at"])
    mine = None if steps is None or not len(steps) else steps[steps["alert_id"].isin(set(alerts["id"]))]
    summary = step_summary(mine)
    verified = _utc(alerts["id"].map(summary["diverifikasi_pada"]) if len(summary) else pd.Series(pd.NaT, index=alerts.index))
    status = alerts["id"].map(summary["status"]) if len(summary) else pd.Series(None, index=alerts.index, dtype=object)
    hours = ((verified - raised).dt.total_seconds() / 3600.0).clip(lower=0)
    is_verified = verified.notna()
    age = (now - raised).dt.total_seconds() / 3600.0
    return pd.DataFrame({
        "_pos": range(len(alerts)),
        "verified": is_verified.to_numpy(),
        "on_time": (is_verified & (hours <= DUE_HOURS)).to_numpy(),
        "due": (raised.notna() & (is_verified | (age >= DUE_HOURS))).to_numpy(),  # untimed: never judged
        "hours": hours.to_numpy(dtype=float),
        "answered": status.isin(ANSWERED).to_numpy(),
    })


def _grouped(per: pd.DataFrame, alerts: pd.DataFrame, groups: list[str], wilayah_kerja) -> pd.DataFrame:
    """``per`` with a column per group; an alert of several puskesmas or kabupaten counts once in each."""
    for g in groups:
        if g in ("puskesmas", "kabupaten"):
            if g == "puskesmas":
                if wilayah_kerja is None:
                    raise ValueError("by='puskesmas' needs the wilayah kerja table (kode_puskesmas, kode_desa)")
                of = dict(zip(wilayah_kerja["kode_desa"].astype(str), wilayah_kerja["kode_puskesmas"].astype(str)))
                units = [sorted({of[d] for d in desa if d in of}) for desa in alerts["desa"]]
            else:
                units = [sorted({str(d)[:5] for d in desa}) for desa in alerts["desa"]]
            per = per.assign(**{g: [units[p] for p in per["_pos"]]}).explode(g)
            per = per.loc[per[g].notna()]
        elif g == "minggu":
            per = per.assign(minggu=alerts["minggu"].to_numpy()[per["_pos"].to_numpy()])
        elif g == "bulan":
            month = {w: _week_month(w) for w in alerts["minggu"].unique()}
            per = per.assign(bulan=[month[w] for w in alerts["minggu"].to_numpy()[per["_pos"].to_numpy()]])
        elif g in alerts:
            per = per.assign(**{g: alerts[g].to_numpy()[per["_pos"].to_numpy()]})
        else:
            raise ValueError(f"unknown grouping {g!r}: use {', '.join(BY)} or a column of the alerts")
    return per.reset_index(drop=True)


def _figures(g: pd.DataFrame) -> pd.Series:
    n, due, on_time = len(g), int(g["due"].sum()), int(g["on_time"].sum())
    verified, answered = int(g["verified"].sum()), int(g["answered"].sum())
    hours = g.loc[g["verified"], "hours"]
    return pd.Series({
        "jumlah": n, "jatuh_tempo": due, "terverifikasi": verified, "tepat_24j": on_time,
        "persen_24j": 100.0 * on_time / due if due else float("nan"),
        "median_jam": float(hours.median()) if len(hours) else float("nan"),
        "direspon": answered, "persen_respon": 100.0 * answered / n if n else float("nan"),
    }, dtype=object)


def _week_month(week: str) -> str:
    from datetime import timedelta

    from surveillance.weeks import week_start

    return (week_start(week) + timedelta(days=3)).strftime("%Y-%m")


def _utc(values) -> pd.Series:
    """A column of times as UTC timestamps (naive ones are UTC; SQLite drops the zone)."""
    return pd.to_datetime(pd.Series(values), utc=True)


# -- target ------------------------------------------------------------------------------
def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The 24-hour verification targets: ``kode_wilayah`` (empty: everywhere), ``target_persen``.

    ``PwsError`` naming the file and row for a target that is not a percentage.
    """
    path = Path(path or TARGET_FILE)
    try:
        table = pd.read_csv(path, dtype={"kode_wilayah": str}, keep_default_na=False)
    except FileNotFoundError:
        raise PwsError("respon_target_tidak_ada", path=path) from None
    missing = {"kode_wilayah", "target_persen"} - set(table.columns)
    if missing:
        raise PwsError("respon_target_kolom", path=path, hilang=", ".join(sorted(missing)))
    values = pd.to_numeric(table["target_persen"], errors="coerce")
    bad = values.isna() | (values < 0) | (values > 100)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise PwsError("respon_target_persen", path=path, baris=row + 2, nilai=repr(table["target_persen"].iat[row]))
    return pd.DataFrame({"kode_wilayah": table["kode_wilayah"].str.strip(), "target_persen": values.astype(float)})


def target_for(targets: pd.DataFrame, kode: str | None, within: str | None = None) -> float:
    """The target of ``kode`` (a kode_puskesmas, or a dotted area code: its own, else its nearest parent's),
    else that of the area ``within`` (a puskesmas's kabupaten/kota: its own row, else its provinsi's),
    else the row without a code, else 80.

    >>> targets = pd.DataFrame({"kode_wilayah": ["", "29", "P29010101"], "target_persen": [80.0, 85.0, 90.0]})
    >>> target_for(targets, "29.01"), target_for(targets, "P29010101"), target_for(targets, "31.01"), target_for(targets, None)
    (85.0, 90.0, 80.0, 80.0)
    >>> target_for(targets, "P29010102", within="29.01"), target_for(targets, "P29010101", within="31.01")
    (85.0, 90.0)
    """
    by = dict(zip(targets["kode_wilayah"], targets["target_persen"]))
    for start in (kode, within):
        k = str(start) if start else None
        while k:
            if k in by:
                return float(by[k])
            k = k.rsplit(".", 1)[0] if "." in k else None
    return float(by.get("", DEFAULT_TARGET))


def puskesmas_kabupaten(wilayah_kerja: pd.DataFrame | None) -> dict[str, str]:
    """``kode_puskesmas → kode kabupaten/kota`` (``29.01``) of its desa; one whose desa lie in several
    takes the one holding most of them (ties: the lowest code), so it has one target.

    >>> puskesmas_kabupaten(pd.DataFrame({"kode_puskesmas": ["P1", "P1", "P1", "P2"],
    ...                                   "kode_desa": ["29.02.01.2001", "29.01.01.2001", "29.01.01.2002", "31.01.01.2001"]}))
    {'P1': '29.01', 'P2': '31.01'}
    """
    if wilayah_kerja is None or not len(wilayah_kerja):
        return {}
    kab = pd.DataFrame({"p": wilayah_kerja["kode_puskesmas"].astype(str),
                        "k": wilayah_kerja["kode_desa"].astype(str).str[:5]})
    counts = kab.value_counts().reset_index(name="n").sort_values(["p", "n", "k"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("p")[["p", "k"]].itertuples(index=False, name=None))

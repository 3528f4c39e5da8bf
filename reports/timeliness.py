"""Completeness and timeliness of reports, SKDR's way, from a plain table of arrivals.

A *reporting unit* (``wilayah``) is a puskesmas of the wilayah kerja table, or,
where a workspace has none, a kecamatan (usually one puskesmas's area). For each
unit and period the report either arrived or not, and arrived on time or not:

* **W2** (``jenis="w2"``, periods ``2026-W40``): due on the **Tuesday after the
  week, 12:00 local time**. The week is SKDR's Sunday–Saturday week labelled by
  its ISO week (:mod:`surveillance.weeks`), so the Tuesday after is the ISO
  Monday + 8 days whichever way the week is counted.
* **Monthly indicator recap** (``jenis="indikator"``, periods ``2026-09``): due
  on the **5th of the following month, 23:59 local time**.

Both are :class:`Tenggat` settings, in a time zone (default ``Asia/Jakarta``,
WIB; ``WITA``/``WIT`` for central and eastern Indonesia). An arrival time
without a zone is read in that zone. The first arrival counts: a corrected file
sent later does not make an on-time report late, nor a late one on time.

Percentages are over the reports *due*: kelengkapan = arrived / due, ketepatan =
on time / due (SKDR counts both against the reports expected), compared with
SKDR's targets, completeness ≥ 90 % and timeliness ≥ 80 %. A period whose
deadline is after ``sekarang`` is not yet due and is left out of both (its
early arrivals still show in the table).

Nothing here reads a database or a workspace: the arrivals come as a DataFrame
(``wilayah, jenis, periode, diterima``), from the submission history or a file.
"""

from __future__ import annotations

import calendar
import json
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from errors import PwsError

JENIS = ("w2", "indikator")
TARGET_KELENGKAPAN = 90.0
TARGET_KETEPATAN = 80.0
ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
ARRIVAL_COLUMNS = ["wilayah", "jenis", "periode", "diterima"]
TABLE_COLUMNS = ["wilayah", "jenis", "periode", "batas", "diterima", "tiba", "tepat_waktu", "jatuh_tempo"]
SETTINGS_FILE = "pengaturan.json"
"""Per-workspace settings beside the snapshots: ``{"laporan": {"zona_waktu": "WITA", ...}}`` (see
:class:`Tenggat`); settings are not data, so they are not part of a snapshot."""


@dataclass(frozen=True)
class Tenggat:
    """When reports are due.

    Parameters
    ----------
    zona_waktu : IANA zone or ``WIB``/``WITA``/``WIT``.
    w2_hari : days after the week's (ISO) Sunday: 2 = Tuesday.
    w2_jam : the time of day of the W2 deadline.
    bulanan_tanggal : the day of the following month the recap is due.
    bulanan_jam : the time of day of the monthly deadline.
    """

    zona_waktu: str = "Asia/Jakarta"
    w2_hari: int = 2
    w2_jam: time = time(12, 0)
    bulanan_tanggal: int = 5
    bulanan_jam: time = time(23, 59)

    @property
    def zone(self) -> ZoneInfo:
        name = ZONES.get(self.zona_waktu.upper(), self.zona_waktu)
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise PwsError("zona_tak_dikenal", zona=repr(self.zona_waktu)) from None

    @classmethod
    def from_settings(cls, settings: dict | None) -> "Tenggat":
        """From a plain dict (a workspace's ``pengaturan.json`` ``laporan`` part), times as ``"HH:MM"``."""
        out = {}
        for key, value in (settings or {}).items():
            if key not in cls.__dataclass_fields__:
                raise PwsError("pengaturan_tak_dikenal", kunci=repr(key), pilihan=", ".join(cls.__dataclass_fields__))
            try:
                if key.endswith("_jam"):
                    value = time.fromisoformat(str(value))
                elif key != "zona_waktu":
                    value = int(value)
            except ValueError:
                raise PwsError("pengaturan_bukan_jam" if key.endswith("_jam") else "pengaturan_bukan_bilangan",
                               kunci=key, nilai=repr(value)) from None
            out[key] = value
        return cls(**out)

    def batas(self, jenis: str, periode: str) -> pd.Timestamp:
        """The deadline of one report, in the local zone.

        >>> Tenggat().batas("w2", "2026-W40")  # week 28 Sep–4 Oct 2026 (ISO), 27 Sep–3 Oct (SKDR)
        Timestamp('2026-10-06 12:00:00+0700', tz='Asia/Jakarta')
        >>> Tenggat(zona_waktu="WITA").batas("indikator", "2026-12")
        Timestamp('2027-01-05 23:59:00+0800', tz='Asia/Makassar')
        """
        if jenis == "w2":
            from surveillance.weeks import week_start

            day = week_start(periode) + timedelta(days=6 + self.w2_hari)
            at = self.w2_jam
        elif jenis == "indikator":
            year, month = int(periode[:4]) + int(periode[5:7]) // 12, int(periode[5:7]) % 12 + 1
            # a 31st in a shorter month is its last day
            day = date(year, month, min(self.bulanan_tanggal, calendar.monthrange(year, month)[1]))
            at = self.bulanan_jam
        else:
            raise PwsError("jenis_laporan_tak_dikenal", jenis=repr(jenis), pilihan=", ".join(JENIS))
        return pd.Timestamp(datetime.combine(day, at), tz=self.zone)


def tenggat_of(root: str | os.PathLike, zone: str | None = None) -> Tenggat:
    """The deadlines of the workspace at ``root``: its ``pengaturan.json`` ``laporan`` part (default
    :class:`Tenggat`), with ``zone`` (a ``--zona-waktu``) over its time zone when given.

    Read at each call (a few hundred bytes): an admin's edit counts at once, and nothing is kept.
    """
    path = Path(root) / SETTINGS_FILE
    settings = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8")).get("laporan", {})
        except (json.JSONDecodeError, AttributeError) as exc:
            raise PwsError("pengaturan_json", path=path, sebab=exc) from None
    if zone:
        settings = {**settings, "zona_waktu": zone}
    return Tenggat.from_settings(settings)


def latest_due(jenis: str, periods: list[str], tenggat: Tenggat, sekarang) -> str | None:
    """The last of ``periods`` (oldest first) whose deadline has passed at ``sekarang`` (``None``: none yet).

    >>> latest_due("w2", ["2026-W39", "2026-W40", "2026-W41"], Tenggat(), pd.Timestamp("2026-10-06 12:00", tz="Asia/Jakarta"))
    '2026-W40'
    >>> latest_due("w2", ["2026-W40"], Tenggat(), pd.Timestamp("2026-10-06 11:59", tz="Asia/Jakarta")) is None
    True
    """
    now = pd.Timestamp(sekarang)
    now = now.tz_localize(tenggat.zone) if now.tzinfo is None else now
    for p in reversed(periods):  # deadlines grow with the period: the first due from the end is the latest
        if tenggat.batas(jenis, p) <= now:
            return p
    return None


def _local(values: pd.Series, zone: ZoneInfo) -> pd.Series:
    """Arrival times as zone-aware timestamps; naive ones are local time."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):  # the submission history's: converted at once
        return values.dt.tz_convert(zone)
    out = []
    for v in values:
        ts = pd.Timestamp(v) if v is not None and not (isinstance(v, float) and v != v) and v != "" else pd.NaT
        if ts is pd.NaT:
            out.append(pd.NaT)
        else:
            out.append(ts.tz_localize(zone) if ts.tzinfo is None else ts.tz_convert(zone))
    return pd.Series(out, index=values.index, dtype=f"datetime64[ns, {zone.key}]")


def report_status(arrivals: pd.DataFrame, wilayah: list[str], periods: list[str], jenis: str,
                  tenggat: Tenggat = Tenggat(), sekarang: datetime | None = None) -> pd.DataFrame:
    """One row per unit and period: deadline, first arrival, arrived, on time, due.

    Parameters
    ----------
    arrivals : ``wilayah, jenis, periode, diterima`` (any order of rows; other jenis ignored).
    wilayah : the units expected to report (puskesmas or kecamatan codes).
    periods : the periods expected (ISO weeks for ``w2``, ``YYYY-MM`` for ``indikator``).
    jenis : ``"w2"`` or ``"indikator"``.
    tenggat : the deadlines.
    sekarang : now (default: every period counts as due).

    Returns
    -------
    DataFrame with :data:`TABLE_COLUMNS`; ``attrs["lain"]`` lists arrivals of
    units not expected (kept out of the arithmetic).
    """
    if jenis not in JENIS:
        raise PwsError("jenis_laporan_tak_dikenal", jenis=repr(jenis), pilihan=", ".join(JENIS))
    missing = [c for c in ARRIVAL_COLUMNS if c not in arrivals.columns]
    if missing:
        raise PwsError("kedatangan_kolom", hilang=", ".join(missing), kolom=", ".join(ARRIVAL_COLUMNS))
    zone = tenggat.zone
    mine = arrivals.loc[arrivals["jenis"].astype(str).str.lower() == jenis].copy()
    mine["wilayah"] = mine["wilayah"].astype(str).str.strip()
    mine["periode"] = mine["periode"].astype(str).str.strip()
    others = sorted(set(mine["wilayah"]) - set(map(str, wilayah)))
    # only the arrivals of the units and periods asked are read as times (a history holds years of them)
    mine = mine.loc[mine["wilayah"].isin(set(map(str, wilayah))) & mine["periode"].isin(set(periods))]
    mine["diterima"] = _local(mine["diterima"], zone)
    first = mine.dropna(subset=["diterima"]).groupby(["wilayah", "periode"])["diterima"].min()
    grid = pd.MultiIndex.from_product([list(wilayah), list(periods)], names=["wilayah", "periode"])
    table = grid.to_frame(index=False)
    table.insert(1, "jenis", jenis)
    deadlines = {p: tenggat.batas(jenis, p) for p in periods}
    table["batas"] = pd.Series([deadlines[p] for p in table["periode"]], dtype=f"datetime64[ns, {zone.key}]")
    table["diterima"] = first.reindex(grid).to_numpy() if len(first) else pd.NaT
    table["diterima"] = pd.to_datetime(table["diterima"], utc=True).dt.tz_convert(zone)
    table["tiba"] = table["diterima"].notna()
    table["tepat_waktu"] = table["tiba"] & (table["diterima"] <= table["batas"])
    now = pd.Timestamp(sekarang) if sekarang is not None else None
    if now is not None:
        now = now.tz_localize(zone) if now.tzinfo is None else now.tz_convert(zone)
        # the whole period waits until its deadline: early senders alone would read as 100 %
        table["jatuh_tempo"] = table["batas"] <= now
    else:
        table["jatuh_tempo"] = True
    table.attrs["lain"] = others
    return table[TABLE_COLUMNS]


def summarise(table: pd.DataFrame, by: str = "wilayah", target_kelengkapan: float = TARGET_KELENGKAPAN,
              target_ketepatan: float = TARGET_KETEPATAN) -> pd.DataFrame:
    """Kelengkapan and ketepatan per unit (``by="wilayah"``) or per period (``by="periode"``).

    Columns: ``by``, ``diharapkan`` (reports due), ``tiba``, ``tepat_waktu``,
    ``kelengkapan``, ``ketepatan`` (percent of due; NaN when nothing is due),
    ``lengkap_memenuhi``, ``tepat_memenuhi`` (against SKDR's targets).
    """
    if by not in ("wilayah", "periode"):
        raise ValueError(f"by must be 'wilayah' or 'periode', not {by!r}")
    due = table.loc[table["jatuh_tempo"]]
    out = due.groupby(by, sort=True).agg(diharapkan=("tiba", "size"), tiba=("tiba", "sum"),
                                         tepat_waktu=("tepat_waktu", "sum"))
    out = out.reindex(sorted(table[by].unique()), fill_value=0).reset_index()
    denominator = out["diharapkan"].where(out["diharapkan"] > 0)  # nothing due: no percentage, not 0 %
    out["kelengkapan"] = 100.0 * out["tiba"] / denominator
    out["ketepatan"] = 100.0 * out["tepat_waktu"] / denominator
    out["lengkap_memenuhi"] = out["kelengkapan"] >= target_kelengkapan
    out["tepat_memenuhi"] = out["ketepatan"] >= target_ketepatan
    return out


def reporting_units(desa: pd.DataFrame, wilayah_kerja: pd.DataFrame | None, kecamatan: pd.DataFrame | None,
                    area: str | None = None) -> pd.DataFrame:
    """The units expected to report in ``area``: ``wilayah``, ``nama``, ``tingkat`` (puskesmas or kecamatan).

    Puskesmas of the wilayah kerja table serving at least one desa of the area;
    without that table, the kecamatan of the area that have desa.
    """
    inside = desa["kode"].astype(str)
    if area:
        inside = inside[(inside == area) | inside.str.startswith(area + ".")]
    inside = set(inside)
    if wilayah_kerja is not None and len(wilayah_kerja):
        rows = wilayah_kerja.loc[wilayah_kerja["kode_desa"].isin(inside)]
        units = rows.groupby("kode_puskesmas", sort=True)["nama_puskesmas"].first().reset_index()
        return pd.DataFrame({"wilayah": units["kode_puskesmas"].astype(str), "nama": units["nama_puskesmas"],
                             "tingkat": "puskesmas"})
    codes = sorted({k.rsplit(".", 1)[0] for k in inside})
    names = dict(zip(kecamatan["kode"], kecamatan["nama"])) if kecamatan is not None else {}
    return pd.DataFrame({"wilayah": codes, "nama": [names.get(k, k) for k in codes], "tingkat": "kecamatan"})

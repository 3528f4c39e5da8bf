"""The facility points drawn on the map, as a list a keyboard or screen reader can use.

At kecamatan and desa level the map draws posyandu, pustu and puskesmas as
clustered markers. Markers inside a cluster are not on the page at all, so they
cannot be reached by Tab; :func:`facility_items` gives every point drawn, with a
spoken label (the tooltip's text) and where it lies, for the list under the map.
"""

from __future__ import annotations

import pandas as pd

from texts import t

from .areas import PUSKESMAS, inside, level
from .store import MapData

JENIS_ORDER = {"puskesmas": 0, "pustu": 1, "posyandu": 2}
"""Within a desa: the puskesmas first, then pustu, then posyandu (as services are organised)."""


def facilities_in(md: MapData, kode: str | None) -> pd.DataFrame:
    """Facilities inside area ``kode`` that have a location (none at the top).

    The same points :func:`mapdata.geojson.facilities_geojson` sends to the map.
    """
    f = md.fasilitas
    if kode is None or f.empty:
        return f.iloc[0:0]
    rows = f[inside(md, kode, f["kode_desa"])]
    return rows.dropna(subset=["lat", "lon"])


def facility_cases(md: MapData, kode: str | None) -> tuple[str | None, dict[str, dict[str, int]]]:
    """The latest week's cases per reporting place inside ``kode``: ``(minggu, {tempat: {penyakit: n}})``.

    ``minggu`` is the latest week of the case data (``None`` without case data);
    a place missing from the dict did not report that week (missing, not 0).
    Read from the snapshot ``md`` was loaded from.
    """
    if kode is None:
        return None, {}

    def compute():
        if level(md, kode) == PUSKESMAS:  # its kabupaten's places, then those in its wilayah kerja
            wide = md.cases_by_place(md.by_kode.at[kode, "induk"])
            wide = wide[inside(md, kode, wide["kode_desa"])] if not wide.empty else wide
        else:
            wide = md.cases_by_place(kode)
        if wide.empty:
            return None, {}
        penyakit = [c for c in wide.columns if c not in ("tempat", "kode_desa", "minggu", "jumlah")]
        counts = {str(r["tempat"]): {p: int(r[p]) for p in penyakit} for r in wide.to_dict("records")}
        return str(wide["minggu"].iloc[0]), counts

    return md.memo(("kasus_tempat", kode), compute)


def cases_text(minggu: str | None, counts: dict[str, int] | None, names: dict[str, str], lang: str = "id") -> str | None:
    """One line on a posyandu's cases of week ``minggu`` (``None`` without case data).

    >>> cases_text("2026-W47", {"diare_akut": 3, "ispa": 0}, {"diare_akut": "Diare akut", "ispa": "ISPA"})
    'Kasus 2026-W47: Diare akut 3, ISPA 0'
    >>> cases_text("2026-W47", None, {}, "en")
    'No case report for 2026-W47'
    """
    if minggu is None:
        return None
    if counts is None:
        return t("kasus_belum_lapor", lang, minggu=minggu)
    detail = ", ".join(f"{names.get(p, p)} {n}" for p, n in counts.items())
    return t("kasus_minggu", lang, minggu=minggu) + ": " + detail


def _status(value, yes: str, no: str, unknown: str, lang: str) -> str:
    # missing is not "no": a facility whose status was not given says so
    if value is None or value != value:
        return t(unknown, lang)
    return t(yes, lang) if bool(value) else t(no, lang)


def facility_label(nama: str, jenis: str, desa: str | None, ilp_aktif, lapor_bulan_ini, lang: str = "id") -> str:
    """What a screen reader says for one facility: name, kind, desa, ILP and report status.

    >>> facility_label("Posyandu Mawar", "posyandu", "Desa 111", True, False)
    'Posyandu Mawar, Posyandu, desa Desa 111: Layanan ILP berjalan, Belum lapor bulan ini'
    >>> facility_label("Pustu Satu", "pustu", None, None, True, "en")
    'Pustu Satu, Pustu: ILP status unknown, Reported this month'
    """
    where = f", {t('fasilitas_desa', lang, desa=desa)}" if desa else ""
    ilp = _status(ilp_aktif, "ilp_aktif", "ilp_tidak", "ilp_kosong", lang)
    lapor = _status(lapor_bulan_ini, "lapor_ya", "lapor_tidak", "lapor_kosong", lang)
    return f"{nama}, {t('jenis_' + jenis, lang) if jenis in JENIS_ORDER else jenis}{where}: {ilp}, {lapor}"


def facility_items(md: MapData, kode: str | None, lang: str = "id") -> list[dict]:
    """The facilities drawn at area ``kode``, in reading order, each ``{id, lat, lon, label}``.

    Ordered by desa name (then code: names repeat), then puskesmas, pustu,
    posyandu, then facility name. ``label`` is :func:`facility_label`; the desa
    name comes from the boundaries, joined on ``kode_desa``.
    """
    rows = facilities_in(md, kode)
    if rows.empty:
        return []
    minggu, cases = facility_cases(md, kode)
    penyakit = disease_names(lang)
    names = md.areas.drop_duplicates("kode").set_index("kode")["nama"]
    rows = rows.assign(
        nama_desa=rows["kode_desa"].astype(str).map(names),
        urutan_jenis=rows["jenis"].map(JENIS_ORDER).fillna(len(JENIS_ORDER)),
    ).sort_values(["nama_desa", "kode_desa", "urutan_jenis", "nama"], na_position="last")
    return [
        {
            "id": str(r.id),
            "lat": round(float(r.lat), 6),
            "lon": round(float(r.lon), 6),
            "label": facility_label(
                str(r.nama), str(r.jenis), None if pd.isna(r.nama_desa) else str(r.nama_desa), r.ilp_aktif, r.lapor_bulan_ini, lang
            ) + (f"; {cases_text(minggu, cases.get(str(r.id)), penyakit, lang)}" if minggu and r.jenis == "posyandu" else ""),
        }
        for r in rows.itertuples(index=False)
    ]


def disease_names(lang: str = "id") -> dict[str, str]:
    """Disease id → name in ``lang`` (the surveillance catalogue)."""
    from surveillance import diseases

    table = diseases()
    return dict(zip(table["id"], table["nama_en" if lang == "en" else "nama"]))

"""The facility points drawn on the map, as a list a keyboard or screen reader can use.

At kecamatan and desa level the map draws posyandu, pustu and puskesmas as
clustered markers. Markers inside a cluster are not on the page at all, so they
cannot be reached by Tab; :func:`facility_items` gives every point drawn, with a
spoken label (the tooltip's text) and where it lies, for the list under the map.
"""

from __future__ import annotations

import pandas as pd

from layouts.strings import t

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
    kd = f["kode_desa"].astype(str)
    rows = f[(kd == kode) | kd.str.startswith(kode + ".")]
    return rows.dropna(subset=["lat", "lon"])


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
            ),
        }
        for r in rows.itertuples(index=False)
    ]

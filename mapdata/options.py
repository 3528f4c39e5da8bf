"""What the controls offer for one snapshot: indicators, klaster, periods.

The catalogue is read through ``indicators.catalogue.load_catalogue`` when
that module is installed; this module only turns it into plain option lists.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from settings import DATA_DIR

from .store import MapData


def catalogue() -> pd.DataFrame:
    """The indicator catalogue (``id, klaster, nama, nama_en, satuan, arah, ...``), in file order.

    """
    from indicators.catalogue import load_catalogue

    return load_catalogue().reset_index()


def klaster_table() -> pd.DataFrame:
    """The five ILP klaster: ``klaster, nama, nama_en``."""
    return pd.read_csv(DATA_DIR / "klaster.csv", dtype={"klaster": int})


@lru_cache(maxsize=1)
def _catalogue_rows() -> dict[str, dict]:
    # the catalogue is a file in the repository: read it once per process
    return {r["id"]: r for r in catalogue().to_dict("records")}


def indicator_info(indikator: str | None) -> dict:
    """Catalogue row of one indicator as a dict (``{}`` when unknown); a report view's row (name, ``persen``).

    >>> indicator_info("k1")["satuan"], indicator_info("lapor_w2")["nama"]
    ('persen', 'Kelengkapan laporan W2 (SKDR)')
    """
    from .laporan import is_view, options as report_options

    if is_view(indikator):
        return next(dict(r) for r in report_options()[1] if r["id"] == indikator)
    return dict(_catalogue_rows().get(indikator, {}))


def page_options(md: MapData) -> dict:
    """Everything the page's controls list, as plain values.

    Returns
    -------
    dict with ``indikator`` (list of catalogue rows as dicts, file order, then
    the report views of :mod:`mapdata.laporan`), ``klaster`` (list of dicts: the
    five ILP klaster, then the reports'), ``periode`` (months with data, oldest
    first), ``demo``, ``has_values``, ``has_alerts``, ``has_wilayah_kerja`` and ``source``.
    """
    return md.memo(("options",), lambda: _page_options(md))


def _page_options(md: MapData) -> dict:
    from .laporan import options as report_options

    query = md.indicator_query()
    periods = [str(p) for p in query.periods()] if query is not None else []
    cat = catalogue()
    report_klaster, report_views = report_options(has_cases=md.has_cases)
    return {
        "indikator": cat[["id", "klaster", "nama", "nama_en", "satuan", "arah"]].to_dict("records") + report_views,
        "klaster": klaster_table().to_dict("records") + [report_klaster],
        "periode": periods,
        "periode_indikator": {i: p for i in cat["id"] if (p := query.periods_of(i))} if query is not None else {},
        "demo": md.demo,
        "has_values": query is not None,
        "has_alerts": md.has_cases,
        "has_wilayah_kerja": bool(len(md.wilayah_kerja)),
        "source": md.source,
    }

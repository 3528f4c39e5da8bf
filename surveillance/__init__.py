"""Early warning: weekly cases per desa, SKDR and EARS alerts, space-time clusters.

Public API for the dashboard (all take a workspace folder or ``Workspace``):

* :func:`read_alerts` (workspace, week=None) → alerts, newest first
* :func:`read_clusters` (workspace, week=None, all_clusters=False) → space-time clusters
* :func:`weekly_series` (workspace, kode, penyakit) → minggu, jumlah, expected, upper, alarm
* :func:`completeness` (workspace, kode, by="minggu"|"desa") → reporting completeness
* :func:`diseases` () → id, nama, nama_en
* :func:`alert_areas` (workspace, level, week=None) → areas to outline (kode, n_desa, severity)
* :func:`cluster_shapes` (workspace, week=None) → clusters with their extent as polygons
* :func:`cases_by_place` (workspace, week=None, kode=None, penyakit=None) → counts per posyandu
* :func:`import_cases` (workspace, path) → import report (the CLI's ``import cases``)
* :func:`write_cases` (tx, kasus, desa, kecamatan, fasilitas) → write a whole case table and its
  derived tables into an open transaction (the demo builder uses it with
  :func:`surveillance.demo.generate_weekly_cases`)

The methods themselves are plain functions in :mod:`surveillance.temporal` and
:mod:`surveillance.spacetime` (the space-time scan, SaTScan's) with
:mod:`surveillance.scan`; weeks are ISO 8601 (:mod:`surveillance.weeks`).
"""

from surveillance.api import (
    alert_areas,
    cases_by_place,
    cluster_shapes,
    completeness,
    import_cases,
    read_alerts,
    read_clusters,
    weekly_series,
    write_cases,
)
from surveillance.catalogue import diseases

__all__ = [
    "alert_areas", "cases_by_place", "cluster_shapes", "completeness", "diseases", "import_cases", "read_alerts", "read_clusters",
    "weekly_series", "write_cases",
]

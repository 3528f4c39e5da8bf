"""Early warning: weekly cases per desa, SKDR and EARS alerts, space-time clusters.

Public API for the dashboard (all take a workspace folder or ``Workspace``):

* :func:`read_alerts` (workspace, week=None) → alerts, newest first
* :func:`read_clusters` (workspace, max_p=0.05) → space-time clusters
* :func:`read_hotspots` (workspace, penyakit=None) → Gi* of the latest week
* :func:`weekly_series` (workspace, kode, penyakit) → minggu, jumlah, expected, upper, alarm
* :func:`completeness` (workspace, kode, by="minggu"|"desa") → reporting completeness
* :func:`diseases` () → id, nama, nama_en
* :func:`import_cases` (workspace, path) → import report (the CLI's ``import cases``)

The methods themselves are plain functions in :mod:`surveillance.temporal` and
:mod:`surveillance.scan`; weeks are ISO 8601 (:mod:`surveillance.weeks`).
"""

from surveillance.api import (
    completeness,
    import_cases,
    read_alerts,
    read_clusters,
    read_hotspots,
    weekly_series,
    write_cases,
)
from surveillance.catalogue import diseases

__all__ = [
    "completeness", "diseases", "import_cases", "read_alerts", "read_clusters", "read_hotspots",
    "weekly_series", "write_cases",
]

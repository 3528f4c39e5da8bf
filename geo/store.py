"""Writing the boundary levels into a workspace snapshot (see the workspace contract).

Files, for each level in :data:`geo.levels.LEVELS`:

- ``boundaries/{level}.parquet``: GeoParquet EPSG:4326, ``kode, nama, induk, geometry``
  (full geometry, for analysis);
- ``boundaries/{level}_display.parquet``: ``kode, geometry`` simplified for screen;
- ``boundaries/report.json``: the import report, when one is given;

and ``manifest["boundaries"] = {"levels": {level: count}, "source": str, "demo": bool}``.
"""

from __future__ import annotations

import json

import geopandas as gpd

from geo.levels import LEVELS

FULL_COLUMNS = ["kode", "nama", "induk", "geometry"]
DISPLAY_COLUMNS = ["kode", "geometry"]


def boundary_file(level: str, display: bool = False) -> str:
    """Name of a level's file inside a snapshot.

    >>> boundary_file("desa"), boundary_file("kecamatan", display=True)
    ('boundaries/desa.parquet', 'boundaries/kecamatan_display.parquet')
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; levels are {LEVELS}")
    return f"boundaries/{level}{'_display' if display else ''}.parquet"


REPORT_FILE = "boundaries/report.json"


def write_boundaries(
    tx,
    levels: dict[str, gpd.GeoDataFrame],
    display: dict[str, gpd.GeoDataFrame],
    source: str,
    demo: bool = False,
    report: dict | None = None,
) -> None:
    """Write all four levels, their display geometry and the manifest entry.

    Parameters
    ----------
    tx : an open :class:`workspace.WorkspaceTransaction`; nothing is live until it commits.
    levels : level → GeoDataFrame ``kode, nama, induk, geometry`` (from
        :func:`geo.hierarchy.derive_levels`); every level in ``LEVELS`` is required.
    display : level → GeoDataFrame ``kode, geometry`` (from
        :func:`geo.simplify.simplify_for_display`), same codes as ``levels``.
    source : where the boundaries came from (file name, or "demo"), shown in the app.
    demo : True for the built-in synthetic demo; also sets ``manifest["demo"]``.
    report : the import report, kept as ``boundaries/report.json`` when given.

    Raises
    ------
    ValueError
        When a level is missing, a column is missing, or the display codes differ
        from the full codes (a bug in the caller, not a user error).
    """
    missing = [lv for lv in LEVELS if lv not in levels or lv not in display]
    if missing:
        raise ValueError(f"write_boundaries needs every level in both dicts; missing {missing}")
    for level in LEVELS:
        full = _ensure_4326(levels[level])
        shown = _ensure_4326(display[level])
        for name, frame, cols in (("levels", full, FULL_COLUMNS), ("display", shown, DISPLAY_COLUMNS)):
            absent = [c for c in cols if c not in frame.columns]
            if absent:
                raise ValueError(f"{name}[{level!r}] lacks columns {absent}")
        if set(full["kode"]) != set(shown["kode"]):
            raise ValueError(f"display codes of {level!r} differ from its full codes")
        full = full[FULL_COLUMNS].reset_index(drop=True)
        full["induk"] = full["induk"].astype(object).where(full["induk"].notna(), None)
        tx.write_table(boundary_file(level), full)
        tx.write_table(boundary_file(level, display=True), shown[DISPLAY_COLUMNS].reset_index(drop=True))
    tx.manifest["boundaries"] = {
        "levels": {level: int(len(levels[level])) for level in LEVELS},
        "source": str(source),
        "demo": bool(demo),
    }
    if demo:
        tx.manifest["demo"] = True
    if report is not None:
        tx.file(REPORT_FILE).write_text(
            json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    else:
        tx.remove(REPORT_FILE)  # an old import's report would describe other boundaries


def _ensure_4326(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if frame.crs is None:
        return frame.set_crs(4326)
    return frame if frame.crs.to_epsg() == 4326 else frame.to_crs(4326)

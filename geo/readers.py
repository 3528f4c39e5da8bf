"""Reading the boundary files that come from the field, into EPSG:4326.

Accepted: ESRI Shapefile (a ``.shp`` path, a folder holding one, or a ``.zip``,
also with the files inside a sub-folder of the zip), GeoPackage, GeoJSON and
GeoParquet. A file with several layers is written ``FILE#LAYER`` to pick one.

Any coordinate system the file declares is reprojected to EPSG:4326. A file that
declares none (a shapefile without ``.prj``) is refused unless ``crs`` says what
it is. Shapefile text is decoded as its ``.cpg`` declares (GDAL honours it, and
the DBF's language byte when there is no ``.cpg``), so Latin-1 names arrive intact.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError, ProjError

from errors import PwsError
from texts.message import Message

DATA_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".parquet", ".geoparquet")
LAYER_SEPARATOR = "#"
MAX_UNZIPPED_BYTES = 4 * 2**30
"""A .zip unpacking to more is refused before unpacking (a small zip can unpack to
terabytes); the full-detail desa of all Indonesia unpack to well under this."""

# Words in a layer's name that say which level it holds (for files with several layers).
LEVEL_WORDS = {
    "desa": ("desa", "kelurahan", "village", "kel"),
    "kecamatan": ("kecamatan", "kec", "district"),
    "kabkota": ("kabkota", "kabupaten", "kab", "kota", "regency"),
    "provinsi": ("provinsi", "prov", "province"),
}


@dataclass
class BoundaryFile:
    """What was read: the features in EPSG:4326 and where they came from."""

    frame: gpd.GeoDataFrame
    path: str
    layer: str | None = None
    declared_crs: str | None = None
    notes: list[str] = field(default_factory=list)


def parse_crs(value: str | int | None) -> CRS | None:
    """The ``--crs`` option as a :class:`pyproj.CRS` (``32748``, ``EPSG:32748``, WKT...).

    >>> parse_crs("32748").to_epsg()
    32748
    >>> parse_crs(None) is None
    True
    """
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return CRS.from_user_input(int(text) if text.isdigit() else text)
    except CRSError as exc:
        raise PwsError("crs_tak_dikenal", crs=repr(text)) from exc


def read_boundary_file(path: str | os.PathLike, crs: str | int | None = None, level: str = "desa") -> BoundaryFile:
    """Read a boundary file of any supported kind, reprojected to EPSG:4326.

    Parameters
    ----------
    path : a ``.shp``, a folder, a ``.zip``, a ``.gpkg`` (``FILE#LAYER`` to pick a
        layer), a ``.geojson``/``.json`` or a ``.parquet`` GeoParquet file.
    crs : coordinate system of the coordinates when the file declares none (or
        declares a wrong one): anything :func:`parse_crs` accepts.
    level : the level the file should hold; used only to pick the layer of a
        GeoPackage with several polygon layers.

    Raises
    ------
    PwsError
        Missing or unreadable file, no or several candidate layers, no coordinate
        system, coordinates that cannot be longitude/latitude after reprojection.
    """
    text = str(path)
    layer = None
    if not Path(text).exists() and LAYER_SEPARATOR in text:
        text, layer = text.rsplit(LAYER_SEPARATOR, 1)
    p = Path(text)
    if not p.exists():
        raise PwsError("batas_tidak_ada", path=p)
    if p.is_file() and p.stat().st_size == 0:
        raise PwsError("batas_kosong_0", path=p)
    given = parse_crs(crs)
    if p.is_dir():
        return _read_data_file(_only_data_file(p, shown=p), given, layer, level, shown=str(p))
    if p.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="pws-zip-") as tmp:
            try:
                with zipfile.ZipFile(p) as archive:
                    unpacked = sum(info.file_size for info in archive.infolist())
                    if unpacked > MAX_UNZIPPED_BYTES:
                        raise PwsError("zip_terlalu_besar", path=p, ukuran=f"{unpacked / 2**30:.1f} GB",
                                       batas=f"{MAX_UNZIPPED_BYTES / 2**30:.0f} GB")
                    archive.extractall(tmp)
            except (zipfile.BadZipFile, OSError) as exc:
                raise PwsError("zip_tak_terbaca", path=p, sebab=exc) from exc
            inner = _only_data_file(Path(tmp), shown=p)
            shown = f"{p}/{inner.relative_to(tmp).as_posix()}"
            return _read_data_file(inner, given, layer, level, shown=shown)
    if p.suffix.lower() not in DATA_SUFFIXES:
        raise PwsError("batas_jenis_tak_didukung", path=p, suffix=repr(p.suffix))
    return _read_data_file(p, given, layer, level, shown=str(p))


def _only_data_file(folder: Path, shown: Path) -> Path:
    """The one boundary file inside a folder (or unpacked zip); refuse none or several."""
    found = sorted(
        f
        for f in folder.rglob("*")
        if f.is_file() and f.suffix.lower() in DATA_SUFFIXES and "__MACOSX" not in f.parts and not f.name.startswith("._")
    )
    if not found:
        raise PwsError("folder_tanpa_batas", path=shown)
    if len(found) > 1:
        names = ", ".join(f.relative_to(folder).as_posix() for f in found[:10])
        raise PwsError("folder_banyak_batas", path=shown, n=len(found), nama=names)
    return found[0]


def _read_data_file(p: Path, given: CRS | None, layer: str | None, level: str, shown: str) -> BoundaryFile:
    suffix = p.suffix.lower()
    notes: list[str] = []
    try:
        if suffix in (".parquet", ".geoparquet"):
            frame = _read_geoparquet(p, shown)
        else:
            if suffix == ".shp":
                _check_shapefile_parts(p, given, shown)
            if suffix == ".gpkg":
                layer = _choose_layer(p, layer, level, shown)
            elif layer is not None:
                raise PwsError("satu_layer", path=shown, layer=layer)
            try:
                frame = gpd.read_file(p, layer=layer, engine="pyogrio")
            except shapely.errors.GEOSException:
                # A geometry GEOS cannot build (NaN coordinates make a ring that never
                # closes): read it as missing, so the report lists its row as empty.
                frame = gpd.read_file(p, layer=layer, engine="pyogrio", on_invalid="ignore")
                notes.append(Message("catatan_geometri_tak_terbaca"))
            if suffix == ".shp" and not _sibling(p, ".cpg") and _looks_like_utf8_read_as_latin1(frame):
                frame = gpd.read_file(p, engine="pyogrio", encoding="UTF-8")
                notes.append(Message("catatan_dibaca_utf8"))
    except PwsError:
        raise
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError, ValueError) as exc:
        raise PwsError("batas_tak_terbaca", path=shown, sebab=exc) from exc
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame:
        raise PwsError("batas_tanpa_geometri", path=shown)
    declared = frame.crs
    if given is not None:
        if declared is not None and CRS(declared) != given:
            notes.append(Message("catatan_crs_diganti", declared=_crs_name(declared), given=_crs_name(given)))
        frame = frame.set_crs(given, allow_override=True)
    elif declared is None:
        if suffix in (".geojson", ".json"):
            frame = frame.set_crs(4326)  # RFC 7946: GeoJSON is WGS 84 longitude/latitude
        else:
            if suffix != ".shp":
                raise PwsError("crs_tidak_dinyatakan", path=shown)
            raise PwsError("crs_prj_tak_dikenal" if _sibling(p, ".prj") else "crs_prj_tidak_ada", path=shown)
    if frame.crs.to_epsg() != 4326:
        try:
            frame = frame.to_crs(4326)
        except ProjError as exc:  # e.g. a LOCAL_CS / engineering CRS: no way to longitude/latitude
            raise PwsError("crs_tak_bisa_diubah", path=shown, crs=repr(_crs_name(frame.crs)), sebab=exc) from None
    _check_lonlat(frame, shown, declared if given is None else given)
    return BoundaryFile(frame, shown, layer, _crs_name(declared) if declared is not None else None, notes)


def _read_geoparquet(p: Path, shown: str) -> gpd.GeoDataFrame:
    try:
        return gpd.read_parquet(p)
    except ValueError as exc:  # a plain Parquet table has no 'geo' metadata
        raise PwsError("bukan_geoparquet", path=shown, sebab=exc) from exc


def _sibling(p: Path, suffix: str) -> bool:
    return any(f.suffix.lower() == suffix for f in p.parent.glob(p.stem + ".*"))


_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")  # UTF-8 lead + continuation byte, decoded as Latin-1


def _looks_like_utf8_read_as_latin1(frame: gpd.GeoDataFrame) -> bool:
    """Without a .cpg, GDAL decodes DBF text as Latin-1; UTF-8 text then shows as 'Ã©'."""
    for column in frame.columns:
        if column == frame.geometry.name or frame[column].dtype.kind != "O":
            continue
        values = frame[column].dropna().astype(str)
        if values.str.contains(_MOJIBAKE).any():
            return True
    return False


def _check_shapefile_parts(p: Path, given: CRS | None, shown: str) -> None:
    siblings = {f.suffix.lower(): f for f in p.parent.glob(p.stem + ".*")}
    missing = [s for s in (".dbf", ".shx") if s not in siblings]
    if missing:
        raise PwsError("shp_tak_lengkap", path=shown, hilang=" + ".join(missing))
    if ".prj" not in siblings and given is None:
        raise PwsError("shp_tanpa_prj", path=shown)


def _choose_layer(p: Path, layer: str | None, level: str, shown: str) -> str:
    """The layer to read: the one named, the only polygon layer, or the one named for the level."""
    layers = [(str(name), str(kind)) for name, kind in pyogrio.list_layers(p)]
    names = [name for name, _ in layers]
    if layer is not None:
        if layer not in names:
            raise PwsError("layer_tidak_ada", path=shown, layer=repr(layer), layers=", ".join(names) or "-")
        return layer
    # "Unknown"/"Geometry": a layer of mixed types may still hold the polygons
    polygonal = [name for name, kind in layers if "polygon" in kind.lower() or kind.lower() in ("unknown", "geometry")]
    if len(polygonal) == 1:
        return polygonal[0]
    if not polygonal:
        raise PwsError("tanpa_layer_poligon", path=shown, layers=", ".join(names) or "-")
    words = LEVEL_WORDS.get(level, ())
    named = [n for n in polygonal if any(w in n.lower().replace("-", "_").split("_") for w in words)]
    if len(named) == 1:
        return named[0]
    raise PwsError("banyak_layer_poligon", path=shown, n=len(polygonal), layers=", ".join(polygonal), level=level,
                   contoh=f"{shown}{LAYER_SEPARATOR}{polygonal[0]}")


def _check_lonlat(frame: gpd.GeoDataFrame, shown: str, crs) -> None:
    geoms = frame.geometry[~(frame.geometry.isna() | frame.geometry.is_empty)]
    if geoms.empty:
        return
    minx, miny, maxx, maxy = geoms.total_bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise PwsError("crs_salah", path=shown, crs=_crs_name(crs),
                       kotak=f"({minx:.0f}, {miny:.0f}) .. ({maxx:.0f}, {maxy:.0f})")


def _crs_name(crs) -> str:
    crs = CRS(crs)
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name

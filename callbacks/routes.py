"""Flask routes for geometry and facility points: cacheable, gzip, ETag.

The map loads its areas as geobuf (``<area>.pbf``, see :mod:`mapdata.geojson`);
the same geometry is served as GeoJSON (``<area>.json``) for other clients.

The snapshot id is part of the URL, so a response never changes for a URL:
browsers may keep it for a year, and a new import gives new URLs. Bodies are
packed once per snapshot and encoding (brotli, else gzip).
"""

from __future__ import annotations

from flask import Response, abort, request

from access.scope import NoAccess
from mapdata import areas, geojson

from .compression import STATIC_LEVELS, accepted_encoding, pack

GEO_PREFIX = "/pws/geo"
FAS_PREFIX = "/pws/fasilitas"
TOP = "top"
GEOBUF = ".pbf"
GEOJSON = ".json"
MIMETYPES = {GEOBUF: "application/x-protobuf", GEOJSON: "application/geo+json"}


def geometry_path(snapshot_id: str | None, kode: str | None, prefix: str = GEO_PREFIX, suffix: str = GEOBUF,
                  jalur: str = areas.ADMINISTRASI) -> str:
    """Path of the geometry of what is drawn at area ``kode`` (geobuf unless ``suffix`` says otherwise).

    On the puskesmas path the path says so: a kabupaten draws its puskesmas there.

    >>> geometry_path("s1", "19.06")
    '/pws/geo/s1/19.06.pbf'
    >>> geometry_path("s1", None, suffix=GEOJSON)
    '/pws/geo/s1/top.json'
    >>> geometry_path("s1", "19.06", jalur="puskesmas")
    '/pws/geo/s1/19.06.pbf?jalur=puskesmas'
    """
    path = f"{prefix}/{snapshot_id}/{kode or TOP}{suffix}"
    return path + f"?jalur={areas.PUSKESMAS}" if jalur == areas.PUSKESMAS else path


def _respond(md, key, build, suffix: str = GEOJSON) -> Response:
    body = md.memo(key, build)
    tag = geojson.etag(body)
    mimetype = MIMETYPES[suffix]
    encoding = accepted_encoding(request.headers.get("Accept-Encoding"))
    if request.if_none_match.contains(tag):
        resp = Response(status=304)
    elif encoding is not None:
        resp = Response(md.memo((*key, encoding), lambda: pack(body, encoding, STATIC_LEVELS[encoding])), mimetype=mimetype)
        resp.headers["Content-Encoding"] = encoding
    else:
        resp = Response(body, mimetype=mimetype)
    resp.set_etag(tag)
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    resp.headers["Vary"] = "Accept-Encoding"
    return resp


def _refuse(_exc: NoAccess) -> Response:
    return Response("403 Forbidden", status=403, mimetype="text/plain")


def register(app, ctx) -> None:
    """Add the geometry and facility routes to the app's Flask server.

    Every other answer is compressed by :mod:`callbacks.compression`.
    """
    server = app.server
    # no actor, or a request outside its scope: refused, with no data (callbacks raise it too)
    server.register_error_handler(NoAccess, _refuse)

    def _area(snapshot_id: str, name: str):
        md = ctx.data()
        if snapshot_id != md.snapshot_id:
            abort(404)  # an old snapshot's URL: the page will ask for the new one
        kode = None if name == TOP else name
        if not areas.is_known(md, kode):
            abort(404)
        return md, kode, areas.jalur_at(md, kode, request.args.get("jalur", areas.ADMINISTRASI))

    @server.route(f"{GEO_PREFIX}/<snapshot_id>/<name>{GEOBUF}")
    def pws_geometry(snapshot_id: str, name: str):
        md, kode, jalur = _area(snapshot_id, name)
        return _respond(md, ("geobuf", kode, jalur), lambda: geojson.children_geobuf(md, kode, jalur), GEOBUF)

    @server.route(f"{GEO_PREFIX}/<snapshot_id>/<name>{GEOJSON}")
    def pws_geometry_geojson(snapshot_id: str, name: str):
        md, kode, jalur = _area(snapshot_id, name)
        return _respond(md, ("geojson", kode, jalur), lambda: geojson.children_geojson(md, kode, jalur))

    @server.route(f"{FAS_PREFIX}/<snapshot_id>/<name>{GEOJSON}")
    def pws_facilities(snapshot_id: str, name: str):
        md, kode, _ = _area(snapshot_id, name)
        return _respond(md, ("fasilitas", kode), lambda: geojson.facilities_geojson(md, kode))

"""Boundaries: reading field files, Kemendagri codes, repair, hierarchy, simplification.

The boundary import, step by step (each a plain function on GeoDataFrames):

- :func:`geo.readers.read_boundary_file` — shp/folder/zip, GeoPackage, GeoJSON, GeoParquet → EPSG:4326;
- :func:`geo.columns.find_code_column`, :func:`geo.columns.find_name_column`;
- :func:`geo.repair.clean_layer` — codes normalised, geometry repaired, every problem reported by row;
- :func:`geo.hierarchy.derive_levels` — provinsi/kabkota/kecamatan dissolved from desa (or supplied);
- :func:`geo.simplify.simplify_for_display` — coverage simplification per level;
- :func:`geo.store.write_boundaries` — the workspace files and manifest entry;
- :func:`geo.importer.import_boundaries` / :func:`geo.importer.check_boundaries` — all of it, atomically.
"""

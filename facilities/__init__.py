"""Health facilities (posyandu, pustu, puskesmas) as points in their desa.

:mod:`facilities.readers` reads CSV, Excel and GeoJSON files and finds their
columns; :mod:`facilities.placement` checks coordinates and places each point in
its desa by point-in-polygon; :mod:`facilities.importer` writes the result into
a workspace (``fasilitas.parquet``) in one transaction.
"""

from facilities.importer import import_facilities
from facilities.placement import place_facilities
from facilities.readers import read_facility_file

__all__ = ["import_facilities", "place_facilities", "read_facility_file"]

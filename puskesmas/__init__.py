"""Puskesmas wilayah kerja: which desa each puskesmas serves, a table the dinas keeps.

The kecamatan code does not say it: a kecamatan may have two puskesmas, and a
wilayah kerja may cross a kecamatan border. :mod:`puskesmas.table` reads and
checks the file, :mod:`puskesmas.geometry` dissolves each wilayah from its desa,
:mod:`puskesmas.importer` writes both into a workspace snapshot.
"""

from puskesmas.importer import import_puskesmas
from puskesmas.table import WILAYAH_KERJA_FILE

__all__ = ["import_puskesmas", "WILAYAH_KERJA_FILE"]

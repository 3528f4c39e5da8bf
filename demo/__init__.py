"""The built-in demo workspace: a fictional province with generated data.

Everything here is synthetic and says so (``manifest["demo"] = True``; the UI
shows "Data contoh (sintetis)"). Modules: :mod:`demo.geography` (shapes),
:mod:`demo.names` (names), :mod:`demo.areas` (codes and hierarchy),
:mod:`demo.population` (people and performance per desa),
:mod:`demo.facilities` (posyandu, pustu, puskesmas), :mod:`demo.boundaries`
(levels and display geometry), :mod:`demo.build` (the workspace).
"""

from demo.areas import PROVINSI_KODE
from demo.build import build_demo_workspace

__all__ = ["PROVINSI_KODE", "build_demo_workspace"]

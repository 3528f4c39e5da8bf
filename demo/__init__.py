"""The built-in demo workspace: a fictional province with generated data.

Everything here is synthetic and says so (``manifest["demo"] = True``; the UI
shows "Data contoh (sintetis)"). Modules: :mod:`demo.geography` (shapes),
:mod:`demo.names` (names), :mod:`demo.areas` (codes and hierarchy),
:mod:`demo.population` (people and performance per desa),
:mod:`demo.facilities` (posyandu, pustu, puskesmas), :mod:`demo.indicators`
(monthly indicator values), :mod:`demo.build` (the workspace). The levels above
desa and their display geometry come from :mod:`geo` (``derive_levels``,
``simplify_for_display``, ``write_boundaries``); weekly cases and their alerts
from :mod:`surveillance` (``generate_weekly_cases``, ``write_cases``).
"""

from demo.areas import PROVINSI_KODE
from demo.build import build_demo_workspace

__all__ = ["PROVINSI_KODE", "build_demo_workspace"]

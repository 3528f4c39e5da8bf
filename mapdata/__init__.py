"""Data access for the map: plain, Dash-free functions over one workspace snapshot.

:class:`~mapdata.store.MapDataCache` loads a workspace once per snapshot (it
keeps only the live one), a loaded :class:`~mapdata.store.MapData` reads only
that snapshot (held as a ``PinnedWorkspace``), and the modules here turn that
into what the dashboard draws: compact GeoJSON of an area's children, the
``hideout`` payload of colours and classes, the breadcrumb trail, bounds and
facility points. Nothing here imports Dash.
"""

"""Data access for the map: plain, Dash-free functions over one workspace snapshot.

:class:`~mapdata.store.MapDataCache` loads a workspace once per snapshot (the
cache key is ``(workspace path, snapshot_id)``), and the modules here turn that
into what the dashboard draws: compact GeoJSON of an area's children, the
``hideout`` payload of colours and classes, the breadcrumb trail, bounds and
facility points. Nothing here imports Dash.
"""

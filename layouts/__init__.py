"""Dash component builders: functions that return components, no callbacks, no data access."""

"""Every user-facing string, per language: neutral ground for ``mapdata`` and ``layouts``.

Both UI packages translate through :func:`t`; keeping the table here (not in
``layouts``) lets the data layer label its answers without importing components.
"""

from texts.strings import EN, ID, LANGUAGE_NAMES, t

__all__ = ["EN", "ID", "LANGUAGE_NAMES", "t"]

"""Every user-facing string, per language: neutral ground for ``mapdata``, ``layouts`` and the command line.

Three tables, each Bahasa Indonesia first with English beside it:

* :mod:`texts.strings`: the dashboard's words, said with :func:`t`;
* :mod:`texts.cli`: the command line's report lines, said with :func:`texts.cli.say`;
* :mod:`texts.errors`: what the data modules tell the user (errors, row reasons,
  progress), kept as :class:`texts.message.Message` (key and parameters) until a
  front end says it in its language.

Keeping them here (not in ``layouts`` or ``commands``) lets the data layer label
its answers and word its errors without importing components.
"""

from texts.message import Message
from texts.strings import EN, ID, LANGUAGE_NAMES, t

__all__ = ["EN", "ID", "LANGUAGE_NAMES", "Message", "t"]

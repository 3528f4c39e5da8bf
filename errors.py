"""The project's own error type: a message meant for the person at the keyboard."""

from texts.message import Message


class PwsError(Exception):
    """A problem the user can fix: says what was wrong, where, and what to do.

    Raised with a key of :mod:`texts.errors` and its parameters, e.g.
    ``PwsError("berkas_tidak_ada", path=path)``: the module that raises it does
    not know the reader's language, so the front end says it with
    :meth:`text` in its own (the command line in the run's, the upload page in
    the page's). ``str(exc)`` is the Indonesian text, the house's default.

    The command line prints the message as one paragraph and exits non-zero; it
    never shows a traceback for a ``PwsError``.
    """

    def __init__(self, key: str, /, **params):
        self.message = key if isinstance(key, Message) else Message(key, **params)
        super().__init__(self.message)

    @property
    def key(self) -> str:
        return self.message.key

    def text(self, lang: str | None = "id") -> str:
        """The message in ``lang`` (``id`` or ``en``)."""
        return self.message.text(lang)


class InvalidRequest(ValueError):
    """A value the page itself never sends (a crafted or garbled callback request).

    The data layer refuses it by raising this; the web app answers 400 Bad
    Request (not a 500 that would read as a fault of the server).
    """

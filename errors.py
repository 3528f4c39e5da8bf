"""The project's own error type: a message meant for the person at the keyboard."""


class PwsError(Exception):
    """A problem the user can fix: says what was wrong, where, and what to do.

    The command line prints the message as one paragraph and exits non-zero; it
    never shows a traceback for a ``PwsError``.
    """


class InvalidRequest(ValueError):
    """A value the page itself never sends (a crafted or garbled callback request).

    The data layer refuses it by raising this; the web app answers 400 Bad
    Request (not a 500 that would read as a fault of the server).
    """

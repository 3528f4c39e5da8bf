"""Words said later, in the reader's language: a key of a texts table and its parameters.

The data modules (importers, readers, queries) do not know who reads them, so
they raise :class:`errors.PwsError` and write row problems as a :class:`Message`
(a key of :mod:`texts.errors` and its parameters); each front end says it in its
own language: the command line in the run's, the upload page in the page's.
"""

from __future__ import annotations

import json


def render(strings: dict[str, dict[str, str]], key: str, lang: str | None, fmt: dict) -> str:
    """``strings[lang][key]`` (a missing English text falls back to Indonesian), formatted with ``fmt``.

    A parameter that is itself a :class:`Message` is said in ``lang`` too; a list
    parameter item by item, joined by "; ".
    """
    ids = strings["id"]
    text = strings.get(lang or "id", ids).get(key, ids[key])  # a key missing in Indonesian is a typo: KeyError
    if not fmt:
        return text
    return text.format(**{k: _param(v, lang) for k, v in fmt.items()})


def _param(value, lang: str | None):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(in_lang(v, lang)) for v in value)
    return in_lang(value, lang)


def in_lang(value, lang: str | None):
    """``value`` said in ``lang`` when it is a :class:`Message`, else ``value`` unchanged.

    >>> in_lang(Message("berkas_tidak_ada", path="a.csv"), "en"), in_lang(3, "en")
    ('a.csv: file not found. Check the path.', 3)
    """
    return value.text(lang) if isinstance(value, Message) else value


def said(obj, lang: str | None):
    """A copy of plain data (dicts, lists) with every :class:`Message` said in ``lang``: for ``--json``.

    >>> said({"rows": [{"reason": Message("berkas_tidak_ada", path="a.csv")}], "n": 1}, "en")
    {'rows': [{'reason': 'a.csv: file not found. Check the path.'}], 'n': 1}
    """
    if isinstance(obj, Message):
        return obj.text(lang)
    if isinstance(obj, dict):  # keys too: a count by reason is keyed by the reason
        return {said(k, lang): said(v, lang) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [said(v, lang) for v in obj]
    return obj


class Message(str):
    """A message of :mod:`texts.errors` by key and parameters.

    It is a ``str`` (its Indonesian text, the house's default), so reports stay
    plain JSON-ready data; :meth:`text` says it in another language. A key that
    is not in the table is taken as the text itself (a message nobody translated
    yet still reads, in its one language).

    >>> m = Message("berkas_tidak_ada", path="a.csv")
    >>> m, m.text("en"), m.key
    ('a.csv: berkas tidak ditemukan. Periksa jalurnya.', 'a.csv: file not found. Check the path.', 'berkas_tidak_ada')
    """

    key: str
    params: dict

    def __new__(cls, key: str, /, **params):
        obj = super().__new__(cls, _say(key, "id", params))
        obj.key, obj.params = str(key), params
        return obj

    def text(self, lang: str | None = "id") -> str:
        """This message in ``lang`` (``id`` or ``en``)."""
        return _say(self.key, lang, self.params)

    def __reduce__(self):  # pickled (a worker's error) with its key, not as Indonesian text
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict) -> Message:
    return Message(key, **params)


def _say(key: str, lang: str | None, params: dict) -> str:
    from texts.errors import STRINGS

    if key not in STRINGS["id"]:
        return key
    return render(STRINGS, key, lang, params)


def to_stored(message: Message, limit: int | None = None) -> str:
    """``message`` as JSON text (key and parameters) for a database row, said later in the reader's language.

    Longer than ``limit`` (the column's size), it is kept as its Indonesian text instead.

    >>> message_text(to_stored(Message("berkas_tidak_ada", path="a.csv")), "en")
    'a.csv: file not found. Check the path.'
    """
    text = json.dumps(_plain(message), ensure_ascii=False)
    return str(message) if limit is not None and len(text) > limit else text


def message_text(stored: str | None, lang: str | None) -> str | None:
    """A message kept with :func:`to_stored`, in ``lang``; any other text (a row written before) as it is.

    >>> message_text("a plain note", "en")
    'a plain note'
    """
    try:
        data = json.loads(stored)
    except (TypeError, ValueError):
        return stored
    if not isinstance(data, dict) or "kunci" not in data:
        return stored
    return _from_plain(data).text(lang)


def _plain(value):
    if isinstance(value, Message):
        return {"kunci": value.key, "param": {k: _plain(v) for k, v in value.params.items()}}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


def _from_plain(value):
    if isinstance(value, dict) and "kunci" in value:
        return Message(value["kunci"], **{k: _from_plain(v) for k, v in value.get("param", {}).items()})
    if isinstance(value, list):
        return [_from_plain(v) for v in value]
    return value

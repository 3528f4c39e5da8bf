"""What the command line says, in one language per run.

Bahasa Indonesia unless ``--lang en`` (anywhere on the command line) or
``PWS_LANG=en``; every command reads the language from ``args.lang``.
"""

from __future__ import annotations

from texts.cli import say  # noqa: F401 - the words live in texts; commands import say from here or there

LANGS = ("id", "en")


def split_lang(argv: list[str], default: str | None) -> tuple[str, list[str]]:
    """``(lang, argv without --lang)``: ``--lang X`` or ``--lang=X`` anywhere, else ``default`` or ``id``.

    >>> split_lang(["table", "--lang", "en", "--json"], None)
    ('en', ['table', '--json'])
    >>> split_lang(["alerts"], "en")
    ('en', ['alerts'])
    """
    lang, rest, i = default or "id", [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return lang, rest


def json_records(frame) -> list[dict]:
    """A frame's rows for ``--json``: NaN becomes ``null``, numpy scalars plain Python values.

    >>> import pandas as pd
    >>> json_records(pd.DataFrame({"kode": ["29.01"], "nilai": [float("nan")], "n": [3]}))
    [{'kode': '29.01', 'nilai': None, 'n': 3}]
    """
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _json_value(value):
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):
        return value.item()
    return value

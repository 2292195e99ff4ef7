"""Characters no name has, anywhere in a name part: digits and symbols.

SIS users put more than names into name fields: a flag for staff (``*Ana``, ``Ana**``), a
count telling two records apart (``Ana2``, ``Ruiz #2``), a question left open (``Ana?``),
a slip of the keyboard (``Ana=``). The app shows the value as the person's name, and a
record of the person without the mark makes another account. What other rules read is
left to them: punctuation at the edge (``Ruiz,``: :mod:`._stray`), a joining mark
(``&``, ``+``, ``/``), a note in brackets or quotes, a generation written with digits
(``3rd``), a numbered stand-in (``Parent 1``), invisible and look-alike characters. An
accent written on its own as an apostrophe (``D´Angelo``, ``D`Angelo``) is read as one,
as keyboards without the apostrophe's key type it.
"""

from __future__ import annotations

import unicodedata

from oneroster_identity.normalize._suffixes import GENERATIONS

__all__ = ["symbols_in_name"]

_ODD_PUNCTUATION = frozenset("*?!#%@_\\")
_ODD_CATEGORIES = frozenset({"Nd", "Sm", "Sc", "Sk", "So"})
_NOT_ODD = frozenset("+\u00b4`")
"""A joining mark (read by the couple and stray rules), and an accent or a backquote
typed for an apostrophe."""


def symbols_in_name(part: str, /) -> str:
    """The characters of ``part`` no name has, each once, in the order they first appear
    (``""`` for a name). Words that are generations (``3rd``) are left out.

    >>> symbols_in_name("*Ana*"), symbols_in_name("Ruiz #2"), symbols_in_name("Ana?")
    ('*', '#2', '?')
    >>> symbols_in_name("O'Brien-Núñez"), symbols_in_name("John Smith 3rd"), symbols_in_name("D´Angelo")
    ('', '', '')
    """
    if part.isascii() and part.replace(" ", "").replace("-", "").replace("'", "").isalpha():
        return ""  # (nearly every name)
    found: dict[str, None] = {}
    for word in part.split():
        if word.strip(".,").casefold() in GENERATIONS:
            continue
        for ch in word:
            if ch in _NOT_ODD:
                continue
            if ch in _ODD_PUNCTUATION or unicodedata.category(ch) in _ODD_CATEGORIES:
                found[ch] = None
    return "".join(found)

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

from oneroster_identity.normalize._suffixes import GENERATIONS
from oneroster_identity.normalize._text import is_name_symbol

__all__ = ["number_in_name", "symbols_in_name", "without_symbols"]


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
            if is_name_symbol(ch):
                found[ch] = None
    return "".join(found)


def number_in_name(part: str, /) -> bool:
    """Whether a number is typed into the name part (``Ana2``, ``Ruiz #2``), a generation
    written with digits being a name's (``Ruiz 3rd``).

    >>> number_in_name("Ana 2"), number_in_name("Ruiz 3rd"), number_in_name("Ana")
    (True, False, False)
    """
    return any(ch.isdigit() for ch in symbols_in_name(part))


def without_symbols(part: str, /) -> str:
    """``part`` without the symbols :func:`symbols_in_name` finds (digits stay: a count
    may tell two people apart, and is no mark to drop), an underscore read as a space;
    ``part`` itself when nothing but symbols is left.

    >>> without_symbols("*Ana"), without_symbols("Ruiz #2"), without_symbols("Ana_Maria")
    ('Ana', 'Ruiz 2', 'Ana Maria')
    """
    found = [ch for ch in symbols_in_name(part) if not ch.isdigit()]
    if not found:
        return part
    text = part
    for ch in found:
        text = text.replace(ch, " " if ch == "_" else "")
    text = " ".join(text.split())
    return text if any(ch.isalpha() for ch in text) else part

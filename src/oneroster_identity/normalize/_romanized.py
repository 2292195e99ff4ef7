"""Korean family names romanized several ways: one person's ``Yi`` and ``Lee``.

A Korean family name reaches an SIS in the spelling of whichever paper the form copied: a
passport in the Revised Romanization (``Yi``, ``Bak``, ``Jeong``), an older one in
McCune-Reischauer, or the spelling the family has used for generations (``Lee``,
``Park``, ``Chung``). One parent's records then carry two family names that no edit
distance calls one (``Lee`` and ``Yi`` share no letter), and the app makes two accounts.

The spellings come from a bundled table, ``data/family_romanizations.txt``: a rule
cannot tell ``Jung``/``Chung`` (one name) from ``Jung``/``Chang`` (two), and the table
lists pairs, never classes (``Chun`` is Jeon's and Cheon's spelling, yet ``Jeon`` and
``Cheon`` are two names). Which spelling the app should show, only the person can say.
"""

from __future__ import annotations

from functools import cache

from oneroster_identity._data import data_words

__all__ = ["romanizations_of", "romanized_alike"]

_TABLE = "family_romanizations.txt"


@cache
def _lines() -> dict[str, frozenset[int]]:
    """Each spelling of the table -> the lines (names) that hold it."""
    lines: dict[str, set[int]] = {}
    for number, words in enumerate(data_words(_TABLE)):
        for word in words:
            lines.setdefault(word, set()).add(number)
    return {word: frozenset(numbers) for word, numbers in lines.items()}


@cache
def _others() -> dict[str, frozenset[str]]:
    """Each spelling of the table -> the other spellings on its lines (read once: the
    table's size, never the roster's, bounds it)."""
    words = data_words(_TABLE)
    return {
        word: frozenset(w for n in numbers for w in words[n] if w != word)
        for word, numbers in _lines().items()
    }


def romanizations_of(word: str, /) -> frozenset[str]:
    """The other spellings the table lists beside a folded family-name word, on any line
    that holds it (``chun``: ``jeon``, ``jun``, ``chon`` and ``cheon``); empty for a word
    the table does not list.

    >>> sorted(romanizations_of("lee")), sorted(romanizations_of("garcia"))
    (['rhee', 'rhie', 'ri', 'yi'], [])
    """
    return _others().get(word, frozenset())


def romanized_alike(a: str, b: str, /) -> bool:
    """Whether two folded family-name words (lower case, no accents) are two spellings of
    one Korean family name that the bundled table lists on one line.

    >>> romanized_alike("lee", "yi"), romanized_alike("park", "bak"), romanized_alike("jung", "chung")
    (True, True, True)
    >>> romanized_alike("jeon", "cheon"), romanized_alike("jung", "chang"), romanized_alike("lee", "lee")
    (False, False, False)
    """
    return b in _others().get(a, ())

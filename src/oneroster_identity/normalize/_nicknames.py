"""The bundled nickname table (see ``data/NOTICE.md`` for its source and licence)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from oneroster_identity._data import data_words
from oneroster_identity.normalize._spelling import listed_given_spellings, listed_spellings
from oneroster_identity.normalize._text import strip_diacritics


def _folded(name: str) -> str:
    """A table's name as the comparisons fold a given name before asking: lower case, no
    accents (the table's ``toño`` is asked as ``tono``)."""
    folded = name.strip().casefold()
    return folded if folded.isascii() else strip_diacritics(folded)


@cache
def _table_lines() -> tuple[tuple[str, ...], ...]:
    """The nickname tables' lines (a name, then its short forms), each name folded, read
    once for the pairs and the known names."""
    data = files("oneroster_identity.data")
    lines = []
    for resource in ("nicknames.csv", "nicknames_extra.csv"):
        for line in data.joinpath(resource).read_text(encoding="utf-8").splitlines():
            names = tuple(_folded(n) for n in line.split(",") if n.strip())
            if names:
                lines.append(names)
    return tuple(lines)


@cache
def nickname_pairs() -> frozenset[tuple[str, str]]:
    """Every (name, nickname) pair, both directions, folded (lower case, no accents), not
    transitive, each name standing for every spelling the bundled spellings table lists
    for it (since session 66): the tables list ``nicholas,nico``, and a family that
    registers ``Nicolás`` calls him Nico just the same. A spelling is one name written two
    ways, not a hop to another name, so this makes no chain of nicknames."""
    pairs: set[tuple[str, str]] = set()
    for head, *others in _table_lines():
        for other in others:
            if other == head:
                continue
            for a in listed_spellings(head):
                for b in listed_spellings(other):
                    if a != b:
                        pairs.add((a, b))
                        pairs.add((b, a))
    return frozenset(pairs)


def are_nicknames(a: str, b: str) -> bool:
    """Whether two folded given names are a name and its nickname (Robert/Bob, Liz/Elizabeth)."""
    return (a, b) in nickname_pairs()


@cache
def _nicknames_by_name() -> dict[str, frozenset[str]]:
    by_name: dict[str, set[str]] = {}
    for a, b in nickname_pairs():
        by_name.setdefault(a, set()).add(b)
    return {name: frozenset(others) for name, others in by_name.items()}


def nicknames_of(name: str) -> frozenset[str]:
    """The names a folded given name is a nickname or the full name of: every ``b`` with
    ``are_nicknames(name, b)``.

    >>> sorted(nicknames_of("liz"))
    ['elizabeth', 'lisa', 'lizzie', 'lizzy']
    """
    return _nicknames_by_name().get(name, frozenset())


@cache
def _known_names() -> frozenset[str]:
    names: set[str] = set()
    for line in _table_lines():
        names.update(line)
    for words in data_words("given_names.txt"):
        names.update(words)
    # (since session 52: each spelling of the spellings table is a real name, `Jeffery`
    # beside `Jeffrey`, `Nichole` beside `Nicole`, not a slip of the other; read by the
    # spelling module, whose table it is)
    names.update(listed_given_spellings())
    return frozenset(names)


def known_given_name(folded: str) -> bool:
    """Whether a folded given name appears in the bundled name tables (about 2,900 names:
    the nickname tables, ``data/given_names.txt`` and, since session 52,
    ``data/spellings.txt``): used to tell a real name from a typo of it, never to reject a
    name.

    >>> known_given_name("diego"), known_given_name("thuy"), known_given_name("deigo")
    (True, True, False)
    """
    return folded in _known_names()

"""Given names of a woman or a man, and one name's feminine and masculine forms.

Two parents of a child often carry ``Maria`` and ``Mario``, one keystroke apart; a
matcher that read them as a typo would make the two parents one person. The tables are
in ``data/`` (``gendered_names.txt``, ``name_genders.txt``, ``unisex_short_forms.txt``).
"""

from __future__ import annotations

from functools import cache, lru_cache

from oneroster_identity._data import data_words
from oneroster_identity._memo import run_cache
from oneroster_identity.normalize._name_words import loose_name

__all__ = [
    "begins_names_of_both_sexes",
    "gendered_variants",
    "name_gender",
    "other_genders",
    "unisex_short_form",
]


@cache
def _gendered_pairs() -> frozenset[tuple[str, str]]:
    """The table of feminine and masculine forms (both directions)."""
    pairs: set[tuple[str, str]] = set()
    for words in data_words("gendered_names.txt"):
        if len(words) == 2:
            pairs.update({(words[0], words[1]), (words[1], words[0])})
    return frozenset(pairs)


_FEMININE = ("a", "elle", "le", "ette")


_MASCULINE = ("o", "os", "us", "an", "")


_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ra", "er"),
    ("ina", "ian"),
    ("ine", "ian"),
    ("icia", "ick"),
    ("ica", "ick"),
    ("ia", "e"),
)
"""(feminine, masculine) endings beyond the pairs of the two lists above: Alexandra and
Alexander, Christina and Christian, Patricia and Patrick, Georgia and George. Two swapped
or changed letters apart, they read as a typo. (Not ``ora``/``ore``: Leonora and Leonore
are one name; Theodora and Theodore are in the table.)"""


@cache
def _unisex_short_forms() -> frozenset[str]:
    return frozenset(word for words in data_words("unisex_short_forms.txt") for word in words)


def unisex_short_form(given: str, /) -> bool:
    """Whether a given name is a short form of both a woman's and a man's name (``Terry``
    for Teresa or Terence, ``Sam``, ``Chris``: ``data/unisex_short_forms.txt``). A record
    so named beside one with the full name may be its person typed twice or a spouse.

    >>> unisex_short_form("Terry"), unisex_short_form("Sam"), unisex_short_form("Jen")
    (True, True, False)
    """
    return loose_name(given) in _unisex_short_forms()


@cache
def _genders() -> dict[str, str]:
    """Folded given name -> ``f`` or ``m``, for the names ``data/name_genders.txt`` lists."""
    return {name: words[0] for words in data_words("name_genders.txt") for name in words[1:]}


def name_gender(folded: str, /) -> str:
    """``f`` or ``m`` for a folded given name that is almost always a woman's or a man's
    in US schools (``data/name_genders.txt``), else ``""`` (unisex or not listed).

    >>> name_gender("mary"), name_gender("mark"), name_gender("jordan"), name_gender("zzz")
    ('f', 'm', '', '')
    """
    return _genders().get(folded, "")


@run_cache
@lru_cache(maxsize=1 << 10)
def begins_names_of_both_sexes(stem: str, /) -> bool:
    """Whether folded ``stem`` begins a woman's name and a man's that
    ``data/name_genders.txt`` lists (``chris``: Christina and Christopher; ``jos``:
    Josephine and Joseph): a name cut short there may be either spouse's.

    >>> begins_names_of_both_sexes("chris"), begins_names_of_both_sexes("eliz")
    (True, False)
    """
    found = {sex for name, sex in _genders().items() if name.startswith(stem)}
    return len(found) == 2


def other_genders(a: list[str], b: list[str]) -> bool:
    """Whether two given names' first words are a listed woman's name and a listed man's."""
    if not a or not b:
        return False
    ga, gb = name_gender(a[0]), name_gender(b[0])
    return bool(ga and gb and ga != gb)


def gendered_variants(a: str, b: str, /) -> bool:
    """Whether two folded given names are the masculine and feminine forms of one name
    (Maria/Mario, Julian/Julia, Daniel/Danielle, Paul/Paula): two people, not a typo.

    Co-parents often carry such names, one keystroke apart; calling them a typo would flag
    the two parents of a child as one person.

    >>> gendered_variants("maria", "mario"), gendered_variants("julia", "julian")
    (True, True)
    >>> gendered_variants("ann", "anne"), gendered_variants("jon", "john")
    (False, False)

    Pairs outside that ending rule come from a table (``data/gendered_names.txt``:
    Terri/Terry, Carol/Carl, Louise/Louis, Joan/Juan), compared on the whole name and on
    its first word:

    >>> gendered_variants("terri", "terry"), gendered_variants("carol ann", "carl")
    (True, True)
    >>> gendered_variants("christina", "christian"), gendered_variants("patricia", "patrick")
    (True, True)
    """
    if a == b:
        return False
    pairs = _gendered_pairs()
    if (a, b) in pairs or (a.partition(" ")[0], b.partition(" ")[0]) in pairs:
        return True
    if a[:3] != b[:3]:
        return False  # every ending rule keeps a stem of three letters or more
    for x, y in ((a, b), (b, a)):
        for fem, masc in _ENDINGS:
            stem = x[: len(x) - len(fem)]
            if x.endswith(fem) and len(stem) >= 3 and y == stem + masc:
                return True
        for fem in _FEMININE:
            if not x.endswith(fem):
                continue
            stem = x[: len(x) - len(fem)]
            if len(stem) < 3:
                continue
            for masc in _MASCULINE:
                if y == stem + masc and (masc or stem[-1] not in "aeiouy"):
                    return True
    return False

"""What exports write after a name and is no one's name: generational suffixes (``Jr.``,
``III``) and post-nominal letters (``Ed.D.``, ``RN``).

OneRoster has no field for either, so an export puts them in the given or the family
name, on one of a person's records and not another.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from oneroster_identity._memo import run_cache
from oneroster_identity.normalize._name_words import name_words

if TYPE_CHECKING:
    from oneroster_identity.normalize._names import PersonName

__all__ = [
    "GENERATIONS",
    "credential_dropped",
    "credentials",
    "generation_suffixes",
    "suffix_dropped",
]

GENERATIONS = {
    "jr": "jr",
    "junior": "jr",
    "sr": "sr",
    "senior": "sr",
    "ii": "ii",
    "2nd": "ii",
    "iii": "iii",
    "3rd": "iii",
    "iv": "iv",
    "4th": "iv",
}


_GENERATION_HINT = re.compile(r"(?i)(?:jr|sr|ii|iv|2nd|3rd|4th|junior|senior)\b")


def generation_suffixes(name: PersonName, /) -> frozenset[str]:
    """The generational suffixes (Jr., Sr., II, III, IV) written anywhere in the given or
    family name; OneRoster has no suffix field, so exports put them in either.

    >>> from oneroster_identity.normalize import PersonName
    >>> sorted(generation_suffixes(PersonName(given="Robert", family="Ng Jr.")))
    ['jr']
    """
    if not _GENERATION_HINT.search(name.given) and not _GENERATION_HINT.search(name.family):
        return frozenset()  # nearly every name: no word that could be a suffix
    words = (*name_words(name.given), *name_words(name.family))
    return frozenset(GENERATIONS[w] for w in words if w in GENERATIONS)


def suffix_dropped(a: PersonName, b: PersonName, /) -> bool:
    """Whether two names are one name but for a generational suffix written on one of
    them only (``Robert Ng Jr.`` and ``Robert Ng``, wherever the suffix is typed).

    >>> from oneroster_identity.normalize import PersonName
    >>> suffix_dropped(PersonName(given="Robert", family="Ng Jr."),
    ...                PersonName(given="Robert", family="Ng"))
    True
    >>> suffix_dropped(PersonName(given="Robert", family="Ng Sr."),
    ...                PersonName(given="Robert", family="Ng Jr."))
    False
    """
    sa, sb = generation_suffixes(a), generation_suffixes(b)
    if sa == sb or (sa and sb):
        return False
    return _without_generations(a) == _without_generations(b)


def _without_generations(name: PersonName) -> tuple[str, ...]:
    """A name's folded words without its generational suffixes."""
    words = (*name_words(name.given), *name_words(name.family))
    return tuple(w for w in words if w not in GENERATIONS)


_CREDENTIALS = frozenset(
    {
        "phd",
        "edd",
        "eds",
        "psyd",
        "dds",
        "dmd",
        "dvm",
        "rn",
        "lpn",
        "bsn",
        "msn",
        "aprn",
        "fnp",
        "esq",
        "cpa",
        "mba",
        "med",
        "msed",
        "lcsw",
        "lmsw",
        "msw",
        "lpc",
        "lmft",
        "ncsp",
        "nbct",
        "ccc",
        "slp",
        "otr",
        "dpt",
        "bcba",
    }
)
"""Post-nominal letters (degrees, licences, board certifications) that HR records write
after a staff member's family name and that are no one's name (folded, without dots)."""


_SHORT_CREDENTIALS = frozenset({"md", "do", "ma", "ms", "ba", "bs", "jd", "pa", "np", "ot", "pt"})
"""Post-nominal letters that are also names or words of names (``Ma`` and ``Do`` are
Chinese and Vietnamese family names): read as a credential only written with dots
(``M.D.``) or after a comma (``Nguyen, MD``)."""


_CREDENTIAL_HINT = re.compile(
    r"(?i)[.,]|(?:" + "|".join(sorted(_CREDENTIALS, key=len, reverse=True)) + r")\b"
)


@run_cache
@lru_cache(maxsize=1 << 12)
def credentials(family: str, /) -> tuple[str, ...]:
    """The post-nominal letters written after a family name (``Ed.D.``, ``PhD``, ``RN``,
    and ``M.D.`` or ``, MD`` with a dot or a comma to tell them from a name), folded and
    without dots, in the order written; a generational suffix among them is skipped (it
    is :func:`generation_suffixes`'s). The first word is never one: a family name comes
    first.

    >>> credentials("Quintanilla, Ed.D."), credentials("Quintanilla PhD, NBCT")
    (('edd',), ('phd', 'nbct'))
    >>> credentials("Nguyen, MD"), credentials("Nguyen M.D."), credentials("Nguyen Ma")
    (('md',), ('md',), ())
    >>> credentials("Ng Jr., PhD"), credentials("Phd")
    (('phd',), ())
    """
    if not _CREDENTIAL_HINT.search(family):
        return ()  # nearly every name
    head, _, tail = family.partition(",")
    tokens = [
        (token, words, after_comma)
        for part, after_comma in ((head, False), (tail, True))
        for token in part.split()
        if (words := name_words(token))  # (not a lone dash)
    ]
    found: list[str] = []
    for i in range(len(tokens) - 1, 0, -1):
        token, words, after_comma = tokens[i]
        letters = "".join(words)
        if letters in GENERATIONS:
            continue
        marked = after_comma or "." in token
        if letters in _CREDENTIALS or (marked and letters in _SHORT_CREDENTIALS):
            found.append(letters)
            continue
        if after_comma and all(w in _CREDENTIALS or w in _SHORT_CREDENTIALS for w in words):
            found.extend(reversed(words))  # CCC-SLP, one token of two credentials
            continue
        break
    return tuple(reversed(found))


def credential_dropped(a: PersonName, b: PersonName, /) -> bool:
    """Whether two names are one name but for post-nominal letters (:func:`credentials`)
    written after the family name on one of them only (``Maria Quintanilla, Ed.D.`` and
    ``Maria Quintanilla``): one person, as HR records and a school's records write her.

    >>> from oneroster_identity.normalize import PersonName
    >>> credential_dropped(PersonName(given="Maria", family="Quintanilla, Ed.D."),
    ...                    PersonName(given="Maria", family="Quintanilla"))
    True
    >>> credential_dropped(PersonName(given="Maria", family="Quintanilla PhD"),
    ...                    PersonName(given="Maria", family="Quintanilla Reyes"))
    False
    """
    ca, cb = credentials(a.family), credentials(b.family)
    if (not ca) == (not cb):
        return False
    return _without_credentials(a) == _without_credentials(b)


def _without_credentials(name: PersonName) -> tuple[str, ...]:
    """A name's folded words without its post-nominal letters and generational suffixes."""
    marks = set(credentials(name.family))
    words = (*name_words(name.given), *name_words(name.family))
    return tuple(w for w in words if w not in marks and w not in GENERATIONS)

"""What exports write after a name and is no one's name: generational suffixes (``Jr.``,
``III``) and post-nominal letters (``Ed.D.``, ``RN``).

OneRoster has no field for either, so an export puts them in the given or the family
name, on one of a person's records and not another.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
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
    "generations_differ",
    "one_suffix",
    "suffix_dropped",
    "suffix_forms",
    "suffix_moved",
    "suffix_written_otherwise",
    "unsuffixed_words",
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


NUMERALS = {"2": "ii", "3": "iii", "4": "iv"}
"""The suffixes a bare digit may write (``Ruiz 3`` for ``Ruiz III``). Alone a digit in a
name is as often a flag or a count an office typed (``Ana 2``, a second record), so it is
read as a suffix only beside a record that writes that suffix in letters."""

_GENERATION_HINT = re.compile(r"(?i)(?:jr|sr|ii|iv|2nd|3rd|4th|junior|senior)\b")


def generation_suffixes(name: PersonName, /, *, numerals: Collection[str] = ()) -> frozenset[str]:
    """The generational suffixes (Jr., Sr., II, III, IV) written after the first word of
    the given or family name; OneRoster has no suffix field, so exports put them in
    either. A field's first word is the name itself (since session 50: a given name
    ``JR``, as John Robert goes by, or the Brazilian given name ``Junior``, read as a
    suffix before).

    ``numerals`` are the suffixes a bare digit after a field's first word counts as
    (:data:`NUMERALS`): those another record of the person writes in letters.

    >>> from oneroster_identity.normalize import PersonName
    >>> sorted(generation_suffixes(PersonName(given="Robert", family="Ng Jr.")))
    ['jr']
    >>> sorted(generation_suffixes(PersonName(given="Junior", family="Silva")))
    []
    >>> ruiz_3 = PersonName(given="Carlos", family="Ruiz 3")
    >>> sorted(generation_suffixes(ruiz_3)), sorted(generation_suffixes(ruiz_3, numerals={"iii"}))
    ([], ['iii'])
    """
    hinted = _GENERATION_HINT.search(name.given) or _GENERATION_HINT.search(name.family)
    if not hinted and not numerals:
        return frozenset()  # nearly every name: no word that could be a suffix
    return frozenset(
        suffix
        for part in (name.given, name.family)
        for word in name_words(part)[1:]
        if (suffix := _suffix_of(word, numerals)) is not None
    )


def _suffix_of(word: str, numerals: Collection[str]) -> str | None:
    """The suffix a folded word writes, or ``None``; a bare digit only among ``numerals``."""
    suffix = GENERATIONS.get(word)
    if suffix is None and word in NUMERALS and NUMERALS[word] in numerals:
        return NUMERALS[word]
    return suffix


def generations_differ(a: PersonName, b: PersonName, /) -> bool:
    """Whether two names carry other generational suffixes (``Jr.`` beside ``Sr.``, or
    beside none): a parent and a child of one name as often as one person. A bare digit
    writing the suffix the other name writes in letters (``Ruiz 3`` beside ``Ruiz III``)
    is that suffix.

    >>> from oneroster_identity.normalize import PersonName
    >>> def n(family): return PersonName(given="Carlos", family=family)
    >>> generations_differ(n("Ruiz Jr."), n("Ruiz")), generations_differ(n("Ruiz 3"), n("Ruiz III"))
    (True, False)
    >>> generations_differ(n("Ruiz 2"), n("Ruiz III")), generations_differ(n("Ruiz 2"), n("Ruiz"))
    (True, False)
    """
    sa, sb = generation_suffixes(a), generation_suffixes(b)
    if sa == sb:
        return False
    letters = sa | sb
    return generation_suffixes(a, numerals=letters) != generation_suffixes(b, numerals=letters)


def one_suffix(x: str, y: str, /, *, after_first: bool = True) -> bool:
    """Whether two folded words write one generational suffix two ways (``iii`` and
    ``3rd``, ``jr`` and ``junior``; with ``after_first``, the word not a field's first, a
    bare digit and the suffix in letters: ``3`` and ``iii``, ``3`` and ``3rd``).

    >>> one_suffix("iii", "3rd"), one_suffix("3", "iii"), one_suffix("3", "iii", after_first=False)
    (True, True, False)
    >>> one_suffix("jr", "sr"), one_suffix("2", "3")
    (False, False)
    """
    if x == y:
        return False
    gx, gy = GENERATIONS.get(x), GENERATIONS.get(y)
    if gx is not None and gy is not None:
        return gx == gy
    if not after_first:
        return False
    if gx is None and gy is not None:
        return NUMERALS.get(x) == gy
    return gx is not None and NUMERALS.get(y) == gx


def suffix_written_otherwise(wa: Sequence[str], wb: Sequence[str], /) -> bool:
    """Whether two names' folded words are the same but for one generational suffix
    written two ways in the same place (``ruiz iii`` and ``ruiz 3rd``, ``ruiz jr`` and
    ``ruiz junior``; after a field's first word, a bare digit and the suffix it writes,
    ``ruiz 3`` and ``ruiz iii``: :func:`one_suffix`).

    >>> suffix_written_otherwise(("ruiz", "3"), ("ruiz", "iii"))
    True
    >>> suffix_written_otherwise(("3", "ruiz"), ("iii", "ruiz"))
    False
    """
    if len(wa) != len(wb) or wa == wb:
        return False
    return all(
        x == y or one_suffix(x, y, after_first=i > 0)
        for i, (x, y) in enumerate(zip(wa, wb, strict=True))
    )


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
    """A name's folded words without its generational suffixes, which follow a field's
    first word (:func:`unsuffixed_words`: a given name ``Junior`` is kept)."""
    return (*unsuffixed_words(name.given), *unsuffixed_words(name.family))


def suffix_moved(a: PersonName, b: PersonName, /) -> bool:
    """Whether two names are one name with one generational suffix typed in the given
    name on one and the family name on the other (``Carlos Jr.`` / ``Ruiz`` and
    ``Carlos`` / ``Ruiz Jr.``): OneRoster has no suffix field, and one export or office
    puts it in one field, another in the other.

    >>> from oneroster_identity.normalize import PersonName
    >>> suffix_moved(PersonName(given="Carlos Jr.", family="Ruiz"),
    ...              PersonName(given="Carlos", family="Ruiz, Jr"))
    True
    >>> suffix_moved(PersonName(given="Carlos Jr.", family="Ruiz"),
    ...              PersonName(given="Carlos", family="Ruiz"))
    False
    """
    ga, fa = _field_parts(a.given), _field_parts(a.family)
    gb, fb = _field_parts(b.given), _field_parts(b.family)
    return (
        # (each name's suffix in one field: `Carlos Jr.` / `Ruiz Jr.` typed it twice)
        not (ga[1] and fa[1])
        and not (gb[1] and fb[1])
        and ga[0] == gb[0]
        and fa[0] == fb[0]
        and bool(ga[1] | fa[1])
        and ga[1] | fa[1] == gb[1] | fb[1]
        and (ga[1], fa[1]) != (gb[1], fb[1])
    )


_NOTATIONS = {
    "jr": ("jr", "junior"),
    "sr": ("sr", "senior"),
    "ii": ("ii", "2nd", "2"),
    "iii": ("iii", "3rd", "3"),
    "iv": ("iv", "4th", "4"),
}
"""Each generational suffix's notations, bare digit last (:data:`NUMERALS`)."""


def suffix_forms(given: str, family: str, /) -> tuple[tuple[str, str], ...]:
    """A name with one generational suffix written every other way: in its other
    notations (``III``, ``3rd``, ``3``; ``Jr``, ``Junior``) and typed at the end of the
    other field, as folded words; ``()`` for a name with no suffix, or more than one, or
    a suffix as a field's only word. A name with no suffix in letters and one bare digit
    2 to 4 after a field's first word (``Ruiz 3``) has the suffix it may write, in
    letters (``Ruiz III``, ``Ruiz 3rd``).

    The name-forms warnings look these up for a staff member's name, so that a guardian
    record writing the suffix otherwise is met: :func:`~oneroster_identity.normalize.
    compare_names` then says whether the two are one name.

    >>> suffix_forms("Carlos", "Ruiz III")  # doctest: +NORMALIZE_WHITESPACE
    (('carlos', 'ruiz 3rd'), ('carlos', 'ruiz 3'), ('carlos iii', 'ruiz'),
     ('carlos 3rd', 'ruiz'))
    >>> suffix_forms("Carlos", "Ruiz")
    ()
    """
    hinted = _GENERATION_HINT.search(given) or _GENERATION_HINT.search(family)
    if not hinted and not _BARE_DIGIT.search(given + " " + family):
        return ()  # nearly every name
    fields = [list(name_words(given)), list(name_words(family))]
    found = [
        (f, i, GENERATIONS[w])
        for f, words in enumerate(fields)
        for i, w in enumerate(words)
        if i and w in GENERATIONS
    ]
    digit = not found
    if digit:
        found = [
            (f, i, NUMERALS[w])
            for f, words in enumerate(fields)
            for i, w in enumerate(words)
            if i and w in NUMERALS
        ]
    if len(found) != 1:
        return ()
    field, at, suffix = found[0]
    written = fields[field][at]
    out: list[tuple[str, str]] = []
    for notation in _NOTATIONS[suffix]:
        if notation != written:
            words = [*fields[field][:at], notation, *fields[field][at + 1 :]]
            out.append(_as_name(field, words, fields[1 - field]))
    rest = [*fields[field][:at], *fields[field][at + 1 :]]
    other = fields[1 - field]
    if other and not digit:
        # (in letters: a bare digit in the other field is no suffix moved, `Carlos 3`)
        for notation in _NOTATIONS[suffix]:
            if notation not in NUMERALS:
                out.append(_as_name(1 - field, [*other, notation], rest))
    return tuple(out)


_BARE_DIGIT = re.compile(r"(?<![^\W_])[234](?![^\W_])")


def _as_name(field: int, words: list[str], other: list[str]) -> tuple[str, str]:
    """(given, family) with ``words`` in ``field`` (0: given) and ``other`` in the other."""
    a, b = " ".join(words), " ".join(other)
    return (a, b) if field == 0 else (b, a)


def _field_parts(value: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A name field's folded words without its generational suffixes, which follow its
    first word, and the suffixes."""
    words = name_words(value)
    later = words[1:]
    return (
        words[:1] + tuple(w for w in later if w not in GENERATIONS),
        frozenset(GENERATIONS[w] for w in later if w in GENERATIONS),
    )


def unsuffixed_words(value: str, /) -> tuple[str, ...]:
    """A name field's folded words without its generational suffixes, which follow its
    first word (``Ruiz, Jr.``: ``('ruiz',)``; ``Junior``: ``('junior',)``)."""
    return _field_parts(value)[0]


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
    """A name's folded words without its post-nominal letters, which end the family name,
    and its generational suffixes, which follow a field's first word. The letters are
    taken off the end only, so a family name that is also a credential's letters keeps
    its own word (``Ma, M.A.`` is ``ma``; before session 51 both words were dropped, and
    the name matched a record with no family name instead of one with ``Ma``)."""
    family = list(unsuffixed_words(name.family))
    for mark in reversed(credentials(name.family)):
        if len(family) > 1 and family[-1] == mark:
            family.pop()
    return (*unsuffixed_words(name.given), *family)

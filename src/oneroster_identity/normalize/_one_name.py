"""A person of one name, and the marks records write for the name such a person lacks.

Many people have one name only (in Afghanistan, Indonesia, Myanmar, parts of India and
East Africa). US immigration papers write the name they lack as ``FNU`` ("first name
unknown") or ``LNU`` ("last name unknown"), and an SIS copies the papers: ``FNU Zainab``
or ``Zainab LNU``. Other offices write the one name in both fields (``Zainab Zainab``) or
leave a field empty. A person's records made by two offices then carry two forms of one
name, and the app, which compares the fields exactly, makes two accounts.

Nothing here says which form is right: that is the district's convention, not the
data's. A mark is read as a value the record does not have, never as a name; so is a
stand-in an export types for a family name it does not have (``N/A``, ``Unknown``:
:func:`no_family_name`), which the findings report as ``placeholder-name``.
"""

from __future__ import annotations

from oneroster_identity.normalize._relations import is_care_of
from oneroster_identity.normalize._spreadsheet import spreadsheet_error

__all__ = [
    "PLACEHOLDER_FAMILY_SPELLINGS",
    "UNKNOWN_NAME_MARKS",
    "UNKNOWN_NAME_MARK_SPELLINGS",
    "is_placeholder_family_name",
    "is_unknown_name_mark",
    "may_be_one_name",
    "no_family_name",
    "one_name",
]

_PLACEHOLDER_FAMILY_NAMES = frozenset(
    {
        "n/a", "n.a.", "n.a", "unknown", "none", "null", "tbd", "not provided",
        "not available", "no name", "noname", "x", "xx", "xxx", "?",
    }
)  # fmt: skip
"""Stand-ins an SIS export carries for a family name it does not have (folded). Not
``Na`` or ``No``, which are Korean family names."""


def is_placeholder_family_name(value: str, /) -> bool:
    """Whether a family name is a stand-in for one (``N/A``, ``Unknown``, ``TBD``): the
    app shows it as the person's family name.

    >>> is_placeholder_family_name("N/A"), is_placeholder_family_name("Unknown")
    (True, True)
    >>> is_placeholder_family_name("Na"), is_placeholder_family_name("Nunez")
    (False, False)

    A spreadsheet's error value (``#N/A``, ``#NAME?``) is one too, since session 49: the
    name was lost on the file's way here.

    >>> is_placeholder_family_name("#N/A"), is_placeholder_family_name("#NAME?")
    (True, True)
    >>> is_placeholder_family_name("Unknown."), is_placeholder_family_name("(N/A)")
    (True, True)

    So is a "care of" note that is all the field holds (since session 62: ``C/O
    Garcia``, whom the person is reached through, was compared as a compound family name
    and given to the person's record without one as their family name). After a name it
    is a note beside it (``Garcia c/o Lopez``: ``split_note``).

    >>> is_placeholder_family_name("C/O Garcia"), is_placeholder_family_name("care of Ruiz")
    (True, True)
    >>> is_placeholder_family_name("Garcia c/o Lopez"), is_placeholder_family_name("Co")
    (False, False)
    """
    return (
        value.strip().casefold() in _PLACEHOLDER_FAMILY_NAMES
        or _in_punctuation(value)
        or spreadsheet_error(value) is not None
        or (not value.isalpha() and is_care_of(value))
    )


def _in_punctuation(value: str) -> bool:
    """A stand-in typed in or beside punctuation (`Unknown.`, `N/A,`, `(Unknown)`: since
    session 60, no stand-in before, and `Unknown,` had `Unknown` suggested as the family
    name); not one letter, which is an initial (`X.`), whatever `X` alone is."""
    inside = value.strip(_AROUND)
    return len(inside) > 1 and inside.casefold() in _PLACEHOLDER_FAMILY_NAMES


_AROUND = " .,;:-()[]\"'"
"""Punctuation a stand-in may be typed in or beside (``Unknown.``, ``(N/A)``)."""


def no_family_name(value: str, /) -> bool:
    """Whether a family name says the record has none: a mark (``LNU``) or a stand-in
    (``N/A``, ``Unknown``). Either is read as an empty family name beside another one, and
    as the one-name convention beside the one name (``Zainab`` / ``Unknown``)."""
    return is_unknown_name_mark(value) or is_placeholder_family_name(value)


UNKNOWN_NAME_MARKS = frozenset({"fnu", "lnu", "nfn", "nln"})
"""First name unknown, last name unknown, no first name, no last name (folded)."""


def _as_typed(folded: frozenset[str]) -> frozenset[str]:
    """Folded words as exports usually type them (``n/a``, ``N/A``, ``Unknown``, ``Not
    Provided``): the findings' fast path tests a part against these before folding it."""
    return frozenset(
        spelled
        for word in folded
        for spelled in (word, word.upper(), word.capitalize(), word.title())
    )


UNKNOWN_NAME_MARK_SPELLINGS = _as_typed(UNKNOWN_NAME_MARKS)
"""The marks as exports usually type them (``FNU``, ``Fnu``)."""

PLACEHOLDER_FAMILY_SPELLINGS = _as_typed(_PLACEHOLDER_FAMILY_NAMES)
"""The family-name stand-ins as exports usually type them (``N/A``, ``Unknown``)."""


def is_unknown_name_mark(value: str, /) -> bool:
    """Whether a name part is a mark for a name the person does not have (``FNU``,
    ``LNU``, ``NFN``, ``NLN``, dotted or spaced: ``F.N.U.``).

    >>> is_unknown_name_mark("FNU"), is_unknown_name_mark("f.n.u."), is_unknown_name_mark("Fu")
    (True, True, False)
    """
    if value.isalpha():  # (most parts: told in C)
        return len(value) == 3 and value.casefold() in UNKNOWN_NAME_MARKS
    if len(value) > 12:
        return False
    letters = "".join(ch for ch in value if ch.isalpha())
    if letters.casefold() not in UNKNOWN_NAME_MARKS:
        return False
    return all(ch.isalpha() or ch in ". " for ch in value)


def _has_letters(value: str) -> bool:
    return value.isalnum() or any(ch.isalnum() for ch in value)


def one_name(given: str, family: str, given_key: str, family_key: str, /) -> str:
    """The key of the one name a record writes by a one-name convention, or ``""``.

    The conventions: a mark in one field and the name in the other (``FNU`` / ``Zainab``,
    ``Zainab`` / ``LNU``), the name in both fields (``Zainab`` / ``Zainab``), or the name
    in one field and the other empty. ``given_key`` and ``family_key`` are the parts' name
    keys (:func:`~oneroster_identity.normalize.name_key`), passed in so the caller's policy
    decides them.

    >>> one_name("FNU", "Zainab", "fnu", "zainab"), one_name("Zainab", "Zainab", "zainab", "zainab")
    ('zainab', 'zainab')
    >>> one_name("Zainab", "Rahimi", "zainab", "rahimi"), one_name("FNU", "LNU", "fnu", "lnu")
    ('', '')
    """
    given_mark, family_mark = is_unknown_name_mark(given), no_family_name(family)
    if given_mark or family_mark:
        if given_mark and family_mark:
            return ""
        name, key = (family, family_key) if given_mark else (given, given_key)
        return key if _has_letters(name) else ""
    if given_key == family_key:
        return given_key if _has_letters(given) else ""
    given_blank, family_blank = not _has_letters(given), not _has_letters(family)
    if given_blank != family_blank:
        return family_key if given_blank else given_key
    return ""


def may_be_one_name(given: str, family: str, /) -> bool:
    """A cheap test before :func:`one_name`: ``False`` only for a name no one-name
    convention writes and no mark or stand-in holds (most names: two plain words, neither
    of three letters, unequal, the family name no ``Unknown``)."""
    if given.isalpha() and family.isalpha():
        return (
            len(given) == 3
            or len(family) == 3
            or given.casefold() == family.casefold()
            or family.casefold() in _PLACEHOLDER_FAMILY_NAMES  # Unknown, None
        )
    return True

"""Titles typed before a given name (``Mrs. Ana``, ``Dr Robert``).

A title is never part of the name the app should show, with one exception read here: a
woman's title before a man's given name (``Mrs. John``) names his wife, not him.
"""

from __future__ import annotations

from collections.abc import Sequence

from oneroster_identity.normalize._genders import name_gender
from oneroster_identity.normalize._name_words import LETTER_RUNS, loose_name

__all__ = [
    "TITLES",
    "drop_title",
    "names_husband",
    "names_husband_words",
    "titles_dropped",
    "without_title",
]

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "rev", "prof", "sr", "sra", "srta", "mme", "mlle"}
)
"""Titles a front office types before a given name (folded, without their dots)."""


def without_title(words: tuple[str, ...], /) -> tuple[str, ...]:
    """The folded words of a given name without the titles typed before it; a name that
    is nothing but a title is kept as it is.

    >>> without_title(("mrs", "ana")), without_title(("dr", "robert", "lee"))
    (('ana',), ('robert', 'lee'))
    >>> without_title(("miss",))
    ('miss',)
    """
    start = 0
    while start < len(words) - 1 and words[start] in TITLES:
        start += 1
    return words[start:]


_WOMENS_TITLES = frozenset({"mrs", "ms", "miss", "sra", "srta", "mme", "mlle"})
"""Titles of a woman (folded, without their dots), of :data:`TITLES`."""


def names_husband_words(words: Sequence[str], family: str | None = None) -> bool:
    """Whether folded given-name words are a woman's title before a man's given name,
    and not before the record's own family name (``family``, when known)."""
    bare = without_title(tuple(words))
    titles = words[: len(words) - len(bare)]
    if not (titles and all(t in _WOMENS_TITLES for t in titles) and name_gender(bare[0]) == "m"):
        return False
    if family is not None:
        own = tuple(LETTER_RUNS.findall(loose_name(family)))
        # `Mrs. Thomas` / `Thomas` (or no family name): her title and surname, typed
        # into the given-name field
        if bare == own or (not own and len(bare) == 1):
            return False
    return True


def names_husband(given: str, /, family: str | None = None) -> bool:
    """Whether a given name is a woman's title before a man's given name (``Mrs. John``,
    ``Sra. Luis``): the formal way of naming a man's wife (Mrs. John Smith), which a
    front office copies from a form or an old card. The record names her by her
    husband's name, not her own: beside his record it is another person, and her own
    records (``Mary``) make other accounts. A man's name is one ``data/name_genders.txt``
    lists as almost always a man's; ``Mrs. Jordan`` may be anyone's title slip.

    >>> names_husband("Mrs. John"), names_husband("Sra. Luis"), names_husband("Mrs. Ana")
    (True, True, False)
    >>> names_husband("Mr. John"), names_husband("Mr. and Mrs. John"), names_husband("John")
    (False, False, False)

    With the record's ``family`` name, a title before it is her title and surname typed
    into the given-name field (``Mrs. Thomas`` / ``Thomas``), not her husband's name:

    >>> names_husband("Mrs. Thomas", family="Thomas"), names_husband("Mrs. Thomas", family="")
    (False, False)
    >>> names_husband("Mrs. Thomas", family="Reyes"), names_husband("Mrs. John Smith", family="")
    (True, True)
    """
    return names_husband_words(LETTER_RUNS.findall(loose_name(given)), family)


def drop_title(given: str, /) -> str:
    """``given`` without the titles typed before it, the rest as written (accents and
    case kept): a title is never a value to type into a given-name field. A name that is
    nothing but a title is kept.

    >>> drop_title("Mrs. Sofía"), drop_title("Dr Robert Lee"), drop_title("Ana"), drop_title("Mr.")
    ('Sofía', 'Robert Lee', 'Ana', 'Mr.')
    >>> drop_title("Mr. & Mrs. John")
    'Mr. & Mrs. John'

    Nor a woman's title before a man's name, which names his wife (:func:`names_husband`):
    ``John`` is not her name.

    >>> drop_title("Mrs. John")
    'Mrs. John'
    """
    return given if names_husband(given) else titles_dropped(given)


def titles_dropped(given: str) -> str:
    """:func:`drop_title` of any name, ``Mrs. John`` too (``John``: in ``Mr. and Mrs.
    John``, the husband's own name)."""
    tokens = given.split()
    folded = tuple("".join(LETTER_RUNS.findall(t.casefold())) for t in tokens)
    start = len(tokens) - len(without_title(folded))  # the titles: the words it drops
    if not start:
        return given
    if folded[start] in ("and", "y", ""):
        return given  # a couple (`Mr. and Mrs. John`, `Sr. y Sra.`): no one name to keep
    return " ".join(tokens[start:])

"""Grade levels written several ways: ``04``, ``4``, ``Grade 4``, ``4th``; ``K``, ``KG``.

OneRoster grades are CEDS codes (``KG``, ``01`` ... ``12``, ``PK``), but records reach one
roster from several forms and imports, and an app export writes ``3`` or ``Grade 3``.
Compared as written, ``04`` and ``4`` are different grades, which reads as two children.
Since session 44 the words an SIS or a form writes are read too: ``Kindergarten``,
``Pre-K``, ``Gr. 4``, ``4th Grade``, ``Fourth``, ``Freshman``. A value naming only part of a
level (``PK3`` and ``PK4``, three- and four-year-olds) is left as written: read as ``PK`` it
would make two namesakes of two classes one child.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oneroster_identity._memo import run_cache

__all__ = ["grade_key", "grade_level"]

_GRADE_ORDER = {
    "IT": -3,
    "PR": -2,
    "PK": -1,
    "TK": -1,
    "KG": 0,
    "K": 0,
    # the words and local codes of the same levels
    "PRESCHOOL": -2,
    "PRE-K": -1,
    "PREK": -1,
    "PRE K": -1,
    "PRE-KINDERGARTEN": -1,
    "PREKINDERGARTEN": -1,
    "PRE KINDERGARTEN": -1,
    "K4": -1,  # four-year-old kindergarten (Wisconsin, the Carolinas): pre-K
    "JK": -1,  # junior kindergarten (Ontario)
    "JUNIOR KINDERGARTEN": -1,
    "KINDERGARTEN": 0,
    "KINDER": 0,
    "KN": 0,
    "K5": 0,  # five-year-old kindergarten, beside K4
    "SK": 0,  # senior kindergarten (Ontario)
    "SENIOR KINDERGARTEN": 0,
    "FRESHMAN": 9,
    "SOPHOMORE": 10,
    "JUNIOR": 11,
    "SENIOR": 12,
}
_ORDINALS = [
    "FIRST",
    "SECOND",
    "THIRD",
    "FOURTH",
    "FIFTH",
    "SIXTH",
    "SEVENTH",
    "EIGHTH",
    "NINTH",
    "TENTH",
    "ELEVENTH",
    "TWELFTH",
]
_GRADE_ORDER.update({word: n for n, word in enumerate(_ORDINALS, start=1)})
_NUMBERED = re.compile(r"(?:(?:GRADE|GR\.?)\s*:?\s*)?0*(\d{1,2})(?:ST|ND|RD|TH)?(?:\s*GRADE)?")
_WORDS = re.compile(r"(?:GRADE\s*:?\s*)?([A-Z][A-Z -]*?)(?:\s*GRADE)?")


@run_cache
@lru_cache(maxsize=256)
def grade_level(value: str) -> int | None:
    """The grade as a number (kindergarten 0, pre-K -1, infant/toddler -3, preschool -2),
    or ``None`` for a value that is not a grade this reads.

    >>> grade_level("04"), grade_level("Grade 4"), grade_level("4th"), grade_level("KG")
    (4, 4, 4, 0)
    >>> grade_level("Gr. 4"), grade_level("4th Grade"), grade_level("Fourth grade")
    (4, 4, 4)
    >>> grade_level("Kindergarten"), grade_level("Pre-K"), grade_level("Senior")
    (0, -1, 12)
    >>> grade_level("Ungraded") is None, grade_level("PK3") is None
    (True, True)
    """
    text = " ".join(value.strip().upper().split())
    if text in _GRADE_ORDER:
        return _GRADE_ORDER[text]
    numbered = _NUMBERED.fullmatch(text)
    if numbered:
        return int(numbered.group(1))
    worded = _WORDS.fullmatch(text)
    return _GRADE_ORDER.get(worded.group(1)) if worded else None


def grade_key(value: str) -> int | str:
    """What two grades compare by: the level when it reads as one, else the value folded
    (``Ungraded``, ``Other``)."""
    level = grade_level(value)
    return value.strip().casefold() if level is None else level

"""Grade levels written several ways: ``04``, ``4``, ``Grade 4``, ``4th``; ``K``, ``KG``.

OneRoster grades are CEDS codes (``KG``, ``01`` ... ``12``, ``PK``), but records reach one
roster from several forms and imports, and an app export writes ``3`` or ``Grade 3``.
Compared as written, ``04`` and ``4`` are different grades, which reads as two children.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oneroster_identity._memo import run_cache

__all__ = ["grade_key", "grade_level"]

_GRADE_ORDER = {"IT": -3, "PR": -2, "PK": -1, "TK": -1, "KG": 0, "K": 0}
_NUMBERED = re.compile(r"(?:GRADE\s*)?0*(\d{1,2})(?:ST|ND|RD|TH)?")


@run_cache
@lru_cache(maxsize=256)
def grade_level(value: str) -> int | None:
    """The grade as a number (kindergarten 0, pre-K -1, infant/toddler -3, preschool -2),
    or ``None`` for a value that is not a grade this reads.

    >>> grade_level("04"), grade_level("Grade 4"), grade_level("4th"), grade_level("KG")
    (4, 4, 4, 0)
    >>> grade_level("Ungraded") is None
    True
    """
    text = value.strip().upper()
    if text in _GRADE_ORDER:
        return _GRADE_ORDER[text]
    numbered = _NUMBERED.fullmatch(text)
    return int(numbered.group(1)) if numbered else None


def grade_key(value: str) -> int | str:
    """What two grades compare by: the level when it reads as one, else the value folded
    (``Ungraded``, ``Other``)."""
    level = grade_level(value)
    return value.strip().casefold() if level is None else level

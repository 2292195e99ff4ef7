"""The letters of a name part: what is left to compare when only the letters matter.

Every name rule folds a part the same way (case, spacing, punctuation, accents and
invisible characters away, letters a program garbled read back) before it looks at
its words; this module is that one fold.
"""

from __future__ import annotations

import re
from functools import lru_cache

from oneroster_identity._memo import run_cache
from oneroster_identity.normalize._encoding import ungarbled
from oneroster_identity.normalize._text import (
    fold_key,
    strip_diacritics,
    strip_invisible,
    strip_punctuation,
)

__all__ = ["LETTER_RUNS", "loose_name", "name_words"]

LETTER_RUNS = re.compile(r"[^\W_]+")


@run_cache
@lru_cache(maxsize=1 << 16)
def name_words(value: str, /) -> tuple[str, ...]:
    """The words of a name part, folded as :func:`loose_name` folds them, without the
    commas and other separators between them.

    >>> name_words("Garcia, María")
    ('garcia', 'maria')
    """
    return tuple(LETTER_RUNS.findall(loose_name(value)))


@run_cache
@lru_cache(maxsize=1 << 16)
def loose_name(value: str, /) -> str:
    """A name part with case, spacing, punctuation, accents and invisible characters
    folded away: what is left to compare when only the letters matter (cached like
    :func:`~oneroster_identity.normalize._text.fold_key`: comparing names folds the same
    parts again and again). A zero-width space pasted into a name is a finding of its
    own; it does not hide, say, that the name is another record's swapped; nor do letters
    a program garbled (``GarcÃ­a``, read back as ``García``: since session 49).

    >>> loose_name("  O'Brien-Núñez "), loose_name("La\u200bn"), loose_name("GarcÃ­a")
    ('obrien nunez', 'lan', 'garcia')
    """
    if not value.isascii() or "&" in value:
        value = ungarbled(value) or value
    return strip_diacritics(strip_punctuation(fold_key(strip_invisible(value))))

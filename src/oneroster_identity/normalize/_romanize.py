"""Names in Cyrillic or Greek letters, read in Latin ones, to tell whether a name in one
script and a name in Latin letters read alike.

A parent may be typed in their own script on one record (a form the family filled in) and
in Latin letters on another (the office's). No romanization is one-to-one (``Юлия`` is
``Yulia``, ``Yuliya``, ``Iuliia`` or ``Julia``), so a reading is only ever a hint: two names
that read alike once romanized are probably one name in two scripts, and two that do not
may still be (another convention). Nothing here decides a merge or a fix; the
shared-contact item says the hint beside its two readings. Han, Hangul, Arabic and the
other scripts are not read: their romanization needs tables of words, not of letters.
"""

from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz

__all__ = ["read_alike", "romanized"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip
"""Russian, Ukrainian and Belarusian letters in a common English romanization (like
BGN/PCGN's, without its diacritics): one reading of several, which is all a hint needs."""

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
"""Modern Greek letters in a reading like ELOT 743's (``ου`` is read ``ou``)."""

READ_ALIKE = 80.0
"""The least mean ``rapidfuzz.fuzz.ratio`` of two names' romanized parts that read alike
(:func:`read_alike`; the figures of the pairs in ``tests/test_romanize.py``)."""


def romanized(value: str) -> str | None:
    """``value`` in lower-case Latin letters, its Cyrillic and Greek letters read as
    :data:`_CYRILLIC` and :data:`_GREEK` write them, accents dropped; ``None`` when a
    letter of another script is in it (Han, Hangul, Arabic: not read here).

    >>> romanized("Юлия Иванова"), romanized("Ελένη Παπαδοπούλου"), romanized("李伟")
    ('yuliya ivanova', 'eleni papadopoulou', None)
    """
    # Cyrillic first, letter by letter as written (й and ї are letters of their own,
    # not и and і with a mark); then every mark dropped (Greek accents, Latin ones).
    cyrillic = "".join(_CYRILLIC.get(ch, ch) for ch in unicodedata.normalize("NFC", value.lower()))
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", cyrillic) if not unicodedata.combining(ch)
    ).replace("ου", "ou")
    out: list[str] = []
    for ch in bare:
        if ch.isascii() or not ch.isalpha():
            out.append(ch)
        elif (latin := _GREEK.get(ch)) is not None:
            out.append(latin)
        elif unicodedata.category(ch) == "Lm":
            continue  # a modifier letter no script owns (the ʻokina)
        elif unicodedata.name(ch, "").startswith("LATIN"):
            out.append(ch)  # a Latin letter no mark makes ASCII (ø, ß)
        else:
            return None
    return " ".join("".join(out).split())


def read_alike(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two names, ``(given, family)`` each, read alike once romanized: the mean
    of the given names' and the family names' ``rapidfuzz.fuzz.ratio`` (or of the names
    crossed, for one written family name first) at least :data:`READ_ALIKE`. A hint that
    they are one name in two scripts, never proof; ``False`` when either cannot be read.

    >>> read_alike(("Юлия", "Иванова"), ("Yulia", "Ivanova"))
    True
    >>> read_alike(("Иван", "Иванов"), ("Yulia", "Ivanova"))
    False
    """
    ga, fa, gb, fb = (romanized(part) or "" for part in (*a, *b))
    if not (ga and fa and gb and fb):
        return False
    straight = (fuzz.ratio(ga, gb) + fuzz.ratio(fa, fb)) / 2
    crossed = (fuzz.ratio(ga, fb) + fuzz.ratio(fa, gb)) / 2
    return max(straight, crossed) >= READ_ALIKE

"""Names in Cyrillic, Greek or Hangul letters, read in Latin ones, to tell whether a name
in one script and a name in Latin letters read alike.

A parent may be typed in their own script on one record (a form the family filled in) and
in Latin letters on another (the office's). No romanization is one-to-one (``Юлия`` is
``Yulia``, ``Yuliya``, ``Iuliia`` or ``Julia``), so a reading is only ever a hint: two names
that read alike once romanized are probably one name in two scripts, and two that do not
may still be (another convention). Nothing here decides a merge or a fix; the
shared-contact item says the hint beside its two readings. Hangul is read syllable by
syllable in the Revised Romanization (since session 57), and a Korean family name also in
the spellings families use (``김`` is ``Gim`` and ``Kim``, ``이`` is ``Yi`` and ``Lee``:
the bundled table of :mod:`~oneroster_identity.normalize._romanized`). Han, Arabic and
the other scripts are not read: their romanization needs tables of words, not of
letters.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from oneroster_identity.normalize._romanized import romanizations_of

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

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")  # fmt: skip
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip
"""A Hangul syllable's initial, vowel and final in the Revised Romanization (2000), read
letter by letter (a final is read as it ends a word: the sound changes across syllables
are left out, one reading of several as for Cyrillic)."""

_FIRST_SYLLABLE, _SYLLABLES = 0xAC00, 11172

_FAMILY_READINGS = {"i": "yi", "o": "oh", "u": "woo", "no": "noh"}
"""Korean family names whose Revised Romanization is a single letter or a word the
spellings table leaves out (``이`` is ``I``), read as the spelling the table holds."""


def _hangul(ch: str) -> str | None:
    """A Hangul syllable in the Revised Romanization (``민`` -> ``min``), else ``None``."""
    code = ord(ch) - _FIRST_SYLLABLE
    if not 0 <= code < _SYLLABLES:
        return None
    return _INITIALS[code // 588] + _VOWELS[code % 588 // 28] + _FINALS[code % 28]


KOREAN_READ_ALIKE = 85.0
"""The least ``rapidfuzz.fuzz.ratio`` of each part of two Korean names that read alike
(:func:`read_alike`; the pairs in ``tests/test_romanize.py``: ``Seojun`` beside ``서연``
reads 80 with the vowels made one)."""

READ_ALIKE = 80.0
"""The least mean ``rapidfuzz.fuzz.ratio`` of two names' romanized parts that read alike
(:func:`read_alike`; the figures of the pairs in ``tests/test_romanize.py``)."""


def romanized(value: str) -> str | None:
    """``value`` in lower-case Latin letters, its Cyrillic, Greek and Hangul letters read
    as :data:`_CYRILLIC`, :data:`_GREEK` and :func:`_hangul` write them, accents dropped;
    ``None`` when a letter of another script is in it (Han, Arabic: not read here).

    >>> romanized("Юлия Иванова"), romanized("Ελένη Παπαδοπούλου"), romanized("李伟")
    ('yuliya ivanova', 'eleni papadopoulou', None)
    >>> romanized("김민준"), romanized("이 서연")
    ('gimminjun', 'i seoyeon')
    """
    # Cyrillic and Hangul first, letter by letter as written (й and ї are letters of
    # their own, not и and і with a mark; a Hangul syllable falls apart into its jamo
    # under NFD); then every mark dropped (Greek accents, Latin ones).
    cyrillic = "".join(
        _CYRILLIC.get(ch) or _hangul(ch) or (ch if ch not in _CYRILLIC else "")
        for ch in unicodedata.normalize("NFC", value.lower())
    )
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

    A Korean name (in Hangul) is compared as families spell it: a family name in every
    spelling the bundled table lists beside its reading (``박``: ``bak``, ``park``,
    ``pak``), a given name with the spellings' vowels made one (``oo`` and ``u``, ``eo``
    and ``u``, ``ee`` and ``i``: ``Sunghoon`` and ``seonghun``), spaces and hyphens out;
    and each part must reach :data:`KOREAN_READ_ALIKE`, not their mean: a few family
    names are most Korean families' (``Kim``, ``Lee``, ``Park``), so one that reads alike
    says little, and ``Minji Kim`` beside ``민준 김`` is two people.

    >>> read_alike(("Юлия", "Иванова"), ("Yulia", "Ivanova"))
    True
    >>> read_alike(("Иван", "Иванов"), ("Yulia", "Ivanova"))
    False
    >>> read_alike(("성훈", "박"), ("Sung-Hoon", "Park")), read_alike(("민준", "김"), ("Minji", "Kim"))
    (True, False)
    """
    ga, fa, gb, fb = (romanized(part) or "" for part in (*a, *b))
    if not (ga and fa and gb and fb):
        return False
    korean = any(_hangul(ch) is not None for part in (*a, *b) for ch in part)
    if not korean:
        straight = (fuzz.ratio(ga, gb) + fuzz.ratio(fa, fb)) / 2
        crossed = (fuzz.ratio(ga, fb) + fuzz.ratio(fa, gb)) / 2
        return max(straight, crossed) >= READ_ALIKE
    ra, rb = (tuple(_korean_readings(part) for part in pair) for pair in ((ga, fa), (gb, fb)))
    straight = min(_best(ra[0], rb[0]), _best(ra[1], rb[1]))
    crossed = min(_best(ra[0], rb[1]), _best(ra[1], rb[0]))
    return max(straight, crossed) >= KOREAN_READ_ALIKE


def _korean_readings(reading: str) -> frozenset[str]:
    """A romanized part of a Korean name and the other spellings a family may write it in
    (a family name's, from the bundled table; ``i`` is ``yi``, the table's), each with
    the spellings' vowels made one (:func:`read_alike`)."""
    word = _FAMILY_READINGS.get(reading, reading)
    spellings = {reading, word, *romanizations_of(word)}
    return frozenset(
        _KOREAN_VOWELS.sub(lambda m: _KOREAN_VOWEL[m.group()], s.replace(" ", "").replace("-", ""))
        for s in spellings
    )


_KOREAN_VOWEL = {"oo": "u", "eo": "u", "ee": "i"}
_KOREAN_VOWELS = re.compile("|".join(_KOREAN_VOWEL))


def _best(a: frozenset[str], b: frozenset[str]) -> float:
    """The highest ``fuzz.ratio`` of a reading of each."""
    return max(fuzz.ratio(x, y) for x in a for y in b)

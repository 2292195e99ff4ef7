"""Spelling variants of one given name: consonants written two ways (Sofia/Sophia).

Front offices type a parent's name once per child, and the same name reaches the SIS
spelled as each form had it: ``Sophia`` and ``Sofia``, ``Stephen`` and ``Steven``,
``Kristopher`` and ``Christopher``, ``Kaitlyn`` and ``Caitlin``. Those are two or three
edits apart, beyond the typo rule, and no nickname table lists every pair.

The key rewrites only consonant spellings that sound alike and leaves the vowels alone:
vowels are where different people's names differ (Maria/Mario, Julian/Julia, Jon/Jan),
and a phonetic code that merges vowels (Soundex, NYSIIS) would call those one name.

Spellings no such rule can reach without calling different names one (an ending:
Sarah/Sara, Ashley/Ashleigh; a vowel: Aiden/Aidan; a transliteration: Mohammed/Muhammad)
come from a bundled table of names, ``data/spellings.txt``: a rule for endings would make
Mary and Marie, or Terri and Terry, one name.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from oneroster_identity._data import data_words
from oneroster_identity._memo import run_cache

__all__ = [
    "family_spelling_variants",
    "listed_spelling",
    "listed_spellings",
    "spelling_initial",
    "spelling_key",
    "spelling_variants",
]

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(.)\1+", r"\1"),  # doubled letters first, so the rules below see one (Avva)
        ("ph", "f"),  # Sophia/Sofia, Raphael/Rafael, Philip/Filip
        (r"ch(?=[lr])", "k"),  # Christopher/Kristopher, Chloe/Kloe
        (r"c(?=[eiy])", "s"),  # a soft c: Bryce/Bryse
        ("c", "k"),  # Catherine/Katherine, Carl/Karl, Eric/Erik, Isaac/Isak
        ("q", "k"),
        ("th", "t"),  # Thomas/Tomas, Theresa/Teresa, Matthew/Mathew
        ("x", "ks"),  # Alexander/Aleksander
        (r"(?<=[aeiouy])z(?=[aeiouy])", "s"),  # Elizabeth/Elisabeth (Zara/Sara stay two)
        (r"(?<=[aeiouy])v(?=[aeiouy])", "f"),  # Steven/Stephen, after ph -> f
        (r"(?<=.)y", "i"),  # Kaitlyn/Kaitlin, Bryan/Brian (a leading Y is a consonant)
        (r"(.)\1+", r"\1"),  # Allison/Alison, Phillip/Philip, Anna/Ana
    )
)


@run_cache
@lru_cache(maxsize=4096)
def spelling_key(word: str) -> str:
    """One folded given-name word with its sound-alike consonant spellings written one way.

    >>> spelling_key("sophia"), spelling_key("sofia")
    ('sofia', 'sofia')
    >>> spelling_key("stephen"), spelling_key("steven")
    ('stefen', 'stefen')
    >>> spelling_key("maria"), spelling_key("mario")
    ('maria', 'mario')
    """
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return word


@cache
def _groups(name: str) -> dict[str, tuple[str, ...]]:
    """Each spelling of a bundled spellings table (``spellings.txt``, given names;
    ``family_spellings.txt``, family names) -> every spelling of its name, as listed."""
    return {word: tuple(words) for words in data_words(name) for word in words}


@cache
def _table(name: str = "spellings.txt") -> dict[str, str]:
    """Each spelling of a bundled spellings table -> the first spelling of its name."""
    return {word: group[0] for word, group in _groups(name).items()}


def listed_given_spellings() -> frozenset[str]:
    """Every spelling of ``data/spellings.txt``: each a real given name (``Jeffery`` as
    much as ``Jeffrey``), which the known-name table counts too (since session 52)."""
    return frozenset(_table())


def listed_spelling(word: str) -> str:
    """The name a folded given-name word spells according to the bundled table (its first
    spelling there), or ``""`` when the table does not list it.

    >>> listed_spelling("sara"), listed_spelling("ashleigh"), listed_spelling("mary")
    ('sarah', 'ashley', '')
    """
    return _table().get(word, "")


def listed_spellings(word: str) -> tuple[str, ...]:
    """Every spelling the bundled table lists for a folded given-name word's name, the
    word among them; the word alone when the table does not list it.

    >>> listed_spellings("nicolas"), listed_spellings("maria")
    (('nicholas', 'nicolas', 'nickolas', 'nikolas'), ('maria',))
    """
    return _groups("spellings.txt").get(word, (word,))


def _one_word(x: str, y: str) -> bool:
    if x == y or spelling_key(x) == spelling_key(y):
        return True
    listed = listed_spelling(x)
    return bool(listed) and listed == listed_spelling(y)


def spelling_variants(a: str, b: str, /) -> bool:
    """Whether two different folded given names (lower case, no accents or punctuation)
    are one name spelled two ways, word by word (``Ana Sofia`` / ``Ana Sophia``): by the
    consonant rules, or as spellings the bundled table lists for one name.

    >>> spelling_variants("kaitlyn", "caitlin"), spelling_variants("jon", "jan")
    (True, False)
    >>> spelling_variants("sarah", "sara"), spelling_variants("mary", "marie")
    (True, False)
    """
    if a == b:
        return False
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(_one_word(x, y) for x, y in zip(wa, wb, strict=True))


def family_spelling_variants(a: str, b: str, /) -> bool:
    """Whether two different folded family names are one name spelled two ways, word by
    word, as families and offices spell them: by the given-name rules and table
    (``Smith``/``Smyth``, ``Phillips``/``Philips``, ``Mohamed``/``Mohammed``,
    ``Hussein``/``Hussain``), a Spanish ``-ez`` beside a Portuguese ``-es``
    (``Gonzalez``/``Gonzales``, ``Lopez``/``Lopes``, ``Diaz``/``Dias``), ``Mac`` beside
    ``Mc`` (``MacDonald``/``McDonald``), a Scandinavian ``-sen`` beside ``-son``
    (``Jensen``/``Jenson``). Since session 50; since session 52 also the spellings of
    ``data/family_spellings.txt`` (``Thompson``/``Thomson``, ``Gray``/``Grey``,
    ``Fischer``/``Fisher``) and the letters Spanish writes one sound with
    (``Villalobos``/``Villalovos``, ``Zamora``/``Samora``, ``Ybarra``/``Ibarra``:
    :func:`_spanish_key`).

    Each is a real name of other families too, so a count of records never picks one
    (a typo's ``more-records`` did: a parent typed once per child copies one spelling
    onto every child's record, and the other may be the family's own).

    >>> family_spelling_variants("gonzalez", "gonzales"), family_spelling_variants("garcia", "gracia")
    (True, False)
    >>> family_spelling_variants("macdonald", "mcdonald"), family_spelling_variants("mesa", "meza")
    (True, True)
    """
    if a == b:
        return False
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(
        _one_word(x, y)
        or _family_forms(spelling_key(x), spelling_key(y))
        or _listed_family(x) == _listed_family(y) != ""
        or (len(x) >= 4 and len(y) >= 4 and _spanish_key(x) == _spanish_key(y))
        for x, y in zip(wa, wb, strict=True)
    )


_SOFT_G = re.compile(r"g(?=[ei])")


@run_cache
@lru_cache(maxsize=4096)
def _spanish_key(word: str) -> str:
    """A folded family name with the letters Spanish spells one sound with written one
    way (since session 52): ``b`` and ``v`` (``Villalobos``/``Villalovos``,
    ``Baca``/``Vaca``), a leading ``z`` and ``s`` (``Zamora``/``Samora``), a leading ``y``
    before a consonant and ``i`` (``Ybarra``/``Ibarra``), ``g`` before ``e``/``i`` and
    ``j`` (``Gimenez``/``Jimenez``); then :func:`spelling_key`. Records of the Southwest
    and of Latin America carry both spellings of such names, each a family's own."""
    if word[0] == "z":
        word = "s" + word[1:]
    elif word[0] == "y" and word[1] not in "aeiou":
        word = "i" + word[1:]
    return spelling_key(_SOFT_G.sub("j", word.replace("v", "b")))


def _listed_family(word: str) -> str:
    """The family name a folded word spells according to ``data/family_spellings.txt``
    (since session 52: ``Thomson`` is ``thompson``), or ``""``."""
    return _table("family_spellings.txt").get(word, "")


def _family_forms(x: str, y: str) -> bool:
    """Two family names' spelling keys (:func:`spelling_key`) one name by an ending or a
    prefix written two ways, either way round (``Erickson``/``Eriksen``: ``-kson``,
    ``-ksen``), or a final ``-e`` or ``-s`` on one (``Clark``/``Clarke``,
    ``Wood``/``Woods``)."""
    if len(x) < 4 or len(y) < 4 or x == y:
        return False
    if x[:-1] == y[:-1] and {x[-1], y[-1]} == {"s", "z"}:
        return True  # Gonzalez / Gonzales
    mac, mc = (x, y) if x.startswith("mak") else (y, x)
    if mac.startswith("mak") and mc.startswith("mk") and mac[3:] == mc[2:] and len(mc) > 4:
        return True  # MacDonald / McDonald (c keyed as k)
    sen, son = (x, y) if x.endswith("sen") else (y, x)
    if sen.endswith("sen") and son.endswith("son") and sen[:-3] == son[:-3]:
        return True
    # a final -e or -s written on one (Clark/Clarke, Brown/Browne, Wood/Woods,
    # Vallejo/Vallejos: since session 52)
    long, short = (x, y) if len(x) > len(y) else (y, x)
    return len(long) == len(short) + 1 and long[-1] in "es" and long[:-1] == short


@run_cache
@lru_cache(maxsize=1 << 14)
def _initial_of_prefix(prefix: str) -> str:
    return spelling_key(prefix)[:1]


def spelling_initial(word: str) -> str:
    """The first letter of :func:`spelling_key`, from the word's first three letters (the
    longest rule reads three): blocking compares initials of many name pairs, and the
    prefixes are few. A spelling the bundled table lists takes its name's initial, so
    ``Jeffrey`` and ``Geoffrey`` meet.

    >>> spelling_initial("kristopher") == spelling_initial("christopher") == "k"
    True
    >>> spelling_initial("geoffrey") == spelling_initial("jeffrey")
    True
    """
    return _initial_of_prefix((listed_spelling(word) or word)[:3])

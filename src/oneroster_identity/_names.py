"""Name frequencies for the roster generator: a Zipf-like pool with real concentration.

A real district has hundreds of Maria Garcias and Nguyens and a long tail of rare names;
an evenly drawn pool of a few thousand name pairs hides both the large same-name blocks
(cost) and the rarity that makes a duplicate stand out (quality). The pool here is
synthetic, no list of real people: real common names at the head, Hispanic and Vietnamese
surname clusters whose households draw given names from their own cluster most of the
time, and a tail of syllable-built names, each drawn with probability proportional to
``1 / (rank + 10)`` (Zipf with a flattened head: the commonest surname is about 1% of a
district, the commonest given name about 2% outside the clusters).
"""

from __future__ import annotations

import itertools
import random
import re
from bisect import bisect
from collections.abc import Sequence
from functools import cache

__all__ = ["NamePool", "name_pool"]

HISPANIC_FAMILY = (
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Perez",
    "Sanchez",
    "Ramirez",
    "Torres",
    "Flores",
    "Rivera",
    "Gomez",
    "Diaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Gutierrez",
    "Ortiz",
    "Chavez",
)
VIETNAMESE_FAMILY = (
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Huynh",
    "Hoang",
    "Vu",
    "Vo",
    "Dang",
    "Bui",
    "Do",
    "Ho",
    "Ngo",
    "Duong",
    "Ly",
)
HISPANIC_GIVEN = (
    "Maria",
    "Jose",
    "Juan",
    "Luis",
    "Carlos",
    "Ana",
    "Sofia",
    "Camila",
    "Valentina",
    "Diego",
    "Mateo",
    "Santiago",
    "Lucia",
    "Isabella",
    "Gabriela",
    "Miguel",
    "Alejandro",
    "Fernanda",
    "Ximena",
    "Daniela",
    "Javier",
    "Rosa",
    "Carmen",
    "Pedro",
    "Jorge",
)
VIETNAMESE_GIVEN = (
    "Minh",
    "Anh",
    "Linh",
    "Thao",
    "Huy",
    "Tuan",
    "Lan",
    "Mai",
    "Duc",
    "Hung",
    "Phuong",
    "Trang",
    "Nam",
    "Khanh",
    "Hieu",
    "Ngoc",
    "Thanh",
    "Long",
    "Vy",
    "Quang",
)
_ONSETS = (
    "b",
    "br",
    "c",
    "ch",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "sh",
    "t",
    "th",
    "v",
    "w",
    "z",
    "st",
    "gr",
    "kl",
    "",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "y")
_CODAS = ("", "n", "r", "s", "l", "t", "m", "nd", "rt", "ck", "ll", "ng")
_UNFIT = re.compile(
    r"cunt|kunt|fuck|fuk|shit|shyt|cock|dick|nig|negr|fag|slut|whor|twat|bitch|rape|nazi"
    r"|puss|tit|anal|anus|penis|vagin|porn|spic|chink|kike|gook|coon|tard|cum|jizz|dild"
    r"|wank|boob|butt|arse|ass|crap|turd|sex|semen|homo|dyke|pedo|pube|scrot|clit|cuck|piss"
)
"""Letters a made-up name must not hold: the syllables join into obscenities and slurs
(three such names were in the bundled sample, and 558 in the pool, until session 59),
which a sample shown to a district must never print. Matched anywhere in the name: a
made-up name changed for a false alarm costs nothing."""
_OTHER_VOWELS = "eaoiu"
_ENDINGS: tuple[str, ...] = ("", *_OTHER_VOWELS, *(a + b for a in "lnrst" for b in _OTHER_VOWELS))
"""What a changed name gets added when another name already is what it became."""


def _fit_to_show(name: str, taken: set[str]) -> str | None:
    """``name``, or when it holds letters :data:`_UNFIT` names, the name with a vowel
    of those letters changed (``Cuntoul`` -> ``Centoul``; a vowel added when that name is
    taken), or ``None`` when no change makes a clean name. No random draw is spent, so
    every other name of the pool, and every roster drawn from it, stays as it was."""
    letters = list(name)
    for _ in range(len(name)):  # each pass clears one match, or gives up
        found = _UNFIT.search("".join(letters).casefold())
        if found is None:
            break
        at = next((i for i in range(*found.span()) if letters[i].lower() in "aeiouy"), None)
        if at is None:
            return None
        for vowel in _OTHER_VOWELS:
            trial = [*letters[:at], vowel if at else vowel.upper(), *letters[at + 1 :]]
            after = _UNFIT.search("".join(trial).casefold())
            if after is None or after.start() > found.start():  # this match cleared
                letters = trial
                break
        else:
            return None
    fitted = "".join(letters)
    if _UNFIT.search(fitted.casefold()) is not None:
        return None
    for ending in _ENDINGS:
        if (fitted + ending).casefold() not in taken:
            return fitted + ending
    return None


def _syllable_names(rng: random.Random, count: int, drawn: set[str], shown: set[str]) -> list[str]:
    """``count`` made-up names. ``drawn`` holds the names drawn so far as drawn (a name
    drawn again is drawn anew, as before any was changed, so the draws stay those of
    session 58's pool); ``shown`` the names as the pool holds them, none twice."""
    out: list[str] = []
    while len(out) < count:
        parts = rng.randint(2, 3)
        name = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(parts)
        )
        name = name[:1].upper() + name[1:]
        if 4 <= len(name) <= 12 and name.casefold() not in drawn:
            drawn.add(name.casefold())
            fitted = _fit_to_show(name, shown)
            if fitted is None:
                continue
            shown.add(fitted.casefold())
            out.append(fitted)
    return out


def _cumulative(count: int, offset: int = 1) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + offset) for rank in range(count)))


class NamePool:
    """Given and family names with Zipf weights; draws are deterministic per ``rng``."""

    def __init__(self, head_given: Sequence[str], head_family: Sequence[str]) -> None:
        rng = random.Random(20261201)  # the pool is fixed; rosters vary by their own seed
        taken = {
            n.casefold() for n in (*head_given, *head_family, *HISPANIC_GIVEN, *VIETNAMESE_GIVEN)
        }
        taken |= {n.casefold() for n in (*HISPANIC_FAMILY, *VIETNAMESE_FAMILY)}
        shown = set(taken)
        self.given = [*head_given, *_syllable_names(rng, 4000, taken, shown)]
        self.family = [
            *HISPANIC_FAMILY[:6],
            *VIETNAMESE_FAMILY[:3],
            *head_family,
            *HISPANIC_FAMILY[6:],
            *VIETNAMESE_FAMILY[3:],
            *_syllable_names(rng, 40000, taken, shown),
        ]
        self._given_cw = _cumulative(len(self.given), offset=10)
        self._family_cw = _cumulative(len(self.family), offset=10)
        self._hispanic_cw = _cumulative(len(HISPANIC_GIVEN), offset=2)
        self._vietnamese_cw = _cumulative(len(VIETNAMESE_GIVEN), offset=2)
        self.hispanic = frozenset(HISPANIC_FAMILY)
        self.vietnamese = frozenset(VIETNAMESE_FAMILY)

    def family_name(self, rng: random.Random) -> str:
        """A surname, Zipf-distributed (Garcia and Nguyen near the head)."""
        return self.family[bisect(self._family_cw, rng.random() * self._family_cw[-1])]

    def given_name(self, rng: random.Random, family: str = "") -> str:
        """A given name; households of the Hispanic and Vietnamese clusters draw most of
        theirs from the cluster's own common names."""
        if family in self.hispanic and rng.random() < 0.5:
            return HISPANIC_GIVEN[bisect(self._hispanic_cw, rng.random() * self._hispanic_cw[-1])]
        if family in self.vietnamese and rng.random() < 0.5:
            return VIETNAMESE_GIVEN[
                bisect(self._vietnamese_cw, rng.random() * self._vietnamese_cw[-1])
            ]
        return self.given[bisect(self._given_cw, rng.random() * self._given_cw[-1])]


@cache
def name_pool(head_given: tuple[str, ...], head_family: tuple[str, ...]) -> NamePool:
    """The pool for the generator's head names (built once per process)."""
    return NamePool(head_given, head_family)

"""The keys of the forms of a roster's names, each computed once: what the name-forms
warnings (:mod:`._staff_forms`) look up to tell whether anyone else holds a form of a
staff member's or a guardian's name.

A name's forms are the name itself written otherwise (case, accents, punctuation,
spacing, an abbreviation written out, another spelling), its nicknames, for a long
name (two given or two family names) the name with one of them alone, for a
one-name person's name the other conventions of writing it (``FNU``, the name twice), and
for a Korean family name its other romanizations (``Lee``, ``Yi``; since session 38). Split from
:mod:`._staff_forms` in session 36 (one job each: this module keys the names, that one
decides the warnings).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from oneroster_identity.match._blocking import LooseParts, compact_family
from oneroster_identity.match._pairs import COMMON_NAME
from oneroster_identity.normalize import expand_abbreviations
from oneroster_identity.normalize._nicknames import nicknames_of
from oneroster_identity.normalize._one_name import UNKNOWN_NAME_MARKS, may_be_one_name, one_name
from oneroster_identity.normalize._romanized import romanizations_of
from oneroster_identity.normalize._spelling import listed_spelling, spelling_key

__all__ = ["COMMONER", "Key", "NameForms", "NameParts", "index_parts"]

Key = tuple[str, str]

COMMONER = 10
"""How many times as many persons must hold one word of a two-word family name alone as
the other, for the name with the commoner word alone to be a weaker form of it
(:meth:`NameForms.commoner_family`)."""

_PARTICLES = frozenset(
    {
        "de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van",
        "von", "der", "den", "ter", "st", "ste", "saint", "sainte", "y", "e", "mc", "mac",
        "o", "al", "el", "bin", "ibn", "abu",
    }
)  # fmt: skip
"""Words of a family name that join or lead it, never a family name alone: a name of one
of them is not read for a commoner word (``De Jesus`` is not ``Jesus`` held by few)."""


class NameForms:
    """One run's keys of name parts, each computed once, over the name keys of every
    person (``names``).

    A part's key has no spaces (``De La Cruz`` and ``Delacruz``, ``Seo-yeon`` and
    ``Seoyeon``, ``O Brien`` and ``O'Brien`` are one key: HR systems and front offices
    space such names differently, and the comparison reads them as one name); its words,
    which tell a long name's shorter forms, are read from the part spaced
    (:meth:`given_words`, :meth:`family_words`)."""

    def __init__(self, names: Sequence[Key], read_back: Mapping[str, str] | None = None) -> None:
        self.names = names
        # (a name a program garbled is loosened as the name read back)
        self._loose = LooseParts() if read_back is None else LooseParts(read_back)
        self._given: dict[str, str] = {}
        self._given_key: dict[str, str] = {}
        self._family_key: dict[str, str] = {}
        self._wanted: dict[str, frozenset[str]] = {}
        self._kin: dict[str, frozenset[str]] = {}
        self._family_kin: dict[str, frozenset[str]] = {}
        self._family_holders: dict[str, int] | None = None
        self._commoner: dict[str, str | None] = {}
        self.givens = index_parts(
            map(itemgetter(0), names),
            self.given,
            self.given_words,
            self.initialed,
            self.initials,
        )
        self.families = index_parts(map(itemgetter(1), names), self.family, self.family_words)

    def family_words(self, part: str) -> str:
        """A family name without case, accents or punctuation (``Muñoz`` is ``Munoz``),
        loosened as the loose-name blocks loosen it, its words spaced."""
        return self._loose[part]

    def family(self, part: str) -> str:
        """The key of a family name: :meth:`family_words` as the blocks key it
        (:func:`~oneroster_identity.match._blocking.compact_family`: no spaces, ``St. John``
        is ``Saint John``)."""
        key = self._family_key.get(part)
        if key is None:
            key = self._family_key[part] = compact_family(self._loose[part])
        return key

    def family_holders(self, word: str) -> int:
        """How many persons hold a family name of ``word``'s key alone (counted on the
        first call, over every person's family name, in C)."""
        counts = self._family_holders
        if counts is None:
            counts = {}
            for part, n in Counter(map(itemgetter(1), self.names)).items():
                if part:
                    key = self.family(part)
                    counts[key] = counts.get(key, 0) + n
            self._family_holders = counts
        return counts.get(self.family(word), 0)

    def commoner_family(self, part: str) -> str | None:
        """The word of a family name of two words (``Quintanilla Reyes``) that at least
        :data:`COMMONER` times as many persons hold alone as the other (``Reyes``), as
        :meth:`family_words` writes it; ``None`` for other names, and when either word is
        a particle (``De Jesus``, ``Van Dyke``).

        The name with that word alone is a weaker form (:meth:`weak`): a staff member
        ``Ana Quintanilla`` and a guardian ``Ana Quintanilla Reyes`` share a family name
        few others hold, while a third person ``Ana Reyes``, of a family name many hold,
        is far likelier another person of that name than the guardian written otherwise."""
        if part in self._commoner:
            return self._commoner[part]
        words = self.family_words(part).split()
        found: str | None = None
        if len(words) == 2 and not _PARTICLES.intersection(map(str.casefold, words)):
            a, b = (max(1, self.family_holders(w)) for w in words)
            if a >= COMMONER * b:
                found = words[0]
            elif b >= COMMONER * a:
                found = words[1]
        self._commoner[part] = found
        return found

    def given_words(self, part: str) -> str:
        """A given name without case, accents or punctuation, its abbreviations written
        out (``Wm.`` is ``William``, ``Ma. Elena`` ``Maria Elena``) and each word spelled
        one way (``Sophia`` is ``Sofia``, ``Sara`` is ``Sarah``), its words spaced."""
        words = self._given.get(part)
        if words is None:
            words = self._given[part] = _spelled(self._loose[_expanded(part)])
        return words

    def given(self, part: str) -> str:
        """The key of a given name: its words spelled as one (:func:`_spelled_key`; for a
        name of one word, most names, that is :meth:`given_words`, computed once)."""
        key = self._given_key.get(part)
        if key is None:
            words = self.given_words(part)
            if " " in words:
                words = _spelled_key(self._loose[_expanded(part)])
            key = self._given_key[part] = words
        return key

    def initialed(self, part: str) -> str | None:
        """The key of a given name of two words or more with its later words as initials
        (``Mary Elizabeth`` is ``Mary E.``, as HR systems often keep a middle name), or
        ``None`` (:func:`_initialed_key`)."""
        return _initialed_key(self._loose[_expanded(part)])

    def initials(self, part: str) -> str | None:
        """The key of a given name of two or three words written as their initials
        (``Jean-Pierre`` is ``JP``, ``Mary Jane`` ``MJ``), or ``None``."""
        words = self._loose[_expanded(part)].split()
        return _spelled_key("".join(w[0] for w in words)) if 1 < len(words) <= 3 else None

    def wanted(self, part: str) -> frozenset[str]:
        """The given-name keys of every form of a given name: its own, its nicknames' (of
        the whole name and of its first word) and, for a name of two or three words, its
        initials (``JP`` for ``Jean-Pierre``, ``MJ`` for ``Mary Jane``: since session 50,
        :func:`~oneroster_identity.normalize._names.compare_names` reads them as the name
        the person goes by); for a name of two or three letters, the roster's given
        names of two or three words those are the initials of (``Jean-Pierre`` for ``JP``,
        since session 51: HR writes the initials a staff member goes by as often)."""
        keys = self._wanted.get(part)
        if keys is None:
            loose = self._loose[_expanded(part)]
            words = loose.split()
            names = set(nicknames_of(loose))
            if len(words) > 1:
                names |= nicknames_of(words[0])
            initials = self.initials(part)
            own = self.given(part)
            spelled_out = self.givens.initials.get(own, ()) if 1 < len(own) <= 3 else ()
            keys = self._wanted[part] = frozenset(
                {
                    own,
                    *map(_spelled_key, names),
                    *(() if initials is None else (initials,)),
                    *spelled_out,
                }
            )
        return keys

    def kin(self, key: str) -> frozenset[str]:
        """A given-name key and the keys of the forms of every roster given name of that
        key: nicknames are pairs, not classes (``Liz`` is ``Elizabeth``'s and ``Elizabeth``
        ``Beth``'s, ``Liz`` is not ``Beth``), and a name may be one person's only when no
        one else holds a form of either record's."""
        keys = self._kin.get(key)
        if keys is None:
            more = [self.wanted(written) for written in self.givens.written.get(key, ())]
            keys = self._kin[key] = frozenset({key}).union(*more)
        return keys

    def family_kin(self, key: str) -> frozenset[str]:
        """A family-name key and the keys of its other romanizations, a Korean family name
        written as a passport or the family writes it (``lee`` is ``yi`` and ``rhee``;
        since session 38, :func:`~oneroster_identity.normalize._romanized.romanizations_of`:
        pairs, not classes, as nicknames are)."""
        keys = self._family_kin.get(key)
        if keys is None:
            keys = self._family_kin[key] = frozenset({key, *romanizations_of(key)})
        return keys

    def key(self, name: Key) -> Key:
        return (self.given(name[0]), self.family(name[1]))

    def long(self, name: Key) -> bool:
        """Whether a name has two given names or two family names (``Mary Ann``,
        ``Garcia Lopez``): HR records carry the legal names whole, and a school's record
        of the same person often one of them."""
        return bool(
            _more_than_one(self.given_words(name[0])) or _more_than_one(self.family_words(name[1]))
        )

    def keys(self, name: Key, *, drop: bool) -> set[Key]:
        """The keys of the forms of a name: its own and its nicknames', under its family
        name and that name's other romanizations (:meth:`family_kin`), and, with ``drop``,
        the name with one of its given or family names alone (``Mary Ann`` is ``Mary``
        and ``Ann``, ``Garcia Lopez`` ``Garcia`` and ``Lopez``)."""
        givens = set(self.wanted(name[0]))
        families = set(self.family_kin(self.family(name[1])))
        if drop:
            givens.update(_more_than_one(self.given_words(name[0])))
            families.update(_more_than_one(self.family_words(name[1])))
            initialed = self.initialed(name[0])
            if initialed is not None:
                givens.add(initialed)
        out = {(given, family) for given in givens for family in families}
        if may_be_one_name(*name):
            out |= self.one_name_keys(name)
        return out

    def one_name_keys(self, name: Key) -> set[Key]:
        """The keys of a one-name person's name (:func:`~oneroster_identity.normalize.one_name`:
        ``Zainab`` / ``FNU``) written by the other conventions: the name in both fields,
        beside each mark in either field, or in one field with the other empty (``Zainab``
        / ``Zainab``, ``FNU`` / ``Zainab``, ``Zainab`` / ``LNU``, ``Zainab`` / ``""``; the
        empty field since session 38)."""
        one = one_name(*name, *name)
        if not one:
            return set()
        marks = UNKNOWN_NAME_MARKS
        written = [
            (one, one),
            (one, ""),
            ("", one),
            *((m, one) for m in marks),
            *((one, m) for m in marks),
        ]
        return {self.key(n) for n in written}

    def weak(self, name: Key, keys: Iterable[Key], holders: Mapping[Key, list[int]]) -> set[Key]:
        """The keys of ``keys`` (forms of ``name``) whose holders are set aside as others
        once a holder of a stronger form is found (:func:`._staff_forms._forms_of`):

        - the name by the far commoner word of its two family names alone
          (:meth:`commoner_family`: ``Reyes`` of ``Quintanilla Reyes``);
        - a long name's shorter forms (one of its given or family names alone:
          :meth:`keys` with ``drop``) that :data:`COMMON_NAME` persons or more hold
          (``holders``): ``Anh Nguyen`` of ``Duc Anh Nguyen``, a name many Vietnamese
          families carry. A guardian ``Nguyen Duc Anh`` written family name first is the
          staff member's name whole, while each of many ``Anh Nguyen`` is far likelier
          another person of that name than the name shortened."""
        out: set[Key] = set()
        if " " in self.family_words(name[1]):
            commoner = self.commoner_family(name[1])
            if commoner is not None:
                out.update(k for k in keys if k[1] == commoner)
        if self.long(name):
            shorter = self.keys(name, drop=True) - self.keys(name, drop=False)
            out.update(k for k in shorter if len(holders.get(k, ())) >= COMMON_NAME)
        return out

    def shorter(self, name: Key) -> set[Key]:
        """The keys of a long name with one of its given or family names alone
        (``Garcia Lopez`` is ``Garcia`` and ``Lopez``), without nicknames."""
        given, family = self.key(name)
        initialed = self.initialed(name[0])
        return (
            {(word, family) for word in _more_than_one(self.given_words(name[0]))}
            | {(given, word) for word in _more_than_one(self.family_words(name[1]))}
            | (set() if initialed is None else {(initialed, family)})
        )

    def longer(self, key: Key) -> set[Key]:
        """The keys of the roster's names that hold a name's given or family name among
        others (``Mary Ann`` and ``Ana Mary`` for ``Mary``): another person of whom a
        shorter name may be a form."""
        given, family = key
        givens = {given, *self.givens.words.get(given, ())}
        families = {family, *self.families.words.get(family, ())}
        return {(g, f) for g in givens for f in families}

    def scanned(self, name: Key) -> set[Key]:
        """Every key whose holders decide whether a staff member's name (``name``) and a
        guardian's form of it are held by no one else: the forms of the name, the forms
        of each roster name that is one of them (nicknames are pairs, not classes), and
        for a long name the longer names holding each shorter form."""
        out: set[Key] = set()
        drop = self.long(name)
        for given, family in self.keys(name, drop=drop):
            kin = self.kin(given)
            out.update((g, f) for f in self.family_kin(family) for g in kin)
            if drop:
                out.update(self.longer((given, family)))
        return out

    def holders(self, wanted: Collection[Key]) -> dict[Key, list[int]]:
        """The persons whose name has a key of ``wanted``. Each distinct name part is
        keyed once; the name keys written so are then found among every person's in one
        C-level pass, and Python reads only the holders (at a million persons most share
        a family name with some staff member: a loop over them cost about a second)."""
        families = self.families.written
        written = {
            (given, family)
            for given_key, family_key in wanted
            for given in self.givens.written.get(given_key, ())
            for family in families.get(family_key, ())
        }
        out: dict[Key, list[int]] = {}
        names = self.names
        for i in compress(count(), map(written.__contains__, names)):
            out.setdefault(self.key(names[i]), []).append(i)
        return out


class NameParts(NamedTuple):
    """The roster's distinct given (or family) names, indexed by key (:func:`index_parts`)."""

    written: dict[str, list[str]]
    """A key -> the parts written so."""
    words: dict[str, set[str]]
    """A word -> the keys of two words or more holding it (``Garcia`` -> ``Garcia Lopez``)."""
    long: set[str]
    """The written parts of two words or more (``Mary Ann``, ``Garcia Lopez``)."""
    initials: dict[str, set[str]]
    """Initials -> the keys of two or three words they are the initials of (``jp`` ->
    ``jeanpierre``; given names only)."""


def index_parts(
    parts: Iterable[str],
    key: Callable[[str], str],
    words: Callable[[str], str],
    initialed: Callable[[str], str | None] = lambda part: None,
    initials: Callable[[str], str | None] = lambda part: None,
) -> NameParts:
    """Each distinct part of ``parts`` keyed once by ``key``, into :class:`NameParts`
    (``words``: the part's words, spaced; ``initialed``: the key of the part with its later
    words as initials, which a long name holds as it holds each of its words). An empty
    part is keyed as itself, for the field a one-name person's record leaves empty
    (``Fatima`` with no family name: :meth:`NameForms.one_name_keys`, since session 38);
    ``initials``: the key of the part written as its words' initials."""
    out = NameParts({}, {}, set(), {})
    for part in set(parts):
        if not part:
            out.written.setdefault("", []).append(part)
            continue
        keyed = key(part)
        out.written.setdefault(keyed, []).append(part)
        for word in _more_than_one(words(part)):
            out.words.setdefault(word, set()).add(keyed)
            out.long.add(part)
        short = initialed(part)
        if short is not None:
            out.words.setdefault(short, set()).add(keyed)
        letters = initials(part)
        if letters is not None:
            out.initials.setdefault(letters, set()).add(keyed)
    return out


def _initialed_key(loose: str) -> str | None:
    """The key of a loosened given name of two words or more with its later words as
    initials (``mary elizabeth`` is ``Mary E.``'s key), or ``None`` when there is no word
    to shorten (one word, the later words initials already, or a first word that is an
    initial itself)."""
    words = loose.split()
    if len(words) < 2 or len(words[0]) < 2 or all(len(w) == 1 for w in words[1:]):
        return None
    return _spelled_key(" ".join([words[0], *(w[0] for w in words[1:])]))


def _more_than_one(key: str) -> list[str]:
    """The words of a name part's key when it has two or more, else none."""
    words = key.split()
    return words if len(words) > 1 else []


def _expanded(part: str) -> str:
    """A folded given name with its abbreviations written out (``wm.`` is ``william``),
    the same string when it has none (most names: no new string to hash)."""
    expanded = expand_abbreviations(part)
    return part if expanded is part else expanded.casefold()


def _spelled(loose: str) -> str:
    return " ".join(spelling_key(listed_spelling(w) or w) for w in loose.split())


def _spelled_key(loose: str) -> str:
    """A loosened given name's words joined and spelled as one word: the sound-alike
    rules read across a space written or not (``Seo Yeon`` and ``Seoyeon``, ``Mary Ann``
    and ``Maryann`` are one key), each word first taken to its listed spelling (``Sara
    Ann`` is ``Sarah Ann``). A one-word name's key is its :func:`_spelled` form."""
    return spelling_key("".join(listed_spelling(w) or w for w in loose.split()))

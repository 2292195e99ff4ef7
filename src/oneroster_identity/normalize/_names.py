"""Names: the comparison key and the kind of difference between two names.

The app compares given and family names; the key ignores only what no person can
see or what the app is assumed to ignore (case, spacing, Unicode forms, the style
of apostrophe and hyphen). Every other difference is classified, so a report can
say "nickname", "accent" or "typo" and which field to change.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from functools import cache, lru_cache

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from oneroster_identity._data import data_words
from oneroster_identity._memo import run_cache
from oneroster_identity.models import User
from oneroster_identity.normalize._nicknames import are_nicknames, nicknames_of
from oneroster_identity.normalize._one_name import (
    is_placeholder_family_name,
    may_be_one_name,
    no_family_name,
    one_name,
)
from oneroster_identity.normalize._restrictions import Restriction, restriction_in_name
from oneroster_identity.normalize._romanized import romanized_alike
from oneroster_identity.normalize._spelling import spelling_variants
from oneroster_identity.normalize._text import (
    fold_key,
    has_control_characters,
    is_transposition,
    strip_diacritics,
    strip_invisible,
    strip_punctuation,
    unconfuse,
)
from oneroster_identity.policy import DEFAULT_POLICY, Policy

__all__ = [
    "NameComparison",
    "NameDifference",
    "NormalizedName",
    "PersonName",
    "compare_names",
    "contact_in_name",
    "credential_dropped",
    "credentials",
    "drop_relation_note",
    "expand_abbreviations",
    "gendered_variants",
    "generation_suffixes",
    "has_note",
    "is_blank_name",
    "is_placeholder_family_name",
    "is_relation_note",
    "is_vietnamese_family_name",
    "kinships_differ",
    "kinships_of_other_sexes",
    "loose_name",
    "may_be_family_name_first",
    "name_gender",
    "name_key",
    "names_husband",
    "names_swapped",
    "names_test_account",
    "normalize_name",
    "noted_kinships",
    "split_note",
    "suffix_dropped",
    "unisex_short_form",
    "without_title",
]

_DEFAULT = DEFAULT_POLICY


class NameDifference(enum.Enum):
    """How two names differ, from no difference to unrelated."""

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    IDENTICAL = "identical"
    BENIGN = "case-or-spacing"
    INVISIBLE = "invisible-characters"
    """Equal once invisible characters are removed, which the app does not do."""
    CONFUSABLE = "confusable-characters"
    """Equal once look-alike letters of another script are read as Latin."""
    PUNCTUATION = "punctuation"
    WHOLE_NAME = "whole-name-in-one-field"
    """The same words, but one record typed the whole name into one field (``Maria
    Garcia`` or ``Garcia, Maria`` as the given name, the family name empty or repeated)."""
    TITLE = "title-in-name"
    """The same given name with a title typed before it on one record (``Mrs. Ana``,
    ``Dr Robert``): see :func:`without_title`."""
    NOTE = "note-in-name"
    """The same name with a note typed beside it on one record, in parentheses, brackets
    or quotes (``Maria (Grandmother)``, ``Robert "Bob"``): see :func:`split_note`."""
    ABBREVIATION = "abbreviation"
    """The same given name, abbreviated on one record (``Ma. Elena`` for ``María Elena``,
    ``Wm.`` for ``William``): see :func:`expand_abbreviations`."""
    DIACRITICS = "diacritics"
    PREFERRED_NAME = "preferred-name"
    NICKNAME = "nickname"
    SPELLING = "spelling-variant"
    """One given name with consonants spelled two ways (``Sofia``/``Sophia``,
    ``Steven``/``Stephen``, ``Kaitlyn``/``Caitlin``): see :func:`spelling_key`; or one
    Korean family name romanized two ways (``Lee``/``Yi``, ``Park``/``Bak``), since
    session 38: see :func:`~oneroster_identity.normalize._romanized.romanized_alike`."""
    MIDDLE_NAME = "middle-name"
    COUPLE = "couple-in-name"
    """One record's given name names two people (``Mary & John``) and the other's is one
    of them (``John``): see :func:`names_two_people`. Says nothing of whose record the
    couple's is; only a contact in common can."""
    ONE_NAME = "one-name"
    """One name of a person who has one, written by two conventions: beside a mark for the
    name the person lacks (``FNU``/``LNU``, as US immigration papers write it), in both
    fields, or alone: see :func:`~oneroster_identity.normalize.one_name`."""
    COMPOUND_SURNAME = "compound-surname"
    INITIAL = "initial"
    SWAPPED = "swapped"
    TYPO = "typo"
    MISSING = "missing"
    DIFFERENT = "different"

    @property
    def is_equal(self) -> bool:
        """True when the app will see the same name (identical or a benign difference)."""
        return self in (NameDifference.IDENTICAL, NameDifference.BENIGN)

    @property
    def rank(self) -> int:
        """Higher is further apart; used to name the main difference of a pair."""
        return _RANK[self]

    @property
    def similarity(self) -> float:
        """How strongly this kind of difference suggests the same person, in [0, 1]."""
        return _SIMILARITY[self]


_RANK = {kind: i for i, kind in enumerate(NameDifference)}
_SIMILARITY = {
    NameDifference.IDENTICAL: 1.0,
    NameDifference.BENIGN: 1.0,
    NameDifference.INVISIBLE: 1.0,
    NameDifference.CONFUSABLE: 1.0,
    NameDifference.PUNCTUATION: 0.97,
    NameDifference.WHOLE_NAME: 0.97,
    NameDifference.TITLE: 0.97,
    NameDifference.NOTE: 0.97,
    NameDifference.ABBREVIATION: 0.97,
    NameDifference.DIACRITICS: 0.97,
    NameDifference.PREFERRED_NAME: 0.93,
    NameDifference.NICKNAME: 0.9,
    NameDifference.SPELLING: 0.9,
    NameDifference.MIDDLE_NAME: 0.9,
    NameDifference.COUPLE: 0.9,
    NameDifference.ONE_NAME: 0.9,
    NameDifference.COMPOUND_SURNAME: 0.88,
    NameDifference.INITIAL: 0.75,
    NameDifference.SWAPPED: 0.85,
    NameDifference.TYPO: 0.85,
    NameDifference.MISSING: 0.3,
    NameDifference.DIFFERENT: 0.0,
}


@attrs.frozen
class NormalizedName:
    """A name as written, its comparison key, and what was odd about it."""

    raw: str
    key: str
    flags: frozenset[str] = frozenset()


def name_key(value: str, /, *, policy: Policy = _DEFAULT) -> str:
    """The comparison key of a name part: equal keys mean the app sees the same name.

    >>> name_key("  O’Brien ") == name_key("o'brien")
    True
    """
    if policy.strict_normalization:
        return value
    return fold_key(strip_invisible(value) if policy.app_strips_invisible else value)


def is_blank_name(value: str, /) -> bool:
    """Whether a name part holds no letters or digits: empty, spaces or punctuation only.

    SIS placeholders such as ``'``, ``-`` or ``.`` are no name: they are compared as a
    missing value and reported, never treated as a word.

    >>> is_blank_name(" - "), is_blank_name("O'Neil")
    (True, False)
    """
    if value.isalnum():  # a plain one-word name (most of them): decided in C
        return False
    return not any(ch.isalnum() for ch in value)


_AN_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_SEVEN_DIGITS = re.compile(r"(?:\D*\d){7}")


def contact_in_name(value: str, /) -> str:
    """``"email"`` when a name part holds an email address, ``"phone"`` when it holds a
    phone number (seven digits or more), else ``""``: a value typed into the name column
    (a form's fields shifted by one, a copy-paste), which the app shows as the name.

    >>> contact_in_name("ana.diaz@gmail.com"), contact_in_name("617-555-2368")
    ('email', 'phone')
    >>> contact_in_name("Ana"), contact_in_name("Parent 1"), contact_in_name("Smith III")
    ('', '', '')
    """
    if "@" in value and _AN_EMAIL.search(value):
        return "email"
    if _SEVEN_DIGITS.match(value):
        return "phone"
    return ""


def normalize_name(value: str, /, *, policy: Policy = _DEFAULT) -> NormalizedName:
    """The key of a name part and flags: ``empty``, ``control-characters``, ``digits``.

    ``empty`` also covers a part that is only punctuation (see :func:`is_blank_name`).
    """
    key = name_key(value, policy=policy)
    flags = set()
    if is_blank_name(value):
        flags.add("empty")
    if has_control_characters(value):
        flags.add("control-characters")
    if any(ch.isdigit() for ch in value):
        flags.add("digits")
    return NormalizedName(raw=value, key=key, flags=frozenset(flags))


@attrs.frozen(kw_only=True)
class PersonName:
    """The name parts of one record that take part in identity and its explanation."""

    given: str
    family: str
    middle: str = ""
    preferred_given: str = ""
    preferred_family: str = ""

    @classmethod
    def from_user(cls, user: User, *, policy: Policy = _DEFAULT) -> PersonName:
        """The account name of a user: preferred names first when the policy says so."""
        return cls.from_parts(
            user.given_name,
            user.family_name,
            user.middle_name,
            user.preferred_given_name,
            user.preferred_family_name,
            policy=policy,
        )

    @classmethod
    def from_parts(
        cls,
        given: str,
        family: str,
        middle: str = "",
        preferred_given: str = "",
        preferred_family: str = "",
        *,
        policy: Policy = _DEFAULT,
    ) -> PersonName:
        """The account name of a record's name fields (``givenName``, ``familyName``,
        ``middleName``, ``preferredGivenName``, ``preferredFamilyName``), as
        :meth:`from_user`."""
        if policy.use_preferred_names:
            given = preferred_given or given
            family = preferred_family or family
        return cls(
            given=given,
            family=family,
            middle=middle,
            preferred_given=preferred_given,
            preferred_family=preferred_family,
        )

    def key(self, *, policy: Policy = _DEFAULT) -> tuple[str, str]:
        """(given key, family key): the name half of the app's identity rule."""
        return name_key(self.given, policy=policy), name_key(self.family, policy=policy)

    def restriction(self) -> Restriction | None:
        """What a note in the given, family or middle name says of the person: contact
        restricted, or died (:func:`restriction_in_name`); ``None`` for a plain name."""
        return restriction_in_name(self.given, self.family, self.middle)


@attrs.frozen(kw_only=True)
class NameComparison:
    """The difference between two names: overall, and per part."""

    kind: NameDifference
    given: NameDifference
    family: NameDifference

    @property
    def similarity(self) -> float:
        """Product of the parts' similarities; 1.0 for names the app sees as equal."""
        if self.kind is NameDifference.SWAPPED or self.kind is NameDifference.ONE_NAME:
            return self.kind.similarity
        return self.given.similarity * self.family.similarity


def _numbered_variants(a: str, b: str) -> bool:
    """Two names that differ only in their digits (``relative1``/``relative2``)."""
    if a == b or not (any(c.isdigit() for c in a) or any(c.isdigit() for c in b)):
        return False
    return "".join(c for c in a if not c.isdigit()) == "".join(c for c in b if not c.isdigit())


def _is_typo(a: str, b: str, policy: Policy) -> bool:
    shortest = min(len(a), len(b))
    if shortest < 3:
        return False
    limit = 1 if shortest < 7 else 2
    if OSA.distance(a, b, score_cutoff=limit) <= limit:
        return True
    return shortest >= 7 and fuzz.ratio(a, b) >= policy.name_similarity_threshold


def _compare_part(
    a: str,
    b: str,
    *,
    given: bool,
    a_middle: str,
    b_middle: str,
    policy: Policy,
    families: tuple[str, str] | None = None,
) -> NameDifference:
    if a == b:
        return NameDifference.IDENTICAL
    if policy.strict_normalization:
        ka, kb = fold_key(a), fold_key(b)
        if ka == kb:
            return NameDifference.PUNCTUATION
    else:
        ka, kb = name_key(a, policy=policy), name_key(b, policy=policy)
        if ka == kb:
            return NameDifference.BENIGN
    if fold_key(strip_invisible(a)) == fold_key(strip_invisible(b)):
        return NameDifference.INVISIBLE
    if fold_key(unconfuse(strip_invisible(a))) == fold_key(unconfuse(strip_invisible(b))):
        return NameDifference.CONFUSABLE
    pa, pb = strip_punctuation(ka), strip_punctuation(kb)
    if not pa or not pb or is_blank_name(pa) or is_blank_name(pb):
        # Empty, or only punctuation/symbols: an SIS placeholder, not a name.
        return NameDifference.MISSING
    if pa == pb or _same_letters(pa, pb):
        # ``M.`` and ``M``: one letter is all the two names share, which is an initial's
        # evidence, not a nearly identical name's.
        if given and len(_unbracketed(pa).replace(" ", "")) == 1:
            return NameDifference.INITIAL
        return NameDifference.PUNCTUATION
    da, db = strip_diacritics(pa), strip_diacritics(pb)
    if da == db:
        return NameDifference.DIACRITICS
    if _numbered_variants(da, db):
        # Relative1 / Relative2, Parent A1 / Parent A2: numbered placeholders are other
        # people (or no name at all), never a typo of each other.
        return NameDifference.DIFFERENT
    if has_note(a) or has_note(b):
        note = _compare_noted(
            a, b, given=given, a_middle=a_middle, b_middle=b_middle, policy=policy
        )
        if note is not None:
            return note
    ta, tb = da.split(), db.split()
    if given and gendered_variants(da, db):
        return NameDifference.DIFFERENT
    if given:
        xa, xb = expand_abbreviations(a), expand_abbreviations(b)
        if xa != a or xb != b:
            # Ma. Elena / María Elena: one name, abbreviated; Ma. Elena / Elena: the
            # abbreviation's name dropped, compared as María Elena / Elena.
            inner = _compare_part(
                xa, xb, given=True, a_middle=a_middle, b_middle=b_middle, policy=policy
            )
            return NameDifference.ABBREVIATION if inner in _ABBREVIATED else inner
        fa, fb = families if families is not None else (None, None)
        if _names_husband(ta, fa) != _names_husband(tb, fb):
            # Mrs. John beside John (or Mr. John): the formal way of naming John's wife,
            # beside John himself; two people, whatever the rest of the names say.
            return NameDifference.DIFFERENT
        bare_a, bare_b = without_title(tuple(ta)), without_title(tuple(tb))
        if bare_a and bare_a == bare_b:  # the words differ, so one of them had a title
            return NameDifference.TITLE
        if bare_a != tuple(ta) or bare_b != tuple(tb):
            # A title and another difference (Mrs. Sofia, Sophia): the names compare as
            # they are without the title.
            return _compare_part(
                " ".join(bare_a),
                " ".join(bare_b),
                given=True,
                a_middle=a_middle,
                b_middle=b_middle,
                policy=policy,
            )
        # One name spelled two ways before a nickname: the nickname tables list some
        # spellings too (`Carol`/`Carole`, `Cathy`/`Kathy`, `Brian`/`Bryan`), and a
        # spelling is what a child registered twice may carry on one birth date
        if spelling_variants(da, db):
            return NameDifference.SPELLING
        if are_nicknames(da, db) or (ta and tb and are_nicknames(ta[0], tb[0])):
            return NameDifference.NICKNAME
        ma = strip_diacritics(strip_punctuation(fold_key(a_middle))).split()
        mb = strip_diacritics(strip_punctuation(fold_key(b_middle))).split()
        if ta + ma == tb + mb or (ta[0] == tb[0] and (ta[1:] == mb or tb[1:] == ma)):
            return NameDifference.MIDDLE_NAME
        if len(ta) != len(tb) and ta[0] == tb[0]:
            return NameDifference.MIDDLE_NAME
        if sorted(ta + ma) == sorted(tb + mb):
            # the same names in another order or field: given Thi Lan beside given Lan,
            # middle Thi (a Vietnamese middle name typed with the given name)
            return NameDifference.MIDDLE_NAME
        if _leading_name_dropped(ta, tb) or _leading_name_dropped(tb, ta):
            return NameDifference.MIDDLE_NAME
        initials = _initials(ta + ma, tb + mb)
        if initials is not None:
            return initials
        ca, cb = _compound_given(ta), _compound_given(tb)
        if (ca, cb) != (ta, tb) and len(ca) != len(cb) and ca[0] == cb[0]:
            return NameDifference.MIDDLE_NAME  # Maryann beside Mary, as Mary Ann beside Mary
    elif ta and tb:
        if saint_written_out(ta) == saint_written_out(tb):
            return NameDifference.ABBREVIATION  # St. Pierre / Saint Pierre
        if len(ta) == len(tb) == 1 and romanized_alike(da, db):
            return NameDifference.SPELLING  # Lee / Yi, Park / Bak: a Korean name romanized
        if set(ta) < set(tb) or set(tb) < set(ta) or sorted(ta) == sorted(tb):
            # Garcia-Lopez / Garcia, or the two surnames in the other order
            return NameDifference.COMPOUND_SURNAME
    short, full = (da, db) if len(da) <= len(db) else (db, da)
    if len(short) == 1 and full.startswith(short):
        # a name as its initial: `M.` / `Mary`, and since session 39 a family name's too,
        # `Maria R.` / `Maria Ruiz`, as a form or a parent's note writes it (the two
        # differ here, so the full name has more letters)
        return NameDifference.INITIAL
    if _is_typo(da, db, policy):
        if given and _other_genders(ta, tb) and not is_transposition(da, db):
            # Mary and Mark, Joan and John, Erin and Eric: a letter apart, but a woman's
            # name and a man's, as a couple or a parent and a staff member sharing the
            # family phone carry; a slip of one name seldom lands on the other gender's
            return NameDifference.DIFFERENT
        return NameDifference.TYPO
    return NameDifference.DIFFERENT


_BRACKETS = str.maketrans(dict.fromkeys('()[]"“”«»‘’', " "))


def _unbracketed(key: str) -> str:
    """A name key without its brackets and quotes, words joined by one space."""
    return " ".join(key.translate(_BRACKETS).split())


def _same_letters(a: str, b: str) -> bool:
    """Two name keys with the same letters, spaced or bracketed otherwise (``mary ann``
    and ``maryann``, ``(bob)`` and ``bob``)."""
    if a.isalpha() and b.isalpha():
        return False  # one word each (most names): nothing to compare without
    return a.replace(" ", "") == b.replace(" ", "") or _unbracketed(a) == _unbracketed(b)


def _compare_noted(
    a: str, b: str, *, given: bool, a_middle: str, b_middle: str, policy: Policy
) -> NameDifference | None:
    """How two name parts differ when one holds a note (:func:`split_note`), or ``None``
    to compare them as written.

    The parts without their notes are compared: one name as written (``Maria
    (Grandmother)`` and ``Maria``) is a note; a note naming the other record's name
    (``Robert (Bob)`` and ``Bob``) is the name the person goes by, a preferred name typed
    beside the given name. Otherwise the parts compare without their notes (``Maria
    (Abuela)`` and ``Mariah``), but for two family names that differ entirely without
    them: those compare as written, since a surname in parentheses may be a second
    surname the other record holds.
    """
    (na, note_a), (nb, note_b) = split_note(a), split_note(b)
    inner = _compare_part(na, nb, given=given, a_middle=a_middle, b_middle=b_middle, policy=policy)
    if inner in _ABBREVIATED:
        return NameDifference.NOTE
    if (note_a and loose_name(note_a) == loose_name(b)) or (
        note_b and loose_name(note_b) == loose_name(a)
    ):
        return NameDifference.PREFERRED_NAME
    if given or inner is not NameDifference.DIFFERENT:
        return inner
    return None


_NOTE = re.compile(
    r"""\s*(?:\(([^()]*)\)|\[([^\[\]]*)\]|"([^"]*)"|“([^”]*)”|«([^»]*)»|‘([^’]*)’"""
    r"""|(?<![^\W_])'([^']*)'(?![^\W_]))"""
)
"""A note typed beside a name: in parentheses, brackets, double quotes (straight, curly
or guillemets) or single quotes around whole words (an apostrophe inside a word, as in
``O'Brien``, is part of the name)."""


def has_note(value: str, /) -> bool:
    """Whether a name part holds a note beside the name (see :func:`split_note`); cheap
    for the plain one-word names most records hold.

    >>> has_note('Robert "Bob"'), has_note("Maria (Grandmother)"), has_note("O'Brien")
    (True, True, False)
    """
    if value.isalpha():
        return False
    return split_note(value)[1] != ""


@run_cache
@lru_cache(maxsize=1 << 12)
def split_note(value: str, /) -> tuple[str, str]:
    """A name part without the notes typed beside it, and the notes: what is written in
    parentheses, brackets or quotes, and a relation set apart by a dash, slash, comma or
    colon, or typed with a space (``Maria (Grandmother)``, ``Robert "Bob"``, ``Ana
    [step-mother]``). The app shows a note as part of the name and compares it, so a
    person's record with the note and one without make two accounts.

    A part that is nothing but a note, and a note without a letter or digit, are kept as
    written: there is no name beside them.

    >>> split_note("Maria (Grandmother)"), split_note('Robert "Bob" '), split_note("Lan")
    (('Maria', 'Grandmother'), ('Robert', 'Bob'), ('Lan', ''))
    >>> split_note("(Bob)"), split_note("Jo ()"), split_note("D'Andre 'DJ'")
    (('(Bob)', ''), ('Jo ()', ''), ("D'Andre", 'DJ'))

    A relation typed beside the name without brackets is a note too (since session 23),
    but no other word: a name is never taken for a note without brackets.

    >>> split_note("Maria - Mom"), split_note("Maria/Grandma"), split_note("Abuela Rosa")
    (('Maria', 'Mom'), ('Maria', 'Grandma'), ('Rosa', 'Abuela'))
    >>> split_note("Garcia, Maria"), split_note("Step Mom"), split_note("Mary-Ann")
    (('Garcia, Maria', ''), ('Step Mom', ''), ('Mary-Ann', ''))
    >>> split_note("Robert/Bob"), split_note("Maria/Jose")
    (('Robert', 'Bob'), ('Maria/Jose', ''))
    """
    notes: list[str] = []

    def take(match: re.Match[str]) -> str:
        text = next(g for g in match.groups() if g is not None).strip()
        notes.append(text)
        return " "

    rest = " ".join(_NOTE.sub(take, value).split())
    note = " ".join(n for n in notes if n)
    if not notes:
        beside = _note_beside(value)
        if beside is not None:
            return beside
    if not note or is_blank_name(rest) or is_blank_name(note):
        return value, ""
    return rest, note


_RELATION_SEPARATOR = re.compile(r"\s*[–—/,:]\s*|\s+-\s*|\s*-\s+")
"""What sets a relation apart from a name without brackets: a dash (a hyphen with a space
beside it; one inside a word joins a compound name), a slash, a comma or a colon."""

_ONE_NAME_TWO_WAYS = frozenset(
    {NameDifference.NICKNAME, NameDifference.SPELLING, NameDifference.DIACRITICS}
)
"""How the two sides of ``Robert/Bob`` may differ to be one name written two ways."""


def _note_beside(value: str) -> tuple[str, str] | None:
    """A name and a relation typed before or after it without brackets (``Maria - Mom``,
    ``Maria/Grandma``, ``Mom: Maria``, ``Maria Mom``), or ``None``. Only a relation
    (:func:`is_relation_note`) is such a note, never a name (``Garcia, Maria`` is a name
    in the other order), and a value that is all relation (``Step Mom``,
    ``Parent/Guardian``) is a role word typed for a name, not a name with a note. Set
    apart, one name written another way is a note too (``Robert/Bob``, ``José - Pepe``:
    the name the person goes by, as ``Robert "Bob"``); two names are not (``Maria/Jose``,
    a couple: :func:`names_two_people`)."""
    if value.isalpha() or is_relation_note(value):
        return None
    pieces = [p for p in _RELATION_SEPARATOR.split(value.strip()) if p]
    if len(pieces) == 2:
        for rest, note in (pieces, pieces[::-1]):
            if is_relation_note(note) and not is_blank_name(rest) and not is_relation_note(rest):
                return rest, note
        first, second = pieces
        if (
            not is_blank_name(first)
            and not is_blank_name(second)
            and _compare_part(first, second, given=True, a_middle="", b_middle="", policy=_DEFAULT)
            in _ONE_NAME_TWO_WAYS
        ):
            return first, second  # Robert/Bob: the name the person goes by, as Robert "Bob"
        return None
    words = value.split()
    if len(pieces) != 1 or len(words) < 2:
        return None
    for n in (2, 1):  # `Maria Step Mom` is Maria's, not Maria Step's
        if len(words) <= n:
            continue
        for rest_words, note_words in ((words[:-n], words[-n:]), (words[n:], words[:n])):
            note, rest = " ".join(note_words), " ".join(rest_words)
            folded = " ".join(_TOKEN_LETTERS.findall(note.casefold()))
            if folded in _BARE_RELATIONS and not is_relation_note(rest):
                return rest, note
    return None


_ABBREVIATED = frozenset(
    {
        NameDifference.IDENTICAL,
        NameDifference.BENIGN,
        NameDifference.INVISIBLE,
        NameDifference.CONFUSABLE,
        NameDifference.PUNCTUATION,
        NameDifference.DIACRITICS,
    }
)
"""How two given names may differ and still be one name as written: once their
abbreviations are written out, one name abbreviated on one record (``Ma. Elena`` and
``Maria Elena``); with a title too, one name of a couple's (:data:`_ONE_OF_A_COUPLE`)."""

_ABBREVIATIONS = {
    "ma": "María",
    "fco": "Francisco",
    "gpe": "Guadalupe",
    "wm": "William",
    "chas": "Charles",
    "thos": "Thomas",
    "geo": "George",
    "jas": "James",
    "robt": "Robert",
    "benj": "Benjamin",
    "edw": "Edward",
    "saml": "Samuel",
}
"""Given-name abbreviations an SIS carries from paper forms and older systems (folded,
without the dot that marks them)."""

_ABBREVIATION = re.compile(r"(?i)(?<![^\W_])(?:(" + "|".join(_ABBREVIATIONS) + r")\.|m\.?ª)\s*")

_MUHAMMAD = re.compile(r"(?i)(?<![^\W_])(?:mohd|muhd|mhd|md)(?:\.\s*|\s+(?=[^\W\d_])|$)")
"""``Md``, ``Mohd``, ``Muhd`` and ``Mhd``: Muhammad as Bangladeshi, Malaysian and Indian
records write it, with or without the dot, since none of them is a name of its own; ``Md``
without a dot only before another name (``Md Rafiqul``) or alone, never inside a word."""


def expand_abbreviations(given: str, /) -> str:
    """``given`` with its abbreviated names written out (``Ma.``, ``Mª`` -> ``María``;
    ``Fco.`` -> ``Francisco``; ``Wm.`` -> ``William``...), the rest as written. Only a
    written abbreviation counts: ``Ma`` without its dot may be a name of its own.

    >>> expand_abbreviations("Ma. Elena"), expand_abbreviations("Mª José")
    ('María Elena', 'María José')
    >>> expand_abbreviations("Wm.Henry"), expand_abbreviations("Ma Lin"), expand_abbreviations("Emma.")
    ('William Henry', 'Ma Lin', 'Emma.')

    ``Md``, ``Mohd`` and ``Muhd`` are Muhammad with or without the dot (since session 37:
    none of them is a name of its own):

    >>> expand_abbreviations("Md Rafiqul"), expand_abbreviations("Mohd. Aziz"), expand_abbreviations("Mdina")
    ('Muhammad Rafiqul', 'Muhammad Aziz', 'Mdina')
    """
    if "." in given or "ª" in given:
        expanded = _ABBREVIATION.sub(
            lambda m: (_ABBREVIATIONS[m.group(1).casefold()] if m.group(1) else "María") + " ",
            given,
        )
    elif "Md" in given or "MD" in given or "md" in given or "hd" in given or "HD" in given:
        expanded = given  # (Md, Mohd, Muhd, Mhd without a dot)
    else:
        return given  # (told in C for the many names holding a d, David, Edward)
    expanded = _MUHAMMAD.sub("Muhammad ", expanded)
    return expanded.rstrip() if expanded != given else given


def writes_muhammad_short(given: str, /) -> bool:
    """Whether a given name writes Muhammad as ``Md``, ``Mohd`` or ``Muhd``: often the
    person's own spelling (a Bangladeshi passport prints ``MD``), so no rule writes the
    name out over it, as one does ``Wm.`` (a choice, not a fix).

    >>> writes_muhammad_short("Md Rafiqul"), writes_muhammad_short("Mdina")
    (True, False)
    """
    return _MUHAMMAD.search(given) is not None


_LEADING_NAMES = frozenset({"thi", "van", "maria", "jose"})
"""First given names a person is often not called by: the Vietnamese middle names Thị and
Văn typed with the given name, and the María or José of a Spanish compound name
(``María Elena``, called Elena)."""


_CONNECTORS = frozenset({"de", "del", "la", "las", "los"})
"""Words joining a Spanish compound given name (María del Carmen, María de los Ángeles)."""

_NOT_ALONE = frozenset({"jesus"})
"""Names left after ``María de`` that are a man's name alone: María de Jesús and Jesús
are a woman and a man (a couple may well carry them)."""


def _initials(a: list[str], b: list[str]) -> NameDifference | None:
    """How two given names (with their middle names) of as many words compare when they
    differ only where one record writes a word as an initial (the words as
    :func:`strip_punctuation` leaves them), or ``None`` when another word differs:

    - ``MIDDLE_NAME``: one first name, and middle names of which one record writes one or
      more as initials (``Mary E.`` beside ``Mary Elizabeth``, ``John F. K.`` beside
      ``John Fitzgerald Kennedy``);
    - ``INITIAL``: the first name written as its initial on one record (``M. Elizabeth``
      beside ``Mary Elizabeth``, ``J. Robert`` beside ``John Robert``: a person who goes
      by a middle name), as ``M.`` beside ``Mary`` is;
    - ``DIFFERENT``: an initial that is not the other record's word's (``Mary A.`` beside
      ``Mary E.`` or ``Mary Elizabeth``): two people of one first name, whose middle
      names tell them apart, more often than a slip of one letter.

    A middle name dropped entirely is the caller's other test."""
    if len(a) != len(b) or len(a) < 2:
        return None
    initial_first = initial_later = other = False
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        short, full = (x, y) if len(x) < len(y) else (y, x)
        if len(short) != 1:
            return None  # two words that are no initials: another comparison's
        if not full.startswith(short):
            other = True
        elif i == 0:
            initial_first = True
        else:
            initial_later = True
    if other:
        return NameDifference.DIFFERENT
    if initial_first:
        return NameDifference.INITIAL
    if initial_later and len(a[0]) >= 2:
        return NameDifference.MIDDLE_NAME
    return None


def _leading_name_dropped(longer: list[str], shorter: list[str]) -> bool:
    """Whether ``longer`` is ``shorter`` after one of :data:`_LEADING_NAMES` or an
    initial: ``Thi Lan`` and ``Lan``, ``Maria Elena`` and ``Elena``, ``J. Robert`` and
    ``Robert``, and with the words joining a Spanish name, ``Maria del Carmen`` and
    ``Carmen``. Never when what is left is itself such a name or a man's beside María:
    ``José María`` (a man) and ``María``, ``María de Jesús`` and ``Jesús``, are two
    people."""
    if len(longer) <= len(shorter) or not shorter or shorter[0] in _LEADING_NAMES:
        return False
    first, rest = longer[0], longer[1:]
    if len(first) == 1:
        return rest == shorter
    if first not in _LEADING_NAMES:
        return False
    joined = len(rest) > len(shorter)
    while rest and rest[0] in _CONNECTORS and len(rest) > len(shorter):
        rest = rest[1:]
    return rest == shorter and not (joined and first == "maria" and shorter[0] in _NOT_ALONE)


def saint_written_out(words: list[str]) -> list[str]:
    """Family-name words with ``St``/``Ste`` before another word written ``saint``/
    ``sainte`` (St. Pierre, Ste. Marie: common New England and Québécois surnames)."""
    if len(words) < 2 or words[0] not in ("st", "ste"):
        return words
    return ["saint" if words[0] == "st" else "sainte", *words[1:]]


_VIETNAMESE_FAMILY_NAMES = frozenset(
    {
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang",
        "bui", "do", "ho", "ngo", "duong", "ly", "truong", "dinh", "luong", "trinh",
        "doan", "quach", "lam", "luu", "chau", "ta", "cao", "mai", "thai", "tang",
    }
)  # fmt: skip
"""Common Vietnamese family names (folded). A Vietnamese person is called by the last word
of the given name: ``Ngoc Anh`` is called Anh."""


def is_vietnamese_family_name(word: str, /) -> bool:
    """Whether a folded word without accents is a common Vietnamese family name (Nguyen,
    Tran, Le: :data:`_VIETNAMESE_FAMILY_NAMES`).

    >>> is_vietnamese_family_name("nguyen"), is_vietnamese_family_name("scott")
    (True, False)
    """
    return word in _VIETNAMESE_FAMILY_NAMES


_EAST_ASIAN_FAMILY_NAMES = frozenset(
    {
        # Chinese, in pinyin
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
        "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "zheng",
        "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng",
        "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du", "ye", "cheng",
        "su", "lu", "ding", "ren", "shen", "yao", "cui", "zhong", "tan", "qiu", "qin",
        # Chinese, in the Cantonese and Wade-Giles spellings US records carry
        "chan", "wong", "cheung", "leung", "lau", "ng", "chow", "chiu", "tsang", "yip",
        "kwok", "tse", "fong", "chu", "hsu", "chang", "kuo", "tsai", "liao", "hsieh",
        "yee", "tam", "lee",
        # Korean
        "kim", "park", "choi", "jung", "chung", "kang", "cho", "yoon", "yun", "jang",
        "lim", "oh", "seo", "shin", "kwon", "hwang", "ahn", "yoo", "hong", "jeon",
        "ko", "moon", "bae", "baek", "heo", "kwak", "cha", "ryu", "choe", "rhee", "pak",
    }
)  # fmt: skip
"""Common Chinese and Korean family names as US records spell them (folded). Many are
also given names or English words (``Lee``, ``Kim``, ``Song``, ``Moon``): read only
beside a word that is not a name of the nickname tables (:func:`may_be_family_name_first`)."""


def may_be_family_name_first(given: str, family: str, /) -> bool:
    """Whether a name (folded, without accents) of a one-word family name and a given name,
    or the other way round (a given name of two words, ``Thi Lan``, ``Seo Yeon``, is
    read too), beside the same parts swapped, may be one name written family name first,
    as forms in Vietnamese, Chinese and Korean order take it: one word a common
    Vietnamese family name (:func:`is_vietnamese_family_name`: Nguyen, Tran), or a common
    Chinese or Korean family name (Zhang, Chen, Kim, Park) beside a word that is not a
    name of the nickname tables. ``James Scott`` and ``Scott James``, ``Scott Lee`` and
    ``Lee Scott``, ``Kim Lee`` and ``Lee Kim`` are as often two people: each word is a
    family name and a given name in the US.

    >>> may_be_family_name_first("wei", "zhang"), may_be_family_name_first("zhang", "wei")
    (True, True)
    >>> may_be_family_name_first("scott", "lee"), may_be_family_name_first("kim", "lee")
    (False, False)
    >>> may_be_family_name_first("kim", "nguyen"), may_be_family_name_first("scott", "james")
    (True, False)
    >>> may_be_family_name_first("seo yeon", "kim"), may_be_family_name_first("mary ann", "lee")
    (True, False)
    """
    if is_vietnamese_family_name(given) or is_vietnamese_family_name(family):
        return True
    return (family in _EAST_ASIAN_FAMILY_NAMES and not _any_nickname_name(given)) or (
        given in _EAST_ASIAN_FAMILY_NAMES and not _any_nickname_name(family)
    )


def _any_nickname_name(words: str) -> bool:
    """Whether a word of a folded name is a name of the nickname tables."""
    return any(map(nicknames_of, words.split()))


def _calling_name(a: PersonName, b: PersonName) -> bool:
    """Whether two records of one Vietnamese family name carry a given name and its last
    word, the name the person is called by (``Ngoc Anh`` and ``Anh``, ``Thi Ngoc Anh``
    and ``Ngoc Anh``)."""
    family = name_words(a.family)
    if len(family) != 1 or family[0] not in _VIETNAMESE_FAMILY_NAMES:
        return False
    if name_words(b.family) != family:
        return False
    ga, gb = name_words(a.given), name_words(b.given)
    if not ga or not gb or len(ga) == len(gb):
        return False
    longer, shorter = (ga, gb) if len(ga) > len(gb) else (gb, ga)
    return longer[-len(shorter) :] == shorter


_COMPOUND_FIRST = frozenset(
    {
        "mary", "ann", "anna", "anne", "rose", "betty", "julie", "lisa", "sarah", "sara",
        "carol", "lily", "lilly", "ella", "emma", "peggy", "bobbie", "billie", "jo", "sue",
    }
)  # fmt: skip
_COMPOUND_SECOND = (
    "ann", "anne", "marie", "mary", "beth", "lou", "jo", "rose", "jane", "sue", "mae",
    "ellen", "belle",
)  # fmt: skip
"""The parts of given names written as one word (Maryann, Annmarie, Marybeth, Joann,
Rosemary): women's names made of two women's names, so that neither part read alone is a
man's name beside a woman's."""


def _compound_given(words: list[str]) -> list[str]:
    """A one-word given name made of two (:data:`_COMPOUND_FIRST` then
    :data:`_COMPOUND_SECOND`) as its two words; any other name as it is."""
    if len(words) != 1 or not words[0].endswith(_COMPOUND_SECOND):  # (most names)
        return words
    word = words[0]
    for second in _COMPOUND_SECOND:
        first = word[: -len(second)]
        if word.endswith(second) and first in _COMPOUND_FIRST:
            return [first, second]
    return words


@cache
def _gendered_pairs() -> frozenset[tuple[str, str]]:
    """The table of feminine and masculine forms (both directions)."""
    pairs: set[tuple[str, str]] = set()
    for words in data_words("gendered_names.txt"):
        if len(words) == 2:
            pairs.update({(words[0], words[1]), (words[1], words[0])})
    return frozenset(pairs)


_FEMININE = ("a", "elle", "le", "ette")
_MASCULINE = ("o", "os", "us", "an", "")
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ra", "er"),
    ("ina", "ian"),
    ("ine", "ian"),
    ("icia", "ick"),
    ("ica", "ick"),
    ("ia", "e"),
)
"""(feminine, masculine) endings beyond the pairs of the two lists above: Alexandra and
Alexander, Christina and Christian, Patricia and Patrick, Georgia and George. Two swapped
or changed letters apart, they read as a typo. (Not ``ora``/``ore``: Leonora and Leonore
are one name; Theodora and Theodore are in the table.)"""


@cache
def _unisex_short_forms() -> frozenset[str]:
    return frozenset(word for words in data_words("unisex_short_forms.txt") for word in words)


def unisex_short_form(given: str, /) -> bool:
    """Whether a given name is a short form of both a woman's and a man's name (``Terry``
    for Teresa or Terence, ``Sam``, ``Chris``: ``data/unisex_short_forms.txt``). A record
    so named beside one with the full name may be its person typed twice or a spouse.

    >>> unisex_short_form("Terry"), unisex_short_form("Sam"), unisex_short_form("Jen")
    (True, True, False)
    """
    return loose_name(given) in _unisex_short_forms()


@cache
def _genders() -> dict[str, str]:
    """Folded given name -> ``f`` or ``m``, for the names ``data/name_genders.txt`` lists."""
    return {name: words[0] for words in data_words("name_genders.txt") for name in words[1:]}


def name_gender(folded: str, /) -> str:
    """``f`` or ``m`` for a folded given name that is almost always a woman's or a man's
    in US schools (``data/name_genders.txt``), else ``""`` (unisex or not listed).

    >>> name_gender("mary"), name_gender("mark"), name_gender("jordan"), name_gender("zzz")
    ('f', 'm', '', '')
    """
    return _genders().get(folded, "")


def _other_genders(a: list[str], b: list[str]) -> bool:
    """Whether two given names' first words are a listed woman's name and a listed man's."""
    if not a or not b:
        return False
    ga, gb = name_gender(a[0]), name_gender(b[0])
    return bool(ga and gb and ga != gb)


def gendered_variants(a: str, b: str, /) -> bool:
    """Whether two folded given names are the masculine and feminine forms of one name
    (Maria/Mario, Julian/Julia, Daniel/Danielle, Paul/Paula): two people, not a typo.

    Co-parents often carry such names, one keystroke apart; calling them a typo would flag
    the two parents of a child as one person.

    >>> gendered_variants("maria", "mario"), gendered_variants("julia", "julian")
    (True, True)
    >>> gendered_variants("ann", "anne"), gendered_variants("jon", "john")
    (False, False)

    Pairs outside that ending rule come from a table (``data/gendered_names.txt``:
    Terri/Terry, Carol/Carl, Louise/Louis, Joan/Juan), compared on the whole name and on
    its first word:

    >>> gendered_variants("terri", "terry"), gendered_variants("carol ann", "carl")
    (True, True)
    >>> gendered_variants("christina", "christian"), gendered_variants("patricia", "patrick")
    (True, True)
    """
    if a == b:
        return False
    pairs = _gendered_pairs()
    if (a, b) in pairs or (a.partition(" ")[0], b.partition(" ")[0]) in pairs:
        return True
    if a[:3] != b[:3]:
        return False  # every ending rule keeps a stem of three letters or more
    for x, y in ((a, b), (b, a)):
        for fem, masc in _ENDINGS:
            stem = x[: len(x) - len(fem)]
            if x.endswith(fem) and len(stem) >= 3 and y == stem + masc:
                return True
        for fem in _FEMININE:
            if not x.endswith(fem):
                continue
            stem = x[: len(x) - len(fem)]
            if len(stem) < 3:
                continue
            for masc in _MASCULINE:
                if y == stem + masc and (masc or stem[-1] not in "aeiouy"):
                    return True
    return False


def compare_names(a: PersonName, b: PersonName, /, *, policy: Policy = _DEFAULT) -> NameComparison:
    """Classify how two names differ, part by part.

    >>> compare_names(PersonName(given="Robert", family="Smith"),
    ...               PersonName(given="Bob", family="Smith")).kind
    <NameDifference.NICKNAME: 'nickname'>

    A mark for a name the person lacks (``FNU``, ``LNU``) is no name: beside the one name
    written another way it is ``one-name``; a family-name mark beside another family name
    is a missing part, a given-name mark another given name (as a stand-in, ``Dad``, is:
    ``FNU`` on a family's address may be either parent).

    >>> compare_names(PersonName(given="Zainab", family="FNU"),
    ...               PersonName(given="Zainab", family="Zainab")).kind
    <NameDifference.ONE_NAME: 'one-name'>
    >>> compare_names(PersonName(given="Mariam", family="LNU"),
    ...               PersonName(given="Mariam", family="Rahimi")).kind
    <NameDifference.MISSING: 'missing'>
    >>> compare_names(PersonName(given="FNU", family="Rahimi"),
    ...               PersonName(given="Ahmad", family="Rahimi")).kind
    <NameDifference.DIFFERENT: 'different'>
    """
    if may_be_one_name(a.given, a.family) or may_be_one_name(b.given, b.family):
        marked = _one_name_or_marks(a, b, policy)
        if marked is not None:
            return marked
    given = _compare_part(
        a.given,
        b.given,
        given=True,
        a_middle=a.middle,
        b_middle=b.middle,
        policy=policy,
        families=(a.family, b.family),
    )
    family = _compare_part(a.family, b.family, given=False, a_middle="", b_middle="", policy=policy)
    same = a.given == b.given and a.family == b.family
    sa = frozenset() if same else generation_suffixes(a)
    sb = frozenset() if same or not sa else generation_suffixes(b)
    if sa and sb and sa != sb:
        # Robert Ng Sr. and Robert Ng Jr.: a father and a son, whatever else they share
        # (Sr./Jr. are one letter apart, and read as a typo before).
        return NameComparison(kind=NameDifference.DIFFERENT, given=given, family=family)
    if not given.is_equal and not family.is_equal and names_swapped(a, b):
        return NameComparison(kind=NameDifference.SWAPPED, given=given, family=family)
    if not given.is_equal and given is not NameDifference.MISSING:
        pa, pb = loose_name(a.preferred_given), loose_name(b.preferred_given)
        if (pa and pa == loose_name(b.given)) or (pb and pb == loose_name(a.given)):
            given = NameDifference.PREFERRED_NAME
    if not family.is_equal and family is not NameDifference.MISSING:
        pa, pb = loose_name(a.preferred_family), loose_name(b.preferred_family)
        if (pa and pa == loose_name(b.family)) or (pb and pb == loose_name(a.family)):
            family = NameDifference.PREFERRED_NAME
    if given in _COUPLE_HINTS and _one_of_a_couple(a.given, b.given, policy):
        given = NameDifference.COUPLE
    if given is NameDifference.DIFFERENT and _calling_name(a, b):
        given = NameDifference.MIDDLE_NAME
    if given in _SPLIT_HINTS or family in _SPLIT_HINTS:
        parts = _whole_name_in_one_field(a, b) or _whole_name_in_one_field(b, a)
        if parts is not None:
            return NameComparison(kind=NameDifference.WHOLE_NAME, given=parts[0], family=parts[1])
    kind = max(given, family, key=lambda k: k.rank)
    return NameComparison(kind=kind, given=given, family=family)


def _one_name_or_marks(a: PersonName, b: PersonName, policy: Policy) -> NameComparison | None:
    """``one-name`` when both names write one person's one name by two conventions; the
    comparison of the names with their marks read as empty parts when either carries a
    mark; else ``None`` (compared as usual)."""
    ka, kb = a.key(policy=policy), b.key(policy=policy)
    if ka == kb:
        return None
    one = one_name(a.given, a.family, *ka)
    if one and one == one_name(b.given, b.family, *kb):
        return NameComparison(
            kind=NameDifference.ONE_NAME,
            given=NameDifference.IDENTICAL if ka[0] == kb[0] else NameDifference.ONE_NAME,
            family=NameDifference.IDENTICAL if ka[1] == kb[1] else NameDifference.ONE_NAME,
        )
    # A family-name mark or stand-in is an empty family name (`Mariam LNU` or `Mariam N/A`
    # beside `Mariam Rahimi`). A given-name mark stays a word of its own, as a stand-in
    # does: `FNU Noori` beside `Ahmad Noori` on the family's address may be Ahmad or the
    # other parent.
    mark_a, mark_b = no_family_name(a.family), no_family_name(b.family)
    if not (mark_a or mark_b):
        return None
    return compare_names(
        attrs.evolve(a, family="") if mark_a else a,
        attrs.evolve(b, family="") if mark_b else b,
        policy=policy,
    )


def _one_of_a_couple(a: str, b: str, policy: Policy) -> bool:
    """Whether exactly one of two given names names a couple and one of its names is the
    other given name (up to case, accents, punctuation or a title)."""
    a_two = names_two_people(a)
    if a_two == names_two_people(b):
        return False
    couple, one = (a, b) if a_two else (b, a)
    # (`Mr. and Mrs. John`: the husband's own name is John, the `Mrs. John` part names
    # his wife beside him)
    return any(
        _compare_part(
            _titles_dropped(part), one, given=True, a_middle="", b_middle="", policy=policy
        )
        in _ONE_OF_A_COUPLE
        for part in couple_names(couple)
    )


_COUPLE_HINTS = frozenset(
    {NameDifference.MIDDLE_NAME, NameDifference.DIFFERENT, NameDifference.TYPO}
)
"""Given-name differences a couple's name shows up as beside one of the two (``John &
Mary`` vs ``John`` reads as a middle name, ``Mary & John`` vs ``John`` as different)."""

_ONE_OF_A_COUPLE = _ABBREVIATED | {NameDifference.TITLE}
"""How one name of a couple may differ from the single name and still be that name (a
nickname or another spelling would leave two questions in one)."""

_SPLIT_HINTS = frozenset(
    {
        NameDifference.MISSING,
        NameDifference.MIDDLE_NAME,
        NameDifference.COMPOUND_SURNAME,
        NameDifference.DIFFERENT,
    }
)
"""Part differences a whole name typed into one field shows up as (``Maria Garcia`` vs
``Maria`` reads as a middle name, an empty family name as missing)."""

_WORDS = re.compile(r"[^\W_]+")


@run_cache
@lru_cache(maxsize=1 << 16)
def name_words(value: str, /) -> tuple[str, ...]:
    """The words of a name part, folded as :func:`loose_name` folds them, without the
    commas and other separators between them.

    >>> name_words("Garcia, María")
    ('garcia', 'maria')
    """
    return tuple(_WORDS.findall(loose_name(value)))


_TITLES = frozenset(
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
    while start < len(words) - 1 and words[start] in _TITLES:
        start += 1
    return words[start:]


_WOMENS_TITLES = frozenset({"mrs", "ms", "miss", "sra", "srta", "mme", "mlle"})
"""Titles of a woman (folded, without their dots), of :data:`_TITLES`."""


def _names_husband(words: Sequence[str], family: str | None = None) -> bool:
    """Whether folded given-name words are a woman's title before a man's given name,
    and not before the record's own family name (``family``, when known)."""
    bare = without_title(tuple(words))
    titles = words[: len(words) - len(bare)]
    if not (titles and all(t in _WOMENS_TITLES for t in titles) and name_gender(bare[0]) == "m"):
        return False
    if family is not None:
        own = tuple(_WORDS.findall(loose_name(family)))
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
    return _names_husband(_WORDS.findall(loose_name(given)), family)


_TOKEN_LETTERS = re.compile(r"[^\W_]+")


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
    return given if names_husband(given) else _titles_dropped(given)


def _titles_dropped(given: str) -> str:
    """:func:`drop_title` of any name, ``Mrs. John`` too (``John``: in ``Mr. and Mrs.
    John``, the husband's own name)."""
    tokens = given.split()
    folded = tuple("".join(_TOKEN_LETTERS.findall(t.casefold())) for t in tokens)
    start = len(tokens) - len(without_title(folded))  # the titles: the words it drops
    if not start:
        return given
    if folded[start] in ("and", "y", ""):
        return given  # a couple (`Mr. and Mrs. John`, `Sr. y Sra.`): no one name to keep
    return " ".join(tokens[start:])


_TEST_ACCOUNT_WORDS = frozenset(
    {"student", "teacher", "staff", "user", "demo", "sample", "testing", "dummy"}
)
"""Given names that alone make a record a district's test or demo account (``Student``,
``Teacher2``): role words (:data:`_ROLE_WORDS`) that :func:`names_test_account` tells
from a guardian whose name the office did not know."""

_ROLE_WORDS = frozenset(
    {
        "mom",
        "mother",
        "mum",
        "dad",
        "father",
        "parent",
        "guardian",
        "parent guardian",
        "mom dad",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "stepmom",
        "stepdad",
        "step mom",
        "step dad",
        # Spanish, accented (unaccented Mama and Papa are also given names elsewhere)
        "mamá",
        "papá",
        "madre",
        "padre",
        "abuela",
        "abuelo",
        "unknown",
        "none",
        "null",
        "n a",
        "tbd",
        "test",
        "emergency contact",
        "household",
        "relative",
        "contact",
        # a district's test and demo accounts (Test Student, Demo Teacher, Student 1)
        *_TEST_ACCOUNT_WORDS,
    }
)


def is_role_word_name(given: str, /) -> bool:
    """Whether a given name is a role, a title or a stand-in typed where a name belongs
    (``Mom``, ``Parent/Guardian``, ``Mrs.``, ``Unknown``, ``N/A``): the app shows it as
    the person's name, and it cannot match the person's other records. Never read as a
    missing name when matching: a ``Dad`` record on a family address is not the
    ``Maria`` who shares it, nor is a ``Mrs.`` ``Smith`` teacher the ``Jane Smith``.

    >>> is_role_word_name("Mom"), is_role_word_name("Parent/Guardian"), is_role_word_name("Momo")
    (True, True, False)
    >>> is_role_word_name("Mamá"), is_role_word_name("Grandma"), is_role_word_name("Papa")
    (True, True, False)
    >>> is_role_word_name("Mrs."), is_role_word_name("DR"), is_role_word_name("Mrs. Ana")
    (True, True, False)

    Since session 35, the stand-ins a front office types where it does not know a
    guardian's name: a relation alone, the family, whose relative the person is, or a
    numbered role.

    >>> is_role_word_name("Aunt"), is_role_word_name("Smith Family"), is_role_word_name("Leo's Mom")
    (True, True, True)
    >>> is_role_word_name("Mother of Leo Smith"), is_role_word_name("Parent 1")
    (True, True)
    >>> is_role_word_name("Test Student"), is_role_word_name("Demo Teacher 2")
    (True, True)
    >>> is_role_word_name("Maria de Jesus"), is_role_word_name("Primo"), is_role_word_name("D'Andre")
    (False, False, False)
    """
    words = _TOKEN_LETTERS.findall(given.casefold())
    joined = " ".join(words)
    return joined in _ROLE_WORDS or joined in _TITLES or _stand_in(words)


def _stand_in(words: list[str]) -> bool:
    """Whether folded given-name words are a stand-in for an unknown guardian's name: a
    relation alone (``Aunt``, ``Caregiver``), the family (``Smith Family``), a role of a
    child (``Mother of Leo Smith``, ``Abuela de Sofía``, ``Leo's Mom``), or a numbered or
    lettered role (``Parent 1``, ``Guardian2``, ``Parent A``)."""
    if not words:
        return False
    if words[-1] == "family" and len(words) <= 5:  # Smith Family, The De La Cruz Family
        return True
    if len(words) > 1 and words[0] in _TEST_WORDS:
        words = words[1:]  # Test Student, Demo Parent
    elif len(words) > 1 and words[-1] in _TEST_WORDS:
        words = words[:-1]  # Student Test
    for i in range(1, len(words) - 1):
        if words[i] in ("of", "to", "for", "de"):
            words = words[:i]  # Mother of Leo Smith (Maria de Jesus keeps only Maria)
            break
    else:
        for i in range(1, len(words) - 1):
            if words[i] == "s":
                words = words[i + 1 :]  # Leo's Mom, Ana Maria's Mom (the apostrophe splits)
                break
    last = words[-1]
    number = last.rstrip("0123456789")
    if number != last:
        words = [*words[:-1], number] if number else words[:-1]  # Parent1, Guardian 2
    elif len(words) >= 2 and len(last) == 1:
        words = words[:-1]  # Parent A
    joined = " ".join(words)
    return joined in _ROLE_WORDS or joined in _RELATIONS_ALONE


_TEST_WORDS = frozenset({"test", "testing", "demo", "sample", "dummy", "fake"})
"""Words that mark a district's test or demo account beside a role (``Test Student``)."""


def names_test_account(given: str, /) -> bool:
    """Whether a given name that :func:`is_role_word_name` reads as a stand-in marks a
    district's test or demo account (``Test Student``, ``Demo Teacher``, ``Student 1``)
    rather than a person whose name the office did not know (``Mom``, ``Parent 1``).

    >>> names_test_account("Test Student"), names_test_account("Teacher2")
    (True, True)
    >>> names_test_account("Parent 1"), names_test_account("Mom")
    (False, False)
    """
    words = [w.rstrip("0123456789") for w in _TOKEN_LETTERS.findall(given.casefold())]
    words = [w for w in words if w]
    return bool(_TEST_WORDS.intersection(words)) or (
        len(words) == 1 and words[0] in _TEST_ACCOUNT_WORDS
    )


def might_be_stand_in(given: str, /) -> bool:
    """A cheap test that a given name of more than one word, or with a digit or an
    apostrophe, may be a stand-in of :func:`is_role_word_name` (``Smith Family``,
    ``Parent 1``, ``Leo's Mom``, ``Mother of Leo``): the findings' fast path asks the
    full test only of these. Plain one-word names are the spellings'
    (:data:`ROLE_WORD_SPELLINGS`).

    >>> might_be_stand_in("Smith Family"), might_be_stand_in("Parent 1"), might_be_stand_in("")
    (True, True, False)
    """
    return (
        given[-1:].isdigit()
        or "'" in given
        or given[-6:].casefold() == "family"
        or any(word in ROLE_WORD_SPELLINGS for word in given.split(None, 1)[:1])
        or any(f" {w} " in given for w in ("of", "de", "to", "for", "Of", "OF"))
    )


_RELATIONS = frozenset(
    {
        "aunt",
        "auntie",
        "uncle",
        "tía",
        "tío",
        "stepmother",
        "stepfather",
        "step mother",
        "step father",
        "grandparent",
        "grandmom",
        "granddad",
        "grandad",
        "great grandmother",
        "great grandfather",
        "godmother",
        "godfather",
        "foster mom",
        "foster dad",
        "foster mother",
        "foster father",
        "foster parent",
        "sister",
        "brother",
        "cousin",
        # Spanish (unaccented Tia is also a given name)
        "hermana",
        "hermano",
        "prima",
        "primo",
        "madrina",
        "padrino",
        "madrastra",
        "padrastro",
        "abuelita",
        "abuelito",
        "bisabuela",
        "bisabuelo",
        # not kin, but never part of a name either
        "legal guardian",
        "friend",
        "family friend",
        "neighbor",
        "neighbour",
        "babysitter",
        "nanny",
        "caregiver",
        "caretaker",
        "emergency",
    }
)
"""Relations a front office types in a note beside a guardian's name (``Maria (Aunt)``),
besides the role words of :func:`is_role_word_name` (folded, words joined by one space)."""

_RELATIONS_ALONE = _RELATIONS - {"primo", "prima"}
"""Relations that are a stand-in when typed as the whole given name (``Aunt``): every
relation but those that are given names too (``Primo``)."""

ROLE_WORD_SPELLINGS = frozenset(
    spelled
    for phrase in (*_ROLE_WORDS, *_RELATIONS_ALONE, "family")
    for sep in (" ", "/")
    for spelled in (
        sep.join(phrase.split()),
        sep.join(phrase.split()).upper(),
        sep.join(word.capitalize() for word in phrase.split()),
    )
) | frozenset(
    spelled + dot
    for title in _TITLES
    for spelled in (title, title.upper(), title.capitalize())
    for dot in ("", ".")
)
"""The role words and titles as SIS exports usually type them (``Mom``, ``MOM``,
``Parent/Guardian``, ``N/A``, ``Mrs.``): a membership test cheap enough for a million
records' fast path, before :func:`is_role_word_name` reads any spelling."""


def drop_relation_note(value: str, /) -> str:
    """``value`` without a relation noted beside it, the rest as written (``Maria
    (Grandmother)`` -> ``Maria``): a relation is never a value to type into a name field.
    Any other note is kept (``Robert "Bob"``: the family may want it shown).

    >>> drop_relation_note("María (Abuela)"), drop_relation_note('Robert "Bob"')
    ('María', 'Robert "Bob"')
    """
    rest, note = split_note(value)
    return rest if note and is_relation_note(note) else value


def is_relation_note(note: str, /) -> bool:
    """Whether a note typed beside a name (:func:`split_note`) says how the person is
    related to a student, or stands in for a name (``Grandmother``, ``Aunt``,
    ``Step-Father``, ``N/A``): never part of the person's name. A note that is a name
    (``Bob``, ``Lisa``) is not.

    >>> is_relation_note("Grandmother"), is_relation_note("step-father"), is_relation_note("Bob")
    (True, True, False)
    >>> is_relation_note("Mother of Leo"), is_relation_note("Leo's Mom"), is_relation_note("Bob of")
    (True, True, False)
    """
    words = _relation_words(note)
    return words in _ROLE_WORDS or words in _RELATIONS


def _relation_words(note: str) -> str:
    """A note's words folded as :func:`is_role_word_name` folds them, without the child
    it names: ``Mother of Leo``, ``Grandma to Sofia``, ``Leo's Mom`` -> ``mother``,
    ``grandma``, ``mom`` (a front office notes whose relative the person is)."""
    words = _TOKEN_LETTERS.findall(note.casefold())
    if len(words) >= 3 and words[-2] in ("of", "to", "for", "de"):
        words = words[:-2]  # Mother of Leo, Abuela de Sofía
    elif len(words) >= 3 and words[1] == "s":
        words = words[2:]  # Leo's Mom (the apostrophe splits off the s)
    return " ".join(words)


_KINSHIPS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        (
            "mom",
            "mother",
            "mum",
            "mamá",
            "madre",
            "stepmom",
            "step mom",
            "stepmother",
            "step mother",
            "foster mom",
            "foster mother",
        ),
        ("parent", "f"),
    ),
    **dict.fromkeys(
        (
            "dad",
            "father",
            "papá",
            "padre",
            "stepdad",
            "step dad",
            "stepfather",
            "step father",
            "foster dad",
            "foster father",
        ),
        ("parent", "m"),
    ),
    **dict.fromkeys(("parent", "foster parent"), ("parent", "")),
    "madrastra": ("parent", "f"),
    "padrastro": ("parent", "m"),
    **dict.fromkeys(
        ("grandma", "grandmother", "grandmom", "abuela", "abuelita"), ("grandparent", "f")
    ),
    **dict.fromkeys(
        ("grandpa", "grandfather", "granddad", "grandad", "abuelo", "abuelito"),
        ("grandparent", "m"),
    ),
    "grandparent": ("grandparent", ""),
    **dict.fromkeys(("great grandmother", "bisabuela"), ("great-grandparent", "f")),
    **dict.fromkeys(("great grandfather", "bisabuelo"), ("great-grandparent", "m")),
    **dict.fromkeys(("aunt", "auntie", "tía"), ("aunt-uncle", "f")),
    **dict.fromkeys(("uncle", "tío"), ("aunt-uncle", "m")),
    **dict.fromkeys(("godmother", "madrina"), ("godparent", "f")),
    **dict.fromkeys(("godfather", "padrino"), ("godparent", "m")),
    **dict.fromkeys(("sister", "hermana"), ("sibling", "f")),
    **dict.fromkeys(("brother", "hermano"), ("sibling", "m")),
    "cousin": ("cousin", ""),
    "prima": ("cousin", "f"),
    "primo": ("cousin", "m"),
}
"""The relation notes that name a kinship (folded as :func:`is_relation_note` folds them):
its kind and the relative's sex (``""`` when the word does not say). A stepparent or a
foster parent is a parent here: a front office types ``Mom`` for the stepmother too.
``Guardian``, ``Parent/Guardian`` and the stand-ins say nothing about who the person is."""


def kinship_of(words: str, /) -> tuple[str, str] | None:
    """The kinship a relation word names (folded as :func:`is_relation_note` folds it):
    its kind and the relative's sex, ``""`` when the word does not say.

    >>> kinship_of("grandma"), kinship_of("step dad"), kinship_of("cell")
    (('grandparent', 'f'), ('parent', 'm'), None)
    """
    return _KINSHIPS.get(words)


_BARE_RELATIONS = frozenset(_KINSHIPS).union({"guardian"}) - {
    *("parent", "cousin", "brother", "sister", "primo", "prima"),
    *("hermano", "hermana", "padrino", "madrina"),
}
"""Relations typed beside a name with nothing but a space (``Maria Mom``, ``Abuela
Rosa``): no word here is a name part. The kin words that are surnames too (``Parent``,
``Cousin``, ``Brother``, ``Primo``...) count only when set apart (``Lavoie - Parent``)."""


def noted_kinships(name: PersonName, /) -> frozenset[tuple[str, str]]:
    """The kinships noted beside a name's given or family name (:data:`_KINSHIPS`):
    ``Maria (Grandma)`` -> ``{("grandparent", "f")}``; none for a name without a note."""
    found: set[tuple[str, str]] = set()
    for part in (name.given, name.family):
        if part.isalpha():
            continue  # nearly every name: no note beside it
        note = split_note(part)[1]
        if note:
            kin = _KINSHIPS.get(_relation_words(note))
            if kin is not None:
                found.add(kin)
    return frozenset(found)


def kinships_differ(a: PersonName, b: PersonName, /) -> bool:
    """Whether the relations noted beside two names are two relatives' rather than one
    person's (``Maria (Mom)`` and ``Maria (Grandma)``, ``Ana (Aunt)`` and ``Ana (Mom)``,
    ``Chris (Mom)`` and ``Chris (Dad)``): another sex, or another kind of kin. For one
    student, those are two people; a person can be one child's mother and another's
    grandmother or aunt (a relative raising a child of the family), so for two children
    the notes only raise the doubt. One name noted and the other not says nothing, nor
    does ``Guardian``, nor a godparent beside anything but a parent (an aunt is often the
    godmother).

    >>> def n(given): return PersonName(given=given, family="Ruiz")
    >>> kinships_differ(n("Maria (Mom)"), n("Maria (Grandma)"))
    True
    >>> kinships_differ(n("Maria (Mom)"), n("Maria (Mother)"))
    False
    >>> kinships_differ(n("Maria (Godmother)"), n("Maria (Aunt)"))
    False
    """
    ka, kb = noted_kinships(a), noted_kinships(b)
    return any(_kin_differ(x, y) for x in ka for y in kb)


def kinships_of_other_sexes(a: PersonName, b: PersonName, /) -> bool:
    """Whether the relations noted beside two names are a woman's and a man's (``Chris
    (Mom)`` and ``Chris (Dad)``, ``Sam (Aunt)`` and ``Sam (Grandpa)``): two people,
    whichever children the records are on (a person may be one child's mother and
    another's aunt, never one's mother and another's father).

    >>> def n(given): return PersonName(given=given, family="Lee")
    >>> kinships_of_other_sexes(n("Chris (Mom)"), n("Chris (Dad)"))
    True
    >>> kinships_of_other_sexes(n("Ana (Mom)"), n("Ana (Aunt)"))
    False
    """
    sexes_a = {sex for _, sex in noted_kinships(a) if sex}
    if not sexes_a:
        return False  # nearly every name: no note beside it
    sexes_b = {sex for _, sex in noted_kinships(b) if sex}
    return any(x != y for x in sexes_a for y in sexes_b)


def _kin_differ(x: tuple[str, str], y: tuple[str, str]) -> bool:
    """Whether two noted kinships cannot be one person's (see :func:`kinships_differ`)."""
    (kind_x, sex_x), (kind_y, sex_y) = x, y
    if sex_x and sex_y and sex_x != sex_y:
        return True
    if kind_x == kind_y:
        return False
    if "godparent" in (kind_x, kind_y):
        return "parent" in (kind_x, kind_y)
    return True


_JOINER = r"(?:&|\+|\band\b|(?-i:\by\b)(?!\.))"
"""What joins two given names in one field: ``&``, ``+``, the word ``and`` or the Spanish
``y`` in lower case (``Juan y María``). A capital ``Y`` is a name or an initial: an Ede or
Jarai name starting with ``Y`` (``Y Moan``), the Vietnamese ``Ý`` typed without its accent
(``Ngoc Y Nhi``), a middle initial (``Maria Y.``)."""
_COUPLE = re.compile(rf"\S\s*{_JOINER}\s*\S", re.IGNORECASE)


def names_two_people(given: str, /) -> bool:
    """Whether a given-name field names two people (``John & Mary``, ``Mr. and Mrs.
    John``, ``Ana + Luis``, ``Juan y María``: a word on each side of ``&``, ``+``, ``and``
    or ``y``). One record
    makes one account, so such a value is never one to type for a person.

    >>> names_two_people("John & Mary"), names_two_people("Mr. and Mrs. John")
    (True, True)
    >>> names_two_people("Andy"), names_two_people("Mary Ann")
    (False, False)
    >>> names_two_people("Juan y María"), names_two_people("Y Moan")
    (True, False)
    >>> names_two_people("Maria Y."), names_two_people("Ngoc Y Nhi")
    (False, False)

    Two different given names either side of a slash are a couple too (``Maria/Jose``),
    but not a name and its relation (``Maria/Mom``), two role words (``Mom/Dad``) or one
    name written two ways (``Robert/Bob``, ``Ana/Anna``: the name the person goes by).

    >>> [names_two_people(given) for given in ("Maria/Jose", "Maria/Mom", "Robert/Bob")]
    [True, False, False]
    """
    return _COUPLE.search(given) is not None or ("/" in given and _slash_couple(given))


def _slash_couple(given: str) -> bool:
    """Whether a given name is two different given names either side of one slash."""
    parts = [part.strip() for part in given.split("/")]
    if len(parts) != 2 or not all(
        len(part.strip(".")) > 1 and not is_blank_name(part) and not is_relation_note(part)
        for part in parts
    ):
        return False
    return (
        _compare_part(parts[0], parts[1], given=True, a_middle="", b_middle="", policy=_DEFAULT)
        is NameDifference.DIFFERENT
    )


_COUPLE_SEPARATOR = re.compile(rf"\s*{_JOINER}\s*", re.IGNORECASE)


def couple_names(given: str, /) -> tuple[str, ...]:
    """The given names a couple's given-name field holds, as written (``Mary & John`` ->
    ``Mary``, ``John``; ``Mr. and Mrs. John`` -> ``Mr.``, ``Mrs. John``); one name is
    returned whole.

    >>> couple_names("Mary & John"), couple_names("Ana + Luis"), couple_names("Andy")
    (('Mary', 'John'), ('Ana', 'Luis'), ('Andy',))
    """
    parts = tuple(part for part in _COUPLE_SEPARATOR.split(given.strip()) if part)
    if len(parts) == 1 and "/" in given and _slash_couple(given):
        return tuple(part.strip() for part in given.split("/"))
    return parts


_GENERATIONS = {
    "jr": "jr",
    "junior": "jr",
    "sr": "sr",
    "senior": "sr",
    "ii": "ii",
    "2nd": "ii",
    "iii": "iii",
    "3rd": "iii",
    "iv": "iv",
    "4th": "iv",
}


_GENERATION_HINT = re.compile(r"(?i)(?:jr|sr|ii|iv|2nd|3rd|4th|junior|senior)\b")


def generation_suffixes(name: PersonName, /) -> frozenset[str]:
    """The generational suffixes (Jr., Sr., II, III, IV) written anywhere in the given or
    family name; OneRoster has no suffix field, so exports put them in either.

    >>> sorted(generation_suffixes(PersonName(given="Robert", family="Ng Jr.")))
    ['jr']
    """
    if not _GENERATION_HINT.search(name.given) and not _GENERATION_HINT.search(name.family):
        return frozenset()  # nearly every name: no word that could be a suffix
    words = (*name_words(name.given), *name_words(name.family))
    return frozenset(_GENERATIONS[w] for w in words if w in _GENERATIONS)


def suffix_dropped(a: PersonName, b: PersonName, /) -> bool:
    """Whether two names are one name but for a generational suffix written on one of
    them only (``Robert Ng Jr.`` and ``Robert Ng``, wherever the suffix is typed).

    >>> suffix_dropped(PersonName(given="Robert", family="Ng Jr."),
    ...                PersonName(given="Robert", family="Ng"))
    True
    >>> suffix_dropped(PersonName(given="Robert", family="Ng Sr."),
    ...                PersonName(given="Robert", family="Ng Jr."))
    False
    """
    sa, sb = generation_suffixes(a), generation_suffixes(b)
    if sa == sb or (sa and sb):
        return False
    return _without_generations(a) == _without_generations(b)


def _without_generations(name: PersonName) -> tuple[str, ...]:
    """A name's folded words without its generational suffixes."""
    words = (*name_words(name.given), *name_words(name.family))
    return tuple(w for w in words if w not in _GENERATIONS)


_CREDENTIALS = frozenset(
    {
        "phd",
        "edd",
        "eds",
        "psyd",
        "dds",
        "dmd",
        "dvm",
        "rn",
        "lpn",
        "bsn",
        "msn",
        "aprn",
        "fnp",
        "esq",
        "cpa",
        "mba",
        "med",
        "msed",
        "lcsw",
        "lmsw",
        "msw",
        "lpc",
        "lmft",
        "ncsp",
        "nbct",
        "ccc",
        "slp",
        "otr",
        "dpt",
        "bcba",
    }
)
"""Post-nominal letters (degrees, licences, board certifications) that HR records write
after a staff member's family name and that are no one's name (folded, without dots)."""

_SHORT_CREDENTIALS = frozenset({"md", "do", "ma", "ms", "ba", "bs", "jd", "pa", "np", "ot", "pt"})
"""Post-nominal letters that are also names or words of names (``Ma`` and ``Do`` are
Chinese and Vietnamese family names): read as a credential only written with dots
(``M.D.``) or after a comma (``Nguyen, MD``)."""

_CREDENTIAL_HINT = re.compile(
    r"(?i)[.,]|(?:" + "|".join(sorted(_CREDENTIALS, key=len, reverse=True)) + r")\b"
)


@run_cache
@lru_cache(maxsize=1 << 12)
def credentials(family: str, /) -> tuple[str, ...]:
    """The post-nominal letters written after a family name (``Ed.D.``, ``PhD``, ``RN``,
    and ``M.D.`` or ``, MD`` with a dot or a comma to tell them from a name), folded and
    without dots, in the order written; a generational suffix among them is skipped (it
    is :func:`generation_suffixes`'s). The first word is never one: a family name comes
    first.

    >>> credentials("Quintanilla, Ed.D."), credentials("Quintanilla PhD, NBCT")
    (('edd',), ('phd', 'nbct'))
    >>> credentials("Nguyen, MD"), credentials("Nguyen M.D."), credentials("Nguyen Ma")
    (('md',), ('md',), ())
    >>> credentials("Ng Jr., PhD"), credentials("Phd")
    (('phd',), ())
    """
    if not _CREDENTIAL_HINT.search(family):
        return ()  # nearly every name
    head, _, tail = family.partition(",")
    tokens = [
        (token, words, after_comma)
        for part, after_comma in ((head, False), (tail, True))
        for token in part.split()
        if (words := name_words(token))  # (not a lone dash)
    ]
    found: list[str] = []
    for i in range(len(tokens) - 1, 0, -1):
        token, words, after_comma = tokens[i]
        letters = "".join(words)
        if letters in _GENERATIONS:
            continue
        marked = after_comma or "." in token
        if letters in _CREDENTIALS or (marked and letters in _SHORT_CREDENTIALS):
            found.append(letters)
            continue
        if after_comma and all(w in _CREDENTIALS or w in _SHORT_CREDENTIALS for w in words):
            found.extend(reversed(words))  # CCC-SLP, one token of two credentials
            continue
        break
    return tuple(reversed(found))


def credential_dropped(a: PersonName, b: PersonName, /) -> bool:
    """Whether two names are one name but for post-nominal letters (:func:`credentials`)
    written after the family name on one of them only (``Maria Quintanilla, Ed.D.`` and
    ``Maria Quintanilla``): one person, as HR records and a school's records write her.

    >>> credential_dropped(PersonName(given="Maria", family="Quintanilla, Ed.D."),
    ...                    PersonName(given="Maria", family="Quintanilla"))
    True
    >>> credential_dropped(PersonName(given="Maria", family="Quintanilla PhD"),
    ...                    PersonName(given="Maria", family="Quintanilla Reyes"))
    False
    """
    ca, cb = credentials(a.family), credentials(b.family)
    if (not ca) == (not cb):
        return False
    return _without_credentials(a) == _without_credentials(b)


def _without_credentials(name: PersonName) -> tuple[str, ...]:
    """A name's folded words without its post-nominal letters and generational suffixes."""
    marks = set(credentials(name.family))
    words = (*name_words(name.given), *name_words(name.family))
    return tuple(w for w in words if w not in marks and w not in _GENERATIONS)


def names_swapped(a: PersonName, b: PersonName, /) -> bool:
    """Whether one name is the other with its given and family names swapped, a middle
    name kept on one side or not (the name typed in the other order on one form).

    >>> names_swapped(PersonName(given="Lan", family="Nguyen"),
    ...               PersonName(given="Nguyen", family="Thi Lan"))
    True
    >>> names_swapped(PersonName(given="Lan", family="Nguyen"),
    ...               PersonName(given="Nguyen Thi", family="Lan"))
    True
    >>> names_swapped(PersonName(given="Xiao Ming", family="Wang"),
    ...               PersonName(given="Wang Xiao", family="Ming"))
    True
    >>> names_swapped(PersonName(given="Lan", family="Lan"),
    ...               PersonName(given="Lan", family="Lan"))
    False

    A title typed before the given name is not part of it, nor a relation noted beside
    a name (a name noted beside it, ``Robert "Bob"``, is):

    >>> names_swapped(PersonName(given="Mrs. Lan", family="Nguyen"),
    ...               PersonName(given="Nguyen", family="Lan"))
    True
    >>> names_swapped(PersonName(given="Nguyen (Mom)", family="Lan"),
    ...               PersonName(given="Lan", family="Nguyen"))
    True
    """
    if has_note(a.given) or has_note(a.family) or has_note(b.given) or has_note(b.family):
        a, b = _without_relation_notes(a), _without_relation_notes(b)
    ga, fa = loose_name(drop_title(a.given)), loose_name(a.family)
    gb, fb = loose_name(drop_title(b.given)), loose_name(b.family)
    if ga and fa and ga != fa and ga == fb and fa == gb:
        return True
    if (
        ga
        and fa
        and gb
        and fb
        and (ga, fa) != (gb, fb)
        and (f"{ga} {fa}" == f"{fb} {gb}" or f"{gb} {fb}" == f"{fa} {ga}")
    ):
        # the whole name typed family first and split at another space (`Wang Xiao` /
        # `Ming` beside `Xiao Ming` / `Wang`): the same words in the other order
        return True
    return _swapped_with_middle(a, b) or _swapped_with_middle(b, a)


def _without_relation_notes(name: PersonName) -> PersonName:
    """``name`` with a relation noted beside its given or family name taken off."""
    return attrs.evolve(
        name, given=drop_relation_note(name.given), family=drop_relation_note(name.family)
    )


def _swapped_with_middle(x: PersonName, y: PersonName) -> bool:
    """Whether ``y`` is ``x`` with given and family swapped and a middle name kept on one
    side: ``Lan`` ``Nguyen`` against given ``Nguyen``, family ``Thi Lan`` (a Vietnamese
    name typed in its own order, family name first, the middle name with the given), or
    against given ``Nguyen Thi``, family ``Lan`` (the whole name typed family first and
    split at its last space, the middle name with the family name)."""
    gx, fx = name_words(x.given), name_words(x.family)
    gy, fy = name_words(y.given), name_words(y.family)
    if not (gx and fx and gy and fy):
        return False
    if fx == gy:
        # y's family field holds x's given name and one or more extra words (a middle name)
        return len(fy) > len(gx) and gx == fy[len(fy) - len(gx) :]
    # y's given field holds x's family name and one or more extra words after it
    return fy == gx and len(gy) > len(fx) and gy[: len(fx)] == fx


def _whole_name_in_one_field(
    x: PersonName, y: PersonName
) -> tuple[NameDifference, NameDifference] | None:
    """The (given, family) part kinds when ``y`` holds ``x``'s whole name in one field: the
    given field holds given and family (either order, ``Garcia, Maria``) and the family
    field is empty or repeats the family name, or the same the other way round."""
    gx, fx = name_words(x.given), name_words(x.family)
    if not gx or not fx:
        return None
    gy, fy = name_words(y.given), name_words(y.family)
    whole = (gx + fx, fx + gx)
    same, missing, split = (
        NameDifference.IDENTICAL,
        NameDifference.MISSING,
        NameDifference.WHOLE_NAME,
    )
    if gy in whole and (not fy or fy == fx):
        return split, missing if not fy else same
    if fy in whole and (not gy or gy == gx):
        return missing if not gy else same, split
    return None


@run_cache
@lru_cache(maxsize=1 << 16)
def loose_name(value: str, /) -> str:
    """A name part with case, spacing, punctuation, accents and invisible characters
    folded away: what is left to compare when only the letters matter (cached like
    :func:`fold_key`: comparing names folds the same parts again and again). A zero-width
    space pasted into a name is a finding of its own; it does not hide, say, that the name
    is another record's swapped.

    >>> loose_name("  O'Brien-Núñez "), loose_name("La\u200bn")
    ('obrien nunez', 'lan')
    """
    return strip_diacritics(strip_punctuation(fold_key(strip_invisible(value))))

"""Names: the comparison key and the kind of difference between two names.

The app compares given and family names; the key ignores only what no person can
see or what the app is assumed to ignore (case, spacing, Unicode forms, the style
of apostrophe and hyphen). Every other difference is classified, so a report can
say "nickname", "accent" or "typo" and which field to change.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from oneroster_identity._memo import run_cache
from oneroster_identity.models import User
from oneroster_identity.normalize._encoding import lost_from, ungarbled
from oneroster_identity.normalize._genders import (
    begins_names_of_both_sexes,
    gendered_variants,
    other_genders,
    unisex_short_form,
)
from oneroster_identity.normalize._name_words import LETTER_RUNS, loose_name, name_words
from oneroster_identity.normalize._nicknames import are_nicknames, nicknames_of
from oneroster_identity.normalize._one_name import (
    may_be_one_name,
    no_family_name,
    one_name,
)
from oneroster_identity.normalize._relations import (
    BARE_RELATIONS,
    CARE_OF_NOTE,
    CONTACT_ROLES,
    KIN_NAMES,
    KINSHIPS,
    PARENT_ORIGINS,
    is_care_of,
    is_relation_note,
    relation_words,
)
from oneroster_identity.normalize._restrictions import Restriction, restriction_in_name
from oneroster_identity.normalize._romanized import romanized_alike
from oneroster_identity.normalize._spelling import family_spelling_variants, spelling_variants
from oneroster_identity.normalize._suffixes import (
    GENERATIONS,
    generation_suffixes,
    suffix_moved,
    suffix_written_otherwise,
)
from oneroster_identity.normalize._text import (
    fold_key,
    has_control_characters,
    is_transposition,
    letter_scripts,
    strip_diacritics,
    strip_invisible,
    strip_punctuation,
    unconfuse,
    words_in_scripts,
    written_out,
)
from oneroster_identity.normalize._titles import (
    drop_title,
    names_husband_words,
    titles_dropped,
    without_title,
)
from oneroster_identity.policy import DEFAULT_POLICY, Policy

__all__ = [
    "NameComparison",
    "NameDifference",
    "NormalizedName",
    "PersonName",
    "compare_names",
    "contact_in_name",
    "contact_roles_differ",
    "cut_short",
    "drop_relation_note",
    "expand_abbreviations",
    "has_note",
    "is_blank_name",
    "is_vietnamese_family_name",
    "kinships_differ",
    "kinships_of_other_sexes",
    "may_be_family_name_first",
    "name_key",
    "names_swapped",
    "normalize_name",
    "noted_kinships",
    "split_note",
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
    GARBLED = "garbled-characters"
    """Equal once one record's characters a program garbled are read back (``GarcÃ­a``
    for ``García``, a wrong decoding; ``O&#39;Brien`` for ``O'Brien``, HTML:
    :func:`~oneroster_identity.normalize._encoding.ungarbled`), or equal but where a
    program wrote ``?`` or ``�`` for letters it could not write (``Mu?oz`` beside
    ``Muñoz``: :func:`~oneroster_identity.normalize._encoding.lost_from`), since session
    49; before, the two were different names, or a typo."""
    PUNCTUATION = "punctuation"
    SUFFIX = "suffix-written-two-ways"
    """One name with one generational suffix written two ways (``Ruiz III`` and ``Ruiz
    3rd``, ``Jr`` and ``Junior``; ``Ruiz 3`` beside ``Ruiz III``, a bare digit for the
    suffix the other writes in letters) or typed in the given name on one record and the
    family name on the other (``Carlos Jr.`` / ``Ruiz`` and ``Carlos`` / ``Ruiz Jr.``),
    since session 50: :func:`~oneroster_identity.normalize.suffix_moved`. Before, the
    notations read as ``punctuation``, a bare digit as another person's number, and the
    moved suffix as a middle name beside a second family name."""
    WHOLE_NAME = "whole-name-in-one-field"
    """The same words, but one record typed the whole name into one field (``Maria
    Garcia`` or ``Garcia, Maria`` as the given name, the family name empty or repeated)."""
    TITLE = "title-in-name"
    """The same given name with a title typed before it on one record (``Mrs. Ana``,
    ``Dr Robert``): see :func:`~oneroster_identity.normalize._titles.without_title`."""
    NOTE = "note-in-name"
    """The same name with a note typed beside it on one record, in parentheses, brackets
    or quotes (``Maria (Grandmother)``, ``Robert "Bob"``): see :func:`split_note`."""
    SECOND_SCRIPT = "also-in-another-script"
    """The same name, one record holding it in a second script too (``Wei 伟`` beside
    ``Wei``, ``Иванова (Ivanova)`` beside ``Ivanova``, ``李伟 (Wei)`` beside ``李伟``):
    compared in the script both hold, since session 57 (the words of the other script
    read as a middle name or a second family name before). Which writing the records
    should carry is the district's choice; nothing here can tell. See
    :func:`~oneroster_identity.normalize._text.words_in_scripts`."""
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
    session 38: see :func:`~oneroster_identity.normalize._romanized.romanized_alike`; or
    any family name spelled two ways (``Gonzalez``/``Gonzales``, ``Smith``/``Smyth``,
    ``MacDonald``/``McDonald``), since session 50: see
    :func:`~oneroster_identity.normalize._spelling.family_spelling_variants`."""
    MIDDLE_NAME = "middle-name"
    NUMBER = "number-in-name"
    """The same name with a number typed into it on one record (``Ana 2``, ``Ana2``,
    ``Ana (2)``, ``Ruiz #2`` beside ``Ana``, ``Ruiz``), since session 42: most often the mark of a
    second record of one person, sometimes a count telling two people of one name apart.
    Numbers on both records (``Ana 1``/``Ana 2``, ``Relative1``/``Relative2``) are other
    people; a generation written with digits (``3rd``) is no number typed in. Before, a
    number standing apart read as a middle name and one written on the name as another
    name."""
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
    NameDifference.GARBLED: 1.0,
    NameDifference.PUNCTUATION: 0.97,
    NameDifference.SUFFIX: 0.97,
    NameDifference.WHOLE_NAME: 0.97,
    NameDifference.TITLE: 0.97,
    NameDifference.NOTE: 0.97,
    NameDifference.SECOND_SCRIPT: 0.97,
    NameDifference.ABBREVIATION: 0.97,
    NameDifference.DIACRITICS: 0.97,
    NameDifference.PREFERRED_NAME: 0.93,
    NameDifference.NICKNAME: 0.9,
    NameDifference.SPELLING: 0.9,
    NameDifference.MIDDLE_NAME: 0.9,
    NameDifference.NUMBER: 0.9,
    NameDifference.COUPLE: 0.9,
    NameDifference.ONE_NAME: 0.9,
    NameDifference.COMPOUND_SURNAME: 0.88,
    NameDifference.INITIAL: 0.75,
    NameDifference.SWAPPED: 0.85,
    NameDifference.TYPO: 0.85,
    NameDifference.MISSING: 0.3,
    NameDifference.DIFFERENT: 0.0,
}
_SAME_TEXT = frozenset(
    {
        NameDifference.IDENTICAL,
        NameDifference.BENIGN,
        NameDifference.INVISIBLE,
        NameDifference.CONFUSABLE,
    }
)
"""What a garbled name read back may still differ in and be the other name as typed."""

_NOT_A_FORM = _SAME_TEXT | {NameDifference.DIFFERENT, NameDifference.MISSING}
"""What a numbered name without its number and the other name are not one name written
otherwise as: equal (the number alone differs, ``number-in-name``), or two names."""


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


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|\{\s*\}")

_NUMBER_SIGN = re.compile(r"#\s*(?=\d)")


def without_number(value: str) -> str:
    """``value`` without its digits, and without the brackets they stood in (``Ana (2)``:
    ``Ana``) or the number sign before them (``Ruiz #2``: ``Ruiz``, since session 64; it
    was ``Ruiz #``, and a caller comparing names dropped the sign itself), its spaces
    collapsed.

    >>> without_number("Ana (2)"), without_number("Ruiz #2"), without_number("Ana2")
    ('Ana', 'Ruiz', 'Ana')
    """
    if "#" in value:
        value = _NUMBER_SIGN.sub(" ", value)
    text = "".join(c for c in value if not c.isdigit())
    if "(" in text or "[" in text or "{" in text:
        text = _EMPTY_BRACKETS.sub(" ", text)
    return " ".join(text.split())


_HAS_DIGIT = re.compile(r"\d").search


def _numbered_variants(a: str, b: str) -> bool:
    """Two names that differ only in their digits, both holding some (``relative1``/
    ``relative2``, ``ana 1``/``ana 2``)."""
    if a == b or not (_HAS_DIGIT(a) and _HAS_DIGIT(b)):
        return False
    return without_number(a) == without_number(b)


def _one_generation(a: str, b: str) -> bool:
    """The same words but for one generational suffix written two ways (``ruiz iii`` and
    ``ruiz 3rd``, ``ruiz jr`` and ``ruiz junior``; after the first word, a bare digit and
    the suffix it writes, ``ruiz 3`` and ``ruiz iii``: :func:`~oneroster_identity.
    normalize._suffixes.suffix_written_otherwise`; punctuation already stripped)."""
    if " " not in a or " " not in b:
        return False  # (nearly every pair: a suffix is a word of its own)
    return suffix_written_otherwise(a.split(), b.split())


def _within(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``long`` holds every word of ``short``, as often, and more words: a
    surname of ``long``'s written alone (``garcia`` in ``garcia lopez``, and in ``garcia
    garcia``, a compound of one surname twice)."""
    if len(short) >= len(long):
        return False
    rest = list(long)
    for word in short:
        if word not in rest:
            return False
        rest.remove(word)
    return True


def _has_generation(key: str) -> bool:
    """Whether a folded name of several words holds a generational suffix word, in any
    place (``ruiz iii``, and ``iii ruiz``): a guard, so that a digit beside such a name
    is never read as a number typed into it (``3 Ruiz`` beside ``III Ruiz`` stays two
    names). Unlike :func:`~oneroster_identity.normalize._suffixes.generation_suffixes`,
    which reads a field's first word as the name itself, it errs towards a suffix."""
    return " " in key and any(w in GENERATIONS for w in key.split())


def _number_added(a: str, b: str) -> bool:
    """One name, with a number typed into one of the two (``ana 2``, ``ana2``/``ana``;
    punctuation already stripped). A generation is no number (``ruiz 3rd``)."""
    da, db = _HAS_DIGIT(a) is not None, _HAS_DIGIT(b) is not None
    if da == db:
        return False
    numbered, name = (a, b) if da else (b, a)
    return bool(name) and without_number(numbered) == name


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
    ua, ub = ungarbled(a), ungarbled(b)
    if ua is not None or ub is not None:
        # GarcÃ­a / García: compared as the letters the garbled value was typed with
        inner = _compare_part(
            ua or a,
            ub or b,
            given=given,
            a_middle=a_middle,
            b_middle=b_middle,
            policy=policy,
            families=families,
        )
        return NameDifference.GARBLED if inner in _SAME_TEXT else inner
    if ("?" in a or "?" in b or "\ufffd" in a or "\ufffd" in b) and (
        lost_from(a, b) or lost_from(b, a)
    ):
        # Mu?oz / Muñoz: the letters a program could not write, lost where the other has them
        return NameDifference.GARBLED
    va, vb = strip_invisible(a), strip_invisible(b)
    if (va, vb) != (a, b) and va.strip() and vb.strip():
        # `Rosa` with a zero-width space beside `Rosa 2`: the difference the letters show
        # (a number), the invisible character being a finding of its own (since session
        # 66: different before, two people sharing the family's contacts). After the
        # garbled readings: a soft hyphen is a character a wrong decoding makes too.
        return _compare_part(
            va,
            vb,
            given=given,
            a_middle=a_middle,
            b_middle=b_middle,
            policy=policy,
            families=families,
        )
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
    if da == db or (not (pa.isascii() and pb.isascii()) and written_out(pa) == written_out(pb)):
        # José / Jose; Müller / Mueller, the umlaut written out as German spells it
        return NameDifference.DIACRITICS
    if _one_generation(da, db):
        # Ruiz III / Ruiz 3rd, Ruiz Jr / Ruiz Junior, Ruiz 3 / Ruiz III: one suffix
        # written two ways
        return NameDifference.SUFFIX
    if _numbered_variants(da, db):
        # Relative1 / Relative2, Parent A1 / Parent A2: numbered placeholders are other
        # people (or no name at all), never a typo of each other.
        return NameDifference.DIFFERENT
    if _number_added(da, db):
        return NameDifference.NUMBER
    if (_HAS_DIGIT(da) is None) != (_HAS_DIGIT(db) is None) and not _has_generation(
        db if _HAS_DIGIT(da) else da
    ):
        # Ana 2 / Anna: a number typed into one name, and the name without it another
        # form of the other (since session 50; different before): compared as that form
        # (beside a generational suffix, `Ruiz 2` and `Ruiz III`, a digit may be a suffix
        # of its own: two people, as before)
        # (the number sign goes with its number: `Gonz. #2` is `Gonz.`, since session 63;
        # `Gonz. #` was no form of `Gonzalo`)
        plain_a, plain_b = (without_number(a), b) if _HAS_DIGIT(da) else (a, without_number(b))
        # (a digit only the folded key holds, `¼` read as `1⁄4`, leaves the value as it was)
        if (plain_a, plain_b) != (a, b) and plain_a and plain_b:
            inner = _compare_part(
                plain_a,
                plain_b,
                given=given,
                a_middle=a_middle,
                b_middle=b_middle,
                policy=policy,
                families=families,
            )
            if inner not in _NOT_A_FORM:
                return inner
    if not (a.isascii() and b.isascii()):
        both = _compare_scripts(
            a, b, given=given, a_middle=a_middle, b_middle=b_middle, policy=policy
        )
        if both is not None:
            return both
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
        if cut_short(a, b, given=True) or cut_short(b, a, given=True):
            return NameDifference.ABBREVIATION  # Eliz. / Elizabeth
        if written_out_beside(a, b) or written_out_beside(b, a):
            return NameDifference.ABBREVIATION  # Ma Elena / María Elena, no dot
        fa, fb = families if families is not None else (None, None)
        if names_husband_words(ta, fa) != names_husband_words(tb, fb):
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
        if _initialism_of(a, b, b_middle) or _initialism_of(b, a, a_middle):
            # JP beside Jean-Pierre, AJ beside Anthony (middle James): the name the
            # person goes by, made of the initials (since session 50; two people before)
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
        if cut_short(a, b) or cut_short(b, a):
            return NameDifference.ABBREVIATION  # Gonz. / Gonzalez
        if len(ta) == len(tb) == 1 and romanized_alike(da, db):
            return NameDifference.SPELLING  # Lee / Yi, Park / Bak: a Korean name romanized
        if family_spelling_variants(da, db):
            # Gonzalez / Gonzales, Smith / Smyth, MacDonald / McDonald (since session 50;
            # a typo before, which more records settled)
            return NameDifference.SPELLING
        sa, sb = set(ta), set(tb)
        if sa < sb or sb < sa or sorted(ta) == sorted(tb) or _within(ta, tb) or _within(tb, ta):
            # Garcia-Lopez / Garcia, or the two surnames in the other order; García García
            # / García, both parents' surnames the same (since session 51; different before)
            return NameDifference.COMPOUND_SURNAME
    short, full = (da, db) if len(da) <= len(db) else (db, da)
    if len(short) == 1 and full.startswith(short):
        # a name as its initial: `M.` / `Mary`, and since session 39 a family name's too,
        # `Maria R.` / `Maria Ruiz`, as a form or a parent's note writes it (the two
        # differ here, so the full name has more letters)
        return NameDifference.INITIAL
    if _is_typo(da, db, policy):
        if given and other_genders(ta, tb) and not is_transposition(da, db):
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


def _compare_scripts(
    a: str, b: str, *, given: bool, a_middle: str, b_middle: str, policy: Policy
) -> NameDifference | None:
    """How two name parts differ when one is written in the other's script and another
    besides (``Wei 伟`` and ``Wei``), or ``None`` to compare them as written: the first
    read in the other's script only (:func:`words_in_scripts`) is compared with the other.
    One name so written is ``SECOND_SCRIPT``; otherwise the names differ as the two
    readings do (``Wei 伟`` and ``Way``: a typo of one name, written twice)."""
    sa, sb = letter_scripts(a), letter_scripts(b)
    if not sa or not sb or sa == sb:
        return None
    if sb < sa:
        read_a, read_b = words_in_scripts(a, sb), b
    elif sa < sb:
        read_a, read_b = a, words_in_scripts(b, sa)
    else:
        return None
    if not read_a or not read_b:
        return None
    inner = _compare_part(
        read_a, read_b, given=given, a_middle=a_middle, b_middle=b_middle, policy=policy
    )
    return NameDifference.SECOND_SCRIPT if inner in _ABBREVIATED else inner


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
    r"""|(?<![^\W_])'([^']*)'(?![^\W_])|(?<![^\W_])\*+([^*]*[^\W_][^*]*)\*+(?![^\W_]))"""
)
"""A note typed beside a name: in parentheses, brackets, double quotes (straight, curly
or guillemets), single quotes around whole words (an apostrophe inside a word, as in
``O'Brien``, is part of the name), or asterisks around whole words, as plain text
stresses them (``Maria *primary*``, since session 64: the asterisks were dropped as
symbols and the note read as a middle name)."""


_PRONOUN_SET = re.compile(
    r"(?:pronouns\s*:?\s*)?(?:he|she|they|ze|zie|xe|ey|fae|any)\s*/\s*"
    r"(?:him|her|hers|them|they|theirs|he|she|hir|zir|xem|xyr|em|faer|all)"
    r"(?:\s*/\s*[a-z]+)?",
    re.IGNORECASE,
)
"""A set of pronouns (``they/them``, ``she/they``, ``Pronouns: he/him``)."""


_PRONOUNS = re.compile(rf"(?:\s*[-–—,:|]\s*|\s+)({_PRONOUN_SET.pattern})\s*$", re.IGNORECASE)
"""A set of pronouns typed after a name without brackets (``Alex they/them``, ``Sam -
he/him``, ``Jo, she/they``); in brackets they are a note as any (``Alex (they/them)``).
OneRoster 1.2 has a ``pronouns`` field for them."""


def is_pronouns(note: str, /) -> bool:
    """Whether a note beside a name is a set of pronouns (``they/them``, ``Pronouns:
    she/her``), which OneRoster 1.2 keeps in a ``pronouns`` field of its own.

    >>> is_pronouns("they/them"), is_pronouns("Pronouns: she/her"), is_pronouns("Mom")
    (True, True, False)
    """
    return _PRONOUN_SET.fullmatch(note.strip()) is not None


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
    >>> split_note("Maria *primary*"), split_note("*Ana*"), split_note("*Ana")
    (('Maria', 'primary'), ('*Ana*', ''), ('*Ana', ''))

    A relation typed beside the name without brackets is a note too (since session 23),
    but no other word: a name is never taken for a note without brackets.

    >>> split_note("Maria - Mom"), split_note("Maria/Grandma"), split_note("Abuela Rosa")
    (('Maria', 'Mom'), ('Maria', 'Grandma'), ('Rosa', 'Abuela'))
    >>> split_note("Garcia, Maria"), split_note("Step Mom"), split_note("Mary-Ann")
    (('Garcia, Maria', ''), ('Step Mom', ''), ('Mary-Ann', ''))
    >>> split_note("Robert/Bob"), split_note("Maria/Jose")
    (('Robert', 'Bob'), ('Maria/Jose', ''))

    Pronouns typed after the name are a note, in brackets or not (since session 55).

    >>> split_note("Alex (they/them)"), split_note("Sam - he/him"), split_note("Jo she/they")
    (('Alex', 'they/them'), ('Sam', 'he/him'), ('Jo', 'she/they'))

    A "care of" note after the name is one too (since session 61: ``c/o Lopez`` was read
    as part of the name, and ``Maria c/o Juan`` as a couple's names).

    >>> split_note("Garcia c/o Lopez"), split_note("Maria C/O Juan Ruiz")
    (('Garcia', 'c/o Lopez'), ('Maria', 'C/O Juan Ruiz'))
    """
    if "/" in value or "are of" in value or "c." in value or "C." in value:
        care = CARE_OF_NOTE.search(value)
        if care is not None and not is_blank_name(before := value[: care.start()]):
            rest, note = split_note(before)
            return rest, " ".join(n for n in (note, care.group(1).strip()) if n)
    notes: list[str] = []

    def take(match: re.Match[str]) -> str:
        text = next(g for g in match.groups() if g is not None).strip()
        notes.append(text)
        return " "

    rest = " ".join(_NOTE.sub(take, value).split())
    if "/" in rest:  # (since session 55: pronouns typed after the name, no brackets)
        rest = " ".join(_PRONOUNS.sub(take, rest).split())
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
    (:func:`~oneroster_identity.normalize._relations.is_relation_note`) is such a note,
    never a name (``Garcia, Maria`` is a name in the other order), and a value that is
    all relation (``Step Mom``,
    ``Parent/Guardian``) is a role word typed for a name, not a name with a note. Set
    apart, one name written another way is a note too (``Robert/Bob``, ``José - Pepe``:
    the name the person goes by, as ``Robert "Bob"``); two names are not (``Maria/Jose``,
    a couple: :func:`names_two_people`)."""
    if value.isalpha() or is_relation_note(value):
        return None
    pieces = [p for p in _RELATION_SEPARATOR.split(value.strip()) if p]
    if len(pieces) == 2:
        for rest, note in (pieces, pieces[::-1]):
            if (
                is_relation_note(note)
                and relation_words(note) not in KIN_NAMES  # `Lan/Ba`: a couple, perhaps
                and not is_blank_name(rest)
                and not is_relation_note(rest)
            ):
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
            folded = " ".join(LETTER_RUNS.findall(note.casefold()))
            if folded in BARE_RELATIONS and not is_relation_note(rest):
                return rest, note
    return None


_ABBREVIATED = frozenset(
    {
        NameDifference.IDENTICAL,
        NameDifference.BENIGN,
        NameDifference.INVISIBLE,
        NameDifference.CONFUSABLE,
        NameDifference.GARBLED,
        NameDifference.PUNCTUATION,
        NameDifference.SUFFIX,
        NameDifference.DIACRITICS,
    }
)
"""How two given names may differ and still be one name as written: once their
abbreviations are written out, one name abbreviated on one record (``Ma. Elena`` and
``Maria Elena``); with a title too, one name of a couple's (:data:`WRITTEN_OTHERWISE`)."""

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
    "jno": "John",
    "jn": "John",
    "richd": "Richard",
    "danl": "Daniel",
    "alexr": "Alexander",
    "margt": "Margaret",
    "eliz": "Elizabeth",
    "gmo": "Guillermo",
    "fdo": "Fernando",
}
"""Given-name abbreviations an SIS carries from paper forms and older systems (folded,
without the dot that marks them). Since session 64 also ``Jno.`` and ``Jn.`` (John),
``Richd.``, ``Danl.``, ``Alexr.``, ``Margt.``, ``Eliz.``, and the Spanish ``Gmo.``
(Guillermo) and ``Fdo.`` (Fernando); never one that stands for two names (``Jos.``:
Joseph or José; ``Fred.``, a name of its own with a stray period)."""

_ABBREVIATION = re.compile(r"(?i)(?<![^\W_])(?:(" + "|".join(_ABBREVIATIONS) + r")\.|m\.?ª)\s*")

_WRITTEN_OUT = {short: loose_name(name) for short, name in _ABBREVIATIONS.items()}
"""Each abbreviation's name, folded as :func:`name_words` folds a word (``maria``)."""

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
    >>> expand_abbreviations("Jn."), expand_abbreviations("Gmo. Luis"), expand_abbreviations("Jn")
    ('John', 'Guillermo Luis', 'Jn')

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


def written_out_beside(short: str, full: str, /) -> bool:
    """Whether a given name writes a name of ``full`` as its abbreviation without the
    dot (``Ma Elena`` beside ``María Elena``, ``Fco Javier`` beside ``Francisco
    Javier``, ``Gpe`` beside ``Guadalupe``), every other word the same. Alone, ``Ma``
    without its dot may be a name of its own (:func:`expand_abbreviations` reads only a
    dotted one); beside a record writing the name out there, it is that name abbreviated,
    as Latin American records often write ``María``.

    >>> written_out_beside("Ma Elena", "María Elena"), written_out_beside("Ma Elena", "Marta Elena")
    (True, False)
    >>> written_out_beside("Ma", "Maria Elena"), written_out_beside("Gpe", "Guadalupe")
    (False, True)
    """
    ws, wf = name_words(short), name_words(full)
    if len(ws) != len(wf) or ws == wf:
        return False
    return all(
        x == y or (x in _ABBREVIATIONS and _WRITTEN_OUT[x] == y)
        for x, y in zip(ws, wf, strict=True)
    )


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


_INITIALISM = re.compile(r"(?:[^\W\d_]\.?-?){2,3}")


def goes_by_initials(a: PersonName, b: PersonName, /) -> bool:
    """Whether one name's given name is the initials the other's person goes by (``JP``
    beside ``Jean-Pierre``, ``AJ`` beside ``Anthony`` with the middle name ``James``):
    what :func:`compare_names` reads as a nickname, named apart for the warnings' words
    (since session 51).

    >>> goes_by_initials(PersonName(given="JP", family="Roy"), PersonName(given="Jean-Pierre", family="Roy"))
    True
    >>> goes_by_initials(PersonName(given="Bob", family="Roy"), PersonName(given="Robert", family="Roy"))
    False
    """
    return _initialism_of(a.given, b.given, b.middle) or _initialism_of(b.given, a.given, a.middle)


def _initialism_of(short: str, full: str, middle: str) -> bool:
    """Whether a given name is the initials of another's words (with its middle name's),
    as a person goes by them: ``JP`` or ``J.P.`` for ``Jean-Pierre``, ``AJ`` for
    ``Anthony`` with the middle name ``James``, ``MJ`` for ``Mary Jane``.

    Two or three letters with no space between them, written in capitals or with periods
    (``Al`` and ``Jo`` are names of their own; ``J. P.``, spaced, is a name written as its
    initials: :func:`_initials`), beside a name not written in capitals itself (a roster
    in capitals cannot tell the two apart), the initials of as many words of the other
    name.

    >>> _initialism_of("JP", "Jean-Pierre", ""), _initialism_of("A.J.", "Anthony", "James")
    (True, True)
    >>> _initialism_of("Al", "Anthony", "Lee"), _initialism_of("TJ", "Thomas", "")
    (False, False)
    """
    short = short.strip()
    if len(short) > 9 or not _INITIALISM.fullmatch(short):
        return False
    letters = [ch for ch in short if ch.isalpha()]
    dotted = "." in short
    if not dotted and not all(ch.isupper() for ch in letters):
        return False
    if full.isupper():
        return False
    words = [*name_words(full), *name_words(middle)]
    if len(words) < len(letters):
        return False
    initials = "".join(w[0] for w in words[: len(letters)])
    return initials == strip_diacritics("".join(letters).casefold())


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


def cut_short(short: str, full: str, /, *, given: bool = False) -> bool:
    """Whether name part ``short`` is ``full`` cut short inside a word and marked with a
    period (``Gonz.`` and ``Gonzalez``, ``Garcia Lop.`` and ``Garcia Lopez``, ``Eliz.`` and
    ``Elizabeth``), as a form whose field was too short, or an old card, writes it; never a
    whole word left with a period (``Ruiz.`` beside ``Ruiz Garcia``), nor an initial
    (:data:`NameDifference.INITIAL`).

    >>> cut_short("Gonz.", "Gonzalez"), cut_short("Ruiz.", "Ruiz Garcia"), cut_short("R.", "Ruiz")
    (True, False, False)

    A given name (``given``) cut where a man's name and a woman's both begin is not read
    so: ``Chris.`` beside ``Christina`` may be her husband, as ``Chris`` may
    (:func:`~oneroster_identity.normalize._genders.unisex_short_form`).

    >>> cut_short("Eliz.", "Elizabeth", given=True), cut_short("Chris.", "Christina", given=True)
    (True, False)

    A separator or a question mark left after the period is no part of it (``Gonz.,``,
    ``Gonz.?``: since session 63).

    >>> cut_short("Gonz.,", "Gonzalez"), cut_short("Gonz.?", "Gonzalez")
    (True, True)
    """
    short = short.rstrip().rstrip(",;:?").rstrip()
    if not short.endswith(".") or full.rstrip().endswith("."):
        return False
    ws, wf = name_words(short), name_words(full)
    if not ws or len(ws) > len(wf) or ws[:-1] != wf[: len(ws) - 1]:
        return False
    part, word = ws[-1], wf[len(ws) - 1]
    if not 2 <= len(part) < len(word) or not word.startswith(part):
        return False
    return not given or not (unisex_short_form(part) or begins_names_of_both_sexes(part))


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
    if sa and sa == sb and suffix_moved(a, b):
        # Carlos Jr. / Ruiz and Carlos / Ruiz Jr.: one suffix typed in either field (read
        # as a middle name beside a second family name before session 50)
        suffix = NameDifference.SUFFIX
        return NameComparison(
            kind=suffix,
            given=given if given.is_equal else suffix,
            family=family if family.is_equal else suffix,
        )
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
    if not family.is_equal and _one_of_a_family_couple(a, b):
        # Maria / Garcia & Jose Lopez beside Jose / Lopez (or Maria / Garcia): a couple's
        # names split at the first space (since session 51; a compound surname before)
        family = NameDifference.COUPLE
        given = given if given.is_equal else NameDifference.COUPLE
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
            titles_dropped(part), one, given=True, a_middle="", b_middle="", policy=policy
        )
        in WRITTEN_OTHERWISE
        for part in couple_names(couple)
    )


def _one_of_a_family_couple(a: PersonName, b: PersonName) -> bool:
    """Whether exactly one of two names holds a couple's names in its family name
    (:func:`family_names_two_people`) and one of the couple's whole names is the other
    name (up to case, accents and punctuation): ``Maria`` / ``Garcia & Jose Lopez``
    holds ``Maria Garcia`` and ``Jose Lopez``."""
    a_two = family_names_two_people(a.family)
    if a_two == family_names_two_people(b.family):
        return False
    couple, one = (a, b) if a_two else (b, a)
    own = name_words(f"{one.given} {one.family}")
    line = f"{couple.given} {couple.family}"
    if "&" in line:
        line = ungarbled(line) or line
    return any(name_words(part) == own for part in _FAMILY_SEPARATOR.split(line))


_FAMILY_SEPARATOR = re.compile(r"\s*(?:&|\+|\band\b)\s*", re.IGNORECASE)


def couples_name(name: PersonName, /) -> bool:
    """Whether a record's name names two people, in its given name (``John & Mary``:
    :func:`names_two_people`) or its family name (``Maria`` / ``Garcia & Jose Lopez``:
    :func:`family_names_two_people`)."""
    return names_two_people(name.given) or family_names_two_people(name.family)


_COUPLE_HINTS = frozenset(
    {NameDifference.MIDDLE_NAME, NameDifference.DIFFERENT, NameDifference.TYPO}
)
"""Given-name differences a couple's name shows up as beside one of the two (``John &
Mary`` vs ``John`` reads as a middle name, ``Mary & John`` vs ``John`` as different)."""

WRITTEN_OTHERWISE = _ABBREVIATED | {NameDifference.TITLE}
"""Name-part differences of one name written otherwise: case, invisible, look-alike or
garbled characters, punctuation, a suffix's notation, accents, a title before it (never
an initial, a nickname or another spelling: those fit other names too). One name of a
couple's beside the single name (a nickname or another spelling would leave two
questions in one), and a namesake's name beside an item's (``match._likely_items``)."""

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


def drop_relation_note(value: str, /) -> str:
    """``value`` without a relation noted beside it, the rest as written (``Maria
    (Grandmother)`` -> ``Maria``): a relation is never a value to type into a name field,
    nor (since session 61) a "care of" note (``Garcia c/o Lopez`` -> ``Garcia``). Any
    other note is kept (``Robert "Bob"``: the family may want it shown).

    >>> drop_relation_note("María (Abuela)"), drop_relation_note('Robert "Bob"')
    ('María', 'Robert "Bob"')
    """
    rest, note = split_note(value)
    return rest if note and (is_relation_note(note) or is_care_of(note)) else value


def noted_kinships(name: PersonName, /) -> frozenset[tuple[str, str]]:
    """The kinships noted beside a name's given or family name
    (:data:`~oneroster_identity.normalize._relations.KINSHIPS`): ``Maria (Grandma)`` ->
    ``{("grandparent", "f")}``; none for a name without a note."""
    if _plain_name(name):
        return _NO_KINSHIPS  # (nearly every name: no note beside it)
    return frozenset(
        kin for words in _relation_notes(name) if (kin := KINSHIPS.get(words)) is not None
    )


_NO_KINSHIPS: frozenset[tuple[str, str]] = frozenset()


def _relation_notes(name: PersonName) -> Iterator[str]:
    """The notes beside a name's given or family name, folded by :func:`relation_words`."""
    for part in (name.given, name.family):
        if part.isalpha():
            continue  # nearly every name: no note beside it
        note = split_note(part)[1]
        if note:
            yield relation_words(note)


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
    >>> kinships_differ(n("Maria (Bio Mom)"), n("Maria (Stepmom)"))
    True
    >>> kinships_differ(n("Maria (Bio Mom)"), n("Maria (Mom)"))
    False

    Two contact roles of one dimension are two people's too (:func:`contact_roles_differ`,
    since session 63).

    >>> kinships_differ(n("Maria (Primary)"), n("Maria (Emergency Contact)"))
    True
    """
    if contact_roles_differ(a, b):
        return True
    ka = noted_kinships(a)
    if not ka:
        return False  # (nearly every name)
    kb = noted_kinships(b)
    if not kb:
        return False
    if any(_kin_differ(x, y) for x in ka for y in kb):
        return True
    # a birth parent beside a step-, foster or adoptive parent of one sex (since session 42)
    oa = {o for words in _relation_notes(a) if (o := PARENT_ORIGINS.get(words))}
    ob = {o for words in _relation_notes(b) if (o := PARENT_ORIGINS.get(words))}
    return bool(oa and ob and oa != ob)


def contact_roles_differ(a: PersonName, b: PersonName, /) -> bool:
    """Whether the contact roles an SIS flags beside two names
    (:data:`~oneroster_identity.normalize._relations.CONTACT_ROLES`, since session 63) are
    two people's: two places of one dimension (``Maria (Primary)`` and ``Maria
    (Secondary)``, ``Ana (custodial)`` and ``Ana (non-custodial)``). A role beside a
    kinship (``Maria (Primary)`` and ``Maria (Mom)``), or one name flagged and the other
    not, says nothing.

    >>> def n(given): return PersonName(given=given, family="Ruiz")
    >>> contact_roles_differ(n("Maria (Primary)"), n("Maria (Secondary)"))
    True
    >>> contact_roles_differ(n("Maria (Primary)"), n("Maria (Mom)"))
    False
    """
    if _plain_name(a) or _plain_name(b):
        return False  # (nearly every name: no note beside it)
    ra = dict(role for words in _relation_notes(a) if (role := CONTACT_ROLES.get(words)))
    if not ra:
        return False
    rb = dict(role for words in _relation_notes(b) if (role := CONTACT_ROLES.get(words)))
    return any(dimension in rb and rb[dimension] != place for dimension, place in ra.items())


def _plain_name(name: PersonName, /) -> bool:
    """Whether both parts of a name are letters only (nearly every name: no note beside
    it, read without splitting one off)."""
    return name.given.isalpha() and name.family.isalpha()


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

    A slash inside a note joins no one (``Alex (they/them)``, ``Sam he/him``: pronouns,
    since session 55).

    >>> names_two_people("Alex (they/them)"), names_two_people("Sam he/him")
    (False, False)

    A value a program garbled is read back first: the ``&`` of an HTML reference joins
    no one (``Siobh&aacute;n``), the one it stands for does (``Mary &amp; John``).

    >>> names_two_people("Siobh&aacute;n"), names_two_people("Mary &amp; John")
    (False, True)
    """
    if "&" in given:
        given = ungarbled(given) or given
    if _COUPLE.search(given) is not None:
        return True
    if "/" not in given:
        return False
    # (the slash of a note is no couple: `Alex (they/them)`, `Maria (Mom/Dad)`)
    name = split_note(given)[0]
    return "/" in name and _slash_couple(name)


_FAMILY_JOINER = re.compile(r"\S\s*(?:&|\+|\band\b)\s*\S", re.IGNORECASE)
"""What joins two people's names in a family-name field: ``&``, ``+`` or ``and``; not the
Spanish ``y``, which joins one person's two surnames (``Ortega y Gasset``), nor a hyphen
or a slash."""


def family_names_two_people(family: str, /) -> bool:
    """Whether a family-name field names two people (since session 51): a couple's names
    typed in one line and split at the first space (``Maria`` / ``Garcia & Jose Lopez``),
    or two surnames joined as two people's (``Garcia and Lopez``). One record makes one
    account, so such a value is never one to type for a person.

    >>> family_names_two_people("Garcia & Jose Lopez"), family_names_two_people("Garcia and Lopez")
    (True, True)
    >>> family_names_two_people("Ortega y Gasset"), family_names_two_people("Garcia-Lopez")
    (False, False)
    >>> family_names_two_people("Anderson"), family_names_two_people("Johnson &amp; Lee")
    (False, True)
    """
    if "&" in family:
        family = ungarbled(family) or family
    elif "+" not in family and "and" not in family.casefold():
        return False  # (nearly every name: told without the pattern)
    return _FAMILY_JOINER.search(family) is not None


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

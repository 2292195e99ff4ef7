"""Candidate pairs by blocking, and the field-by-field verdict on each pair.

No all-pairs comparison: persons are compared only when they share a blocking
key (email, SMS phone, home phone, mailbox, name, loosened name, email local
part, corrected email). Blocks are built one key type at a time so memory holds
one index at once. The score is a sum of per-field log-odds weights (Fellegi-Sunter
style, in the spirit of Splink's comparison levels), so every confidence can be
explained field by field.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from operator import attrgetter

import attrs
from rapidfuzz import process
from rapidfuzz.distance import OSA

from oneroster_identity._memo import run_cache
from oneroster_identity.match._contacts import IN_USERNAME, moved_email_column
from oneroster_identity.match._household import SAME_STUDENT, HouseholdIndex, HouseholdRelation
from oneroster_identity.match._keys import shared_keys
from oneroster_identity.match._model import FieldEvidence
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import (
    EmailDifference,
    EmailFlag,
    NameComparison,
    NameDifference,
    PhoneDifference,
    compare_emails,
    compare_names,
    compare_phones,
    generation_suffixes,
    grade_key,
    kinships_differ,
    kinships_of_other_sexes,
    names_two_people,
    stated_sex,
    suffix_dropped,
)
from oneroster_identity.normalize._names import without_title
from oneroster_identity.normalize._nicknames import are_nicknames
from oneroster_identity.normalize._spelling import spelling_initial
from oneroster_identity.normalize._text import (
    is_transposition,
    is_typing_slip,
    strip_diacritics,
    strip_punctuation,
)
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = [
    "BIRTH_DATE_SLIP",
    "BLOCK_KEYS",
    "MAX_NARROWED_BLOCK",
    "SAME_IDENTIFIER",
    "LooseParts",
    "PairVerdict",
    "Weights",
    "birth_date_slip",
    "candidate_pairs",
    "common_name_counts",
    "judge",
    "name_only_ceiling",
    "pair_evidence",
    "pair_levels",
]


@attrs.frozen(kw_only=True)
class Weights:
    """Log-odds contributions of each comparison level; documented in docs/matching.md.

    The defaults are fitted by ``benchmarks/calibrate.py`` (logistic regression on the
    labelled generator's candidate pairs, Gaussian prior sd 0.5 around hand-set values;
    missing values pinned at 0, an identical name pinned at 4.0), so that a confidence
    reads as a probability on it.
    """

    prior: float = -6.17
    name: Mapping[NameDifference, float] = attrs.field(
        factory=lambda: {
            NameDifference.IDENTICAL: 4.0,
            NameDifference.BENIGN: 4.0,
            NameDifference.INVISIBLE: 4.0,
            NameDifference.CONFUSABLE: 4.0,
            NameDifference.PUNCTUATION: 3.5,
            NameDifference.WHOLE_NAME: 3.5,
            NameDifference.TITLE: 3.5,
            NameDifference.NOTE: 3.5,
            NameDifference.ABBREVIATION: 3.5,
            NameDifference.DIACRITICS: 3.49,
            NameDifference.PREFERRED_NAME: 3.0,
            NameDifference.NICKNAME: 3.0,
            NameDifference.SPELLING: 3.0,
            NameDifference.MIDDLE_NAME: 3.36,
            NameDifference.COUPLE: 3.36,
            NameDifference.COMPOUND_SURNAME: 2.89,
            NameDifference.SWAPPED: 2.72,
            NameDifference.TYPO: 2.72,
            NameDifference.INITIAL: 1.97,
            NameDifference.MISSING: 0.0,
            NameDifference.DIFFERENT: -6.0,
        }
    )
    email: Mapping[EmailDifference, float] = attrs.field(
        factory=lambda: {
            EmailDifference.IDENTICAL: 6.45,
            EmailDifference.BENIGN: 6.45,
            EmailDifference.FORMATTING: 6.45,
            EmailDifference.SAME_MAILBOX: 4.07,
            EmailDifference.REPAIRED: 4.07,
            EmailDifference.DOMAIN_TYPO: 3.85,
            EmailDifference.LOCAL_TYPO: 3.12,
            EmailDifference.OTHER_DOMAIN: 2.16,
            EmailDifference.MISSING: 0.0,
            EmailDifference.DIFFERENT: -2.23,
        }
    )
    phone: Mapping[PhoneDifference, float] = attrs.field(
        factory=lambda: {
            PhoneDifference.IDENTICAL: 5.2,
            PhoneDifference.BENIGN: 5.2,
            PhoneDifference.FORMATTING: 5.2,
            PhoneDifference.EXTENSION: 2.5,
            PhoneDifference.REPAIRED: 4.0,
            PhoneDifference.TYPO: 2.02,
            PhoneDifference.MISSING: 0.0,
            PhoneDifference.DIFFERENT: -1.73,
        }
    )
    home_phone_equal: float = 1.0
    phone_in_other_column: float = 4.0
    """One record's SMS number is the other's home phone (``sms`` and ``phone`` swapped on
    one form): the same number on both records, in other columns."""
    work_vs_personal_email: float = -0.5
    """Replaces the email penalty for a staff record's district address vs a personal one."""
    staff_guardian_unique_name: float = 1.42
    """A staff and a guardian record with a name no one else in the roster has."""
    common_name: float = 0.89
    """The exact name is held by three or more persons. Positive after fitting: such pairs
    reach judging only through contact similarity (name blocks of 3+ are narrowed), and
    there the name adds evidence; strangers sharing a common name and no contact are never
    compared."""
    unique_name: float = 1.0
    """The exact name is held by these two persons only (no one else in the roster): a
    rare name shared is evidence of its own (below the staff/guardian case, 1.42)."""
    same_student: float = 5.2
    """Both records are guardians of one student (a parent typed once per child)."""
    sibling_students: float = 5.2
    """The records are guardians of two students who share another guardian: one
    household, so as strong a link as a shared student (an initial entered on a sibling's
    form with other contacts is then still flagged for a person to confirm)."""
    same_guardian: float = 2.5
    """Two student records with a guardian in common (a student entered twice)."""
    guardian_names: float = 3.0
    """Two student records whose guardians are other records with the same names (a
    family registered again at another school)."""
    email_different_in_household: float = -0.5
    """Replaces the email penalty for household-related records: a guardian typed again
    years later carries that year's email, so a differing email says little there."""
    phone_different_in_household: float = -0.3
    """Replaces the phone penalty for household-related records (same reason)."""
    birth_date_identical: float = 4.0
    birth_date_different: float = -8.0
    """Two student records with different birth dates are different children."""
    birth_date_slip: float = 0.0
    """Two student records of one household whose birth dates are one date typed with one
    slip (:func:`birth_date_slip`: a digit, or day and month swapped): the dates then say
    nothing either way, as if one were unknown. A record that slips past an SIS's own
    duplicate check (which compares name and birth date) is, more often than not, one
    whose name or birth date was typed another way, and a household's two children are
    not born a slip apart under one name. Hand-set: the generator plants none. Without a
    household link it is a different date: two families' namesakes are a slip apart by
    chance about 25 times as often as born the same day."""
    grade_identical: float = 1.0
    grade_different: float = -2.0
    student_common_name: float = -5.0
    """Two student records with no guardian in common, whose name three or more records
    hold: namesakes in a district share birthdays by chance (a dozen Sofia Garcias in one
    grade give a shared birth date about once in three names), so name and birth date
    alone are not enough there."""
    same_identifier: float = 6.5
    """Both records hold one ``userMasterIdentifier`` (a state ID) that only a few records
    hold (:data:`~oneroster_identity.match._identifiers.MAX_HOLDERS`). Hand-set (the
    generator plants no such IDs) about as strong as an identical email: an ID names one
    person in the district as an address does."""

    @cached_property
    def _table(self) -> dict[str, float]:
        return self.levels()

    def score(self, levels: Iterable[str]) -> float:
        """The sum of the weights of ``levels``: a pair's log-odds score. Read from a table
        of every level (:meth:`levels`) built once per weights object (looking each level
        up by parsing its name cost about 2.5 us a pair)."""
        table = self._table
        return sum(table[level] for level in levels)

    def value(self, level: str) -> float:
        """The weight of one named level (see :func:`pair_levels`)."""
        if level == "prior":
            return self.prior
        field, _, kind = level.partition(":")
        if field == "name":
            return self.name[NameDifference(kind)]
        if field == "email" and kind not in _EXTRA_KINDS:
            if kind == "work-vs-personal":
                return self.work_vs_personal_email
            return self.email[EmailDifference(kind)]
        if field == "phone" and kind not in _EXTRA_KINDS:
            return self.phone[PhoneDifference(kind)]
        return {
            "home-phone-equal": self.home_phone_equal,
            "phone-in-other-column": self.phone_in_other_column,
            "common-name": self.common_name,
            "staff-guardian-unique-name": self.staff_guardian_unique_name,
            "unique-name": self.unique_name,
            "household:same-student": self.same_student,
            "household:sibling-students": self.sibling_students,
            "household:same-guardian": self.same_guardian,
            "household:guardian-names": self.guardian_names,
            "email:different-in-household": self.email_different_in_household,
            "phone:different-in-household": self.phone_different_in_household,
            "birth-date:identical": self.birth_date_identical,
            "birth-date:different": self.birth_date_different,
            BIRTH_DATE_SLIP: self.birth_date_slip,
            "grade:identical": self.grade_identical,
            "grade:different": self.grade_different,
            "student-common-name": self.student_common_name,
            SAME_IDENTIFIER: self.same_identifier,
        }[level]

    def levels(self) -> dict[str, float]:
        """Every named level and its weight (what ``benchmarks/calibrate.py`` fits)."""
        names = ["prior"]
        names += [f"name:{k.value}" for k in NameDifference]
        names += [f"email:{k.value}" for k in EmailDifference] + ["email:work-vs-personal"]
        names += [f"phone:{k.value}" for k in PhoneDifference]
        names += ["home-phone-equal", "phone-in-other-column", "common-name"]
        names += ["staff-guardian-unique-name", "unique-name"]
        names += [*_HOUSEHOLD_LEVELS, SAME_IDENTIFIER]
        return {n: self.value(n) for n in names}

    @classmethod
    def from_levels(cls, levels: Mapping[str, float]) -> Weights:
        """Weights from a level -> value mapping (levels not given keep their default)."""
        base = cls()
        merged = {**base.levels(), **levels}
        return cls(
            prior=merged["prior"],
            name={k: merged[f"name:{k.value}"] for k in NameDifference},
            email={k: merged[f"email:{k.value}"] for k in EmailDifference},
            phone={k: merged[f"phone:{k.value}"] for k in PhoneDifference},
            home_phone_equal=merged["home-phone-equal"],
            phone_in_other_column=merged["phone-in-other-column"],
            work_vs_personal_email=merged["email:work-vs-personal"],
            staff_guardian_unique_name=merged["staff-guardian-unique-name"],
            common_name=merged["common-name"],
            unique_name=merged["unique-name"],
            same_student=merged["household:same-student"],
            sibling_students=merged["household:sibling-students"],
            same_guardian=merged["household:same-guardian"],
            guardian_names=merged["household:guardian-names"],
            email_different_in_household=merged["email:different-in-household"],
            phone_different_in_household=merged["phone:different-in-household"],
            birth_date_identical=merged["birth-date:identical"],
            birth_date_different=merged["birth-date:different"],
            birth_date_slip=merged[BIRTH_DATE_SLIP],
            grade_identical=merged["grade:identical"],
            grade_different=merged["grade:different"],
            student_common_name=merged["student-common-name"],
            same_identifier=merged[SAME_IDENTIFIER],
        )


SAME_IDENTIFIER = "identifier:identical"
"""The level of two records holding one ``userMasterIdentifier`` that is evidence."""

BIRTH_DATE_SLIP = "birth-date:slip"
"""The level of two student records of one household born a typing slip apart."""

_HOUSEHOLD_LEVELS = (
    "household:same-student",
    "household:sibling-students",
    "household:same-guardian",
    "household:guardian-names",
    "email:different-in-household",
    "phone:different-in-household",
    "birth-date:identical",
    "birth-date:different",
    BIRTH_DATE_SLIP,
    "grade:identical",
    "grade:different",
    "student-common-name",
)
_EXTRA_KINDS = frozenset({"different-in-household"})

DEFAULT_WEIGHTS = Weights()


@attrs.frozen(kw_only=True)
class PairVerdict:
    """The comparison of two persons' representative records."""

    a: int
    b: int
    name: NameComparison
    email: EmailDifference
    phone: PhoneDifference
    home_phone_equal: bool
    score: float
    confidence: float
    likely_same: bool
    parent_child: bool
    staff_guardian: bool
    household: HouseholdRelation | None = None
    """How the two records are related through children, when they are."""
    levels: tuple[str, ...] = ()
    """The named levels the score sums (see :func:`pair_levels`)."""
    kept_apart: bool = False
    """A staff and a guardian record that would be ``likely_same`` but that the policy
    keeps apart (``staff_guardian="separate"``): probably one person, with two accounts
    on purpose."""


def _loose_name(f: RecordFacts) -> tuple[str, ...] | None:
    # Cached by part, not by whole name: a district has tens of thousands of distinct
    # parts, which the parts' cache holds, and hundreds of thousands of distinct names,
    # which a bounded cache of whole names would keep evicting (1M persons: 0.75 -> 0.40 s,
    # and 100k: 0.07 -> 0.03 s).
    given, family = f.name_key
    return _loose_key(_loose_part(given), _loose_part(family))


def _loose_key(given: str, family: str) -> tuple[str, ...] | None:
    """The loose-name block key of two loosened parts: in either order (swapped names
    meet), none when a part is empty."""
    if not given or not family:
        return None
    return (given, family) if given <= family else (family, given)


def _local(f: RecordFacts) -> str | None:
    if f.email.local and EmailFlag.PLACEHOLDER not in f.email.flags and len(f.email.local) >= 5:
        return f.email.local.casefold()
    return None


def _corrected(f: RecordFacts) -> str | None:
    if f.email.suggested_domain:
        return f"{f.email.local.casefold()}@{f.email.suggested_domain}"
    if f.email.usable:
        return f"{f.email.local.casefold()}@{f.email.domain}"
    return None


BLOCK_KEYS: tuple[tuple[str, Callable[[RecordFacts], object]], ...] = (
    # An invalid value with a mechanical repair blocks as the value it meant, so the
    # record meets the one holding that value (compared as ``same-once-repaired``).
    ("email", lambda f: f.email.meant_key),
    ("sms", lambda f: f.phone.meant_key),
    ("home-phone", lambda f: f.home_phone.key),
    ("mailbox", lambda f: f.email.mailbox_key if f.email.usable else None),
    ("name", lambda f: f.name_key if all(f.name_key) else None),
    ("loose-name", _loose_name),
    ("email-local", _local),
    ("corrected-email", _corrected),
)


def _loose_column(reps: Sequence[RecordFacts]) -> list[object]:
    """Loose-name keys, computed once per distinct name, for the records whose loose block
    spans two or more exact names (swapped, or differing in accents or punctuation);
    ``None`` for the rest, whose loose block would hold the records of one exact-name
    block, which ``candidate_pairs`` skips. At a million records that leaves about 550
    blocks to index instead of 83,000."""
    names = [f.name_key for f in reps]
    parts = LooseParts()
    first: dict[tuple[str, ...], tuple[str, str]] = {}
    wanted: dict[tuple[str, str], tuple[str, ...]] = {}
    for key in set(names):
        given, family = parts[key[0]], parts[key[1]]
        # A name loosening leaves alone, in order, is its own loose key: no new tuple.
        if given is key[0] and family is key[1] and given and given <= family:
            loose: tuple[str, ...] | None = key
        else:
            loose = _loose_key(given, family)
        if loose is None:
            continue
        seen = first.setdefault(loose, key)
        if seen is not key:  # the loose block spans two exact names: both are wanted
            wanted[seen] = wanted[key] = loose
    del first
    return list(map(wanted.get, names))


_BLOCK_COLUMNS: Mapping[str, Callable[[Sequence[RecordFacts]], list[object]]] = {
    "loose-name": _loose_column,
}
"""Block types whose keys are computed a column at a time. A column gives the blocks of
:data:`BLOCK_KEYS`'s function (tested), less those ``candidate_pairs`` would skip: the
loose-name column holds a key only where its block spans two or more exact names, once
per distinct name with a run's own part cache, which a bounded cache cannot be at a
million records (807k misses). The other key types cost about the same either way
(measured at 1M), so they keep their one definition in :data:`BLOCK_KEYS`."""


def block_column(
    block_type: str, key_of: Callable[[RecordFacts], object], reps: Sequence[RecordFacts]
) -> list[object]:
    """``[key_of(f) for f in reps]``, by the column builder of ``block_type`` when there
    is one."""
    build = _BLOCK_COLUMNS.get(block_type)
    return build(reps) if build is not None else [key_of(f) for f in reps]


NAME_BLOCKS = frozenset({"name", "loose-name"})
"""Block types whose large blocks are narrowed to contact-similar pairs."""
MAX_NARROWED_BLOCK = 5000
"""A name block larger than this is skipped even when narrowed (cost grows as n²/2 OSA
comparisons in rapidfuzz's C code)."""


def _best_name_in_large_block(weights: Weights) -> float:
    """The most a name can add to a pair in a name block of three or more: an exact name
    there is common (three holders), any other related name is a variant."""
    equal = (NameDifference.IDENTICAL, NameDifference.BENIGN, NameDifference.DIFFERENT)
    return max(
        weights.name[NameDifference.IDENTICAL] + weights.common_name,
        max(v for k, v in weights.name.items() if k not in equal),
    )


def name_only_ceiling(weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The highest confidence a pair in a name block of three or more can reach with no
    contact evidence: its name is common (or not exactly equal) and its email and phone
    are missing or different. It depends on the weights alone; when a policy's threshold
    is above it, such blocks only need their contact-similar pairs compared (see
    :func:`candidate_pairs`)."""
    best_name = _best_name_in_large_block(weights)
    contact = max(0.0, weights.email[EmailDifference.MISSING], weights.work_vs_personal_email)
    contact += max(0.0, weights.phone[PhoneDifference.MISSING])
    return _sigmoid(weights.prior + best_name + contact)


def phone_typo_needs_email_gap(policy: Policy, weights: Weights = DEFAULT_WEIGHTS) -> bool:
    """Whether a narrowed name-block pair with a phone typo needs more than differing
    emails to be flagged: then only records without a usable email (level ``missing``)
    or staff records (``work-vs-personal``) are searched for phone typos."""
    score = (
        weights.prior
        + _best_name_in_large_block(weights)
        + weights.phone[PhoneDifference.TYPO]
        + weights.email[EmailDifference.DIFFERENT]
    )
    return _sigmoid(score) < policy.likely_same_threshold


def _contact_similar(
    members: Sequence[int], reps: Sequence[RecordFacts], *, email_gap_only: bool
) -> Iterator[tuple[int, int]]:
    """Pairs of a block whose emails or SMS phones could be a typo or alias of each other.

    A superset of the pairs ``judge`` can score above zero on contact: the same email
    local part (other domain, domain typo), a local-part typo within one domain (OSA
    distance <= 2) and a phone typo (OSA distance <= 1 on the digits). Equal emails,
    phones, mailboxes and home phones meet through their own blocks. With
    ``email_gap_only`` (see :func:`phone_typo_needs_email_gap`), phone typos are searched
    only from records without a usable email and from staff records.
    """
    by_domain: dict[str, list[tuple[str, int]]] = {}
    by_local: dict[str, list[int]] = {}
    phones: list[tuple[str, int]] = []
    seekers: list[tuple[str, int]] = []
    homes: dict[str, list[int]] = {}
    for i in members:
        home = reps[i].home_phone.key
        if home is not None:
            homes.setdefault(home, []).append(i)
    for i in members:
        f = reps[i]
        if f.phone.key is not None:
            yield from ((i, j) for j in homes.get(f.phone.key, ()) if j != i)
        if f.email.usable:
            local = f.email.local.casefold()
            by_local.setdefault(local, []).append(i)
            by_domain.setdefault(f.email.suggested_domain or f.email.domain, []).append((local, i))
        if f.phone.usable:
            phones.append((f.phone.digits, i))
            if not f.email.usable or RoleFamily.STAFF in f.families:
                seekers.append((f.phone.digits, i))
    for same in by_local.values():
        for x in range(len(same)):
            for y in range(x + 1, len(same)):
                yield same[x], same[y]
    for group in by_domain.values():
        for x, y in _near(group, 2):
            if not _numbered_variants(reps[x].email.local, reps[y].email.local):
                yield x, y
    if not email_gap_only:
        yield from _phone_typos(phones)
    elif seekers and len(phones) > 1:
        texts = [t for t, _ in phones]
        for digits, i in seekers:
            for _, _, y in process.extract(
                digits, texts, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                j = phones[y][1]
                if j != i:
                    yield i, j


_DIGITS = "0123456789"


def _numbered_variants(a: str, b: str) -> bool:
    """``maria.garcia82`` and ``mariagarcia1284``: one name with other numbers, which
    ``compare_emails`` calls ``different`` (providers number different people of one
    name), so such a pair has no contact evidence to search for."""
    da, db = a.casefold().replace(".", ""), b.casefold().replace(".", "")
    return da != db and da.rstrip(_DIGITS) == db.rstrip(_DIGITS)


def _near(items: list[tuple[str, int]], limit: int) -> Iterator[tuple[int, int]]:
    """Pairs of items whose texts are within OSA distance ``limit`` (rapidfuzz, in C)."""
    if len(items) < 2:
        return
    texts = [t for t, _ in items]
    for x, (text, i) in enumerate(items):
        for _, _, y in process.extract(
            text, texts, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if y > x:
                yield i, items[y][1]


def _phone_typos(phones: list[tuple[str, int]]) -> Iterator[tuple[int, int]]:
    """Pairs of phones one digit apart or with two adjacent digits swapped (the phone
    ``typo`` level), found through masked keys: linear in the block, not quadratic."""
    if len(phones) < 2:
        return
    keys: dict[str, list[int]] = {}
    for digits, i in phones:
        for p in range(len(digits)):
            keys.setdefault(f"{digits[:p]}*{digits[p + 1 :]}", []).append(i)
            if p + 1 < len(digits):
                keys.setdefault(f"{digits[:p]}**{digits[p + 2 :]}", []).append(i)
    for members in keys.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if members[x] != members[y]:
                    yield members[x], members[y]


def _plausibly_one_name(x: RecordFacts, y: RecordFacts, parts: Mapping[str, str]) -> bool:
    """A cheap test of whether two records of one household may be one person entered
    twice: the given names start alike (as written, or as spelled after any title: Camila
    and Kamila, Mrs. Ana and Ana) or are nicknames, or the names are swapped. Siblings
    and co-parents with other given names (most pairs of a household) are not compared.
    ``parts`` loosens a name part (a :class:`LooseParts`)."""
    gx, gy = parts[x.name_key[0]], parts[y.name_key[0]]
    if not gx or not gy or gx[0] == gy[0] or are_nicknames(gx, gy):
        return True
    if gx == parts[y.name_key[1]] or gy == parts[x.name_key[1]]:
        return True
    # One name spelled two ways may start with another letter (Camila, Kamila), and a
    # title typed before it hides its first letter (Mrs. Ana, Ana).
    return _lead(gx) == _lead(gy)


@run_cache
@lru_cache(maxsize=1 << 16)
def _lead(given: str) -> str:
    """The first letter of a loosened given name as spelled, after any title."""
    words = without_title(tuple(given.split()))
    return spelling_initial(words[0]) if words else ""


def _loosen(key: str) -> str:
    return strip_diacritics(strip_punctuation(key))


_loose_part = run_cache(lru_cache(maxsize=1 << 16)(_loosen))
"""For one-off comparisons; whole-roster passes use a :class:`LooseParts` of their run."""


class LooseParts(dict[str, str]):
    """One run's loosened name parts, each computed once (a million-record roster has
    far more distinct names than a bounded cache would hold, and nothing outlives the run)."""

    def __missing__(self, key: str) -> str:
        value = self[key] = _loosen(key)
        return value


_SOURCED_ID = attrgetter("sourced_id")
_FAMILIES = attrgetter("families")


def _household_pairs(
    reps: Sequence[RecordFacts], households: HouseholdIndex, policy: Policy
) -> Iterator[tuple[int, int]]:
    """Pairs of one household and one role family (guardians, or students) whose names may
    be one person's (:func:`_plausibly_one_name`); households larger than the policy's
    ``max_block_size`` (a placeholder guardian linked to hundreds of students) are skipped."""
    # Columns built by C-level maps (a call per record cost 0.7 s at a million records);
    # students and guardians indexed apart, so the keys are the household strings.
    homes = households.households_of(map(_SOURCED_ID, reps))
    families = list(map(_FAMILIES, reps))
    side = {fam: _household_side(fam) for fam in set(families)}  # a few shared sets
    sides = list(map(side.__getitem__, families))
    del families
    parts = LooseParts()
    for wanted in (True, False):
        column = [h if s is wanted else None for h, s in zip(homes, sides, strict=True)]
        for members in shared_keys(column).values():
            if len(members) > policy.max_block_size:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if _plausibly_one_name(reps[i], reps[j], parts):
                        yield i, j


def _household_side(families: frozenset[RoleFamily]) -> bool | None:
    """Which side of a household a record pairs on: ``True`` for a student record,
    ``False`` for a guardian (a guardian who is also staff too), ``None`` for neither."""
    if _only(families, RoleFamily.STUDENT):
        return True
    return False if RoleFamily.GUARDIAN in families else None


def _birth_key(f: RecordFacts) -> object:
    """The ``name-birth-date`` block key: the given name's first letter as spelled (after
    a title), the family name and the birth date. Wider than the exact name, so a child
    entered twice at another school with the middle name typed into the given-name field
    (Camila, Camila R.) or another spelling (Camila, Kamila) meets the first record even
    when the guardians were typed again too (no household link); the birth date keeps the
    blocks small (twins and namesakes born the same day)."""
    born = f.birth_date
    if born is None or not all(f.name_key):
        return None
    given, family = f.name_key
    return (_lead(given), _loose_part(family), born)


def candidate_pairs(
    reps: Sequence[RecordFacts],
    policy: Policy,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    narrow: bool | None = None,
    households: HouseholdIndex | None = None,
    identifiers: Iterable[tuple[int, int]] = (),
    counts: dict[str, int] | None = None,
) -> Iterator[tuple[int, int]]:
    """Pairs of person indices sharing a blocking key, each once, in sorted order.

    A block larger than ``policy.max_block_size`` (a placeholder-like value used by
    hundreds of records, a very common name) is skipped; its members still meet
    through their other keys. Name blocks of three or more are *narrowed* to their
    contact-similar pairs when no pair there could reach the threshold on the name
    alone (:func:`name_only_ceiling`); ``narrow=False`` compares them all (used by
    tests to show that narrowing changes no result), and narrowed blocks may hold up
    to :data:`MAX_NARROWED_BLOCK` members. Pass the ``weights`` the pairs will be judged
    with: whether narrowing is safe depends on them.

    Narrowing is safe because the evidence a name block's other pairs could still have
    comes through blocks of its own: records of one household are paired by
    ``households`` (household evidence), and records with an equal name and birth date by
    the ``name-birth-date`` block (which also pairs a given name's other forms: see
    :func:`_birth_key`). ``identifiers`` are the pairs of persons sharing a
    ``userMasterIdentifier`` (:class:`~oneroster_identity.match._identifiers.IdentifierIndex`),
    each a candidate. ``counts``, when given, receives the number of new pairs each block
    type contributed (for the benchmarks).
    """
    if narrow is None:
        narrow = name_only_ceiling(weights) < policy.likely_same_threshold
    email_gap_only = phone_typo_needs_email_gap(policy, weights)
    seen: set[tuple[int, int]] = set()

    def tally(block_type: str, before: int) -> None:
        if counts is not None:
            counts[block_type] = counts.get(block_type, 0) + len(seen) - before

    for block_type, key_of in BLOCK_KEYS:
        before = len(seen)
        blocks = shared_keys(block_column(block_type, key_of, reps)).values()
        narrowed = narrow and block_type in NAME_BLOCKS
        for members in blocks:
            size = len(members)
            if size < 2:
                continue
            if narrowed and size > 2:
                if size <= MAX_NARROWED_BLOCK:
                    seen.update(
                        (x, y) if x < y else (y, x)
                        for x, y in _contact_similar(members, reps, email_gap_only=email_gap_only)
                    )
                continue
            if size > policy.max_block_size:
                continue
            for x in range(size):
                for y in range(x + 1, size):
                    seen.add((members[x], members[y]))
        del blocks
        tally(block_type, before)
    before = len(seen)
    for members in shared_keys(_birth_key(f) for f in reps).values():
        if len(members) <= policy.max_block_size:
            seen.update(
                (members[x], members[y])
                for x in range(len(members))
                for y in range(x + 1, len(members))
            )
    tally("name-birth-date", before)
    if households is not None:
        before = len(seen)
        seen.update(_household_pairs(reps, households, policy))
        tally("household", before)
    before = len(seen)
    seen.update(identifiers)
    tally("identifier", before)
    yield from sorted(seen)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _only(families: frozenset[RoleFamily], family: RoleFamily) -> bool:
    return family in families and not families - {family, RoleFamily.UNKNOWN}


COMMON_NAME = 3
"""An exact name held by this many persons or more is common (``common-name``)."""


def common_name_counts(name_keys: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """How many times each name is held, for the names held :data:`COMMON_NAME` times or
    more: the only counts judging reads (a missing name counts 0, as in any Counter).
    Most names of a roster are held once or twice; dropping them keeps a million-record
    count to the few thousand common names."""
    counts = Counter(name_keys)
    return Counter({k: n for k, n in counts.items() if n >= COMMON_NAME})


def pair_levels(
    a: RecordFacts,
    b: RecordFacts,
    *,
    name: NameComparison,
    email: EmailDifference,
    phone: PhoneDifference,
    home_equal: bool,
    staff_guardian: bool,
    name_counts: Counter[tuple[str, str]],
    policy: Policy,
    household: HouseholdRelation | None = None,
    students: bool = False,
    student_name_counts: Counter[tuple[str, str]] | None = None,
    crossed: bool = False,
    same_identifier: bool = False,
) -> tuple[str, ...]:
    """The named comparison levels a pair scores: ``prior``, one ``name:``, ``email:`` and
    ``phone:`` level each, and the adjustments that apply. The score is the sum of their
    weights, so every confidence can be explained level by level.

    ``household`` is the records' relation through children; ``students`` says both are
    student records (then birth date and grade are compared when known);
    ``same_identifier`` that both hold one ``userMasterIdentifier`` that is evidence
    (:class:`~oneroster_identity.match._identifiers.IdentifierIndex`)."""
    levels = ["prior", f"name:{name.kind.value}"]
    in_household = household is not None and household.is_household
    if phone is PhoneDifference.DIFFERENT and in_household:
        levels.append("phone:different-in-household")
    else:
        levels.append(f"phone:{phone.value}")
    if (
        email is EmailDifference.DIFFERENT
        and staff_guardian
        and (EmailFlag.DISTRICT in a.email.flags) != (EmailFlag.DISTRICT in b.email.flags)
    ):
        levels.append("email:work-vs-personal")
    elif email is EmailDifference.DIFFERENT and in_household:
        levels.append("email:different-in-household")
    else:
        levels.append(f"email:{email.value}")
    if household is not None:
        levels.append(f"household:{household.kind}")
    if students:
        born_a, born_b = a.birth_date, b.birth_date
        if born_a is not None and born_b is not None:
            levels.append(
                "birth-date:identical"
                if born_a == born_b
                else BIRTH_DATE_SLIP
                if household is not None and birth_date_slip(born_a, born_b)
                else "birth-date:different"
            )
        # 04, 4 and Grade 4 are one grade (records reach a roster from several forms)
        grades_a = set(map(grade_key, a.user_value("grades")))
        grades_b = set(map(grade_key, b.user_value("grades")))
        if grades_a and grades_b:
            levels.append("grade:identical" if grades_a & grades_b else "grade:different")
        held = (name_counts if student_name_counts is None else student_name_counts)[a.name_key]
        if (household is None or not household.is_household) and held >= COMMON_NAME:
            levels.append("student-common-name")
    if same_identifier:
        levels.append(SAME_IDENTIFIER)
    if home_equal:
        levels.append("home-phone-equal")
    elif crossed:
        levels.append("phone-in-other-column")
    if name.kind.is_equal:
        if name_counts[a.name_key] >= COMMON_NAME:
            levels.append("common-name")
        elif staff_guardian and policy.staff_guardian is StaffGuardianPolicy.MERGE:
            levels.append("staff-guardian-unique-name")
        elif not students:
            levels.append("unique-name")
    return tuple(levels)


_SAME_STUDENT_NAME = frozenset(
    {
        NameDifference.IDENTICAL,
        NameDifference.BENIGN,
        NameDifference.PUNCTUATION,
        NameDifference.WHOLE_NAME,
        NameDifference.DIACRITICS,
    }
)
"""Name differences a student entered twice may carry when no contact value agrees."""


_SAME_DAY_STUDENT_NAME = frozenset(
    {NameDifference.MIDDLE_NAME, NameDifference.SPELLING, NameDifference.NOTE}
)
"""Name differences a student entered twice may carry when both birth dates are equal
(a note beside one record's name, ``Camila "Cami"``, since session 21)."""


def birth_date_slip(a: dt.date, b: dt.date) -> bool:
    """Whether two different dates are one date typed with one slip: the day and the
    month swapped (03/04 for 04/03), or one of year, month and day written with one digit
    changed or its two digits swapped (2015/2016, 04/14, 12/21), the rest equal.

    >>> birth_date_slip(dt.date(2015, 3, 4), dt.date(2015, 4, 3))
    True
    >>> birth_date_slip(dt.date(2015, 3, 4), dt.date(2016, 3, 4))
    True
    >>> birth_date_slip(dt.date(2015, 3, 4), dt.date(2016, 3, 5))
    False
    """
    if a == b:
        return False
    if a.year == b.year and (a.month, a.day) == (b.day, b.month):
        return True
    written_a = (f"{a.year:04d}", f"{a.month:02d}", f"{a.day:02d}")
    written_b = (f"{b.year:04d}", f"{b.month:02d}", f"{b.day:02d}")
    differing = [(x, y) for x, y in zip(written_a, written_b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    return is_typing_slip(*differing[0])


def _born_same_day(a: RecordFacts, b: RecordFacts) -> bool:
    """Both birth dates known and equal (a stand-in date is no birth date in the facts:
    :func:`~oneroster_identity.match._records.is_stand_in_birth_date`)."""
    return a.birth_date is not None and a.birth_date == b.birth_date


_OTHER_NUMBER = frozenset({PhoneDifference.DIFFERENT, PhoneDifference.TYPO})
"""Phone differences that, beside a doubtful name, say another person's number."""

_NO_CONTACT: frozenset[object] = frozenset(
    {
        EmailDifference.DIFFERENT,
        EmailDifference.MISSING,
        PhoneDifference.DIFFERENT,
        PhoneDifference.MISSING,
    }
)


def judge(
    a_index: int,
    b_index: int,
    a: RecordFacts,
    b: RecordFacts,
    *,
    name_counts: Counter[tuple[str, str]],
    families: tuple[frozenset[RoleFamily], frozenset[RoleFamily]],
    policy: Policy,
    weights: Weights = DEFAULT_WEIGHTS,
    household: HouseholdRelation | None = None,
    parent_child: bool = False,
    student_name_counts: Counter[tuple[str, str]] | None = None,
    same_identifier: bool = False,
) -> PairVerdict:
    """Compare two persons field by field and score how likely they are one person.

    ``household`` is how they are related through children (see
    :class:`~oneroster_identity.match._household.HouseholdIndex`), ``parent_child`` whether
    one is a guardian of the other (never the same person), ``same_identifier`` whether
    both hold one ``userMasterIdentifier`` that is evidence of one person.
    """
    name = compare_names(a.name, b.name, policy=policy)
    email = compare_emails(a.email, b.email, policy=policy)
    phone = compare_phones(a.phone, b.phone, policy=policy)
    home_equal = a.home_phone.usable and a.home_phone.key == b.home_phone.key
    crossed = not phone.is_equal and phone_in_other_column(a, b)
    fa, fb = families
    staff_guardian = (_only(fa, RoleFamily.STAFF) and _only(fb, RoleFamily.GUARDIAN)) or (
        _only(fb, RoleFamily.STAFF) and _only(fa, RoleFamily.GUARDIAN)
    )
    students = _only(fa, RoleFamily.STUDENT) and _only(fb, RoleFamily.STUDENT)
    # A student record and an adult's are never advised into one account: the app would
    # merge the child into the adult's (the `student-merged-with-adult` error when it
    # already does). Unlinked, a child's record carrying a parent's contacts and a name
    # like the parent's (Maria Jose beside Maria, a Jr.) is the child, not a slip.
    student_and_adult = (_only(fa, RoleFamily.STUDENT) and RoleFamily.STUDENT not in fb) or (
        _only(fb, RoleFamily.STUDENT) and RoleFamily.STUDENT not in fa
    )
    levels = pair_levels(
        a,
        b,
        name=name,
        email=email,
        phone=phone,
        home_equal=home_equal,
        staff_guardian=staff_guardian,
        name_counts=name_counts,
        policy=policy,
        household=household,
        students=students,
        student_name_counts=student_name_counts,
        crossed=crossed,
        same_identifier=same_identifier,
    )
    score = weights.score(levels)
    confidence = round(_sigmoid(score), 3)
    # Two student records rest on their name, birth date, grade and guardians: siblings
    # and twins have other given names, so only an equal name (up to punctuation and
    # accents) can be one child entered twice, unless a contact value agrees. Siblings
    # carry their family's email and phone, though, so an agreeing contact says one
    # household, not one child: it excuses no other short given name (twins Ana and Ava)
    # and no other recorded sex. A middle name (or its initial) typed into one record's
    # given-name field (Camila, Camila R.), one name spelled two ways (Sofia, Sophia) or
    # one name with a note beside it (Camila "Cami") is one child when both birth dates
    # are known and equal: twins never share a name. A state ID both records hold is the
    # child's own, as an agreeing contact is not: any related name then (Alejandro, Alex),
    # but, as with a contact, never another short given name or another recorded sex (a
    # twin registered by copying the other's record keeps the copied ID).
    name_ok = (
        not students
        or name.kind in _SAME_STUDENT_NAME
        or (
            (name.kind in _SAME_DAY_STUDENT_NAME or suffix_dropped(a.name, b.name))
            and _born_same_day(a, b)
        )
        or (
            (email.is_equal or phone.is_equal or same_identifier)
            and not _another_given_name(a, b, name, short=False)
            and not _other_sex(a.user_value("sex"), b.user_value("sex"))
        )
    )
    # One child's records noting two relatives beside one name (Maria (Mom), Maria
    # (Grandma)) are two people: a child's mother is not its grandmother. A mother and a
    # grandmother of one name often share the family's email and phone. A woman's
    # relation and a man's (Chris (Mom), Chris (Dad)) are two people on any records.
    if kinships_of_other_sexes(a.name, b.name) or (
        household is not None and household.kind == SAME_STUDENT and kinships_differ(a.name, b.name)
    ):
        name_ok = False
    # When a household link and the name are all there is (every contact differs or is
    # missing), a one-letter change to a short given name is more often another person
    # (Mark/Mary, Andrew/André) than a typo, unless it swaps two letters (Mray/Mary).
    # So too when a contact agrees but another differs, with a household link or none:
    # co-parents often share the family's email and keep their own phones, so the
    # agreeing value may be the household's, not the person's (and a per-child export
    # may list each parent on one child only, leaving no link between them).
    # (A staff record's district address beside a personal one is how one staff member's
    # two records look, not a differing contact. A phone a digit off is another number
    # here: a family plan's numbers are often consecutive, and a slip in the name and
    # another in the phone would be two slips on one form.)
    no_contact = email in _NO_CONTACT and phone in _NO_CONTACT and not crossed
    differs = (
        email is EmailDifference.DIFFERENT and "email:work-vs-personal" not in levels
    ) or phone in _OTHER_NUMBER
    name_only = (household is not None and no_contact) or differs
    # Likewise a generational suffix on one record only (Robert Ng, Robert Ng Jr.): with
    # nothing but the child in common, a father and a son as often as one person.
    if name_only and (
        _another_given_name(a, b, name, short=True)
        # (two student records are never a father's and a son's)
        or (not students and generation_suffixes(a.name) != generation_suffixes(b.name))
    ):
        name_ok = False
    # A given name that names two people (John & Mary) is either of them, and the couple
    # record's contacts are as often the other spouse's (or the family's): beside one of
    # them's own record, only contacts in common (or nearly) with none differing say
    # whose record it is, never the name.
    if ((no_contact and not home_equal) or differs) and names_two_people(
        a.name.given
    ) != names_two_people(b.name.given):
        name_ok = False
    one_person = (
        confidence >= policy.likely_same_threshold
        and name.kind is not NameDifference.DIFFERENT
        and name_ok
        and not parent_child
        and not student_and_adult
    )
    kept_apart = (
        one_person and staff_guardian and policy.staff_guardian is StaffGuardianPolicy.SEPARATE
    )
    likely = one_person and not kept_apart
    return PairVerdict(
        a=a_index,
        b=b_index,
        name=name,
        email=email,
        phone=phone,
        home_phone_equal=home_equal,
        score=score,
        confidence=confidence,
        likely_same=likely,
        parent_child=parent_child,
        staff_guardian=staff_guardian,
        household=household,
        levels=levels,
        kept_apart=kept_apart,
    )


def _another_given_name(
    a: RecordFacts, b: RecordFacts, name: NameComparison, *, short: bool
) -> bool:
    """Whether the given names differ by letters changed, added or dropped rather than two
    swapped (Mray/Mary, the typing slip): often another person's name (Mark/Mary, Ana/Ava,
    Antonio/Antonia). With ``short``, only names under seven letters count, where such a
    neighbour is likeliest."""
    if name.given is not NameDifference.TYPO:
        return False
    ga, gb = _loose_part(a.name_key[0]), _loose_part(b.name_key[0])
    return (not short or min(len(ga), len(gb)) < 7) and not is_transposition(ga, gb)


def _other_sex(a: str, b: str) -> bool:
    """Whether two records state different sexes (:func:`normalize.stated_sex`; other and
    unspecified values state nothing): never one child."""
    x, y = stated_sex(a), stated_sex(b)
    return bool(x and y and x != y)


def phone_in_other_column(a: RecordFacts, b: RecordFacts) -> bool:
    """Whether one record's identity phone is the other's home phone (``sms`` on one
    record, ``phone`` on the other: the two columns swapped on one form)."""
    return (a.phone.usable and a.phone.key == b.home_phone.key) or (
        b.phone.usable and b.phone.key == a.home_phone.key
    )


def _email_evidence(v: PairVerdict, a: RecordFacts, b: RecordFacts) -> FieldEvidence:
    """The email comparison; for an address one record holds in a phone column
    (:func:`~oneroster_identity.match._contacts.email_in_phone_column`), that column's
    value beside the other's email (field ``email/sms`` or ``sms/email``), and for one
    in its username, the username beside it (``username/email``, kind ``in-username``)."""
    ids = (a.sourced_id, b.sourced_id)
    if v.email is EmailDifference.REPAIRED:
        named_a, named_b = _in_username(a), _in_username(b)
        if named_a != named_b:
            return FieldEvidence(
                field="username/email" if named_a else "email/username",
                kind="in-username",
                sourced_ids=ids,
                values=(a.email.repaired or "", b.email.raw)
                if named_a
                else (a.email.raw, b.email.repaired or ""),
            )
        moved_a, moved_b = moved_email_column(a), moved_email_column(b)
        if moved_b is not None and moved_a is None:
            return FieldEvidence(
                field=f"email/{moved_b}",
                kind="in-phone-column",
                sourced_ids=ids,
                values=(a.email.raw, _column_value(b, moved_b)),
            )
        if moved_a is not None and moved_b is None:
            return FieldEvidence(
                field=f"{moved_a}/email",
                kind="in-phone-column",
                sourced_ids=ids,
                values=(_column_value(a, moved_a), b.email.raw),
            )
    return FieldEvidence(
        field="email", kind=v.email.value, sourced_ids=ids, values=(a.email.raw, b.email.raw)
    )


def _in_username(f: RecordFacts) -> bool:
    return f.email.repair is not None and f.email.repair.rule == IN_USERNAME


def _column_value(f: RecordFacts, column: str) -> str:
    return f.phone.raw if column == f.phone_field else f.home_phone.raw


def pair_evidence(v: PairVerdict, a: RecordFacts, b: RecordFacts) -> tuple[FieldEvidence, ...]:
    """Per-field evidence of a judged pair: equal, or different and how."""
    ids = (a.sourced_id, b.sourced_id)
    items = [
        FieldEvidence(
            field="givenName",
            kind=v.name.given.value,
            sourced_ids=ids,
            values=(a.name.given, b.name.given),
        ),
        FieldEvidence(
            field="familyName",
            kind=v.name.family.value,
            sourced_ids=ids,
            values=(a.name.family, b.name.family),
        ),
        _email_evidence(v, a, b),
        FieldEvidence(
            field=a.phone_field,
            kind=v.phone.value,
            sourced_ids=ids,
            values=(a.phone.raw, b.phone.raw),
        ),
    ]
    if v.name.kind.value == "swapped":
        items.insert(
            0,
            FieldEvidence(
                field="name",
                kind="swapped",
                sourced_ids=ids,
                values=(a.name.given + " " + a.name.family, b.name.given + " " + b.name.family),
            ),
        )
    if v.home_phone_equal:
        items.append(
            FieldEvidence(
                field="phone",
                kind="identical",
                sourced_ids=ids,
                values=(a.home_phone.raw, b.home_phone.raw),
            )
        )
    elif "phone-in-other-column" in v.levels:
        a_first = a.phone.usable and a.phone.key == b.home_phone.key
        items.append(
            FieldEvidence(
                field=f"{a.phone_field}/phone" if a_first else f"phone/{b.phone_field}",
                kind="in-other-column",
                sourced_ids=ids,
                values=(a.phone.raw, b.home_phone.raw)
                if a_first
                else (a.home_phone.raw, b.phone.raw),
            )
        )
    if v.household is not None:
        via = v.household.via
        per_side = v.household.kind in ("sibling-students", "guardian-names") and len(via) == 2
        shown = (via[0], via[1]) if per_side else (", ".join(via), ", ".join(via))
        items.append(
            FieldEvidence(
                field="agentSourcedIds", kind=v.household.kind, sourced_ids=ids, values=shown
            )
        )
    for level in v.levels:
        if level == SAME_IDENTIFIER:
            items.append(
                FieldEvidence(
                    field="userMasterIdentifier",
                    kind="same-identifier",
                    sourced_ids=ids,
                    values=(
                        a.user_value("user_master_identifier"),
                        b.user_value("user_master_identifier"),
                    ),
                )
            )
        elif level.startswith("birth-date:"):
            born = (a.birth_date, b.birth_date)
            items.append(
                FieldEvidence(
                    field="birthDate",
                    kind=level.partition(":")[2],
                    sourced_ids=ids,
                    values=(str(born[0]), str(born[1])),
                )
            )
        elif level.startswith("grade:"):
            items.append(
                FieldEvidence(
                    field="grades",
                    kind=level.partition(":")[2],
                    sourced_ids=ids,
                    values=(",".join(a.user_value("grades")), ",".join(b.user_value("grades"))),
                )
            )
    return tuple(items)

"""The field-by-field verdict on each candidate pair, and the evidence it rests on.

:func:`judge` compares two persons' representative records (names, emails, SMS and home
phones, household links, birth dates and grades of students, a shared state ID), scores
the comparison levels with the :class:`~oneroster_identity.match._weights.Weights`, and
applies the rules no weight expresses: siblings and twins are not one child, a parent and
a child are not one person, a student and an adult are never advised into one account, a
given name changed by a letter beside nothing else in common is another person's.
:func:`pair_evidence` says, field by field, what a verdict rests on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from typing import TypeVar

import attrs
from rapidfuzz.distance import OSA

from oneroster_identity.match._blocking import loose_part
from oneroster_identity.match._contacts import IN_USERNAME, moved_email_column, office_address
from oneroster_identity.match._household import SAME_STUDENT, HouseholdRelation
from oneroster_identity.match._lines import NO_LINES, Lines
from oneroster_identity.match._model import FieldEvidence
from oneroster_identity.match._records import RecordFacts, only_family
from oneroster_identity.match._weights import (
    BIRTH_DATE_SLIP,
    DEFAULT_WEIGHTS,
    GRADE_BORN_SAME_DAY,
    SAME_IDENTIFIER,
    STUDENT_NAME_FORM,
    TYPO_TWO_NAMES,
    Weights,
    sigmoid,
)
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
    couples_name,
    generations_differ,
    grade_key,
    is_blank_name,
    kinships_differ,
    kinships_of_other_sexes,
    loose_name,
    stated_sex,
    suffix_dropped,
)
from oneroster_identity.normalize._nicknames import known_given_name
from oneroster_identity.normalize._text import is_transposition, is_typing_slip
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = [
    "COMMON_NAME",
    "PairVerdict",
    "birth_date_slip",
    "common_name_counts",
    "common_name_years",
    "judge",
    "pair_evidence",
    "pair_levels",
    "phone_in_other_column",
]


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
    email_line: bool = False
    """The records' equal email is a line many unrelated people hold (an office's: see
    :mod:`~oneroster_identity.match._lines`), or since session 68 an office's or a role's
    mailbox at the district however few hold it: no credential of their own in common."""
    phone_line: bool = False
    """The same for their equal SMS phone."""


COMMON_NAME = 3
"""An exact name held by this many persons or more is common (``common-name``)."""


def common_name_counts(name_keys: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """How many times each name is held, for the names held :data:`COMMON_NAME` times or
    more: the only counts judging reads (a missing name counts 0, as in any Counter).
    Most names of a roster are held once or twice; dropping them keeps a million-record
    count to the few thousand common names."""
    counts = Counter(name_keys)
    return Counter({k: n for k, n in counts.items() if n >= COMMON_NAME})


NameYear = tuple[tuple[str, str], int]
"""A student's name key and birth year."""

_K = TypeVar("_K", tuple[str, str], NameYear)


def common_name_years(
    students: Iterable[RecordFacts], common: Container[tuple[str, str]]
) -> Counter[NameYear]:
    """How many students of each ``common`` name (the names :data:`COMMON_NAME` students or
    more hold) were born in each year, for the (name, year) held :data:`COMMON_NAME` times
    or more: the namesakes that could share a birth date by chance
    (``student-common-name``). Students without a known birth date are not counted."""
    counts = Counter(
        (f.name_key, f.birth_date.year)
        for f in students
        if f.birth_date is not None and f.name_key in common
    )
    return Counter({k: n for k, n in counts.items() if n >= COMMON_NAME})


def _either_common(counts: Mapping[_K, int], a: _K, b: _K) -> bool:
    """Whether either of two records' keys (a name, or a name and a birth year) is held
    :data:`COMMON_NAME` times or more (``counts``)."""
    return counts.get(a, 0) >= COMMON_NAME or (b != a and counts.get(b, 0) >= COMMON_NAME)


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
    student_name_years: Counter[NameYear] | None = None,
    guardians_alike: bool = False,
    crossed: bool = False,
    same_identifier: bool = False,
) -> tuple[str, ...]:
    """The named comparison levels a pair scores: ``prior``, one ``name:``, ``email:`` and
    ``phone:`` level each, and the adjustments that apply. The score is the sum of their
    weights, so every confidence can be explained level by level.

    ``household`` is the records' relation through children; ``students`` says both are
    student records (then birth date and grade are compared when known);
    ``same_identifier`` that both hold one ``userMasterIdentifier`` that is evidence
    (:class:`~oneroster_identity.match._identifiers.IdentifierIndex`);
    ``student_name_counts`` and ``student_name_years`` count the students of a name
    (:func:`common_name_counts`, :func:`common_name_years`) for ``student-common-name``;
    ``guardians_alike`` says a guardian of each student record carries one name (common
    names included: :meth:`HouseholdIndex.guardian_names_alike`), when the years count."""
    levels = ["prior", f"name:{name.kind.value}"]
    if (
        name.kind is NameDifference.TYPO
        and name.given is NameDifference.TYPO
        and two_given_names(a.name.given, b.name.given)
    ):
        levels.append(TYPO_TWO_NAMES)
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
            levels.append(
                "grade:identical"
                if grades_a & grades_b
                else GRADE_BORN_SAME_DAY
                if born_a is not None and born_a == born_b
                else "grade:different"
            )
        if household is not None and name.kind in _STUDENT_NAME_FORMS:
            levels.append(STUDENT_NAME_FORM)
        # either record's name: a child's two family names on one record and one on the
        # other (Sofia Garcia Lopez, Sofia Garcia) meet the namesakes of the shorter name
        held = name_counts if student_name_counts is None else student_name_counts
        common = _either_common(held, a.name_key, b.name_key)
        if (
            common
            and guardians_alike
            and student_name_years is not None
            and born_a is not None
            and born_a == born_b
        ):
            # Only namesakes born in that year could share the date by chance: a name
            # many students hold across the grades is no common name in a year where
            # these two records alone hold it, when their guardians carry one name too
            # (a family typed again; since session 36). Two families who agree on
            # nothing are as often two namesakes born the same day.
            year = born_a.year
            common = _either_common(student_name_years, (a.name_key, year), (b.name_key, year))
        if (household is None or not household.is_household) and common:
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
        NameDifference.GARBLED,
        NameDifference.PUNCTUATION,
        NameDifference.SUFFIX,
        NameDifference.WHOLE_NAME,
        NameDifference.DIACRITICS,
        NameDifference.ABBREVIATION,
        NameDifference.ONE_NAME,
        NameDifference.SECOND_SCRIPT,
    }
)
"""Name differences a student entered twice may carry when no contact value agrees (an
abbreviation written out on one record, ``St. Pierre`` and ``Saint-Pierre``, since session
31: one name, as one punctuated otherwise is; a child of one name written by two
conventions, ``FNU`` / ``Ali`` and ``Ali`` / ``FNU``, since session 37; one record holding
the name in a second script too, ``Yuki 由紀`` and ``Yuki``, since session 57)."""


_STUDENT_NAME_FORMS = frozenset(
    {
        NameDifference.PUNCTUATION,
        NameDifference.SUFFIX,
        NameDifference.DIACRITICS,
        NameDifference.ABBREVIATION,
        NameDifference.WHOLE_NAME,
        NameDifference.ONE_NAME,
        NameDifference.SECOND_SCRIPT,
    }
)
"""Name differences that are one name written otherwise and weigh less than an identical
name (invisible or look-alike characters weigh as much already): two student records of
one household so named score as an identical name does (``student-name-form``)."""


_SAME_DAY_STUDENT_NAME = frozenset(
    {
        NameDifference.MIDDLE_NAME,
        NameDifference.NUMBER,
        NameDifference.SPELLING,
        NameDifference.NOTE,
        NameDifference.COMPOUND_SURNAME,
        NameDifference.PREFERRED_NAME,
        NameDifference.SWAPPED,
    }
)
"""Name differences a student entered twice may carry when both birth dates are equal
(a note beside one record's name, ``Camila "Cami"``, since session 21; both family names
on one record and one on the other, ``Cruz Lopez`` and ``Cruz``, since session 31: one
school's form asks for both, another's has room for one; one record's given name the
other's ``preferredGivenName``, ``Liam`` beside ``William`` going by ``Liam``, since
session 34: the record itself says the child goes by it; the given and family names
swapped, ``Nguyen`` / ``Lan`` beside ``Lan`` / ``Nguyen``, since session 34: a form
written family name first, and no two children's names are one another's swapped; a
number typed into one record's name, ``Leo 2``, which until session 42 read as a middle
name)."""


def two_given_names(a: str, b: str) -> bool:
    """Whether two given names a typo apart are more likely two names than one name typed
    with a slip: each a given name of the bundled tables one letter apart (``Ana`` and
    ``Ava``, ``Mario`` and ``Marco``), or two edits apart (``Carolyn`` and ``Marilyn``,
    a long name's two letters changed, ``Hurdait`` and ``Hundfit``). A slip changes one
    letter or swaps two, and seldom lands on another real name
    (:attr:`~oneroster_identity.match.Weights.typo_two_names`). Two letters swapped are
    the slip itself, real name or not: ``Jhon`` beside ``John`` (the tables list ``Jhon``
    so that it is never rewritten) under one child is one man typed twice.

    >>> two_given_names("Carolyn", "Marilyn"), two_given_names("Hurdait", "Hundfit")
    (True, True)
    >>> two_given_names("Mraia", "Maria"), two_given_names("Jhon", "John")
    (False, False)
    """
    wa, wb = loose_name(a), loose_name(b)
    if OSA.distance(wa, wb, score_cutoff=2) >= 2:
        return True
    return known_given_name(wa) and known_given_name(wb) and not is_transposition(wa, wb)


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
    student_name_years: Counter[NameYear] | None = None,
    guardians_alike: bool = False,
    same_identifier: bool = False,
    lines: Lines = NO_LINES,
) -> PairVerdict:
    """Compare two persons field by field and score how likely they are one person.

    ``household`` is how they are related through children (see
    :class:`~oneroster_identity.match._household.HouseholdIndex`), ``parent_child`` whether
    one is a guardian of the other (never the same person), ``same_identifier`` whether
    both hold one ``userMasterIdentifier`` that is evidence of one person. An email or
    phone the records share that is one of ``lines`` (many unrelated people hold it:
    :mod:`~oneroster_identity.match._lines`) is weighed, and excuses names, as a value
    neither record has; the verdict still says it is equal, as the app sees it. So is an
    office's or a role's mailbox at the district (``frontoffice@``:
    :func:`~oneroster_identity.match._contacts.office_address`), since session 68.
    """
    name = compare_names(a.name, b.name, policy=policy)
    seen_email = email = compare_emails(a.email, b.email, policy=policy)
    seen_phone = phone = compare_phones(a.phone, b.phone, policy=policy)
    if email.is_equal and (a.email.key in lines.email or office_address(a.email)):
        # (an office's or a role's mailbox at the district, `frontoffice@`, is no one's
        # own address, however few hold it: since session 68, two staff records of
        # close names on it were one person, and the fix list typed one's name into
        # the other's record)
        email = EmailDifference.MISSING
    if phone.is_equal and a.phone.key in lines.phone:
        phone = PhoneDifference.MISSING
    home_equal = a.home_phone.usable and a.home_phone.key == b.home_phone.key
    crossed = not phone.is_equal and phone_in_other_column(a, b)
    fa, fb = families
    staff_guardian = (
        only_family(fa, RoleFamily.STAFF) and only_family(fb, RoleFamily.GUARDIAN)
    ) or (only_family(fb, RoleFamily.STAFF) and only_family(fa, RoleFamily.GUARDIAN))
    students = only_family(fa, RoleFamily.STUDENT) and only_family(fb, RoleFamily.STUDENT)
    # A student record and an adult's are never advised into one account: the app would
    # merge the child into the adult's (the `student-merged-with-adult` error when it
    # already does). Unlinked, a child's record carrying a parent's contacts and a name
    # like the parent's (Maria Jose beside Maria, a Jr.) is the child, not a slip.
    student_and_adult = (only_family(fa, RoleFamily.STUDENT) and RoleFamily.STUDENT not in fb) or (
        only_family(fb, RoleFamily.STUDENT) and RoleFamily.STUDENT not in fa
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
        student_name_years=student_name_years,
        guardians_alike=guardians_alike,
        crossed=crossed,
        same_identifier=same_identifier,
    )
    score = weights.score(levels)
    confidence = round(sigmoid(score), 3)
    # Two student records rest on their name, birth date, grade and guardians: siblings
    # and twins have other given names, so only an equal name (up to punctuation and
    # accents) can be one child entered twice, unless a contact value agrees. Siblings
    # carry their family's email and phone, though, so an agreeing contact says one
    # household, not one child: it excuses no other short given name (twins Ana and Ava)
    # and no other recorded sex. A middle name (or its initial) typed into one record's
    # given-name field (Camila, Camila R.), one name spelled two ways (Sofia, Sophia) or
    # one name with a note beside it (Camila "Cami") is one child when both birth dates
    # are known and equal and demographics records no other sex: twins never share a
    # name (a girl's María José and a boy's José are two). A state ID both records hold is the
    # child's own, as an agreeing contact is not: any related name then (Alejandro, Alex),
    # but, as with a contact, never another short given name or another recorded sex (a
    # twin registered by copying the other's record keeps the copied ID).
    name_ok = (
        not students
        or name.kind in _SAME_STUDENT_NAME
        or (
            (name.kind in _SAME_DAY_STUDENT_NAME or suffix_dropped(a.name, b.name))
            and _born_same_day(a, b)
            # (a girl's María José and a boy's José are two children, twins or not)
            and not _other_sex(a.user_value("sex"), b.user_value("sex"))
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
    # A guardian record with no given name beside another guardian of the same child: it is
    # that guardian typed again, or the child's other guardian with the name left out,
    # and the family's email and phone, which co-parents share, cannot tell which (as a
    # role word for the name cannot, `Dad`; since session 37: before, the pair was one
    # person and the fix typed the other guardian's given name on the record).
    if (
        household is not None
        and household.kind == SAME_STUDENT
        and not students
        and name.given is NameDifference.MISSING
        and is_blank_name(a.name.given) != is_blank_name(b.name.given)
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
        or (not students and generations_differ(a.name, b.name))
    ):
        name_ok = False
    # A given name that names two people (John & Mary) is either of them, and the couple
    # record's contacts are as often the other spouse's (or the family's): beside one of
    # them's own record, only contacts in common (or nearly) with none differing say
    # whose record it is, never the name.
    # (and since session 51 a couple's names in the family name, `Maria` / `Garcia & Jose
    # Lopez`)
    if ((no_contact and not home_equal) or differs) and couples_name(a.name) != couples_name(
        b.name
    ):
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
        email=seen_email,
        phone=seen_phone,
        home_phone_equal=home_equal,
        score=score,
        confidence=confidence,
        likely_same=likely,
        parent_child=parent_child,
        staff_guardian=staff_guardian,
        household=household,
        levels=levels,
        kept_apart=kept_apart,
        email_line=email is not seen_email,
        phone_line=phone is not seen_phone,
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
    ga, gb = loose_part(a.name_key[0]), loose_part(b.name_key[0])
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
                    kind="identical" if level == "grade:identical" else "different",
                    sourced_ids=ids,
                    values=(",".join(a.user_value("grades")), ",".join(b.user_value("grades"))),
                )
            )
    return tuple(items)

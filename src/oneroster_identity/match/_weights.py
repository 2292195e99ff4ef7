"""The comparison levels' weights: how much each level of a pair's comparison says.

A pair's score is a sum of per-field log-odds weights (Fellegi-Sunter style, in the
spirit of Splink's comparison levels): a prior, one weight for how the names compare, one
for the emails, one for the SMS phones, and adjustments (a household link, a birth date,
a common name). Its confidence is the score's logistic function, so every confidence can be
explained level by level (docs/matching.md). The defaults are fitted by
``benchmarks/calibrate.py``; a caller may pass others to ``match``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cached_property

import attrs

from oneroster_identity.normalize import EmailDifference, NameDifference, PhoneDifference

__all__ = [
    "BIRTH_DATE_SLIP",
    "DEFAULT_WEIGHTS",
    "SAME_IDENTIFIER",
    "STUDENT_NAME_FORM",
    "TYPO_TWO_NAMES",
    "Weights",
    "sigmoid",
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
            NameDifference.GARBLED: 4.0,
            NameDifference.PUNCTUATION: 3.5,
            NameDifference.SUFFIX: 3.5,
            NameDifference.WHOLE_NAME: 3.5,
            NameDifference.TITLE: 3.5,
            NameDifference.NOTE: 3.5,
            NameDifference.SECOND_SCRIPT: 3.5,
            NameDifference.ABBREVIATION: 3.5,
            NameDifference.DIACRITICS: 3.49,
            NameDifference.PREFERRED_NAME: 3.0,
            NameDifference.NICKNAME: 3.0,
            NameDifference.SPELLING: 3.0,
            NameDifference.MIDDLE_NAME: 3.36,
            NameDifference.NUMBER: 3.36,
            NameDifference.COUPLE: 3.36,
            NameDifference.ONE_NAME: 3.5,
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
            EmailDifference.SAME_MAILBOX: 6.45,
            EmailDifference.REPAIRED: 6.45,
            EmailDifference.DOMAIN_TYPO: 6.45,
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
            PhoneDifference.REPAIRED: 5.2,
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
    """Two student records in different grades: children of one name in a district are
    mostly in other grades, one child's two records mostly in one."""
    grade_different_born_same_day: float = 0.0
    """Two student records in different grades whose birth dates are known and equal: the
    birth date says the grade, so the grades add nothing either way. One child's second
    record left at last year's grade (a stale record, a re-enrolment under a new record)
    is as likely as two children born the same day a grade apart (a child held back or
    moved ahead). Before session 34 the -2.0 of :attr:`grade_different` counted again
    what the birth date had said, and an unlinked child entered twice under a name no one
    else holds, born the same day, a grade apart, scored 0.46 and was never reported.
    Hand-set: the generator plants no such pair."""
    student_name_form: float = 0.5
    """Two student records of one household whose names are one name written otherwise
    (accents, punctuation or spacing, an abbreviation written out, the whole name in one
    field): brings the name's weight to an identical name's, since a household's children
    never differ so (twins have other names). Without birth dates such a pair scored below
    an exact copy's 0.58 (``José`` and ``Jose`` under one guardian 0.46) and was never
    reported. Hand-set: the generator plants students entered twice with a middle name or
    another spelling, not these."""
    student_common_name: float = -5.0
    """Two student records with no guardian in common, whose name three or more records
    hold: namesakes in a district share birthdays by chance (a dozen Sofia Garcias in one
    grade give a shared birth date about once in three names), so name and birth date
    alone are not enough there. When the two birth dates are one and the records' guardians
    carry one name, only the namesakes born in that year count (since session 36): no
    other could share the date."""
    typo_two_names: float = -2.5
    """Added to ``name:typo`` when the two given names are each a given name of the
    bundled tables a letter apart (``Ana`` and ``Ava``, ``Mario`` and ``Marco``; two
    letters swapped, ``Jhon`` and ``John``, are the slip itself) or two edits apart
    (``Carolyn`` and ``Marilyn``, ``Hurdait`` and ``Hundfit``): a typing slip changes one
    letter or swaps two, and seldom lands on another real name, while two people of one
    family, co-parents or a mother and a grandmother, are often named so. Brings the typo
    to about a missing name's weight (2.72 - 2.5). Hand-set since session 35: the generator
    plants its typos as one swap of two letters of one person's name, and 0.72 joined
    two co-parents named two edits apart on the 150k roster, its fixes renaming one of
    them after the other."""
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
            GRADE_BORN_SAME_DAY: self.grade_different_born_same_day,
            "student-common-name": self.student_common_name,
            STUDENT_NAME_FORM: self.student_name_form,
            SAME_IDENTIFIER: self.same_identifier,
            TYPO_TWO_NAMES: self.typo_two_names,
        }[level]

    def levels(self) -> dict[str, float]:
        """Every named level and its weight (what ``benchmarks/calibrate.py`` fits)."""
        names = ["prior"]
        names += [f"name:{k.value}" for k in NameDifference]
        names += [f"email:{k.value}" for k in EmailDifference] + ["email:work-vs-personal"]
        names += [f"phone:{k.value}" for k in PhoneDifference]
        names += ["home-phone-equal", "phone-in-other-column", "common-name"]
        names += ["staff-guardian-unique-name", "unique-name"]
        names += [*_HOUSEHOLD_LEVELS, SAME_IDENTIFIER, TYPO_TWO_NAMES]
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
            grade_different_born_same_day=merged[GRADE_BORN_SAME_DAY],
            student_common_name=merged["student-common-name"],
            student_name_form=merged[STUDENT_NAME_FORM],
            same_identifier=merged[SAME_IDENTIFIER],
            typo_two_names=merged[TYPO_TWO_NAMES],
        )


SAME_IDENTIFIER = "identifier:identical"
"""The level of two records holding one ``userMasterIdentifier`` that is evidence."""

TYPO_TWO_NAMES = "typo-two-names"
"""The level added to a given-name typo between two real names, or two edits apart
(:attr:`Weights.typo_two_names`)."""

BIRTH_DATE_SLIP = "birth-date:slip"
"""The level of two student records of one household born a typing slip apart."""

GRADE_BORN_SAME_DAY = "grade:different-born-same-day"
"""The level of two student records in different grades, born the same day
(:attr:`Weights.grade_different_born_same_day`)."""

STUDENT_NAME_FORM = "student-name-form"
"""The level of two student records of one household whose names are one name written
otherwise (:attr:`Weights.student_name_form`)."""

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
    GRADE_BORN_SAME_DAY,
    "student-common-name",
    STUDENT_NAME_FORM,
)
_EXTRA_KINDS = frozenset({"different-in-household"})

DEFAULT_WEIGHTS = Weights()


def sigmoid(x: float) -> float:
    """The confidence of a score (its logistic function)."""
    return 1.0 / (1.0 + math.exp(-x))

"""A staff member and a guardian of one name with no credential in common.

The app's guidance names this split first: a teacher who is a parent, the staff (HR)
record on the work address with no cell number or the school's line, the guardian record
on a personal address and a cell. The name is then all the roster has, and the judge keeps
such a pair below a likely-same item, because a likely-same item carries fixes, and two
different people of one name given one email would be one account (a stranger reading a
child's messages). Before this finding nothing in the report named the pair.

This pass lists them for someone who knows the staff (HR, the school office) to confirm,
and suggests no value: which email and phone the records share is the district's choice,
and two people of one name, or a staff member the district keeps on two accounts, need
nothing. :mod:`._staff_forms` lists the same split when the names are one name written
two ways (``Elizabeth`` and ``Liz``, ``José`` and ``Jose``). It reads what the run has built already, never every record again: the verdicts
on the pairs the name blocks offered (a name two persons hold), the likely-same clusters
(a parent typed once per child with another number on each, one item of two persons, is
one holder of the name) and the judge's count of every name held three times or more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._contacts import office_address
from oneroster_identity.match._keep import ABOVE_SCHOOL
from oneroster_identity.match._lines import NO_LINES, Lines
from oneroster_identity.match._model import Finding
from oneroster_identity.match._pairs import PairVerdict, phone_in_other_column
from oneroster_identity.match._persons import Persons
from oneroster_identity.match._records import GUARDIAN_ONLY, STAFF_ONLY, RecordFacts
from oneroster_identity.models import Roster
from oneroster_identity.normalize import (
    EmailDifference,
    PhoneDifference,
    compare_emails,
    compare_phones,
    is_role_word_name,
)
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = [
    "SHARED_EMAIL",
    "SHARED_PHONE",
    "STAFF_GUARDIAN_SAME_NAME",
    "PairWords",
    "SharedSchool",
    "also_alike",
    "common_words",
    "name_only_pair",
    "no_credential_shared",
    "pair_words",
    "school_words",
    "shares_no_credential",
    "staff_guardian_name_only",
]

STAFF_GUARDIAN_SAME_NAME = "staff-guardian-same-name"
"""The warning of :func:`staff_guardian_name_only`."""

_UNIQUE_NAME = "staff-guardian-unique-name"
"""The judge's level of a staff-guardian pair whose name no third person holds."""

SHARED_EMAIL = frozenset(
    {
        EmailDifference.IDENTICAL,
        EmailDifference.BENIGN,
        EmailDifference.FORMATTING,
        EmailDifference.SAME_MAILBOX,
        EmailDifference.REPAIRED,
    }
)
"""Email comparisons that are one address (as the app reads it, or once written alike):
a pair sharing one is the judge's and the shared-contact reports', not these warnings'."""
SHARED_PHONE = frozenset(
    {
        PhoneDifference.IDENTICAL,
        PhoneDifference.BENIGN,
        PhoneDifference.FORMATTING,
        PhoneDifference.REPAIRED,
    }
)
"""SMS phone comparisons that are one number. One number with an extension on a record
(``617-555-2368 x12`` beside ``617-555-2368``, or ``x14``) is not: a number with an
extension is a desk phone behind a switchboard, which takes no texts, and a staff
member's desk line on one record and a school's main line on another leave the name all
the person's two records share (:func:`also_alike` says it, as more reason to ask)."""


def shares_no_credential(v: PairVerdict) -> bool:
    """Whether a judged pair shares no email or SMS phone of its own: none equal, or only
    a line many unrelated people hold (an office's: :mod:`~oneroster_identity.match.
    _lines`, since session 44)."""
    return (v.email not in SHARED_EMAIL or v.email_line) and (
        v.phone not in SHARED_PHONE or v.phone_line
    )


def name_only_pair(v: PairVerdict) -> bool:
    """Whether a judged pair is a staff and a guardian person of a name no one else holds,
    sharing no email or SMS phone of their own, and not likely one person: the pairs
    :func:`staff_guardian_name_only` reads first."""
    return (
        v.staff_guardian
        and not v.likely_same
        and not v.kept_apart
        and _UNIQUE_NAME in v.levels
        and shares_no_credential(v)
    )


def no_credential_shared(
    a: RecordFacts, b: RecordFacts, policy: Policy, lines: Lines = NO_LINES
) -> bool:
    """No email or SMS phone of ``a`` is ``b``'s (the credentials the app compares), but
    for a line of ``lines`` or an office's mailbox at the district (``frontoffice@``, since
    session 68: :func:`~oneroster_identity.match._contacts.office_address`), no one's own;
    a slip of one, or a home phone, may be."""
    email = compare_emails(a.email, b.email, policy=policy)
    phone = compare_phones(a.phone, b.phone, policy=policy)
    return (
        email not in SHARED_EMAIL or a.email.key in lines.email or office_address(a.email)
    ) and (phone not in SHARED_PHONE or a.phone.key in lines.phone)


def also_alike(a: RecordFacts, b: RecordFacts, policy: Policy, lines: Lines = NO_LINES) -> str:
    """What two records with no credential of their own in common do share, in words
    without values (``""`` for nothing): a line of ``lines`` both hold (an office's email
    or number), a home phone, a number in the other's other column, an email or SMS phone
    one slip apart, or one office number with an extension on either. More reason to ask,
    never a value to suggest."""
    alike: list[str] = []
    if a.email.key is not None and a.email.key == b.email.key and a.email.key in lines.email:
        alike.append("an email many unrelated people hold, no one's own (an office's)")
    elif a.email.key is not None and a.email.key == b.email.key and office_address(a.email):
        alike.append("an office's or a role's mailbox, no one's own")
    if a.phone.key is not None and a.phone.key == b.phone.key and a.phone.key in lines.phone:
        alike.append("an SMS number many unrelated people hold, no one's own (an office's)")
    if a.home_phone.usable and a.home_phone.key == b.home_phone.key:
        alike.append("one home phone")
    if phone_in_other_column(a, b):
        alike.append("a number, as one record's SMS phone and the other's home phone")
    email = compare_emails(a.email, b.email, policy=policy)
    if email is EmailDifference.OTHER_DOMAIN:
        alike.append("an email name at two domains")
    elif email in (EmailDifference.DOMAIN_TYPO, EmailDifference.LOCAL_TYPO):
        alike.append("emails one slip apart")
    phone = compare_phones(a.phone, b.phone, policy=policy)
    if phone is PhoneDifference.TYPO:
        alike.append("SMS phones one slip apart")
    elif phone is PhoneDifference.EXTENSION:
        alike.append(
            "one office number, with another extension on each record (desk phones, which "
            "take no texts)"
            if a.phone.extension and b.phone.extension
            else "one office number, with an extension on one record (a desk phone, which "
            "takes no texts)"
        )
    return " and ".join(alike)


def common_words(alike: str) -> str:
    """The warnings' words for what two records share: nothing the app compares, and what
    else they do share when anything."""
    if not alike:
        return "no email or phone in common"
    return f"no email or SMS phone in common, though they share {alike}"


def staff_guardian_name_only(
    persons: Persons,
    reps: Sequence[RecordFacts],
    *,
    pairs: Iterable[PairVerdict],
    edges: Iterable[PairVerdict],
    cluster_of: Callable[[int], int],
    name_counts: Counter[tuple[str, str]],
    policy: Policy,
    roster: Roster | None = None,
    facts: Mapping[str, RecordFacts] | None = None,
    students_of: Mapping[str, Sequence[str]] | None = None,
    lines: Lines = NO_LINES,
) -> list[Finding]:
    """One warning per name held by one staff member (staff role only) and one guardian
    (guardian role only) and no one else, when their records share no email or SMS phone
    (the credentials the app compares). A home phone, or an email or SMS phone one slip
    apart, may be shared below likely-same: the message says so, without the value, as
    more reason to ask (before session 28 such a pair was named nowhere).

    - ``pairs``: the judged pairs of :func:`name_only_pair`, a name two persons hold.
    - A name held three times or more (``name_counts``: the judge's count of such names)
      counts when its holders are one staff person and the guardian persons of one
      likely-same cluster (a parent typed once per child, another number on each).
      ``edges`` are the pairs that hold the clusters (``cluster_of``), so every
      clustered guardian is an end of one.

    Any other holder of the name (a third adult, a student: the judge counts students
    too, and a name the community's children carry is a common one) leaves it out, as
    does an empty part or a role word for a given name, and every name under
    ``staff_guardian="separate"``, where the district wants such a person's two accounts.
    The warning's ``sourced_id`` is the staff record, ``related`` the staff and the
    guardian record, ``field`` ``email``; it suggests nothing. A reviewed pair is set aside
    with a decision row (``finding:staff-guardian-same-name``, ``two-people`` or
    ``intended``). Given the ``roster`` and its ``facts``, the message also says when a
    school of the staff member's roles is a school of the guardian's child (by
    ``students_of``, the run's family links, where given: a guardian of many students is
    no parent of theirs; else the roster's): a fact for the person checking, not a
    condition (many teachers' children attend another school)."""
    if policy.staff_guardian is not StaffGuardianPolicy.MERGE:
        return []
    found: set[tuple[int, int]] = set()
    for v in pairs:
        if cluster_of(v.a) != cluster_of(v.b):
            staff, guardian = (v.a, v.b) if persons.families(v.a) == STAFF_ONLY else (v.b, v.a)
            found.add((staff, guardian))
    # names held three times or more, by guardian persons of a likely-same item
    guardians: dict[tuple[str, str], set[int]] = {}
    for v in edges:
        for i in (v.a, v.b):
            key = reps[i].name_key
            if name_counts[key] and persons.families(i) == GUARDIAN_ONLY:
                guardians.setdefault(key, set()).add(i)
    if guardians:
        # the staff persons of those names: the families column is a list of a few
        # shared sets, so only staff members' records are read (5% of a roster)
        staff_of: dict[tuple[str, str], list[int]] = {}
        for i, families in enumerate(persons.families_column()):
            if families == STAFF_ONLY and (key := reps[i].name_key) in guardians:
                staff_of.setdefault(key, []).append(i)
        for key, members in staff_of.items():
            held = guardians[key]
            if (
                len(members) == 1
                and 1 + len(held) == name_counts[key]
                and len({cluster_of(g) for g in held}) == 1
                and all(
                    no_credential_shared(reps[members[0]], reps[g], policy, lines) for g in held
                )
            ):
                found.add((members[0], min(held)))
    shared_school = SharedSchool.of(roster, facts, students_of)
    return [
        _finding(pair_words(s, g, persons, reps, policy, shared_school, lines), persons[s].id)
        for s, g in sorted(found)
        if all(reps[s].name_key) and not is_role_word_name(reps[s].name.given)
    ]


class SharedSchool:
    """The child of a guardian's records at a school where a staff member's records have
    a role, or ``None``."""

    @classmethod
    def of(
        cls,
        roster: Roster | None,
        facts: Mapping[str, RecordFacts] | None,
        students_of: Mapping[str, Sequence[str]] | None = None,
    ) -> SharedSchool | None:
        """The lookup, when the run passed its roster and facts; else ``None``. A guardian's
        children are ``students_of``'s (the run's family links, without a guardian of more
        students than a family has) when given, else the roster's."""
        if roster is None or not facts:
            return None
        return cls(roster, facts, roster.students_of if students_of is None else students_of)

    def __init__(
        self,
        roster: Roster,
        facts: Mapping[str, RecordFacts],
        students_of: Mapping[str, Sequence[str]],
    ) -> None:
        self._students_of = students_of
        self._facts = facts
        self._above = {
            o.sourced_id for o in roster.orgs if o.type.strip().casefold() in ABOVE_SCHOOL
        }

    def schools(self, sourced_ids: Sequence[str]) -> set[str]:
        """The orgs below the district where these records have roles."""
        facts = self._facts
        return {org for sid in sourced_ids for org in facts[sid].user.org_sourced_ids} - (
            self._above
        )

    def __call__(self, staff: Sequence[str], guardian: Sequence[str]) -> str | None:
        facts = self._facts
        works = self.schools(staff)
        for sid in guardian:
            for child in self._students_of.get(sid, ()):
                f = facts.get(child)
                if f is not None and works.intersection(f.user.org_sourced_ids):
                    return child
        return None


def _finding(pair: PairWords, person_id: str) -> Finding:
    s, g = pair.staff, pair.guardian
    return Finding(
        code=STAFF_GUARDIAN_SAME_NAME,
        severity=Severity.WARNING,
        person_id=person_id,
        sourced_id=s,
        field="email",
        related=(s, g),
        message=f"staff record {s} and guardian record {g} hold one name that no one else in "
        f"the roster has, and {pair.common}: if they are one person (a staff "
        "member who is a parent), the sync creates a staff and a guardian account; ask the "
        "school, and to give the person one account set the same email and SMS phone on "
        "both records (which ones is the district's choice); two people of one name, or "
        f"separate accounts wanted, need nothing{pair.school}",
    )


class PairWords(NamedTuple):
    """What both staff-guardian warnings say of a staff and a guardian person besides how
    their names compare (:func:`pair_words`)."""

    staff: str
    """The staff person's representative record."""
    guardian: str
    """The guardian person's representative record."""
    common: str
    """What the records share (:func:`common_words`)."""
    school: str
    """The last words naming a child at a school of the staff member's (:func:`school_words`),
    or ``""``."""


def pair_words(
    staff: int,
    guardian: int,
    persons: Persons,
    reps: Sequence[RecordFacts],
    policy: Policy,
    shared_school: SharedSchool | None,
    lines: Lines = NO_LINES,
) -> PairWords:
    """The words of :class:`PairWords` for persons ``staff`` and ``guardian``; the school
    words only given the run's :class:`SharedSchool`."""
    a, b = reps[staff], reps[guardian]
    s, g = a.sourced_id, b.sourced_id
    child = (
        shared_school(persons.sourced_ids(staff), persons.sourced_ids(guardian))
        if shared_school is not None
        else None
    )
    return PairWords(s, g, common_words(also_alike(a, b, policy, lines)), school_words(s, g, child))


def school_words(staff: str, guardian: str, child: str | None) -> str:
    """The staff-guardian warnings' last words when the guardian's child is at a school of
    the staff member's roles (:class:`SharedSchool`), else none."""
    if child is None:
        return ""
    return f"; {staff} has a role at the school of {guardian}'s child {child}"

"""A staff member and a guardian of one name with nothing else in common.

The app's guidance names this split first: a teacher who is a parent, the staff (HR)
record on the work address with no cell number or the school's line, the guardian record
on a personal address and a cell. The name is then all the roster has, and the judge keeps
such a pair below a likely-same item, because a likely-same item carries fixes, and two
different people of one name given one email would be one account (a stranger reading a
child's messages). Before this finding nothing in the report named the pair.

This pass lists them for someone who knows the staff (HR, the school office) to confirm,
and suggests no value: which email and phone the records share is the district's choice,
and two people of one name, or a staff member the district keeps on two accounts, need
nothing. It reads what the run has built already, never every record again: the verdicts
on the pairs the name blocks offered (a name two persons hold), the likely-same clusters
(a parent typed once per child with another number on each, one item of two persons, is
one holder of the name) and the judge's count of every name held three times or more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._model import Finding
from oneroster_identity.match._pairs import PairVerdict
from oneroster_identity.match._persons import Persons
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily, Roster
from oneroster_identity.normalize import (
    EmailDifference,
    PhoneDifference,
    compare_emails,
    compare_phones,
    is_role_word_name,
)
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = ["STAFF_GUARDIAN_SAME_NAME", "name_only_pair", "staff_guardian_name_only"]

STAFF_GUARDIAN_SAME_NAME = "staff-guardian-same-name"
"""The warning of :func:`staff_guardian_name_only`."""

_UNIQUE_NAME = "staff-guardian-unique-name"
"""The judge's level of a staff-guardian pair whose name no third person holds."""

_STAFF = frozenset({RoleFamily.STAFF})
_GUARDIAN = frozenset({RoleFamily.GUARDIAN})
_NO_EMAIL_SHARED = frozenset({EmailDifference.DIFFERENT, EmailDifference.MISSING})
_NO_PHONE_SHARED = frozenset({PhoneDifference.DIFFERENT, PhoneDifference.MISSING})


def name_only_pair(v: PairVerdict) -> bool:
    """Whether a judged pair is a staff and a guardian person of a name no one else holds,
    sharing no email, SMS phone or home phone, and not likely one person: the pairs
    :func:`staff_guardian_name_only` reads first."""
    return (
        v.staff_guardian
        and not v.likely_same
        and not v.kept_apart
        and not v.home_phone_equal
        and _UNIQUE_NAME in v.levels
        and v.email in _NO_EMAIL_SHARED
        and v.phone in _NO_PHONE_SHARED
    )


def _nothing_shared(a: RecordFacts, b: RecordFacts, policy: Policy) -> bool:
    """No email, SMS phone or home phone of ``a`` is ``b``'s, nor a slip of it."""
    return (
        compare_emails(a.email, b.email, policy=policy) in _NO_EMAIL_SHARED
        and compare_phones(a.phone, b.phone, policy=policy) in _NO_PHONE_SHARED
        and not (a.home_phone.usable and a.home_phone.key == b.home_phone.key)
    )


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
) -> list[Finding]:
    """One warning per name held by one staff member (staff role only) and one guardian
    (guardian role only) and no one else, when their records share no email, SMS phone or
    home phone.

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
    school of the staff member's roles is a school of the guardian's child: a fact for
    the person checking, not a condition (many teachers' children attend another
    school)."""
    if policy.staff_guardian is not StaffGuardianPolicy.MERGE:
        return []
    found: set[tuple[int, int]] = set()
    for v in pairs:
        if cluster_of(v.a) != cluster_of(v.b):
            staff, guardian = (v.a, v.b) if persons.families(v.a) == _STAFF else (v.b, v.a)
            found.add((staff, guardian))
    # names held three times or more, by guardian persons of a likely-same item
    guardians: dict[tuple[str, str], set[int]] = {}
    for v in edges:
        for i in (v.a, v.b):
            key = reps[i].name_key
            if name_counts[key] and persons.families(i) == _GUARDIAN:
                guardians.setdefault(key, set()).add(i)
    if guardians:
        # the staff persons of those names: the families column is a list of a few
        # shared sets, so only staff members' records are read (5% of a roster)
        staff_of: dict[tuple[str, str], list[int]] = {}
        for i, families in enumerate(persons.families_column()):
            if families == _STAFF and (key := reps[i].name_key) in guardians:
                staff_of.setdefault(key, []).append(i)
        for key, members in staff_of.items():
            held = guardians[key]
            if (
                len(members) == 1
                and 1 + len(held) == name_counts[key]
                and len({cluster_of(g) for g in held}) == 1
                and all(_nothing_shared(reps[members[0]], reps[g], policy) for g in held)
            ):
                found.add((members[0], min(held)))
    shared_school = _SharedSchool(roster, facts) if roster is not None and facts else None
    return [
        _finding(
            s,
            g,
            persons,
            reps,
            shared_school(persons.sourced_ids(s), persons.sourced_ids(g))
            if shared_school
            else None,
        )
        for s, g in sorted(found)
        if all(reps[s].name_key) and not is_role_word_name(reps[s].name.given)
    ]


_ABOVE_SCHOOL = frozenset({"district", "local", "state", "national"})
"""Org types above a school (OneRoster's vocabulary): a district org on every role says
nothing about where a staff member works."""


class _SharedSchool:
    """The child of a guardian's records at a school where a staff member's records have
    a role, or ``None``."""

    def __init__(self, roster: Roster, facts: Mapping[str, RecordFacts]) -> None:
        self._roster = roster
        self._facts = facts
        self._above = {
            o.sourced_id for o in roster.orgs if o.type.strip().casefold() in _ABOVE_SCHOOL
        }

    def __call__(self, staff: Sequence[str], guardian: Sequence[str]) -> str | None:
        facts = self._facts
        works = {org for sid in staff for org in facts[sid].user.org_sourced_ids} - self._above
        for sid in guardian:
            for child in self._roster.students_of.get(sid, ()):
                f = facts.get(child)
                if f is not None and works.intersection(f.user.org_sourced_ids):
                    return child
        return None


def _finding(
    staff: int,
    guardian: int,
    persons: Persons,
    reps: Sequence[RecordFacts],
    child: str | None = None,
) -> Finding:
    s, g = reps[staff].sourced_id, reps[guardian].sourced_id
    school = f"; {s} has a role at the school of {g}'s child {child}" if child is not None else ""
    return Finding(
        code=STAFF_GUARDIAN_SAME_NAME,
        severity=Severity.WARNING,
        person_id=persons[staff].id,
        sourced_id=s,
        field="email",
        related=(s, g),
        message=f"staff record {s} and guardian record {g} hold one name that no one else in "
        "the roster has, and no email or phone in common: if they are one person (a staff "
        "member who is a parent), the sync creates a staff and a guardian account; ask the "
        "school, and to give the person one account set the same email and SMS phone on "
        "both records (which ones is the district's choice); two people of one name, or "
        f"separate accounts wanted, need nothing{school}",
    )

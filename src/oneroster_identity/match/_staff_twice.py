"""Two staff records of one name with no credential in common: one staff member entered
twice, or two people.

Staff who work at two schools are often entered once per school: SIS staff tables keyed
by school (and the exports built on them) give such a person two user records, each with
its own sourcedId and often its own address (an alias the district issued at each school,
an old address on one). The app makes one account of records that carry one name, email
and phone, so two staff records of one name with other emails become two staff accounts,
and nothing the roster compares joins them: the judge keeps a pair whose name is all it
shares below a likely-same item, because a likely-same item carries fixes, and two staff
members of one name given one email would be one account.

This pass lists such a pair for someone who knows the staff (HR) to confirm, and
suggests no value: which email and phone the person keeps is the district's choice, and
two people of one name need nothing. It reads what the run has built already: the
verdicts on the pairs the name blocks offered (a name exactly two persons hold) and the
likely-same clusters. :mod:`._staff_names` lists the same split between a staff and a
guardian record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._lines import NO_LINES, Lines
from oneroster_identity.match._model import Finding
from oneroster_identity.match._pairs import PairVerdict
from oneroster_identity.match._persons import Persons
from oneroster_identity.match._records import STAFF_ONLY, RecordFacts
from oneroster_identity.match._staff_names import (
    SharedSchool,
    also_alike,
    common_words,
    shares_no_credential,
)
from oneroster_identity.models import Roster
from oneroster_identity.normalize import is_role_word_name
from oneroster_identity.policy import Policy

__all__ = [
    "STAFF_NAME_FORMS",
    "STAFF_SAME_NAME",
    "no_one_else",
    "staff_forms_finding",
    "staff_name_only_pair",
    "staff_same_name",
]

STAFF_SAME_NAME = "staff-same-name"
"""The warning of :func:`staff_same_name`."""

STAFF_NAME_FORMS = "staff-name-forms"
"""The warning of :func:`staff_forms_finding`: two staff records of one name written two
ways (:mod:`._staff_forms` finds them)."""

_UNIQUE_NAME = "unique-name"
"""The judge's level of an adults' pair whose equal name no third person holds."""


def staff_name_only_pair(v: PairVerdict, persons: Persons) -> bool:
    """Whether a judged pair is two staff persons (staff roles only) of an equal name no
    one else holds, sharing no email or SMS phone, and not likely one person: the pairs
    :func:`staff_same_name` reads."""
    return (
        not v.likely_same
        and _UNIQUE_NAME in v.levels
        and shares_no_credential(v)
        and persons.families(v.a) == STAFF_ONLY
        and persons.families(v.b) == STAFF_ONLY
    )


def staff_same_name(
    persons: Persons,
    reps: Sequence[RecordFacts],
    *,
    pairs: Iterable[PairVerdict],
    cluster_of: Callable[[int], int],
    policy: Policy,
    roster: Roster | None = None,
    facts: Mapping[str, RecordFacts] | None = None,
    lines: Lines = NO_LINES,
) -> list[Finding]:
    """One warning per name held by two staff persons and no one else (``pairs``: the
    judged pairs of :func:`staff_name_only_pair`) when they are in no likely-same item
    together. An empty name part or a role word for a given name is left out. A home
    phone, or an email or SMS phone one slip apart, that the records share is said
    without its value, as more reason to ask.

    The warning's ``sourced_id`` is the first staff record (in sourcedId order),
    ``related`` both, ``field`` ``email``; it suggests nothing. A reviewed pair is set
    aside with a decision row (``finding:staff-same-name``, ``two-people`` or
    ``intended``). Given the ``roster`` and its ``facts``, the message says when the two
    records have roles at two schools and none in common: the way one staff member is
    entered twice, a fact for the person checking, not a condition."""
    schools = SharedSchool.of(roster, facts)
    found: set[tuple[int, int]] = set()
    for v in pairs:
        if cluster_of(v.a) == cluster_of(v.b):
            continue
        a, b = reps[v.a], reps[v.b]
        if not all(a.name_key) or is_role_word_name(a.name.given):
            continue
        found.add((v.a, v.b) if a.sourced_id < b.sourced_id else (v.b, v.a))
    out: list[Finding] = []
    for i, j in sorted(found, key=lambda p: (reps[p[0]].sourced_id, reps[p[1]].sourced_id)):
        a, b = reps[i], reps[j]
        common = common_words(also_alike(a, b, policy, lines))
        where = _two_schools(schools, persons, i, j)
        out.append(_finding(a.sourced_id, b.sourced_id, persons[i].id, common, where))
    return out


def _two_schools(schools: SharedSchool | None, persons: Persons, i: int, j: int) -> bool:
    """Whether persons ``i`` and ``j`` have roles at known schools and none in common."""
    return schools is not None and _apart(
        schools.schools(persons.sourced_ids(i)), schools.schools(persons.sourced_ids(j))
    )


def no_one_else(aside: int = 0) -> str:
    """The name-forms warnings' words for a name no one else holds in any of its forms;
    with ``aside`` (the persons holding the name by one of its names alone, a far commoner
    name, set aside as likelier other people of that name), those too.

    >>> no_one_else(2)
    'a name no one else in the roster has in any of these forms but with one of its names alone, a far commoner name (2 persons, likelier other people of that name)'
    """
    words = "a name no one else in the roster has in any of these forms"
    if aside:
        persons = "1 person" if aside == 1 else f"{aside} persons"
        words += (
            f" but with one of its names alone, a far commoner name ({persons}, likelier "
            "other people of that name)"
        )
    return words


def staff_forms_finding(
    i: int,
    j: int,
    persons: Persons,
    reps: Sequence[RecordFacts],
    *,
    words: str,
    part: str,
    policy: Policy,
    schools: SharedSchool | None,
    aside: int = 0,
    lines: Lines = NO_LINES,
) -> Finding:
    """The warning for staff persons ``i`` and ``j`` (staff roles only) whose names are one
    name written two ways (``words``, without the values; ``part`` the name part that
    differs), held by no one else in any of these forms, their records sharing no email
    or SMS phone: one staff member entered once per school, the name typed otherwise at
    one of them (``Elizabeth`` in HR, ``Liz`` at the school). It names both records (the
    first by sourcedId is ``sourced_id``), suggests nothing, and says when the two have
    roles at two schools and none in common; ``finding:staff-name-forms``, ``two-people``
    or ``intended``, sets it aside."""
    if reps[j].sourced_id < reps[i].sourced_id:
        i, j = j, i
    first, second = reps[i].sourced_id, reps[j].sourced_id
    common = common_words(also_alike(reps[i], reps[j], policy, lines))
    apart = _two_schools(schools, persons, i, j)
    return Finding(
        code=STAFF_NAME_FORMS,
        severity=Severity.WARNING,
        person_id=persons[i].id,
        sourced_id=first,
        field=part,
        related=(first, second),
        message=f"staff records {first} and {second} hold {words} ({part}), "
        f"{no_one_else(aside)}, and {common}: if they are one "
        "person (one staff member entered twice), the sync creates two staff accounts; ask "
        "HR, and to give the person one account write the name the same way and set the "
        "same email and SMS phone on both records, or keep one of them (which form, which "
        "values and which record are the district's choice); two people need nothing"
        f"{_schools_words(first, second) if apart else ''}",
    )


def _apart(ours: set[str], theirs: set[str]) -> bool:
    """Whether two records' schools are known and none is both's."""
    return bool(ours and theirs and not ours & theirs)


def _schools_words(first: str, second: str) -> str:
    return (
        f"; {first} and {second} have roles at two schools and none in common, as a staff "
        "member working at two schools entered once per school has"
    )


def _finding(first: str, second: str, person_id: str, common: str, apart: bool) -> Finding:
    schools = _schools_words(first, second) if apart else ""
    return Finding(
        code=STAFF_SAME_NAME,
        severity=Severity.WARNING,
        person_id=person_id,
        sourced_id=first,
        field="email",
        related=(first, second),
        message=f"staff records {first} and {second} hold one name that no one else in the "
        f"roster has, and {common}: if they are one person (one staff member entered "
        "twice), the sync creates two staff accounts; ask HR, and to give the person one "
        "account set the same email and SMS phone on both records or keep one of them "
        "(which values and which record are the district's choice); two people of one "
        f"name need nothing{schools}",
    )

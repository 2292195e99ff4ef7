"""Which record of a student entered twice to keep, and what the record retired holds.

A student entered twice is mended in the SIS by keeping one record and retiring the other:
students' records carry no email or phone the app could merge them by. Which record to keep
is a person's call, and the roster often helps:

- The school uses the record enrolled in classes (``Roster.enrollment_counts``). When one
  record alone is enrolled and the records are at the same schools, it is the one to keep:
  the other is a stray a registration left behind. At different schools (or where a record
  names none) the child may have moved, and the new school's record may not be scheduled
  yet, so the counts are listed and the choice left to whoever knows the move. Enrollments
  never say whether the records are one child; the matcher decides that without them.
- Guardians linked to the record retired and not to the one kept lose the child when it
  goes, so they are named, to link to the record kept first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import Org

__all__ = ["ABOVE_SCHOOL", "NEVER_MERGE", "Keeping", "keep_one"]


@attrs.frozen
class Keeping:
    """The advice on keeping one record of a student entered twice."""

    enrolled: tuple[tuple[str, int], ...]
    """Each record's class enrollments, by sourcedId; empty when the roster has none."""
    keep: str | None
    """The record to keep, when the roster tells (see the module doc); ``None`` otherwise."""
    clause: str
    """What to do, as a clause ("keep ... and retire ..."), naming the record to keep when
    the roster tells (see the module doc)."""

    @property
    def advice(self) -> str:
        """:attr:`clause` with why no field can be fixed instead."""
        return f"{self.clause}{NEVER_MERGE}"


NEVER_MERGE = ": records without an email or phone never merge"
"""Why a student entered twice is mended by retiring a record, not by fixing a field."""


def _each(sids: Sequence[str]) -> str:
    return " and ".join(sids) if len(sids) <= 2 else ", ".join(sids)


ABOVE_SCHOOL = frozenset({"district", "local", "state", "national"})
"""OneRoster org types above a school: an export that lists a student's district beside
its school (``orgSourcedIds`` of both) says nothing about which school it attends, nor
a district org on a staff member's roles where the staff member works."""


def _schools(record: RecordFacts, orgs: Mapping[str, Org]) -> frozenset[str]:
    """The orgs of a record's roles that may be its school: any but those ``orgs.csv``
    types as above a school (an org it does not list is kept)."""
    return frozenset(
        r.org_sourced_id
        for r in record.user_value("roles")
        if r.org_sourced_id
        and ((org := orgs.get(r.org_sourced_id)) is None or org.type.casefold() not in ABOVE_SCHOOL)
    )


def keep_one(
    sourced: Sequence[str],
    facts: Mapping[str, RecordFacts],
    guardians_of: Mapping[str, tuple[str, ...]],
    enrollment_counts: Mapping[str, int] | None,
    orgs: Mapping[str, Org],
    *,
    name_guardians: bool = True,
) -> Keeping:
    """How to keep one of ``sourced`` (sorted sourcedIds of one child's records), with
    the roster's ``orgs`` by sourcedId (to tell a school from a district).

    ``name_guardians`` is false where the advice already lists each record's guardians
    (records whose guardians share nothing, :func:`guardians_apart`)."""
    enrolled = (
        ()
        if enrollment_counts is None
        else tuple((sid, enrollment_counts.get(sid, 0)) for sid in sourced)
    )
    on = [sid for sid, n in enrolled if n]
    schools = {_schools(facts[sid], orgs) for sid in sourced}
    # Records naming no school cannot rule out a move: no record is chosen for them.
    same_schools = len(schools) == 1 and frozenset() not in schools
    keep = on[0] if len(on) == 1 and same_schools else None
    # guardians the check matches (a record leaving the roster needs no link)
    linked = {sid: {g for g in guardians_of.get(sid, ()) if g in facts} for sid in sourced}
    if keep is not None:
        others = [sid for sid in sourced if sid != keep]
        n = dict(enrolled)[keep]
        clause = (
            f"keep {keep} in the SIS (the record enrolled in classes: {n} "
            f"enrollment{'s' if n != 1 else ''}; {_each(others)} none) and retire "
            f"{_each(others)}"
        )
        carry = sorted({g for sid in others for g in linked[sid] - linked[keep]})
        if carry:
            clause += (
                f", after linking to {keep} the guardian{'s' if len(carry) > 1 else ''} "
                f"{', '.join(carry)} (linked to {_each(others)} only)"
            )
        return Keeping(enrolled=enrolled, keep=keep, clause=clause)
    other = "the other" if len(sourced) == 2 else "the others"
    has = "has" if len(sourced) == 2 else "have"
    clause = (
        f"keep one of the records in the SIS and retire {other}, after moving to the record "
        f"kept the enrollments and guardian links only {other} {has}"
    )
    notes: list[str] = []
    if enrolled:
        if not on:
            notes.append("no record is enrolled in a class")
        else:
            notes.append(
                "enrolled in classes: " + ", ".join(f"{sid} {n or 'none'}" for sid, n in enrolled)
            )
            if len(on) == 1:
                where = (
                    "some records name no school"
                    if frozenset() in schools
                    else "the records are at different schools"
                )
                notes.append(f"{where}: keep the record of the school the child attends now")
    if name_guardians:
        shared = set.intersection(*linked.values())
        only = [
            f"{sid}: {', '.join(sorted(linked[sid] - shared))}"
            for sid in sourced
            if linked[sid] - shared
        ]
        if only:
            which = "one record only" if len(sourced) == 2 else "some of the records only"
            notes.append(f"guardians linked to {which}: {'; '.join(only)}")
    if notes:
        clause += f" ({'; '.join(notes)})"
    return Keeping(enrolled=enrolled, keep=None, clause=clause)

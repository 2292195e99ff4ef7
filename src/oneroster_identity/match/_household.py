"""The household graph of a roster: who is whose guardian, siblings, and households.

Built once per run from the roster's links (``agentSourcedIds`` on either side, REST
``agents``), less those of a guardian linked to more students than a family has
(:class:`FamilyLinks`: a school office, a caseworker or a data error linked to every
child would make every child a sibling of every other). It answers three questions for
the matcher:

- blocking: which records share a household (the connected group of guardians and
  students), so a guardian typed once per child meets its twin whatever its contacts;
- evidence: how two records are related through children (``same-student``: both are
  guardians of one student; ``sibling-students``: guardians of two students who share a
  guardian; ``same-guardian``: two student records with a guardian in common);
- the parent-and-own-child test that keeps a guardian and its student apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Protocol

import attrs

from oneroster_identity.match._records import RecordFacts

__all__ = [
    "FamilyLinks",
    "HouseholdIndex",
    "HouseholdRelation",
    "Links",
    "guardians_apart",
    "guardians_partly_apart",
    "records_in_words",
]


class Links(Protocol):
    """Guardian -> students and student -> guardians: a :class:`~oneroster_identity.
    models.Roster`'s links as exported, or the :class:`FamilyLinks` the matcher reads."""

    @property
    def students_of(self) -> Mapping[str, tuple[str, ...]]: ...

    @property
    def guardians_of(self) -> Mapping[str, tuple[str, ...]]: ...


_NO_HUBS: Mapping[str, int] = MappingProxyType({})


@attrs.frozen
class FamilyLinks:
    """A roster's family links as evidence: its links less those of each guardian linked
    to more students than ``Policy.max_students_per_guardian`` (a *hub*: a school office,
    a caseworker or a staff member entered as every child's contact, or a data error).

    A hub's links say nothing of families: through one "Front Office" record linked to
    every child, every child has a guardian in common with every other, two children of
    one name read as one child entered twice and two parents of one name as one parent
    typed once per child (60,000 records: 3,528 such items, all wrong, before session
    43). The hub keeps its own record and person; the finding
    ``guardian-of-many-students`` names it, and the roster's own links (``Roster.
    students_of``) still count its students for the findings about links as exported.
    With no hub, the roster's maps themselves (no copy)."""

    students_of: Mapping[str, tuple[str, ...]]
    guardians_of: Mapping[str, tuple[str, ...]]
    hubs: Mapping[str, int] = _NO_HUBS
    """Each hub's sourcedId -> the number of students it is linked to."""

    @classmethod
    def of(cls, roster: Links, limit: int) -> FamilyLinks:
        """The links of ``roster`` less those of guardians of more than ``limit`` students."""
        students_of = roster.students_of
        if not students_of or max(map(len, students_of.values())) <= limit:
            return cls(students_of, roster.guardians_of)
        hubs = {g: len(kids) for g, kids in students_of.items() if len(kids) > limit}
        guardians: dict[str, tuple[str, ...]] = {}
        for student, linked in roster.guardians_of.items():
            kept = tuple(g for g in linked if g not in hubs)
            if kept:
                guardians[student] = kept
        return cls(
            MappingProxyType({g: kids for g, kids in students_of.items() if g not in hubs}),
            MappingProxyType(guardians),
            MappingProxyType(hubs),
        )


SAME_STUDENT = "same-student"
SIBLING_STUDENTS = "sibling-students"
SAME_GUARDIAN = "same-guardian"
GUARDIAN_NAMES = "guardian-names"
RARE_GUARDIAN_NAME = 4
"""A guardian name held by at most this many records (per 100,000 records of the roster,
never fewer) counts for ``guardian-names``: the guardian and its re-typed copy, and room
for the namesakes a roster of that size has by chance."""


@attrs.frozen(kw_only=True)
class HouseholdRelation:
    """How two records are related through the roster's family links."""

    kind: str
    """``same-student``, ``sibling-students``, ``same-guardian`` or ``guardian-names``."""
    via: tuple[str, ...]
    """The students (or, for two student records, the guardians) that link them."""

    @property
    def is_household(self) -> bool:
        """Whether the records share a household (not only guardians of the same name)."""
        return self.kind != GUARDIAN_NAMES

    def describe(self, records: Sequence[str] = ()) -> str:
        """The relation in words, for a near-miss summary: of "both" records of a pair, or
        of the ``records`` it relates among more."""
        ids = ", ".join(self.via)
        named = records_in_words(records) if records else ""
        both = named or "both"
        if self.kind == SAME_STUDENT:
            return f"{both} are guardians of {ids}"
        if self.kind == SIBLING_STUDENTS:
            who = named or "they"
            return f"{who} are guardians of {ids}, siblings (the students share a guardian)"
        if self.kind == GUARDIAN_NAMES:
            whose = f"the guardians of {named}," if named else "their guardians"
            return f"{whose} {ids} carry the same names (a family registered twice)"
        return f"{named or 'both students'} have the guardian(s) {ids}"


def records_in_words(sids: Sequence[str], shown: int | None = None) -> str:
    """sourcedIds in words (``a``; ``a and b``; ``a, b and c``), the first ``shown`` of
    them when given (``a, b, c, d, e and 3 more``): summaries name records by sourcedId
    only, never by a value."""
    if shown is not None and len(sids) > shown:
        return ", ".join(sids[:shown]) + f" and {len(sids) - shown} more"
    if len(sids) == 1:
        return sids[0]
    return ", ".join(sids[:-1]) + f" and {sids[-1]}"


class HouseholdIndex:
    """Family links of one roster, indexed both ways, and the household of every record.

    A household is a connected group of guardians and students; records with no link form
    no household. Built once per run; lookups are dictionary reads.
    """

    def __init__(self, roster: Links, names: Mapping[str, tuple[str, str]] | None = None) -> None:
        """``roster``: a roster, or the :class:`FamilyLinks` of one (the matcher's, which
        leave out a guardian of every child). ``names`` maps sourcedIds to name keys; with
        it, two students whose guardians are different records with the same names are
        related (``guardian-names``)."""
        self.names: Mapping[str, tuple[str, str]] = names or {}
        # A guardian name many records hold (Maria Hernandez) is no evidence that two
        # families are one: only rare names count for the guardian-names relation.
        # Only the names held too often to count are kept: a few thousand, where the
        # count of every name would hold one entry per distinct name for the whole run.
        rare = max(RARE_GUARDIAN_NAME, RARE_GUARDIAN_NAME * len(self.names) // 100_000)
        self._common = frozenset(
            name for name, n in Counter(self.names.values()).items() if n > rare
        )
        self.students_of: Mapping[str, tuple[str, ...]] = roster.students_of
        self.guardians_of: Mapping[str, tuple[str, ...]] = roster.guardians_of
        self._household: dict[str, str] = _households(self.students_of)

    def household(self, sourced_id: str) -> str | None:
        """A stable id of the record's household (its smallest member), or ``None``."""
        return self._household.get(sourced_id)

    def households_of(self, sourced_ids: Iterable[str]) -> list[str | None]:
        """:meth:`household` of each record, as a list (one C-level pass)."""
        return list(map(self._household.get, sourced_ids))

    def is_parent_and_child(self, a: Iterable[str], b: Iterable[str]) -> bool:
        """Whether a record of one side is a guardian of a record of the other."""
        a_ids, b_ids = tuple(a), tuple(b)
        for xs, ys in ((a_ids, b_ids), (b_ids, a_ids)):
            for x in xs:
                children = self.students_of.get(x)
                if children and any(y in children for y in ys):
                    return True
        return False

    def guardian_names_alike(self, a: Sequence[str], b: Sequence[str]) -> bool:
        """Whether a guardian of student records ``a`` and one of ``b`` carry one name
        (common names count: two José Garcias are an agreement, as in
        :func:`guardians_apart`, though not evidence enough for ``guardian-names``)."""
        names = self.names
        ga = _union(self.guardians_of, a)
        if not ga:
            return False
        held = {names[g] for g in ga if g in names and all(names[g])}
        return any(names.get(g) in held for g in _union(self.guardians_of, b))

    def relation(
        self, a: Sequence[str], b: Sequence[str], *, students: bool
    ) -> HouseholdRelation | None:
        """How the records ``a`` and ``b`` (each the sourcedIds of one person) are related:
        as guardians (``students=False``) or as two student records (``students=True``)."""
        if students:
            ga, gb = _union(self.guardians_of, a), _union(self.guardians_of, b)
            shared = ga & gb
            if shared:
                return HouseholdRelation(kind=SAME_GUARDIAN, via=tuple(sorted(shared)))
            named_a = {
                self.names[g]: g
                for g in sorted(ga)
                if g in self.names and self.names[g] not in self._common
            }
            for g in sorted(gb):
                twin = named_a.get(self.names.get(g, ("", "")))
                if twin is not None and all(self.names[g]):
                    return HouseholdRelation(kind=GUARDIAN_NAMES, via=(twin, g))
            return None
        kids_a, kids_b = _union(self.students_of, a), _union(self.students_of, b)
        if not kids_a or not kids_b:
            return None
        shared = kids_a & kids_b
        if shared:
            return HouseholdRelation(kind=SAME_STUDENT, via=tuple(sorted(shared)))
        own = set(a) | set(b)
        for s in sorted(kids_a):
            others = set(self.guardians_of.get(s, ())) - own
            if not others:
                continue
            for t in sorted(kids_b):
                if others.intersection(self.guardians_of.get(t, ())):
                    return HouseholdRelation(kind=SIBLING_STUDENTS, via=(s, t))
        return None


def guardians_apart(
    students: Sequence[str],
    guardians_of: Mapping[str, tuple[str, ...]],
    facts: Mapping[str, RecordFacts],
) -> tuple[tuple[str, ...], ...] | None:
    """The guardians of each of ``students`` (the records of one child entered twice, as
    the matcher reads them) when every record has guardians and no two records' guardians
    have anything in common: no guardian record, and no guardian name, email or phone.

    Then the data cannot tell one child entered twice from two children of one name,
    birth date and grade in two families, which a large district has by chance (two
    Sofia Garcias born the same day), nor from one child registered by each parent at
    another school. ``None`` when the guardians agree on something, or a record has no
    guardian: the matcher's case for one child stands on its own then. Common guardian
    names count here (two José Garcias are an agreement), unlike in
    :meth:`HouseholdIndex.relation`, which weighs evidence for one family.
    """
    groups = tuple(tuple(sorted(guardians_of.get(sid, ()))) for sid in students)
    if not all(groups):
        return None
    seen: dict[object, int] = {}
    for position, group in enumerate(groups):
        marks: set[object] = set(group)
        for guardian in group:
            f = facts.get(guardian)
            if f is None:
                continue
            if all(f.name_key):
                marks.add(f.name_key)
            marks.update(
                ("contact", key) for key in (f.email.key, f.phone.key, f.home_phone.key) if key
            )
        for mark in marks:
            if seen.setdefault(mark, position) != position:
                return None
    return groups


def guardians_partly_apart(
    students: Sequence[str],
    guardians_of: Mapping[str, tuple[str, ...]],
    facts: Mapping[str, RecordFacts],
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """The guardians ``students``' records have in common and, for each record, those it
    alone has, when every record has some of its own and those agree on nothing (no
    guardian record, name, email or phone: :func:`guardians_apart` of them).

    Two cousins of one name and grade under one grandmother, each linked to a parent of
    their own as well, look so; so does one child registered by each parent, the
    grandmother on both records. The data cannot tell them apart, and retiring a record
    of a second child is worse than asking. ``None`` when the records have no guardian in
    common (:func:`guardians_apart` speaks then), or a record has none of its own (a
    parent on one record only: one child, the other parent left off), or their own
    guardians agree on something (the family typed again)."""
    groups = [frozenset(guardians_of.get(sid, ())) for sid in students]
    if not all(groups):
        return None
    common = frozenset.intersection(*groups)
    if not common:
        return None
    own = {sid: tuple(sorted(g - common)) for sid, g in zip(students, groups, strict=True)}
    if not all(own.values()):
        return None
    apart = guardians_apart(students, own, facts)
    if apart is None:
        return None
    return tuple(sorted(common)), apart


def _households(students_of: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Every linked record -> the smallest sourcedId of its household (the connected group
    of guardians and students).

    Households are small, so each is one shared member list, merged smaller into larger
    when a link joins two; each household is then labelled once, by its smallest id.
    No function call per lookup, as a union-find with path compression in Python has.
    """
    group: dict[str, list[str]] = {}
    for guardian, students in students_of.items():
        members = group.get(guardian)
        if members is None:
            members = group[guardian] = [guardian]
        for student in students:
            other = group.get(student)
            if other is None:
                members.append(student)
                group[student] = members
            elif other is not members:
                if len(other) > len(members):
                    members, other = other, members
                members.extend(other)
                for x in other:
                    group[x] = members
    out: dict[str, str] = {}
    for first, members in group.items():
        if first not in out:  # the household's first member seen: label all of it
            root = min(members)
            for x in members:
                out[x] = root
    return out


def _union(links: Mapping[str, tuple[str, ...]], ids: Sequence[str]) -> set[str]:
    if len(ids) == 1:
        return set(links.get(ids[0], ()))
    out: set[str] = set()
    for i in ids:
        out.update(links.get(i, ()))
    return out

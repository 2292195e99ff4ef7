"""Likely-same pairs of persons grouped into clusters, one per person the records probably are.

The judge's likely-same verdicts are pairs; a person entered three times is three pairs,
and an initial-only record (``M. Garcia``) beside two co-parents (``Maria``, ``Mario``) is
two pairs that would make two people one cluster. :func:`cluster_edges` joins pairs
strongest first and tells such a conflict from a cluster the data cannot split
(:class:`Clusters`' ``ambiguous``), which the likely-same items then report without a fix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs

from oneroster_identity.match._findings import CredentialHolders
from oneroster_identity.match._pairs import PairVerdict
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.match._staff_names import SHARED_EMAIL, SHARED_PHONE
from oneroster_identity.normalize import (
    EmailDifference,
    NameDifference,
    PhoneDifference,
    compare_names,
)
from oneroster_identity.policy import Policy

__all__ = [
    "CLEARLY_WEAKER",
    "ONE_MAILBOX",
    "ONE_NUMBER",
    "Clusters",
    "UnionFind",
    "cluster_edges",
    "on_household_values",
]

ONE_MAILBOX = SHARED_EMAIL | {EmailDifference.DOMAIN_TYPO}
"""Email levels of one mailbox: one address (:data:`~oneroster_identity.match.
_staff_names.SHARED_EMAIL`) or the address with a typo in its domain."""

ONE_NUMBER = SHARED_PHONE | {PhoneDifference.EXTENSION}
"""Phone levels of one number: written alike or otherwise (:data:`~oneroster_identity.
match._staff_names.SHARED_PHONE`), or with an extension on a record."""

_DIFFERENT = NameDifference.DIFFERENT


K = TypeVar("K", int, str)


class UnionFind(Generic[K]):
    """Clusters of person indices (or of any int or str keys, ``advice``'s person ids);
    the smallest key of a cluster is its root.

    Sparse: only persons some likely-same pair touched have an entry; every other person
    is its own cluster. A dense parent list would hold one int object per person (about
    36 MB at a million), alive from the clustering to the end of the match.
    """

    __slots__ = ("_parent",)

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        parent = self._parent
        up = parent.get(x, x)
        while up != x:
            above = parent.get(up, up)
            parent[x] = above  # path halving
            x, up = above, parent.get(above, above)
        return x

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


CLEARLY_WEAKER = 0.05
"""How much less confident than the pairs already holding two clusters together a pair
must be for :func:`cluster_edges` to leave it out rather than call the cluster ambiguous."""


@attrs.frozen
class Clusters:
    """Likely-same persons grouped, the pairs that group them, and which groups hold
    records of two persons with different names that the data cannot tell apart."""

    union: UnionFind[int]
    edges: list[PairVerdict]
    ambiguous: dict[int, tuple[int, int]]
    """Cluster root -> two persons in it whose names are ``different`` (Maria, Mario)."""


def cluster_edges(
    edges: Sequence[PairVerdict],
    reps: Sequence[RecordFacts],
    policy: Policy,
    *,
    on_household_values: Callable[[PairVerdict], bool] | None = None,
) -> Clusters:
    """Clusters of likely-same persons.

    Pairs join clusters strongest first (confidence, then indices: deterministic). A pair
    that would put two persons whose names are *different* (Maria and Mario, Julian and
    Julia) into one cluster without a pair of their own is a conflict: an initial-only
    record (``M. Garcia``) is likely one co-parent, not both. When the pair is clearly
    weaker than the pairs already holding the two clusters (by :data:`CLEARLY_WEAKER`), it
    is left out; when it is about as strong (``C. Rivera`` beside Charles and Carmen Rivera,
    with nothing to tell which), the data cannot decide: the clusters join and are marked
    ambiguous, so that the report asks a person instead of claiming one person or writing
    a fix.

    ``on_household_values`` says of a pair whether every contact it has in common is held
    by another person too (a family's mailbox or home line, not one person's: see
    :func:`on_household_values`). Since session 68 a cluster held together by such a pair
    makes no conflicting pair clearly weaker: ``J. Garcia`` on the family's mailbox, which
    Jose and his wife Maria hold, and on Josefina's own number, went to Jose (an equal
    email outweighs an equal number) and the fix list typed Josefina's number into his
    record; the data point to both, and the cluster is now ambiguous.
    """
    clusters: UnionFind[int] = UnionFind()
    members: dict[int, list[int]] = {}
    weakest: dict[int, float] = {}
    homely: set[int] = set()  # roots of clusters a pair on household values holds
    direct = {(v.a, v.b) for v in edges}
    kept: list[PairVerdict] = []
    conflicts: list[tuple[int, int]] = []
    for v in sorted(edges, key=lambda v: (-v.confidence, v.a, v.b)):
        ra, rb = clusters.find(v.a), clusters.find(v.b)
        if ra == rb:
            kept.append(v)
            continue
        left, right = members.get(ra, [ra]), members.get(rb, [rb])
        conflict = next(
            (
                (x, y)
                for x in left
                for y in right
                if (min(x, y), max(x, y)) not in direct
                and compare_names(reps[x].name, reps[y].name, policy=policy).kind
                is NameDifference.DIFFERENT
            ),
            None,
        )
        floor = min(weakest.get(ra, 1.0), weakest.get(rb, 1.0))
        if conflict is not None:
            if v.confidence < floor - CLEARLY_WEAKER and not (ra in homely or rb in homely):
                continue
            conflicts.append(conflict)
        clusters.union(v.a, v.b)
        root = clusters.find(v.a)
        members[root] = [*left, *right]
        weakest[root] = min(floor, v.confidence)
        other = rb if root == ra else ra
        members.pop(other, None)
        weakest.pop(other, None)
        if other in homely or (on_household_values is not None and on_household_values(v)):
            homely.discard(other)
            homely.add(root)
        kept.append(v)
    kept.sort(key=lambda v: (v.a, v.b))
    ambiguous = {clusters.find(x): (min(x, y), max(x, y)) for x, y in conflicts}
    return Clusters(clusters, kept, ambiguous)


def on_household_values(
    reps: Sequence[RecordFacts], holders: CredentialHolders, policy: Policy
) -> Callable[[PairVerdict], bool]:
    """Whether a pair has a contact in common and every one it has is held too by a
    person whose name is another than both of theirs (``holders``: the persons of each
    email and SMS key more than one person holds). Such a value is a family's (a mailbox
    two parents read), and says which household a record is of, not which of its
    people. (A third record of one of theirs holding it says nothing: a parent typed
    once per child.)"""

    def other_person(kind: str, a: RecordFacts, b: RecordFacts, pair: tuple[int, int]) -> bool:
        held = holders.email if kind == "email" else holders.phone
        keys = {a.email.key, b.email.key} if kind == "email" else {a.phone.key, b.phone.key}
        return any(
            j not in pair
            and compare_names(reps[j].name, a.name, policy=policy).kind is _DIFFERENT
            and compare_names(reps[j].name, b.name, policy=policy).kind is _DIFFERENT
            for key in keys
            if key
            for j in held.get(key, ())
        )

    def test(v: PairVerdict) -> bool:
        a, b = reps[v.a], reps[v.b]
        shared = [
            kind
            for kind, same in (("email", v.email in ONE_MAILBOX), ("phone", v.phone in ONE_NUMBER))
            if same
        ]
        return bool(shared) and all(other_person(kind, a, b, (v.a, v.b)) for kind in shared)

    return test

"""The matcher: records -> persons (the app's rule) -> near-misses with fixes -> findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import pairwise
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import attrs

from oneroster_identity._gc import paused_gc
from oneroster_identity._memo import one_run, roster_run
from oneroster_identity.diagnostics import Diagnostic, Severity
from oneroster_identity.match._contacts import settle_moved_addresses
from oneroster_identity.match._domains import DISTRICT_DOMAINS_INFERRED, infer_district_domains
from oneroster_identity.match._findings import (
    CredentialHolders,
    may_have_person_findings,
    person_findings,
    record_findings,
    roster_findings,
    unique_credential_findings,
)
from oneroster_identity.match._fixes import (
    NAME_ORDER,
    WORK_OR_PERSONAL,
    cluster_fixes,
    people_by_given_name,
)
from oneroster_identity.match._group import group_records
from oneroster_identity.match._household import (
    SAME_STUDENT,
    SIBLING_STUDENTS,
    HouseholdIndex,
    HouseholdRelation,
    guardians_apart,
    records_in_words,
)
from oneroster_identity.match._identifiers import IdentifierIndex
from oneroster_identity.match._keep import NEVER_MERGE, Keeping, keep_one
from oneroster_identity.match._model import (
    NOT_ONE_PERSON_TAGS,
    Choice,
    FieldEvidence,
    Finding,
    Fix,
    NearMiss,
    NearMissKind,
    Person,
    SetAside,
    stable_id,
)
from oneroster_identity.match._pairs import (
    BIRTH_DATE_SLIP,
    DEFAULT_WEIGHTS,
    SAME_IDENTIFIER,
    PairVerdict,
    Weights,
    candidate_pairs,
    common_name_counts,
    judge,
    pair_evidence,
)
from oneroster_identity.match._persons import Persons, as_persons
from oneroster_identity.match._records import FactsBuilder, NameKeys, RecordFacts
from oneroster_identity.match._staff_forms import staff_guardian_name_forms
from oneroster_identity.match._staff_names import name_only_pair, staff_guardian_name_only
from oneroster_identity.models import RoleFamily, Roster, Status, is_multi_role, user_columns
from oneroster_identity.normalize import (
    EmailFlag,
    NameDifference,
    PhoneDifference,
    Restriction,
    compare_names,
    drop_relation_note,
    generation_suffixes,
    is_role_word_name,
    kinships_differ,
    loose_name,
    name_words,
    noted_kinships,
    unisex_short_form,
)
from oneroster_identity.policy import Policy, SharedCredentials, canonical_policy

__all__ = ["ExcludedRecord", "MatchResult", "effective_policy", "match"]


@attrs.frozen(kw_only=True)
class ExcludedRecord:
    """A record that takes no part in matching, and why (a delta ``tobedeleted``)."""

    sourced_id: str
    reason: str


@attrs.frozen(kw_only=True, eq=False)
class MatchResult:
    """Persons, near-misses and findings of one roster under one policy.

    Every user of the roster is in exactly one person or in ``excluded``; rows the
    reader rejected are counted in ``rejected_rows`` and listed in ``diagnostics``.
    """

    policy: Policy
    persons: Persons = attrs.field(converter=as_persons)
    """Every account in order of first sourcedId: a read-only sequence of ``Person``
    (single-record persons are built when read; see :class:`Persons`)."""
    near_misses: tuple[NearMiss, ...]
    findings: tuple[Finding, ...]
    excluded: tuple[ExcludedRecord, ...]
    diagnostics: tuple[Diagnostic, ...]
    rejected_rows: int
    facts: Mapping[str, RecordFacts] = attrs.field(repr=False)
    weights: Weights = attrs.field(default=DEFAULT_WEIGHTS, repr=False)
    """The comparison weights the pairs were judged with (the existing-accounts check
    judges with the same ones)."""
    without_unique_credential: int = 0
    """Guardians whose every email and SMS phone is also used by another person: created
    under ``shared_credentials="allowed"``, not created under ``"unique-required"``."""
    set_aside: tuple[SetAside, ...] = ()
    """Near-misses and findings that reviewed decisions set aside
    (:func:`oneroster_identity.apply_decisions`); empty for a result of :func:`match`."""

    @cached_property
    def person_of(self) -> Mapping[str, Person]:
        """sourcedId -> the person it belongs to."""
        return MappingProxyType({sid: p for p in self.persons for sid in p.sourced_ids})

    @property
    def district_domains_inferred(self) -> bool:
        """Whether ``policy.district_domains`` were read off the roster's staff records
        (the info finding ``district-domains-inferred`` says which and why)."""
        return any(f.code == DISTRICT_DOMAINS_INFERRED for f in self.findings)

    @cached_property
    def records_matched(self) -> int:
        """Records in some person (every active record)."""
        return self.persons.records()

    @property
    def records_read(self) -> int:
        """Every input user record: matched, excluded and rejected."""
        return self.records_matched + len(self.excluded) + self.rejected_rows

    @property
    def accounts_created(self) -> int:
        """Accounts the sync will create."""
        return sum(n for (_, created, _, _), n in self.persons.shapes().items() if created)

    def summary(self) -> dict[str, object]:
        """Counts an admin reads first; the ``summary`` object of the JSON report."""
        # One pass: persons come in few shapes (family set, created, records, fragile),
        # and every person count below is a sum over those shapes.
        shapes = self.persons.shapes()
        by_family: Counter[str] = Counter()
        not_created = multi_role = merged = fragile = 0
        for (families, created, records, is_fragile), count in shapes.items():
            if created:
                for family in (RoleFamily.STAFF, RoleFamily.GUARDIAN, RoleFamily.STUDENT):
                    if family in families:
                        by_family[family.value] += count
                if not families - {RoleFamily.UNKNOWN}:
                    by_family["unknown"] += count
            else:
                not_created += count
            if is_multi_role(families):
                multi_role += count
            if records > 1:
                merged += records * count
            fragile += count if is_fragile else 0
        near = Counter(n.kind.value for n in self.near_misses)
        findings = Counter(f.code for f in self.findings)
        severities = Counter(f.severity.value for f in self.findings)
        diagnostics = Counter(d.severity.value for d in self.diagnostics)
        return {
            "records_read": self.records_read,
            "records_matched": self.records_matched,
            "records_excluded": len(self.excluded),
            "records_rejected": self.rejected_rows,
            "accounts_created": len(self.persons) - not_created,
            "accounts_not_created": not_created,
            "guardians_without_unique_credential": self.without_unique_credential,
            "accounts_by_role_family": dict(sorted(by_family.items())),
            "multi_role_persons": multi_role,
            "merged_records": merged,
            "fragile_merges": fragile,
            "near_misses": {k.value: near.get(k.value, 0) for k in NearMissKind},
            "set_aside": len(self.set_aside),
            "findings_by_code": dict(sorted(findings.items())),
            "findings_by_severity": {s.value: severities.get(s.value, 0) for s in Severity},
            "diagnostics_by_severity": {s.value: diagnostics.get(s.value, 0) for s in Severity},
        }

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its facts as a plain dict (a read-only view does not pickle), so a
        result can cross a process boundary; the view is rebuilt on load."""
        values = {a.name: getattr(self, a.name) for a in attrs.fields(MatchResult)}
        values["facts"] = dict(self.facts)
        return (_unpickled_result, (values,))

    def _repr_html_(self) -> str:
        """Notebook display: the summary and the first near-misses, contacts masked."""
        from oneroster_identity.report import notebook_html

        return notebook_html(self)

    def to_dataframes(self, *, redact: bool = False) -> dict[str, Any]:
        """pandas DataFrames of every section (needs the ``pandas`` extra); see
        :func:`oneroster_identity.frames.to_dataframes`."""
        from oneroster_identity.frames import to_dataframes

        return to_dataframes(self, redact=redact)

    @property
    def has_problems(self) -> bool:
        """Whether anything needs fixing: a near-miss, a warning or error finding or diagnostic."""
        return (
            bool(self.near_misses)
            or any(f.severity is not Severity.INFO for f in self.findings)
            or any(d.severity is not Severity.INFO for d in self.diagnostics)
        )


class _UnionFind:
    """Clusters of person indices; the smallest index of a cluster is its root.

    Sparse: only persons some likely-same pair touched have an entry; every other person
    is its own cluster. A dense parent list would hold one int object per person (about
    36 MB at a million), alive from the clustering to the end of the match.
    """

    __slots__ = ("_parent",)

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self._parent
        up = parent.get(x, x)
        while up != x:
            above = parent.get(up, up)
            parent[x] = above  # path halving
            x, up = above, parent.get(above, above)
        return x

    def union(self, a: int, b: int) -> None:
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

    union: _UnionFind
    edges: list[PairVerdict]
    ambiguous: dict[int, tuple[int, int]]
    """Cluster root -> two persons in it whose names are ``different`` (Maria, Mario)."""


_NAME_KEY = attrgetter("name_key")


def cluster_edges(
    edges: Sequence[PairVerdict], reps: Sequence[RecordFacts], policy: Policy
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
    """
    clusters = _UnionFind()
    members: dict[int, list[int]] = {}
    weakest: dict[int, float] = {}
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
            if v.confidence < floor - CLEARLY_WEAKER:
                continue
            conflicts.append(conflict)
        clusters.union(v.a, v.b)
        root = clusters.find(v.a)
        members[root] = [*left, *right]
        weakest[root] = min(floor, v.confidence)
        other = rb if root == ra else ra
        members.pop(other, None)
        weakest.pop(other, None)
        kept.append(v)
    kept.sort(key=lambda v: (v.a, v.b))
    ambiguous = {clusters.find(x): (min(x, y), max(x, y)) for x, y in conflicts}
    return Clusters(clusters, kept, ambiguous)


def _likely_same(
    persons: Sequence[Person],
    reps: Sequence[RecordFacts],
    facts: Mapping[str, RecordFacts],
    edges: Sequence[PairVerdict],
    uf: _UnionFind,
    roster: Roster,
    ambiguous: Mapping[int, tuple[int, int]] | None = None,
) -> list[NearMiss]:
    def children_families(sourced_id: str) -> Iterable[str]:
        """The family names of the students linked to a record (a name-order choice's
        note)."""
        for student in roster.students_of.get(sourced_id, ()):
            record = facts.get(student)
            if record is not None:
                yield record.name.family

    clusters: dict[int, list[PairVerdict]] = {}
    for v in edges:
        clusters.setdefault(uf.find(v.a), []).append(v)
    # people of a given name, not slips beside their own correct records (rule 5)
    given_count = people_by_given_name(
        facts, {sid for v in edges for i in (v.a, v.b) for sid in persons[i].sourced_ids}
    )

    out: list[NearMiss] = []
    for root, cluster_edges in clusters.items():
        apart = (ambiguous or {}).get(root)
        members = sorted({i for v in cluster_edges for i in (v.a, v.b)})
        cluster_persons = [persons[i] for i in members]
        sourced = sorted(sid for p in cluster_persons for sid in p.sourced_ids)
        records = [facts[sid] for sid in sourced]
        duplicate_students = all(
            RoleFamily.STUDENT in f.families and f.identity is None for f in records
        )
        # Records with no usable contact never merge in the app, whatever their names:
        # a student entered twice is mended by keeping one record, not by editing fields.
        fixes, choices = (
            ((), ())
            if duplicate_students
            else cluster_fixes(records, children_families, given_count)
        )
        if apart is not None:
            # Records of two different people the data cannot tell apart: no value is
            # written anywhere, and no choice either: a choice is one value set on every
            # record of the cluster, which would make the two people one.
            fixes, choices = (), ()
        evidence = tuple(e for v in cluster_edges for e in pair_evidence(v, reps[v.a], reps[v.b]))
        families = [p.families for p in cluster_persons]
        tags: list[str] = []
        if any(RoleFamily.STAFF in f for f in families) and any(
            RoleFamily.GUARDIAN in f for f in families
        ):
            tags.append("staff-guardian-split")
        if all(f == frozenset({RoleFamily.GUARDIAN}) for f in families):
            tags.append("guardian-guardian")
            children = [set(roster.students_of.get(sid, ())) for sid in sourced]
            if all(children) and sum(len(c) for c in children) == len(set().union(*children)):
                tags.append("per-child-export")
        if all(f == frozenset({RoleFamily.STUDENT}) for f in families):
            tags.append("student-entered-twice")
        relations = sorted({v.household.kind for v in cluster_edges if v.household})
        tags.extend(relations)
        confidence = min(v.confidence for v in cluster_edges)
        kinds = sorted({v.name.kind.value for v in cluster_edges if not v.name.kind.is_equal})
        emails = sorted({v.email.value for v in cluster_edges if not v.email.is_equal})
        phones = sorted({v.phone.value for v in cluster_edges if not v.phone.is_equal})
        what = ", ".join(
            [
                *(f"name: {k}" for k in kinds),
                *(f"email: {k}" for k in emails),
                *(f"phone: {k}" for k in phones),
            ]
        )
        why = _relations(cluster_edges, reps, len(members))
        kin = guardians_apart(sourced, roster.guardians_of, facts) if duplicate_students else None
        # one state ID on every pair: one child, whatever the families (two namesakes of
        # two families do not share one)
        one_id = duplicate_students and all(SAME_IDENTIFIER in v.levels for v in cluster_edges)
        keeping = (
            keep_one(
                sourced,
                facts,
                roster.guardians_of,
                roster.enrollment_counts,
                roster.orgs_by_id,
                name_guardians=kin is None,
            )
            if duplicate_students
            else None
        )
        advice = (
            _advice(fixes, choices)
            if keeping is None
            else _twice_advice(
                kin,
                keeping,
                one_id=one_id,
                slip=any(BIRTH_DATE_SLIP in v.levels for v in cluster_edges),
            )
        )
        if one_id:
            kin = None
        if kin is not None:
            tags.append("guardians-apart")
        # (a student's two records are one child's or two children's, never a parent's
        # and a child's: guardians_apart above says when to ask)
        doubt = None if apart is not None or duplicate_students else _doubt(cluster_edges, reps)
        if doubt is not None:
            tags.append(doubt.tag)
            advice = f"ask the family first: {doubt.detail}; {advice}"
            # the fix list's rows carry the doubt too, not only the item's summary
            fixes = tuple(
                attrs.evolve(f, reason=f"{doubt.first}; if one person: {f.reason}") for f in fixes
            )
            choices = tuple(
                attrs.evolve(c, reason=f"{doubt.first}; if one person: {c.reason}") for c in choices
            )
        if apart is not None:
            x, y = (persons[i] for i in apart)
            tags.append("different-names")
            others = [sid for sid in sourced if sid not in (*x.sourced_ids, *y.sourced_ids)]
            # sourcedIds only: summaries are written as they are, redacted report or not.
            advice = (
                f"{x.sourced_ids[0]} and {y.sourced_ids[0]} have different names, so they "
                "are different people, and the data cannot tell which of them "
                + (", ".join(others) or "the other records")
                + (" belongs to" if len(others) == 1 else " belong to")
                + ": ask the family, then make each such record match its person's own "
                "record (name, email and SMS); no value is suggested"
            )
            head = (
                f"{len(sourced)} records of at least two people, linked by near-identical "
                f"records, will become {len(members)} accounts"
            )
        else:
            likely = (
                "perhaps one child entered twice"
                if kin is not None
                else f"one person or perhaps {doubt.two}"
                if doubt is not None
                else "probably one person"
            )
            head = f"{len(sourced)} records, {likely}, will become {len(members)} accounts"
        noted = _restricted(records)
        if noted:
            # nothing is copied onto or off a record whose name restricts contact with the
            # person (or says they died): the school decides, not a merge rule
            fixes, choices = (), ()
            tags.append("contact-restricted")
            advice = (
                f"{_restriction_words(noted)}: no value is suggested on or from such a "
                "record, and the records must not be made to match until the school says how "
                "the sync treats this person"
            )
        summary = (
            head + (f" ({what})" if what else "") + (f"; {why}" if why else "") + f"; {advice}"
        )
        out.append(
            NearMiss(
                id=stable_id("NM", sourced),
                kind=NearMissKind.LIKELY_SAME,
                confidence=confidence,
                person_ids=tuple(sorted(p.id for p in cluster_persons)),
                sourced_ids=tuple(sourced),
                evidence=evidence,
                fixes=fixes,
                choices=choices,
                tags=tuple(tags),
                summary=summary,
                enrollments=() if keeping is None else keeping.enrolled,
                # (the advice of an item holding a restricted record names no record)
                keep=None if keeping is None or noted else keeping.keep,
            )
        )
    return out


_ANOTHER_NUMBER = frozenset({PhoneDifference.DIFFERENT, PhoneDifference.TYPO})


@attrs.frozen
class _Doubt:
    """Why a likely-same item may be two people after all, in the words it is told with
    (sourcedIds only: summaries are written as they are, redacted report or not)."""

    tag: str
    two: str
    """Who the two people would be (``two parents``): the item's head says "one person or
    perhaps" them, and every fix's and choice's reason "these may be" them."""
    why: str
    """What raised the doubt, in a few words, for those reasons."""
    detail: str
    """What the item's advice says after "ask the family first: "."""

    @property
    def first(self) -> str:
        """What every fix's and choice's reason starts with."""
        return f"these may be {self.two} ({self.why}): ask the family first"


def _doubt(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """Why an item's records may be two people (:func:`_maybe_spouses`,
    :func:`_maybe_relatives`, :func:`_maybe_generations`, in that order), or ``None``."""
    for maybe in (_maybe_spouses, _maybe_relatives, _maybe_generations):
        doubt = maybe(edges, reps)
        if doubt is not None:
            return doubt
    return None


def _maybe_generations(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item with a generational suffix on one record only, or ``None``.

    ``John Smith`` and ``John Smith Jr.`` on the family's email and phone: one man whose
    suffix one form left out, or a father and a son (the father's ``Sr.`` is as often
    left out). Choosing either name would make two people one account. sourcedIds only.
    """
    for v in edges:
        a, b = reps[v.a], reps[v.b]
        if generation_suffixes(a.name) != generation_suffixes(b.name):
            marked, bare = (a, b) if generation_suffixes(a.name) else (b, a)
            return _Doubt(
                tag="maybe-generations",
                two="a parent and a child of one name",
                why="a generational suffix on one record only",
                detail=(
                    f"{marked.sourced_id}'s name carries a generational suffix (Jr., Sr., "
                    f"II, III) and {bare.sourced_id}'s does not, so these may be a parent and "
                    "a child of one name rather than one person; if two, leave their names "
                    "apart (older app versions also need each their own email)"
                ),
            )
    return None


def _maybe_relatives(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item whose names note two relatives, or ``None``.

    ``Maria (Mom)`` on one child's record and ``Maria (Grandma)`` on a sibling's, on the
    family's email and phone: a mother and a grandmother of one name, or one woman
    raising her child and her grandchild (on one child's records the pair is never
    judged one person: :func:`~oneroster_identity.normalize.kinships_differ`). Dropping
    both notes would make two people one account. sourcedIds only: summaries are
    written as they are, redacted report or not.
    """
    for v in edges:
        a, b = reps[v.a], reps[v.b]
        if kinships_differ(a.name, b.name):
            return _Doubt(
                tag="maybe-relatives",
                two="two relatives of one name",
                why="the relations noted beside the names are not one person's",
                detail=(
                    f"the relations noted beside the names of {a.sourced_id} and "
                    f"{b.sourced_id} are two relatives' (another kind of kin), so these may "
                    "be two people of one name rather than one person noted for each child; "
                    "if two, once the notes are dropped only an email of each one's own "
                    "keeps them two accounts (and an SMS number of each one's own in older "
                    "app versions)"
                ),
            )
    return None


def _maybe_spouses(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item that may be two parents, or ``None``.

    A short form that is a woman's and a man's name (``Terry``: Teresa or Terence; ``Sam``,
    ``Chris``) beside a full name it shortens, on two guardians of one family whose SMS
    phones differ (or are a digit apart), or an initial beside a full name (``A.``, any
    name's): one person typed twice with two numbers, or a couple, one of them called by
    the short form. The nickname table reads them as one person; following a choice of
    given name would make a couple one account. sourcedIds only: summaries are written as
    they are, redacted report or not.
    """
    for v in edges:
        # a number a digit off is another number here too: a family plan's are consecutive
        if v.name.given not in _SHORT_FORMS or v.phone not in _ANOTHER_NUMBER:
            continue
        if v.household is None or v.household.kind not in (SAME_STUDENT, SIBLING_STUDENTS):
            continue
        a, b = reps[v.a], reps[v.b]
        if v.name.given is NameDifference.INITIAL:
            # an initial is any name's: the family's other parent's as well
            short = a if len("".join(name_words(a.name.given))) == 1 else b
            seen = "an initial"
            what = "an initial, which may stand for another name of the family's"
        else:
            found = [f for f in (a, b) if unisex_short_form(f.name.given)]
            if len(found) != 1:
                continue
            short = found[0]
            what = seen = "a woman's and a man's short form"
        full = b if short is a else a
        return _Doubt(
            tag="maybe-spouses",
            two="two parents",
            why=f"{seen} beside the full name, other phones",
            detail=(
                f"the given name of {short.sourced_id} is {what}, and its SMS phone differs "
                f"from {full.sourced_id}'s, so these may be two parents rather than one "
                "person typed twice; if two, leave their names apart (older app versions "
                "also need each their own email)"
            ),
        )
    return None


_SHORT_FORMS = frozenset({NameDifference.NICKNAME, NameDifference.INITIAL})
"""Given-name differences where the shorter name may be another parent's."""


def _relations(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts], persons: int) -> str:
    """The household relations of an item's pairs in words: of "both" records for a pair,
    else each relation naming the records it links (`g1, g2 and g3 are guardians of k1`);
    then the records that hold one ``userMasterIdentifier``."""
    linked: dict[HouseholdRelation, set[str]] = {}
    same_id: set[str] = set()
    for v in edges:
        if v.household is not None:
            linked.setdefault(v.household, set()).update(
                (reps[v.a].sourced_id, reps[v.b].sourced_id)
            )
        if SAME_IDENTIFIER in v.levels:
            same_id.update((reps[v.a].sourced_id, reps[v.b].sourced_id))
    said = [
        relation.describe(() if persons == 2 else sorted(records))
        for relation, records in linked.items()
    ]
    if same_id:
        who = "both" if persons == 2 else records_in_words(sorted(same_id), shown=5)
        said.append(f"{who} hold one userMasterIdentifier (a state ID names one person)")
    return "; ".join(said)


def _twice_advice(
    apart: Sequence[Sequence[str]] | None, keeping: Keeping, *, one_id: bool, slip: bool
) -> str:
    """What to do with one student's records (:func:`guardians_apart` of them given, and
    :func:`keep_one`'s clause on keeping one).

    Retiring a record is advice a person carries out in the SIS; when the records'
    guardians have nothing in common, two namesake children are as likely as one child
    entered twice, and the data cannot tell which, so the advice says so first. When the
    records hold one state ID (``one_id``), they are one child registered by two
    households: the record kept needs the other record's guardians too. When their birth
    dates are a typing slip apart (``slip``), the record kept needs the right one.
    """
    keep = keeping.advice
    if slip:
        return (
            "their birth dates differ by what reads as one typing slip (a digit, or the day "
            "and the month swapped): confirm it is one child and which birth date is "
            f"right, then {keeping.clause}, with the right birth date on the record kept"
            f"{NEVER_MERGE}"
        )
    if apart is None:
        return f"confirm, then {keep}"
    groups = "; ".join(", ".join(group) for group in apart)
    if one_id:
        return (
            f"the records' guardians ({groups}) share no record, name, email or phone, so "
            f"the child is probably registered by two households: confirm, then {keep}"
        )
    return (
        "check with the families before either record is retired: the records' guardians "
        f"({groups}) share no record, name, email or phone, so these may be two children "
        f"of one name and birth date in two families; if they are one child, {keep}"
    )


def _advice(fixes: Sequence[Fix], choices: Sequence[Choice]) -> str:
    """What to do with a likely-same cluster's fixes and choices, in words."""
    if not choices:
        return "confirm, then apply the fixes"
    fields = sum(2 if c.field == NAME_ORDER else 1 for c in choices)
    chosen = f"{fields} field(s) need a person to choose the right value"
    if any(c.reason == WORK_OR_PERSONAL for c in choices):
        chosen += (
            "; the staff and guardian records carry different emails, which is how a "
            "district keeps a staff member's two accounts apart on purpose"
        )
    return f"confirm, then apply the fixes; {chosen}" if fixes else f"confirm; {chosen}"


def _shared_contacts(
    persons: Sequence[Person],
    reps: Sequence[RecordFacts],
    holders: CredentialHolders,
    same_cluster: _UnionFind,
    households: HouseholdIndex,
    kept_apart: Sequence[tuple[int, int]] = (),
    joined_homes: Mapping[str, str] | None = None,
) -> list[NearMiss]:
    """Different people who share an email or SMS phone. People of one household (linked
    through their students, or joined by a likely-same item: ``joined_homes``,
    :func:`_joined_households`) sharing it is a family address, which newer app versions
    allow; people with no family link sharing it is more often a typing or copy-paste
    error, and the summary says so (tags ``same-household`` / ``no-family-link``).

    People with one given name and different family names sharing a contact (Maria Lopez
    and Maria Garcia, one address and number) are often one person: a name change, or a
    mother registered under each child's surname. The summary says so instead of
    suggesting a typing error (tag ``same-given-name``); it carries no fix, since the data
    cannot tell which family name is right, nor whether they are two people.

    A staff and a guardian record that would be one person but that the policy keeps
    apart (``kept_apart``: ``staff_guardian="separate"``) count as one person. When they
    are the only holders (tag ``staff-guardian-separate``), the summary says what the
    app's guidance asks of such accounts instead of calling them different people: their
    own email each, and a shared phone only where the app allows shared credentials."""
    out: list[NearMiss] = []
    apart: dict[int, list[int]] = {}
    for a, b in kept_apart:
        apart.setdefault(a, []).append(b)
        apart.setdefault(b, []).append(a)
    for field, by_key in (("email", holders.email), ("sms", holders.phone)):
        for key, members in by_key.items():
            if len(members) < 2 or len({same_cluster.find(i) for i in members}) < 2:
                continue
            group = [persons[i] for i in members]
            sourced = sorted(sid for p in group for sid in p.sourced_ids)
            families = {fam for p in group for fam in p.families}
            student_adult = RoleFamily.STUDENT in families and len(families) > 1
            tags = ["student-adult"] if student_adult else []
            phone_field = reps[members[0]].phone_field
            shown = field if field == "email" else phone_field
            people, joined = _people(members, same_cluster, apart)
            evidence = tuple(
                FieldEvidence(
                    field=shown,
                    kind="identical",
                    sourced_ids=(p.sourced_ids[0], q.sourced_ids[0]),
                    values=(
                        p.email if field == "email" else p.phone,
                        q.email if field == "email" else q.phone,
                    ),
                )
                for p, q in pairwise(group)
            )
            if people == 1:  # one staff member's two accounts, kept apart on purpose
                tags = ["staff-guardian-separate"]
                summary = _kept_apart_summary(field, shown)
            else:
                summary = _shared_summary(
                    people,
                    shown,
                    field,
                    joined,
                    group,
                    [reps[i] for i in members],
                    _homes(group, households, joined_homes or {}),
                    tags,
                    student_adult=student_adult,
                )
            noted = _restricted([reps[i] for i in members])
            if noted:
                tags.append("contact-restricted")
                summary += (
                    f"; {_restriction_words(noted)}: a shared {shown} would give this person "
                    "the others' login and messages; settle it with the school first"
                )
            out.append(
                NearMiss(
                    id=stable_id("NM", [field, key]),
                    kind=NearMissKind.SHARED_CONTACT,
                    confidence=None,
                    person_ids=tuple(sorted(p.id for p in group)),
                    sourced_ids=tuple(sourced),
                    evidence=evidence,
                    tags=tuple(tags),
                    summary=summary,
                )
            )
    return out


def _restricted(records: Iterable[RecordFacts]) -> list[tuple[str, Restriction]]:
    """The records whose name carries a note restricting contact or saying the person
    died (:func:`~oneroster_identity.normalize.restriction_in_name`), by sourcedId."""
    out = [(f.sourced_id, found) for f in records if (found := f.name.restriction()) is not None]
    return sorted(out, key=lambda pair: pair[0])


def _restriction_words(noted: Sequence[tuple[str, Restriction]]) -> str:
    """``g1 carries a note in its name restricting contact with the person`` and the like."""
    parts = []
    for kind, words in (
        (Restriction.NO_CONTACT, "restricting contact with the person"),
        (Restriction.DECEASED, "saying the person has died"),
    ):
        sids = [sid for sid, found in noted if found is kind]
        if sids:
            carry = "carries" if len(sids) == 1 else "carry"
            parts.append(f"{', '.join(sids)} {carry} a note in the name {words}")
    return "; ".join(parts)


def _shared_summary(
    people: int,
    shown: str,
    field: str,
    joined: Sequence[str],
    group: Sequence[Person],
    members: Sequence[RecordFacts],
    homes: Sequence[set[str]],
    tags: list[str],
    *,
    student_adult: bool,
) -> str:
    """The summary of different people sharing a contact (``homes``: each one's
    households, :func:`_homes`); appends its tags to ``tags``."""
    summary = f"{people} different people share one {shown}"
    noun = "address" if field == "email" else "number"
    # A student and an adult are never one person, whatever their names.
    one_given = not student_adult and _one_given_name(members)
    relatives = _relatives_of_one_name(members)  # their notes say they are a family
    # A district address that a student holds is the student's school account, not a
    # family address: on a guardian's record it sends the family's messages to the
    # student's school inbox (staff holders are the district's own and are left alone).
    school = (
        field == "email"
        and student_adult
        and bool(members)
        and EmailFlag.DISTRICT in members[0].email.flags
        and not any(RoleFamily.STAFF in p.families for p in group)
    )
    if all(homes) and len(set().union(*homes)) == 1:
        tags.append("same-household")
        summary += " (one household)" if school else f" (one household: a family {noun})"
    elif not _linked(homes):
        tags.append("no-family-link")
        if people >= _MANY_UNRELATED:
            # One value typed for many unrelated people is a line, not a slip: the school
            # office's number on every staff record, an `office@` address for parents who
            # gave none, a district's stand-in value.
            tags.append("many-unrelated")
            summary += (
                f"; they have no family link: one {shown} held by so many unrelated people "
                f"is more likely an office {noun} or a stand-in value than a typing error, "
                "and messages to it reach none of them personally"
            )
        elif not one_given and not relatives:
            summary += "; they have no family link: check it is not a typing or copy-paste error"
    if school:
        tags.append("student-school-address")
        summary += (
            "; a district address a student holds is the student's school account: the "
            "guardian records need the guardian's own email or SMS number (the family's "
            "messages would reach the student's school inbox)"
        )
    stand_ins = [f.sourced_id for f in members if is_role_word_name(f.name.given)]
    if stand_ins:
        # sourcedIds only: summaries are written as they are, redacted report or not.
        tags.append("placeholder-name")
        summary += (
            f"; {', '.join(stand_ins)} has a role, a title or a stand-in for a given name: it "
            "may be one of the others or someone else, and the data cannot tell which"
        )
    if joined:
        summary += f"; {' and '.join(joined)} count as one"
    if relatives:
        tags.append("relatives-one-name")
        summary += (
            f"; {records_in_words(relatives, shown=5)} note two relatives beside one name "
            "(another sex or another kind of kin): once the notes are dropped, only an "
            "email of each one's own keeps them two accounts (and an SMS number of each "
            "one's own in older app versions)"
        )
    if _generations(members):
        tags.append("generations")
        summary += (
            "; the names differ by a generational suffix (Jr., Sr., II, III): a parent and "
            "a child of one name, two people"
        )
    elif one_given:
        tags.append("same-given-name")
        summary += (
            "; one given name, other family names: if one person (a name change, "
            "or each child's surname), the records need one family name (and the "
            "same contacts) to make one account; the data cannot tell which name"
        )
    return summary


_MANY_UNRELATED = 3
"""Unrelated people sharing one contact from which it reads as a shared line (an office
number, a stand-in address) rather than one person's value typed on another's record."""

_JOINED_BY_CLUSTER = "records that are probably one person, as their likely-same near-miss says,"
_JOINED_BY_POLICY = "a staff member's staff and guardian accounts, kept apart on purpose,"


def _people(
    members: Sequence[int], same_cluster: _UnionFind, apart: Mapping[int, Sequence[int]]
) -> tuple[int, list[str]]:
    """How many people hold one contact, and what joined some holders into one: persons
    of one likely-same cluster, and kept-apart pairs (one staff member's staff and
    guardian accounts), count once."""
    root = {m: same_cluster.find(m) for m in members}
    joined = [_JOINED_BY_CLUSTER] if len(set(root.values())) < len(members) else []
    by_policy = _UnionFind()  # cluster roots, joined by kept-apart pairs
    for m in members:
        for other in apart.get(m, ()):
            if other in root:
                by_policy.union(root[m], root[other])
    people = len({by_policy.find(r) for r in root.values()})
    if people < len(set(root.values())):
        joined.append(_JOINED_BY_POLICY)
    return people, joined


def _kept_apart_summary(field: str, shown: str) -> str:
    """What one staff member's two accounts sharing a contact mean, under the app's
    guidance for separate staff and guardian accounts."""
    if field == "email":
        return (
            "probably one person's staff and guardian records share one email; the district "
            "keeps their accounts apart (staff-guardian policy: separate): the app's guidance "
            "asks for a different email on each role's record"
        )
    return (
        f"probably one person's staff and guardian records share one {shown}; their different "
        "emails keep the two accounts apart on purpose (staff-guardian policy: separate) and "
        f"both accounts will carry this {shown}: fine where the app allows shared "
        "credentials"
    )


def _generations(members: Sequence[RecordFacts]) -> bool:
    """Whether two of the people (one record each) carry different generational
    suffixes (``Robert Ng Sr.``, ``Robert Ng Jr.``): a parent and a child, whatever else
    their names share."""
    marked = {generation_suffixes(f.name) for f in members}
    marked.discard(frozenset())
    return len(marked) > 1


def _relatives_of_one_name(members: Sequence[RecordFacts]) -> list[str]:
    """The sourcedIds of people (one record each) whose names are one name once the
    relations noted beside them are dropped, and note two relatives (``Maria (Mom)``,
    ``Maria (Grandma)``: :func:`~oneroster_identity.normalize.kinships_differ`)."""
    noted = [(f, _without_notes(f)) for f in members if noted_kinships(f.name)]
    found: set[str] = set()
    for i, (a, name_a) in enumerate(noted):
        for b, name_b in noted[i + 1 :]:
            if name_a == name_b and kinships_differ(a.name, b.name):
                found.update((a.sourced_id, b.sourced_id))
    return sorted(found)


def _without_notes(facts: RecordFacts) -> tuple[str, str]:
    """A record's given and family name without relation notes, folded."""
    name = facts.name
    return (
        loose_name(drop_relation_note(name.given)),
        loose_name(drop_relation_note(name.family)),
    )


def _one_given_name(members: Sequence[RecordFacts]) -> bool:
    """Whether the people (one record each) have one given name and different family
    names (after the app's name folding)."""
    givens = {f.name_key[0] for f in members}
    families = {f.name_key[1] for f in members}
    return len(givens) == 1 and "" not in givens and len(families) == len(members)


def _joins_records(item: NearMiss) -> bool:
    """Whether a likely-same item joins its records as one person for the matcher's own
    bookkeeping (households, shared identifiers): every such item but those that do not
    call them one person (``NOT_ONE_PERSON_TAGS``). Items that ask the family first still
    join here; :attr:`NearMiss.calls_one_person` is the stricter reading."""
    return item.kind is NearMissKind.LIKELY_SAME and not NOT_ONE_PERSON_TAGS.intersection(item.tags)


def _joined_households(near: Sequence[NearMiss], households: HouseholdIndex) -> dict[str, str]:
    """Household -> the household it is one with, for the households that likely-same
    items join: a child entered twice, each record linked to one parent, makes the two
    parents one household (their family email is a family address, not a slip between
    strangers), as does a guardian typed once per child. Items that do not call their
    records one person (``different-names``, ``guardians-apart``) join nothing."""
    parent: dict[str, str] = {}

    def find(h: str) -> str:
        while (up := parent.get(h, h)) != h:
            h = up
        return h

    for item in near:
        if not _joins_records(item):
            continue
        found = {find(h) for sid in item.sourced_ids if (h := households.household(sid))}
        if len(found) > 1:
            root = min(found)
            for h in found:
                parent[h] = root
    return {h: find(h) for h in parent}


def _homes(
    group: Sequence[Person], households: HouseholdIndex, joined: Mapping[str, str]
) -> list[set[str]]:
    """The households each person's records belong to (empty for a person with no link),
    as :func:`_joined_households` joins them."""
    out: list[set[str]] = []
    for person in group:
        found = {h for sid in person.sourced_ids if (h := households.household(sid))}
        out.append({joined.get(h, h) for h in found})
    return out


def _linked(homes: Sequence[set[str]]) -> bool:
    """Whether any two of the persons share a household (some of a larger group may)."""
    seen: set[str] = set()
    for found in homes:
        if seen & found:
            return True
        seen |= found
    return False


def _identifier_findings(
    identifiers: IdentifierIndex,
    person_of: Mapping[str, int],
    near: Sequence[NearMiss],
    facts: Mapping[str, RecordFacts],
    guardians_of: Mapping[str, Sequence[str]],
) -> list[Finding]:
    """``shared-identifier`` findings: records sharing a ``userMasterIdentifier`` that are
    neither one person nor called one person by a likely-same item (``person_of``: the
    person index of each record holding a shared identifier)."""
    unit = {sid: f"P{i}" for sid, i in person_of.items()}
    for item in near:
        if _joins_records(item):
            for sid in unit.keys() & item.sourced_ids:
                unit[sid] = item.id
    return identifiers.findings(
        unit.__getitem__,
        lambda sid: facts[sid].user_value("user_master_identifier"),
        facts=facts,
        guardians_of=guardians_of,
    )


def _unpickled_result(values: dict[str, Any]) -> MatchResult:
    values["facts"] = MappingProxyType(values["facts"])
    return MatchResult(**values)


def judged_pairs(
    persons: Persons,
    reps: Sequence[RecordFacts],
    households: HouseholdIndex,
    policy: Policy,
    weights: Weights,
    *,
    narrow: bool | None = None,
    counts: dict[str, int] | None = None,
    shared_identifiers: Collection[tuple[int, int]] = frozenset(),
    name_counts: Counter[tuple[str, str]] | None = None,
) -> Iterator[PairVerdict]:
    """The verdict on every candidate pair of persons (``reps`` holds each person's
    representative record), with its household relation and whether the two share a
    ``userMasterIdentifier`` (``shared_identifiers``: the pairs of
    :meth:`IdentifierIndex.person_pairs`, each a candidate); what
    ``benchmarks/calibrate.py`` fits the weights on. ``narrow`` and ``counts`` are passed
    to :func:`candidate_pairs`. ``name_counts`` is :func:`common_name_counts` of ``reps``,
    when the caller has it already (the run reads it again after judging)."""
    if name_counts is None:
        name_counts = common_name_counts(f.name_key for f in reps)
    student_only = frozenset({RoleFamily.STUDENT})
    families = persons.families_column()
    student_counts = common_name_counts(
        f.name_key for fam, f in zip(families, reps, strict=True) if fam == student_only
    )
    pairs = candidate_pairs(
        reps,
        policy,
        weights=weights,
        households=households,
        identifiers=shared_identifiers,
        narrow=narrow,
        counts=counts,
    )
    ids = persons.sourced_ids
    for a, b in pairs:
        fa, fb = families[a], families[b]
        ids_a, ids_b = ids(a), ids(b)
        students = fa == student_only and fb == student_only
        yield judge(
            a,
            b,
            reps[a],
            reps[b],
            name_counts=name_counts,
            families=(fa, fb),
            policy=policy,
            weights=weights,
            household=households.relation(ids_a, ids_b, students=students),
            parent_child=households.is_parent_and_child(ids_a, ids_b),
            student_name_counts=student_counts,
            same_identifier=(a, b) in shared_identifiers,
        )


def _person_index(persons: Persons, wanted: Container[str]) -> dict[str, int]:
    """sourcedId -> person index, for the ``wanted`` records only (one pass over the
    persons, made only when a roster has records to look up)."""
    ids = persons.sourced_ids
    return {sid: i for i in range(len(persons)) for sid in ids(i) if sid in wanted}


def match(
    roster: Roster, policy: Policy | None = None, *, weights: Weights | None = None
) -> MatchResult:
    """Predict the accounts a sync of ``roster`` creates, and every near-miss with its fix.

    ``weights`` replaces the fitted comparison weights (:class:`Weights`, for example a
    refit from ``benchmarks/calibrate.py``); blocking, judging and the existing-accounts
    check all use them.

    >>> from oneroster_identity import read_rest_users
    >>> roster = read_rest_users({"users": [
    ...     {"sourcedId": "t1", "role": "teacher", "givenName": "Robert", "familyName": "Ng",
    ...      "email": "rng@gmail.com", "sms": "603-555-2368"},
    ...     {"sourcedId": "g1", "role": "parent", "givenName": "Bob", "familyName": "Ng",
    ...      "email": "rng@gmail.com", "sms": "(603) 555-2368"}]})
    >>> result = match(roster)
    >>> result.accounts_created, result.near_misses[0].kind.value
    (2, 'likely-same-person')
    >>> [(c.field, [o.value for o in c.options]) for c in result.near_misses[0].choices][:1]
    [('givenName', ['Bob', 'Robert'])]
    """
    policy, inferred = effective_policy(roster, policy)
    with paused_gc(), roster_run():
        return _match(roster, policy, DEFAULT_WEIGHTS if weights is None else weights, inferred)


@one_run
def effective_policy(roster: Roster, policy: Policy | None) -> tuple[Policy, Finding | None]:
    """The policy a check of ``roster`` runs under, and the finding that explains what was
    read off the roster: district domains inferred from the staff records when the policy
    names none (``Policy.infer_district_domains``). ``MatchResult.policy`` is this policy,
    so a report's policy reproduces its result."""
    policy = canonical_policy(policy)
    if policy.district_domains or not policy.infer_district_domains:
        return policy, None
    inference = infer_district_domains(roster.users, policy)
    if not inference.domains:
        return policy, None
    chosen = attrs.evolve(policy, district_domains=inference.names)
    return canonical_policy(chosen), inference.finding()


def _match(
    roster: Roster, policy: Policy, weights: Weights, inferred: Finding | None = None
) -> MatchResult:
    excluded = tuple(
        ExcludedRecord(
            sourced_id=sid,
            reason="status tobedeleted (delta file)"
            if status is Status.TO_BE_DELETED
            else "status inactive (OneRoster 1.0 value, read as tobedeleted)",
        )
        for sid, status in user_columns(roster.users, "sourced_id", "status")
        if status is not Status.ACTIVE
    )
    builder = FactsBuilder(policy)
    facts = builder.of_active(roster.users)
    foreign = settle_moved_addresses(
        facts,
        builder.moved,
        policy,
        lambda sid: (*roster.guardians_of.get(sid, ()), *roster.students_of.get(sid, ())),
    )
    del builder  # its caches are the run's, not the result's
    persons = group_records(list(facts.values()))
    reps = persons.representatives(facts)
    households = HouseholdIndex(roster, NameKeys(facts))
    identifiers = (
        IdentifierIndex.of(roster.users, facts, policy)
        if policy.identifier_evidence
        else IdentifierIndex({}, frozenset())
    )
    edges: list[PairVerdict] = []
    kept_apart: list[tuple[int, int]] = []  # one staff member's two accounts, on purpose
    # the person of each record sharing an identifier: one pass over the persons, made
    # only when some records share one, read by the judging and the findings
    person_of = _person_index(persons, identifiers.holders) if identifiers.groups else {}
    shared = identifiers.person_pairs(person_of.get)
    name_only: list[PairVerdict] = []  # a staff and a guardian person of one name, only
    name_keys = list(map(_NAME_KEY, reps))
    name_counts = common_name_counts(name_keys)
    for v in judged_pairs(
        persons,
        reps,
        households,
        policy,
        weights,
        shared_identifiers=shared,
        name_counts=name_counts,
    ):
        if v.likely_same:
            edges.append(v)
        elif v.kept_apart:
            kept_apart.append((v.a, v.b))
        elif name_only_pair(v):
            name_only.append(v)
    grouped = cluster_edges(edges, reps, policy)
    clusters, edges = grouped.union, grouped.edges
    same_name = staff_guardian_name_only(
        persons,
        reps,
        pairs=name_only,
        edges=edges,
        cluster_of=clusters.find,
        name_counts=name_counts,
        policy=policy,
        roster=roster,
        facts=facts,
    )
    same_name += staff_guardian_name_forms(
        persons,
        reps,
        cluster_of=clusters.find,
        policy=policy,
        skip={f.sourced_id for f in same_name if f.sourced_id is not None},
        common=name_counts,
        names=name_keys,
        roster=roster,
        facts=facts,
    )
    del name_only, name_counts, name_keys
    holders = CredentialHolders.of(reps)
    near = _likely_same(persons, reps, facts, edges, clusters, roster, grouped.ambiguous)
    near += _shared_contacts(
        persons,
        reps,
        holders,
        clusters,
        households,
        kept_apart,
        joined_homes=_joined_households(near, households),
    )
    # The run's largest structures are let go as soon as they are done with: the end of
    # the run, holding the result, is where a million-record check peaks.
    del households, grouped, clusters, edges
    findings: list[Finding] = [inferred] if inferred is not None else []
    findings += same_name
    if identifiers.groups:
        findings += _identifier_findings(identifiers, person_of, near, facts, roster.guardians_of)
    del identifiers, person_of, shared
    skipped, not_created = unique_credential_findings(persons, reps, holders)
    del reps, holders
    if policy.shared_credentials is SharedCredentials.UNIQUE_REQUIRED:
        persons = persons.not_created(skipped)
        findings += not_created
    for f in facts.values():
        findings.extend(record_findings(f, policy, foreign))
    for p in persons.select(may_have_person_findings):
        findings.extend(person_findings(p, policy))
    findings.extend(roster_findings(roster, facts, policy))
    near.sort(key=lambda n: (n.kind is not NearMissKind.LIKELY_SAME, -(n.confidence or 0.0), n.id))
    return MatchResult(
        policy=policy,
        persons=persons,
        near_misses=tuple(near),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        excluded=excluded,
        diagnostics=roster.diagnostics,
        rejected_rows=roster.rejected_rows,
        facts=MappingProxyType(facts),
        weights=weights,
        without_unique_credential=len(skipped),
    )

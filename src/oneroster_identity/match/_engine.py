"""The matcher: records -> persons (the app's rule) -> near-misses with fixes -> findings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import attrs

from oneroster_identity._gc import paused_gc
from oneroster_identity._memo import one_run, roster_run
from oneroster_identity._usage import require, require_roster
from oneroster_identity.diagnostics import Diagnostic, Severity
from oneroster_identity.match._birth_dates import check_birth_dates, far_from_grades
from oneroster_identity.match._blocking import candidate_pairs
from oneroster_identity.match._clusters import cluster_edges, on_household_values
from oneroster_identity.match._contacts import numbers_held_elsewhere, settle_moved_addresses
from oneroster_identity.match._domains import DISTRICT_DOMAINS_INFERRED, infer_district_domains
from oneroster_identity.match._findings import (
    CredentialHolders,
    garbled_throughout_finding,
    guardians_without_contact,
    hub_findings,
    may_have_person_findings,
    person_findings,
    record_findings,
    roster_findings,
    student_address_findings,
    unique_credential_findings,
)
from oneroster_identity.match._group import group_records
from oneroster_identity.match._household import FamilyLinks, HouseholdIndex
from oneroster_identity.match._identifiers import IdentifierIndex
from oneroster_identity.match._likely_items import likely_same_items
from oneroster_identity.match._lines import Lines, contact_lines
from oneroster_identity.match._model import (
    Finding,
    NearMiss,
    NearMissKind,
    Person,
    SetAside,
)
from oneroster_identity.match._one_change import in_the_fixes_writing
from oneroster_identity.match._out_of_use import (
    held_back_beside_out_of_use,
    out_of_use_elsewhere,
)
from oneroster_identity.match._pairs import (
    PairVerdict,
    common_name_counts,
    common_name_years,
    judge,
)
from oneroster_identity.match._persons import Persons, as_persons
from oneroster_identity.match._records import (
    STUDENT_ONLY,
    FactsBuilder,
    NameKeys,
    RecordFacts,
)
from oneroster_identity.match._shared_items import (
    joined_households,
    joins_records,
    shared_contact_items,
)
from oneroster_identity.match._staff_forms import staff_name_forms
from oneroster_identity.match._staff_names import name_only_pair, staff_guardian_name_only
from oneroster_identity.match._staff_twice import staff_name_only_pair, staff_same_name
from oneroster_identity.match._weights import DEFAULT_WEIGHTS, Weights
from oneroster_identity.models import RoleFamily, Roster, Status, is_multi_role, user_columns
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
    repeated_rows: int = 0
    """Of ``rejected_rows``, user rows that repeat an earlier row of their sourcedId with
    nothing of the user lost (word for word, files joined or a page fetched twice, since
    session 55; but for agentSourcedIds read into the earlier row, since session 56)."""
    without_unique_credential: int = 0
    """Guardians whose every email and SMS phone is also used by another person: created
    under ``shared_credentials="allowed"``, not created under ``"unique-required"``."""
    guardians_without_contact: int = 0
    """Guardians with no email or SMS phone the app can take (since session 46): the sync
    adds no such guardian under either app version, so none is an account created."""
    set_aside: tuple[SetAside, ...] = ()
    """Near-misses and findings that reviewed decisions set aside
    (:func:`oneroster_identity.apply_decisions`); empty for a result of :func:`match`."""
    lines: Lines = attrs.field(factory=Lines, repr=False)
    """The email and phone keys that are lines many unrelated people hold (an office
    number: :func:`~oneroster_identity.match._lines.contact_lines`), no evidence that two
    holders are one person; the existing-accounts check weighs an old account's value so
    too (since session 44)."""
    export_date: dt.date | None = None
    """The day birth dates were checked against: ``policy.export_date``, else the newest
    ``dateLastModified`` of the roster's users, else ``None`` (not checked). A birth date
    after it is no evidence; the existing-accounts check reads old accounts' so too
    (since session 45)."""
    grade_birth_dates: Mapping[int, dt.date] = attrs.field(factory=dict, repr=False)
    """Each kindergarten-to-twelfth grade level's middle (median) birth date, read off the
    roster's records of that one grade (at least twenty): a student's date far from its
    grade's is no evidence (since session 45; :meth:`birth_date_far_from_grades`)."""

    def birth_date_far_from_grades(self, born: dt.date, levels: Iterable[int]) -> bool:
        """Whether ``born`` is too far from the middle birth date of each of ``levels``
        that the roster tells (and it tells one) to be a child's of those grades: more than
        five years before it or three and a half after. The existing-accounts check reads
        an old student account's date so, against its grade and the next."""
        return far_from_grades(self.grade_birth_dates, born, levels)

    @cached_property
    def person_of(self) -> Mapping[str, Person]:
        """sourcedId -> the person it belongs to."""
        return MappingProxyType({sid: p for p in self.persons for sid in p.sourced_ids})

    @cached_property
    def _not_created(self) -> frozenset[str]:
        """The ids of the persons the sync will not create (few: each is held as an
        object, so no single-record person is built to find them)."""
        return self.persons.not_created_ids()

    def accounts_of(self, near: NearMiss) -> int:
        """The accounts the sync creates for a near-miss's persons: one each, but none for
        a person it will not create (:attr:`Person.will_be_created`): a guardian with no
        email or SMS phone (since session 46), and under ``unique-required`` one whose
        every credential another person holds (since session 47). A likely-same item of a
        guardian typed twice, once with no contact, is one account, not two: its extra
        accounts are this minus one."""
        skipped = self._not_created
        return sum(1 for pid in near.person_ids if pid not in skipped)

    def shared_values(self) -> int:
        """How many emails and SMS phones several accounts hold: one per shared-contact
        item, but two for an item of holders who share both (since session 60, one item
        where earlier versions reported one per value)."""
        return sum(
            len({e.field for e in near.evidence})
            for near in self.near_misses
            if near.kind is NearMissKind.SHARED_CONTACT
        )

    def split_accounts(self) -> tuple[int, int]:
        """Of the likely-same items: how many people get more than one account, and how
        many accounts beyond one each (:meth:`accounts_of`)."""
        split = extra = 0
        for near in self.near_misses:
            if near.kind is NearMissKind.LIKELY_SAME:
                accounts = self.accounts_of(near)
                if accounts > 1:
                    split += 1
                    extra += accounts - 1
        return split, extra

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
    def read_errors(self) -> int:
        """The reader's error diagnostics (a row rejected, a line that could not be
        parsed): the batch summary and a comparison's snapshot count them."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

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
        split, extra = self.split_accounts()
        return {
            "records_read": self.records_read,
            "records_matched": self.records_matched,
            "records_excluded": len(self.excluded),
            "records_rejected": self.rejected_rows,
            "records_repeated": self.repeated_rows,
            "accounts_created": len(self.persons) - not_created,
            "accounts_not_created": not_created,
            "guardians_without_unique_credential": self.without_unique_credential,
            "guardians_without_contact": self.guardians_without_contact,
            "accounts_by_role_family": dict(sorted(by_family.items())),
            "multi_role_persons": multi_role,
            "merged_records": merged,
            "fragile_merges": fragile,
            "near_misses": {k.value: near.get(k.value, 0) for k in NearMissKind},
            "shared_values": self.shared_values(),
            "people_with_several_accounts": split,
            "extra_accounts": extra,
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


_NAME_KEY = attrgetter("name_key")


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
        if joins_records(item):
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
    lines: Lines | None = None,
    read_back: Mapping[str, str] | None = None,
) -> Iterator[PairVerdict]:
    """The verdict on every candidate pair of persons (``reps`` holds each person's
    representative record), with its household relation and whether the two share a
    ``userMasterIdentifier`` (``shared_identifiers``: the pairs of
    :meth:`IdentifierIndex.person_pairs`, each a candidate); what
    ``benchmarks/calibrate.py`` fits the weights on. ``narrow`` and ``counts`` are passed
    to :func:`candidate_pairs`. ``name_counts`` is :func:`common_name_counts` of ``reps``,
    when the caller has it already (the run reads it again after judging), and ``lines``
    the email and phone keys that are lines (:func:`contact_lines`, read off the persons'
    shared values when not given). ``read_back``: the keys of name parts a program
    garbled, read back (the run's :attr:`FactsBuilder.read_back`; found from ``reps`` when
    not given)."""
    if name_counts is None:
        name_counts = common_name_counts(f.name_key for f in reps)
    if lines is None:
        lines = contact_lines(CredentialHolders.of(reps), persons, reps, households)
    families = persons.families_column()
    student_reps = [f for fam, f in zip(families, reps, strict=True) if fam == STUDENT_ONLY]
    student_counts = common_name_counts(f.name_key for f in student_reps)
    student_years = common_name_years(student_reps, student_counts)
    del student_reps
    pairs = candidate_pairs(
        reps,
        policy,
        weights=weights,
        households=households,
        identifiers=shared_identifiers,
        narrow=narrow,
        counts=counts,
        read_back=read_back,
    )
    ids = persons.sourced_ids
    for a, b in pairs:
        fa, fb = families[a], families[b]
        ids_a, ids_b = ids(a), ids(b)
        students = fa == STUDENT_ONLY and fb == STUDENT_ONLY
        born = reps[a].birth_date
        alike = (
            students
            and born is not None
            and born == reps[b].birth_date
            and households.guardian_names_alike(ids_a, ids_b)
        )
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
            student_name_years=student_years,
            guardians_alike=alike,
            same_identifier=(a, b) in shared_identifiers,
            lines=lines,
        )


def _person_index(persons: Persons, wanted: Container[str]) -> dict[str, int]:
    """sourcedId -> person index, for the ``wanted`` records only (one pass over the
    persons, made only when a roster has records to look up)."""
    ids = persons.sourced_ids
    return {sid: i for i in range(len(persons)) for sid in ids(i) if sid in wanted}


_POLICY_TAKES = "a Policy or None, e.g. Policy(shared_credentials='unique-required')"


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
    require_roster(roster, "match()")
    require(policy, (Policy, type(None)), "match(policy=...)", _POLICY_TAKES)
    require(weights, (Weights, type(None)), "match(weights=...)", "a Weights or None")
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


def _none(_: frozenset[RoleFamily]) -> bool:
    """No single-record person: :meth:`Persons.select` then yields the merged ones."""
    return False


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
    # a day on hundreds of students is an SIS's fill-in, no birth date (namesakes among
    # them would look born the same day); no one is born after the export; a date years
    # from its grade's is another date typed into the field: no evidence either way
    births = check_birth_dates(facts, roster.users, policy)
    # the family links the evidence reads: without a guardian of more students than a
    # family has (an office linked to every child makes every child a sibling)
    links = FamilyLinks.of(roster, policy.max_students_per_guardian)
    foreign = settle_moved_addresses(
        facts,
        builder.moved,
        policy,
        lambda sid: (*links.guardians_of.get(sid, ()), *links.students_of.get(sid, ())),
    )
    read_back = builder.read_back
    garbled_throughout = builder.garbled_throughout
    del builder  # its caches are the run's, not the result's
    persons = group_records(list(facts.values()))
    reps = persons.representatives(facts)
    households = HouseholdIndex(links, NameKeys(facts))
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
    staff_twice: list[PairVerdict] = []  # two staff persons of one name, only
    name_keys = list(map(_NAME_KEY, reps))
    name_counts = common_name_counts(name_keys)
    holders = CredentialHolders.of(reps)
    lines = contact_lines(holders, persons, reps, households)
    for v in judged_pairs(
        persons,
        reps,
        households,
        policy,
        weights,
        shared_identifiers=shared,
        name_counts=name_counts,
        lines=lines,
        read_back=read_back,
    ):
        if v.likely_same:
            edges.append(v)
        elif v.kept_apart:
            kept_apart.append((v.a, v.b))
        elif name_only_pair(v):
            name_only.append(v)
        elif staff_name_only_pair(v, persons):
            staff_twice.append(v)
    grouped = cluster_edges(
        edges, reps, policy, on_household_values=on_household_values(reps, holders, policy)
    )
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
        students_of=links.students_of,
        lines=lines,
    )
    same_name += staff_name_forms(
        persons,
        reps,
        cluster_of=clusters.find,
        policy=policy,
        skip={f.sourced_id for f in same_name if f.sourced_id is not None},
        common=name_counts,
        names=name_keys,
        roster=roster,
        facts=facts,
        students_of=links.students_of,
        lines=lines,
        read_back=read_back,
    )
    same_name += staff_same_name(
        persons,
        reps,
        pairs=staff_twice,
        cluster_of=clusters.find,
        policy=policy,
        roster=roster,
        facts=facts,
        lines=lines,
    )
    del name_only, staff_twice, name_counts, name_keys
    # The guardians the sync does not add are marked before the items, whose account
    # counts read each person's will_be_created: those with no contact, and under
    # unique-required those whose every credential is another person's.
    unique_required = policy.shared_credentials is SharedCredentials.UNIQUE_REQUIRED
    skipped, not_created = unique_credential_findings(
        persons, reps, holders, explain=unique_required
    )
    contactless = guardians_without_contact(reps)
    left_out = skipped | contactless if unique_required else contactless
    if left_out:
        persons = persons.not_created(left_out)
    near = likely_same_items(
        persons,
        reps,
        facts,
        edges,
        clusters,
        roster,
        grouped.ambiguous,
        policy=policy,
        holders=holders,
        lines=lines,
        links=links,
        dateless=births.dateless(),
        undated=frozenset(sid for sid, _ in births.ahead),
    )
    near += shared_contact_items(
        persons,
        reps,
        holders,
        clusters,
        households,
        kept_apart,
        joined_homes=joined_households(near, households),
        policy=policy,
    )
    # The run's largest structures are let go as soon as they are done with: the end of
    # the run, holding the result, is where a million-record check peaks.
    del households, grouped, clusters, edges
    findings: list[Finding] = [inferred] if inferred is not None else []
    if garbled_throughout:
        findings.append(garbled_throughout_finding(garbled_throughout))
    findings += same_name
    if identifiers.groups:
        findings += _identifier_findings(identifiers, person_of, near, facts, links.guardians_of)
    # (read by the person findings: student records of one account carrying two IDs)
    identifiers_personal = policy.identifier_evidence and not identifiers.not_personal
    del identifiers, person_of, shared
    del reps, holders
    findings += not_created  # (empty unless unique-required: explain above)
    numbers_elsewhere = numbers_held_elsewhere(facts, policy)
    for f in facts.values():
        findings.extend(record_findings(f, policy, foreign, numbers_elsewhere))
    students_of = roster.students_of
    for p in persons.select(may_have_person_findings):
        findings.extend(
            person_findings(
                p, policy, facts, students_of, identifiers_personal=identifiers_personal
            )
        )
    findings.extend(roster_findings(roster, facts, policy))
    findings.extend(hub_findings(links.hubs, facts))
    findings.extend(births.findings())
    findings.extend(student_address_findings(facts))
    near.sort(key=lambda n: (n.kind is not NearMissKind.LIKELY_SAME, -(n.confidence or 0.0), n.id))
    findings = in_the_fixes_writing(findings, near, policy)
    findings = held_back_beside_out_of_use(findings, near, facts, policy)
    findings.extend(
        out_of_use_elsewhere(
            [
                *(n.sourced_ids for n in near if n.kind is NearMissKind.LIKELY_SAME),
                *(p.sourced_ids for p in persons.select(_none) if len(p.sourced_ids) > 1),
            ],
            facts,
            policy,
        )
    )
    return MatchResult(
        policy=policy,
        persons=persons,
        near_misses=tuple(near),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        excluded=excluded,
        diagnostics=roster.diagnostics,
        rejected_rows=roster.rejected_rows,
        repeated_rows=roster.repeated_rows,
        facts=MappingProxyType(facts),
        weights=weights,
        without_unique_credential=len(skipped),
        guardians_without_contact=len(contactless),
        lines=lines,
        export_date=births.day,
        grade_birth_dates=births.cohorts.middles,
    )

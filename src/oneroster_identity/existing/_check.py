"""The existing-accounts check: which app accounts the first sync keeps, and how.

A guardian or staff account is *kept* only when a roster person carries exactly its
name, email and phone (the app's identity rule). An account that a roster person
probably is, but with some difference, becomes a new account unless someone makes
the values equal: the check lists the exact updates. Old student accounts are not
kept by the sync; the app can merge them with new students afterwards, so the check
proposes merge candidates (name, grade, school) with their evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from oneroster_identity.existing._model import (
    AccountCheck,
    AccountOutcome,
    ContactChange,
    ContactSource,
    ExistingAccount,
    ExistingAccounts,
    ExistingCheck,
    StudentMergeCandidate,
)
from oneroster_identity.match import FieldEvidence, Fix, MatchResult, Person
from oneroster_identity.match._pairs import BLOCK_KEYS, DEFAULT_WEIGHTS, PairVerdict, judge
from oneroster_identity.match._records import FactsBuilder, RecordFacts
from oneroster_identity.models import Role, RoleAssignment, RoleFamily, Roster, User
from oneroster_identity.normalize import NameDifference, compare_names
from oneroster_identity.policy import Policy

__all__ = ["ACCOUNT_PREFIX", "StudentWeights", "check_existing"]

ACCOUNT_PREFIX = "account:"
"""Prefix of the pseudo sourcedId under which an account is compared with records."""

_ROLE_FOR = {
    RoleFamily.GUARDIAN: Role.GUARDIAN,
    RoleFamily.STAFF: Role.TEACHER,
    RoleFamily.STUDENT: Role.STUDENT,
}


class StudentWeights:
    """Log-odds weights of the old-student merge score (documented in docs/existing.md)."""

    prior = -3.0
    grade_equal = 1.5
    grade_next = 1.0
    """The account's grade is one below the roster's: last year's account, promoted."""
    grade_other = -1.5
    school_equal = 1.0
    school_other = -0.5
    max_candidates = 3


def _as_user(account: ExistingAccount, policy: Policy) -> User:
    field = policy.identity_phone_fields[0]
    return User(
        sourced_id=ACCOUNT_PREFIX + account.account_id,
        given_name=account.first_name,
        family_name=account.last_name,
        email=account.email,
        roles=(RoleAssignment(role=_ROLE_FOR[account.family], role_raw=account.role_raw),),
        grades=(account.grade,) if account.grade else (),
        sms=account.phone if field == "sms" else "",
        phone=account.phone if field == "phone" else "",
    )


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _winner(account: ExistingAccount, policy: Policy) -> ContactSource:
    if policy.allow_contact_updates or not account.joined:
        return ContactSource.SIS
    return ContactSource.APP


def _contact_changes(
    account: ExistingAccount, records: Sequence[RecordFacts], policy: Policy
) -> tuple[ContactChange, ...]:
    winner = _winner(account, policy)
    out: list[ContactChange] = []
    phone_field = records[0].phone_field if records else "sms"
    for field, app_value, sis_values in (
        ("email", account.email, {f.email.raw for f in records}),
        (phone_field, account.phone, {f.phone.raw for f in records}),
    ):
        for sis_value in sorted(sis_values):
            if sis_value != app_value:
                out.append(
                    ContactChange(
                        field=field, app_value=app_value, sis_value=sis_value, winner=winner
                    )
                )
    return tuple(out)


def _updates(
    account: ExistingAccount, acct: RecordFacts, records: Sequence[RecordFacts]
) -> tuple[Fix, ...]:
    """SIS changes that make every record of the person carry the account's identity.

    When the account lacks a usable value the SIS has, the change is to the app
    account instead (never suggest blanking a contact in the SIS)."""
    fixes: list[Fix] = []
    reason = f"keep existing account {account.account_id}"
    app_id = ACCOUNT_PREFIX + account.account_id
    for f in records:
        pairs: list[tuple[str, bool, str, str, bool]] = [
            ("givenName", f.name_key[0] != acct.name_key[0], f.name.given, acct.name.given, True),
            (
                "familyName",
                f.name_key[1] != acct.name_key[1],
                f.name.family,
                acct.name.family,
                True,
            ),
            (
                "email",
                f.email.key != acct.email.key,
                f.email.raw,
                acct.email.raw,
                acct.email.usable,
            ),
            (
                f.phone_field,
                f.phone.key != acct.phone.key,
                f.phone.raw,
                acct.phone.raw,
                acct.phone.usable,
            ),
        ]
        for field, differs, current, suggested, account_has_it in pairs:
            if not differs:
                continue
            if account_has_it:
                fixes.append(
                    Fix(
                        sourced_id=f.sourced_id,
                        field=field,
                        current=current,
                        suggested=suggested,
                        reason=reason + " (change in the SIS)",
                    )
                )
            else:
                fixes.append(
                    Fix(
                        sourced_id=app_id,
                        field=field,
                        current=suggested,
                        suggested=current,
                        reason=reason + " (change the account in the app)",
                    )
                )
    unique = {(x.sourced_id, x.field, x.suggested): x for x in fixes}
    return tuple(unique[k] for k in sorted(unique))


def _evidence(v: PairVerdict, a: RecordFacts, b: RecordFacts) -> tuple[FieldEvidence, ...]:
    ids = (a.sourced_id, b.sourced_id)
    return (
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
        FieldEvidence(
            field="email", kind=v.email.value, sourced_ids=ids, values=(a.email.raw, b.email.raw)
        ),
        FieldEvidence(
            field=b.phone_field,
            kind=v.phone.value,
            sourced_ids=ids,
            values=(a.phone.raw, b.phone.raw),
        ),
    )


class _PersonIndex:
    """Roster persons indexed by identity and by the blocking keys the accounts use."""

    def __init__(
        self,
        result: MatchResult,
        wanted: Sequence[RecordFacts],
        keys: Iterable[tuple[str, Callable[[RecordFacts], object]]],
        keep: Callable[[Person], bool],
    ) -> None:
        self.persons = [p for p in result.persons if keep(p)]
        self.reps = [result.facts[p.sourced_ids[0]] for p in self.persons]
        self.identity = {f.identity: i for i, f in enumerate(self.reps) if f.identity is not None}
        self.name_counts = Counter(f.name_key for f in self.reps)
        self.blocks: list[tuple[Callable[[RecordFacts], object], dict[object, list[int]]]] = []
        for _, key_of in keys:
            want = {k for k in map(key_of, wanted) if k is not None}
            block: dict[object, list[int]] = {}
            if want:
                for i, f in enumerate(self.reps):
                    k = key_of(f)
                    if k is not None and k in want:
                        block.setdefault(k, []).append(i)
            self.blocks.append((key_of, block))

    def candidates(self, facts: RecordFacts, max_block: int) -> list[int]:
        found: set[int] = set()
        for key_of, block in self.blocks:
            k = key_of(facts)
            members = block.get(k, ()) if k is not None else ()
            if 0 < len(members) <= max_block:
                found.update(members)
        return sorted(found)


def _adult_check(
    account: ExistingAccount,
    acct: RecordFacts,
    index: _PersonIndex,
    result: MatchResult,
    policy: Policy,
) -> AccountCheck:
    identity = acct.identity
    if identity is not None and identity in index.identity:
        person = index.persons[index.identity[identity]]
        records = [result.facts[s] for s in person.sourced_ids]
        changes = _contact_changes(account, records, policy)
        note = ""
        if changes:
            who = "the SIS" if changes[0].winner is ContactSource.SIS else "the app"
            note = f"; its contact values are formatted differently, the values of {who} stay"
        return AccountCheck(
            account_id=account.account_id,
            outcome=AccountOutcome.KEPT,
            family=account.family,
            person_id=person.id,
            sourced_ids=person.sourced_ids,
            confidence=1.0,
            contact_changes=changes,
            message=f"kept: {person.id} has exactly its name, email and phone{note}",
        )
    best: tuple[PairVerdict, int] | None = None
    sharing: set[str] = set()
    for i in index.candidates(acct, policy.max_block_size):
        rep = index.reps[i]
        person = index.persons[i]
        if (acct.email.usable and rep.email.key == acct.email.key) or (
            acct.phone.usable and rep.phone.key == acct.phone.key
        ):
            sharing.add(person.id)
        verdict = judge(
            -1,
            i,
            acct,
            rep,
            name_counts=index.name_counts,
            linked=lambda x, y: False,
            families=(acct.families, person.families),
            policy=policy,
        )
        if not verdict.likely_same:
            continue
        if best is None or (verdict.score, person.id) > (
            best[0].score,
            index.persons[best[1]].id,
        ):
            best = (verdict, i)
    if best is None:
        return AccountCheck(
            account_id=account.account_id,
            outcome=AccountOutcome.NO_MATCH,
            family=account.family,
            shares_contact_with=tuple(sorted(sharing)),
            message="no roster person resembles this account; it stays archived"
            + (f" (its contact is used by {', '.join(sorted(sharing))})" if sharing else ""),
        )
    verdict, i = best
    person = index.persons[i]
    records = [result.facts[s] for s in person.sourced_ids]
    updates = _updates(account, acct, records)
    changes = _contact_changes(account, records, policy)
    sharing.discard(person.id)
    return AccountCheck(
        account_id=account.account_id,
        outcome=AccountOutcome.NEW_UNLESS_UPDATED,
        family=account.family,
        person_id=person.id,
        sourced_ids=person.sourced_ids,
        confidence=verdict.confidence,
        evidence=_evidence(verdict, acct, index.reps[i]),
        updates=updates,
        contact_changes=changes,
        shares_contact_with=tuple(sorted(sharing)),
        message=(
            f"probably {person.id}, but the sync will create a new account unless "
            f"{len(updates)} update(s) are made"
        ),
    )


_GRADE_ORDER = {"IT": -3, "PR": -2, "PK": -1, "TK": -1, "KG": 0, "K": 0}


def _grade(value: str) -> int | None:
    text = value.strip().upper()
    if text in _GRADE_ORDER:
        return _GRADE_ORDER[text]
    digits = re.fullmatch(r"(?:GRADE\s*)?0*(\d{1,2})(?:ST|ND|RD|TH)?", text)
    return int(digits.group(1)) if digits else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _student_evidence(
    account: ExistingAccount,
    acct: RecordFacts,
    rep: RecordFacts,
    schools: Mapping[str, str],
) -> tuple[float, tuple[FieldEvidence, ...]] | None:
    name = compare_names(acct.name, rep.name)
    if name.kind is NameDifference.DIFFERENT:
        return None
    w = StudentWeights
    score = w.prior + DEFAULT_WEIGHTS.name[name.kind]
    ids = (acct.sourced_id, rep.sourced_id)
    roster_grades = [g for g in (_grade(x) for x in rep.user.grades) if g is not None]
    old = _grade(account.grade)
    if old is None or not roster_grades:
        grade_kind = "missing"
    elif old in roster_grades:
        grade_kind, score = "identical", score + w.grade_equal
    elif old + 1 in roster_grades:
        grade_kind, score = "next-grade", score + w.grade_next
    else:
        grade_kind, score = "different", score + w.grade_other
    org_ids = [r.org_sourced_id for r in rep.user.roles if r.org_sourced_id]
    names = {_fold(x) for o in org_ids for x in (o, schools.get(o, "")) if x}
    if not account.school or not names:
        school_kind = "missing"
    elif _fold(account.school) in names:
        school_kind, score = "identical", score + w.school_equal
    else:
        school_kind, score = "different", score + w.school_other
    shown_school = ", ".join(sorted(schools.get(o, o) for o in org_ids))
    evidence = (
        FieldEvidence(
            field="givenName",
            kind=name.given.value,
            sourced_ids=ids,
            values=(acct.name.given, rep.name.given),
        ),
        FieldEvidence(
            field="familyName",
            kind=name.family.value,
            sourced_ids=ids,
            values=(acct.name.family, rep.name.family),
        ),
        FieldEvidence(
            field="grades",
            kind=grade_kind,
            sourced_ids=ids,
            values=(account.grade, ",".join(rep.user.grades)),
        ),
        FieldEvidence(
            field="school", kind=school_kind, sourced_ids=ids, values=(account.school, shown_school)
        ),
    )
    return score, evidence


def _family_initial(f: RecordFacts) -> object:
    if not f.name_key[1]:
        return None
    return (f.name_key[1], f.name_key[0][:1])


def check_existing(
    roster: Roster, result: MatchResult, existing: ExistingAccounts
) -> ExistingCheck:
    """Predict what the first sync does to each existing account (see the module doc).

    Uses the policy of ``result``: ``allow_contact_updates`` decides, for each
    matched account whose contact values differ, whether the SIS value or the app's
    value stays (accounts that never joined always take the SIS value).
    """
    policy = result.policy
    adults = [a for a in existing.accounts if a.family is not RoleFamily.STUDENT]
    students = [a for a in existing.accounts if a.family is RoleFamily.STUDENT]
    build = FactsBuilder(policy)
    adult_facts = [build(_as_user(a, policy)) for a in adults]
    student_facts = [build(_as_user(a, policy)) for a in students]
    checks: list[AccountCheck] = []
    if adults:
        index = _PersonIndex(
            result,
            adult_facts,
            BLOCK_KEYS,
            keep=lambda p: bool(p.families - {RoleFamily.STUDENT}) or not p.families,
        )
        checks = [
            _adult_check(a, f, index, result, policy)
            for a, f in zip(adults, adult_facts, strict=True)
        ]
    candidates: list[StudentMergeCandidate] = []
    if students:
        keys = [k for k in BLOCK_KEYS if k[0] in ("name", "loose-name")]
        keys.append(("family-initial", _family_initial))
        sindex = _PersonIndex(
            result, student_facts, keys, keep=lambda p: RoleFamily.STUDENT in p.families
        )
        schools = {o.sourced_id: o.name for o in roster.orgs}
        for account, acct in zip(students, student_facts, strict=True):
            found: list[StudentMergeCandidate] = []
            for i in sindex.candidates(acct, policy.max_block_size):
                rep = sindex.reps[i]
                scored = _student_evidence(account, acct, rep, schools)
                if scored is None:
                    continue
                confidence = round(_sigmoid(scored[0]), 3)
                if confidence < policy.likely_same_threshold:
                    continue
                found.append(
                    StudentMergeCandidate(
                        account_id=account.account_id,
                        sourced_id=rep.sourced_id,
                        person_id=sindex.persons[i].id,
                        confidence=confidence,
                        evidence=scored[1],
                    )
                )
            found.sort(key=lambda c: (-c.confidence, c.sourced_id))
            candidates.extend(found[: StudentWeights.max_candidates])
    order = {o: n for n, o in enumerate(AccountOutcome)}
    checks.sort(key=lambda c: (order[c.outcome], c.account_id))
    candidates.sort(key=lambda c: (c.account_id, -c.confidence, c.sourced_id))
    return ExistingCheck(
        source=existing.source,
        allow_contact_updates=policy.allow_contact_updates,
        accounts=tuple(checks),
        student_candidates=tuple(candidates),
        students_read=len(students),
        diagnostics=existing.diagnostics,
        rejected_rows=existing.rejected_rows,
    )

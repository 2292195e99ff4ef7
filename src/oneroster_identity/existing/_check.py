"""The existing-accounts check: which app accounts the first sync keeps, and how.

A guardian or staff account is *kept* only when a roster person carries exactly its
name, email and phone (the app's identity rule). An account that a roster person
probably is, but with some difference, becomes a new account unless someone makes
the values equal: the check lists the exact updates. Old student accounts are not
kept by the sync; the app can merge them with new students afterwards, so the check
proposes merge candidates (name, grade, school) with their evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Sequence

from oneroster_identity._memo import one_run
from oneroster_identity._usage import (
    RESULT_TAKES,
    Fields,
    describe,
    require,
    require_fields,
    require_result_of,
    require_roster,
)
from oneroster_identity.advice import apply_fixes, decided_fixes
from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import UsageError
from oneroster_identity.existing._adults import adult_check, one_account_per_person
from oneroster_identity.existing._index import (
    ACCOUNT_PREFIX,
    PersonIndex,
    as_user,
    credential_holders,
)
from oneroster_identity.existing._model import (
    AccountCheck,
    AccountOutcome,
    ExistingAccount,
    ExistingAccounts,
    ExistingCheck,
    StudentMergeCandidate,
)
from oneroster_identity.existing._students import (
    StudentWeights,
    family_initial,
    student_candidates,
    with_entered_twice,
)
from oneroster_identity.match import (
    BLOCK_KEYS,
    FactsBuilder,
    Fix,
    MatchResult,
    NearMissKind,
    RecordFacts,
    crowded_birth_dates,
    people_by_given_name,
)
from oneroster_identity.models import RoleFamily, Roster
from oneroster_identity.normalize import grade_level
from oneroster_identity.policy import Policy

__all__ = ["ACCOUNT_PREFIX", "StudentWeights", "check_existing"]


def _no_birth_date(
    account: ExistingAccount, result: MatchResult, crowded: Container[dt.date]
) -> bool:
    """Whether an old student account's birth date is no evidence: a day on far more old
    accounts than are born on one day (``crowded``), a day after the roster's export, or a
    day far from the roster's birth dates of the account's grade and the next (its grade
    is this year's or last year's: since session 45)."""
    born = account.birth_date
    if born is None:
        return False
    if born in crowded or (result.export_date is not None and born > result.export_date):
        return True
    level = grade_level(account.grade)
    return level is not None and result.birth_date_far_from_grades(born, (level, level + 1))


_ACCOUNT_FIELDS: Fields = (
    *(
        (name, (str,), "a str ('' for none)")
        for name in ("first_name", "last_name", "email", "phone", "role_raw", "grade", "school")
    ),
    ("family", (RoleFamily,), "a RoleFamily (RoleFamily('guardian'))"),
    ("joined", (bool,), "True or False"),
    ("birth_date", (dt.date, type(None)), "a date or None"),
)


def _require_account(account: object, position: int) -> None:
    """Raise :class:`UsageError` unless ``account`` holds what the check reads, for
    accounts a program built (the reader's are right): a ``family`` written as a string
    is no :class:`RoleFamily` and would read a student's account as an adult's."""
    if not isinstance(account, ExistingAccount):
        raise UsageError(
            f"ExistingAccounts holds ExistingAccount objects; item {position} is "
            f"{describe(account)}"
        )
    if not isinstance(account.account_id, str) or not account.account_id.strip():
        raise UsageError(f"account {position}: account_id takes a non-empty str")
    require_fields(account, _ACCOUNT_FIELDS, f"account {account.account_id!r} (item {position}): ")


@one_run
def check_existing(
    roster: Roster, result: MatchResult, existing: ExistingAccounts
) -> ExistingCheck:
    """Predict what the first sync does to each existing account (see the module doc).

    Uses the policy of ``result``: ``allow_contact_updates`` decides, for each
    matched account whose contact values differ, whether the SIS value or the app's
    value stays (accounts that never joined always take the SIS value).
    """
    require_roster(roster, "check_existing()")
    require(result, MatchResult, "check_existing(result=...)", RESULT_TAKES)
    require_result_of(roster, result, "check_existing()")
    require(
        existing,
        ExistingAccounts,
        "check_existing(existing=...)",
        "the accounts read_existing_accounts(path) reads",
    )
    for position, account in enumerate(existing.accounts):
        _require_account(account, position)
    policy = result.policy
    adults = [a for a in existing.accounts if a.family is not RoleFamily.STUDENT]
    students = [a for a in existing.accounts if a.family is RoleFamily.STUDENT]
    build = FactsBuilder(policy)
    adult_facts = [build(as_user(a, policy)) for a in adults]
    student_facts = [build(as_user(a, policy)) for a in students]
    diagnostics = existing.diagnostics
    if build.garbled_throughout:
        diagnostics = (*diagnostics, _garbled_export(existing.source, build.garbled_throughout))
    checks: list[AccountCheck] = []
    clustered = {
        sid
        for n in result.near_misses
        if n.kind is NearMissKind.LIKELY_SAME
        for sid in n.sourced_ids
    }
    # persons a likely-same item calls one person: an account resembling two of them
    # is that one person's, not a question of whose it is
    item_of = {
        person_id: n.id
        for n in result.near_misses
        if n.calls_one_person
        for person_id in n.person_ids
    }
    given_count = people_by_given_name(result.facts, clustered)
    if adults:
        index = PersonIndex(
            result,
            adult_facts,
            BLOCK_KEYS,
            keep=lambda families: bool(families - {RoleFamily.STUDENT}) or not families,
        )
        holders = credential_holders(result.facts, adult_facts)
        item_records = {n.id: n.sourced_ids for n in result.near_misses if n.calls_one_person}
        # the roster's fix list, typed before the accounts' updates: one value per field,
        # and the accounts compared with the records as it leaves them
        decided = decided_fixes(result)
        fix_list = {(f.sourced_id, f.field): f for f in decided}
        typed_facts = _as_typed(roster, decided, policy)
        # and its choices, a person's to make first
        chosen = {
            key: n.id
            for n in result.near_misses
            if n.kind is NearMissKind.LIKELY_SAME
            for key in n.chosen_fields
        }
        checks = one_account_per_person(
            [
                adult_check(
                    a,
                    f,
                    index,
                    result,
                    policy,
                    given_count,
                    item_of,
                    holders=holders,
                    item_records=item_records,
                    fix_list=fix_list,
                    chosen=chosen,
                    typed_facts=typed_facts,
                )
                for a, f in zip(adults, adult_facts, strict=True)
            ]
        )
        del index, adult_facts  # let go before the students' index is built
    candidates: list[StudentMergeCandidate] = []
    if students:
        keys = [k for k in BLOCK_KEYS if k[0] in ("name", "loose-name")]
        keys.append(("family-initial", family_initial))
        sindex = PersonIndex(
            result, student_facts, keys, keep=lambda families: RoleFamily.STUDENT in families
        )
        schools = {o.sourced_id: o.name for o in roster.orgs}
        # the old system's fill-in for unknown birth dates, dates after the roster's
        # export (no one's) and dates far from the account's grade, as the roster's (see
        # match): no evidence
        crowded = crowded_birth_dates(a.birth_date for a in students)
        for account, acct in zip(students, student_facts, strict=True):
            dateless = _no_birth_date(account, result, crowded)
            candidates.extend(
                student_candidates(account, acct, sindex, schools, policy, result.weights, dateless)
            )
    order = {o: n for n, o in enumerate(AccountOutcome)}
    checks.sort(key=lambda c: (order[c.outcome], c.account_id))
    candidates = with_entered_twice(candidates, result.near_misses)
    candidates.sort(key=lambda c: (c.account_id, -c.confidence, c.sourced_id))
    return ExistingCheck(
        source=existing.source,
        allow_contact_updates=policy.allow_contact_updates,
        accounts=tuple(checks),
        student_candidates=tuple(candidates),
        students_read=len(students),
        diagnostics=diagnostics,
        rejected_rows=existing.rejected_rows,
    )


def _as_typed(roster: Roster, decided: Sequence[Fix], policy: Policy) -> dict[str, RecordFacts]:
    """The facts of the records the roster's fix list types into, as it leaves them (an
    account's updates are worked out against these: session 65). Empty when the fix list
    contradicts itself (two values for one field), which ``advice.apply_fixes`` refuses:
    the accounts are then compared with the records as read."""
    try:
        typed = apply_fixes(roster, decided)
    except UsageError:
        return {}
    build = FactsBuilder(policy)
    users = typed.users_by_id
    return {sid: build(users[sid]) for sid in sorted({f.sourced_id for f in decided})}


def _garbled_export(source: str, garbled: int) -> Diagnostic:
    """Every account name outside ASCII in the app's export reads garbled, none right: the
    export was likely garbled on its way here (opened in a spreadsheet and saved back), so
    the app may hold the names right; the accounts are still compared as written, since
    reading them back would call an account kept that the app, holding the garbled
    name, would not keep."""
    return Diagnostic(
        code="garbled-throughout",
        severity=Severity.WARNING,
        message=f"every account name in the app's export with a letter outside ASCII reads "
        f"garbled or lost ({garbled} distinct first or last names: UTF-8 read as "
        "Windows-1252, 'Ã©' for 'é', or '?' where a program could not write a letter), and "
        "none reads right: the export was probably garbled on its way here "
        "(opened in a spreadsheet and saved back); if the app shows these names right, "
        "export the accounts again without saving them in a spreadsheet and check again: "
        "the name updates listed for them are then not needed",
        location=Location(file=source or "existing accounts"),
    )

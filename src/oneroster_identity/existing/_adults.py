"""Guardian and staff accounts: kept, new unless updated, or no match, and the updates."""

from __future__ import annotations

from collections.abc import Sequence

from oneroster_identity.existing._index import ACCOUNT_PREFIX, PersonIndex
from oneroster_identity.existing._model import (
    AccountCheck,
    AccountOutcome,
    ContactChange,
    ContactSource,
    ExistingAccount,
)
from oneroster_identity.match import Fix, MatchResult
from oneroster_identity.match._pairs import PairVerdict, judge, pair_evidence
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.policy import Policy

__all__ = ["adult_check"]


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


def adult_check(
    account: ExistingAccount,
    acct: RecordFacts,
    index: PersonIndex,
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
            families=(acct.families, person.families),
            policy=policy,
            weights=result.weights,
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
        evidence=pair_evidence(verdict, acct, index.reps[i]),
        updates=updates,
        contact_changes=changes,
        shares_contact_with=tuple(sorted(sharing)),
        message=(
            f"probably {person.id}, but the sync will create a new account unless "
            f"{len(updates)} update(s) are made"
        ),
    )

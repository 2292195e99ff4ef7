"""How often the existing-accounts check's advice, once typed, fails to keep the account.

Each case is one guardian's SIS record, or two (a parent typed once per child), and one
archived app account, each field drawn from values offices, exports and families write:
the person's values written right, their spellings and marks a finding flags (a number
typed into a name, a note, a title, a zero-width space, an accent, a name cut off, a
stand-in such as ``N/A``), an address with a typo in its domain or a mail program's
display name, an office's mailbox, numbers no text reaches (an extension, a toll-free
line, a note saying so), a number written with letters, a spreadsheet's ``.0``. For every
account the check calls ``new-unless-updated`` (and not as likely another person's), the
script types the roster's fix list (its ``set`` rows come first in the report's fix
list), then the account's updates and, for each choice, each option in turn, runs the
check again, and counts:

- **kept**: the account is kept once the advice is typed;
- **held**: it is not, and every field still apart is one the message holds back with a
  sentence ("no update is listed for sms: ..."; a person must ask the family);
- **incomplete**: it is not, and a field still apart is one the advice said nothing
  about, or the check now lists another update (the advice took two rounds);
- **flagged**: a value the advice told anyone to type (into the SIS or the app account)
  carries a warning or an error of its own (a toll-free number typed into the account,
  a name with its number).

- **against the fix list**: an update sets a SIS field the roster's fix list also sets,
  to another value (two rows for one field; typed top to bottom, the second undoes the
  first);
- **lost**: an account the check calls kept that is not once the roster's fix list is
  typed (the fix list retypes the very values it shares with its record);
- **where the app makes a new account**: an account the check calls kept (at first, or
  once the advice is typed: then it counts as incomplete) that the app would not keep,
  asked of the matcher's grouping with the account added as one more record, not of the
  check (a made-up value on one side: read as none by the check before session 70).

Each of the last four is advice a person follows and still loses the account, or types
a value that reaches no one. Session 64 made the first two zero (session 63's code left
45 of 458 incomplete and 128 flagged on the default draw, typing the account's updates
alone); session 65 types the roster's fix list first and made the last two zero.

The draws are seeded, so two versions of the code meet the same cases:

    .venv/bin/python benchmarks/measure_existing_advice.py 3000
    PYTHONPATH=OTHER/src .venv/bin/python benchmarks/measure_existing_advice.py 3000

The pool is written here, not sampled from any district: read the counts as "how often
advice on these shapes was wrong", not as a rate.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from oneroster_identity import read_rest_users
from oneroster_identity.diagnostics import Severity
from oneroster_identity.existing import (
    AccountCheck,
    AccountOutcome,
    ExistingAccount,
    ExistingAccounts,
    check_existing,
)
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.models import Provenance, RoleFamily, Roster

POOL: dict[str, tuple[str, ...]] = {
    "givenName": (
        "Robert", "Robert", "Bob", "R.", "Robert 2", "Robert (Dad)", "Rob\u200bert",
        "Mr. Robert", "Robert-", "R?bert", "ROBERT", "R\u00f3bert", "Robert,",
        "Rob\u00c3\u00a9rt", "Roberto",
    ),
    "familyName": (
        "Ng", "Ng", "Ng,", "N/A", "Ng Family", "Ng-", "C/O Lee", "Ng 2", "NG", "",
        "Ng (Dad)", "Nguyen",
    ),
    "email": (
        "rng@gmail.com", "rng@gmail.com", "rng@gmial.com", "rng@gmail.com (bounced)",
        "frontoffice@springfield.k12.us", "", "Robert <rng@gmail.com>", "rng@gmail.com.com",
        "none@none.com", "r.ng@gmail.com", "RNG@gmail.com", "noemail@springfield.k12.us",
    ),
    "sms": (
        "(603) 555-2368", "(603) 555-2368", "603.555.2368 x12", "6035552368.0",
        "1-800-555-1234", "603-555-2368 do not text", "", "603-CALL-NOW", "000-000-0000",
        "603-555-2369", "603-555-2368 (dad's cell)", "603-555-0100",
    ),
}  # fmt: skip
_FIELDS = ("givenName", "familyName", "email", "sms")
_SIS_ATTR = {"givenName": "given_name", "familyName": "family_name", "email": "email", "sms": "sms"}
_APP_ATTR = {"givenName": "first_name", "familyName": "last_name", "email": "email", "sms": "phone"}
_HELD = re.compile(r"no update is listed for (\w+)")
_CHOSEN = re.compile(r"no update is listed for (\w+): the roster's likely-same item")
"""A held sentence naming a field a roster item's choice, not the account, settles."""
_ACCOUNT = "account:"


def _roster(records: Sequence[dict[str, str]]) -> Roster:
    """The guardian's records (``g1``, ``g2``), each of its own child, and a teacher."""
    users: list[dict[str, object]] = []
    for i, r in enumerate(records, 1):
        users.append({"sourcedId": f"g{i}", "role": "parent", **r, "agentSourcedIds": [f"s{i}"]})
        users.append(
            {
                "sourcedId": f"s{i}",
                "role": "student",
                "givenName": ("Lia", "Max")[i - 1],
                "familyName": "Ng",
                "agentSourcedIds": [f"g{i}"],
            }
        )
    users.append(
        {
            "sourcedId": "t1",
            "role": "teacher",
            "givenName": "Eve",
            "familyName": "Stone",
            "email": "estone@springfield.k12.us",
        }
    )
    return read_rest_users({"users": users})


def _account(values: dict[str, str], joined: bool) -> ExistingAccount:
    return ExistingAccount(
        account_id="A1",
        first_name=values["givenName"],
        last_name=values["familyName"],
        email=values["email"],
        phone=values["sms"],
        family=RoleFamily.GUARDIAN,
        provenance=Provenance(file="accounts.csv", line=2),
        joined=joined,
    )


def _check(roster: Roster, account: ExistingAccount) -> AccountCheck:
    (check,) = check_existing(roster, match(roster), ExistingAccounts(accounts=(account,))).accounts
    return check


def _app_keeps(roster: Roster, account: ExistingAccount) -> bool:
    """Whether the app keeps the account as it reads values, asked of the matcher's
    grouping rather than of the check: the account, added to the roster as one more
    guardian record, is one person with a guardian record of the roster (one name, one
    email and one SMS number as the app compares them, a made-up value being a value like
    any other)."""
    (user,) = read_rest_users(
        {
            "users": [
                {
                    "sourcedId": "acct",
                    "role": "parent",
                    "givenName": account.first_name,
                    "familyName": account.last_name,
                    "email": account.email,
                    "sms": account.phone,
                }
            ]
        }
    ).users
    both = attrs.evolve(roster, users=(*roster.users, user))
    return any(
        "acct" in p.sourced_ids and any(s.startswith("g") for s in p.sourced_ids)
        for p in match(both).persons
    )


def _flags(roster: Roster, sid: str, field: str, value: str) -> list[str]:
    """The warnings and errors ``value`` draws typed into the SIS record ``sid``'s field
    (for a value told to the account: what it would draw as a SIS value)."""
    users = {u.sourced_id: u for u in roster.users}
    users[sid] = attrs.evolve(users[sid], **{_SIS_ATTR[field]: value})
    typed = attrs.evolve(roster, users=tuple(users.values()))
    return [
        f.code
        for f in match(typed).findings
        if f.sourced_id == sid
        and f.field == field
        and f.severity is not Severity.INFO
        and not f.related
    ]


def _fix_list(roster: Roster) -> dict[tuple[str, str], str]:
    """The roster's fix list's ``set`` rows on the guardian's records ((sourcedId, field)
    -> value): near-misses' fixes, then findings' repairs on a field no fix sets, the
    first value of each (written here, not taken from ``advice.decided_fixes``, so that
    older code runs the script too)."""
    result = match(roster)
    rows: dict[tuple[str, str], str] = {}
    for fix in (f for n in result.near_misses for f in n.fixes):
        rows.setdefault((fix.sourced_id, fix.field), fix.suggested)
    for finding in result.findings:
        if finding.suggested is not None and finding.sourced_id and finding.field:
            rows.setdefault((finding.sourced_id, finding.field), finding.suggested)
    return {k: v for k, v in rows.items() if k[0].startswith("g") and k[1] in _SIS_ATTR}


def _items_of(roster: Roster, sourced_ids: Sequence[str]) -> set[tuple[str, ...]]:
    """The likely-same items holding any of ``sourced_ids``, by their records."""
    return {
        n.sourced_ids
        for n in match(roster).near_misses
        if n.kind is NearMissKind.LIKELY_SAME and set(n.sourced_ids) & set(sourced_ids)
    }


def _against_fix_list(roster: Roster, check: AccountCheck) -> int:
    """The account's updates setting a SIS field the roster's fix list sets to another
    value: two rows for one field, the second undoing the first."""
    rows = _fix_list(roster)
    return sum(
        1
        for f in check.updates
        if (f.sourced_id, f.field) in rows and rows[(f.sourced_id, f.field)] != f.suggested
    )


def _typed(
    roster: Roster, account: ExistingAccount, check: AccountCheck, pick: int
) -> tuple[Roster, ExistingAccount, list[str]]:
    """The roster and the account once the updates are typed and each choice's option
    ``pick`` (or its last) is taken, and the findings the typed values draw."""
    users = {u.sourced_id: u for u in roster.users}
    drawn: list[str] = []
    # the roster's fix list is typed first (the report's fix list lists its rows before
    # the accounts' updates); its values are measured by measure_fix_list.py
    for (sid, field), value in _fix_list(roster).items():
        users[sid] = attrs.evolve(users[sid], **{_SIS_ATTR[field]: value})
    typed: list[tuple[str, str, str]] = [
        (f.sourced_id, f.field, f.suggested) for f in check.updates
    ]
    for choice in check.choices:
        option = choice.options[min(pick, len(choice.options) - 1)]
        for sid in option.sourced_ids:
            if not sid.startswith(_ACCOUNT):
                continue
            # the account's value: the SIS records take it (the person's, and the records
            # the choice's other options list: its item's others holding the value)
            records = dict.fromkeys(check.sourced_ids)
            records.update(
                dict.fromkeys(
                    s
                    for each in choice.options
                    for s in each.sourced_ids
                    if not s.startswith(_ACCOUNT)
                )
            )
            typed += [(s, choice.field, option.value) for s in records]
            break
        else:
            # a SIS value: the account takes it, and every SIS record of the choice (a
            # record holding it in a form the app cannot use is told so in the note)
            typed.append((_ACCOUNT + account.account_id, choice.field, option.value))
            typed += [
                (s, choice.field, option.value)
                for each in choice.options
                for s in each.sourced_ids
                if not s.startswith(_ACCOUNT)
            ]
    for sid, field, value in typed:
        if sid.startswith(_ACCOUNT):
            account = attrs.evolve(account, **{_APP_ATTR[field]: value})
            target = check.sourced_ids[0]
        else:
            users[sid] = attrs.evolve(users[sid], **{_SIS_ATTR[field]: value})
            target = sid
        if value.strip():
            drawn += _flags(roster, target, field, value)
    return attrs.evolve(roster, users=tuple(users.values())), account, drawn


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int, nargs="?", default=3000)
    parser.add_argument("--seed", type=int, default=64)
    parser.add_argument("--show", type=int, default=0, help="print this many failing cases")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    shown = 0
    for _ in range(args.cases):
        person = {k: rng.choice(v) for k, v in POOL.items()}
        records = [person] + (
            [{k: rng.choice((person[k], *POOL[k])) for k in _FIELDS}] if rng.random() < 0.3 else []
        )
        roster = _roster(records)
        account = _account({k: rng.choice(v) for k, v in POOL.items()}, rng.random() < 0.5)
        check = _check(roster, account)
        if check.outcome is AccountOutcome.KEPT:
            counts["called kept"] += 1
            typed_roster, _, _ = _typed(roster, account, check, 0)
            if _check(typed_roster, account).outcome is not AccountOutcome.KEPT:
                counts["lost"] += 1
            if not _app_keeps(roster, account):
                counts["miskept"] += 1
            continue
        if check.outcome is not AccountOutcome.NEW_UNLESS_UPDATED or check.message.startswith(
            "as likely"
        ):
            continue
        counts["advised"] += 1
        counts["against"] += bool(_against_fix_list(roster, check))
        held = set(_HELD.findall(check.message))
        picks = range(max((len(c.options) for c in check.choices), default=1))
        verdicts: set[str] = set()
        for pick in picks:
            after_roster, after_account, drawn = _typed(roster, account, check, pick)
            after = _check(after_roster, after_account)
            if after.outcome is AccountOutcome.KEPT and _app_keeps(after_roster, after_account):
                verdict = "kept"
            elif after.outcome is AccountOutcome.KEPT:
                # the check calls it kept, the app makes a new account (a made-up value on
                # one side: read as none by the check before session 70)
                verdict = "incomplete"
            elif (
                set(after.sourced_ids) != set(check.sourced_ids)
                or after.message.startswith("as likely")
                or _items_of(after_roster, check.sourced_ids) > _items_of(roster, check.sourced_ids)
                or set(_CHOSEN.findall(after.message)) - held
            ):
                # the typed records are now one with another of the person's, or that
                # record is as likely the account's, or the two are a likely-same item
                # now (a typed address they share): the roster's item, whose own fixes
                # settle the rest (the next round of its fix list), or the typed records
                # now differ from one the item asks the family about first, and its
                # choice settles the field (the item doubts they are one person, so the
                # account's value went onto the person's records alone)
                verdict = "regrouped"
            else:
                apart = {f.field for f in after.updates} | {c.field for c in after.choices}
                apart |= set(_HELD.findall(after.message))
                # and the fields the roster's fix list sets now (a field held back in the
                # first round that a roster rule settles once the typed name tells whose
                # the number is)
                apart |= {f for sid, f in _fix_list(after_roster) if sid in check.sourced_ids}
                verdict = "held" if apart and apart <= held else "incomplete"
            verdicts.add(verdict)
            if drawn:
                verdicts.add("flagged")
                codes.update(drawn)
            if shown < args.show and ("incomplete" in verdicts or drawn):
                shown += 1
                print(
                    f"{records} | {attrs.asdict(account, filter=lambda a, _: a.name in _APP_ATTR.values() or a.name == 'joined')}\n"
                    f"  pick {pick}: {verdict}, drawn {drawn}\n"
                    f"  updates {[(f.sourced_id, f.field, f.suggested) for f in check.updates]}\n"
                    f"  choices {[(c.field, [o.value for o in c.options]) for c in check.choices]}\n"
                    f"  message {check.message}\n"
                    f"  after {[(f.sourced_id, f.field, f.suggested) for f in after.updates]} {after.message}"
                )
        for verdict in ("incomplete", "regrouped", "held", "kept"):
            if verdict in verdicts:
                counts[verdict] += 1
                break
        counts["flagged"] += "flagged" in verdicts
    print(f"cases drawn: {args.cases} (seed {args.seed}); accounts advised: {counts['advised']}")
    print(f"  kept once typed: {counts['kept']}")
    print(f"  held back with a sentence: {counts['held']}")
    print(f"  regrouped with another record of the person: {counts['regrouped']}")
    print(f"  incomplete (a field apart the advice left unsaid): {counts['incomplete']}")
    print(f"  a typed value draws a finding: {counts['flagged']}")
    print(f"  an update sets a SIS field the fix list sets otherwise: {counts['against']}")
    print(
        f"accounts called kept: {counts['called kept']}; lost once the roster's fix list is "
        f"typed: {counts['lost']}; where the app makes a new account: {counts['miskept']}"
    )
    for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {code}: {n}")


if __name__ == "__main__":
    main()

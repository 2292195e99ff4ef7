"""The fix list typed as it stands: does the next check find what the advice promised?

A SIS team types the fix list's ``set`` rows together, not one item at a time. This
script types them all and checks the roster again with the library's own
``check_fix_list`` (``decided_fixes`` typed by ``apply_fixes``; sessions 65 and 66),
counting:

- **refused**: rows ``apply_fixes`` would not type (two rows setting one field to
  different values, or a row written for a value the record does not hold): advice that
  contradicts itself;
- **flagged**: typed values that draw a warning or an error of their own (findings about
  another record, and the staff name-form questions, aside);
- **left apart**: likely-same items whose advice was fixes alone ("confirm, then apply
  the fixes", nothing sent to the findings) whose records are still not one person;
- accounts the sync creates, and likely-same items, before and after;
- with ``--users``, also records the typed rows join that the check kept as different
  people (``check_fix_list``'s ``unexpected``, since session 66).

Two modes. Drawn cases (``measure_typed_advice.py``'s pool: one person's two to four
records under values offices write), seeded:

    .venv/bin/python benchmarks/measure_fix_list.py 3000

A generated roster of about N users (``_rosters.roster_dir``; two checks of it, so at
1M about two minutes and 2.3 GB):

    .venv/bin/python benchmarks/measure_fix_list.py --users 1000000

It needs ``oneroster_identity.advice`` (session 65 on): to run older code on the drawn
cases, ``measure_typed_advice.py`` types each item's advice with a loop of its own.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import attrs

from oneroster_identity import (
    Roster,
    UsageError,
    apply_fixes,
    check_fix_list,
    decided_fixes,
    read_roster,
)
from oneroster_identity.existing import (
    AccountOutcome,
    ExistingAccounts,
    ExistingCheck,
    check_existing,
    read_existing_accounts,
)
from oneroster_identity.match import Fix, MatchResult, NearMiss, NearMissKind, match

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _rosters import roster_dir
from measure_typed_advice import POOL, _roster


def _fixes_alone(result: MatchResult) -> list[NearMiss]:
    """The likely-same items whose advice is their fixes alone."""
    return [
        near
        for near in result.near_misses
        if near.kind is NearMissKind.LIKELY_SAME
        and near.fixes
        and not near.choices
        and "see their findings" not in near.summary
        and not {"different-names", "contact-restricted"} & set(near.tags)
    ]


def typed_check(roster: Roster, before: MatchResult) -> Counter[str]:
    """The counts for one roster's fix list typed and checked again
    (``check_fix_list``)."""
    counts: Counter[str] = Counter(rows=len(decided_fixes(before)))
    outcome = check_fix_list(roster, before)
    if outcome.refused:
        counts["refused"] += 1
        return counts
    counts["flagged"] = len(outcome.flagged)
    joined = set(outcome.joined)
    for near in _fixes_alone(before):
        counts["fixes alone"] += 1
        counts["left apart"] += near.id not in joined
    return counts


def _drawn(cases: int, seed: int) -> None:
    rng = random.Random(seed)
    total: Counter[str] = Counter()
    for _ in range(cases):
        records = [{k: rng.choice(v) for k, v in POOL.items()} for _ in range(rng.randint(2, 4))]
        roster = _roster(records)
        counts = typed_check(roster, match(roster))
        total.update(counts)
        total["cases with a flagged value"] += bool(counts["flagged"])
    print(f"cases drawn: {cases} (seed {seed}); fix list rows typed: {total['rows']}")
    print(f"fix lists refused (rows contradicting each other or stale): {total['refused']}")
    print(f"cases where a typed value draws a finding: {total['cases with a flagged value']}")
    print(f"items advised with fixes alone: {total['fixes alone']}; left apart once typed: "
          f"{total['left apart']}")  # fmt: skip


def _generated(users: int, *, existing: bool = False, habits: bool = False) -> None:
    path = roster_dir(users)
    started = time.perf_counter()
    roster = read_roster(path)
    before = match(roster)
    first = time.perf_counter() - started
    started = time.perf_counter()
    outcome = check_fix_list(roster, before)  # (the library's own, since session 66)
    second = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"roster: {path.name} ({len(roster.users):,} users)")
    print(f"read + check {first:.1f} s; type the fix list + check again {second:.1f} s; "
          f"peak {peak:,.0f} MB")  # fmt: skip
    print(f"fix list rows typed: {outcome.fixes:,}; refused: {int(bool(outcome.refused))}")
    if outcome.refused:
        return
    print(f"accounts created: {outcome.accounts_before:,} -> {outcome.accounts_after:,}")
    print(f"people split: {outcome.split_before:,} -> {outcome.split_after:,}")
    items = len(outcome.joined) + len(outcome.left)
    print(f"likely-same items made one person: {len(outcome.joined):,} of {items:,}")
    print(f"typed values that draw a finding: {len(outcome.flagged)}")
    print(f"records joined that the check kept as different people: {len(outcome.unexpected)}")
    print(f"likely-same items the typed values reveal: {len(outcome.revealed)}")
    joined = set(outcome.joined)
    alone = [near.id for near in _fixes_alone(before)]
    left = sum(1 for item in alone if item not in joined)
    print(f"items advised with fixes alone: {len(alone):,}; left apart once typed: {left}")
    if existing:
        _existing(roster, before, users, habits)


_ACCOUNT_ATTR = {"givenName": "first_name", "familyName": "last_name", "email": "email"}


def _accounts_typed(
    accounts: ExistingAccounts, check: ExistingCheck
) -> tuple[ExistingAccounts, list[Fix]]:
    """The accounts once each update of the app side is typed, and the updates of the SIS
    side (the fix list's ``account:`` rows on SIS records); choices are left alone."""
    by_id = {a.account_id: a for a in accounts.accounts}
    sis: list[Fix] = []
    for a in check.accounts:
        for u in a.updates:
            if not u.sourced_id.startswith("account:"):
                sis.append(u)
                continue
            attr = _ACCOUNT_ATTR.get(u.field, "phone")
            by_id[a.account_id] = attrs.evolve(by_id[a.account_id], **{attr: u.suggested})
    return attrs.evolve(accounts, accounts=tuple(by_id.values())), sis


def _existing(roster: Roster, before: MatchResult, users: int, habits: bool) -> None:
    """The whole fix list typed, the accounts' rows too: which accounts the check keeps
    before and after."""
    import tempfile

    from bench_existing import write_export

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "accounts.csv"
        write_export(roster, users, path, habits=habits)
        accounts = read_existing_accounts(path)
    check = check_existing(roster, before, accounts)
    typed_accounts, sis = _accounts_typed(accounts, check)
    rows = [*decided_fixes(before), *sis]
    last: dict[tuple[str, str], Fix] = {}
    for row in rows:
        last[(row.sourced_id, row.field)] = row
    contradicting = {
        (r.sourced_id, r.field)
        for r in rows
        if last[(r.sourced_id, r.field)].suggested != r.suggested
    }
    try:
        typed = apply_fixes(roster, rows)
    except UsageError:
        # typed top to bottom, as a person would: the later row stays
        typed = apply_fixes(roster, list(last.values()))
    again = check_existing(typed, match(typed), typed_accounts)
    outcome = {a.account_id: a for a in again.accounts}
    counts: Counter[str] = Counter()
    for a in check.accounts:
        after = outcome[a.account_id].outcome
        counts[f"{a.outcome.value} -> {after.value}"] += 1
        if a.outcome is AccountOutcome.NEW_UNLESS_UPDATED and not a.choices:
            counts["advised"] += 1
            held = "no update is listed" in a.message or a.message.startswith("as likely")
            counts["advised, kept once typed" if after is AccountOutcome.KEPT else
                   "advised, held" if held else "advised, not kept"] += 1  # fmt: skip
    print(f"accounts: {len(check.accounts):,} adult ({'with' if habits else 'without'} habits); "
          f"their SIS rows typed with the fix list: {len(sis):,}; fields two rows set apart "
          f"(typed top to bottom): {len(contradicting)}")  # fmt: skip
    for key in sorted(k for k in counts if "->" in k):
        print(f"  {key}: {counts[key]:,}")
    print(f"  advised with updates alone: {counts['advised']:,}; kept once typed "
          f"{counts['advised, kept once typed']:,}, held back {counts['advised, held']:,}, "
          f"not kept {counts['advised, not kept']:,}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int, nargs="?", default=2000)
    parser.add_argument("--seed", type=int, default=65)
    parser.add_argument("--users", type=int, default=0, help="a generated roster instead")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="with --users: bench_existing.py's app accounts too, their rows typed as well",
    )
    parser.add_argument("--habits", action="store_true", help="with --existing: app habits")
    args = parser.parse_args(argv)
    if args.users:
        _generated(args.users, existing=args.existing, habits=args.habits)
    else:
        _drawn(args.cases, args.seed)


if __name__ == "__main__":
    main()

"""Cost of the existing-accounts check on a generated roster.

    python benchmarks/bench_existing.py [USERS ...]      # default 1000000
    python benchmarks/bench_existing.py --habits [USERS ...]  # with the app-side habits

For each size, in a fresh process: read the cached generated roster, match it, then time
``check_existing`` against an app export of 2% of the roster's users as guardian accounts
(one in seven with an old email, the rest exactly the SIS values) and 1% as student
accounts (name and grade only). Prints the check's seconds, the run's peak memory before
and after it, and the outcome counts (with the new-unless-updated accounts as likely
another person's, for which no update is listed), so a change that alters outcomes shows.
"""

from __future__ import annotations

import csv
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, fresh_process, roster_dir


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


HABITS = ("spreadsheet-phone", "display-name", "no-phone", "title", "number-in-name")
"""What ``--habits`` writes on one adult account in five of those that hold the SIS
values (since session 64): the phone as a spreadsheet wrote it (``6175550123.0``), the
address under a mail program's display name, no phone, a title before the given name,
a number after it (``Ana 2``: an account made twice)."""


def _habit(habit: str, u: object, email: str) -> tuple[str, str, str]:
    """The given name, email and phone an account of ``u`` holds under ``habit``."""
    given, sms = u.given_name, u.sms  # type: ignore[attr-defined]
    digits = "".join(ch for ch in sms if ch.isdigit())[-10:]
    if habit == "spreadsheet-phone":
        return given, email, f"{digits}.0"
    if habit == "display-name":
        return given, f"{given} {u.family_name} <{email}>", sms  # type: ignore[attr-defined]
    if habit == "no-phone":
        return given, email, ""
    if habit == "title":
        return f"Dr. {given}", email, sms
    return f"{given} 2", email, sms


def write_export(roster: object, users: int, path: Path, habits: bool = False) -> None:
    """The app export, in the library's own column names: a fixed sample of the roster's
    guardians and students (``habits``: one adult account in five of those on the SIS
    values under an app-side habit, :data:`HABITS`)."""
    from oneroster_identity.existing import ACCOUNT_COLUMNS

    rng = random.Random(5)
    all_users = roster.users  # type: ignore[attr-defined]
    guardians = [u for u in all_users if u.primary_family.value == "guardian" and u.email and u.sms]
    students = [u for u in all_users if u.primary_family.value == "student" and u.grades]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(ACCOUNT_COLUMNS)
        for i, u in enumerate(rng.sample(guardians, min(len(guardians), users // 50))):
            email = u.email if i % 7 else "old." + u.email
            given, sms = u.given_name, u.sms
            if habits and i % 7 and i % 5 == 0:
                given, email, sms = _habit(HABITS[(i // 5) % len(HABITS)], u, email)
            out.writerow([f"A{i}", given, u.family_name, email, sms, "parent", "yes"])
        for i, u in enumerate(rng.sample(students, min(len(students), users // 100))):
            name = (u.given_name, u.family_name)
            out.writerow([f"S{i}", *name, "", "", "student", "yes", u.grades[0]])


def run_one(users: int, habits: bool = False) -> dict[str, object]:
    from oneroster_identity import check_existing, read_existing_accounts, read_roster
    from oneroster_identity.match import match

    target = roster_dir(users)
    roster = read_roster(target)
    export = target / ("existing_accounts_habits_v1.csv" if habits else "existing_accounts_v2.csv")
    if not export.exists():
        write_export(roster, users, export, habits)
    result = match(roster)
    before = _peak_mb()
    accounts = read_existing_accounts(export)
    start = time.perf_counter()
    check = check_existing(roster, result, accounts)
    seconds = time.perf_counter() - start
    outcomes = Counter(a.outcome.value for a in check.accounts)
    outcomes["student-merge-candidates"] = len(check.student_candidates)
    # new-unless-updated accounts as likely another person's (no update listed)
    outcomes["of them whose-account-unclear"] = sum(
        a.message.startswith("as likely ") for a in check.accounts
    )
    rules = Counter(f.rule for a in check.accounts for f in a.updates)
    held = Counter(
        sentence.split(":")[0]
        for a in check.accounts
        for sentence in a.message.split("; ")
        if sentence.startswith("no update is listed")
    )
    return {
        "rules": dict(sorted(rules.items())),
        "held": dict(sorted(held.items())),
        "users": len(roster.users),
        "accounts": len(accounts.accounts),
        "seconds": seconds,
        "peak_before_mb": before,
        "peak_mb": _peak_mb(),
        "outcomes": dict(sorted(outcomes.items())),
    }


def main() -> None:
    args = sys.argv[1:]
    habits = "--habits" in args
    args = [a for a in args if a != "--habits"]
    if len(args) > 1 and args[0] == "--one":
        print(json.dumps(run_one(int(args[1]), habits)))
        return
    print(allocator_note(), flush=True)
    for users in [int(a) for a in args] or [1000000]:
        roster_dir(users)  # generated outside the measured process
        f = fresh_process(__file__, str(users), *(["--habits"] if habits else []))
        print(
            f"{f['users']:,} users, {f['accounts']:,} accounts: existing check "
            f"{f['seconds']:.1f} s, peak {f['peak_before_mb']:,.0f} -> {f['peak_mb']:,.0f} MB; "
            f"outcomes {f['outcomes']}; update rules {f['rules']}; held back {f['held']}",
            flush=True,
        )


if __name__ == "__main__":
    main()

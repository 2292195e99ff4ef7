"""Cost of the existing-accounts check on a generated roster.

    python benchmarks/bench_existing.py [USERS ...]      # default 1000000

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


def write_export(roster: object, users: int, path: Path) -> None:
    """The app export, in the library's own column names: a fixed sample of the roster's
    guardians and students."""
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
            out.writerow([f"A{i}", u.given_name, u.family_name, email, u.sms, "parent", "yes"])
        for i, u in enumerate(rng.sample(students, min(len(students), users // 100))):
            name = (u.given_name, u.family_name)
            out.writerow([f"S{i}", *name, "", "", "student", "yes", u.grades[0]])


def run_one(users: int) -> dict[str, object]:
    from oneroster_identity import check_existing, read_existing_accounts, read_roster
    from oneroster_identity.match import match

    target = roster_dir(users)
    roster = read_roster(target)
    export = target / "existing_accounts_v2.csv"
    if not export.exists():
        write_export(roster, users, export)
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
    return {
        "users": len(roster.users),
        "accounts": len(accounts.accounts),
        "seconds": seconds,
        "peak_before_mb": before,
        "peak_mb": _peak_mb(),
        "outcomes": dict(sorted(outcomes.items())),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    print(allocator_note(), flush=True)
    for users in [int(a) for a in sys.argv[1:]] or [1000000]:
        roster_dir(users)  # generated outside the measured process
        f = fresh_process(__file__, str(users))
        print(
            f"{f['users']:,} users, {f['accounts']:,} accounts: existing check "
            f"{f['seconds']:.1f} s, peak {f['peak_before_mb']:,.0f} -> {f['peak_mb']:,.0f} MB; "
            f"outcomes {f['outcomes']}",
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Per-value cost of the normalizers, with and without the fast paths.

    python benchmarks/bench_normalize.py [USERS]

Values are the distinct names, emails and SMS phones of a generated roster of USERS users
(default 100000, cached like the other benchmarks), each normalized once from a cold cache,
as a roster check does; each figure is the best of five rounds in which the runs take turns. Three figures per kind: the libraries' own call alone
(``email_validator.validate_email``; ``phonenumbers`` parse, format, validity, possibility
and type), our normalizer forced onto the libraries (``fast=False``), and our normalizer with
the fast paths (plain ASCII emails, NANP phones).
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import phonenumbers
from email_validator import EmailNotValidError, validate_email

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import roster_dir
from oneroster_identity.normalize import name_key
from oneroster_identity.normalize._emails import _domain_facts, normalize_email
from oneroster_identity.normalize._phones import _nanp_facts, normalize_phone
from oneroster_identity.normalize._text import fold_key
from oneroster_identity.policy import DEFAULT_POLICY

REPEATS = 5


def best_per_value(
    runs: dict[str, tuple[Callable[[str], object], Sequence[str]]],
) -> dict[str, float]:
    """Microseconds per value of each run, the best of :data:`REPEATS` rounds. The runs
    take turns within a round (so a slow spell of the machine hits all of them) and every
    cache is cleared before each pass, so each value is normalized from cold."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(REPEATS):
        for label, (fn, values) in runs.items():
            for cache in (_domain_facts, _nanp_facts, fold_key):
                cache.cache_clear()
            start = time.perf_counter()
            for v in values:
                fn(v)
            best[label] = min(best[label], time.perf_counter() - start)
    return {label: best[label] / len(runs[label][1]) * 1e6 for label in runs}


def library_email(value: str) -> object:
    try:
        return validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return None


def library_phone(value: str) -> object:
    try:
        n = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return None
    return (
        phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.is_valid_number(n),
        phonenumbers.is_possible_number(n),
        phonenumbers.number_type(n),
    )


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    with open(roster_dir(users) / "users.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    emails = sorted({r["email"] for r in rows if r["email"]})
    phones = sorted({r["sms"] for r in rows if r["sms"]})
    names = sorted({r["givenName"] for r in rows} | {r["familyName"] for r in rows})
    print(
        f"{len(rows)} users: {len(emails)} distinct emails, {len(phones)} phones, "
        f"{len(names)} names"
    )
    t = best_per_value(
        {
            "names": (name_key, names),
            "email library": (library_email, emails),
            "phone library": (library_phone, phones),
            "email slow": (
                lambda v: normalize_email(v, policy=DEFAULT_POLICY, fast=False),
                emails,
            ),
            "phone slow": (
                lambda v: normalize_phone(v, policy=DEFAULT_POLICY, fast=False),
                phones,
            ),
            "email fast": (lambda v: normalize_email(v, policy=DEFAULT_POLICY), emails),
            "phone fast": (lambda v: normalize_phone(v, policy=DEFAULT_POLICY), phones),
        }
    )
    print(f"names                                 {t['names']:7.2f} us/value")
    for label, kind in (
        ("libraries alone", "library"),
        ("normalize, fast=False", "slow"),
        ("normalize, fast paths", "fast"),
    ):
        print(
            f"{label:22s} emails {t['email ' + kind]:7.2f} us/value   "
            f"phones {t['phone ' + kind]:7.2f} us/value"
        )
    print(
        f"fast-path speed-up     emails {t['email slow'] / t['email fast']:4.1f}x vs fast=False, "
        f"{t['email library'] / t['email fast']:4.1f}x vs library alone; "
        f"phones {t['phone slow'] / t['phone fast']:4.1f}x, "
        f"{t['phone library'] / t['phone fast']:4.1f}x"
    )


if __name__ == "__main__":
    main()

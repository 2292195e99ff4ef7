"""Per-value cost of the normalizers, with and without the fast paths.

    python benchmarks/bench_normalize.py [USERS]

Values are the distinct names, emails and SMS phones of a generated roster of USERS users
(default 100000, cached like the other benchmarks), each normalized once from a cold cache,
as a roster check does. Three figures per kind: the libraries' own call alone
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
from oneroster_identity.normalize._emails import normalize_email
from oneroster_identity.normalize._phones import _nanp_facts, normalize_phone
from oneroster_identity.normalize._text import fold_key
from oneroster_identity.policy import DEFAULT_POLICY


def per_value(fn: Callable[[str], object], values: Sequence[str]) -> float:
    start = time.perf_counter()
    for v in values:
        fn(v)
    return (time.perf_counter() - start) / len(values) * 1e6


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
    fold_key.cache_clear()
    print(f"names                                 {per_value(name_key, names):7.2f} us/value")
    e_lib = per_value(library_email, emails)
    p_lib = per_value(library_phone, phones)
    print(f"libraries alone        emails {e_lib:7.2f} us/value   phones {p_lib:7.2f} us/value")
    results = {}
    for label, fast in (("normalize, fast=False", False), ("normalize, fast paths", True)):
        normalize_email.cache_clear()
        normalize_phone.cache_clear()
        _nanp_facts.cache_clear()
        e = per_value(lambda v, f=fast: normalize_email(v, policy=DEFAULT_POLICY, fast=f), emails)
        p = per_value(lambda v, f=fast: normalize_phone(v, policy=DEFAULT_POLICY, fast=f), phones)
        results[fast] = (e, p)
        print(f"{label:22s} emails {e:7.2f} us/value   phones {p:7.2f} us/value")
    (e_slow, p_slow), (e_fast, p_fast) = results[False], results[True]
    print(
        f"fast-path speed-up     emails {e_slow / e_fast:6.1f}x vs fast=False, "
        f"{e_lib / e_fast:4.1f}x vs library alone; phones {p_slow / p_fast:4.1f}x, "
        f"{p_lib / p_fast:4.1f}x"
    )


if __name__ == "__main__":
    main()

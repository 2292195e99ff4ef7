"""Per-value cost of the normalizers, with and without the fast paths.

python benchmarks/bench_normalize.py [N]
"""

from __future__ import annotations

import sys
import time

from oneroster_identity.normalize import name_key
from oneroster_identity.normalize._emails import normalize_email
from oneroster_identity.normalize._phones import normalize_phone
from oneroster_identity.synthetic import generate_roster


def per_value(fn, values) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for v in values:
        fn(v)
    return (time.perf_counter() - start) / len(values) * 1e6


def main() -> None:
    households = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    users = generate_roster(households=households, seed=1).roster.users
    emails = sorted({u.email for u in users if u.email})
    phones = sorted({u.sms for u in users if u.sms})
    names = sorted({u.given_name for u in users} | {u.family_name for u in users})
    print(f"distinct values: {len(emails)} emails, {len(phones)} phones, {len(names)} names")
    print(f"names           {per_value(name_key, names):7.2f} us/value")
    for label, fast in (("full library", False), ("fast path", True)):
        normalize_email.cache_clear()
        normalize_phone.cache_clear()
        e = per_value(lambda v, f=fast: normalize_email(v, fast=f), emails)
        p = per_value(lambda v, f=fast: normalize_phone(v, fast=f), phones)
        print(f"{label:14s}  emails {e:7.2f} us/value   phones {p:7.2f} us/value")


if __name__ == "__main__":
    main()

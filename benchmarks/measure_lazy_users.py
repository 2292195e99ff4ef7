"""What a roster without `User` objects would buy: a measurement, not a design.

    python benchmarks/measure_lazy_users.py [USERS ...]       # default 1000000

Issue 15 asks for a columnar core ("persons built only for output"). Before
``Roster.users`` became a sequence that builds each ``User`` on access (session 10), this
script measured the most such a change could save on the read and facts stages; it now
measures how close the column roster comes to that ceiling, in a fresh process per mode:

- ``current``: ``read_roster`` (users as columns since session 10) and the matcher's
  ``FactsBuilder.of_active`` over every active user;
- ``rows``: the same three files parsed by the same csv module with the same per-row
  strip, users kept as compact tuples of their stripped cells (everything a ``User``
  could later be built from, the password dropped; values of repeating columns shared
  one object per distinct value, as the reader shares them), roles and demographics as
  dicts, and
  the same normalizers run on every distinct email, phone and name. No diagnostics, no
  provenance objects, no ``RecordFacts``: an upper bound on what skipping the objects
  saves, not a reader anyone should use.

It prints wall-clock seconds per stage and the peak RSS of each mode.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import roster_dir


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current(target: Path) -> dict[str, float]:
    from oneroster_identity import read_roster
    from oneroster_identity._gc import paused_gc
    from oneroster_identity.match._records import FactsBuilder
    from oneroster_identity.policy import DEFAULT_POLICY

    t0 = time.perf_counter()
    roster = read_roster(target)
    t1 = time.perf_counter()
    with paused_gc():
        facts = FactsBuilder(DEFAULT_POLICY).of_active(roster.users)
    t2 = time.perf_counter()
    return {"read_s": t1 - t0, "facts_s": t2 - t1, "records": len(facts), "peak_mb": _peak_mb()}


def rows(target: Path) -> dict[str, float]:
    import csv

    from oneroster_identity._gc import paused_gc
    from oneroster_identity.match._records import FactsBuilder
    from oneroster_identity.normalize import PersonName
    from oneroster_identity.normalize._names import name_key
    from oneroster_identity.policy import DEFAULT_POLICY

    strip = str.strip

    # Columns whose values repeat (status, dates, roles, orgs, grades, names...) share one
    # string object per distinct value, as the reader shares them; identifiers, emails and
    # phones are unique per record and are kept as read.
    unique = {"sourcedId", "userSourcedId", "email", "sms", "phone", "username", "identifier"}

    def table(name: str) -> tuple[dict[str, int], list[tuple[str, ...]]]:
        with open(target / name, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader)]
            keep = [i for i, h in enumerate(header) if h != "password"]
            index = {header[i]: n for n, i in enumerate(keep)}
            shared = [None if header[i] in unique else {} for i in keep]
            out = []
            for row in reader:
                if not row:
                    continue
                cells = []
                for i, pool in zip(keep, shared, strict=True):
                    value = strip(row[i])
                    cells.append(value if pool is None else pool.setdefault(value, value))
                out.append(tuple(cells))
        return index, out

    with paused_gc():
        t0 = time.perf_counter()
        u_index, users = table("users.csv")
        r_index, roles = table("roles.csv")
        role_of = {r[r_index["userSourcedId"]]: r[r_index["role"]] for r in roles}
        del roles
        d_index, demo = table("demographics.csv")
        born = {d[d_index["sourcedId"]]: d[d_index["birthDate"]] for d in demo}
        del demo
        t1 = time.perf_counter()
        build = FactsBuilder(DEFAULT_POLICY)
        names: dict[tuple[str, ...], tuple[PersonName, tuple[str, str]]] = {}
        at = [u_index.get(c) for c in ("givenName", "familyName", "middleName")]
        p_email, p_sms, p_phone = u_index["email"], u_index["sms"], u_index["phone"]
        facts = []
        for u in users:
            raw = tuple(u[i] if i is not None else "" for i in at)
            name = names.get(raw)
            if name is None:
                person = PersonName(given=raw[0], family=raw[1], middle=raw[2])
                name = names[raw] = (
                    person,
                    (name_key(person.given), name_key(person.family)),
                )
            facts.append(
                (name, build.email(u[p_email]), build.phone(u[p_sms]), build.phone(u[p_phone]))
            )
        t2 = time.perf_counter()
    return {
        "read_s": t1 - t0,
        "facts_s": t2 - t1,
        "records": len(facts),
        "peak_mb": _peak_mb(),
        "roles": len(role_of),
        "born": len(born),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        mode, target = sys.argv[2], Path(sys.argv[3])
        print(json.dumps({"current": current, "rows": rows}[mode](target)))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [1_000_000]
    for size in sizes:
        target = roster_dir(size)
        for mode in ("current", "rows"):
            out = subprocess.run(
                [sys.executable, __file__, "--one", mode, str(target)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out)
            print(
                f"{size:>9,} users  {mode:8s} read {r['read_s']:6.2f} s  facts "
                f"{r['facts_s']:6.2f} s  total {r['read_s'] + r['facts_s']:6.2f} s  "
                f"peak {r['peak_mb']:7,.0f} MB  ({r['records']:,} records)"
            )


if __name__ == "__main__":
    main()

"""What the fields a real SIS export fills, and the generator leaves empty, cost a check.

    python benchmarks/measure_export_fields.py [USERS ...]       # default 1000000

The generator fills only what identity needs (names, email, sms, phone, links, grades).
Real exports also carry a ``username`` for nearly everyone, an ``identifier`` (the student
or staff number) and often students' middle names; the check never reads them, but the
reader keeps every field of every user, so a benchmark on the generated roster understates
a real export's memory. This script copies the cached generated roster, fills those
columns the way exports do (a username on every row, an identifier on students, staff and
3 in 10 guardians, a middle name on half the students; seeded, so every run writes the
same file), and runs the same check (read, match, JSON report) on both copies, each in a
fresh process, printing time and peak RSS. The filled copy is cached beside the roster.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import fresh_process, roster_dir

MIDDLE_NAMES = ("Ann", "Marie", "Lee", "James", "Jose", "Luis", "Grace", "Rose", "Thi", "Van")
WITH_NUMBER = ("stu", "tea", "stf", "adm")
"""sourcedId prefixes of the generator's students and staff: they carry an identifier."""


def filled_copy(source: Path) -> Path:
    """The roster at ``source`` with username, identifier and middle names filled."""
    target = source.with_name(source.name + "-export-fields")
    if (target / "users.csv").exists():
        return target
    target.mkdir(exist_ok=True)
    for item in source.iterdir():
        if item.name != "users.csv":
            shutil.copy(item, target / item.name)
    rng = random.Random(7)
    partial = target / "users.csv.partial"
    with (
        (source / "users.csv").open(newline="", encoding="utf-8") as src,
        partial.open("w", newline="", encoding="utf-8") as dst,
    ):
        reader = csv.DictReader(src)
        writer = csv.DictWriter(dst, reader.fieldnames or [])
        writer.writeheader()
        for row in reader:
            sourced_id, given, family = row["sourcedId"], row["givenName"], row["familyName"]
            stem = (given[:1] + family).lower().replace(" ", "")[:20]
            row["username"] = f"{stem}{rng.randrange(1000)}"
            if sourced_id.startswith(WITH_NUMBER) or rng.random() < 0.3:
                row["identifier"] = str(rng.randrange(10**6, 10**7))
            if sourced_id.startswith("stu") and rng.random() < 0.5:
                row["middleName"] = rng.choice(MIDDLE_NAMES)
            writer.writerow(row)
    partial.rename(target / "users.csv")
    return target


def run_one(target: Path) -> dict[str, float]:
    """One check of ``target`` in this process: seconds per step and peak RSS."""
    from oneroster_identity import read_roster
    from oneroster_identity.match import match
    from oneroster_identity.report import write_json

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    roster = read_roster(target)
    read_s, read_mb = time.perf_counter() - start, peak_mb()
    result = match(roster)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    total_s = time.perf_counter() - start
    return {"users": len(roster.users), "read_s": read_s, "read_mb": read_mb,
            "total_s": total_s, "peak_mb": peak_mb()}  # fmt: skip


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(Path(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [1_000_000]
    for users in sizes:
        generated = roster_dir(users)
        for label, target in (("generated", generated), ("export fields", filled_copy(generated))):
            r = fresh_process(__file__, str(target))
            print(
                f"{r['users']:>9,} users, {label:13s}: read {r['read_s']:6.2f} s "
                f"(peak {r['read_mb']:6,.0f} MB), check {r['total_s']:6.2f} s, "
                f"peak {r['peak_mb']:6,.0f} MB"
            )


if __name__ == "__main__":
    main()

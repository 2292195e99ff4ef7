"""Class enrollments beside a roster: what reading them costs, and what the advice says.

    python benchmarks/bench_enrollments.py [USERS ...]      # default 100000

The generated roster carries no enrollments, so one is written beside it once per size
(``users-...-enrollments``: the roster's files linked, its manifest declaring
``enrollments.csv``). Every student sits in three to six classes of its grade at its
school. Of each planted student entered twice (the generator's child registered again
at the school it moved to), the old school withdrew the first record in half the cases
(no enrollments) and not in the other half (both records enrolled).

Each form is read and matched in a fresh process, so its peak memory (max RSS) is its
own, alternating twice. ``same_result`` says whether both forms gave the same persons and
near-misses apart from their advice (it must be true: enrollments are never evidence).
Printed for the enrolled form: the enrollment rows, how many student-entered-twice items
name the record to keep, how many name the one enrolled record at another school, and
how many list every record as enrolled or none.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, fresh_process, labels, roster_dir
from oneroster_identity.io import ENROLLMENTS_COLUMNS


def enrolled_dir(users: int) -> Path:
    """The generated roster of ``users`` with an enrollments.csv, written if missing."""
    base = roster_dir(users)
    target = base.with_name(f"{base.name}-enrollments")
    if not (target / "enrollments.csv").exists():
        fresh_process(__file__, "make", str(base), str(target))
    return target


def _make(base: Path, target: Path) -> dict[str, object]:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("users.csv", "roles.csv", "orgs.csv", "demographics.csv", "labels.json"):
        link = target / name
        if not link.exists():
            os.symlink(base / name, link)
    manifest = (base / "manifest.csv").read_text().replace("file.enrollments,absent\n", "")
    (target / "manifest.csv").write_text(manifest.rstrip("\n") + "\nfile.enrollments,bulk\n")
    withdrawn = {
        str(case["sourced_ids"][0])  # type: ignore[index]
        for n, case in enumerate(
            c for c in labels(base) if str(c["variant"]).startswith("student-entered-twice")
        )
        if n % 2 == 0
    }
    grades: dict[str, str] = {}
    with (base / "users.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            grades[row["sourcedId"]] = (row["grades"].split(",")[0] or "x").lstrip("0")
    rows = 0
    partial = target / "enrollments.partial"
    with (
        (base / "roles.csv").open(newline="", encoding="utf-8") as roles,
        partial.open("w", newline="", encoding="utf-8") as out,
    ):
        writer = csv.writer(out)
        writer.writerow(ENROLLMENTS_COLUMNS)
        for role in csv.DictReader(roles):
            sid, school = role["userSourcedId"], role["orgSourcedId"]
            if role["role"] != "student" or sid in withdrawn:
                continue
            grade = grades.get(sid, "x")
            for k in range(3 + int(hashlib.blake2b(sid.encode(), digest_size=1).digest()[0]) % 4):
                rows += 1
                writer.writerow(
                    (
                        f"e{rows}",
                        "active",
                        "",
                        f"c-{school}-{grade}-{k}",
                        school,
                        sid,
                        "student",
                        "false",
                        "2026-08-31",
                        "2027-06-18",
                    )
                )
    partial.replace(target / "enrollments.csv")
    return {"rows": rows, "withdrawn": len(withdrawn)}


def measure(source: Path) -> dict[str, object]:
    from oneroster_identity import read_roster
    from oneroster_identity.match import NearMissKind, match

    start = time.perf_counter()
    roster = read_roster(source)
    read = time.perf_counter() - start
    result = match(roster)
    total = time.perf_counter() - start
    digest = hashlib.sha256()
    for person in result.persons:
        digest.update(repr((person.id, person.sourced_ids)).encode())
    for near in result.near_misses:
        digest.update(repr((near.id, near.kind.value, near.tags, near.fixes)).encode())
    twice = [
        n
        for n in result.near_misses
        if n.kind is NearMissKind.LIKELY_SAME and "student-entered-twice" in n.tags
    ]
    return {
        "users": len(roster.users),
        "read_s": read,
        "read_match_s": total,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "students_counted": len(roster.enrollment_counts or {}),
        "twice_items": len(twice),
        "keep_named": sum(
            " in the SIS (the record enrolled in classes" in n.summary for n in twice
        ),
        "one_enrolled_elsewhere": sum("are at different schools" in n.summary for n in twice),
        "all_enrolled": sum(
            bool(n.enrollments) and all(c for _, c in n.enrollments) for n in twice
        ),
        "none_enrolled": sum(
            bool(n.enrollments) and not any(c for _, c in n.enrollments) for n in twice
        ),
        "result": digest.hexdigest()[:12],
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        if sys.argv[2] == "make":
            print(json.dumps(_make(Path(sys.argv[3]), Path(sys.argv[4]))))
        else:
            print(json.dumps(measure(Path(sys.argv[2]))))
        return
    print(allocator_note(), flush=True)
    for size in [int(a) for a in sys.argv[1:]] or [100000]:
        forms = {"without": roster_dir(size), "with enrollments": enrolled_dir(size)}
        runs: dict[str, list[dict[str, object]]] = {name: [] for name in forms}
        for _ in range(2):
            for name, path in forms.items():
                runs[name].append(fresh_process(__file__, str(path)))
        with (forms["with enrollments"] / "enrollments.csv").open("rb") as fh:
            rows = sum(1 for _ in fh) - 1
        for name, figures in runs.items():
            f = figures[-1]
            reads = " / ".join(f"{r['read_s']:.2f}" for r in figures)
            totals = " / ".join(f"{r['read_match_s']:.2f}" for r in figures)
            peaks = " / ".join(f"{r['peak_mb']:,.0f}" for r in figures)
            print(
                f"{size} users, {name}: read {reads} s, read + match {totals} s, peak {peaks} MB",
                flush=True,
            )
        f = runs["with enrollments"][-1]
        same = runs["without"][-1]["result"] == f["result"]
        print(
            f"{size} users: {rows:,} enrollment rows, {f['students_counted']:,} students "
            f"counted; student-entered-twice items {f['twice_items']}: record to keep named "
            f"{f['keep_named']}, one record enrolled at another school "
            f"{f['one_enrolled_elsewhere']}, every record enrolled {f['all_enrolled']}, "
            f"none {f['none_enrolled']}; same_result={same}",
            flush=True,
        )


if __name__ == "__main__":
    main()

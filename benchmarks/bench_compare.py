"""Cost of comparing two snapshots against one check.

    python benchmarks/bench_compare.py [USERS]

Each figure is measured in its own process (peak RSS is the run's own): one check of
tonight's roster; compare with last night's *roster* (two checks and the comparison); the
same with ``jobs=2`` (last night's roster checked in a second process while tonight's is
checked; the worker's peak is printed too); and compare with last night's *saved JSON
report* (one check, then the report read back, then the comparison: ``load_snapshots``'
order, which the CLI uses). Last night's roster is the
generated roster with 0.5% of its adults' emails changed and 0.2% of its records removed.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, fresh_process, roster_dir


def _tonight(users: int, work: Path) -> tuple[Path, Path]:
    """(last night's roster dir, tonight's) written once per size."""
    import attrs

    from oneroster_identity import read_roster, write_csv_roster

    old_dir = roster_dir(users)
    # Keyed by last night's roster (size, seed and generator version): a tonight made from
    # another generator's roster would compare two different districts.
    new_dir = work / f"tonight-{old_dir.name}"
    if not (new_dir / "users.csv").exists():
        roster = read_roster(old_dir)
        rng = random.Random(1)
        changed = []
        for u in roster.users:
            r = rng.random()
            if r < 0.002:
                continue
            if r < 0.007 and u.email:
                u = attrs.evolve(u, email="x" + u.email)
            changed.append(u)
        write_csv_roster(attrs.evolve(roster, users=changed), new_dir)
    return old_dir, new_dir


def _run(mode: str, old: str, new: str, report: str) -> dict[str, float]:
    from oneroster_identity import read_roster
    from oneroster_identity.compare import Snapshot, compare, load_snapshots
    from oneroster_identity.match import match
    from oneroster_identity.report import write_json

    start = time.perf_counter()
    if mode == "check":
        with open(os.devnull, "w", encoding="utf-8") as sink:
            write_json(match(read_roster(new)), sink)
    elif mode == "compare-rosters-2-jobs":
        compare(*load_snapshots(old, new, jobs=2))
    elif mode == "compare-report":
        # As the CLI does: tonight's roster checked and reduced to its snapshot, then
        # last night's report read.
        compare(*load_snapshots(report, new))
    else:
        # As the CLI does: last night's snapshot first, so its full result is freed
        # before tonight's check runs.
        last = Snapshot.from_result(match(read_roster(old)))
        compare(last, match(read_roster(new)))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(_run(*sys.argv[2:6])))
        return
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    print(allocator_note(), flush=True)
    work = Path(tempfile.gettempdir()) / "or-identity-compare"
    work.mkdir(exist_ok=True)
    old, new = _tonight(users, work)
    report = work / f"last-night-{old.name}.json"
    if not report.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "oneroster_identity",
                "check",
                str(old),
                "--format",
                "json",
                "-o",
                str(report),
                "-q",
            ],
            check=False,
        )
    figures = {}
    modes = ("check", "compare-rosters", "compare-rosters-2-jobs", "compare-report")
    for mode in modes:
        figures[mode] = fresh_process(__file__, mode, str(old), str(new), str(report))
        worker = figures[mode]["worker_peak_mb"]
        print(
            f"{mode}: {figures[mode]['seconds']:.1f} s, peak {figures[mode]['peak_mb']:.0f} MB"
            + (f" (worker process {worker:.0f} MB)" if mode.endswith("jobs") else ""),
            flush=True,
        )
    one = figures["check"]["seconds"]
    for mode in modes[1:]:
        print(f"{mode} / check = {figures[mode]['seconds'] / one:.2f}x")


if __name__ == "__main__":
    main()

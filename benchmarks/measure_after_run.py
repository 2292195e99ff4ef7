"""What a process keeps after a check: the resident set once the result is dropped.

    python benchmarks/measure_after_run.py [USERS] [--runs N]

A service, a notebook or a batch over many districts outlives each check. This script
reads and matches the generated roster, then drops the roster and the result and prints
the resident set: with the result held, after dropping it, and the run's peak; with
``--runs N`` it does so N times in the same process (the second run's peak shows what the
first left in the allocator). The caches of roster values (``oneroster_identity._memo``)
are emptied when a run ends, so the figure after dropping shows what else is kept.
Linux only (``/proc/self/statm``).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import allocator_note, roster_dir

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * _PAGE / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("users", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    path = roster_dir(args.users)
    print(allocator_note(), flush=True)

    from oneroster_identity import read_roster
    from oneroster_identity.match import match

    print(f"{args.users:,} users requested; RSS at start {_rss_mb():.0f} MB", flush=True)
    for run in range(1, args.runs + 1):
        roster = read_roster(path)
        result = match(roster)
        held = _rss_mb()
        del roster, result
        gc.collect()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"run {run}: {held:.0f} MB with the result, {_rss_mb():.0f} MB after dropping it, "
            f"peak so far {peak:.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()

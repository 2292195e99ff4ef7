"""Growth of a check's time from one roster size to another, measured so that both sizes
see the same machine.

    python benchmarks/bench_growth.py [SMALL LARGE] [--seed N]

Issue 15 bounds the growth from 100k to 1M users at 10.5x. Run one after the other, the
two sizes meet different states of a shared machine (this one's wall clock drifts by up
to 1.8x within an hour), so the ratio of two sequential runs says as much about the
machine as about the code. Here the large check runs once in a fresh process pinned to
one core while the small check runs again and again in fresh processes pinned to the
other, until the large one ends; the growth is the large time over the median small
time, and the spread of the small runs says how steady the machine was. Each check is
``read_roster`` + ``match`` + the JSON report (to /dev/null) on a cached generated roster,
with a fixed hash seed. Needs two cores; without CPU affinity (not Linux) the processes
are not pinned.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import process_figures, roster_dir, start_process


def run_one(users: int) -> dict[str, float]:
    """One check of the cached roster of ``users``, timed in this process."""
    from oneroster_identity import read_roster
    from oneroster_identity.match import match
    from oneroster_identity.report import write_json

    target = roster_dir(users)
    start = time.perf_counter()
    result = match(read_roster(target))
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    return {"users": len(result.facts), "seconds": time.perf_counter() - start}


def _start(users: int, core: int | None, seed: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    pin = () if core is None else ("--core", str(core))
    return start_process(__file__, str(users), *pin, env=env)


def _seconds(proc: subprocess.Popen[str]) -> float:
    seconds: float = process_figures(proc)["seconds"]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100000, 1000000])
    parser.add_argument("--seed", type=int, default=0, help="PYTHONHASHSEED of every check")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--core", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        if args.core is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {args.core})
        print(json.dumps(run_one(args.one)))
        return
    if len(args.sizes) != 2:
        parser.error("give two sizes, SMALL and LARGE")
    small, large = sorted(args.sizes)
    for users in (small, large):
        roster_dir(users)  # generated before anything is timed
    pinned = hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) >= 2
    cores = sorted(os.sched_getaffinity(0))[:2] if pinned else [None, None]
    big = _start(large, cores[0], args.seed)
    small_times: list[float] = []
    while big.poll() is None:
        small_times.append(_seconds(_start(small, cores[1], args.seed)))
    large_s = _seconds(big)
    if not small_times:
        raise SystemExit("the large check ended before one small check: nothing to compare")
    median = statistics.median(small_times)
    print(f"{large:,} users: {large_s:.2f} s" + (" (pinned)" if pinned else ""))
    print(
        f"{small:,} users: median {median:.2f} s of {len(small_times)} runs "
        f"({min(small_times):.2f}-{max(small_times):.2f} s) beside it"
    )
    print(f"growth {large_s / median:.2f}x for {large / small:.1f}x the users")


if __name__ == "__main__":
    main()
